"""Adversarial chapter: RC convolution, PSSM baselines, expanded negatives, planted filters, motif matching,
block folds, multi-species."""
import json
import numpy as np, pandas as pd, pytest, keras
from enhancer_nets.core import repo_root
from enhancer_nets.data import (data_available, one_hot, reverse_complement, jaspar_ppm, pssm_oracle,
                                pwm_scan, Genome, SequenceError, write_fasta, balanced_blocks)
from enhancer_nets.adversarial import *
from enhancer_nets.recipes import COHN2018
from enhancer_nets.data import pssm_max, CodesDataset
from enhancer_nets.motifs import *

rng = np.random.default_rng(0)

def test_rc_conv_is_strand_symmetric_and_serialises(tmp_path):
    m = build_cohn(length=60, seed=0, pools=(2, 2, 2))
    x = one_hot(rng.integers(0, 4, (3, 60)).astype(np.uint8)).astype('float32')
    l = conv_layers(m)[0]
    a, b = np.asarray(l(x)), np.asarray(l(reverse_complement(x).astype('float32')))
    assert np.allclose(a, b[:, ::-1], atol=1e-5)
    m.save(tmp_path/'m.keras'); m2 = keras.saving.load_model(tmp_path/'m.keras')
    assert np.allclose(np.asarray(m(x)), np.asarray(m2(x)), atol=1e-6)

def test_pwm_scan_matches_brute_force_and_ignores_n():
    ppm = jaspar_ppm('MA0102.2'); c = rng.integers(0, 4, (4, 30)).astype(np.uint8); c[0, 5] = 4
    s = pwm_scan(c, ppm)
    lo = np.log(ppm / .25)
    for i in range(4):
        for j in range(30 - 9 + 1):
            assert np.isclose(s[i, j], sum(lo[p, c[i, j + p]] for p in range(9) if c[i, j + p] < 4))
    assert np.allclose(pssm_max(c, ppm), s.max(1))
    assert np.all(pssm_max(c, ppm, both_strands=True) >= pssm_max(c, ppm))

def test_oracle_beats_pssm_and_denovo_finds_signal():
    from sklearn.metrics import roc_auc_score
    sim = cohn_simulation('CEBPA', 3000, seed=5); tr, te, ppm = sim['train'], sim['test'], sim['ppm']
    a = lambda s: roc_auc_score(te['y'], s)
    assert a(pssm_oracle(te['codes'], ppm, 250, 40)) > a(pssm_max(te['codes'], ppm)) > .6
    assert a(pssm_max(te['codes'], enrichment_ppm(tr['codes'], tr['y']), both_strands=True)) > .55

def test_expanded_negatives_mix_and_errors():
    pos, bio = rng.integers(0, 4, (20, 50)).astype(np.uint8), rng.integers(0, 4, (45, 50)).astype(np.uint8)
    e = expanded_negatives(pos, bio, seed=1)
    vc = pd.Series(e['source']).value_counts()
    assert vc['bio'] == 40 and vc['k=2'] == vc['k=3'] == vc['k=4'] == 20
    with pytest.raises(ValueError, match='genomic negatives'): expanded_negatives(pos, bio[:10])

def test_plant_filters_block_diagonal_and_too_narrow():
    donors = [build_cohn(length=100, seed=s) for s in (1, 2, 3)]
    t = plant_filters(build_cohn(length=100, scale=4, seed=4), donors)
    for j, d in enumerate(donors):
        for i, (tl, dl) in enumerate(zip(conv_layers(t), conv_layers(d))):
            W, w = tl.get_weights()[0], dl.get_weights()[0]; fo, fi = w.shape[2], w.shape[1]
            blk = W[:, :, j * fo:(j + 1) * fo]
            if i == 0: assert np.allclose(blk, w)
            else:
                assert np.allclose(blk[:, j * fi:(j + 1) * fi], w)
                assert np.all(np.delete(blk, np.s_[j * fi:(j + 1) * fi], axis=1) == 0)
    with pytest.raises(ValueError, match='cannot hold'):
        plant_filters(build_cohn(length=100, seed=5), donors[:2])

def test_ppm_similarity_offsets_and_strands():
    p = jaspar_ppm('MA0114.1')
    assert ppm_similarity(p, p)[0] > .999
    r, off, strand = ppm_similarity(p, p[::-1, ::-1].copy())
    assert r > .999 and strand == '-'
    assert ppm_similarity(p, p[3:10])[1] == 3
    assert ppm_similarity(p, jaspar_ppm('MA0102.2'))[0] < .8

def test_balanced_blocks_are_contiguous_and_nonempty():
    d = pd.DataFrame({'chrom': 'chr22', 'start': np.sort(rng.integers(15_000_000, 50_000_000, 500))})
    d['end'] = d.start + 500
    f = balanced_blocks(d, 5, margin=250)
    assert set(f[f >= 0]) == {0, 1, 2, 3, 4} and np.all(np.diff(f[f >= 0]) >= 0)
    for k in range(4):   # fold k ends at least 2 × margin before fold k+1 begins: no window reaches across
        assert d.end[f == k].max() + 500 <= d.start[f == k + 1].min()

def test_unknown_chromosome_names_file_and_value(tmp_path):
    write_fasta(tmp_path/'g.fa', {'chrA': 'ACGT' * 500})
    g = Genome(tmp_path/'g.fa')
    reg = pd.DataFrame({'chrom': ['chrA', 'chr5'], 'start': [0, 0], 'end': [500, 500], 'label': [1, 0]})
    with pytest.raises(SequenceError, match="unknown chromosome 'chr5'"):
        enhancer_dataset(g, reg, background=0, name='mm10 coordinates')

def test_train_cohn_restarts_and_resumes(tmp_path):
    sim = cohn_simulation('CEBPA', 100, length=120, mu=60, sd=10, seed=0)
    m, rec = train_cohn(sim['train'], sim['val'], tmp_path, config=COHN2018.replace(restarts=2, epochs=1),
                        pools=(2, 2, 2))
    assert (len(rec['restarts']) == 2 and (tmp_path/'restart1'/'best.keras').exists()
            and (tmp_path/'restarts.json').exists())
    stamp = [(tmp_path/f'restart{r}'/'history.csv').stat().st_mtime for r in (0, 1)]
    m2, rec2 = train_cohn(sim['train'], sim['val'], tmp_path, config=COHN2018.replace(restarts=2, epochs=1),
                          pools=(2, 2, 2))   # finished: nothing retrained
    assert rec2 == rec and stamp == [(tmp_path/f'restart{r}'/'history.csv').stat().st_mtime for r in (0, 1)]
    x = one_hot(sim['test']['codes']).astype('float32')
    assert np.allclose(np.asarray(m(x)), np.asarray(m2(x)), atol=1e-6)

def test_cross_species_two_synthetic_genomes(tmp_path):
    sp = {'A': simulated_species(tmp_path, 'A', ('CEBPA',), gc=.4, n_enhancers=120, chrom_len=1_000_000,
                                 seed=1),
          'B': simulated_species(tmp_path, 'B', ('CEBPA', 'HNF4A'), gc=.5, n_enhancers=120,
                                 chrom_len=1_000_000, seed=2)}
    ds = species_datasets(sp, folds=3)
    assert all(d['y'].sum() > 50 and set(d['fold']) <= {0, 1, 2} for d in ds.values())
    m = cross_species(ds, tmp_path/'runs', config=COHN2018.replace(epochs=1))
    assert list(m.index) == ['A', 'B', 'all', 'all, equal size'] and list(m.columns) == ['A', 'B']
    assert m.notna().all().all()

@pytest.mark.skipif(not data_available('cohn2018_reference/H3K27ac_vs_negative_data_CNN_test_results.txt'),
                    reason='set ENHANCER_NETS_DATA')
def test_published_species_matrix():
    m = published_species_matrix()
    assert (m.shape == (19, 17) and m.loc['Human', 'Human'] == .80
            and m.loc['All_species_238000', 'Human'] == .86)

def test_published_numbers_name_our_methods():
    pub = json.loads((repo_root()/'data'/'published'/'cohn2018.json')
                     .read_text())['simulated_cebpa']['auroc_10k']
    import inspect, enhancer_nets.adversarial as A
    src = inspect.getsource(A.cohn_simulated)
    assert all(f"'{k}'" in src for k in pub)

def test_all_n_sequences_score_zero():
    "N carries no evidence: every window of an all-N sequence has likelihood ratio 1 (eq. 3 gives log 1 = 0)."
    ppm = jaspar_ppm('MA0102.2'); c = np.full((2, 60), 4, np.uint8)
    assert (np.allclose(pssm_oracle(c, ppm, 30, 10), 0)
            and np.allclose(pssm_oracle(c, ppm, None, both_strands=True), np.log(2)))
    assert np.allclose(pssm_max(c, ppm), 0)

def test_real_experiments_pipeline_on_a_synthetic_genome(tmp_path):
    sp = simulated_species(tmp_path, 'S', ('CEBPA',), n_enhancers=150, chrom_len=1_000_000, seed=3)
    g = Genome(sp['genome'])
    reg = pd.concat([pd.read_csv(sp['positives'], sep='\t', header=None,
                                 names=['chrom', 'start', 'end']).assign(label=1, source='S enhancer'),
                     pd.read_csv(sp['negatives'], sep='\t', header=None,
                                 names=['chrom', 'start', 'end']).assign(label=0, source='S negative')])
    ds = enhancer_dataset(g, reg, background=1, folds=3, name='S')
    assert set(ds['source']) == {'S enhancer', 'S negative', 'background (GC-matched)'}
    from enhancer_nets.recipes import REGION_RECIPE
    r = cohn_real_experiments(ds, tmp_path/'runs', CohnRealConfig(
        ks=(2,), experiments=('genomic', 'expanded', 'planted'), epochs=1, region_net='rc-gpool',
        region_train=REGION_RECIPE.replace(epochs=1)))
    assert len(r['genomic: rc-gpool (whole-region network, ours)']['fold_auroc']) == 3
    assert {'genomic: CNN', 'genomic: k-mer baseline', 'genomic: GC content (no training)',
            'expanded negatives: CNN', 'planted filters (×4)', 'random init (×4)',
            'shuffles: k=2'} <= set(r)
    assert set(r['genomic: CNN']['auroc_by_negative_source']) == {'S negative', 'background (GC-matched)'}
    assert len(r['genomic: CNN']['fold_auroc']) == 3

def test_region_codes_centres_clamps_and_reverse_complements(tmp_path):
    seq = ''.join(np.random.default_rng(1).choice(list('ACGT'), 3000))
    write_fasta(tmp_path/'g.fa', {'c1': seq, 'c2': seq[::-1]})
    g = Genome(tmp_path/'g.fa')
    reg = pd.DataFrame({'chrom': ['c1', 'c2', 'c1', 'c1'], 'start': [1000, 1000, 0, 2900],
                        'end': [1200, 1200, 10, 3000], 'strand': ['+', '+', '-', '+']})
    c = region_codes(g, reg, 100)
    from enhancer_nets.data import encode
    assert (c[0] == encode(seq[1050:1150])).all() and (c[1] == encode(seq[::-1][1050:1150])).all()
    assert (c[2] == reverse_complement(encode(seq[0:100]))).all() and (c[3] == encode(seq[2900:3000])).all()

def test_first_layer_scores_match_the_layer():
    from enhancer_nets.motifs import first_layer_scores
    c = rng.integers(0, 5, (3, 80)).astype(np.uint8)
    for rc in (True, False):
        m = build_cohn(length=80, rc=rc, seed=2, pools=(2, 2, 2)); l = conv_layers(m)[0]
        fw, rv = first_layer_scores(l, c)
        assert np.allclose(np.maximum(np.maximum(fw, rv), 0), np.asarray(l(one_hot(c).astype('float32'))),
                           atol=1e-5)

def _dhs_table(path, rows):
    hdr = 'dhs_id\tchr\tstart\tend\tsummit\tsequence\tdata_label\n'
    path.write_text(hdr + ''.join(f'x{i}\t{c}\t{s}\t{s + 40}\t{s + 20}\t{q}\t{sp}\n'
                                  for i, (c, s, q, sp) in enumerate(rows)))
    return path

def test_dhs_pretraining_never_sees_a_held_out_chromosome(tmp_path):
    """Issue 18: no locus of a test block is seen in pre-training; every site on a held-out chromosome is
    dropped."""
    r = np.random.default_rng(1)
    seq = lambda: ''.join(r.choice(list('ACGT'), 40))
    chroms = ['chr1', 'chr2', 'chr22', 'chr5']
    rows = lambda: [(c, 1000 * i, seq(), sp) for i, (c, sp) in
                    enumerate((c, sp) for c in chroms for sp in ('training', 'validation', 'test'))]
    paths = {'HepG2': _dhs_table(tmp_path / 'h.tsv', rows()), 'K562': _dhs_table(tmp_path / 'k.tsv', rows())}
    d = dhs_pretraining_set(exclude_chroms=('chr22', 'chr5'), paths=paths)
    assert d['chroms'] == ['chr1', 'chr2'] and d['excluded'] == ['chr22', 'chr5']
    for sp in ('train', 'val', 'test'):
        assert set(d[sp]['chrom']) <= {'chr1', 'chr2'} and d[sp]['codes'].shape[1] == 40
        assert sorted(set(d[sp]['y'].tolist())) == [0, 1]
    assert sum(d['n'].values()) == 2 * 2 * 3

def test_dhs_table_errors_name_file_and_line(tmp_path):
    from enhancer_nets.core import InputError
    p = _dhs_table(tmp_path / 'bad.tsv', [('chr1', 10, 'ACGT', 'training'), ('chr1', 50, 'ACGT', 'holdout')])
    with pytest.raises(InputError, match=r'bad.tsv:3: data_label'):
        dhs_pretraining_set(paths={'HepG2': p, 'K562': p})

def test_copy_convs_copies_kernels_and_refuses_other_shapes():
    donor, target = build_cohn(length=200, seed=1), build_cohn(length=500, seed=2)
    copy_convs(donor)(target)
    assert all(np.allclose(a.get_weights()[0], b.get_weights()[0])
               for a, b in zip(conv_layers(donor), conv_layers(target)))
    with pytest.raises(ValueError, match='shapes'):
        copy_convs(donor)(build_cohn(length=500, scale=2))

def test_train_cohn_default_recipe_ensemble_and_strand_mean(tmp_path):
    sim = cohn_simulation('CEBPA', 100, length=120, mu=60, sd=10, seed=0)
    cfg = default_cohn_recipe(ensemble=2, epochs=1)
    m, rec = train_cohn(sim['train'], sim['val'], tmp_path, config=cfg, rc_augment=True, pools=(2, 2, 2))
    assert rec['ensemble'] == 2 and rec['monitor'] == 'val_auprc' and (tmp_path / 'member1').exists()
    c = sim['test']['codes']
    rc = np.where(c < 4, 3 - c, c)[:, ::-1]
    assert np.allclose(predict_codes(m, c, test_rc=True), predict_codes(m, rc, test_rc=True), atol=1e-5)
