"""Issue 33's cross-validation target through the CLI defaults: `enhancer_nets evaluate --genome chr22.fa.gz
--positives fantom5_chr22.bed --out RUNS/cv_auto` (default `--archs auto`, 10 balanced genomic blocks,
background negatives, the k-mer spectrum LR and gapped k-mer SVM beside it; no expert flags) on the FANTOM5
chr22 enhancers of results/deepenhancer_cv_region_3.json. The run directory is kept under --runs: a run cut
short resumes where it stopped when this script is run again (each finished network fit and fold is reused),
so the ten folds may take several sittings. Records the fold mean ± SE of every method, auto's paired
differences against each baseline over folds, each fold's seconds and what its stack chose. Goal: the
fold-mean auROC of auto ≥ 0.865 (rc-gpool with 3 members, REGION_RECIPE). Writes
results/deepenhancer_cv_auto.json.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/cv_auto.py [--runs runs]"""
import json, os, subprocess, sys, time
from pathlib import Path
import numpy as np
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__).parse_args()
    from enhancer_nets.core import run_metadata, flat_record
    from enhancer_nets.data import resolve
    from enhancer_nets.deepenhancer import fantom5_chr22
    d = Path(a.runs) / 'cv_auto'
    d.mkdir(parents=True, exist_ok=True)
    bed = d / 'fantom5_chr22.bed'
    if not bed.exists():
        fantom5_chr22()[['chrom', 'start', 'end']].to_csv(bed, sep='\t', header=False, index=False)
    cmd = ['enhancer_nets', 'evaluate', '--genome', str(resolve('hg38_chr22/chr22.fa.gz')), '--positives',
           str(bed), '--out', str(d / 'out')]
    t = time.time()
    r = subprocess.run(cmd, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3'))
    if r.returncode: sys.exit(f'evaluate failed (exit {r.returncode}); run again to resume')
    res = flat_record(json.loads((d / 'out' / 'cv.json').read_text()))
    M = res['methods']
    se = lambda v: float(np.std(v, ddof=1) / np.sqrt(len(v)))
    auc = {k: [f['auroc'] for f in v['folds']] for k, v in M.items()}
    summary = {k: dict(mean=float(np.mean(v)), se=se(v), folds=len(v)) for k, v in auc.items()}
    paired = {k: dict(mean_difference=float(np.mean(np.subtract(auc['auto'], v))),
                      se=se(np.subtract(auc['auto'], v)),
                      wins=int(sum(x > y for x, y in zip(auc['auto'], v))))
              for k, v in auc.items() if k != 'auto'}
    m = summary['auto']['mean']
    write_record(ROOT / 'results' / 'deepenhancer_cv_auto.json',
                 dict(**run_metadata(0, command='python bench/cv_auto.py', cpu_count=os.cpu_count()),
                      summary=summary, auto_vs=paired, split=res['split'], counts=res['counts'],
                      fold_seconds={k: [f.get('seconds') for f in v['folds']] for k, v in M.items()},
                      chosen=[f.get('chosen') for f in M['auto']['folds']],
                      statistics=res.get('statistics'), last_sitting_seconds=round(time.time() - t, 1),
                      goals={'fold-mean auROC of auto ≥ 0.865': dict(value=round(m, 4), goal=0.865,
                                                                     met=m >= 0.865)}),
                 dict(recipe='auto (CLI defaults)',
                      command='enhancer_nets evaluate --genome chr22.fa.gz --positives fantom5_chr22.bed '
                              '--out out'))
    print(json.dumps(dict(summary=summary, auto_vs=paired), indent=1))
