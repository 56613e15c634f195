"""Cohn et al.'s real-data 'genomic negatives' experiment (liver enhancers on chr22, 5 genomic-block folds)
under the package's default recipe (`default_cohn_recipe`: AdamW, warm-up + cosine, clipping, an ensemble of
5, early stopping on validation auPRC), with reverse-complement augmentation and strand averaging, and with a
network started from DHS-index pre-training (HepG2- vs K562-specific DHSs, chr22 dropped: `pretrain_cohn`).
The paper's recipe of the same experiment is results/cohn_real.json. Writes results/cohn_real_default.json.
Usage: python bench/cohn_default.py [--runs DIR] [--ensemble N]"""
import os
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--ensemble', type=int, default=5)
    a.add_argument('--out', default=str(ROOT / 'results' / 'cohn_real_default.json'))
    args = a.parse_args()
    from enhancer_nets.adversarial import cohn_real, cohn_real_table, default_cohn_recipe
    res = cohn_real(Path(args.runs) / 'cohn_real_default', results=args.out, quick=False, recipe='default',
                    experiments=('genomic',), train=default_cohn_recipe(ensemble=args.ensemble),
                    rc_augment=True, test_rc=True, pretrain=True, cross_test=False,
                    finetune=('all', 'frozen', 'low_lr'))
    print(cohn_real_table(res).to_string(), '\n', res['meta'].get('wall_seconds'), 's', flush=True)
