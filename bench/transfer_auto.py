"""Issue 33's transfer target through the CLI defaults: `enhancer_nets train --table T --out RUN` (the
default `--arch auto`, no expert flags) on each seed's GM12878 distal DNase set of
results/deepenhancer_transfer_seeds.json: the same training sample (500 positives at most), background
negatives, validation and test rows, as a table of 400 bp sequences with their split. A fresh process per
seed. Records per seed the auto run's test auROC, every candidate's, the calibration, wall time and peak
memory, and, paired on the same seed's data, the tuned gapped k-mer SVM of the seeds record (trained on
training + validation): their means ± SE, paired differences and a Wilcoxon signed-rank test. Goal: the
mean auto auROC ≥ 0.778 (the tuned SVM's mean). Writes results/deepenhancer_transfer_auto.json.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/transfer_auto.py [--seeds 5]"""
import json, os, tempfile
from pathlib import Path
import numpy as np, pandas as pd
from common import ROOT, parser, write_record, run_cli, calibration_summary   # bench/common.py

TUNED = 'gapped k-mer linear SVM, (l, k, C) tuned on validation'


def seed_table(seed: int, path: Path) -> dict:
    "The seed's transfer regions as a table (sequence, label, split, name); its counts per split."
    from enhancer_nets.data import Genome, resolve
    from enhancer_nets.deepenhancer import TransferConfig, _transfer_parts   # the seeds record's own sets
    g = Genome(resolve('hg38_chr22/chr22.fa.gz'))
    parts = _transfer_parts(g, TransferConfig(seed=seed, region_only=True), 300)
    rows = [pd.DataFrame(dict(sequence=[g.fetch(c, s, e) for c, s, e in zip(p.chrom, p.start, p.end)],
                              label=p.label.to_numpy(), split=name,
                              name=[f'{c}:{s}-{e}' for c, s, e in zip(p.chrom, p.start, p.end)]))
            for name, p in parts.items()]
    pd.concat(rows, ignore_index=True).to_csv(path, sep='\t', index=False)
    return {k: dict(pos=int(p.label.sum()), neg=int((p.label == 0).sum())) for k, p in parts.items()}


def run_seed(seed: int, d: Path) -> dict:
    "One seed: the table, then `enhancer_nets train --table` with the defaults in a fresh process."
    counts = seed_table(seed, d / 'transfer.tsv')
    cmd = ['enhancer_nets', 'train', '--table', str(d / 'transfer.tsv'), '--out', str(d / 'run')]
    r, wall, peak = run_cli(cmd)
    from enhancer_nets.core import flat_record
    res = flat_record(json.loads((d / 'run' / 'results.json').read_text()))
    R, c = res['results'], res['calibration']
    return dict(seed=seed, counts=counts, wall_seconds=round(wall, 1),
                peak_rss_mb=peak,
                test_auroc={k: round(v['auroc'], 4) for k, v in R.items()},
                val_auroc={k: v['val_auroc'] for k, v in res['candidates'].items()},
                stacking=res['stacking'],
                calibration=calibration_summary(c))


def summary(rows: list, tuned: list) -> dict:
    "Means ± SE over seeds of auto and each candidate; auto against the tuned SVM, paired by seed."
    from scipy.stats import wilcoxon
    se = lambda v: float(np.std(v, ddof=1) / np.sqrt(len(v))) if len(v) > 1 else None
    out = {k: dict(mean=float(np.mean([r['test_auroc'][k] for r in rows])),
                   se=se([r['test_auroc'][k] for r in rows])) for k in rows[0]['test_auroc']}
    out[TUNED + ' (seeds record)'] = dict(mean=float(np.mean(tuned)), se=se(tuned))
    d = [r['test_auroc']['auto'] - t for r, t in zip(rows, tuned)]
    paired = dict(mean_difference=float(np.mean(d)), se=se(d), wins=int(sum(x > 0 for x in d)), seeds=len(d),
                  wilcoxon_p=float(wilcoxon(d).pvalue) if len(d) > 1 and any(d) else None)
    return dict(summary=out, auto_vs_tuned_svm=paired)


if __name__ == '__main__':
    p = parser(__doc__)
    p.add_argument('--seeds', type=int, default=5)
    a = p.parse_args()
    from enhancer_nets.core import run_metadata
    seeds_rec = json.loads((ROOT / 'results' / 'deepenhancer_transfer_seeds.json').read_text())['metrics']
    tuned = {r['seed']: r[TUNED] for r in seeds_rec['rows']}
    meta = run_metadata(0, command='python bench/transfer_auto.py', cpu_count=os.cpu_count())
    rows = []
    for s in range(a.seeds):
        rows.append(run_seed(s, Path(tempfile.mkdtemp(prefix=f'transfer-auto-{s}-'))))
        print(json.dumps({k: rows[-1][k] for k in ('seed', 'wall_seconds', 'test_auroc', 'calibration')}),
              flush=True)
    s = summary(rows, [tuned[r['seed']] for r in rows])
    m, cal = s['summary']['auto']['mean'], max(r['calibration']['difference'] for r in rows)
    goals = {'mean auto test auROC over seeds ≥ 0.778 (the tuned gapped k-mer SVM)':
             dict(value=round(m, 4), goal=0.778, met=m >= 0.778),
             'every seed: |ACC at 0.5 − ACC at the validation threshold| ≤ 0.02':
             dict(value=cal, goal=0.02, met=cal <= 0.02)}
    split = dict(kind='genomic blocks', blocks=dict(train=[0.0, 0.65], val=[0.65, 0.75], test=[0.75, 1.0]),
                 chroms=['chr22'],
                 note='the seeds record\'s sets, given to the CLI as a table with its split')
    write_record(ROOT / 'results' / 'deepenhancer_transfer_auto.json',
                 dict(**meta, rows=rows, **s, goals=goals, split=split),
                 dict(seeds=a.seeds, recipe='auto (CLI defaults)',
                      command='enhancer_nets train --table transfer.tsv --out run'))
    print(json.dumps(s, indent=1), json.dumps(goals, indent=1, ensure_ascii=False))
