"""The chr22 main job (4conv2pool4norm, FANTOM5 enhancers vs background, last 25 % of chr22 held out) under
two recipes of the one engine: the paper's (`MIN2017`) and a practitioner's (`PRACTICE`: AdamW, warm-up +
cosine, weight decay, clipping, reverse-complement augmentation, both strands at test time). Same data, split,
seed and network. Writes results/deepenhancer_chr22.json (paper recipe, re-run) and
results/deepenhancer_chr22_practice.json; and the default recipe (`engine.default_recipe` on MIN2017 at 5e-4,
an ensemble of 3, reverse-complement augmentation and strand averaging) to
results/deepenhancer_chr22_default.json.
With --only cv-default: the 10-fold block cross-validation of 4conv2pool4norm (the CPU settings of
results/deepenhancer_cv.json: stride 100, at most 8 epochs) under the default recipe, with both baselines on
the same folds, to results/deepenhancer_cv_default.json.
Usage: python bench/recipes.py [--only paper|practice|default|cv-default]"""
import os, sys, tempfile
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--only', choices=('paper', 'practice', 'default', 'cv-default'), default=None)
    args = a.parse_args()
    from enhancer_nets.deepenhancer import deepenhancer_chr22
    from enhancer_nets.recipes import PRACTICE, MIN2017, WINDOW_RECIPE
    from enhancer_nets.workflows import results_table
    from enhancer_nets.engine import default_recipe
    DEFAULT = WINDOW_RECIPE
    jobs = {'paper': dict(results=ROOT/'results'/'deepenhancer_chr22.json', kw={}),
            'practice': dict(results=ROOT/'results'/'deepenhancer_chr22_practice.json',
                             kw=dict(train=PRACTICE, rc_augment=True, test_rc=True, recipe='practice')),
            'default': dict(results=ROOT/'results'/'deepenhancer_chr22_default.json',
                            kw=dict(train=DEFAULT, rc_augment=True, test_rc=True, recipe='default'))}
    if args.only == 'cv-default':
        from enhancer_nets.deepenhancer import deepenhancer_cv
        from enhancer_nets.workflows import cv_table
        res = deepenhancer_cv(Path(args.runs)/'deepenhancer_cv_default',
                              results=ROOT/'results'/'deepenhancer_cv_default.json',
                              archs=('4conv2pool4norm',), epochs=8, patience=3, quick=False, recipe='default',
                              train=DEFAULT.replace(epochs=8, patience=3), rc_augment=True, test_rc=True)
        print(cv_table(res).to_string(), '\n', res['meta']['wall_seconds'], 's', flush=True)
    for name, j in jobs.items():
        if args.only and name != args.only: continue
        res = deepenhancer_chr22(Path(args.runs)/f'deepenhancer_chr22_{name}', results=j['results'],
                                 quick=False, verbose=0, **j['kw'])
        print(name, '\n', results_table(res).to_string(index=False), '\n', res['meta']['wall_seconds'], 's',
              flush=True)
