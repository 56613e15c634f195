"""The README states what the benchmarks measured (issue 34): each claim here is read back from its
results file."""
import json, re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _record(name): return json.loads((ROOT / 'results' / name).read_text())


def _metrics(name): return _record(name)['metrics']


def test_demo_time_claim():
    "The README's 'in under two minutes on 2 cores' is the wall time `bench/demo.py` recorded."
    text = (ROOT / 'README.md').read_text()
    m = re.search(r'in under (\w+) minutes on 2 cores', text)
    assert m, 'the README states the demo time'
    minutes = {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5}[m.group(1)]
    demo = _record('bench_demo.json')
    assert demo['meta']['wall_seconds'] <= 60 * minutes and demo['meta']['cpu_count'] == 2
    assert demo['metrics']['goals']['wall time of `enhancer_nets demo`, start-up included ≤ 120 s']['met']


def test_scan_claims_are_measured():
    "The scan speed-ups and the equality the README points to are in results/bench_scan.json."
    scan = _record('bench_scan.json')
    assert all(v['same_windows'] and v['max_abs_diff'] <= 1e-5 for v in scan['data']['equality'].values())
    ratios = set(scan['metrics']['ratios'])
    assert {'conv_vs_windows_stride50', 'conv_vs_windows_stride10', 'conv_vs_windows_stride2'} <= ratios
    assert 'bench_scan.json' in (ROOT / 'README.md').read_text()


def test_auto_claims_are_measured():
    "The README's numbers for `train`'s default are those bench/auto.py recorded, on 2 cores."
    text = ' '.join((ROOT / 'README.md').read_text().split())
    rec = _record('bench_auto.json')
    jobs = rec['metrics']['jobs']
    assert rec['meta']['cpu_count'] == 2 and 'bench_auto.json' in text
    m = re.search(r'default took (\d+) minutes on 2 cores and scored auROC (0\.\d{3}) on the held-out block',
                  text)
    assert m, 'the README states the default run on FANTOM5'
    f = jobs['fantom5']
    assert int(m.group(1)) == round(f['wall_seconds'] / 60)
    assert float(m.group(2)) == round(f['test_auroc']['auto'], 3)
    assert all(g['met'] for k, g in rec['metrics']['goals'].items() if 'wall time' in k)
    m = re.search(r'on the main job.s (\d+) test regions, in a fresh process, it matched the run.s own '
                  r'test scores to within (1e-\d)', text)
    assert m, 'the README states what predict --model OUT measured'
    assert int(m.group(1)) == f['predict']['regions']
    assert f['predict']['max_abs_difference'] <= float(m.group(2))


def test_demo_memory_claim():
    "The README's 'under 1.5 GiB' for the demo is the peak memory bench/demo.py recorded (MiB)."
    text = ' '.join((ROOT / 'README.md').read_text().split())
    assert 'peak memory included (under 1.5 GiB)' in text
    demo = _metrics('bench_demo.json')
    assert demo['peak_rss_mb'] < 1536
    assert demo['goals']['peak memory (RSS) of the demo process < 1.5 GB']['met']


def test_transfer_auto_claim():
    "The README's transfer numbers for the default are those bench/transfer_auto.py recorded over its seeds."
    text = ' '.join((ROOT / 'README.md').read_text().split())
    m = re.search(r'over (\d) seeds, it scored (0\.\d{3}) ± (0\.\d{3}) against (0\.\d{3}) ± (0\.\d{3}) for a '
                  r'gapped k-mer SVM tuned on validation', text)
    assert m and 'deepenhancer_transfer_auto.json' in text, 'the README states the transfer run of the default'
    rec = _record('deepenhancer_transfer_auto.json')
    s = rec['metrics']['summary']
    tuned = s['gapped k-mer linear SVM, (l, k, C) tuned on validation (seeds record)']
    assert int(m.group(1)) == rec['config']['seeds'] == len(rec['metrics']['rows'])
    got = [round(x, 3) for x in (s['auto']['mean'], s['auto']['se'], tuned['mean'], tuned['se'])]
    assert [float(m.group(i)) for i in range(2, 6)] == got
