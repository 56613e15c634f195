"""The package's layout (issues 17 and 32): a foundation by concept (core → data → engine → layers →
motifs → recipes → zoo → baselines → workflows → interpret), the four paper chapters on top of it,
the command line last. Imports point one way, at any depth (function bodies included); no paper module imports
another; no module imports another module's private names."""
import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent/'enhancer_nets'
LAYER = {'core': 0, 'data': 1, 'checks': 1.5, 'engine': 2, 'layers': 3, 'motifs': 4, 'recipes': 4.1,
         'zoo': 4.2, 'baselines': 4.3, 'workflows': 4.4, 'interpret': 4.5, 'deepenhancer': 5,
         'adversarial': 5, 'speid': 5, 'deepcage': 5, 'cli': 7}
PAPERS = {'deepenhancer', 'adversarial', 'speid', 'deepcage'}
PAPER_COMMANDS = {'speid', 'speid_leakage', 'cohn', 'cohn_species', 'deepcage'}
"The command line's paper re-runs: the only functions of `cli` that may import a paper module."


def imports(path):
    "(target module, imported names) of every import of the package inside `path`, at any depth."
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            mod = (node.module.split('.')[-1] if (node.level or node.module.startswith('enhancer_nets'))
                   else None)
            if mod in LAYER: yield mod, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith('enhancer_nets.') and a.name.split('.')[-1] in LAYER:
                    yield a.name.split('.')[-1], []


def test_imports_point_down_and_stay_public():
    bad = []
    for name, layer in LAYER.items():
        for target, names in imports(PKG/f'{name}.py'):
            if LAYER[target] > layer: bad.append(f'{name} imports {target} (upwards)')
            bad += [f'{name} imports {target}.{n} (private)' for n in names if n.startswith('_')]
    assert not bad, bad


def test_papers_use_only_the_foundation():
    """Paper chapters import no other paper module; `interpret` and the command line's generic commands
    (train, predict, evaluate, scan, variants, motifs, demo and their helpers) import none (issue 32)."""
    bad = [f'{p} imports {t}' for p in PAPERS for t, _ in imports(PKG/f'{p}.py') if t in PAPERS and t != p]
    bad += [f'interpret imports {t}' for t, _ in imports(PKG/'interpret.py') if t in PAPERS]
    tree = ast.parse((PKG/'cli.py').read_text())
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and fn.name not in PAPER_COMMANDS:
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.split('.')[-1] in PAPERS:
                    bad.append(f'cli.{fn.name} imports {node.module}')
                if isinstance(node, ast.ImportFrom) and node.module == 'enhancer_nets':
                    bad += [f'cli.{fn.name} imports {a.name}' for a in node.names if a.name in PAPERS]
    assert not bad, bad


def test_every_module_is_placed():
    mods = {p.stem for p in PKG.glob('*.py') if not p.stem.startswith('_')}
    assert mods == set(LAYER), mods ^ set(LAYER)


def calls(path):
    "Every call in the module at `path`: (line, the called name, positional arguments passed)."
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, 'id', '')
            yield node.lineno, name, len([a for a in node.args if not isinstance(a, ast.Starred)])


def test_no_call_passes_more_than_five_arguments_by_position():
    bad = [f'{name}.py:{ln} {f} ({n} positional)' for name in LAYER for ln, f, n in calls(PKG/f'{name}.py')
           if n > 5]
    assert not bad, bad


def test_one_compile_and_one_training_loop():
    """Keras' `compile` and the training loop are called in the engine alone: every network trains through
    `engine.fit` (scikit-learn's `.fit` of the baselines is another thing, on other objects)."""
    bad = []
    for name in LAYER:
        src = (PKG/f'{name}.py').read_text()
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                seg = ast.get_source_segment(src, node.func.value) or ''
                if node.func.attr == 'compile' and seg not in ('re',) and name != 'engine':
                    bad.append(f'{name}.py:{node.lineno} {seg}.compile')
                if node.func.attr in ('fit', 'train_on_batch') and name != 'engine' and seg in (
                        'model', 'm', 'net', 'cnn'):
                    bad.append(f'{name}.py:{node.lineno} {seg}.{node.func.attr}')
    assert not bad, bad


def test_every_results_file_has_the_one_schema():
    "Every results/*.json is a record {meta, config, data, metrics} naming its seed and commit (issue 17)."
    import json
    bad = []
    for p in sorted((PKG.parent/'results').glob('*.json')):
        r = json.loads(p.read_text())
        if list(r) != ['meta', 'config', 'data', 'metrics']: bad.append(f'{p.name}: {list(r)}')
        elif 'seed' not in r['meta'] or 'git_commit' not in r['meta']: bad.append(f'{p.name}: no seed/commit')
    assert not bad, bad


def test_every_paper_rerun_takes_one_config_object():
    """Each experiment takes one config dataclass, with keyword arguments changing its fields; an unknown one
    is refused by name."""
    import dataclasses, inspect, pytest
    from enhancer_nets.core import OptionError
    from enhancer_nets import deepenhancer as D, adversarial as A, speid as S, deepcage as C
    runs = {D.deepenhancer_chr22: D.Chr22Config, D.deepenhancer_cv: D.CVConfig,
            D.deepenhancer_transfer: D.TransferConfig, A.cohn_simulated: A.CohnSimConfig,
            A.cohn_real: A.CohnRealConfig, S.speid_simulated: S.SpeidSimConfig,
            S.leakage_study: S.LeakageConfig, C.deepcage_chr22: C.DeepCageConfig}
    for f, cls in runs.items():
        ps = inspect.signature(f).parameters
        assert dataclasses.is_dataclass(cls) and 'config' in ps and 'changes' in ps, f.__name__
        assert {'seed'} <= {x.name for x in dataclasses.fields(cls)}, cls.__name__
    with pytest.raises(OptionError, match="no setting 'epoch'"):
        D.deepenhancer_chr22('unused', epoch=3)


def test_one_spelling_of_every_directive():
    "Every notebook directive is spelled `#| name` (issue 32): one spelling, so a grep finds them all."
    import json, re
    bad = []
    for nb in sorted((PKG.parent/'nbs').glob('*.ipynb')):
        for c in json.loads(nb.read_text())['cells']:
            if c['cell_type'] == 'code':
                bad += [f'{nb.name}: {l.strip()}' for l in ''.join(c['source']).splitlines()
                        if re.match(r'#\s+\|', l)]
    assert not bad, bad[:5]
