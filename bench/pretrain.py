"""Accessibility pre-training, then the chr22 main job fine-tuned from it (issue 18). Pre-trains the
4conv2pool4norm trunk on five chr22 accessibility tasks (three bigWigs, two DNase-seq peak sets;
`deepenhancer.pretrain_accessibility`, windows from 0–65 % of chr22 only), then trains the main job (FANTOM5
enhancers vs background, last 25 % held out) from the pre-trained trunk with the default recipe of
bench/recipes.py (`default_recipe(MIN2017, lr=5e-4, ensemble=3)`, RC augmentation, both strands at test time).
Writes results/pretrain_accessibility.json and results/deepenhancer_chr22_pretrained.json.
Usage: python bench/pretrain.py"""
import os
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    args = a.parse_args()
    from enhancer_nets.core import save_json
    from enhancer_nets.engine import default_recipe
    from enhancer_nets.deepenhancer import pretrain_accessibility, pretrained_builder, deepenhancer_chr22
    from enhancer_nets.recipes import MIN2017, WINDOW_RECIPE
    from enhancer_nets.workflows import results_table
    runs = Path(args.runs)
    pt = pretrain_accessibility(runs/'pretrain_accessibility', quick=False, verbose=2)
    save_json(ROOT/'results'/'pretrain_accessibility.json', pt)
    print({k: round(v, 3) for k, v in pt['metrics']['val_auroc'].items()}, pt['data']['extent'],
          pt['meta']['wall_seconds'], 's', flush=True)
    res = deepenhancer_chr22(runs/'deepenhancer_chr22_pretrained',
                             results=ROOT/'results'/'deepenhancer_chr22_pretrained.json',
                             quick=False, verbose=0, model=pretrained_builder(pt['metrics']['model']),
                             train=WINDOW_RECIPE, rc_augment=True,
                             test_rc=True, recipe='default + accessibility pre-training',
                             pretrained=pt['metrics']['model'])
    print(results_table(res).to_string(index=False), '\n', res['meta']['wall_seconds'], 's', flush=True)
