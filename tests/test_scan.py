"""The fully convolutional scan equals the window-by-window scan (issue 34): for each kind of network (a
window CNN with pooling and dense layers, rc-gpool's global pooling, Cohn et al.'s CNN with 'same' padding),
at strides 1, 7, 10 and 50, across chunk edges, N runs and a chromosome shorter than one window. The full-size
comparison (Mb of chr22, with timings) is bench/scan.py's."""
import numpy as np, pytest, keras
from enhancer_nets.data import Genome, write_fasta, resolve, data_available
from enhancer_nets.deepenhancer import build_model
from enhancer_nets.zoo import build_region_model
from enhancer_nets.workflows import scan_genome, scan_plans
from enhancer_nets.adversarial import build_cohn


@pytest.fixture(scope='module')
def genome(tmp_path_factory):
    "20 kb of hg38 chr22 across the end of its first N run (random DNA off-line), a short contig, an N run."
    if data_available('hg38_chr22/chr22.fa.gz'):
        seq = Genome(resolve('hg38_chr22/chr22.fa.gz')).fetch('chr22', 10_505_000, 10_525_000)
    else:
        seq = 'N' * 5_000 + ''.join(np.random.default_rng(0).choice(list('ACGT'), 15_000))
    seq = seq[:12_000] + 'N' * 700 + seq[12_700:]
    d = tmp_path_factory.mktemp('scan')
    write_fasta(d / 'g.fa', {'chr22': seq, 'short': 'ACGT' * 50, 'edge': 'GATTACA' * 90})
    return Genome(d / 'g.fa')


def _noisy_bn(m):
    "Batch-norm statistics away from the identity, so that inference-mode normalisation is exercised."
    rng = np.random.default_rng(1)
    for l in m.layers:
        if type(l).__name__ == 'BatchNormalization':
            l.moving_mean.assign(rng.normal(0, 0.1, l.moving_mean.shape).astype('float32'))
            l.moving_variance.assign(rng.uniform(0.5, 2, l.moving_variance.shape).astype('float32'))
    return m


NETWORKS = {'4conv2pool4norm': lambda: build_model('4conv2pool4norm', 300),
            'rc-gpool': lambda: build_region_model(600),
            'cohn-enhancer-rc': lambda: build_cohn('enhancer', 500, rc=True)}


@pytest.mark.parametrize('name', list(NETWORKS))
def test_conv_scan_equals_windows(genome, name):
    keras.utils.set_random_seed(0)
    m = _noisy_bn(NETWORKS[name]())
    plans, how = scan_plans(m)
    assert plans is not None, how
    for stride in (1, 7, 10, 50):
        chroms = ['chr22', 'short', 'edge'] if stride > 1 else ['chr22']
        a = list(scan_genome(m, genome, chroms, stride, method='conv', chunk=3_001, batch_size=97))
        b = list(scan_genome(m, genome, chroms, stride, method='windows'))
        sa, sb = (np.concatenate([x[1] for x in r]) for r in (a, b))
        ca, cb = (np.concatenate([[x[0]] * len(x[1]) for x in r]) for r in (a, b))
        pa, pb = (np.concatenate([x[2] for x in r]) for r in (a, b))
        assert (sa == sb).all() and (ca == cb).all() and 'short' not in ca   # shorter than one window: none
        assert np.abs(pa - pb).max() <= 1e-5, (name, stride, np.abs(pa - pb).max())
        n_run = (sa + m.input_shape[1] > 12_000) & (sa < 12_700) & (ca == 'chr22')
        every = sum((genome.sizes[c] - m.input_shape[1]) // stride + 1 for c in chroms
                    if genome.sizes[c] >= m.input_shape[1])
        assert n_run.any() and len(sa) < every   # all-N windows skipped


def test_fallback_and_ensembles(genome):
    "A network without a shift-equivariant trunk falls back to windows; an ensemble averages its members."
    from enhancer_nets.adversarial import build_oops
    from enhancer_nets.engine import average_models
    inp = keras.Input((100, 4))
    flat = keras.Model(inp, keras.layers.Dense(1, activation='sigmoid')(keras.layers.Flatten()(inp)))
    assert scan_plans(flat)[0] is None and 'window-by-window' in scan_plans(flat)[1]
    with pytest.raises(Exception, match='no shift-equivariant'):
        list(scan_genome(flat, genome, ['chr22'], 50, method='conv'))
    keras.utils.set_random_seed(0)
    ens = average_models([build_model('4conv2pool', 300) for _ in range(2)])
    assert 'averaged over 2 members' in scan_plans(ens)[1]
    a = np.concatenate([x[2] for x in scan_genome(ens, genome, ['chr22'], 25, method='conv')])
    b = np.concatenate([x[2] for x in scan_genome(ens, genome, ['chr22'], 25, method='windows')])
    assert np.abs(a - b).max() <= 1e-5
    oops = build_oops(100)
    assert scan_plans(oops)[0] is not None   # its positional prior sits in the head


@pytest.mark.parametrize('name', list(NETWORKS))
def test_strand_averaged_scan(genome, name):
    """Strand averaging (`test_rc`, saved in a model's input spec): the conv scan's reverse-strand pass gives
    the window-by-window mean over both strands, across chunk edges and N runs (issue 32)."""
    keras.utils.set_random_seed(0)
    m = _noisy_bn(NETWORKS[name]())
    a = list(scan_genome(m, genome, ['chr22', 'edge'], 10, method='conv', chunk=3_001, batch_size=97,
                         test_rc=True))
    b = list(scan_genome(m, genome, ['chr22', 'edge'], 10, method='windows', test_rc=True))
    one = np.concatenate([x[2] for x in scan_genome(m, genome, ['chr22', 'edge'], 10, method='windows')])
    (sa, pa), (sb, pb) = ((np.concatenate([x[1] for x in r]), np.concatenate([x[2] for x in r]))
                          for r in (a, b))
    assert (sa == sb).all() and np.abs(pa - pb).max() <= 1e-5
    if name == 'rc-gpool': assert np.abs(pa - one).max() <= 1e-5   # strand-symmetric by construction
    else: assert np.abs(pa - one).max() > 1e-4
