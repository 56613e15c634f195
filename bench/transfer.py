"""Transfer to GM12878 distal DNase under the default recipe (issue 18), next to the paper recipe's
results/deepenhancer_transfer.json. First the chr22 FANTOM5 network is trained under the default recipe with
one member (AdamW, warm-up + cosine, clipping, reverse-complement augmentation, both strands at test time);
then it is fine-tuned on the GM12878 set, and a network of the same recipe is trained from scratch on that
set. Same blocks, seed and baselines as the paper-recipe run.
Writes results/deepenhancer_transfer_default.json (--out to change; --scratch-ensemble 3 for three
from-scratch members, results/deepenhancer_transfer_default_scratch3.json).
Usage: python bench/transfer.py [--runs runs] [--scratch-ensemble N] [--out FILE]"""
import os
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--scratch-ensemble', type=int, default=1, help='members of the from-scratch network')
    a.add_argument('--out', default=str(ROOT/'results'/'deepenhancer_transfer_default.json'))
    args = a.parse_args()
    n = args.scratch_ensemble
    from enhancer_nets.engine import default_recipe
    from enhancer_nets.deepenhancer import deepenhancer_chr22, deepenhancer_transfer
    from enhancer_nets.recipes import MIN2017, WINDOW_RECIPE
    from enhancer_nets.workflows import results_table
    runs = Path(args.runs)
    pre = deepenhancer_chr22(runs/'deepenhancer_chr22_default_1member', quick=False, verbose=0,
                             train=WINDOW_RECIPE.replace(ensemble=1), rc_augment=True,
                             test_rc=True, recipe='default, 1 member')
    print(results_table(pre).to_string(index=False), flush=True)
    res = deepenhancer_transfer(
        pretrained=runs/'deepenhancer_chr22_default_1member'/'model.keras',
        out_dir=runs/'deepenhancer_transfer_default', results=args.out, quick=False,
        train=default_recipe(MIN2017, lr=1e-4, ensemble=1, patience=5),
        scratch=default_recipe(MIN2017, lr=5e-4, ensemble=n, patience=5), rc_augment=True, test_rc=True,
        recipe=f'default, 1 member fine-tuned at 1e-4, {n} from scratch at 5e-4')
    print(results_table(res).to_string(index=False), '\n', res['meta']['wall_seconds'], 's', flush=True)
