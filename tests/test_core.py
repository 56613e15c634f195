"Core: results provenance."
import subprocess
from enhancer_nets.core import git_commit

def test_git_commit_dirty_ignores_results(tmp_path):
    run = lambda *a: subprocess.run(['git', *a], cwd=tmp_path, check=True, capture_output=True)
    (tmp_path/'results').mkdir(); (tmp_path/'results'/'r.json').write_text('{}'); (tmp_path/'code.py').write_text('x = 1\n')
    run('init', '-q'); run('add', '.'); run('-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'init')
    sha = git_commit(tmp_path)
    assert len(sha) == 40
    (tmp_path/'results'/'r.json').write_text('{"auroc": 0.5}')
    assert git_commit(tmp_path/'results') == sha          # a run rewriting its results file is not a code change
    (tmp_path/'code.py').write_text('x = 2\n')
    assert git_commit(tmp_path) == sha + '-dirty'
