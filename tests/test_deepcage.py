"DeepCAGE chapter: labels, expression, motif scores, the network and its gradients (any Keras backend)."
import itertools
import numpy as np, pandas as pd, pytest
from enhancer_nets.data import data_available, SequenceError, pwm_scan
from enhancer_nets import deepcage as D


def test_score_threshold_matches_enumeration():
    rng = np.random.default_rng(1)
    ppm = rng.dirichlet(np.ones(4) * .5, 6)
    pwm = D.log_odds(ppm)
    seqs = np.array(list(itertools.product(range(4), repeat=6)))          # all 4^6 sequences, uniform
                                                                          # background
    s = pwm[np.arange(6), seqs].sum(1)
    for p in (1e-1, 1e-2, 1e-3):
        t = D.score_threshold(pwm, p, resolution=1000)
        assert (s >= t - 1e-9).mean() <= p + 2e-3                        # the tail beyond the threshold holds
                                                                         # at most p
        assert (s >= t - 0.05).mean() > p - 1e-9 or t >= s.max()         # and it is the smallest such score,
                                                                         # up to rounding


def test_motif_scores_equal_numpy_scan():
    rng = np.random.default_rng(0)
    codes = rng.integers(0, 5, (20, 120)).astype(np.uint8)               # N included
    motifs = {f'm{i}': rng.dirichlet(np.ones(4), w) for i, w in enumerate((5, 9, 12))}
    got = D.motif_scores(codes, motifs, p=None)
    for j, m in enumerate(motifs.values()):
        q = (m + .01) / 1.04
        ref = np.maximum(pwm_scan(codes, q), pwm_scan(codes, q[::-1, ::-1].copy())).max(1) / np.log(2)
        np.testing.assert_allclose(got[:, j], ref, atol=1e-4)


def test_quantile_normalise_and_ties():
    x = pd.DataFrame(np.random.default_rng(0).random((4, 30)))
    q = D.quantile_normalise(x)
    np.testing.assert_allclose(np.sort(q.values, 1), np.sort(q.values, 1)[[0]].repeat(4, 0), atol=1e-12)
    assert (np.argsort(q.values, 1) == np.argsort(x.values, 1)).all()    # ranks are kept
    t = D.quantile_normalise(pd.DataFrame([[0., 0, 3], [1, 2, 3]]))
    assert t.iloc[0, 0] == t.iloc[0, 1]                                  # ties share one value


def test_call_bins_finds_planted_peaks():
    rng = np.random.default_rng(0); n = 2000
    bins = pd.DataFrame(dict(chrom='c', start=np.arange(n) * 200, end=np.arange(n) * 200 + 200))
    s = rng.poisson(1., n).astype(float); hot = rng.choice(n, 20, replace=False); s[hot] += 30
    calls = D.call_bins(s, bins)
    assert calls[hot].all() and calls.sum() <= 25


def test_peak_labels_replicates():
    bins = pd.DataFrame(dict(chrom='c', start=[0, 200, 400], end=[200, 400, 600]))
    r = [pd.DataFrame(dict(chrom=['c'], start=[10], end=[20])),
         pd.DataFrame(dict(chrom=['c'], start=[210], end=[220])),
         pd.DataFrame(dict(chrom=['c'], start=[15], end=[450]))]
    y = D.peak_labels(bins, {'A': r})                                  # at least 2 of 3 replicates
    assert y.A.tolist() == [1, 1, 0]                                    # the last bin overlaps one replicate
                                                                        # only
    assert D.peak_labels(bins, {'A': r}, min_frac=1).A.tolist() == [0, 0, 0]


def test_network_cell_sharing_and_expression_gradient():
    m = D.build_deepcage(n_tf=5, length=200, size=dict(filters=8, trans_filters=8, n_blocks=2, n_layers=1,
                                                       growth=4, dense=8))
    rng = np.random.default_rng(0)
    seq = np.eye(4, dtype=np.float32)[rng.integers(0, 4, (3, 200))]
    motif = rng.random((3, 5)).astype(np.float32); motif[:, 2] = 0      # TF 2 never hits
    expr = rng.random((3, 2, 5)).astype(np.float32)
    both = np.asarray(m.predict([seq, motif, expr], verbose=0))
    one = np.concatenate([np.asarray(m.predict([seq, motif, expr[:, k:k + 1]], verbose=0))
                          for k in range(2)], 1)
    np.testing.assert_allclose(both, one, atol=1e-5)
    g = D.expression_gradients(m, seq, motif, expr)
    assert g.shape == (3, 2, 5) and np.abs(g[:, :, 2]).max() == 0
    eps = 1e-2; e2 = expr.copy(); e2[0, 1, 3] += eps                    # finite difference of one output
    fd = (np.asarray(m.predict([seq, motif, e2], verbose=0)) - both)[0, 1] / eps
    assert abs(fd - g[0, 1, 3]) < 2e-2 * max(1, abs(g[0, 1, 3]))


def test_errors():
    with pytest.raises(ValueError, match='variant'): D.build_deepcage(variant='nope')
    with pytest.raises(ValueError, match='task'): D.build_deepcage(task='ranking')
    with pytest.raises(ValueError, match='empty library'): D.depth_normalise(pd.DataFrame(dict(a=[0., 0.])))


@pytest.mark.skipif(not data_available('deepcage_encode/tf_gexp_matrix.txt', 'deepcage_encode/cells.txt'),
                    reason='DeepCAGE tables not available')
def test_tf_expression_markers():
    e = D.tf_expression(['GM12878', 'K562', 'MCF7', 'HepG2'], normalise=False)
    assert e.shape == (4, 401)
    assert (e.GATA1.idxmax() == 'K562' and e.PAX5.idxmax() == 'GM12878' and e.ESR1.idxmax() == 'MCF7'
            and e.HNF4A.idxmax() == 'HepG2')
    with pytest.raises(KeyError, match='unknown cell type'): D.tf_expression(['Jurkat-X'])


@pytest.mark.skipif(not data_available('hg38_chr22/chr22.fa.gz', 'deepcage_encode/tf_gexp_matrix.txt'),
                    reason='chr22 and the DeepCAGE tables not available')
def test_deepcage_cli_mean_prior_default_recipe(tmp_path):
    """`enhancer_nets deepcage` with the variant that reads the other cell types' mean, under the default
    recipe (AdamW, reverse-complement augmentation, strand averaging): every held-out cell type gets a
    prediction on the held-out block next to the mean-signal baseline, and the record names the recipe."""
    from enhancer_nets.cli import main
    from enhancer_nets.core import load_json, flat_record
    main(['deepcage', '--out', str(tmp_path), '--max_loci', '300', '--epochs', '1', '--variants',
          'full,mean_prior', '--splits', 'blocks', '--tasks', 'classification', '--recipe', 'default',
          '--members', '1'])
    r = flat_record(load_json(tmp_path/'results.json'))
    assert r['recipe'] == 'default' and r['train']['optimizer'] == 'adamw' and r['train']['ensemble'] == 1
    R = r['results']['classification']['blocks']
    assert set(R) == {'mean_signal', 'full', 'mean_prior'}
    assert all(len(R[m]['cellwise']) == 4 for m in R)
