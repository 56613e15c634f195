"""Issue 33's cross-validation target through the CLI defaults: `enhancer_nets evaluate --genome chr22.fa.gz
--positives fantom5_chr22.bed --out RUNS/cv_auto` (default `--archs auto`, 10 balanced genomic blocks,
background negatives, the k-mer spectrum LR and gapped k-mer SVM beside it; no expert flags) on the FANTOM5
chr22 enhancers of results/deepenhancer_cv_region_3.json. The run directory is kept under --runs: a run cut
short resumes where it stopped when this script is run again (each finished network fit and fold is reused),
so the ten folds may take several sittings. Records the fold mean ± SE of every method, auto's paired
differences against each baseline over folds, each fold's seconds and what its stack chose. Goal: the
fold-mean auROC of auto ≥ 0.865 (rc-gpool with 3 members, REGION_RECIPE). Writes
results/deepenhancer_cv_auto.json.
With --partial it runs nothing: it records the folds every method has finished so far (their `done.json`),
marked partial, with auto's fold-by-fold difference from the rc-gpool of deepenhancer_cv_region_3.json on the
same fold numbers (the same balanced blocks of positives; negatives are drawn per run); the goal is not
judged.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/cv_auto.py [--runs runs] [--partial]"""
import json, os, subprocess, sys, time
from pathlib import Path
import numpy as np
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)

COMMAND = 'enhancer_nets evaluate --genome chr22.fa.gz --positives fantom5_chr22.bed --out out'
se = lambda v: float(np.std(v, ddof=1) / np.sqrt(len(v))) if len(v) > 1 else None


def finished_folds(runs: Path) -> dict:
    "{method directory: {fold: auROC}} of the folds with a done.json, from the labels and scores saved there."
    from enhancer_nets.core import load_json
    from sklearn.metrics import roc_auc_score
    out = {}
    for f in sorted(runs.glob('*/fold*/done.json')):
        r = load_json(f)
        auc = float(roc_auc_score(r['label'], r['score']))
        out.setdefault(f.parent.parent.name, {})[int(r['fold'])] = auc
    return out


def partial_record(d: Path) -> dict:
    "What the finished folds say, beside deepenhancer_cv_region_3.json's rc-gpool on the same fold numbers."
    done = finished_folds(d / 'out' / 'runs')
    ref = json.loads((ROOT / 'results' / 'deepenhancer_cv_region_3.json').read_text())['metrics']['methods']
    rc = {f['fold']: f['auroc'] for f in ref['rc-gpool']['folds']}
    auto = done.get('auto', {})
    both = sorted(set(auto) & set(rc))
    diff = [auto[f] - rc[f] for f in both]
    return dict(partial=True, folds_done={k: sorted(v) for k, v in done.items()},
                fold_auroc={k: {str(f): round(a, 4) for f, a in v.items()} for k, v in done.items()},
                summary={k: dict(mean=float(np.mean(list(v.values()))), se=se(list(v.values())),
                                 folds=len(v)) for k, v in done.items()},
                auto_vs_rc_gpool_region_3=dict(folds=both, se=se(diff),
                                               mean_difference=float(np.mean(diff)) if diff else None,
                                               wins=int(sum(x > 0 for x in diff)),
                                               rc_gpool_folds={str(f): rc[f] for f in both}),
                goals={'fold-mean auROC of auto ≥ 0.865': dict(
                    value=None, goal=0.865, met=None,
                    why=f'not judged: {len(auto)} of 10 folds finished')})


def full_record(d: Path) -> dict:
    "The finished evaluate's cv.json: every method's fold mean ± SE, auto's paired differences, the goal."
    from enhancer_nets.core import flat_record
    res = flat_record(json.loads((d / 'out' / 'cv.json').read_text()))
    M = res['methods']
    auc = {k: [f['auroc'] for f in v['folds']] for k, v in M.items()}
    summary = {k: dict(mean=float(np.mean(v)), se=se(v), folds=len(v)) for k, v in auc.items()}
    paired = {k: dict(mean_difference=float(np.mean(np.subtract(auc['auto'], v))),
                      se=se(np.subtract(auc['auto'], v)),
                      wins=int(sum(x > y for x, y in zip(auc['auto'], v))))
              for k, v in auc.items() if k != 'auto'}
    m = summary['auto']['mean']
    return dict(summary=summary, auto_vs=paired, split=res['split'], counts=res['counts'],
                fold_seconds={k: [f.get('seconds') for f in v['folds']] for k, v in M.items()},
                chosen=[f.get('chosen') for f in M['auto']['folds']], statistics=res.get('statistics'),
                goals={'fold-mean auROC of auto ≥ 0.865': dict(value=round(m, 4), goal=0.865,
                                                               met=m >= 0.865)})


if __name__ == '__main__':
    p = parser(__doc__)
    p.add_argument('--partial', action='store_true', help='record the folds finished so far; run nothing')
    a = p.parse_args()
    from enhancer_nets.core import run_metadata
    from enhancer_nets.data import resolve
    from enhancer_nets.deepenhancer import fantom5_chr22
    d = Path(a.runs) / 'cv_auto'
    d.mkdir(parents=True, exist_ok=True)
    bed = d / 'fantom5_chr22.bed'
    if not bed.exists():
        fantom5_chr22()[['chrom', 'start', 'end']].to_csv(bed, sep='\t', header=False, index=False)
    t = time.time()
    if not a.partial:
        cmd = ['enhancer_nets', 'evaluate', '--genome', str(resolve('hg38_chr22/chr22.fa.gz')), '--positives',
               str(bed), '--out', str(d / 'out')]
        r = subprocess.run(cmd, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3'))
        if r.returncode: sys.exit(f'evaluate failed (exit {r.returncode}); run again to resume')
    rec = partial_record(d) if a.partial else full_record(d)
    write_record(ROOT / 'results' / 'deepenhancer_cv_auto.json',
                 dict(**run_metadata(0, command='python bench/cv_auto.py' + ' --partial' * a.partial,
                                     cpu_count=os.cpu_count()),
                      **rec, last_sitting_seconds=round(time.time() - t, 1)),
                 dict(recipe='auto (CLI defaults)', command=COMMAND))
    print(json.dumps({k: rec[k] for k in ('summary', 'auto_vs', 'auto_vs_rc_gpool_region_3') if k in rec},
                     indent=1))
