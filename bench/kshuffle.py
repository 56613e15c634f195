"""Benchmark: k-order shuffle of 100,000 × 500 bp, ours (numba, one batch call) vs ushuffle (C, one call per
sequence).
Writes results/bench_kshuffle.json. Usage: python bench/kshuffle.py [--n 100000] [--length 500]"""
import time, platform, os
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)
import numpy as np
from enhancer_nets.adversarial import kshuffle
from enhancer_nets.core import save_json, run_metadata, results_record, repo_root
from enhancer_nets.data import decode

p = parser(__doc__); p.add_argument('--n', type=int, default=100_000)
p.add_argument('--length', type=int, default=500)
p.add_argument('--out', default=str(repo_root()/'results'/'bench_kshuffle.json')); a = p.parse_args()
x = np.random.default_rng(0).integers(0, 4, (a.n, a.length), dtype=np.uint8)
kshuffle(x[:10], 2, rng=0)                                  # compile once (numba caches it on disk
                                                            # afterwards)
rows = []
for k in (1, 2, 3, 4, 6, 9):
    t = time.perf_counter(); kshuffle(x, k, rng=1); ours = time.perf_counter() - t
    row = dict(k=k, ours_seconds=round(ours, 3))
    try:
        from ushuffle import shuffle
        seqs = [s.encode() for s in decode(x[:10_000])]
        t = time.perf_counter()
        for s in seqs: shuffle(s, k)
        row['ushuffle_seconds_extrapolated'] = round((time.perf_counter() - t) * a.n / len(seqs), 3)
    except ImportError: pass
    rows.append(row); print(row)
write_record(a.out, dict(meta=run_metadata(0, n=a.n, length=a.length, cpu_count=os.cpu_count(),
                                           processor=platform.processor()), rows=rows))
