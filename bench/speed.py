"""Benchmarks side by side with the tools a user would pick instead, in one process on the same inputs
(backends each in a subprocess). Writes results/bench.json (machine, versions, medians over repeats, ratios)
and prints a table. Ratios, not absolute times, are what we quote: these machines are noisy.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/run.py [--quick]"""
import json, os, platform, resource, subprocess, sys, time, tracemalloc
from pathlib import Path
import numpy as np
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)

def timeit(f, repeats=5, warmup=1):
    "Median seconds of `repeats` calls after `warmup` calls, and the peak traced memory (MB) of one call."
    for _ in range(warmup): f()
    ts = []
    for _ in range(repeats):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    tracemalloc.start(); f(); peak = tracemalloc.get_traced_memory()[1] / 2**20; tracemalloc.stop()
    return float(np.median(ts)), round(peak, 1)

def row(task, tool, sec, peak_mb, unit_count, unit, **kw):
    return dict(task=task, tool=tool, seconds=round(sec, 5), rate=round(unit_count / sec, 1), unit=unit,
                peak_mb=peak_mb, **kw)

def bench_one_hot(n, L, repeats):
    from enhancer_nets.data import one_hot, encode
    rng = np.random.default_rng(0)
    seqs = [''.join(s) for s in np.array(list('ACGT'))[rng.integers(0, 4, (n, L))]]
    rows = []
    s, m = timeit(lambda: one_hot(seqs, dtype=np.uint8), repeats)
    rows.append(row('one-hot 1 kb sequences', 'enhancer_nets.one_hot', s, m, n, 'seq/s'))
    buf = np.zeros(n * L * 4, np.uint8); dst = np.empty_like(buf)
    s, m = timeit(lambda: np.copyto(dst, buf), repeats)
    rows.append(row('one-hot 1 kb sequences', 'memory copy of the output bytes (bound)', s, m, n, 'seq/s'))
    naive = lambda: np.array([[[c == b for b in 'ACGT'] for c in q] for q in seqs[:max(n // 100, 1)]],
                             np.uint8)
    s, m = timeit(naive, 1, 0)
    rows.append(row('one-hot 1 kb sequences',
                    'naive per-character Python (1 % of the set, rate extrapolated)', s * 100, m, n, 'seq/s'))
    try:
        from tangermeme.utils import one_hot_encode
        f = lambda: [one_hot_encode(q) for q in seqs]
        s, m = timeit(f, max(repeats // 2, 1))
        rows.append(row('one-hot 1 kb sequences', 'tangermeme.utils.one_hot_encode (per sequence)', s, m, n,
                        'seq/s'))
    except ImportError:
        rows.append(dict(task='one-hot 1 kb sequences', tool='tangermeme', skipped='not installed'))
    try:
        import seqpro as sp
        arr = np.array(seqs, dtype=f'S{L}').view('S1').reshape(n, L)
        s, m = timeit(lambda: sp.ohe(arr, alphabet=sp.DNA), repeats)
        rows.append(row('one-hot 1 kb sequences', 'seqpro.ohe', s, m, n, 'seq/s'))
    except ImportError:
        rows.append(dict(task='one-hot 1 kb sequences', tool='seqpro', skipped='not installed'))
    try:
        from enhancer_nets.data import Genome, resolve
        txt = Genome(resolve('hg38_chr22/chr22.fa.gz')).fetch('chr22', 0, 50_818_468)
        s, m = timeit(lambda: one_hot(txt, dtype=np.uint8), 3)
        rows.append(row('one-hot whole chr22 (50.8 Mb)', 'enhancer_nets.one_hot', s, m, len(txt) / 1e6,
                        'Mb/s'))
        out = np.zeros(len(txt) * 4, np.uint8); d2 = np.empty_like(out)
        s, m = timeit(lambda: np.copyto(d2, out), 3)
        rows.append(row('one-hot whole chr22 (50.8 Mb)', 'memory copy of the output bytes (bound)', s, m,
                        len(txt) / 1e6, 'Mb/s'))
    except Exception as e:
        rows.append(dict(task='one-hot whole chr22', tool='enhancer_nets.one_hot', skipped=str(e)[:120]))
    return rows

def bench_kshuffle(n, L, repeats):
    from enhancer_nets.adversarial import kshuffle
    from enhancer_nets.data import decode
    x = np.random.default_rng(0).integers(0, 4, (n, L), dtype=np.uint8); kshuffle(x[:10], 2, rng=0); rows = []
    for k in (2, 3, 4):
        kshuffle(x[:5], k, rng=0)
        s, m = timeit(lambda: kshuffle(x, k, rng=1), repeats)
        rows.append(row(f'k-shuffle k={k}, {n}×{L} bp', 'enhancer_nets.kshuffle (numba, parallel rows)', s,
                        m, n, 'seq/s'))
        try:
            from ushuffle import shuffle
            seqs = [q.encode() for q in decode(x)]
            s, m = timeit(lambda: [shuffle(q, k) for q in seqs], repeats)
            rows.append(row(f'k-shuffle k={k}, {n}×{L} bp', 'ushuffle (C)', s, m, n, 'seq/s'))
        except ImportError:
            rows.append(dict(task=f'k-shuffle k={k}', tool='ushuffle', skipped='not installed'))
    return rows

def bench_motifs(repeats):
    from enhancer_nets.deepenhancer import build_model
    from enhancer_nets.motifs import enumeration_ppms, tomtom_table, motif_db
    m = build_model('4conv2pool4norm'); rows = []
    s, mem = timeit(lambda: enumeration_ppms(m), repeats)
    rows.append(row('kernel → PWM, all 4^8 8-mers × 128 filters', 'enhancer_nets.enumeration_ppms', s, mem,
                    1, 'model/s', ms=round(s * 1e3, 1)))
    q = {f'f{i}': p['ppm'] for i, p in enumerate(enumeration_ppms(m, weight='activation'))}
    rng = np.random.default_rng(0)
    q = {k: rng.dirichlet([.4] * 4, 10) for k in q}      # 128 informative 10-bp queries
    db = motif_db('JASPAR2024')
    s, mem = timeit(lambda: tomtom_table(q, db, min_ic=0, trim_ic=0), max(repeats // 2, 1))
    rows.append(row('TOMTOM 128 filters vs JASPAR 2024 CORE vertebrates (warm)', 'memelite via tomtom_table',
                    s, mem, 128, 'queries/s'))
    return rows

BACKEND_SCRIPT = r'''
import os, sys, time, json, resource
os.environ['KERAS_BACKEND'] = sys.argv[1]; os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np, keras
from enhancer_nets.deepenhancer import build_model
from enhancer_nets.recipes import MIN2017
from enhancer_nets.engine import compile_model, TWO_CLASS
steps = int(sys.argv[2]); bs = 128
m = compile_model(build_model('4conv2pool4norm'), TWO_CLASS, MIN2017); rng = np.random.default_rng(0)
x = np.eye(4, dtype='float32')[rng.integers(0, 4, (bs, 300))]; y = rng.integers(0, 2, bs)
for _ in range(3): m.train_on_batch(x, y)
ts = []
for _ in range(steps): t = time.perf_counter(); m.train_on_batch(x, y); ts.append(time.perf_counter() - t)
xp = np.concatenate([x] * 4); m.predict_on_batch(xp); tp = []
for _ in range(steps):
    t = time.perf_counter(); np.asarray(m.predict_on_batch(xp)); tp.append(time.perf_counter() - t)
flops = 0   # multiply-adds × 2 of one forward pass of one window
for l in m.layers:
    if isinstance(l, keras.layers.Conv1D):
        flops += 2 * l.output.shape[1] * l.kernel.shape[0] * l.kernel.shape[1] * l.kernel.shape[2]
    if isinstance(l, keras.layers.Dense): flops += 2 * l.kernel.shape[0] * l.kernel.shape[1]
a = np.random.default_rng(1).random((2048, 2048), dtype=np.float32); mm = []
for _ in range(5):
    t = time.perf_counter(); keras.ops.convert_to_numpy(keras.ops.matmul(a, a))
    mm.append(time.perf_counter() - t)
peak = 2 * 2048 ** 3 / float(np.median(mm))
import tempfile
from pathlib import Path
from enhancer_nets.data import Genome, write_fasta
from enhancer_nets.workflows import scan_genome
d = Path(tempfile.mkdtemp())   # scan: 200 kb of random sequence, 300 bp windows at stride 10 (19,971 windows)
g = Genome(write_fasta(d/'s.fa', {'s': ''.join(np.random.default_rng(2).choice(list('ACGT'), 200_000))}))
sum(len(c[1]) for c in scan_genome(m, g, stride=1000, batch_size=512))
t = time.perf_counter(); nw = sum(len(c[1]) for c in scan_genome(m, g, stride=10, batch_size=512))
sr = nw / (time.perf_counter() - t)
tr = bs / float(np.median(ts)); pr = len(xp) / float(np.median(tp))
print(json.dumps(dict(backend=sys.argv[1], train_windows_per_s=round(tr, 1),
                      predict_windows_per_s=round(pr, 1),
                      scan_windows_per_s=round(sr, 1), scan_fraction_of_peak=round(flops * sr / peak, 3),
                      flops_per_window_forward=flops,
                      train_gflops=round(3 * flops * tr / 1e9, 2), predict_gflops=round(flops * pr / 1e9, 2),
                      matmul_peak_gflops=round(peak / 1e9, 1),
                      train_fraction_of_peak=round(3 * flops * tr / peak, 3),
                      predict_fraction_of_peak=round(flops * pr / peak, 3),
                      peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1))))
'''

def bench_backends(steps):
    out = []
    for be in ('tensorflow', 'jax', 'torch'):
        r = subprocess.run([sys.executable, '-c', BACKEND_SCRIPT, be, str(steps)], capture_output=True,
                           text=True)
        line = [l for l in r.stdout.splitlines() if l.startswith('{')]
        out.append(json.loads(line[-1]) if line else
                   dict(backend=be, skipped=(r.stderr.strip().splitlines() or ['failed'])[-1][:160]))
    return out

def bench_pipeline(batches):
    from enhancer_nets.data import Genome, resolve, window_index, WindowDataset
    from enhancer_nets.deepenhancer import fantom5_chr22
    g = Genome(resolve('hg38_chr22/chr22.fa.gz')); g.codes('chr22')
    w = window_index(fantom5_chr22(), 300, 2, sizes=g.sizes)
    ds = WindowDataset(g, w, np.ones(w.region.max() + 1, int), 300, 128, shuffle=True, seed=0)
    s, m = timeit(lambda: [ds[i] for i in range(batches)], 3)
    rows = [row('window extraction + one-hot from the genome (stride 2, 300 bp)',
                'enhancer_nets.WindowDataset', s, m, batches * 128, 'windows/s')]
    from enhancer_nets.data import GenomeWindows
    gs = GenomeWindows(Genome(resolve('hg38_chr22/chr22.fa.gz'), stream=True), 300, batches * 128,
                       batch_size=128)
    s, m = timeit(lambda: [gs[i] for i in range(batches)], 3)
    rows.append(row('random windows streamed from the FASTA file (300 bp, no chromosome loaded)',
                    'enhancer_nets.GenomeWindows', s, m, batches * 128, 'windows/s'))
    return rows

if __name__ == '__main__':
    a = parser(__doc__); a.add_argument('--quick', action='store_true')
    a.add_argument('--out', default=str(ROOT/'results'/'bench.json')); args = a.parse_args()
    from enhancer_nets.core import run_metadata, save_json, results_record
    q = args.quick; t0 = time.time()
    backends = bench_backends(5 if q else 20)       # first: a child's peak RSS must not inherit this
                                                    # process's
    rows = (bench_one_hot(2_000 if q else 100_000, 1000, 3 if q else 5)
            + bench_kshuffle(1_000 if q else 10_000, 500, 3) + bench_motifs(3)
            + bench_pipeline(10 if q else 40))
    fastest = max((b for b in backends if 'train_windows_per_s' in b), key=lambda b: b['train_windows_per_s'],
                  default=None)
    pipe = next(r for r in rows if r['tool'] == 'enhancer_nets.WindowDataset')
    stream = next(r for r in rows if r['tool'] == 'enhancer_nets.GenomeWindows')
    by = lambda task, tool: next((r for r in rows if r['task'].startswith(task) and r['tool'].startswith(tool)
                                  and 'rate' in r), None)
    ours, copy = by('one-hot 1 kb', 'enhancer_nets'), by('one-hot 1 kb', 'memory copy')
    peers = [r for r in rows if r['task'].startswith('one-hot 1 kb') and 'rate' in r
             and r['tool'].split('.')[0] in ('tangermeme', 'seqpro')]
    goals = {'one-hot ≥ 2× the fastest peer':
                 (round(ours['rate'] / max(p['rate'] for p in peers), 2) if peers else None, 2.0),
             'one-hot within 3× of a memory copy (copy time / ours, ≥ 1/3)':
                 (round(copy['seconds'] / ours['seconds'], 3), 1 / 3),
             f'loader (WindowDataset) ≥ 20× the fastest backend\'s training '
             f'({fastest["backend"] if fastest else "-"})':
                 (round(pipe['rate'] / fastest['train_windows_per_s'], 1) if fastest else None, 20.0),
             f'streamed loader (GenomeWindows) ≥ 20× the fastest backend\'s training '
             f'({fastest["backend"] if fastest else "-"})':
                 (round(stream['rate'] / fastest['train_windows_per_s'], 1) if fastest else None, 20.0)}
    for k in (2, 3, 4):
        o, u = by(f'k-shuffle k={k}', 'enhancer_nets'), by(f'k-shuffle k={k}', 'ushuffle')
        goals[f'k-shuffle k={k} at least ushuffle\'s speed (ushuffle time / ours, ≥ 1)'] = (
            round(u['seconds'] / o['seconds'], 2) if u else None, 1.)
    goals = {k: dict(value=v, goal=g, met=None if v is None else bool(v >= g)) for k, (v, g) in goals.items()}
    res = dict(meta=run_metadata(0, machine=platform.processor() or platform.machine(),
                                 cpu_count=os.cpu_count(), quick=q,
                                 note='medians over repeats; ratios are what we quote'),
               rows=rows, backends=backends, goals=goals, wall_seconds=round(time.time() - t0, 1))
    write_record(args.out, res)
    import pandas as pd
    print(pd.DataFrame([r for r in rows if 'rate' in r])
          [['task', 'tool', 'seconds', 'rate', 'unit', 'peak_mb']].to_string(index=False))
    print(pd.DataFrame(backends).to_string(index=False))
    print(pd.DataFrame(goals).T.to_string())
