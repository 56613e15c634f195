"Core: results provenance."
import subprocess
from enhancer_nets.core import git_commit

def test_git_commit_dirty_ignores_results(tmp_path):
    run = lambda *a: subprocess.run(['git', *a], cwd=tmp_path, check=True, capture_output=True)
    (tmp_path/'results').mkdir(); (tmp_path/'results'/'r.json').write_text('{}')
    (tmp_path/'code.py').write_text('x = 1\n')
    run('init', '-q'); run('add', '.')
    run('-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'init')
    sha = git_commit(tmp_path)
    assert len(sha) == 40
    (tmp_path/'results'/'r.json').write_text('{"auroc": 0.5}')
    assert git_commit(tmp_path/'results') == sha          # a run rewriting its results file is not a code
                                                          # change
    (tmp_path/'code.py').write_text('x = 2\n')
    assert git_commit(tmp_path) == sha + '-dirty'


def test_run_metadata_names_the_commit_the_run_started_from(monkeypatch):
    import enhancer_nets.core as core
    monkeypatch.setattr(core, 'git_commit', lambda path='.': 'f' * 40)   # the tree moved on during the run
    m = core.run_metadata(3)
    assert m['git_commit'] == core.STARTED['git_commit'] and m['started'] == core.STARTED['date']
    assert m['git_commit_at_save'] == 'f' * 40 and m['started'] <= m['date']
