"""Run any benchmark by name: `python bench/run.py NAME [its options]` runs bench/NAME.py, which writes its
record under results/. With no name (or only options), the speed benchmarks (bench/speed.py, side by side with
the tools a user would pick instead → results/bench.json). `python bench/run.py --list` names them all.
Usage: ENHANCER_NETS_DATA=../shared/data python bench/run.py [NAME] [options]"""
import runpy, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = sorted(p.stem for p in HERE.glob('*.py') if p.stem not in ('run', 'common'))

if __name__ == '__main__':
    args = sys.argv[1:]
    if args[:1] == ['--list']:
        print('\n'.join(NAMES)); sys.exit(0)
    name = args.pop(0) if args and not args[0].startswith('-') else 'speed'
    if name not in NAMES:
        sys.exit(f'bench/run.py: no benchmark {name!r}; one of: {", ".join(NAMES)}')
    sys.argv = [str(HERE / f'{name}.py'), *args]
    sys.path.insert(0, str(HERE))
    runpy.run_path(str(HERE / f'{name}.py'), run_name='__main__')
