"""`scan` throughput on hg38 chr22: windows/s of `scan_genome` + `write_scan` (DeepEnhancer's 4conv2pool4norm,
300 bp, stride 50) at two batch sizes, against Keras' own `model.predict` on the same windows materialised as
one array (what a user would write by hand), and peak memory as the scanned length grows 4x (bounded by the
batch, not the length). Writes results/bench_scan.json. Usage: ENHANCER_NETS_DATA=../shared/data python
bench/scan.py"""
import os, sys, json, time, resource, subprocess, tempfile
from pathlib import Path
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
ROOT = Path(__file__).resolve().parent.parent

CHILD = r'''
import os, sys, time, json, resource, tempfile
from pathlib import Path
import numpy as np
from enhancer_nets.data import Genome, resolve, write_fasta, window_codes
from enhancer_nets.deepenhancer import build_model, scan_genome, write_scan
mb, bs, how = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
d = Path(tempfile.mkdtemp())
g22 = Genome(resolve('hg38_chr22/chr22.fa.gz'))
write_fasta(d/'c.fa', {'chr22': g22.fetch('chr22', 20_000_000, 20_000_000 + mb * 1_000_000)})
g = Genome(d/'c.fa')
m = build_model('4conv2pool4norm', 300)
m(np.zeros((2, 300, 4), np.float32))
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
if how == 'scan':
    st = write_scan(scan_genome(m, g, stride=50, batch_size=bs), d/'s.bw', d/'s.bed', g.sizes, 300, 50)
    n = st['windows']
else:   # the hand-written peer: every window one-hot in memory, then Keras' predict
    starts = np.arange(0, g.sizes['chr22'] - 300 + 1, 50)
    x = np.eye(5, 4, dtype=np.float32)[window_codes(g, np.full(len(starts), 'chr22'), starts, 300)]
    p = m.predict(x, batch_size=bs, verbose=0)
    n = len(starts)
dt = time.perf_counter() - t
print(json.dumps(dict(mb=mb, batch_size=bs, how=how, windows=int(n), seconds=round(dt, 2),
                      windows_per_s=round(n / dt, 1),
                      peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                      rss_before_mb=round(rss0, 1))))
'''

def child(*a):
    r = subprocess.run([sys.executable, '-c', CHILD, *map(str, a)], capture_output=True, text=True)
    if r.returncode: raise SystemExit(r.stderr[-3000:])
    return json.loads(r.stdout.strip().splitlines()[-1])

if __name__ == '__main__':
    sys.path.insert(0, str(ROOT))
    from enhancer_nets.core import run_metadata, save_json, results_record
    rows = [child(1, 256, 'scan'), child(1, 1024, 'scan'), child(1, 1024, 'keras_predict'),
            child(4, 1024, 'scan'), child(4, 1024, 'keras_predict')]
    by = {(r['mb'], r['batch_size'], r['how']): r for r in rows}
    ratios = dict(scan_vs_keras_predict_windows_per_s_1mb=round(
                    by[1, 1024, 'scan']['windows_per_s'] / by[1, 1024, 'keras_predict']['windows_per_s'], 3),
                  scan_peak_rss_growth_1mb_to_4mb=round(
                    by[4, 1024, 'scan']['peak_rss_mb'] / by[1, 1024, 'scan']['peak_rss_mb'], 3),
                  keras_predict_peak_rss_growth_1mb_to_4mb=round(
                    by[4, 1024, 'keras_predict']['peak_rss_mb'] / by[1, 1024, 'keras_predict']['peak_rss_mb'],
                    3))
    res = run_metadata(0, data={'chr22': ROOT.parent/'shared'/'data'/'hg38_chr22'/'chr22.fa.gz'}
                       if (ROOT.parent/'shared'/'data').exists() else None,
                       benchmark='scan windows/s on hg38 chr22:20-24 Mb, 4conv2pool4norm, 300 bp, stride 50, '
                                 'CPU (2 cores)',
                       rows=rows, ratios=ratios)
    save_json(ROOT/'results'/'bench_scan.json', results_record(res))
    for r in rows: print(r)
    print(ratios)
