"""SPEID chapter: pair tables, splits without shared elements, leakage, baselines, windows, model and the
two-stage pipeline."""
import json, re
import numpy as np, pandas as pd, pytest
from hypothesis import given, settings, strategies as st, HealthCheck
from enhancer_nets.core import repo_root
from enhancer_nets.data import data_available, resolve, Genome
from enhancer_nets.speid import *

needs_pairs = pytest.mark.skipif(not data_available('epi_targetfinder/pairs/IMR90.csv.gz'),
                                 reason='set ENHANCER_NETS_DATA=../shared/data')

@needs_pairs
def test_real_tables_match_published_counts():
    counts = pd.read_csv(resolve('epi_targetfinder/pairs/counts.csv')).set_index('cell_line')
    for c in TARGETFINDER_CELLS:
        d = read_pairs(c)
        assert len(d) == counts.loc[c, 'pairs'] and d.label.sum() == counts.loc[c, 'positives']
        assert d.promoter_name.nunique() == counts.loc[c, 'unique_promoters']

@needs_pairs
def test_rebuild_from_published_predictions_is_identical():
    raw = lambda s: resolve(f'epi_targetfinder/raw/targetfinder/IMR90/output-{s}/predictions-gbm.csv.gz')
    b, d = (pairs_from_predictions(raw('epw'), 'IMR90', raw('ep')),
            pd.read_csv(resolve('epi_targetfinder/pairs/IMR90.csv.gz')))
    for c in d.columns: assert (b[c].astype(str).to_numpy() == d[c].astype(str).to_numpy()).all(), c

@needs_pairs
def test_targetfinder_f1_and_published_json_match_provenance():
    """F1 of TargetFinder's published E/P/W predictions equals the bars of SPEID's figure; our JSON copy
    matches the data's record."""
    md = resolve('epi_targetfinder/PUBLISHED_RESULTS.md').read_text()
    pub = json.loads((repo_root()/'data'/'published'/'speid_targetfinder.json').read_text())
    for c in TARGETFINDER_CELLS:
        row = re.search(rf'^\| {re.escape(c)} \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \| '
                        rf'([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \|', md, re.M)
        vals = [float(v) for v in row.groups()]
        keys = ['speid_auroc', 'speid_aupr', 'speid_f1', 'speid_mcc', 'targetfinder_auroc',
                'targetfinder_aupr', 'targetfinder_f1', 'targetfinder_mcc']
        assert [pub['cells'][c][k] for k in keys] == vals
        f1 = pair_metrics(read_pairs(c).label, read_pairs(c).tf_epw_gbm_cv_pred)['f1']
        assert abs(f1 - pub['cells'][c]['targetfinder_f1']) < 0.0015

def _table(tmp_path, text):
    p = tmp_path/'pairs.csv'; p.write_text(text); return p

HEAD = 'enhancer_chrom,enhancer_start,enhancer_end,promoter_chrom,promoter_start,promoter_end,label\n'

@pytest.mark.parametrize('row,msg', [
    ('chr1,100,50,chr1,5000,6000,1', r'pairs.csv:3: enhancer end \(50\) <= start \(100\)'),
    ('chr1,100,200,chr2,5000,6000,1', r'pairs.csv:3: enhancer on chr1 but promoter on chr2'),
    ('chr1,100,200,chr1,5000,6000,yes', r"pairs.csv:3: label 'yes' is not 0 or 1"),
    ('chr1,1e2x,200,chr1,5000,6000,1', r"pairs.csv:3: enhancer_start '1e2x' is not an integer"),
    ('chr1,100,200,chr1,5000,9000000,0', r'pairs.csv:3: promoter end 9000000 is past the end of chr1'),
    ('chrZ,100,200,chrZ,5000,6000,0', r"pairs.csv:3: unknown chromosome 'chrZ'"),
])
def test_bad_pair_tables(tmp_path, row, msg):
    p = _table(tmp_path, HEAD + 'chr1,10,20,chr1,5000,6000,0\n' + row + '\n')
    with pytest.raises(PairTableError, match=msg): read_pairs(p, sizes={'chr1': 1_000_000, 'chr2': 1_000_000})

def test_empty_and_missing_columns(tmp_path):
    with pytest.raises(PairTableError, match='no pairs'): read_pairs(_table(tmp_path, HEAD))
    with pytest.raises(PairTableError, match=r"missing column\(s\) \['label'\]"):
        read_pairs(_table(tmp_path, HEAD.replace(',label', '') + 'chr1,1,2,chr1,5,6\n'))

def _random_pairs(seed, n_enh=60, n_prom=15, n=300, n_chrom=4):
    rng = np.random.default_rng(seed)
    e, p = rng.integers(0, n_enh, n), rng.integers(0, n_prom, n)
    ch = np.array([f'c{i % n_chrom}' for i in range(max(n_enh, n_prom))])
    keep = ch[e] == ch[p]
    e, p = e[keep], p[keep]
    df = pd.DataFrame(dict(enhancer_chrom=ch[e], enhancer_start=e * 10_000, enhancer_end=e * 10_000 + 500,
                           promoter_chrom=ch[p], promoter_start=1_000_000 + p * 10_000,
                           promoter_end=1_000_000 + p * 10_000 + 1000,
                           label=(rng.random(len(e)) < .1).astype(int)))
    df = df.drop_duplicates(['enhancer_start', 'promoter_start'])
    df.loc[df.index[:2], 'label'] = 1
    df = validate_pairs(df)
    df['enhancer_name'] = 'e' + df.enhancer_start.astype(str)
    df['promoter_name'] = 'p' + df.promoter_start.astype(str)
    return df

@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.sampled_from(['chrom', 'segregated']))
def test_folds_never_share_elements(seed, how):
    d = _random_pairs(seed)
    f = pair_folds(d, how, k=3, seed=seed)
    assert set(f) <= {0, 1, 2}
    for side in ('enhancer_name', 'promoter_name'):
        assert (d.groupby(side).apply(lambda g: f[d.index.get_indexer(g.index)].min()
                                      == f[d.index.get_indexer(g.index)].max(), include_groups=False)).all()
    lk = leakage(d[f != 0], d[f == 0])
    for c in ('pos', 'neg'):
        if lk[c]['n']: assert lk[c]['enhancer_in_train'] == lk[c]['promoter_in_train'] == 0

def test_random_folds_are_stratified():
    d = _random_pairs(1, n=2000)
    f = pair_folds(d, 'random', k=5)
    assert np.ptp(np.bincount(f)) <= 1 and np.ptp(d.groupby(f).label.sum()) <= 1

def test_propensity_leave_one_out():
    "Describing the training pairs, each pair's own label is left out: an element seen once has zero counts."
    d = _random_pairs(2)
    X = propensity_features(d, d, loo=True)
    once = d.enhancer_name.map(d.enhancer_name.value_counts()) == 1
    assert (X[once.to_numpy(), :2] == 0).all()
    assert (X[:, 0] <= X[:, 1]).all() and (X >= 0).all()

def test_pair_windows_cover_elements_and_stay_in_bounds():
    d = _random_pairs(3)
    sizes = {c: 1_200_000 for c in d.enhancer_chrom.unique()}
    w = pair_windows(d, 3000, 2000, n_shift=20, seed=0, sizes=sizes)
    assert (w.label == 1).sum() == 20 * d.label.sum() and (w.label == 0).sum() == (d.label == 0).sum()
    src = d.reset_index(drop=True).iloc[w.pair]
    assert ((w.e_start.to_numpy() <= src.enhancer_start.to_numpy())
            & (w.e_start.to_numpy() + 3000 >= src.enhancer_end.to_numpy())).all()
    assert (w.p_start >= 0).all() and (w.p_start + 2000 <= 1_200_000).all()

def test_model_shapes_and_freezing():
    m = build_speid(n_kernels=16, kernel_width=10, pool=10, lstm_units=8, dense=16, enh_len=300, prom_len=200)
    y = np.asarray(m({'enhancer': np.zeros((2, 300, 4), 'float32'),
                      'promoter': np.zeros((2, 200, 4), 'float32')}))
    assert y.shape == (2, 1) and ((0 < y) & (y < 1)).all()
    K = jaspar_kernels(16, 10, frac=0.5, seed=0)
    assert K.shape == (10, 4, 16) and (np.abs(K).sum((0, 1)) > 0).all()
    m2 = build_speid(n_kernels=16, kernel_width=10, pool=10, lstm_units=8, dense=16, enh_len=300,
                     prom_len=200, conv_init=K)
    assert np.allclose(np.asarray(m2.get_layer('conv_enh').kernel), K)

def test_two_stage_pipeline_resumes(tmp_path):
    s = simulate_interactions(tmp_path/'sim', n_pos=30,
                              layout=PairLayout(n_chrom=5, chrom_len=200_000, max_dist=150_000,
                                                enh_size=(100, 200), prom_size=(100, 200)), p_empty=0)
    kw = dict(setup=PairSetup(split='segregated', k=5, enh_len=300, prom_len=300, n_shift=3),
              config=singh_stages((1, 1), (1e-3, 1e-3)), n_kernels=8, kernel_width=10, pool=10,
              lstm_units=4, dense=8)
    r = train_speid(s['genome'], s['pairs'], tmp_path/'run', **kw)
    assert (r['data']['leakage']['pos']['promoter_in_train'] == 0
            and r['data']['split']['kind'] == 'segregated')
    assert (set(r['metrics']) == {'speid', 'propensity_distance'}
            and len(r['meta']['history']['stage1']['epoch']) == 1)
    t = (tmp_path/'run'/'stage1'/'best.keras').stat().st_mtime
    r2 = train_speid(s['genome'], s['pairs'], tmp_path/'run', **kw)       # both stages done: nothing is
                                                                          # retrained
    assert (tmp_path/'run'/'stage1'/'best.keras').stat().st_mtime == t
    assert r2['metrics']['speid']['auroc'] == pytest.approx(r['metrics']['speid']['auroc'], abs=1e-6)
    sc = pd.read_csv(tmp_path/'run'/'test_scores.tsv', sep='\t')
    assert len(sc) == r['data']['counts']['test']['pairs'] and sc.score.between(0, 1).all()

@needs_pairs
def test_cli_speid_leakage(tmp_path):
    from enhancer_nets.cli import main
    main(['speid-leakage', '--cells', 'IMR90', '--k', '3', '--no_matrix', '--out', str(tmp_path/'l.json')])
    r = json.loads((tmp_path/'l.json').read_text())
    assert r['metrics']['splits']['IMR90']['chrom']['leakage']['pos']['promoter_in_train'] == 0
    assert r['metrics']['splits']['IMR90']['random']['leakage']['pos']['promoter_of_train_positive'] > 0.5
    assert r['meta']['seed'] == 0 and 'git_commit' in r['meta']

def test_cli_speid_any_genome(tmp_path):
    from enhancer_nets.cli import main
    s = simulate_interactions(tmp_path/'sim', n_pos=20,
                              layout=PairLayout(n_chrom=5, chrom_len=150_000, max_dist=100_000,
                                                enh_size=(100, 200), prom_size=(100, 200)), p_empty=0)
    main(['speid', '--genome', str(s['genome']), '--pairs', str(s['pairs']), '--out', str(tmp_path/'run'),
          '--k', '5', '--n_kernels', '8', '--enh_len', '300', '--prom_len', '300', '--n_shift', '2',
          '--epochs1', '1', '--epochs2', '1', '--jaspar_frac', '0.5'])
    r = json.loads((tmp_path/'run'/'results.json').read_text())
    assert (r['data']['split']['kind'] == 'chrom' and r['config']['jaspar_frac'] == 0.5
            and (tmp_path/'run'/'model.keras').exists())
