"""Write README.md from nbs/index.ipynb without Quarto (nbdev_readme needs it; it is not installable here).

Markdown cells are copied in order; code cells tagged `#| hide` are skipped, other code cells are shown as
code. `python tools/make_readme.py --check` exits 1 if README.md is out of date.
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render() -> str:
    nb = json.loads((root/'nbs'/'index.ipynb').read_text())
    parts = []
    for c in nb['cells']:
        src = ''.join(c['source']).strip()
        if c['cell_type'] == 'markdown': parts.append(src)
        elif src and not any(l.strip().startswith('#| hide') for l in src.splitlines()):
            parts.append(f'```python\n{src}\n```')
    head = ('<!-- generated from nbs/index.ipynb by tools/make_readme.py: '
            'edit the notebook, not this file -->\n\n')
    return head + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    new, readme = render(), root/'README.md'
    if '--check' in sys.argv: sys.exit(0 if readme.exists() and readme.read_text() == new else 1)
    tmp = readme.with_suffix('.md.tmp'); tmp.write_text(new); tmp.replace(readme)
