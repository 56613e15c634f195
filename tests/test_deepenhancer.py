"DeepEnhancer: architectures, the CLI, and a reduced run of the main job on the real hg38 chr22 files."
import os, subprocess, sys, json
import numpy as np, pandas as pd, pytest
from enhancer_nets.data import data_available, Genome, resolve, read_intervals, SequenceError
from enhancer_nets.deepenhancer import ARCHS, build_model, deepenhancer_chr22, fantom5_chr22
from enhancer_nets.workflows import simulated_genome, compare_methods, fine_tune
from enhancer_nets.baselines import gapped_kmer_counts
from enhancer_nets.engine import compile_model, TWO_CLASS
from enhancer_nets.recipes import MIN2017
from enhancer_nets.data import WindowDataset, window_index
from enhancer_nets.cli import main

@pytest.mark.parametrize('arch', list(ARCHS))
def test_architectures_forward(arch):
    m = build_model(arch)
    p = np.asarray(m(np.zeros((3, 300, 4), np.float32)))
    assert p.shape == (3, 2) and np.allclose(p.sum(1), 1, atol=1e-5)

def test_unknown_arch():
    with pytest.raises(KeyError, match='choose one of'): build_model('5conv')

REAL = ['hg38_chr22/chr22.fa.gz', 'hg38_gencode_annotation/tss.bed.gz',
        *[f'genomic_benchmarks_enhancer_coords/human_enhancers_ensembl/{s}/positive.csv.gz'
          for s in ('train', 'test')]]
needs_data = pytest.mark.skipif(not data_available(*REAL),
                                reason='real data not found: set ENHANCER_NETS_DATA=../shared/data')

@needs_data
def test_chr22_main_job_reduced(tmp_path):
    "The same path as results/deepenhancer_chr22.json, on a subset: 300 positives, stride 50, 2 epochs."
    res = deepenhancer_chr22(tmp_path, quick=True, verbose=0)
    assert list(res) == ['meta', 'config', 'data', 'metrics']   # the one results schema
    c = res['data']['counts']
    assert c['train']['pos'] == c['train']['neg'] and c['test']['pos'] > 30
    for k, v in res['metrics']['results'].items():
        assert 0 <= v['auroc'] <= 1 and v['n_pos'] == c['test']['pos']
    assert res['data']['split']['kind'] == 'genomic blocks' and res['meta']['seed'] == 0
    assert res['config']['quick'] and res['config']['stride'] == 50 and res['config']['max_positives'] == 300
    # the k-mer baseline must carry real signal on real enhancers
    assert res['metrics']['results']['kmer_spectrum_k1-6_logreg']['auroc'] > 0.6
    sc = pd.read_csv(tmp_path/'test_scores.tsv', sep='\t')
    assert (sc.start >= 0.75 * 50_818_468).all()     # only the held-out block is scored

@needs_data
def test_real_positives_are_chr22_grch38():
    g = Genome(resolve('hg38_chr22/chr22.fa.gz'))
    pos = fantom5_chr22()
    assert len(pos) > 500 and (pos.end <= g.sizes['chr22']).all()
    assert g.sizes['chr22'] == 50_818_468

def test_cli_help_and_unknown_command():
    out = subprocess.run([sys.executable, '-c', 'from enhancer_nets.cli import main; main(["--help"])'],
                         capture_output=True, text=True)
    assert out.returncode == 0 and 'train' in out.stdout and 'predict' in out.stdout
    out = subprocess.run([sys.executable, '-c', 'from enhancer_nets.cli import main; main(["fly"])'],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "unknown command 'fly'" in out.stderr
    out = subprocess.run([sys.executable, '-c',
                          'from enhancer_nets.cli import main; main(["train", "--genome", "x.fa"])'],
                         capture_output=True, text=True)
    assert out.returncode == 2 and '--out' in out.stderr and len(out.stderr.strip().splitlines()) == 1
    out = subprocess.run([sys.executable, '-c',
                          'from enhancer_nets.cli import main; main(["train", "--genome", "setup.py", '
                          '"--out", "/tmp/x"])'],
                         capture_output=True, text=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert out.returncode == 2 and '--positives' in out.stderr.strip().splitlines()[-1]

def test_cli_predict_fasta_and_bad_bed(tmp_path, capsys):
    fa, pbed, nbed = simulated_genome(tmp_path/'sim', n=100, seed=3)
    main(['train', '--genome', str(fa), '--positives', str(pbed), '--negatives', str(nbed),
          '--out', str(tmp_path/'run'), '--stride', '100', '--epochs', '1', '--no_baseline',
          '--arch', '4conv2pool4norm', '--members', '1'])
    recs = tmp_path/'q.fa'; recs.write_text('>a\n' + 'ACGT' * 100 + '\n>b\n' + 'TTGCGCAATT' * 40 + '\n')
    main(['predict', '--model', str(tmp_path/'run'/'model.keras'), '--fasta', str(recs),
          '--out', str(tmp_path/'s.bed')])
    s = pd.read_csv(tmp_path/'s.bed', sep='\t', header=None)
    assert s[0].tolist() == ['a', 'b'] and s[4].between(0, 1).all()
    bad = tmp_path/'bad.bed'; bad.write_text('sim\t100\t600\nsim\t700\t650\n')
    capsys.readouterr()
    with pytest.raises(SystemExit) as e:
        main(['predict', '--model', str(tmp_path/'run'/'model.keras'), '--genome', str(fa),
              '--regions', str(bad), '--out', str(tmp_path/'t.bed')])
    err = capsys.readouterr().err.strip().splitlines()
    assert e.value.code == 2 and len(err) == 1 and 'bad.bed:2: end (650) <= start (700)' in err[0]
    assert not (tmp_path/'t.bed').exists()

def test_readme_in_sync_with_index():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, os.path.join(root, 'tools', 'make_readme.py'), '--check'])
    assert out.returncode == 0, 'README.md is out of date: run python tools/make_readme.py'

def test_gapped_kmers_brute_force():
    from itertools import combinations
    c = np.random.default_rng(1).integers(0, 4, 40).astype(np.uint8); c[17] = 4
    X = gapped_kmer_counts([c], l=5, k=3, both_strands=False)[0]
    pats = list(combinations(range(5), 3)); ref = np.zeros(len(pats) * 64)
    for s in range(len(c) - 4):
        w = c[s:s + 5]
        if (w == 4).any(): continue
        for j, p in enumerate(pats): ref[j * 64 + int(w[list(p)] @ [16, 4, 1])] += 1
    assert np.array_equal(X, ref)

def test_compare_methods_tests():
    folds = lambda v: [dict(fold=i, auroc=x, auprc=x) for i, x in enumerate(v)]
    a = np.linspace(.7, .8, 10)
    res = dict(methods={'A': dict(folds=folds(a)), 'B': dict(folds=folds(a - .05)),
                        'C': dict(folds=folds(a[::-1]))})
    t = compare_methods(res).set_index(['A', 'B'])
    ab = t.loc[('A', 'B')]
    assert ab.wins_A == 10 and np.isclose(ab.wilcoxon_p, 2 / 1024) and np.isclose(ab.binomial_p, 1 / 1024)
    assert (t.wilcoxon_p_holm >= t.wilcoxon_p).all()

def test_fine_tune_freezes_convolutions(tmp_path):
    fa, pbed, nbed = simulated_genome(tmp_path/'sim', n=60, seed=4)
    g = Genome(fa); pos = read_intervals(pbed, g).assign(label=1)
    neg = read_intervals(nbed, g).assign(label=0)
    reg = pd.concat([pos, neg], ignore_index=True)
    ds = WindowDataset(g, window_index(reg, 300, 100, sizes=g.sizes), reg.label.to_numpy(), 300, 32,
                       shuffle=True)
    base = compile_model(build_model('4conv2pool4norm'), TWO_CLASS, MIN2017)
    m, h = fine_tune(base, ds, ds, tmp_path/'ft', MIN2017.replace(epochs=1, lr=1e-3), freeze_conv=True)
    assert np.allclose(m.get_layer('conv1').get_weights()[0], base.get_layer('conv1').get_weights()[0])
    assert not np.allclose(m.get_layer('dense1').get_weights()[0], base.get_layer('dense1').get_weights()[0])
    m2, _ = fine_tune(base, ds, ds, tmp_path/'ft2', MIN2017.replace(epochs=1, lr=1e-3), freeze_conv=False)
    assert not np.allclose(m2.get_layer('conv1').get_weights()[0], base.get_layer('conv1').get_weights()[0])
    # a whole recipe: an ensemble whose every member starts from the pre-trained weights, convolutions frozen
    from enhancer_nets.engine import default_recipe, ensemble_members
    m3, h3 = fine_tune(base, ds, ds, tmp_path/'ft3', freeze_conv=True,
                       config=default_recipe(MIN2017, lr=1e-3, ensemble=2, epochs=1))
    assert len(ensemble_members(m3)) == 2 and set(h3.member) == {0, 1}
    for e in ensemble_members(m3):
        assert np.allclose(e.get_layer('conv1').get_weights()[0], base.get_layer('conv1').get_weights()[0])

from enhancer_nets.deepenhancer import ACCESSIBILITY
import enhancer_nets
ACC = ['hg38_chr22/chr22.fa.gz', *ACCESSIBILITY['bigwigs'].values(), *ACCESSIBILITY['peaks'].values()]

@pytest.mark.skipif(not data_available(*ACC), reason='accessibility data not found: '
                    'set ENHANCER_NETS_DATA=../shared/data')
def test_pretraining_never_sees_the_enhancer_validation_or_test_blocks(tmp_path):
    """Every window of the accessibility pre-training lies in the first 65 % of chr22 (less one window), so
    the main job's validation (65–75 %) and test (75–100 %) blocks are unseen; the pre-trained trunk takes
    a new head."""
    from enhancer_nets.data import block_split
    from enhancer_nets.deepenhancer import accessibility_windows, pretrain_accessibility, pretrained_builder
    g = Genome(resolve('hg38_chr22/chr22.fa.gz'))
    size = g.sizes['chr22']
    for block in ((0.0, 0.58), (0.58, 0.65)):
        w = accessibility_windows(g, block, stride=20_000)
        assert len(w) and w.end.max() <= 0.65 * size - 300 and w.start.min() >= block[0] * size
        assert (block_split(w, g.sizes, margin=300) == 'train').all()
    r = pretrain_accessibility(tmp_path, quick=True)
    assert r['data']['extent']['last_end'] <= 0.65 * size - 300 and len(r['metrics']['val_auroc']) == 5
    m = pretrained_builder(r['metrics']['model'])()
    assert m.output_shape == (None, 2)
    assert np.allclose(m.get_layer('conv1').get_weights()[0],
                       enhancer_nets.load_model(r['metrics']['model']).get_layer('conv1').get_weights()[0])

def test_gkm_svm_tuned_chooses_on_validation_and_refits():
    from enhancer_nets.baselines import gkm_svm_tuned
    from enhancer_nets.data import encode
    r = np.random.default_rng(0)
    mk = lambda n, m: [np.r_[r.integers(0, 4, 30), encode(m), r.integers(0, 4, 30)].astype(np.uint8)
                       for _ in range(n)]
    tr, va, te = (mk(n, 'GATTACA') + mk(n, 'TGCATGC') for n in (25, 10, 10))
    y = lambda n: np.r_[np.ones(n), np.zeros(n)]
    sc, best = gkm_svm_tuned(tr, y(25), va, y(10), te, grid=dict(shapes=((4, 2), (6, 4)), C=(0.01, 1.0)))
    assert len(best['grid']) == 4 and best['val_auroc'] == max(g['val_auroc'] for g in best['grid'])
    assert sc.shape == (20,) and (sc[:10].mean() > sc[10:].mean())
    with pytest.raises(ValueError, match='k ≤ l'):
        gkm_svm_tuned(tr, y(25), va, y(10), te, grid=dict(shapes=((3, 4),), C=(1.0,)))


def test_region_network_trains_and_predicts_from_the_cli(tmp_path):
    """`train --arch rc-gpool` trains the whole-region network on regions of a genome (REGION_RECIPE,
    early stopping on validation auPRC), and `predict` scores each region alone in its frame, on either strand
    alike."""
    import keras
    from enhancer_nets.core import load_json, flat_record
    from enhancer_nets.workflows import predict_whole_regions
    from enhancer_nets.recipes import REGION_RECIPE
    from enhancer_nets.data import Genome, read_intervals, reverse_complement, write_fasta
    fa, pbed, nbed = simulated_genome(tmp_path/'sim', n=150, seed=4)
    main(['train', '--genome', str(fa), '--positives', str(pbed), '--negatives', str(nbed),
          '--out', str(tmp_path/'run'), '--arch', 'rc-gpool', '--width', '500', '--no_baseline',
          '--seed', '1', '--members', '1'])
    r = flat_record(load_json(tmp_path/'run'/'results.json'))
    assert r['arch'] == 'rc-gpool' and r['train']['monitor'] == 'val_auprc' == REGION_RECIPE.monitor
    # 150 OOPS sequences per class are too few to learn the motif: this checks the mechanics only
    assert 'val_auprc' in r['history'] and 0 <= r['results']['rc-gpool']['auroc'] <= 1
    m = keras.saving.load_model(tmp_path/'run'/'model.keras')
    assert m.name == 'rc-gpool' and m.input_shape == (None, 500, 4)
    g, reg = Genome(fa), read_intervals(pbed).head(6)
    main(['predict', '--model', str(tmp_path/'run'/'model.keras'), '--genome', str(fa),
          '--regions', str(pbed), '--out', str(tmp_path/'s.bed')])
    s = pd.read_csv(tmp_path/'s.bed', sep='\t', header=None)
    assert np.allclose(s[4].to_numpy()[:6], predict_whole_regions(m, g, reg), atol=1e-5)
    rc = {f'r{i}': reverse_complement(g.fetch(c, a, b))
          for i, (c, a, b) in enumerate(zip(reg.chrom, reg.start, reg.end))}
    write_fasta(tmp_path/'rc.fa', rc)
    main(['predict', '--model', str(tmp_path/'run'/'model.keras'), '--fasta', str(tmp_path/'rc.fa'),
          '--out', str(tmp_path/'rc.bed')])
    rs = pd.read_csv(tmp_path/'rc.bed', sep='\t', header=None)[4]
    assert np.allclose(rs, s[4].to_numpy()[:6], atol=1e-4)


def test_region_batches_see_only_the_region(tmp_path):
    "A region's frame holds its own bases and N elsewhere, wherever the random shift puts it."
    from enhancer_nets.data import Genome, RegionBatches, write_fasta, decode
    rng = np.random.default_rng(0)
    seq = ''.join(rng.choice(list('ACGT'), 5000))
    g = Genome(write_fasta(tmp_path/'g.fa', {'c': seq}))
    reg = pd.DataFrame(dict(chrom='c', start=[10, 1000, 3000], end=[60, 1700, 3100]))
    b = RegionBatches(g, reg, np.array([1, 0, 1]), length=300, shift=True, shuffle=True, seed=1)
    for e in range(3):
        b.set_epoch(e)
        x, y = b[0]
        for row in x:
            got = decode(row[row.sum(1) > 0])
            assert got in seq and len(got) in (50, 300, 100)
            start = seq.find(got)
            assert any(a <= start and start + len(got) <= z for a, z in zip(reg.start, reg.end))


@needs_data
def test_transfer_refit_on_train_and_val(tmp_path):
    """`deepenhancer_transfer(refit=True)`: each from-scratch network is retrained on training + validation
    regions for exactly the epochs validation chose (kept epoch + 1); wrong settings stop before any work."""
    from enhancer_nets.deepenhancer import deepenhancer_transfer
    from enhancer_nets.core import OptionError, flat_record
    with pytest.raises(OptionError, match='scratch_arch is for region_only'):
        deepenhancer_transfer(out_dir=tmp_path/'x', scratch_arch='4conv')
    with pytest.raises(OptionError, match='unknown scratch_arch'):
        deepenhancer_transfer(out_dir=tmp_path/'x', region_only=True, region_net='rc-gpool',
                              scratch_arch='9conv')
    r = flat_record(deepenhancer_transfer(out_dir=tmp_path/'t', quick=True, region_only=True, stride=100,
                                          region_net='rc-gpool', scratch_arch='4conv', refit=True))
    t = r['training']
    assert t['from scratch, refit on train + val']['epochs'] == t['from scratch']['best_epoch'] + 1
    assert t['rc-gpool from scratch, refit on train + val']['epochs'] == \
        t['rc-gpool from scratch (same small set)']['best_epoch'] + 1
    assert 0 <= t['from scratch']['val_auroc'] <= 1 and r['refit'] and r['scratch_arch'] == '4conv'
