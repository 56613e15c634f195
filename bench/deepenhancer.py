"""Benchmark: DeepEnhancer 4conv2pool4norm on hg38 chr22 windows — input pipeline windows/s (WindowDataset:
genome codes → one-hot batches), training windows/s (optimizer steps) and prediction windows/s, on the
active Keras backend.
The pipeline must deliver at least 20× the training rate, so training is never data-bound.
Writes results/bench_deepenhancer.json.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/deepenhancer.py [--batches 40]"""
import time, platform, os
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)
import numpy as np, keras
from enhancer_nets.core import save_json, run_metadata, results_record, repo_root
from enhancer_nets.data import Genome, resolve, window_index, WindowDataset
from enhancer_nets.deepenhancer import fantom5_chr22, build_model
from enhancer_nets.recipes import MIN2017
from enhancer_nets.engine import compile_model, TWO_CLASS

p = parser(__doc__); p.add_argument('--batches', type=int, default=40)
p.add_argument('--batch_size', type=int, default=128)
p.add_argument('--out', default=str(repo_root()/'results'/'bench_deepenhancer.json')); a = p.parse_args()
g = Genome(resolve('hg38_chr22/chr22.fa.gz'))
g.codes('chr22')              # decode the chromosome once (cached)
w = window_index(fantom5_chr22(), 300, 2, sizes=g.sizes)
ds = WindowDataset(g, w, np.ones(len(w) and w.region.max() + 1, int), 300, a.batch_size, shuffle=True, seed=0)
n = min(a.batches, len(ds))
t = time.perf_counter()
for i in range(n): ds[i]
pipe = n * a.batch_size / (time.perf_counter() - t)
m = compile_model(build_model('4conv2pool4norm'), TWO_CLASS, MIN2017)
x, y = ds[0]; m.train_on_batch(x, y); m.predict_on_batch(x)                   # build / compile once
t = time.perf_counter()
for i in range(min(n, 10)): m.train_on_batch(*ds[i])
train = min(n, 10) * a.batch_size / (time.perf_counter() - t)
xb = np.concatenate([ds[i][0] for i in range(4)])
t = time.perf_counter()
for _ in range(3): m.predict_on_batch(xb)
pred = 3 * len(xb) / (time.perf_counter() - t)
res = dict(meta=run_metadata(0, backend=keras.backend.backend(), batch_size=a.batch_size,
                             cpu_count=os.cpu_count(), processor=platform.processor(),
                             windows_total_stride2=len(w)),
           pipeline_windows_per_s=round(pipe, 1), train_windows_per_s=round(train, 1),
           predict_windows_per_s=round(pred, 1),
           pipeline_over_train=round(pipe / train, 1), pipeline_fast_enough=bool(pipe >= 20 * train),
           paper='Min et al. 2017: 376 s per epoch on a K80 GPU at stride 2 (FANTOM5 genome-wide)',
           epoch_seconds_estimate_chr22_stride2=round(len(w) / train, 1))
print(res)
write_record(a.out, res)
