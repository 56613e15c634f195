"""Ceilings of DeepCAGE regression on the held-out genomic block (`deepcage.regression_ceiling`): per held-out
cell type with signal, the Pearson r of the mean-signal baseline, of the best single other cell type, and of
two oracles fitted on the test loci themselves from the other cell types' signal (linear and gradient-boosted,
5-fold cross-fitted), beside the default recipe's networks (`full`, `mean_prior`). Reads the predictions of
bench/deepcage_recipes.py --recipe default (runs/deepcage_chr22_default/predictions.npz and
results/deepcage_chr22_default.json); no training. Writes results/deepcage_regression_ceiling.json.
Usage: python bench/deepcage_ceiling.py [--runs runs]"""
import json
from pathlib import Path
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    args = a.parse_args()
    import numpy as np
    from enhancer_nets.core import save_json, run_metadata, results_record, flat_record, sha256sum
    from enhancer_nets.deepcage import regression_ceiling
    npz = Path(args.runs) / 'deepcage_chr22_default' / 'predictions.npz'
    src = flat_record(json.loads((ROOT / 'results' / 'deepcage_chr22_default.json').read_text()))
    z = np.load(npz)
    key = 'regression|blocks|'
    preds = {m: z[key + m] for m in ('full', 'mean_prior') if key + m in z.files}
    ceiling = regression_ceiling(z[key + 'true'], z[key + 'test_loci'], preds, cells=src['regression_cells'])
    res = dict(**run_metadata(0, experiment='deepcage_regression_ceiling'), ceiling=ceiling,
               predictions_commit=src['git_commit'], predictions=dict(path=str(npz), sha256=sha256sum(npz)),
               split=f"held-out 25 % genomic block of hg38 chr22 ({len(z[key + 'test_loci'])} loci), "
                     'one held-out cell type per fold',
               cell_types=src['regression_cells'])
    write_record(ROOT / 'results' / 'deepcage_regression_ceiling.json', res,
                 dict(source='results/deepcage_chr22_default.json', folds=5, recipe='default'),
                 data_keys=('predictions', 'cell_types'))
    for c, v in ceiling.items():
        print(c.ljust(10), {m: round(x, 3) for m, x in v.items()})
