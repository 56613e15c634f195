"""Learning-rate range tests (Smith 2017, §3.3; `engine.lr_range_test`) for the default recipes: Cohn et
al.'s enhancer CNN under AdamW (weight decay 0.01, clipping at norm 1) at batch 50, (a) on the DHS-index
pre-training task (HepG2- vs K562-specific DHSs, chr22 dropped) and (b) on the training folds of Cohn's liver
enhancers on chr22 (folds 2-4: fold 0 is test and fold 1 validation, as in results/cohn_real_default.json).
The suggested rate (a tenth of the rate at the lowest smoothed loss) is the evidence for the rates of
`default_cohn_recipe` and `pretrain_cohn`.
Writes results/bench_lr_range.json. Usage: python bench/lr_range.py [--steps N]"""
import os, time
from pathlib import Path
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)

if __name__ == '__main__':
    a = parser(__doc__)
    a.add_argument("--steps", type=int, default=1500)
    a.add_argument('--seed', type=int, default=0)
    args = a.parse_args()
    import numpy as np, pandas as pd
    from enhancer_nets.core import save_json, run_metadata, results_record
    from enhancer_nets.data import Genome, resolve, DHS_INDEX
    from enhancer_nets.engine import lr_range_test
    from enhancer_nets.adversarial import (
        build_cohn,
        COHN_TASK,
        default_cohn_recipe,
        fold_split,
        dhs_pretraining_set,
        enhancer_dataset,
        cohn_human_regions,
        ewonglab_regions,
    )
    from enhancer_nets.data import CodesDataset
    t0 = time.time()
    cfg = default_cohn_recipe(seed=args.seed)
    pre = dhs_pretraining_set(exclude_chroms=('chr22',))
    g = Genome(resolve('hg38_chr22/chr22.fa.gz'))
    regs = {'cohn': cohn_human_regions(['chr22']), 'ewonglab': ewonglab_regions('human', ['chr22'])}
    ref = pd.concat(list(regs.values()))[['chrom', 'start', 'end']]
    ds = enhancer_dataset(g, regs['cohn'], folds=5, seed=args.seed, name='cohn', block_reference=ref)
    tr = fold_split(ds, 0)[0]
    tasks = {'DHS-index HepG2 vs K562 (chr22 dropped)': (pre['train']['codes'], pre['train']['y']),
             'Cohn liver enhancers vs genomic negatives, chr22 training folds 2-4':
                 (ds['codes'][tr], ds['y'][tr])}
    out = {}
    for name, (codes, y) in tasks.items():
        L = codes.shape[1]
        r = lr_range_test(lambda: build_cohn('enhancer', length=L), COHN_TASK,
                          CodesDataset(codes, y, cfg.batch_size, shuffle=True, seed=args.seed), config=cfg,
                          min_lr=1e-6, max_lr=1.0, steps=args.steps)
        out[name] = dict(suggested_lr=r['suggested'], n_train=int(len(y)), steps_run=len(r['loss']),
                         lr=np.round(r['lr'], 8).tolist(), smoothed_loss=np.round(r['smoothed'], 5).tolist())
        print(f"{name}: suggested lr {r['suggested']:.2e} ({len(r['loss'])} steps, n={len(y)})", flush=True)
    res = run_metadata(args.seed, command='python bench/lr_range.py', data={
        **{f'dhs_index_{c}': str(resolve(p)) for c, p in DHS_INDEX.items()},
        'genome': str(resolve('hg38_chr22/chr22.fa.gz'))})
    res.update(split='training rows only: DHS-index training rows (no chr22); '
                     'chr22 block folds 2-4 of 5 (0 test, 1 validation)',
               tasks=out, recipe_lr=cfg.lr, wall_seconds=round(time.time() - t0, 1))
    write_record(ROOT / 'results' / 'bench_lr_range.json', res,
                 dict(steps=args.steps, min_lr=1e-6, max_lr=1.0, batch_size=cfg.batch_size,
                      optimizer=cfg.optimizer, weight_decay=cfg.weight_decay, clipnorm=cfg.clipnorm))
