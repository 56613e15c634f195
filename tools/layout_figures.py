"""The size and rhythm figures of issue 32, measured on the package and its notebooks (static reading).

Usage: python tools/layout_figures.py [--out results/layout_figures.json]

- functions over 60 code lines, or over 12 parameters (a CLI command's one parameter per option is exempt);
- the median export cell (code lines), and the share of export cells that define two or more public objects;
- checks (assert / test_eq / test_fail / test_close / test_ne) per 100 code lines of lessons (non-export
  cells), and per 100 code lines of the notebooks (export cells included: the stricter reading);
- the spellings of the export directive;
- imports of a paper module by another paper module, by `interpret` or by the CLI's generic commands.
"""
import ast, json, re, statistics, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG, NBS = ROOT / 'enhancer_nets', ROOT / 'nbs'
CHECK = re.compile(r'^\s*(assert\b|test_eq\(|test_fail\(|test_close\(|test_ne\(|test_warns\(|test_is\()')


def code_lines(src: str) -> int:
    "Lines that are neither blank nor comments nor docstring lines."
    tree, doc = ast.parse(src), set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Expr) and isinstance(getattr(n, 'value', None), ast.Constant) and \
                isinstance(n.value.value, str):
            doc.update(range(n.lineno, n.end_lineno + 1))
    return sum(1 for i, l in enumerate(src.splitlines(), 1)
               if l.strip() and not l.strip().startswith('#') and i not in doc)


def functions(path: Path) -> list:
    "(name, code lines, parameters, is a CLI command) of every function in a module."
    src = path.read_text()
    out = []
    for n in ast.walk(ast.parse(src)):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            seg = ast.get_source_segment(src, n)
            a = n.args
            own = 1 if a.args and a.args[0].arg in ('self', 'cls') else 0
            params = len(a.posonlyargs + a.args + a.kwonlyargs) - own
            cli = path.stem == 'cli' and any(getattr(d, 'id', '') == 'call_parse' for d in n.decorator_list)
            out.append((f'{path.stem}.{n.name}', code_lines(_dedent(seg)), params, cli))
    return out


def _dedent(s: str) -> str:
    import textwrap
    return textwrap.dedent(s)


def cells():
    "(notebook, is an export cell, source) of every code cell."
    for nb in sorted(NBS.glob('*.ipynb')):
        for c in json.loads(nb.read_text())['cells']:
            if c['cell_type'] == 'code':
                s = ''.join(c['source'])
                yield nb.name, bool(re.match(r'#\s?\|\s?export', s)), s


def public_objects(src: str) -> int:
    try:
        body = ast.parse(src).body
    except SyntaxError:
        return 0
    names = []
    for n in body:
        if isinstance(n, (ast.FunctionDef, ast.ClassDef)): names.append(n.name)
        elif isinstance(n, ast.Assign): names += [t.id for t in n.targets if isinstance(t, ast.Name)]
    return len([x for x in names if not x.startswith('_')])


def figures() -> dict:
    fns = [f for p in sorted(PKG.glob('*.py')) if not p.stem.startswith('_') for f in functions(p)]
    long_ = sorted([(n, l) for n, l, _, _ in fns if l > 60], key=lambda x: -x[1])
    wide = sorted([(n, k) for n, _, k, cli in fns if k > 12 and not cli], key=lambda x: -x[1])
    exp = [(nb, s) for nb, e, s in cells() if e]
    lessons = [s for nb, e, s in cells()
               if not e and not s.lstrip().startswith(('#| hide', '#| default_exp'))]
    sizes = [len([l for l in s.splitlines()[1:] if l.strip()]) for _, s in exp]
    multi = [public_objects('\n'.join(s.splitlines()[1:])) >= 2 for _, s in exp]
    lesson_lines = sum(len([l for l in s.splitlines() if l.strip() and not l.strip().startswith('#')])
                       for s in lessons)
    checks = sum(1 for s in lessons for l in s.splitlines() if CHECK.match(l))
    all_lines = sum(len([l for l in s.splitlines() if l.strip() and not l.strip().startswith('#')])
                    for _, _, s in cells())
    spell = {}
    for _, s in exp:
        k = s.splitlines()[0].split('export')[0] + 'export'
        spell[k] = spell.get(k, 0) + 1
    return dict(
        functions=len(fns), functions_over_60_lines=len(long_), longest=long_[:10],
        functions_over_12_parameters=len(wide), widest=wide[:10],
        export_cells=len(exp), export_cell_median_lines=statistics.median(sizes),
        export_cells_with_2_or_more_public_objects=round(sum(multi) / len(multi), 3),
        export_cells_over_100_lines=sum(s > 100 for s in sizes),
        lesson_code_lines=lesson_lines, checks=checks,
        checks_per_100_lesson_lines=round(100 * checks / lesson_lines, 2),
        notebook_code_lines=all_lines, checks_per_100_notebook_code_lines=round(100 * checks / all_lines, 2),
        export_spellings=spell,
    )


if __name__ == '__main__':
    f = figures()
    if '--out' in sys.argv:
        sys.path.insert(0, str(ROOT))
        from enhancer_nets.core import run_metadata, results_record, save_json
        goals = dict(max_function_code_lines=60, max_parameters=12, max_median_export_cell_lines=15,
                     min_checks_per_100_lesson_lines=8, export_spellings=1)
        split = 'not applicable: a static reading of enhancer_nets/ and nbs/'
        rec = results_record(dict(run_metadata(0, experiment='layout_figures', split=split), **f), goals)
        save_json(sys.argv[sys.argv.index('--out') + 1], rec)
    print(json.dumps(f, indent=1))
