"""SPEID on the simulated planted-grammar interaction set (the CPU settings of results/speid_simulated.json:
the reduced network `SIM_MODEL`, 1,000 positives at 1 : 20, 1 kbp windows, 5 placements per positive, at most
10 + 4 epochs, seed 0) under the package's default recipe (`default_speid_recipe`: AdamW at a peak of 1e-3,
warm-up + cosine, clipping, early stopping on the validation auPRC, both elements of a pair on a random strand
in training and both strands averaged at test, an ensemble of `--members`), on the leakage-safe splits
(chromosome, segregated). The paper's recipe is results/speid_simulated.json (`speid_simulated()`).
Writes results/speid_simulated_default.json.

Usage: python bench/speid_recipes.py [--members 3] [--splits chrom,segregated] [--runs D]"""
import os
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument('--members', type=int, default=3)
    a.add_argument('--splits', default='chrom,segregated')
    args = a.parse_args()
    from enhancer_nets.speid import speid_simulated, simulated_table
    res = speid_simulated(Path(args.runs) / 'speid_simulated_default',
                          results=ROOT / 'results' / 'speid_simulated_default.json', recipe='default',
                          members=args.members, splits=tuple(args.splits.split(',')),
                          paper_augmentation=False, verbose=2)
    print(simulated_table(res).to_string())
    print(res['meta']['wall_seconds'], 's')
