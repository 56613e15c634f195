"""`enhancer_nets demo` as a new user runs it: a fresh process, start-up included, on 2 cores. Records the
wall time and what the demo measured (the network's auROC next to the PSSM oracle's and the k-mer baseline's
on the held-out blocks, the TOMTOM match of its best filter) and the process's peak memory against the targets
of issue 34: at most 2 min, within 0.03 of the oracle, best filter matched to a C/EBP motif at q < 0.05, under
1.5 GB. Writes results/bench_demo.json. Usage: python bench/demo.py [--n N]"""
import json, os, resource, subprocess, sys, tempfile, time
from pathlib import Path
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--n', type=int, default=None, help='sequences per class (default: the demo default)')
    a.add_argument('--recipe', default=None, help="'default' or 'adam' (default: the demo's default)")
    a.add_argument('--out', default=str(ROOT/'results'/'bench_demo.json'))
    args = a.parse_args()
    from enhancer_nets.core import run_metadata, save_json, results_record
    d = Path(tempfile.mkdtemp(prefix='demo-'))
    cmd = ['enhancer_nets', 'demo', '--out', str(d)] + (['--n', str(args.n)] if args.n else []) \
        + (['--recipe', args.recipe] if args.recipe else [])
    t = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3'))
    wall = time.time() - t
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if r.returncode: sys.exit(r.stderr[-3000:])
    from enhancer_nets.core import flat_record
    res = flat_record(json.loads((d/'run'/'results.json').read_text()))
    R = res['results']
    net, orc, kmer = R[res['arch']]['auroc'], R['PSSM oracle (true PWM + positional prior)']['auroc'], \
        R['kmer_spectrum_k1-6_logreg']['auroc']
    tt = res['best_filter']['tomtom']
    top, q = (tt[0]['target'], tt[0]['q']) if tt else (None, None)
    goals = {'wall time of `enhancer_nets demo`, start-up included ≤ 120 s':
                 dict(value=round(wall, 1), goal=120, met=wall <= 120),
             'network auROC within 0.03 of the PSSM oracle (oracle − network ≤ 0.03)':
                 dict(value=round(orc - net, 4), goal=0.03, met=orc - net <= 0.03),
             'best filter matched to a C/EBP motif by TOMTOM at q < 0.05 (top JASPAR 2024 match)':
                 dict(value=f'{top} (q = {q:.3g})' if top else None, goal='CEBP*, q < 0.05',
                      met=bool(top and 'CEBP' in top.upper() and q < 0.05)),
             'peak memory (RSS) of the demo process < 1.5 GB': dict(value=round(peak_mb, 1), goal=1536,
                                                                     met=peak_mb < 1536)}
    write_record(
        args.out, dict(**run_metadata(0, command=' '.join(cmd[:2]), cpu_count=os.cpu_count()),
             split=res.get('split'), counts=res.get('counts'), auroc=dict(network=net, oracle=orc, kmer=kmer),
             network=res['arch'],
             best_filter=res['best_filter'], epochs_run=res.get('epochs_run'),
             train_seconds=res.get('train_seconds'), wall_seconds=round(wall, 1),
             peak_rss_mb=round(peak_mb, 1), goals=goals, printed=r.stdout.strip().splitlines()[-8:]),
        dict(recipe=res.get('recipe'), n=args.n, train=res.get('train')))
    print(r.stdout[-2500:])
    print(json.dumps(goals, indent=1, ensure_ascii=False))
