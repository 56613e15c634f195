"""The whole-region network ('rc-gpool', `deepenhancer.build_region_model`: reverse-complement convolution,
global max and mean pooling, `REGION_RECIPE`) on the real-data benchmarks of issue 18, next to the baselines
on the same splits:

- `cv`: the 10-fold block cross-validation on chr22 FANTOM5 enhancers (the folds, negatives and seed of
  results/deepenhancer_cv.json), with the k-mer baselines and the gapped k-mer SVM fixed and tuned on
  validation. Writes results/deepenhancer_cv_region.json.
- `chr22`: the chr22 main job (last 25 % of chr22 held out, the blocks and seed of
  results/deepenhancer_chr22.json; the 600 bp frame widens the margin around positives, so the background
  negatives differ from that file's: compare with the k-mer baseline of the same file). Writes
  results/deepenhancer_chr22_region.json.
- `cohn`: Cohn et al.'s liver enhancers (Cohn's set and ewonglab's) against genomic negatives on chr22, the
  5 block folds of results/cohn_real.json (genomic experiment only: the paper-recipe CNN, the region network,
  the k-mer and GC baselines). Writes results/cohn_real_region.json.
- `transfer`: the GM12878 distal DNase set of results/deepenhancer_transfer.json (same blocks, 500 training
  positives), the region network trained from scratch. Writes results/deepenhancer_transfer_region.json.

With `--members E` > 1 every file name ends in `_E` (an ensemble of E seeds).
Usage: python bench/region_net.py [--only cv|chr22|cohn|transfer] [--members E] [--runs DIR]"""
import os
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--only', choices=('cv', 'chr22', 'cohn', 'transfer'), default=None)
    a.add_argument('--members', type=int, default=1, help='ensemble members of the region network')
    args = a.parse_args()
    from enhancer_nets.deepenhancer import deepenhancer_cv, deepenhancer_transfer, deepenhancer_chr22
    from enhancer_nets.workflows import cv_table, results_table
    from enhancer_nets.deepenhancer import BASELINES
    from enhancer_nets.baselines import TUNED_BASELINES
    from enhancer_nets.recipes import REGION_RECIPE
    E, runs = args.members, Path(args.runs)
    tag = '' if E == 1 else f'_{E}'
    recipe = f'REGION_RECIPE, {E} member' + ('s' if E > 1 else '')
    train = REGION_RECIPE.replace(ensemble=E)
    out = lambda name: dict(results=ROOT / 'results' / f'{name}{tag}.json', quick=False)
    done = lambda res, table: print(table(res).to_string(), '\n', res['meta']['wall_seconds'], 's',
                                    flush=True)
    if args.only in (None, 'cv'):
        done(deepenhancer_cv(runs / f'deepenhancer_cv_region{tag}', **out('deepenhancer_cv_region'),
                             archs=('rc-gpool',), baselines=tuple(BASELINES) + tuple(TUNED_BASELINES),
                             recipe=recipe, region_train=train), cv_table)
    if args.only in (None, 'chr22'):
        done(deepenhancer_chr22(runs / f'deepenhancer_chr22_region{tag}', **out('deepenhancer_chr22_region'),
                                arch='rc-gpool', train=train, recipe=recipe, verbose=0), results_table)
    if args.only in (None, 'cohn'):
        from enhancer_nets.adversarial import cohn_real, cohn_real_table
        done(cohn_real(runs / f'cohn_real_region{tag}', **out('cohn_real_region'), experiments=('genomic',),
                       cross_test=False, region_net='rc-gpool', region_train=train,
                       recipe=f'paper (CNN); {recipe} (rc-gpool)'), cohn_real_table)
    if args.only in (None, 'transfer'):
        done(deepenhancer_transfer(out_dir=runs / f'deepenhancer_transfer_region{tag}',
                                   **out('deepenhancer_transfer_region'), region_net='rc-gpool',
                                   region_only=True, region_train=train, recipe=recipe), results_table)
