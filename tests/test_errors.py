"""Bad input ends in one line and exit 2, nothing is left half-written, and resume keeps its promises
(issue 20).

The fuzz tests run the command line in-process (no subprocess per case) on Hypothesis-generated FASTA and BED
files with the defects users meet; each case must end in exit 2 with one line naming the file (and line) or
the option, or in a correct result, and none may leave a file behind. `FUZZ_CASES` counts the cases run."""
import contextlib, gzip, io, os, signal, subprocess, sys, json
from pathlib import Path
import numpy as np, pandas as pd, pytest
from hypothesis import given, settings, strategies as st, HealthCheck

from enhancer_nets.cli import main
from enhancer_nets.data import write_fasta
from enhancer_nets.core import flat_record

FUZZ_CASES = {'fasta': 0, 'bed': 0, 'options': 0}
REJECTED = {'fasta': 0, 'bed': 0, 'options': 0}
ROOT = Path(__file__).resolve().parents[1]

from conftest import run_cli

@pytest.fixture(scope='module')
def env(tmp_path_factory):
    "A small genome, a saved (untrained) 100 bp model, and a private cache."
    d = tmp_path_factory.mktemp('errors')
    os.environ['ENHANCER_NETS_CACHE'] = str(d/'cache')
    import keras
    from enhancer_nets.deepenhancer import build_model
    rng = np.random.default_rng(0)
    genome = {'chrA': ''.join(rng.choice(list('ACGT'), 3000)),
              'chrB': ''.join(rng.choice(list('ACGT'), 2000))}
    write_fasta(d/'g.fa', genome)
    m = build_model('4conv', 100)
    m.save(d/'m.keras')
    return dict(d=d, genome=genome, model=str(d/'m.keras'), fa=str(d/'g.fa'))

def _files(d): return sorted(str(p.relative_to(d)) for p in Path(d).rglob('*'))

# ---------- FASTA defects, through `predict --fasta`
_dna = st.one_of(st.text(alphabet='ACGTacgtN', min_size=100, max_size=400),
                 st.text(alphabet='ACGTacgtN', max_size=99))
@st.composite
def fasta_text(draw):
    recs = draw(st.lists(st.tuples(st.sampled_from(['r1', 'r2', 'r3', 'r 4', '']), _dna), min_size=0,
                         max_size=3))
    width = draw(st.integers(10, 80))
    lines = []
    for name, seq in recs:
        lines.append('>' + name)
        lines += [seq[i:i + width] for i in range(0, len(seq), width)]
    defect = draw(st.sampled_from(['none', 'no_header', 'ragged', 'blank_inside', 'crlf', 'iupac',
                                   'junk_char', 'binary', 'empty']))
    if defect == 'no_header' and lines: lines = lines[1:]
    if defect == 'ragged' and len(lines) > 2: lines.insert(2, 'ACG')
    if defect == 'blank_inside' and len(lines) > 2: lines.insert(2, '')
    if defect == 'iupac' and len(lines) > 1: lines[1] = 'RYKM' + lines[1][4:]
    if defect == 'junk_char' and len(lines) > 1 and lines[1]: lines[1] = 'X' + lines[1][1:]
    text = ('\r\n' if defect == 'crlf' else '\n').join(lines) + '\n'
    if defect == 'binary': text = '\x00\x01\x02>\n'
    if defect == 'empty': text = ''
    how = draw(st.sampled_from(['plain', 'gzip', 'gzip_cut', 'plain_named_gz']))
    return text, how

@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=fasta_text())
def test_fuzz_fasta(env, case, tmp_path_factory):
    text, how = case
    d = tmp_path_factory.mktemp('fa')
    f = d/('in.fa.gz' if how != 'plain' else 'in.fa')
    raw = text.encode()
    if how in ('gzip', 'gzip_cut'): raw = gzip.compress(raw)
    if how == 'gzip_cut': raw = raw[:max(len(raw) // 2, 1)]
    f.write_bytes(raw)
    before = _files(d)
    code, err, _ = run_cli(['predict', '--model', env['model'], '--fasta', str(f),
                            '--out', str(d/'out'/'s.bed'), '--stride', '50'])
    FUZZ_CASES['fasta'] += 1
    REJECTED['fasta'] += code != 0
    if code == 0:
        bed = pd.read_csv(d/'out'/'s.bed', sep='\t', header=None)
        from enhancer_nets.data import Genome
        g = Genome(f)
        only_n = [(g.codes(k) == 4).all() for k in g.sizes]   # records with no A, C, G or T score NA
        assert len(bed) >= 1 and (bed[4].isna().to_numpy() == np.array(only_n)).all()
        assert np.isfinite(bed[4][~bed[4].isna()]).all()
    else:
        assert code == 2 and len(err) == 1, (code, err)
        assert (err[0].startswith('enhancer_nets predict: error: ')
                and ('in.fa' in err[0] or '--' in err[0])), err
        assert 'Traceback' not in err[0]
        left = [p for p in _files(d) if p not in before]
        assert not left, left   # nothing half-written
    cache = Path(os.environ['ENHANCER_NETS_CACHE'])/'genomes'
    assert not [p for p in cache.glob('.*')] if cache.exists() else True   # no partial decompressed copy

# ---------- BED defects, through `predict --genome --regions`
@st.composite
def bed_text(draw):
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(['ok', 'ok', 'ok', 'few_cols', 'not_int', 'end_le_start', 'negative',
                                     'unknown_chrom', 'past_end', 'comment', 'track', 'blank', 'float']))
        c = draw(st.sampled_from(['chrA', 'chrB']))
        s = draw(st.integers(0, 1500))
        e = s + draw(st.integers(1, 400))
        rows.append({'ok': f'{c}\t{s}\t{e}\tr{len(rows)}', 'few_cols': f'{c}\t{s}',
                     'not_int': f'{c}\tx{s}\t{e}',
                     'end_le_start': f'{c}\t{e}\t{s}', 'negative': f'{c}\t-{s + 1}\t{e}',
                     'unknown_chrom': f'chrZ\t{s}\t{e}', 'past_end': f'{c}\t{s}\t{e + 5000}',
                     'comment': '# a comment', 'track': 'track name=x', 'blank': '',
                     'float': f'{c}\t{s}.5\t{e}'}[kind])
    eol = draw(st.sampled_from(['\n', '\r\n']))
    return eol.join(rows) + (eol if rows else ''), draw(st.booleans())

@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=bed_text())
def test_fuzz_bed(env, case, tmp_path_factory):
    text, gz = case
    d = tmp_path_factory.mktemp('bed')
    f = d/('in.bed.gz' if gz else 'in.bed')
    f.write_bytes(gzip.compress(text.encode()) if gz else text.encode())
    code, err, _ = run_cli(['predict', '--model', env['model'], '--genome', env['fa'], '--regions', str(f),
                            '--out', str(d/'out'/'s.bed'), '--stride', '50'])
    FUZZ_CASES['bed'] += 1
    REJECTED['bed'] += code != 0
    data = [l for l in text.replace('\r', '').split('\n') if l.strip() and not l.startswith(('#', 'track'))]
    if code == 0:
        bed = pd.read_csv(d/'out'/'s.bed', sep='\t', header=None)
        assert len(bed) == len(data) and np.isfinite(bed[4]).all()
    else:
        assert code == 2 and len(err) == 1, (code, err)
        assert f'{f.name}:' in err[0] or (not data and 'empty' in err[0]), err   # file and line named
        assert not (d/'out').exists()

# ---------- options, through `train` (checked before anything is read or written)
BAD_OPTIONS = [('--stride', '0'), ('--stride', '-5'), ('--width', '0'), ('--width', '100000'),
               ('--batch-size', '0'),
               ('--max-positives', '-1'), ('--test-frac', '1.5'), ('--val-frac', '-0.1'), ('--epochs', '0'),
               ('--test_stride', '0'), ('--arch', 'resnet'), ('--split', 'random'), ('--patience', '-1')]

@pytest.mark.parametrize('opt,val', BAD_OPTIONS)
def test_bad_option(env, tmp_path, opt, val):
    out = tmp_path/'run'
    code, err, _ = run_cli(['train', '--genome', env['fa'], '--positives', env['fa'], '--out', str(out),
                            opt, val])
    FUZZ_CASES['options'] += 1
    REJECTED['options'] += code != 0
    assert code == 2 and len(err) == 1 and opt.lstrip('-').replace('_', '-') in err[0], err
    assert not out.exists()

@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(stride=st.integers(-10, 400), bs=st.integers(-3, 70000),
       reduce=st.sampled_from(['max', 'mean', 'median', 'MAX']))
def test_fuzz_predict_options(env, stride, bs, reduce, tmp_path_factory):
    d = tmp_path_factory.mktemp('opt')
    (d/'r.bed').write_text('chrA\t0\t300\nchrB\t100\t700\n')
    code, err, _ = run_cli(['predict', '--model', env['model'], '--genome', env['fa'],
                            '--regions', str(d/'r.bed'),
                            '--out', str(d/'s.bed'), '--stride', str(stride), '--reduce', reduce])
    FUZZ_CASES['options'] += 1
    REJECTED['options'] += code != 0
    ok = stride >= 1 and reduce in ('max', 'mean')
    assert (code == 0) == ok, (code, err)
    if not ok:
        assert len(err) == 1 and ('--stride' in err[0] or '--reduce' in err[0]) and not (d/'s.bed').exists()

def test_model_files(env, tmp_path):
    "A file that exists but is not a model gets its own message, not 'File not found'."
    (tmp_path/'t.keras').write_text('not a model')
    (tmp_path/'j.json').write_text('{}')
    (tmp_path/'cut.keras').write_bytes(Path(env['model']).read_bytes()[:2000])
    (tmp_path/'empty').mkdir()
    for m, what in [('t.keras', 'not a Keras model'), ('j.json', 'not a Keras model'),
                    ('cut.keras', 'not a Keras model'),
                    ('empty', 'no model.keras'), ('nothing.keras', 'no such file')]:
        code, err, _ = run_cli(['predict', '--model', str(tmp_path/m), '--fasta', env['fa'],
                                '--out', str(tmp_path/'o.bed')])
        assert code == 2 and len(err) == 1 and what in err[0] and m in err[0], err
    assert not (tmp_path/'o.bed').exists()

def test_umask_and_version(env, tmp_path):
    code, _, out = run_cli(['--version'])
    assert code == 0 and out.startswith('enhancer_nets ')
    (tmp_path/'r.bed').write_text('chrA\t0\t300\n')
    old = os.umask(0o022)
    try:
        code, err, _ = run_cli(['predict', '--model', env['model'], '--genome', env['fa'],
                                '--regions', str(tmp_path/'r.bed'),
                                 '--out', str(tmp_path/'s.bed'), '--stride', '50'])
    finally: os.umask(old)
    assert code == 0 and (tmp_path/'s.bed').stat().st_mode & 0o777 == 0o644

# ---------- resume: SIGINT, then SIGKILL, then to the end == uninterrupted (subprocesses: the process dies)
HARNESS = r'''
import os, sys, signal
import keras
import enhancer_nets.workflows as D
from enhancer_nets.cli import main
kill = os.environ.get('KILL_AT')
# a shell's background job inherits SIGINT ignored, and Python then installs no KeyboardInterrupt handler:
# restore the interactive default, so that the SIGINT below is the user's Ctrl-C wherever the suite runs
signal.signal(signal.SIGINT, signal.default_int_handler)
if kill:
    e, b, sig = map(int, kill.split(':'))
    class K(keras.callbacks.Callback):
        def on_epoch_begin(self, ep, logs=None): self.ep = ep
        def on_train_batch_end(self, bi, logs=None):
            if self.ep == e and bi == b: os.kill(os.getpid(), sig)
    orig = D.fit
    D.fit = lambda *a, **k: orig(*a, callbacks=[K()], **k)
main(sys.argv[1:])
'''

def _train(args, kill=None, cwd=None):
    env = {**os.environ, 'TF_CPP_MIN_LOG_LEVEL': '3', **({'KILL_AT': kill} if kill else {})}
    env.pop('KILL_AT', None) if not kill else None
    return subprocess.run([sys.executable, '-c', HARNESS, 'train', *args], capture_output=True, text=True,
                          env=env, cwd=cwd)

def _weights(p):
    import keras
    return [w for w in keras.saving.load_model(p).get_weights()]

def test_resume_exact(tmp_path):
    from enhancer_nets.workflows import simulated_genome
    fa, pbed, nbed = simulated_genome(tmp_path/'sim', n=150, seed=3)
    base = ['--recipe', 'paper', '--genome', str(fa), '--positives', str(pbed), '--negatives', str(nbed),
            '--stride', '50', '--epochs', '5', '--patience', '2', '--batch-size', '64', '--seed', '1']
    a = _train(base + ['--out', str(tmp_path/'a')])
    assert a.returncode == 0, a.stderr[-2000:]
    r1 = _train(base + ['--out', str(tmp_path/'b')], kill='1:2:2')          # SIGINT in epoch 2
    assert r1.returncode == 130, r1.stderr[-2000:]
    assert r1.stderr.strip().splitlines()[-1].endswith('the same command resumes from the last finished '
                                                       'epoch')
    r2 = _train(base + ['--out', str(tmp_path/'b')], kill='2:1:9')          # SIGKILL in epoch 3
    assert r2.returncode == -9
    r3 = _train(base + ['--out', str(tmp_path/'b')])
    assert r3.returncode == 0 and 'resuming after epoch' in r3.stdout, r3.stdout[-2000:]
    ra, rb = (flat_record(json.loads((tmp_path/x/'results.json').read_text())) for x in 'ab')
    drop = lambda h: {k: v for k, v in h.items() if k != 'epoch_seconds'}
    assert ra['best_epoch'] == rb['best_epoch'] and drop(ra['history']) == drop(rb['history'])
    assert ra['results'] == rb['results']
    for x, y in zip(_weights(tmp_path/'a'/'checkpoints'/'best.keras'),
                    _weights(tmp_path/'b'/'checkpoints'/'best.keras')):
        assert np.array_equal(x, y)
    # a finished run: the same command reuses it; other settings are refused, naming --overwrite
    same = _train(base + ['--out', str(tmp_path/'a')])
    assert same.returncode == 0 and 'reusing the finished run' in same.stdout
    assert (drop(json.loads((tmp_path/'a'/'results.json').read_text())['metrics']['history'])
            == drop(ra['history']))
    other = _train([*base[:-8], '--stride', '50', '--epochs', '1', '--patience', '2', '--batch-size', '64',
                    '--seed', '1', '--out', str(tmp_path/'a')])
    lines = other.stderr.strip().splitlines()
    assert (other.returncode == 2 and '--overwrite' in lines[-1]
            and 'epochs: 5 there, 1 here' in lines[-1]), lines[-3:]
    hist = pd.read_csv(tmp_path/'a'/'checkpoints'/'history.csv')
    assert list(hist.epoch) == list(range(len(ra['history']['epoch'])))   # histories never merged

# ---------- VCF defects, through `variants`
@st.composite
def vcf_text(draw, genome):
    hdr = ['##fileformat=VCFv4.2', '##contig=<ID=chrA,length=3000>', '##contig=<ID=chrB,length=2000>',
           '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO']
    rows, n_alt = [], 0
    for i in range(draw(st.integers(0, 5))):
        c = draw(st.sampled_from(['chrA', 'chrB']))
        p = draw(st.integers(60, 1900))
        ref = genome[c][p - 1]
        alt = {'A': 'G', 'G': 'A', 'C': 'T', 'T': 'C'}[ref]
        kind = draw(st.sampled_from(['ok', 'ok', 'multi', 'bad_pos', 'indel', 'unknown_chrom', 'wrong_ref',
                                     'symbolic', 'few_cols', 'edge']))
        f = [c, str(p), f'v{i}', ref, alt, '.', '.', '.']
        if kind == 'multi': f[4] = ','.join(b for b in 'ACGT' if b != ref)
        if kind == 'bad_pos': f[1] = 'x' + f[1]
        if kind == 'indel': f[3] = ref + 'A'
        if kind == 'unknown_chrom': f[0] = 'chrZ'
        if kind == 'wrong_ref': f[3] = alt
        if kind == 'symbolic': f[4] = '<DEL>'
        if kind == 'few_cols': f = f[:3]
        if kind == 'edge': f[1] = '3'   # the window runs past the start
        rows.append('\t'.join(f))
    if draw(st.booleans()) and rows: hdr = hdr[3:]   # no meta lines (contigs undeclared)
    return '\n'.join(hdr + rows) + '\n'

@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fuzz_vcf(env, data, tmp_path_factory):
    text = data.draw(vcf_text(env['genome']))
    d = tmp_path_factory.mktemp('vcf')
    (d/'in.vcf').write_text(text)
    code, err, _ = run_cli(['variants', '--model', env['model'], '--genome', env['fa'],
                            '--vcf', str(d/'in.vcf'), '--out', str(d/'out'/'v.tsv'), '--top', '1'])
    FUZZ_CASES['vcf'] = FUZZ_CASES.get('vcf', 0) + 1
    REJECTED['vcf'] = REJECTED.get('vcf', 0) + (code != 0)
    if code == 0:
        v = pd.read_csv(d/'out'/'v.tsv', sep='\t')
        assert len(v) >= 1 and np.isfinite(v.log_odds).all()
    else:
        assert code == 2 and len(err) == 1 and 'in.vcf' in err[0], (code, err)
        assert not (d/'out').exists()

# ---------- labelled-sequence tables, through `train`
@st.composite
def table_text(draw):
    rows = []
    for i in range(draw(st.integers(0, 24))):
        lab = i % 2
        seq = draw(st.text(alphabet='ACGT', min_size=10, max_size=60))
        split = ['train', 'train', 'val', 'test'][i % 4 if i < 8 else (i // 2) % 4]
        kind = draw(st.sampled_from(['ok'] * 6 + ['bad_label', 'bad_split', 'junk', 'empty_seq', 'fields']))
        f = [seq, str(lab), split]
        if kind == 'bad_label': f[1] = '2'
        if kind == 'bad_split': f[2] = 'dev'
        if kind == 'junk': f[0] = seq[:3] + 'X' + seq[4:]
        if kind == 'empty_seq': f[0] = ''
        if kind == 'fields': f = f[:2]
        rows.append(','.join(f))
    hdr = draw(st.sampled_from(['sequence,label,split', 'seq,label,split', 'sequence,class,set',
                                'sequence,y']))
    return '\n'.join([hdr] + rows) + '\n'

@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=table_text())
def test_fuzz_sequence_table(env, text, tmp_path_factory):
    d = tmp_path_factory.mktemp('tab')
    (d/'t.csv').write_text(text)
    code, err, _ = run_cli(['train', '--table', str(d/'t.csv'), '--out', str(d/'run'), '--width', '20',
                            '--stride', '10', '--epochs', '1', '--arch', '4conv', '--no-baseline',
                            '--members', '1'])
    FUZZ_CASES['table'] = FUZZ_CASES.get('table', 0) + 1
    REJECTED['table'] = REJECTED.get('table', 0) + (code != 0)
    if code == 0: assert (d/'run'/'results.json').exists()
    else:
        assert (code == 2 and len(err) == 1
                and ('t.csv' in err[0] or 'split needs both classes' in err[0])), (code, err)
        assert not (d/'run').exists()

def test_fuzz_count_all():
    "Runs last: the number of fuzz cases for the record."
    print('fuzz cases:', FUZZ_CASES, 'total', sum(FUZZ_CASES.values()), 'rejected with one line:', REJECTED)
