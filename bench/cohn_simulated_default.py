"""Cohn et al.'s simulated CEBPA OOPS comparison (Fig. 2A; 10K sequences per class, random 80/10/10 split,
seed 0) under the package's default recipe (`default_cohn_recipe`: AdamW, warm-up + cosine, clipping, early
stopping on the validation auPRC, an ensemble of `--members`), beside the same PSSM baselines and oracle.
Reverse-complement augmentation is off (`CohnSimConfig.rc_augment`: the positives carry the motif on one
strand) and trained as the run's ablation. The paper's recipe is
results/cohn_simulated.json. Writes results/cohn_simulated_default.json.
Usage: python bench/cohn_simulated_default.py [--members 3] [--sizes 10000] [--runs DIR]"""
import os
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--members', type=int, default=3)
    a.add_argument('--sizes', default='10000')
    args = a.parse_args()
    from enhancer_nets.adversarial import cohn_simulated, cohn_simulated_table
    res = cohn_simulated(Path(args.runs) / 'cohn_simulated_default',
                         results=ROOT / 'results' / 'cohn_simulated_default.json', recipe='default',
                         members=args.members, sizes=tuple(int(s) for s in args.sizes.split(',')),
                         quick=False)
    print(cohn_simulated_table(res).drop(columns='split').to_string(index=False))
