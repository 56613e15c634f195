"""DeepCAGE leave-one-cell-type-out on hg38 chr22 (the CPU settings of results/deepcage_chr22.json: the
reduced network `SMALL_ARCH`, at most 5 epochs with patience 2, 6,000 loci, seed 0) with the variant that
reads the mean of the other cell types at the locus (`mean_prior`, `mean_prior_inclusive`; issue 18), under
two recipes:

- `paper`: Liu et al.'s training (`LIU2019`), held-out genomic block only: `full` (a re-run of that file's
  block numbers), `mean_prior` and `mean_prior_inclusive`. Writes results/deepcage_chr22_prior.json.
- `default`: the package's default recipe (`DEEPCAGE_DEFAULT`: AdamW, warm-up + cosine, clipping,
  reverse-complement augmentation, both strands at test time, an ensemble of 3): `full` on the paper's shared
  loci and on the held-out block, and `mean_prior` on the block. Writes results/deepcage_chr22_default.json.

Usage: ENHANCER_NETS_DATA=../shared/data python bench/deepcage_recipes.py --recipe paper|default [--runs D]"""
import os
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--recipe', choices=('paper', 'default'), required=True)
    args = a.parse_args()
    from enhancer_nets.deepcage import deepcage_chr22, deepcage_table, SMALL_ARCH
    cpu = dict(arch=SMALL_ARCH, epochs=5, patience=2, max_loci=6000, seed=0)
    if args.recipe == 'paper':
        name, kw = 'deepcage_chr22_prior', dict(
            splits=('blocks',), variants=('full',),
            block_variants=('full', 'mean_prior', 'mean_prior_inclusive'))
    else:
        name, kw = 'deepcage_chr22_default', dict(splits=('shared', 'blocks'), variants=('full',),
                                                   block_variants=('full', 'mean_prior'))
    res = deepcage_chr22(out=ROOT / 'results' / f'{name}.json', run_dir=Path(args.runs) / name,
                         recipe=args.recipe, **cpu, **kw)
    for task in res['metrics']['results']:
        for sp in res['metrics']['results'][task]:
            print(task, sp, '\n', deepcage_table(res, task, sp).to_string(), flush=True)
    print(res['meta']['wall_seconds'], 's')
