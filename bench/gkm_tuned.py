"""The baselines of the 10-fold block cross-validation on chr22 FANTOM5 enhancers (the folds, windows and
negatives of results/deepenhancer_cv.json and results/deepenhancer_cv_default.json), with the gapped k-mer SVM
also tuned on each fold's validation blocks (`gkm_svm_tuned`: (l, k) and C chosen by validation auROC, then
refit on training + validation). No network is trained. Writes results/deepenhancer_cv_gkm_tuned.json.
Usage: python bench/gkm_tuned.py [--runs DIR]"""
import os
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    args = a.parse_args()
    from enhancer_nets.deepenhancer import deepenhancer_cv, BASELINES
    from enhancer_nets.workflows import cv_table
    from enhancer_nets.baselines import TUNED_BASELINES
    res = deepenhancer_cv(Path(args.runs) / 'deepenhancer_cv_gkm_tuned',
                          results=ROOT / 'results' / 'deepenhancer_cv_gkm_tuned.json', quick=False, archs=(),
                          baselines=tuple(BASELINES) + tuple(TUNED_BASELINES), recipe='baselines only')
    print(cv_table(res).to_string(), '\n', res['meta']['wall_seconds'], 's', flush=True)
