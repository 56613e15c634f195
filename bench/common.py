"""The one preamble of every benchmark: the repository root, a quiet TensorFlow, and the option parser every
script starts from (it has `--runs`, where checkpoints go). Run a benchmark by name with
`python bench/run.py NAME [options]`, or as `python bench/NAME.py [options]`."""
import argparse, os
from pathlib import Path

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')   # before any import of TensorFlow
ROOT = Path(__file__).resolve().parent.parent
"The repository: results/ and runs/ are below it."


def parser(doc: str | None) -> argparse.ArgumentParser:
    "A benchmark's option parser: its docstring as help, and `--runs` (default ROOT/runs)."
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--runs', default=str(ROOT / 'runs'), help='where checkpoints and run directories go')
    return p


def write_record(path, res: dict, config=None, data_keys: tuple = (), meta_keys: tuple = ()) -> dict:
    """The one way a benchmark writes its results: `res` (flat: `core.run_metadata(...)` and what was
    measured) sorted into the `{meta, config, data, metrics}` schema (`core.results_record`), written
    atomically to `path` (`core.save_json`). Returns the record."""
    from enhancer_nets.core import results_record, save_json
    rec = results_record(res, config, data_keys=data_keys, meta_keys=meta_keys)
    save_json(path, rec)
    print(f'results: {path}')
    return rec


def run_cli(cmd: list) -> tuple:
    """Run a command (`enhancer_nets ...`) in a fresh process with a quiet TensorFlow: (the completed process,
    wall seconds, its peak RSS in MiB, or None where it stayed under an earlier child's). Exits with the end of
    its stderr when it fails."""
    import resource, subprocess, sys, time
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3'))
    wall = time.time() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if r.returncode: sys.exit(r.stderr[-3000:])
    return r, wall, round(peak / 1024, 1) if peak > before else None


def calibration_summary(c: dict) -> dict:
    "A run's ACC at 0.5 and at the validation threshold (its results.json `calibration`), and their difference."
    a, v = c['acc_at_0_5'], c['acc_at_val_threshold']
    return dict(acc_at_0_5=round(a, 4), acc_at_val_threshold=round(v, 4), difference=round(abs(a - v), 4))
