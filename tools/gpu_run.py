"""The `#| gpu` work at paper scale, on the JAX backend with bf16 mixed precision, inside a time budget (run
by tools/gpu_run.sh on a lent GPU machine; `--smoke` runs the same path tiny, on a CPU).

1. Throughput: DeepEnhancer's 4conv2pool4norm (300 bp) training and prediction windows/s at batch 1024, and
   the fraction of the chip's dense bf16 peak these reach (FLOPs counted layer by layer, a training step = 3x
   forward).
2. The `#| gpu` cells, in order, each only when the budget left can hold it: DeepEnhancer on chr22 at the
   paper's stride 2 (Min et al. 2017), the SPEID full-size epoch (Singh et al.), the paper-size DeepCAGE on
   every locus (Liu et al. 2019), and DeepEnhancer's 10-fold CV at stride 2.
3. The fully convolutional scan of chr22 at stride 2 (issue 34): bp/s and the fraction of the dense bf16 peak
   (the trunk's FLOPs per base and the head's per window, as bench/scan.py counts them).
Writes results/gpu_run.json (and each cell's own results file) with seed, commit and device."""
import argparse, json, os, time, sys
from pathlib import Path
os.environ.setdefault('KERAS_BACKEND', 'jax')
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PEAK_BF16 = {'H200': 989e12, 'H100': 989e12, 'A100': 312e12}   # dense bf16 FLOP/s, vendor data sheets


def throughput(batch, steps, width=300):
    import numpy as np, keras
    from enhancer_nets.deepenhancer import build_model
    from enhancer_nets.recipes import MIN2017
    from enhancer_nets.engine import compile_model, TWO_CLASS
    m = compile_model(build_model('4conv2pool4norm', width), TWO_CLASS, MIN2017)
    rng = np.random.default_rng(0)
    x = np.eye(4, dtype='float32')[rng.integers(0, 4, (batch, width))]
    y = rng.integers(0, 2, batch)
    for _ in range(3): m.train_on_batch(x, y)
    t = time.perf_counter()
    for _ in range(steps): m.train_on_batch(x, y)   # returns the loss as numbers: each step is synchronous
    tr = batch * steps / (time.perf_counter() - t)
    m.predict_on_batch(x)
    t = time.perf_counter()
    for _ in range(steps): np.asarray(m.predict_on_batch(x))
    pr = batch * steps / (time.perf_counter() - t)
    flops = 0
    for layer in m.layers:
        if isinstance(layer, keras.layers.Conv1D):
            k = layer.kernel.shape
            flops += 2 * layer.output.shape[1] * k[0] * k[1] * k[2]
        if isinstance(layer, keras.layers.Dense): flops += 2 * layer.kernel.shape[0] * layer.kernel.shape[1]
    return dict(batch=batch, train_windows_per_s=round(tr, 1), predict_windows_per_s=round(pr, 1),
                flops_per_window_forward=int(flops), train_flops_per_s=3 * flops * tr,
                predict_flops_per_s=flops * pr)


def scan_chr22(stride=2, kb=None):
    """The fully convolutional scan (`scan_genome`, method 'conv') of hg38 chr22, or its first `kb` kb
    after 20 Mb."""
    import numpy as np
    sys.path.insert(0, str(ROOT/'bench'))
    from scan import flops
    from enhancer_nets.data import Genome, resolve, write_fasta
    from enhancer_nets.deepenhancer import build_model
    from enhancer_nets.workflows import scan_genome
    g = Genome(resolve('hg38_chr22/chr22.fa.gz'))
    if kb:
        import tempfile
        f = Path(tempfile.mkdtemp())/'c.fa'
        write_fasta(f, {'chr22': g.fetch('chr22', 20_000_000, 20_000_000 + kb * 1000)})
        g = Genome(f)
    g.codes('chr22')
    m = build_model('4conv2pool4norm', 300)
    t = time.perf_counter()
    n = sum(len(s) for _, s, _ in scan_genome(m, g, ['chr22'], stride, batch_size=4096, method='conv'))
    dt = time.perf_counter() - t
    fl = flops(stride)
    done = fl['trunk_per_base'] * g.sizes['chr22'] + fl['head_per_window'] * n
    return dict(stride=stride, bases=g.sizes['chr22'], windows=n, seconds=round(dt, 2),
                bp_per_s=round(g.sizes['chr22'] / dt, 1), flops_per_s=done / dt)


def main():
    a = argparse.ArgumentParser(description=__doc__)
    a.add_argument('--budget', type=float, default=520,
                   help='seconds for the whole run (9 min less start-up)')
    a.add_argument('--smoke', action='store_true', help='tiny sizes, for a CPU check of the path')
    a.add_argument('--out', default=str(ROOT/'results'/'gpu_run.json'))
    args = a.parse_args()
    t0 = time.time()
    import keras, jax
    keras.mixed_precision.set_global_policy('mixed_bfloat16')
    from enhancer_nets.core import run_metadata, save_json, repo_root
    dev = jax.devices()[0]
    kind = getattr(dev, 'device_kind', str(dev))
    peak = next((v for k, v in PEAK_BF16.items() if k in kind), None)
    res = dict(meta=run_metadata(0, device=kind, backend=keras.backend.backend(), policy='mixed_bfloat16',
                                 smoke=args.smoke, budget_s=args.budget), cells=[])
    tp = throughput(64 if args.smoke else 1024, 3 if args.smoke else 50)
    if peak:
        tp['train_fraction_of_bf16_peak'] = round(tp['train_flops_per_s'] / peak, 4)
        tp['predict_fraction_of_bf16_peak'] = round(tp['predict_flops_per_s'] / peak, 4)
    res['throughput'] = tp
    print(json.dumps(tp), flush=True)
    try:
        sc = scan_chr22(2, kb=200 if args.smoke else None)
        if peak: sc['fraction_of_bf16_peak'] = round(sc['flops_per_s'] / peak, 4)
        res['scan_chr22_stride2'] = sc
    except Exception as e:   # the cells below must still run
        res['scan_chr22_stride2'] = dict(error=f'{type(e).__name__}: {e}'[:500])
    print(json.dumps(res['scan_chr22_stride2']), flush=True)
    runs, resdir = repo_root()/'runs', repo_root()/'results'
    if args.smoke:   # a path check: nothing lands in the repository's runs/ or results/
        import tempfile
        runs = resdir = Path(tempfile.mkdtemp(prefix='gpu_smoke-'))
    from enhancer_nets.deepenhancer import deepenhancer_chr22, deepenhancer_cv
    from enhancer_nets.speid import train_speid, simulate_interactions
    from enhancer_nets.deepcage import deepcage_chr22
    small = args.smoke
    cells = [   # (name, estimated seconds on an H200, call)
        ('deepenhancer_chr22 stride 2, 30 epochs', 150, lambda: deepenhancer_chr22(
            runs/'deepenhancer_chr22_s2', results=resdir/'deepenhancer_chr22_stride2.json',
            stride=50 if small else 2, epochs=1 if small else 30, seed=0, verbose=2,
            **(dict(max_positives=40) if small else {}))),
        ('SPEID full-size epoch', 90, lambda: train_speid(*simulate_interactions(
            runs/'speid_gpu'/'sim', n_pos=200 if small else 1977, n_chrom=6 if small else 23,
            chrom_len=1_000_000 if small else 4_000_000).values(), runs/'speid_gpu', split='chrom',
            k=3 if small else 10, epochs=(1, 1), lr=(1e-5, 1e-5), verbose=2)),
        ('DeepCAGE paper size, every chr22 locus', 150, lambda: deepcage_chr22(
            out=resdir/'deepcage_chr22_full.json', run_dir=runs/'deepcage_chr22_full', batch_size=256)),
        ('DeepEnhancer 10-fold CV, stride 2', 400, lambda: deepenhancer_cv(
            runs/'deepenhancer_cv_stride2', results=resdir/'deepenhancer_cv_stride2.json', stride=2,
            epochs=30, patience=8)),
    ]
    for name, est, call in cells:
        left = args.budget - (time.time() - t0)
        if small and name.startswith(('DeepCAGE', 'DeepEnhancer 10-fold')):
            res['cells'].append(dict(cell=name, skipped='smoke run: paper-size only'))
            continue
        if left < est:
            res['cells'].append(dict(cell=name,
                                     skipped=f'{left:.0f} s left of the budget, needs about {est} s'))
            continue
        t = time.time()
        try:
            call()
            res['cells'].append(dict(cell=name, seconds=round(time.time() - t, 1)))
        except Exception as e:   # one failing cell must not cost the others their results
            res['cells'].append(dict(cell=name, error=f'{type(e).__name__}: {e}'[:500]))
        print(res['cells'][-1], flush=True)
        save_json(args.out, res)
    res['wall_seconds'] = round(time.time() - t0, 1)
    save_json(args.out, res)
    print(json.dumps(res, indent=1, default=str)[:4000])


if __name__ == '__main__':
    main()
