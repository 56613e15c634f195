"Property and bad-input tests of enhancer_nets.data."
import gzip
import numpy as np, pandas as pd, pytest
from hypothesis import given, settings, strategies as st
from enhancer_nets.data import (one_hot, decode, encode, reverse_complement, SequenceError, n_windows,
                                window_index, block_split, kfold_blocks, assert_disjoint, read_intervals,
                                Genome, write_fasta, merge_intervals, overlaps)
from enhancer_nets.core import atomic_write

dna = st.text(alphabet='ACGT', min_size=1, max_size=400)
dnaN = st.text(alphabet='ACGTNacgtn', min_size=1, max_size=400)

@settings(deadline=None)   # the first example loads the compiled one-hot kernel; timing is not what is tested
@given(dna)
def test_onehot_roundtrip(s):
    x = one_hot(s)
    assert x.shape == (len(s), 4) and (x.sum(1) == 1).all() and decode(x) == s

@given(dnaN)
def test_n_is_zero_and_rc_involution(s):
    x = one_hot(s)
    assert ((x.sum(1) == 0) == np.array([c in 'Nn' for c in s])).all()
    assert decode(reverse_complement(one_hot(s))) == reverse_complement(s.upper())
    assert reverse_complement(reverse_complement(s.upper())) == s.upper()

@given(st.lists(dna.filter(lambda s: len(s) >= 5).map(lambda s: s[:5]), min_size=1, max_size=20))
def test_batch_onehot(seqs):
    assert decode(one_hot(seqs)) == seqs

def test_bad_letters():
    with pytest.raises(SequenceError, match="position 3: 'X'"): encode('ACGXT')
    with pytest.raises(SequenceError, match='IUPAC'): encode('ACGRT', iupac='error')
    assert (one_hot('R').sum() == 0)
    with pytest.raises(SequenceError, match='length'): one_hot(['ACG', 'AC'])

@given(st.integers(1, 2000), st.integers(50, 600), st.integers(1, 50))
def test_window_counts(L, W, s):
    iv = pd.DataFrame({'chrom': ['c'], 'start': [10_000], 'end': [10_000 + L]})
    w = window_index(iv, W, s)
    assert len(w) == n_windows(L, W, s)
    if L <= W: assert ((w.start <= 10_000) & (w.start + W >= 10_000 + L)).all()
    else: assert ((w.start >= 10_000) & (w.start + W <= 10_000 + L)).all()
    assert (np.diff(w.start) == s).all()

intervals = st.lists(st.tuples(st.integers(0, 99_000), st.integers(1, 800)), min_size=2, max_size=80)

@settings(max_examples=60)
@given(intervals, st.floats(0.3, 0.9))
def test_block_split_never_leaks(iv, cut):
    df = pd.DataFrame({'chrom': 'c', 'start': [a for a, _ in iv], 'end': [a + l for a, l in iv]})
    sp = block_split(df, {'c': 100_000}, test=(cut, 1.0), val=None, margin=300)
    assert_disjoint(df[sp == 'train'], df[sp == 'test'], pad=300)
    # every window of every kept region lies inside its block
    for part, (a, b) in [('train', (0, cut)), ('test', (cut, 1))]:
        w = window_index(df[sp == part], 300, 2, sizes={'c': 100_000})
        assert ((w.start >= a * 100_000) & (w.start + 300 <= b * 100_000)).all()

@settings(max_examples=40)
@given(intervals, st.integers(2, 10))
def test_kfold_blocks_never_leak(iv, k):
    df = pd.DataFrame({'chrom': 'c', 'start': [a for a, _ in iv], 'end': [a + l for a, l in iv]})
    f = kfold_blocks(df, {'c': 100_000}, k=k)
    for i in range(k): assert_disjoint(df[f == i], df[(f != i) & (f >= 0)], pad=300)

def test_assert_disjoint_catches_leak():
    a = pd.DataFrame({'chrom': ['c'], 'start': [1000], 'end': [1200]})
    b = pd.DataFrame({'chrom': ['c'], 'start': [1700], 'end': [1800]})
    with pytest.raises(AssertionError): assert_disjoint(a, b, pad=300)

@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(1, 50)), min_size=1, max_size=30),
       st.integers(0, 1100), st.integers(1, 60))
def test_overlaps_matches_bruteforce(iv, q, ql):
    df = pd.DataFrame({'chrom': 'c', 'start': [a for a, _ in iv], 'end': [a + l for a, l in iv]})
    got = overlaps(merge_intervals(df), 'c', np.array([q]), np.array([q + ql]))[0]
    assert got == any(a < q + ql and a + l > q for a, l in iv)

@pytest.fixture
def genome(tmp_path):
    rng = np.random.default_rng(0)
    return Genome(write_fasta(tmp_path/'g.fa.gz', {'chr1': ''.join(rng.choice(list('ACGT'), 2000))}))

@pytest.mark.parametrize('text,msg', [
    ('chr1\t10\n', ':1: expected at least 3 columns'),
    ('chr1\t1\t5\nchr1\tten\t20\n', ':2: start/end must be integers'),
    ('chr1\t30\t20\n', 'end (20) <= start (30)'),
    ('chr1\t-1\t20\n', 'negative start'),
    ('chrUn\t1\t20\n', "unknown chromosome 'chrUn'"),
    ('chr1\t1990\t2010\n', 'past the end of chr1 (2000 bp)'),
    ('# only a comment\n', 'empty interval file'),
])
def test_malformed_bed(tmp_path, genome, text, msg):
    p = tmp_path/'x.bed'; p.write_text(text)
    with pytest.raises(SequenceError) as e: read_intervals(p, genome)
    assert msg in str(e.value) and 'x.bed' in str(e.value)

def test_gzip_bed_and_narrowpeak(tmp_path, genome):
    p = tmp_path/'x.narrowPeak.gz'; p.write_bytes(gzip.compress(b'chr1\t10\t300\tp\t0\t.\t5\t3\t2\t140\n'))
    d = read_intervals(p, genome)
    assert d.peak.tolist() == [140] and d.signalValue.tolist() == [5.0]
    p2 = tmp_path/'bad.narrowPeak'; p2.write_text('chr1\t10\t300\tp\n')
    with pytest.raises(SequenceError, match='narrowPeak needs 10 columns'): read_intervals(p2)

def test_atomic_write_leaves_old_file_on_error(tmp_path):
    p = atomic_write(tmp_path/'a.txt', 'old')
    class Boom:
        def encode(self, *a): raise RuntimeError('boom')
    with pytest.raises(Exception): atomic_write(p, Boom())
    assert p.read_text() == 'old' and len(list(tmp_path.iterdir())) == 1

def test_background_negatives_do_not_overlap_each_other(genome):
    from enhancer_nets.data import background_negatives
    pos = pd.DataFrame({'chrom': 'chr1', 'start': [100, 900], 'end': [150, 950]})
    neg = background_negatives(genome, pos, per_positive=8, pad=20, seed=4)
    s = neg.sort_values('start')
    assert len(neg) == 16 and (s.start.to_numpy()[1:] >= s.end.to_numpy()[:-1]).all()


def test_streamed_windows_match_the_cached_codes(tmp_path):
    """Genome(stream=True) reads windows straight from the file: any line width, CRLF line ends, across
    line ends."""
    from enhancer_nets.data import Genome, window_codes, SequenceError
    rng = np.random.default_rng(5)
    seq = ''.join(rng.choice(list('ACGTNacgt'), 7_001))
    for width, end in [(60, '\n'), (7, '\n'), (80, '\r\n'), (7_001, '\n')]:
        p = tmp_path/f'g{width}{len(end)}.fa'
        p.write_text('>x desc\n' + end.join(seq[i:i + width] for i in range(0, len(seq), width)) + end
                     + '>y\nACGT\n')
        g, s = Genome(p), Genome(p, stream=True)
        st = rng.integers(0, 7_001 - 500, 64)
        assert (window_codes(s, np.full(64, 'x'), st, 500)
                == window_codes(g, np.full(64, 'x'), st, 500)).all()
        assert (s.read_codes('y', [0], 4) == [[0, 1, 2, 3]]).all()
        with pytest.raises(SequenceError, match='outside the chromosome'): s.read_codes('x', [6_900], 500)


def test_genome_windows_avoid_excluded_blocks_and_workers_serve_the_same_batches(tmp_path):
    """Held-out sequence (C and G here, all else A/T) never reaches a batch; forked workers give the same
    batches."""
    import keras
    from enhancer_nets.data import Genome, GenomeWindows, write_fasta
    rng = np.random.default_rng(0)
    at = lambda n: ''.join(rng.choice(list('AT'), n))
    g = Genome(write_fasta(tmp_path/'g.fa', {'a': at(10_000) + 'C' * 10_000 + at(10_000), 'b': 'G' * 30_000,
                                             'c': at(30_000)}), stream=True)
    held = pd.DataFrame({'chrom': ['a', 'b'], 'start': [10_000, 0], 'end': [20_000, 30_000]})
    gw = GenomeWindows(g, 500, 4_000, exclude=held, batch_size=100, seed=3)
    x = np.concatenate([gw[i] for i in range(len(gw))])
    assert x.shape == (4_000, 500, 4) and x[..., [1, 2]].sum() == 0 and x.sum() == 4_000 * 500
    m = keras.Sequential([keras.Input((500, 4)), keras.layers.GlobalAveragePooling1D()])
    one = m.predict(GenomeWindows(g, 500, 2_000, exclude=held, batch_size=100, seed=3), verbose=0)
    par = m.predict(GenomeWindows(g, 500, 2_000, exclude=held, batch_size=100, seed=3, workers=2,
                                  use_multiprocessing=True), verbose=0)
    assert np.allclose(one, par)      # forked workers share the file (pread) and draw the same windows
