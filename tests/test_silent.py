"""Well-formed but wrong input (issue 31): every silent case of the hostile-user report as a named regression
test, and Hypothesis classes of the same kinds.

The rule for every case: exit 2 with one line naming the file, line or option; or a correct result checked
against an independent computation. Nothing is left behind. `CASES` counts the cases per class (printed
last)."""
import gzip, os, signal, subprocess, sys, time, json
from pathlib import Path
import numpy as np, pandas as pd, pytest
from hypothesis import given, settings, strategies as st, HealthCheck

from conftest import run_cli
from enhancer_nets.data import write_fasta, read_labelled, encode, one_hot, COMPLEMENT
from enhancer_nets import checks

CASES = {}
FAST = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
TINY = ['--arch', '4conv', '--epochs', '1', '--stride', '50', '--width', '100', '--members', '1']


def _count(cls, ok=True):
    CASES.setdefault(cls, [0, 0])
    CASES[cls][0] += 1
    CASES[cls][1] += bool(ok)


def _refused(code, err, *words):
    "Exit 2 with one line on stderr that contains every word."
    return code == 2 and len(err) == 1 and all(w in err[0] for w in words)


def _seqs(rng, n, L=120): return [''.join(rng.choice(list('ACGT'), L)) for _ in range(n)]


def _table(path, seqs, labels, splits=None):
    rows = [f'{s},{y}' + (f',{p}' if splits else '') for s, y, p in zip(seqs, labels, splits or labels)]
    path.write_text('sequence,label' + (',split' if splits else '') + '\n' + '\n'.join(rows) + '\n')
    return str(path)


@pytest.fixture(scope='module')
def env(tmp_path_factory):
    """A 200 kb 'chr22' (not hg38's size) with a 20 kb N gap, positives outside the gap, a table of random
    sequences, and one tiny finished region run."""
    d = tmp_path_factory.mktemp('silent')
    os.environ['ENHANCER_NETS_CACHE'] = str(d / 'cache')
    rng = np.random.default_rng(0)
    seq = ''.join(rng.choice(list('ACGT'), 200_000))
    seq = seq[:50_000] + 'N' * 20_000 + seq[70_000:]
    write_fasta(d / 'g.fa', {'chr22': seq})
    starts = [s for s in range(2_000, 190_000, 3_000) if not 48_000 < s < 71_000]
    (d / 'pos.bed').write_text(''.join(f'chr22\t{s}\t{s + 150}\n' for s in starts))
    seqs = _seqs(rng, 240)
    labels, splits = [i % 2 for i in range(240)], ['train'] * 160 + ['val'] * 40 + ['test'] * 40
    t = _table(d / 't.csv', seqs, labels, splits)
    code, err, _ = run_cli(['train', '--genome', str(d / 'g.fa'), '--positives', str(d / 'pos.bed'),
                            '--out', str(d / 'run'), *TINY])
    assert code in (0, None), err
    return dict(d=d, fa=str(d / 'g.fa'), pos=str(d / 'pos.bed'), seq=seq, seqs=seqs, labels=labels,
                splits=splits, table=t, run=d / 'run', model=str(d / 'run' / 'model.keras'))


# ---------- the twelve silent cases of issue 31

def test_s01_n_only_regions_are_refused(env, tmp_path):
    "Regions in an assembly gap (a BED of another build), all-N table rows and FASTA records: exit 2."
    (tmp_path / 'gap.bed').write_text(open(env['pos']).read() + 'chr22\t52000\t52150\nchr22\t60000\t60150\n')
    code, err, _ = run_cli(['train', '--genome', env['fa'], '--positives', str(tmp_path / 'gap.bed'),
                            '--out', str(tmp_path / 'r'), *TINY])
    assert _refused(code, err, 'gap.bed', '2 of', '100% N', '--max-n-frac'), err
    t = _table(tmp_path / 'n.csv', env['seqs'] + ['N' * 120], env['labels'] + [1], env['splits'] + ['train'])
    code, err, _ = run_cli(['train', '--table', t, '--out', str(tmp_path / 'r'), *TINY])
    assert _refused(code, err, 'n.csv:242', '100% N'), err
    write_fasta(tmp_path / 'p.fa', {'a': env['seqs'][0], 'gap': 'N' * 120})
    write_fasta(tmp_path / 'n.fa', {'b': env['seqs'][1], 'c': env['seqs'][3]})
    code, err, _ = run_cli(['train', '--positives', str(tmp_path / 'p.fa'), '--negatives',
                            str(tmp_path / 'n.fa'),
                            '--out', str(tmp_path / 'r'), *TINY])
    assert _refused(code, err, 'p.fa', "record 'gap'"), err
    assert not (tmp_path / 'r').exists()


def test_s02_background_negatives_use_the_hg38_annotation_only_on_hg38(env):
    "A genome whose chr22 is not hg38's: the record says the annotation was not used, and why."
    rec = json.loads((env['run'] / 'results.json').read_text())
    assert rec['data']['annotation']['compatible'] is False
    assert '200,000 bp here' in rec['data']['annotation']['verdict']
    assert 'GENCODE' not in rec['data']['negatives'] and 'not the hg38 annotation' in rec['data']['negatives']
    assert checks.annotation_build({'chr22': 50_818_468, 'chrUn_x': 10})['compatible']


def test_s03_table_test_rows_beside_a_test_table(env, tmp_path):
    t2 = _table(tmp_path / 'test.csv', env['seqs'][:10], env['labels'][:10])
    code, err, _ = run_cli(['train', '--table', env['table'], '--test-table', t2,
                            '--out', str(tmp_path / 'r'),
                            *TINY])
    assert _refused(code, err, '40 rows have split=test'), err


def test_s04_copies_across_splits(env, tmp_path):
    "Exact and reverse-complement copies of training rows in the test split are refused by default."
    s, y = env['seqs'][:200], env['labels'][:200]
    rc = lambda x: ''.join('TGCA'['ACGT'.index(b)] for b in reversed(x))
    t = _table(tmp_path / 'dup.csv', s + s[:20] + [rc(x) for x in s[20:40]], y + y[:40], env['splits'])
    code, err, _ = run_cli(['train', '--table', t, '--out', str(tmp_path / 'r'), *TINY])
    assert _refused(code, err, 'dup.csv', '20 exact and 20 reverse-complement', '--allow-duplicates'), err


def test_s05_conflicting_labels(env, tmp_path):
    code, err, _ = run_cli(['train', '--genome', env['fa'], '--positives', env['pos'],
                            '--negatives', env['pos'],
                            '--out', str(tmp_path / 'r'), *TINY])
    assert _refused(code, err, 'conflicting labels', 'overlaps positive'), err
    bed = [l.split() for l in open(env['pos'])]
    shifted = ''.join(f'chr22\t{int(a) + 50}\t{int(b) + 50}\n' for _, a, b in bed)
    (tmp_path / 'neg.bed').write_text(shifted)
    code, err, _ = run_cli(['train', '--genome', env['fa'], '--positives', env['pos'], '--negatives',
                            str(tmp_path / 'neg.bed'), '--out', str(tmp_path / 'r'), *TINY])
    assert _refused(code, err, 'neg.bed', 'by 100 bp'), err
    t = _table(tmp_path / 'c.csv', env['seqs'] * 2, env['labels'] + [1 - y for y in env['labels']],
               env['splits'] * 2)
    code, err, _ = run_cli(['train', '--table', t, '--out', str(tmp_path / 'r'), *TINY])
    assert _refused(code, err, 'conflicting labels', 'the same sequence'), err


def test_s06_edited_inputs_are_not_reused(env, tmp_path):
    "Editing the BED after a finished run: refused, naming --overwrite; the same inputs are reused."
    edited = tmp_path / 'pos.bed'
    edited.write_text(''.join(open(env['pos']).readlines()[:-3]))
    args = ['train', '--genome', env['fa'], '--out', str(env['run']), *TINY]
    code, err, _ = run_cli(args[:1] + ['--positives', str(edited)] + args[1:])
    assert _refused(code, err, '--overwrite', 'inputs_sha256'), err
    code, err, out = run_cli(args[:1] + ['--positives', env['pos']] + args[1:])
    assert code in (0, None) and 'reusing the finished run' in out, (err, out)
    # the default (--arch auto) into the run directory of one network: refused, not trained beside it
    code, err, _ = run_cli(['train', '--genome', env['fa'], '--positives', env['pos'],
                            '--out', str(env['run'])])
    assert _refused(code, err, '--overwrite', 'one network'), err
    assert not (env['run'] / 'candidates').exists()


def test_s07_evaluate_refuses_one_class(env, tmp_path):
    t = _table(tmp_path / 'one.csv', env['seqs'], [1] * 240)
    code, err, _ = run_cli(['evaluate', '--table', t, '--out', str(tmp_path / 'cv'), '--archs', '4conv'])
    assert _refused(code, err, 'one.csv', '0 negative'), err
    assert not (tmp_path / 'cv').exists()


def test_s08_n_only_regions_get_na_as_scan_skips_them(env, tmp_path):
    (tmp_path / 'r.bed').write_text('chr22\t52000\t52500\nchr22\t1000\t1300\n')
    code, err, out = run_cli(['predict', '--model', env['model'], '--genome', env['fa'], '--regions',
                              str(tmp_path / 'r.bed'), '--out', str(tmp_path / 's.bed'), '--stride', '10'])
    rows = [l.split('\t') for l in (tmp_path / 's.bed').read_text().splitlines()]
    assert code in (0, None) and rows[0][4] == 'NA' and rows[1][4] != 'NA' and '1 made only of N' in out
    (tmp_path / 'sl.fa').write_text('>chr22\n' + env['seq'][49_000:52_000] + '\n')
    code, err, _ = run_cli(['scan', '--model', env['model'], '--genome', str(tmp_path / 'sl.fa'),
                            '--stride', '100', '--bedgraph', '--out', str(tmp_path / 'sc')])
    starts = [int(l.split()[1]) for l in (tmp_path / 'sc.bedGraph').read_text().splitlines()]
    assert code in (0, None) and starts and max(starts) < 1_000, starts   # windows in the gap are not scored


def test_s09_sequence_mode_options_are_honoured(env, tmp_path):
    t = _table(tmp_path / 'nv.csv', env['seqs'], env['labels'])
    code, err, _ = run_cli(['train', '--table', t, '--val-frac', '0', '--out', str(tmp_path / 'r'), *TINY])
    assert _refused(code, err, 'nv.csv', '--val-frac 0'), err
    code, err, _ = run_cli(['train', '--table', env['table'], '--max-positives', '50', '--out',
                            str(tmp_path / 'm'), *TINY])
    c = json.loads((tmp_path / 'm' / 'results.json').read_text())['data']['counts']
    assert code in (0, None) and c['train']['pos'] + c['val']['pos'] == 50 and c['test']['pos'] == 20, c
    code, err, _ = run_cli(['train', '--table', env['table'], '--split', 'chrom',
                            '--out', str(tmp_path / 'c')])
    assert _refused(code, err, '--split'), err


def test_s10_scan_stride_above_the_window(env, tmp_path):
    code, err, _ = run_cli(['scan', '--model', env['model'], '--genome', env['fa'], '--stride', '101',
                            '--out', str(tmp_path / 'sc')])
    assert _refused(code, err, '--stride', '100 bp'), err
    assert not list(tmp_path.iterdir())


def test_s11_predict_writes_gzip_for_gz(env, tmp_path):
    (tmp_path / 'r.bed').write_text('chr22\t1000\t1300\n')
    code, err, _ = run_cli(['predict', '--model', env['model'], '--genome', env['fa'], '--regions',
                            str(tmp_path / 'r.bed'), '--out', str(tmp_path / 's.bed.gz'), '--stride', '50'])
    text = gzip.decompress((tmp_path / 's.bed.gz').read_bytes())
    assert code in (0, None) and text.startswith(b'chr22\t1000')


def test_s12_fasta_beside_genome_and_regions(env, tmp_path):
    (tmp_path / 'r.bed').write_text('chr22\t1000\t1300\n')
    code, err, _ = run_cli(['predict', '--model', env['model'], '--genome', env['fa'], '--regions',
                            str(tmp_path / 'r.bed'), '--fasta', env['fa'], '--out', str(tmp_path / 's.bed')])
    assert _refused(code, err, '--fasta'), err
    assert not (tmp_path / 's.bed').exists()


# ---------- misleading messages and tracebacks, by cause

@pytest.mark.parametrize('kind', ['dir_for_file', 'file_for_dir', 'under_file', 'scan_under_file'])
def test_out_paths(env, tmp_path, kind):
    (tmp_path / 'f').write_text('x')
    (tmp_path / 'r.bed').write_text('chr22\t1000\t1300\n')
    cmd = {'dir_for_file': ['predict', '--model', env['model'], '--genome', env['fa'], '--regions',
                            str(tmp_path / 'r.bed'), '--out', str(tmp_path)],
           'file_for_dir': ['train', '--table', env['table'], '--out', str(tmp_path / 'f')],
           'under_file': ['train', '--table', env['table'], '--out', str(tmp_path / 'f' / 'run')],
           'scan_under_file': ['scan', '--model', env['model'], '--genome', env['fa'], '--out',
                               str(tmp_path / 'f' / 'sc')]}[kind]
    before = sorted(tmp_path.rglob('*'))
    code, err, _ = run_cli(cmd)
    assert _refused(code, err, '--out'), err
    assert sorted(tmp_path.rglob('*')) == before


def test_input_kinds(env, tmp_path):
    "A directory as --table, a typo in --negatives, --archs named as --archs, motifs --genome alone."
    code, err, _ = run_cli(['train', '--table', str(tmp_path), '--out', str(tmp_path / 'r')])
    assert _refused(code, err, '--table', 'is a directory'), err
    code, err, _ = run_cli(['train', '--genome', env['fa'], '--positives', env['pos'], '--negatives',
                            str(tmp_path / 'negs.bed'), '--out', str(tmp_path / 'r')])
    assert _refused(code, err, '--negatives', 'negs.bed', 'no such file'), err
    code, err, _ = run_cli(['evaluate', '--table', env['table'], '--archs', '4conv,resnet', '--out',
                            str(tmp_path / 'e')])
    assert _refused(code, err, '--archs', "'resnet'"), err
    code, err, _ = run_cli(['motifs', '--model', env['model'], '--genome', env['fa'],
                            '--out', str(tmp_path / 'm')])
    assert _refused(code, err, 'error:', '--regions'), err


def test_long_positives_and_motif_databases(env, tmp_path):
    (tmp_path / 'long.bed').write_text('chr22\t75000\t175000\nchr22\t2000\t2200\n')
    code, err, _ = run_cli(['train', '--genome', env['fa'], '--positives', str(tmp_path / 'long.bed'),
                            '--split', 'chrom', '--test-chroms', 'chr22', '--val-chroms', 'chr22',
                            '--out', str(tmp_path / 'r'), *TINY])
    assert code == 2 and len(err) == 1, err
    (tmp_path / 'x.meme').write_text('not a meme file\n')
    for db in ['JASPAR2099', str(tmp_path / 'x.meme'), str(tmp_path / 'none.meme')]:
        code, err, out = run_cli(['motifs', '--model', env['model'], '--db', db,
                                  '--out', str(tmp_path / 'm')])
        assert _refused(code, err, '--db'), err
        assert not (tmp_path / 'm').exists()


def test_offline_annotation_says_what_to_do(tmp_path, monkeypatch):
    import urllib.request
    from enhancer_nets.data import resolve
    from enhancer_nets.core import MissingFileError
    monkeypatch.setenv('ENHANCER_NETS_DATA', str(tmp_path / 'empty'))
    monkeypatch.setenv('ENHANCER_NETS_CACHE', str(tmp_path / 'cache'))
    def offline(*a, **k): raise OSError('network is unreachable')
    monkeypatch.setattr(urllib.request, 'urlopen', offline)
    with pytest.raises(MissingFileError, match='ENHANCER_NETS_DATA') as e:
        resolve('hg38_gencode_annotation/tss.bed.gz')
    assert 'http' not in str(e.value) and not list((tmp_path / 'cache').rglob('*.part'))


def test_edges_are_padded_with_n(env, tmp_path):
    "A variant 30 bp from a chromosome start and a contig shorter than the window: scored on N-padded input."
    import keras
    m = keras.saving.load_model(env['model'])
    s = env['seq']
    alt = 'C' if s[29] != 'C' else 'A'
    (tmp_path / 'v.tsv').write_text(f'chrom\tpos\tref\talt\nchr22\t30\t{s[29]}\t{alt}\n')
    code, err, out = run_cli(['variants', '--model', env['model'], '--genome', env['fa'], '--vcf',
                              str(tmp_path / 'v.tsv'), '--out', str(tmp_path / 'e.tsv'), '--top', '0',
                              '--no-rc'])
    assert code in (0, None) and 'padded with N' in out, err
    ref = encode('N' * 21 + s[:79])
    want = float(m.predict(one_hot(ref[None]), verbose=0)[0, -1])
    got = pd.read_csv(tmp_path / 'e.tsv', sep='\t').ref_score[0]
    assert abs(got - want) < 1e-5, (got, want)
    write_fasta(tmp_path / 'c.fa', {'tiny': s[:40]})
    (tmp_path / 't.bed').write_text('tiny\t0\t40\n')
    code, err, _ = run_cli(['predict', '--model', env['model'], '--genome', str(tmp_path / 'c.fa'),
                            '--regions',
                            str(tmp_path / 't.bed'), '--out', str(tmp_path / 's.bed')])
    from enhancer_nets.zoo import saved_spec
    x = one_hot(encode('N' * 30 + s[:40] + 'N' * 30)[None])
    p = lambda x: float(m.predict(x, verbose=0)[0, -1])
    # the model file says how train scored: the mean over both strands under the default recipe
    want = (p(x) + p(x[:, ::-1, ::-1].copy())) / 2 if saved_spec(env['model']).test_rc else p(x)
    got = float((tmp_path / 's.bed').read_text().split('\t')[4])
    assert code in (0, None) and abs(got - want) < 1e-5, (err, got, want)


# ---------- Hypothesis classes

@FAST
@given(sizes=st.dictionaries(st.sampled_from(['chr1', 'chr2', 'chr22', 'chrX', '1', 'chrM', 'scaffold_1']),
                             st.integers(1, 300_000_000), min_size=1, max_size=5))
def test_class_build_mismatch(sizes):
    "The annotation applies exactly when some chromosome is named as in hg38 and all such have hg38's size."
    v = checks.annotation_build(sizes)
    shared = [c for c in sizes if c in checks.HG38_SIZES]
    expect = bool(shared) and all(sizes[c] == checks.HG38_SIZES[c] for c in shared)
    assert v['compatible'] == expect
    hg = {c: checks.HG38_SIZES[c] for c in shared}
    assert checks.annotation_build({**sizes, **hg})['compatible'] == bool(shared)
    _count('build mismatch')


@FAST
@given(data=st.data())
def test_class_n_content(data):
    seqs = data.draw(st.lists(st.text('ACGTN', min_size=1, max_size=60), min_size=1, max_size=12))
    frac = checks.n_fraction([encode(s) for s in seqs])
    assert np.allclose(frac, [s.count('N') / len(s) for s in seqs])
    limit = data.draw(st.sampled_from([0.0, 0.25, 0.5, 0.99, 1.0]))
    try:
        checks.check_n_content(frac, [f'r{i}' for i in range(len(seqs))], 'x.fa', limit)
        assert (frac <= limit).all()
    except Exception as e:
        assert (frac > limit).any() and f'r{int(np.argmax(frac > limit))},' in str(e)
    _count('N content')


def _rc(s): return s[::-1].translate(str.maketrans('ACGT', 'TGCA'))


@FAST
@given(data=st.data())
def test_class_duplicates_across_splits(data):
    "Copies across splits are counted as a brute-force pass over all pairs counts them."
    pool = data.draw(st.lists(st.text('ACGT', min_size=4, max_size=8), min_size=1, max_size=6))
    rows = data.draw(st.lists(st.tuples(st.sampled_from(pool), st.booleans(),
                                        st.sampled_from(['train', 'val', 'test'])), min_size=1, max_size=15))
    df = pd.DataFrame(dict(sequence=[_rc(s) if r else s for s, r, _ in rows], split=[p for *_, p in rows]))
    df['name'] = [f'n{i}' for i in range(len(df))]
    got = checks.cross_split_duplicates(df)
    exact = rc = 0
    for i in range(len(df)):   # against the first earlier copy on each strand
        prev = df.iloc[:i]
        ex, r = prev[prev.sequence == df.sequence[i]], prev[prev.sequence == _rc(df.sequence[i])]
        if len(ex) and ex.split.iloc[0] != df.split[i]: exact += 1
        elif len(r) and r.split.iloc[0] != df.split[i]: rc += 1
    assert (got['exact'], got['reverse_complement']) == (exact, rc)
    _count('duplicates across splits')


@FAST
@given(rows=st.lists(st.tuples(st.text('ACGT', min_size=3, max_size=5), st.integers(0, 1)), min_size=1,
                     max_size=12))
def test_class_conflicting_labels(rows):
    df = pd.DataFrame(dict(sequence=[s for s, _ in rows], label=[y for _, y in rows]))
    labels = {}
    for s, y in rows:
        labels.setdefault(s, set()).add(y)
        labels.setdefault(_rc(s), set()).add(y)
    assert (checks.label_conflicts(df) is None) == all(len(v) == 1 for v in labels.values())
    _count('conflicting labels')


@FAST
@given(data=st.data())
def test_class_csv_dialects(data, tmp_path_factory):
    "BOM, quoting, CRLF, tab or comma: the table reads as the sequences written."
    row = st.tuples(st.text('ACGT', min_size=5, max_size=20), st.integers(0, 1))
    rows = data.draw(st.lists(row, min_size=1, max_size=6))
    sep, quote = data.draw(st.sampled_from([',', '\t'])), data.draw(st.sampled_from(['', '"']))
    eol, bom = data.draw(st.sampled_from(['\n', '\r\n'])), data.draw(st.booleans())
    q = lambda x: f'{quote}{x}{quote}'
    body = eol.join(sep.join([q(s), q(y)]) for s, y in rows)
    text = sep.join(map(q, ['sequence', 'label'])) + eol + body + eol
    p = tmp_path_factory.mktemp('csv') / 't.csv'
    p.write_bytes(('\ufeff' if bom else '').encode() + text.encode())
    df = read_labelled(table=p)
    assert list(df.sequence) == [s for s, _ in rows] and list(df.label) == [y for _, y in rows]
    _count('CSV dialects')


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(['new_nested', 'existing_dir', 'under_file', 'existing_file']),
       cmd=st.sampled_from(['predict', 'train']))
def test_class_output_paths(env, kind, cmd, tmp_path_factory):
    d = tmp_path_factory.mktemp('out')
    (d / 'f').write_text('x')
    (d / 'r.bed').write_text('chr22\t1000\t1300\n')
    out = {'new_nested': d / 'a' / 'b', 'existing_dir': d, 'under_file': d / 'f' / 'x',
           'existing_file': d / 'f'}[kind]
    if cmd == 'train' and kind in ('new_nested', 'existing_dir'):
        return   # valid run directories: trained elsewhere in this suite
    args = (['predict', '--model', env['model'], '--genome', env['fa'], '--regions', str(d / 'r.bed'),
             '--stride', '50'] if cmd == 'predict' else ['train', '--table', env['table'], *TINY])
    code, err, _ = run_cli(args + ['--out', str(out)])
    ok = (cmd == 'predict' and kind in ('new_nested', 'existing_file'))
    if ok: assert code in (0, None) and out.is_file() and out.read_text().startswith('chr22'), err
    else: assert _refused(code, err, '--out'), err
    _count('output paths')


SCAN = 'import sys; from enhancer_nets.cli import main; main(sys.argv[1:])'


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(delay=st.floats(0.0, 2.0))
def test_class_sigterm(env, delay, tmp_path_factory):
    "SIGTERM while scanning (at a random moment after the output is opened): exit 143, nothing left behind."
    d = tmp_path_factory.mktemp('term')
    p = subprocess.Popen([sys.executable, '-c', SCAN, 'scan', '--model', env['model'], '--genome', env['fa'],
                          '--stride', '2', '--method', 'windows',   # the slow path: seconds, not one
                          '--out', str(d / 'sc')], stderr=subprocess.PIPE, text=True,
                         env={**os.environ, 'TF_CPP_MIN_LOG_LEVEL': '3'})
    t0 = time.time()
    while not list(d.glob('.sc.bw.*')) and p.poll() is None and time.time() - t0 < 120: time.sleep(0.05)
    time.sleep(delay)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 143 and 'terminated' in err, (p.returncode, err[-500:])
    assert list(d.iterdir()) == []
    _count('SIGTERM')


def test_zz_count_cases():
    "Runs last: cases per class (run, and passed) for the record."
    print('issue 31 cases per class:', CASES)
