"""What was tried on the GM12878 transfer set, where the whole-region network loses to the gapped k-mer SVM
(results/deepenhancer_transfer_region.json): seven variants of its width, filter count, dropout, weight decay
and learning rate, each trained from scratch on the same blocks and seed. Every variant reports its validation
auROC (the block that chooses) and its test auROC; the variant a user would pick is the best on validation.
Writes results/deepenhancer_transfer_region_sweep.json.
Usage: python bench/region_sweep.py [--runs DIR]"""
import os
from pathlib import Path
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)

VARIANTS = [  # (name, builder keyword arguments, recipe changes)
    ('128 filters x 12 bp (REGION_RECIPE)', {}, {}),
    ('256 filters x 8 bp', dict(filters=256, kernel=8), {}),
    ('64 filters x 12 bp', dict(filters=64), {}),
    ('128 filters x 20 bp', dict(kernel=20), {}),
    ('dropout 0.7', dict(dropout=0.7), {}),
    ('weight decay 0.1', {}, dict(weight_decay=0.1)),
    ('learning rate 5e-4', {}, dict(lr=5e-4)),
]

if __name__ == '__main__':
    a = parser(__doc__)
    args = a.parse_args()
    from enhancer_nets.core import save_json, run_metadata, results_record, flat_record
    from enhancer_nets.deepenhancer import deepenhancer_transfer
    from enhancer_nets.recipes import REGION_RECIPE
    rows, net = [], 'rc-gpool from scratch (same small set)'
    gkm, tuned = ('gapped k-mer (l=6, k=4) linear SVM',
                  'gapped k-mer linear SVM, (l, k, C) tuned on validation')
    for i, (name, kw, changes) in enumerate(VARIANTS):
        r = flat_record(deepenhancer_transfer(
            out_dir=Path(args.runs) / 'transfer_region_sweep' / f'v{i}', quick=False, region_net='rc-gpool',
            region_only=True, region_kw=kw, region_train=REGION_RECIPE.replace(**changes)))
        rows.append(dict(variant=name, build=kw, recipe_changes=changes,
                         val_auroc=round(r['training'][net]['val_auroc'], 4),
                         test_auroc=round(r['results'][net]['auroc'], 4),
                         gkm_svm_test_auroc=round(r['results'][gkm]['auroc'], 4),
                         gkm_svm_tuned_test_auroc=round(r['results'][tuned]['auroc'], 4)))
        print(rows[-1], flush=True)
    best = max(rows, key=lambda x: x['val_auroc'])
    rec = dict(meta=run_metadata(0, command='python bench/region_sweep.py'), split=r['split'],
               counts=r['counts'], rows=rows, chosen_on_validation=best['variant'],
               chosen_test_auroc=best['test_auroc'])
    write_record(ROOT / 'results' / 'deepenhancer_transfer_region_sweep.json', rec,
                 dict(variants=[v[0] for v in VARIANTS], seed=0), data_keys=('counts',))
