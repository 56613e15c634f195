"""Why the demo's first epochs sat at chance (issue 34): the OOPS network (`build_oops`, forward strand) on
the demo's simulated CEBPA data (20,000 sequences per class, 500 bp; 30,000 train, 10,000 validation at
random), eight epochs of AdamW with clipping and cosine decay, under several recipes: the validation auROC
after every epoch and the seconds per epoch. Writes results/bench_demo_plateau.json. Usage: python
bench/demo_plateau.py"""
import os, sys, time
from pathlib import Path
from common import ROOT, parser, write_record   # the one preamble of the benchmarks (bench/common.py)

RECIPES = {  # name: (peak learning rate, warm-up epochs, batch size, filters, initial kernel s.d. or None)
    'demo before (2e-2, 1 warm-up epoch)': (2e-2, 1, 128, 4, None),
    '2e-2, no warm-up': (2e-2, 0, 128, 4, None),
    '5e-2, no warm-up (the demo now)': (5e-2, 0, 128, 4, None),
    '5e-3, no warm-up': (5e-3, 0, 128, 4, None),
    'initial kernel s.d. 1.0, 2e-2, no warm-up': (2e-2, 0, 128, 4, 1.0),
    'batches of 32, 2e-2, no warm-up': (2e-2, 0, 32, 4, None),
    '16 filters, 2e-2, no warm-up': (2e-2, 0, 128, 16, None),
}


def run(X, y, lr, warm, bs, filters, init, epochs=8):
    import numpy as np, keras
    from sklearn.metrics import roc_auc_score
    from enhancer_nets.adversarial import build_oops
    keras.utils.set_random_seed(0)
    m = build_oops(500, rc=False, filters=filters)
    if init:
        k = m.get_layer('conv1').kernel
        k.assign(np.random.default_rng(0).normal(0, init, k.shape).astype('float32'))
    steps = -(-30_000 // bs)
    sched = keras.optimizers.schedules.CosineDecay(0.0 if warm else lr, 20 * steps,
                                                   warmup_target=lr if warm else None,
                                                   warmup_steps=steps * warm)
    m.compile(keras.optimizers.AdamW(sched, weight_decay=0.0, clipnorm=1.0), 'binary_crossentropy')
    aucs, secs = [], []
    for _ in range(epochs):
        t = time.time()
        m.fit(X[:30_000], y[:30_000], batch_size=bs, epochs=1, verbose=0)
        secs.append(round(time.time() - t, 2))
        p = m.predict(X[30_000:], verbose=0, batch_size=1024)[:, 0]
        aucs.append(round(float(roc_auc_score(y[30_000:], p)), 4))
    return dict(val_auroc_per_epoch=aucs, seconds_per_epoch=secs)


if __name__ == '__main__':
    sys.path.insert(0, str(ROOT))
    import numpy as np
    from enhancer_nets.core import run_metadata, save_json, results_record
    from enhancer_nets.data import simulate_oops, jaspar_ppm, one_hot
    sim = simulate_oops(jaspar_ppm('MA0102.2'), 20_000, 20_000, length=500, seed=0)
    i = np.random.default_rng(0).permutation(len(sim['y']))
    X, y = one_hot(sim['codes'][i]), sim['y'][i].astype('float32')
    rows = {}
    for name, (lr, warm, bs, f, init) in RECIPES.items():
        rows[name] = dict(lr=lr, warmup_epochs=warm, batch_size=bs, filters=f, init_sd=init,
                          **run(X, y, lr, warm, bs, f, init))
        print(name, rows[name]['val_auroc_per_epoch'], flush=True)
    res = run_metadata(0, benchmark='OOPS network, demo data: validation auROC per epoch, several recipes',
                       split='random: 30,000 training, 10,000 validation sequences', recipes=rows)
    write_record(ROOT / 'results' / 'bench_demo_plateau.json', res, data_keys=('split',))
