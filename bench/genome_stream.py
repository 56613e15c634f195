"""Whole-genome streaming in bounded memory: `GenomeWindows` over a `Genome(..., stream=True)` on synthetic
genomes of 50 Mb, 500 Mb and 3 Gb (random sequence in 125 Mb chromosomes, written here with its .fai), each
measured in a fresh process. Reports the loader's windows/s alone and through Keras' PyDataset machinery
(`model.predict` of a trivial model) with 1, 2 and 4 forked workers, and each process's peak RSS. Goal: peak
RSS within 1.5x from 50 Mb to 3 Gb.
Writes results/bench_genome_stream.json. Usage: python bench/genome_stream.py [--quick] [--keep DIR]"""
import json, os, resource, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)
SIZES = {'50Mb': 50_000_000, '500Mb': 500_000_000, '3Gb': 3_000_000_000}
CHROM, LINE = 125_000_000, 60


def make_genome(path: Path, total: int, seed: int = 0):
    "Random ACGT genome of `total` bp in chromosomes of at most 125 Mb, 60 bases a line, with its .fai."
    rng, letters, fai, off = np.random.default_rng(seed), np.frombuffer(b'ACGT', np.uint8), [], 0
    with open(path, 'wb') as f:
        for i, left in enumerate(range(total, 0, -CHROM)):
            n = min(CHROM, left)
            head = f'>chr{i + 1}\n'.encode()
            f.write(head)
            off += len(head)
            fai.append(f'chr{i + 1}\t{n}\t{off}\t{LINE}\t{LINE + 1}\n')
            for s in range(0, n, LINE * 100_000):
                m = min(LINE * 100_000, n - s)
                seq = letters[rng.integers(0, 4, m, dtype=np.uint8)]
                full = m // LINE * LINE
                rows = np.hstack([seq[:full].reshape(-1, LINE), np.full((full // LINE, 1), 10, np.uint8)])
                f.write(rows.tobytes())
                if m > full: f.write(seq[full:].tobytes() + b'\n')
            off += n + -(-n // LINE)
    Path(str(path) + '.fai').write_text(''.join(fai))


CHILD = r'''
import os, sys, json, time, resource
import numpy as np, pandas as pd
from enhancer_nets.data import Genome, GenomeWindows
path, workers, batches = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
g = Genome(path, stream=True)
rng = np.random.default_rng(0)
names = list(g.sizes)
peaks = pd.DataFrame({'chrom': rng.choice(names, 20_000)})          # 20,000 500 bp "peaks", one label column
peaks['start'] = [int(rng.integers(0, g.sizes[c] - 500)) for c in peaks.chrom]
peaks['end'] = peaks.start + 500
held = pd.DataFrame({'chrom': names, 'start': 0,
                     'end': [g.sizes[c] // 10 for c in names]})   # a held-out block
kw = dict(workers=workers, use_multiprocessing=True) if workers else {}
ds = GenomeWindows(g, 1000, batches * 128, targets=[peaks], exclude=held, batch_size=128, seed=0, **kw)
if workers == 0:
    ds[0]
    t = time.perf_counter()
    for i in range(len(ds)): x, y = ds[i]
    rate = len(ds) * 128 / (time.perf_counter() - t)
else:
    import keras
    m = keras.Sequential([keras.Input((1000, 4)), keras.layers.GlobalAveragePooling1D()])
    m.predict(GenomeWindows(g, 1000, 256, batch_size=128), verbose=0)
    t = time.perf_counter()
    m.predict(ds, verbose=0)
    rate = len(ds) * 128 / (time.perf_counter() - t)
print(json.dumps(dict(windows_per_s=round(rate, 1), chromosomes=len(names), genome_bp=sum(g.sizes.values()),
                      peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                      children_peak_rss_mb=round(
                          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1))))
'''


def child(path, workers, batches):
    env = dict(os.environ, KERAS_BACKEND='jax')   # numpy batches straight to the model: no tf.data in between
    r = subprocess.run([sys.executable, '-c', CHILD, str(path), str(workers), str(batches)],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    line = [ln for ln in r.stdout.splitlines() if ln.startswith('{')]
    if not line: raise RuntimeError(r.stderr[-2000:])
    return json.loads(line[-1])


if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--quick', action='store_true', help='50 Mb and 500 Mb only, fewer batches')
    a.add_argument('--keep', help='directory for the synthetic genomes (kept); default: a temporary one')
    a.add_argument('--out', default=str(ROOT/'results'/'bench_genome_stream.json'))
    args = a.parse_args()
    from enhancer_nets.core import run_metadata, save_json, results_record
    t0, rows = time.time(), []
    d = Path(args.keep or tempfile.mkdtemp(prefix='genomes-'))
    d.mkdir(parents=True, exist_ok=True)
    sizes = {k: v for k, v in SIZES.items() if not (args.quick and k == '3Gb')}
    batches = 100 if args.quick else 400
    for name, bp in sizes.items():
        p = d/f'synthetic_{name}.fa'
        if not Path(str(p) + '.fai').exists():
            t = time.time()
            make_genome(p, bp)
            print(f'{name}: written in {time.time() - t:.0f} s', flush=True)
        for w in (0, 1, 2, 4):
            r = dict(genome=name, workers=w, loader='GenomeWindows alone' if w == 0 else
                     'GenomeWindows via keras predict (trivial model), forked workers',
                     **child(p, w, batches))
            rows.append(r)
            print(r, flush=True)
        if not args.keep:
            p.unlink()
            Path(str(p) + '.fai').unlink()
    alone = {r['genome']: r for r in rows if r['workers'] == 0}
    big, small = alone[list(sizes)[-1]], alone['50Mb']
    growth = round(big['peak_rss_mb'] / small['peak_rss_mb'], 3)
    res = dict(meta=run_metadata(0, cpu_count=os.cpu_count(), quick=args.quick, window_bp=1000, batch=128,
                                 batches=batches,
                                 genomes='synthetic random genomes made by this script (seed 0)',
                                 keras_backend_of_the_worker_runs='jax'),
               rows=rows,
               goals={f'peak RSS {list(sizes)[-1]} / 50Mb ≤ 1.5 (genome {big["genome_bp"] / 50e6:.0f}x)':
                      dict(value=growth, goal=1.5, met=growth <= 1.5)},
               wall_seconds=round(time.time() - t0, 1))
    write_record(args.out, res)
    print(json.dumps(res['goals'], indent=1, ensure_ascii=False))
