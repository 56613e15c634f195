"""`enhancer_nets train` with its defaults (`--arch auto`, issue 33) as a new user runs it: a fresh process
per job, on 2 cores, no expert flags. Jobs: the FANTOM5 chr22 main job (regions, the held-out block of the
scoreboard's rows) and about 3,000 labelled 200 bp sequences (distal GM12878 and HepG2 DNase peak summits on
chr22 against background windows of chr22, FASTA per class, drawn test set). Records each run's wall time and
peak memory against issue 33's budget (≤ 15 min each), every candidate's validation and test auROC, the
stack, and the calibration (|ACC at 0.5 − ACC at the validation threshold| ≤ 0.02); then `predict --model
RUN` on the main job's test regions in a fresh process against the run's own final scores. Writes
results/bench_auto.json.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/auto.py [--jobs fantom5,sequences]"""
import json, os, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np, pandas as pd
from common import ROOT, parser, write_record, run_cli, calibration_summary   # bench/common.py


def fantom5_inputs(d: Path) -> list:
    "The main job's positives as a BED, and the CLI arguments that train on them (the defaults otherwise)."
    from enhancer_nets.data import resolve
    from enhancer_nets.deepenhancer import fantom5_chr22
    bed = fantom5_chr22()[['chrom', 'start', 'end']]
    bed.to_csv(d / 'fantom5_chr22.bed', sep='\t', header=False, index=False)
    return ['--genome', str(resolve('hg38_chr22/chr22.fa.gz')), '--positives', str(d / 'fantom5_chr22.bed')]


def sequence_inputs(d: Path, n: int = 1500, width: int = 200, seed: int = 0) -> list:
    """n distal DNase summits (GM12878 ∪ HepG2, chr22, `width` bp) and n background windows of chr22 (no N,
    ≥ 2 kb from any peak of either cell line), as two FASTA files."""
    from enhancer_nets.data import Genome, resolve, write_fasta
    from enhancer_nets.deepenhancer import distal_dnase
    g, rng = Genome(resolve('hg38_chr22/chr22.fa.gz')), np.random.default_rng(seed)
    pos = pd.concat([distal_dnase(c, width=width) for c in ('GM12878', 'HepG2')]).drop_duplicates('start')
    pos = pos.sort_values('start')
    pos = pos[np.r_[True, np.diff(pos.start.to_numpy()) >= width]]          # no two overlapping windows
    pos = pos.iloc[np.sort(rng.permutation(len(pos))[:n])]
    codes, mids = g.codes('chr22'), np.sort(((pos.start + pos.end) // 2).to_numpy())
    bg = []
    for s in rng.integers(11_000_000, len(codes) - 1000, 20 * n):
        j = np.searchsorted(mids, s)
        near = min(abs(s - mids[min(j, len(mids) - 1)]), abs(s - mids[max(j - 1, 0)]))
        if near > 2000 and (codes[s:s + width] < 4).all():
            bg.append(int(s))
        if len(bg) == n: break
    write_fasta(d / 'dnase.fa', {f'dhs{i}': g.fetch('chr22', s, e)
                                 for i, (s, e) in enumerate(zip(pos.start, pos.end))})
    write_fasta(d / 'background.fa', {f'bg{i}': g.fetch('chr22', s, s + width) for i, s in enumerate(bg)})
    return ['--positives', str(d / 'dnase.fa'), '--negatives', str(d / 'background.fa')]


def run_job(name: str, d: Path) -> dict:
    "One job in a fresh process: `enhancer_nets train` with the defaults; wall time, peak memory, the record."
    args = (fantom5_inputs if name == 'fantom5' else sequence_inputs)(d)
    cmd = ['enhancer_nets', 'train', *args, '--out', str(d / 'run')]
    r, wall, peak = run_cli(cmd)
    from enhancer_nets.core import flat_record
    res = flat_record(json.loads((d / 'run' / 'results.json').read_text()))
    R, c = res['results'], res['calibration']
    return dict(command=' '.join(cmd[:2] + [a if not a.startswith('/') else Path(a).name for a in cmd[2:]]),
                wall_seconds=round(wall, 1), peak_rss_mb=peak,
                split=res['split'], counts=res['counts'], window=res['window'], frame=res['frame'],
                test_auroc={k: round(v['auroc'], 4) for k, v in R.items()},
                test_auprc={k: round(v['auprc'], 4) for k, v in R.items()},
                val_auroc={k: v['val_auroc'] for k, v in res['candidates'].items()}, stacking=res['stacking'],
                calibration=calibration_summary(c),
                candidates={k: {x: v.get(x) for x in ('arch', 'width', 'stride', 'members', 'fits',
                                                       'best_epoch', 'train_seconds')}
                            for k, v in res['candidates'].items()},
                printed=r.stdout.strip().splitlines()[-7:])


def predict_check(d: Path) -> dict:
    """`enhancer_nets predict --model RUN` in a fresh process on the main job's test regions, with no option
    about the model: the largest difference from the run's final score in test_scores.tsv (issue 32)."""
    from enhancer_nets.data import resolve
    t = pd.read_csv(d / 'run' / 'test_scores.tsv', sep='\t')
    t[['chrom', 'start', 'end']].to_csv(d / 'test.bed', sep='\t', header=False, index=False)
    cmd = ['enhancer_nets', 'predict', '--model', str(d / 'run'), '--genome',
           str(resolve('hg38_chr22/chr22.fa.gz')), '--regions', str(d / 'test.bed'),
           '--out', str(d / 'p.bed')]
    t0 = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3'))
    if r.returncode: sys.exit(r.stderr[-3000:])
    p = pd.read_csv(d / 'p.bed', sep='\t', header=None)
    return dict(command='enhancer_nets predict --model run --genome chr22.fa.gz --regions test.bed',
                regions=len(t), max_abs_difference=float(np.abs(p[4].to_numpy() - t.score.to_numpy()).max()),
                wall_seconds=round(time.time() - t0, 1))


def goals(jobs: dict) -> dict:
    "Issue 33's budget and calibration goals, per job."
    out = {}
    for k, j in jobs.items():
        out[f'{k}: wall time of the default `train` ≤ 15 min'] = dict(value=j['wall_seconds'], goal=900,
                                                                      met=j['wall_seconds'] <= 900)
        d = j['calibration']['difference']
        out[f'{k}: |ACC at 0.5 − ACC at the validation threshold| ≤ 0.02'] = dict(value=d, goal=0.02,
                                                                                   met=d <= 0.02)
    if 'fantom5' in jobs:
        a = jobs['fantom5']['test_auroc']['auto']
        out['fantom5: held-out block auROC ≥ 0.749 (the best single method measured before)'] = dict(
            value=a, goal=0.749, met=a >= 0.749)
    return out


if __name__ == '__main__':
    p = parser(__doc__)
    p.add_argument('--jobs', default='fantom5,sequences')
    p.add_argument('--out', default=str(ROOT / 'results' / 'bench_auto.json'))
    a = p.parse_args()
    from enhancer_nets.core import run_metadata
    meta = run_metadata(0, command='python bench/auto.py', cpu_count=os.cpu_count())
    jobs, dirs = {}, {}
    for name in a.jobs.split(','):
        dirs[name] = Path(tempfile.mkdtemp(prefix=f'auto-{name}-'))
        jobs[name] = run_job(name, dirs[name])
        print(name, json.dumps({k: jobs[name][k] for k in ('wall_seconds', 'peak_rss_mb', 'test_auroc',
                                                            'calibration')}, ensure_ascii=False))
    if 'fantom5' in jobs:   # after every job, so that its memory is not counted in a job's peak
        jobs['fantom5']['predict'] = predict_check(dirs['fantom5'])
        print('predict --model run:', jobs['fantom5']['predict'])
    g = goals(jobs)
    write_record(a.out, dict(**meta, jobs=jobs, goals=g),
                                    dict(job_names=a.jobs.split(','), recipe='auto (CLI defaults)'))
    print(json.dumps(g, indent=1, ensure_ascii=False))
