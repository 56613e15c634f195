"""Interpretation chapter: kernel → PWM recipes, batch-norm folding, MEME I/O, TOMTOM table,
attributions, variant effects."""
import numpy as np, pandas as pd, pytest, keras
from hypothesis import given, settings, strategies as st
from enhancer_nets.data import one_hot, Genome, SequenceError, write_fasta, COMPLEMENT
from enhancer_nets.motifs import read_meme, write_meme, motif_db
from enhancer_nets.layers import RCConv1D
from enhancer_nets.interpret import *
from enhancer_nets.motifs import *

rng = np.random.default_rng(0)

def _conv_model(W, b, L=30, rc=False):
    inp = keras.Input((L, 4))
    l = (RCConv1D if rc else keras.layers.Conv1D)(W.shape[2], W.shape[0], activation='relu')
    out = keras.layers.Dense(1)(keras.layers.GlobalMaxPooling1D()(l(inp)))
    m = keras.Model(inp, out); l.set_weights([W.astype('float32'), b.astype('float32')])
    return m

def test_enumeration_matches_brute_force():
    W = rng.normal(size=(4, 4, 3)); b = np.array([-1., 0., 1.])
    m = _conv_model(W, b)
    got = enumeration_ppms(m, pseudocount=0)
    K = all_kmers(4); assert K.shape == (256, 4) and len({tuple(k) for k in K}) == 256
    for f in range(3):
        act = np.array([W[np.arange(4), k, f].sum() + b[f] for k in K])
        keep = K[act > 0]
        assert got[f]['n_sites'] == len(keep)
        if len(keep): assert np.allclose(got[f]['ppm'], np.eye(4)[keep].mean(0), atol=1e-6)
    with pytest.raises(ValueError, match='width 11'):
        enumeration_ppms(_conv_model(rng.normal(size=(11, 4, 1)), np.zeros(1)))

def test_max_site_uses_the_reverse_strand_of_rc_filters():
    W = np.zeros((3, 4, 1)); W[[0, 1, 2], [0, 1, 2], 0] = 1   # wants ACG; its reverse complement is CGT
    m = _conv_model(W, np.array([-2.5]), L=12, rc=True)
    codes = np.tile(np.array([3, 3, 3, 1, 2, 3, 3, 3, 3, 3, 3, 3], np.uint8), (5, 1))   # CGT on the forward
                                                                                        # strand
    r = max_site_ppms(m, codes, pseudocount=0)[0]
    assert r['n_sites'] == 5 and np.allclose(r['ppm'], np.eye(4)[[0, 1, 2]])

def test_batchnorm_is_folded():
    from enhancer_nets.deepenhancer import build_model
    m = build_model('4conv2pool4norm', width=40)
    bn = m.get_layer('bn1')
    bn.set_weights([rng.uniform(-2, 2, 128), rng.normal(size=128), rng.normal(size=128),
                    rng.uniform(.5, 2, 128)])
    x = one_hot(rng.integers(0, 4, (2, 40)).astype(np.uint8))
    ref = keras.ops.convert_to_numpy(keras.Model(m.input, bn.output)(x, training=False))
    W, b, rc = filter_weights(m); assert not rc
    mine = np.stack([np.einsum('nwb,wbf->nf', x[:, j:j + 8], W) for j in range(33)], 1) + b
    assert np.allclose(ref, mine, atol=1e-3)
    with zeroed_filter(m, 5):
        out = keras.ops.convert_to_numpy(keras.Model(m.input, m.get_layer("conv1").output)(x))
        assert np.allclose(out[..., 5], 0)
        assert np.allclose(keras.ops.convert_to_numpy(keras.Model(m.input, bn.output)(x, training=False))
                           [..., 5], 0, atol=1e-6)
    assert (np.allclose(bn.get_weights()[1], bn.get_weights()[1])
            and not np.allclose(np.asarray(m.get_layer('conv1').kernel)[..., 5], 0))

def test_zeroed_filter_restores_on_error():
    m = _conv_model(rng.normal(size=(4, 4, 2)), np.ones(2)); W0 = m.layers[1].get_weights()[0].copy()
    with pytest.raises(RuntimeError):
        with zeroed_filter(m, 1): raise RuntimeError('boom')
    assert np.array_equal(m.layers[1].get_weights()[0], W0)

@settings(max_examples=30, deadline=None)
@given(st.integers(1, 12), st.integers(0, 10_000))
def test_information_content_bounds(w, seed):
    p = np.random.default_rng(seed).dirichlet([.5] * 4, w)
    ic = information_content(p)
    assert ic.shape == (w,) and (ic >= -1e-9).all() and (ic <= 2 + 1e-9).all()

def test_meme_round_trip_and_errors(tmp_path):
    mot = {'MA0001.1 X': rng.dirichlet([1] * 4, 6), 'filter_3': rng.integers(0, 9, (5, 4)) + 1}
    write_meme(tmp_path/'m.meme', mot, {'filter_3': 7})
    back = read_meme(tmp_path/'m.meme')
    assert list(back) == list(mot)
    for k, v in mot.items(): assert np.allclose(back[k], v / v.sum(1, keepdims=True), atol=1e-5)
    assert 'nsites= 7' in (tmp_path/'m.meme').read_text()
    with pytest.raises(ValueError, match="row 0"): write_meme(tmp_path/'bad.meme', {'m': [[-1, 1, 1, 1]]})
    assert not (tmp_path/'bad.meme').exists()
    (tmp_path/'empty.meme').write_text('MEME version 4\n')
    with pytest.raises(ValueError, match='empty.meme'): read_meme(tmp_path/'empty.meme')

def test_tomtom_table_columns_and_skips():
    db = {'MA0102.5 CEBPA': np.eye(4)[[0, 0, 0, 1, 1, 1, 0, 3, 2, 0, 2]] * .9 + .025,
          'X1 OTHER': np.full((8, 4), .25) + np.eye(4)[[0] * 8] * .1}
    db.update({f'R{i} R': rng.dirichlet([.3] * 4, 10) for i in range(30)})
    q = {'hit': db['MA0102.5 CEBPA'][1:8], 'flat': np.full((8, 4), .25)}
    t = tomtom_table(q, db, top=3)
    flat = t[t['query'] == 'flat']
    assert len(flat) == 1 and flat.target.isna().all() and flat['rank'].iloc[0] == 0
    h = t[t['query'] == 'hit']; assert h.target.iloc[0] == 'MA0102.5 CEBPA' and h.offset.iloc[0] == 1
    assert np.allclose(h.E, h.p * len(db)) and (h.q >= h.p - 1e-15).all() and list(h['rank']) == [1, 2, 3]
    s = match_summary(t, 'q', .05)
    assert s['n_filters'] == 2 and s['n_tested'] == 1 and s['redundancy'] == {'CEBPA': 1}

def test_attributions_are_exact_for_a_linear_model():
    L = 12; Wd = rng.normal(size=(L * 4, 1)).astype('float32')
    inp = keras.Input((L, 4)); d = keras.layers.Dense(1, use_bias=True)
    m = keras.Model(inp, d(keras.layers.Flatten()(inp))); d.set_weights([Wd, np.array([.3], 'float32')])
    X = one_hot(rng.integers(0, 4, (3, L)).astype(np.uint8)); Wm = Wd.reshape(L, 4)
    assert np.allclose(input_gradients(m, X), np.broadcast_to(Wm, X.shape), atol=1e-5)
    ig = integrated_gradients(m, X, steps=4)
    assert np.allclose(ig['attr'], X * Wm, atol=1e-5) and ig['completeness_error'].max() < 1e-4
    assert np.allclose(grad_x_input(m, X), X * Wm, atol=1e-5)
    d_ism = ism(m, X)
    exp = Wm[None] - (X * Wm).sum(-1, keepdims=True); exp[X > 0] = 0
    assert np.allclose(d_ism, exp, atol=1e-4)

def test_site_recovery():
    imp = np.zeros((2, 50)); imp[0, 20:26] = 1; imp[1, 3:9] = 1
    assert site_recovery(imp, np.array([20, 30]), 6).tolist() == [True, False]

def test_read_variants_errors(tmp_path):
    p = tmp_path/'v.tsv'
    p.write_text('chrom\tpos\tref\talt\nchrT\t5\tA\tG\nchrT\tx\tA\tG\n')
    with pytest.raises(SequenceError, match=r'v.tsv: line 3: position'): read_variants(p)
    p.write_text('chrom\tpos\tref\talt\nchrT\t5\tA\tR\n')
    with pytest.raises(SequenceError, match=r"line 2: alt 'R'"): read_variants(p)
    p.write_text('chrom\tpos\tref\nchrT\t5\tA\n')
    with pytest.raises(SequenceError, match='missing column'): read_variants(p)
    p.write_text('')
    with pytest.raises(SequenceError, match='empty'): read_variants(p)

def test_variant_effect_rc_average_and_checks(tmp_path):
    L = 20; W = rng.normal(size=(6, 4, 4)); m = _conv_model(W, np.zeros(4), L=L)
    seq = ''.join('ACGT'[i] for i in rng.integers(0, 4, 60))
    fa = write_fasta(tmp_path/'g.fa', {'chrS': seq}); g = Genome(fa)
    v = pd.DataFrame(dict(chrom=['chrS'], pos=[31], ref=[seq[30]],
                          alt=['ACGT'[('ACGT'.index(seq[30]) + 1) % 4]]))
    r = variant_effect(m, g, v, target=0)
    c = np.frombuffer(seq.encode(), np.uint8)
    codes = np.array(['ACGT'.index(x) for x in seq], np.uint8)[None, 20:40]
    f = lambda C: (model_output(m, C, 0) + model_output(m, COMPLEMENT[C][:, ::-1], 0)) / 2
    assert np.isclose(r.ref_score.iloc[0], f(codes)[0], atol=1e-5)
    with pytest.raises(SequenceError, match=r'line 1 \(.*\): REF'):
        variant_effect(m, g, v.assign(ref=[v.alt[0]]))
    with pytest.raises(SequenceError, match='unknown chromosome'):
        variant_effect(m, g, v.assign(chrom=['chrZ']))
    near = variant_effect(m, g, v.assign(pos=[3], ref=[seq[2]]), target=0)   # padded with N past the start
    edge = np.r_[np.full(8, 4, np.uint8), np.array(['ACGT'.index(x) for x in seq[:12]], np.uint8)][None]
    assert np.isclose(near.ref_score.iloc[0], f(edge)[0], atol=1e-5)
