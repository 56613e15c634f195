"""Transfer to GM12878 distal DNase (the blocks, 500 training positives, seed and baselines of
results/deepenhancer_transfer.json), networks trained from scratch only, each also refit on training +
validation data for the epochs validation chose (`TransferConfig.refit`, `engine.refit_config`) — the data
both gapped k-mer SVMs train on:

- the window network 4conv2pool4norm under the default recipe (AdamW 5e-4, warm-up + cosine, clipping,
  reverse-complement augmentation, both strands at test time; the from-scratch settings of
  results/deepenhancer_transfer_default.json, one member);
- the whole-region network rc-gpool under `REGION_RECIPE`.

Writes results/deepenhancer_transfer_refit.json.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/transfer_refit.py [--runs runs]"""
import os
from pathlib import Path
from common import ROOT, parser   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    args = a.parse_args()
    from enhancer_nets.engine import default_recipe
    from enhancer_nets.deepenhancer import deepenhancer_transfer
    from enhancer_nets.recipes import MIN2017
    from enhancer_nets.workflows import results_table
    res = deepenhancer_transfer(
        out_dir=Path(args.runs) / 'deepenhancer_transfer_refit', results=ROOT / 'results' /
        'deepenhancer_transfer_refit.json', quick=False, region_only=True, region_net='rc-gpool',
        scratch_arch='4conv2pool4norm', refit=True,
        scratch=default_recipe(MIN2017, lr=5e-4, ensemble=1, patience=5), rc_augment=True, test_rc=True,
        recipe='scratch: default, 1 member at 5e-4; rc-gpool: REGION_RECIPE; both refit on train + val')
    print(results_table(res).to_string(index=False), '\n', res['metrics']['training'], '\n',
          res['meta']['wall_seconds'], 's', flush=True)
