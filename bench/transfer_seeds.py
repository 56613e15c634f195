"""Seed spread of the transfer benchmark (GM12878 distal DNase, the blocks of
results/deepenhancer_transfer.json): the window network 4conv2pool4norm trained from scratch under the default
recipe (AdamW 5e-4, warm-up + cosine, clipping, reverse-complement augmentation, both strands at test time;
one member, or an ensemble of `--members` averaged (the default recipe proper); the settings of
results/deepenhancer_transfer_refit.json), next to both gapped k-mer SVMs, for seeds 0..S-1. The seed draws
the 500 training positives, the background negatives, the initialisation and the batch order, so every seed is
a paired comparison on its own data. Writes results/deepenhancer_transfer_seeds.json (one member) or
results/deepenhancer_transfer_seeds_Mmembers.json: per seed the test auROC of each method and the network's
validation auROC, their means ± SE, and a Wilcoxon signed-rank test of network vs SVM over seeds.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/transfer_seeds.py [--seeds 5] [--members 1]
       [--runs D]"""
import os
from pathlib import Path
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--seeds', type=int, default=5)
    a.add_argument('--members', type=int, default=1)
    args = a.parse_args()
    import numpy as np
    from scipy.stats import wilcoxon
    from enhancer_nets.core import save_json, run_metadata, results_record, flat_record
    from enhancer_nets.engine import default_recipe
    from enhancer_nets.deepenhancer import deepenhancer_transfer
    from enhancer_nets.recipes import MIN2017
    NET = 'from scratch (same small set)'
    SVMS = ('gapped k-mer (l=6, k=4) linear SVM', 'gapped k-mer linear SVM, (l, k, C) tuned on validation')
    M = args.members
    tag = '' if M == 1 else f'_{M}members'
    recipe = f"default, {M} member{'s' if M > 1 else ''} at 5e-4"
    rows = []
    for s in range(args.seeds):
        r = flat_record(deepenhancer_transfer(
            out_dir=Path(args.runs) / 'deepenhancer_transfer_seeds' / f'seed{s}{tag}', quick=False,
            region_only=True,
            scratch_arch='4conv2pool4norm', seed=s, rc_augment=True, test_rc=True,
            scratch=default_recipe(MIN2017, lr=5e-4, ensemble=M, patience=5), recipe=recipe))
        kept = (NET, 'kmer spectrum (k=1..6) logistic regression', *SVMS)
        rows.append(dict(seed=s, network_val_auroc=r['training']['from scratch']['val_auroc'],
                         **{m: r['results'][m]['auroc'] for m in kept}))
        print(rows[-1], flush=True)
    se = lambda v: float(np.std(v, ddof=1) / np.sqrt(len(v))) if len(v) > 1 else None
    methods = [k for k in rows[0] if k not in ('seed', 'network_val_auroc')]
    summary = {m: dict(mean=float(np.mean([r[m] for r in rows])), se=se([r[m] for r in rows]))
               for m in methods}
    tests = {}
    for svm in SVMS:
        d = [r[NET] - r[svm] for r in rows]
        tests[svm] = dict(mean_difference=float(np.mean(d)), wins=int(sum(x > 0 for x in d)), seeds=len(d),
                          wilcoxon_p=float(wilcoxon(d).pvalue) if len(d) > 1 and any(d) else None)
    blocks = dict(train=[0.0, 0.65], val=[0.65, 0.75], test=[0.75, 1.0])
    res = dict(**run_metadata(0, experiment='deepenhancer_transfer_seeds' + tag), rows=rows, summary=summary,
               network_vs=tests, split=dict(kind='genomic blocks', blocks=blocks, chroms=['chr22']))
    write_record(ROOT / 'results' / f'deepenhancer_transfer_seeds{tag}.json', res,
                 dict(seeds=args.seeds, network='4conv2pool4norm', recipe=recipe, members=M, rc_augment=True,
                      test_rc=True))
    print(summary, '\n', tests)
