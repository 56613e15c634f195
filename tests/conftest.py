import os
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
os.environ.setdefault('ENHANCER_NETS_QUICK', '1')   # reduced runs (IN_TEST), never skipped ones


def run_cli(argv):
    "Run the command line's `main(argv)` in-process: (exit code, stderr lines, stdout)."
    import contextlib, io
    from enhancer_nets.cli import main
    err, out = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try: main(argv)
        except SystemExit as e: code = e.code
    return code, [l for l in err.getvalue().splitlines() if l.strip()], out.getvalue()
