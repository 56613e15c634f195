"""Execute notebooks in place, keeping their outputs, skipping cells tagged slow / gpu / notest /
`eval: false`.

The slow and GPU cells write results/*.json; the cells after them render those files. Running this after them
stores the rendered tables and figures in the committed notebooks (settings.ini has clear_all = False, so
nbdev_clean keeps them). Usage: python tools/execute_nb.py nbs/02_deepenhancer.ipynb [...]
"""
import os, re, sys
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory

SKIP = re.compile(r'^#\|\s*(slow|gpu|notest|eval:\s*false)\b', re.M)

def skip(cell):
    return cell.cell_type != 'code' or bool(SKIP.search(cell.source)) or 'nbdev_export(' in cell.source

if __name__ == '__main__':
    for fn in map(Path, sys.argv[1:]):
        nb = read_nb(fn); k = CaptureShell(fn)
        with working_directory(fn.parent): k.run_all(nb, exc_stop=True, preproc=skip)
        write_nb(nb, fn); print(f'executed {fn}')
