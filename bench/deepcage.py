"""Benchmark of the DeepCAGE chapter: (1) the max motif score of 401 HOCOMOCO motifs over 1 kb sequences, ours
(one Keras convolution) vs memelite's FIMO (numba; reports hits, so it does a comparable scan at the same
p-value); (2) training throughput of the network when the K training cell types of a locus share one DenseNet
pass (ours) vs the paper's layout of one (locus, cell type) pair per example.
Writes results/bench_deepcage.json.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/deepcage.py [--n 1000] [--steps 20]"""
import os, platform, time
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)
import numpy as np
from enhancer_nets.core import save_json, run_metadata, results_record, repo_root
from enhancer_nets.data import one_hot
from enhancer_nets.motifs import motif_db
from enhancer_nets.deepcage import motif_scores, build_deepcage, CellTypeBatches, SMALL_ARCH, LIU2019
from enhancer_nets.engine import compile_model, Task

p = parser(__doc__); p.add_argument('--n', type=int, default=1000)
p.add_argument('--steps', type=int, default=20)
p.add_argument('--out', default=str(repo_root()/'results'/'bench_deepcage.json')); a = p.parse_args()
rng = np.random.default_rng(0); codes = rng.integers(0, 4, (a.n, 1000), dtype=np.uint8)
db = motif_db('HOCOMOCOv11'); rows = []

motif_scores(codes[:8], db)                                   # warm-up (graph tracing)
t = time.perf_counter(); motif_scores(codes, db, p=1e-3); s = time.perf_counter() - t
rows.append(dict(task=f'max score of {len(db)} motifs, both strands, p<1e-3, {a.n}×1 kb',
                 tool='enhancer_nets.motif_scores (keras conv)',
                 seconds=round(s, 2), rate=round(a.n / s, 1), unit='seq/s'))
try:
    from memelite import fimo
    X = one_hot(codes[:a.n // 4]).transpose(0, 2, 1).astype(np.float32)
    ppms = {k: v.T for k, v in db.items()}
    fimo(ppms, X[:8], threshold=1e-3)                          # numba compile
    t = time.perf_counter(); fimo(ppms, X, threshold=1e-3); s = time.perf_counter() - t
    rows.append(dict(task=rows[0]['task'],
                     tool=f'memelite.fimo (hits at p<1e-3; timed on {len(X)} sequences)',
                     seconds=round(s * a.n / len(X), 2), rate=round(len(X) / s, 1), unit='seq/s'))
except ImportError: rows.append(dict(task=rows[0]['task'], tool='memelite.fimo', skipped='not installed'))

K, B = 3, 64
for name, arch in (('reduced (SMALL_ARCH)', SMALL_ARCH), ('paper size', {})):
    n = B * a.steps; c = codes[:n] if n <= len(codes) else rng.integers(0, 4, (n, 1000), dtype=np.uint8)
    m, E = rng.random((n, 401)).astype(np.float32), rng.random((K, 401)).astype(np.float32)
    y = rng.integers(0, 2, (n, K))
    task = Task('binary_crossentropy', (), 0)
    shared = compile_model(build_deepcage(401, 'full', size=arch), task, LIU2019)
    ds = CellTypeBatches(c, m, E, y, B); shared.fit(ds, epochs=1, steps_per_epoch=2, verbose=0)
    t = time.perf_counter(); shared.fit(ds, epochs=1, verbose=0); s1 = time.perf_counter() - t
    # the paper's layout: each (locus, cell type) pair is one example
    pair = compile_model(build_deepcage(401, 'full', size=arch), task, LIU2019)
    idx = np.repeat(np.arange(n), K)
    class Pairs(CellTypeBatches):
        def __getitem__(self, i):
            j = np.arange(i * self.bs, min((i + 1) * self.bs, len(idx)))
            l, k = idx[j], np.tile(np.arange(K), n)[j]
            return ((one_hot(c[l]).astype(np.float32), m[l], E[k][:, None]),
                    y[l, k][:, None].astype(np.float32))
        def __len__(self): return int(np.ceil(len(idx) / self.bs))
    dp = Pairs(c, m, E, y, B); pair.fit(dp, epochs=1, steps_per_epoch=2, verbose=0)
    t = time.perf_counter(); pair.fit(dp, epochs=1, verbose=0); s2 = time.perf_counter() - t
    for tool, s in (('K cell types per DenseNet pass (ours)', s1),
                    ('one (locus, cell type) pair per example (paper)', s2)):
        rows.append(dict(task=f'training, {name} network, {K} training cell types, {n} loci', tool=tool,
                         seconds=round(s, 2), rate=round(n * K / s, 1), unit='(locus, cell type) pairs/s'))
for r in rows: print(r)
write_record(a.out, dict(meta=run_metadata(0, n=a.n, steps=a.steps, cpu_count=os.cpu_count(),
                                           processor=platform.processor()), rows=rows))
