"""The package's layout (issue 17): imports point one way, core → data → engine → the model chapters →
interpretation → command line, and no module imports another module's private names."""
import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent/'enhancer_nets'
LAYER = {'core': 0, 'data': 1, 'engine': 2, 'deepenhancer': 3, 'adversarial': 3, 'speid': 3, 'deepcage': 3,
         'interpret': 4, 'cli': 5}


def imports(path):
    "(target module, imported names) of every import of the package inside `path`, at any depth."
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            mod = node.module.split('.')[-1] if (node.level or node.module.startswith('enhancer_nets')) else None
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


def test_every_module_is_placed():
    mods = {p.stem for p in PKG.glob('*.py') if not p.stem.startswith('_')}
    assert mods == set(LAYER), mods ^ set(LAYER)
