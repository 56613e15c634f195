"""Rewrite results files written before the one results schema into {meta, config, data, metrics}
(`enhancer_nets.core.results_record`, issue 17). Keys move between sections; no value changes, so every number
stays the one its run wrote. A file already in the schema is left alone.
Usage: python tools/migrate_results.py [results/X.json ...]   (default: every results/*.json)"""
import dataclasses, json, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from enhancer_nets.core import results_record, save_json, RESULTS_SECTIONS
from enhancer_nets.deepenhancer import Chr22Config, CVConfig, TransferConfig
from enhancer_nets.adversarial import CohnSimConfig, CohnRealConfig
from enhancer_nets.speid import SpeidSimConfig, LeakageConfig
from enhancer_nets.deepcage import DeepCageConfig


def names(cls): return [f.name for f in dataclasses.fields(cls)]

RUN = ['width', 'test_stride', 'lr', 'patience', 'batch_size', 'epochs', 'stride', 'arch', 'quick', 'recipe']
# file stem (or its prefix) -> (setting names, data keys, meta keys), as the experiment writes them now
LAYOUT = {
    'deepenhancer_chr22': (names(Chr22Config) + RUN, ('positives_dropped_at_boundaries',), ()),
    'deepenhancer_cv': (names(CVConfig) + RUN, (), ()),
    'deepenhancer_transfer': (names(TransferConfig) + ['pretrained'],
                              ('n_train_positives', 'window_stride'), ()),
    'pretrain_accessibility': (['arch', 'stride', 'quick'], ('tasks', 'tracks', 'extent'), ()),
    'cohn_simulated': (names(CohnSimConfig), ('motif',), ()),
    'cohn_real': (names(CohnRealConfig), ('cross_dataset_split',), ()),
    'speid_leakage': (names(LeakageConfig), (), ()),
    'speid_simulated': (names(SpeidSimConfig), ('simulation',), ()),
    'deepcage_chr22': (names(DeepCageConfig), (), ()),
    'motifs_simulated': (['n_attr', 'seed', 'quick', 'n_per_class', 'epochs'],
                         ('planted', 'databases', 'models'), ()),
    'motifs_deepenhancer_chr22': (['model', 'max_windows', 'seed', 'quick'],
                                  ('databases', 'model_split', 'model_run_commit'), ()),
    'modisco_simulated': (['n', 'n_train_per_class', 'seed', 'quick'], ('motif',), ()),
    'modisco_deepenhancer_chr22': (['model', 'seed', 'quick'],
                                   ('model_split', 'model_run_commit', 'model_test_auroc'), ()),
}
SPEID_RUN = ['split_kind', 'k', 'test_fold', 'enh_len', 'prom_len', 'n_shift', 'shift_negatives', 'balance',
             'epochs', 'lr', 'batch_size', 'patience', 'jaspar_frac', 'class_weight', 'n_kernels',
             'kernel_width', 'pool', 'lstm_units', 'dense', 'seed']


def settings(old, keys):
    "The settings among `keys` found at the top level or in a nested `meta`."
    meta = old.get('meta') if isinstance(old.get('meta'), dict) else {}
    return {k: (old[k] if k in old else meta[k]) for k in keys if k in old or k in meta}


def speid_run(r):
    "One `train_speid` record of the old layout: settings in its meta, the split kind under `split`."
    r = json.loads(json.dumps(r))
    if 'split' in r.get('meta', {}):
        r['meta']['split_kind'] = r['meta'].pop('split')
    return results_record(r, settings(r, SPEID_RUN), data_keys=('leakage',),
                          meta_keys=('history', 'n_params'))


def migrate(old, stem):
    if set(old) == set(RESULTS_SECTIONS): return old
    lay = next((v for k, v in LAYOUT.items() if stem == k or stem.startswith(k + '_')), ((), (), ()))
    old = json.loads(json.dumps(old))
    desc = old.pop('data') if stem.startswith('deepcage') and isinstance(old.get('data'), dict) \
        and 'loci' in old['data'] else None
    if stem.startswith('speid_simulated'):
        old['runs'] = {k: speid_run(v) for k, v in old['runs'].items()}
    rec = results_record(old, settings(old, lay[0]), data_keys=lay[1], meta_keys=lay[2])
    if desc: rec['data'].update(desc)
    return rec


if __name__ == '__main__':
    files = [Path(f) for f in sys.argv[1:]] or sorted((ROOT/'results').glob('*.json'))
    for f in files:
        old = json.loads(f.read_text())
        new = migrate(old, f.stem)
        if new is not old:
            save_json(f, new)
            print(f'{f.name}: {", ".join(f"{k} {len(v)}" for k, v in new.items())}')
