"""The commands users run on their own data (issue 19), on real data: sequences and a VCF cut from hg38
chr22."""
import os, subprocess, sys, contextlib, io
from pathlib import Path
import numpy as np, pandas as pd, pytest
from enhancer_nets.cli import main
from enhancer_nets.core import load_json, flat_record
from enhancer_nets.data import data_available, Genome, resolve, write_fasta

needs_data = pytest.mark.skipif(not data_available('hg38_chr22/chr22.fa.gz'),
                                reason='real data not found: set ENHANCER_NETS_DATA=../shared/data')

@pytest.fixture(scope='module')
def chr22(tmp_path_factory):
    "1 Mb of hg38 chr22 (20-21 Mb) as a one-record FASTA, and 400 bp sequences cut from it."
    d = tmp_path_factory.mktemp('chr22')
    g = Genome(resolve('hg38_chr22/chr22.fa.gz'))
    seq = g.fetch('chr22', 20_000_000, 21_000_000)
    write_fasta(d/'chr22_1M.fa', {'chr22': seq})
    return d, seq

def _err(argv):
    e = io.StringIO()
    with contextlib.redirect_stderr(e):
        with pytest.raises(SystemExit) as x: main(argv)
    return x.value.code, e.getvalue().strip().splitlines()

def gc_sorted(seq, width, n, seed):
    """`n` random N-free windows of `seq`, sorted by GC content: an easy real-sequence task (GC-rich vs
    GC-poor ends)."""
    rng = np.random.default_rng(seed)
    cuts = [c for c in (seq[s:s + width] for s in rng.integers(0, len(seq) - width, n)) if 'N' not in c]
    return sorted(cuts, key=lambda s: (s.count('G') + s.count('C')) / len(s))

@needs_data
def test_train_labelled_sequences(chr22, tmp_path):
    "One FASTA per class plus a table with a split column; shorter sequences are centred in N."
    d, seq = chr22
    cuts = gc_sorted(seq, 400, 600, 0)
    # an easy, real-sequence task: the most GC-rich vs the most GC-poor windows
    hi, lo = cuts[-80:], cuts[:80]
    write_fasta(tmp_path/'pos.fa', {f'p{i}': c for i, c in enumerate(hi[:60])})
    write_fasta(tmp_path/'neg.fa.gz', {f'n{i}': c[:250] for i, c in enumerate(lo[:60])})
    pd.DataFrame({'sequence': hi[60:] + lo[60:], 'label': [1] * len(hi[60:]) + [0] * len(lo[60:]),
                  'split': 'test'}).to_csv(tmp_path/'t.tsv', sep='\t', index=False)
    main(['train', '--positives', str(tmp_path/'pos.fa'), '--negatives', str(tmp_path/'neg.fa.gz'),
          '--test-table', str(tmp_path/'t.tsv'), '--out', str(tmp_path/'run'), '--stride', '50',
          '--epochs', '2', '--arch', '4conv', '--members', '1'])
    r = flat_record(load_json(tmp_path/'run'/'results.json'))
    assert r['n_padded'] == 60 and r['counts']['test'] == dict(pos=20, neg=20)
    for k in ('4conv', 'kmer_spectrum_k1-6_logreg'):
        m = r['results'][k]
        assert ({'auroc', 'auprc'} <= set(m) and {'acc', 'mcc'} <= set(m['at_0.5'])
                and 'threshold' in m['at_val_threshold'])
    assert r['results']['kmer_spectrum_k1-6_logreg']['auroc'] > 0.9
    sc = pd.read_csv(tmp_path/'run'/'test_scores.tsv', sep='\t')
    assert len(sc) == 40 and sc.name.str.startswith('t:').all()
    # the table form with a split column; validation is drawn when absent
    pd.DataFrame({'sequence': hi + lo, 'label': [1] * len(hi) + [0] * len(lo),
                  'split': ['train'] * 60 + ['test'] * (len(hi) - 60) + ['train'] * 60
                  + ['test'] * (len(lo) - 60)}
                 ).to_csv(tmp_path/'all.csv', index=False)
    main(['train', '--table', str(tmp_path/'all.csv'), '--out', str(tmp_path/'run2'), '--stride', '50',
          '--epochs', '1', '--arch', 'cohn-enhancer-rc', '--no-baseline', '--members', '1'])
    r2 = flat_record(load_json(tmp_path/'run2'/'results.json'))
    assert "split' column" in r2['split']['how'] and 'validation drawn' in r2['split']['how']

@needs_data
def test_scan_and_variants(chr22, tmp_path):
    import keras, pyBigWig
    from enhancer_nets.deepenhancer import build_model
    d, seq = chr22
    build_model('4conv', 300).save(tmp_path/'m.keras')
    main(['scan', '--model', str(tmp_path/'m.keras'), '--genome', str(d/'chr22_1M.fa'),
          '--out', str(tmp_path/'s'), '--stride', '200', '--batch-size', '256', '--threshold', '0'])
    bw = pyBigWig.open(str(tmp_path/'s.bw'))
    n = (1_000_000 - 300) // 200 + 1
    assert bw.chroms() == {'chr22': 1_000_000} and len(bw.intervals('chr22')) <= n
    calls = pd.read_csv(tmp_path/'s.enhancers.bed', sep='\t', header=None)
    assert (calls[2] > calls[1]).all()
    main(['scan', '--model', str(tmp_path/'m.keras'), '--genome', str(d/'chr22_1M.fa'),
          '--out', str(tmp_path/'s2'), '--stride', '300', '--bedgraph'])
    assert (tmp_path/'s2.bedGraph').stat().st_size > 0
    # variants: a multi-allelic VCF record gives one row per ALT; REF is checked against the genome
    ps = [p for p in range(5000, 900_000, 37_001) if seq[p - 1] in 'ACGT'][:12]
    alt = lambda b: ','.join(x for x in 'ACGT' if x != b)
    rows = [f'chr22\t{p}\tv{i}\t{seq[p - 1]}\t'
            f'{alt(seq[p - 1]) if i == 0 else {"A": "G", "G": "A", "C": "T", "T": "C"}[seq[p - 1]]}\t.\t.\t.'
            for i, p in enumerate(ps)]
    hdr = ['##fileformat=VCFv4.2', '##contig=<ID=chr22,length=1000000>',
           '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO']
    (tmp_path/'v.vcf').write_text('\n'.join(hdr + rows) + '\n')
    main(['variants', '--model', str(tmp_path/'m.keras'), '--genome', str(d/'chr22_1M.fa'),
          '--vcf', str(tmp_path/'v.vcf'), '--out', str(tmp_path/'v.tsv'), '--top', '2'])
    v = pd.read_csv(tmp_path/'v.tsv', sep='\t')
    assert len(v) == len(ps) + 2 and (v.id == 'v0').sum() == 3
    assert np.allclose(v['diff'], v.alt_score - v.ref_score, atol=1e-5)
    assert np.load(tmp_path/'v.tsv.ism.npz')['ism'].shape == (2, 300, 4)
    bad = rows[1].split('\t')
    bad[3] = {'A': 'C', 'C': 'G', 'G': 'T', 'T': 'A'}[bad[3]]
    (tmp_path/'bad.vcf').write_text('\n'.join(hdr + [rows[0], '\t'.join(bad)]) + '\n')
    code, err = _err(['variants', '--model', str(tmp_path/'m.keras'), '--genome', str(d/'chr22_1M.fa'),
                      '--vcf', str(tmp_path/'bad.vcf'), '--out', str(tmp_path/'bad.tsv')])
    assert code == 2 and len(err) == 1 and 'bad.vcf: line 5 (v1): REF' in err[0], err
    assert not (tmp_path/'bad.tsv').exists()

MODELS = r'''
import sys, keras
from enhancer_nets.deepenhancer import build_model, ARCHS
from enhancer_nets.adversarial import build_cohn, build_oops, COHN_ARCHS
from enhancer_nets.speid import build_speid
from enhancer_nets.deepcage import build_deepcage, SMALL_ARCH, VARIANTS
d = sys.argv[1]
models = [(f'deepenhancer_{a}', build_model(a)) for a in ARCHS]
from enhancer_nets.zoo import build_region_model
models += [('region_rc_gpool', build_region_model(600))]
models += [(f'cohn_{a}_{rc}', build_cohn(a, rc=rc)) for a in COHN_ARCHS for rc in (True, False)]
models += [(f'oops_{rc}', build_oops(500, rc=rc)) for rc in (True, False)]
models += [('speid', build_speid(n_kernels=8, kernel_width=8, lstm_units=4, dense=8, enh_len=200,
                                 prom_len=100))]
models += [(f'deepcage_{t}_{v}', build_deepcage(n_tf=5, variant=v, task=t, length=1000, size=SMALL_ARCH))
           for v in VARIANTS for t in ('classification', 'regression')]
from enhancer_nets.engine import average_models
models += [('ensemble_oops_rc', average_models([build_oops(500, rc=True) for _ in range(2)]))]
models += [('ensemble_speid', average_models([build_speid(n_kernels=8, kernel_width=8, lstm_units=4, dense=8,
                                                          enh_len=200, prom_len=100) for _ in range(2)]))]
for name, m in models:
    m.save(f'{d}/{name}.keras')
print(' '.join(name for name, _ in models))
'''

LOAD = r'''
import sys, enhancer_nets
for name in sys.argv[2:]:
    print(name, enhancer_nets.load_model(f'{sys.argv[1]}/{name}.keras').name)
'''

def test_every_saved_model_loads_in_a_fresh_process(tmp_path):
    """Every network of the package (five DeepEnhancer CNNs and the whole-region network, Cohn et al.'s two
    with and without RC convolution, the OOPS network, SPEID, every DeepCAGE variant and task, and ensembles
    of one- and two-input networks), saved in one process, loads in another through
    `enhancer_nets.load_model`, which imports nothing but the layers module."""
    env = {**os.environ, 'TF_CPP_MIN_LOG_LEVEL': '3'}
    r = subprocess.run([sys.executable, '-c', MODELS, str(tmp_path)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    names = r.stdout.split()
    assert len(names) == 5 + 1 + 4 + 2 + 1 + 2 * 6 + 2, names
    code = LOAD + "import sys; assert not any(m in sys.modules for m in ('enhancer_nets.adversarial', " \
                  "'enhancer_nets.deepcage', 'enhancer_nets.interpret'))"
    r = subprocess.run([sys.executable, '-c', code, str(tmp_path), *names], capture_output=True, text=True,
                       env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    assert len(r.stdout.split('\n')) > len(names)

@needs_data
def test_evaluate_labelled_sequences(chr22, tmp_path):
    "Stratified k-fold cross-validation of sequences, per-fold metrics and the pairwise tests."
    d, seq = chr22
    cuts = gc_sorted(seq, 300, 500, 1)
    pd.DataFrame({'sequence': cuts[-60:] + cuts[:60], 'label': [1] * 60 + [0] * 60}).to_csv(tmp_path/'s.csv',
                                                                                            index=False)
    main(['evaluate', '--table', str(tmp_path/'s.csv'), '--out', str(tmp_path/'cv'), '--archs', '4conv',
          '--k', '3', '--stride', '50', '--epochs', '1', '--members', '1'])
    r = flat_record(load_json(tmp_path/'cv'/'cv.json'))
    assert r['split']['kind'].startswith('3-fold stratified random') and set(r['counts']) == {'0', '1', '2'}
    for name, v in r['methods'].items():
        assert len(v['folds']) == 3 and v['auroc']['se'] is not None
    assert r['methods']['kmer spectrum (k=1..6) logistic regression']['auroc']['mean'] > 0.9
    assert len(pd.read_csv(tmp_path/'cv'/'tests.tsv', sep='\t')) == 3
    # the whole-region network reads each sequence alone in a frame of --region_length bp
    main(['evaluate', '--table', str(tmp_path/'s.csv'), '--out', str(tmp_path/'cvr'), '--archs', 'rc-gpool',
          '--k', '3', '--region_length', '320', '--no_baselines', '--members', '1'])
    r = flat_record(load_json(tmp_path/'cvr'/'cv.json'))
    assert r['region_length'] == 320 and len(r['methods']['rc-gpool']['folds']) == 3
    # the default, auto: each fold stacks its candidates on its own validation fold
    main(['evaluate', '--table', str(tmp_path/'s.csv'), '--out', str(tmp_path/'cva'), '--k', '3',
          '--members', '1', '--epochs', '1', '--no_baselines'])
    r = flat_record(load_json(tmp_path/'cva'/'cv.json'))
    folds = r['methods']['auto']['folds']
    assert len(folds) == 3 and all(f['chosen']['chosen'] for f in folds) and r['auto']['members'] == 1

def test_motifs_modisco_cli(tmp_path):
    "TF-MoDISco through the command line on the planted CEBPA model: the C/EBP pattern comes out."
    from enhancer_nets.interpret import planted_example
    from enhancer_nets.motifs import tf_name
    from enhancer_nets.data import decode
    ex = planted_example(n=600, seed=0)
    ex['model'].save(tmp_path/'m.keras')
    pos = ex['codes'][ex['y'] == 1]
    write_fasta(tmp_path/'pos.fa', {f's{i}': decode(c) for i, c in enumerate(pos)})
    main(['motifs', '--model', str(tmp_path/'m.keras'), '--fasta', str(tmp_path/'pos.fa'),
          '--out', str(tmp_path/'mo'), '--method', 'modisco', '--db', 'JASPAR2024'])
    t = pd.read_csv(tmp_path/'mo'/'tomtom.tsv', sep='\t')
    pats = load_json(tmp_path/'mo'/'summary.json')['patterns']
    biggest = max(pats, key=lambda p: p['n_seqlets'])['name']   # the pattern most seqlets support
    hit = t[(t['query'] == biggest) & (t['rank'] == 1)]
    assert any('CEBP' in tf_name(x) and q < 0.05 for x, q in zip(hit.target, hit.q)), (biggest, hit)
    assert (tmp_path/'mo'/'report.html').exists() and (tmp_path/'mo'/'motifs.meme').exists()
    code, err = _err(['motifs', '--model', str(tmp_path/'m.keras'), '--out', str(tmp_path/'x'),
                      '--method', 'modisco'])
    assert code == 2 and 'needs sequences' in err[-1]


def test_demo_writes_its_table_figure_and_filter_match(tmp_path):
    "The main job on the embedded default, reduced (the full run is bench/demo.py): every output is there."
    res = main(['demo', '--out', str(tmp_path), '--n', '600', '--epochs', '2'])
    r = flat_record(load_json(tmp_path/'run'/'results.json'))
    assert set(r['results']) == {'oops', 'kmer_spectrum_k1-6_logreg',
                                 'PSSM oracle (true PWM + positional prior)'}
    assert r['results']['PSSM oracle (true PWM + positional prior)']['auroc'] > 0.75
    assert np.asarray(r['best_filter']['ppm']).shape == (9, 4) and 'tomtom' in r['best_filter']
    assert ((tmp_path/'demo.png').read_bytes()[:8] == b'\x89PNG\r\n\x1a\n'
            and r['split']['kind'] == 'genomic blocks')


def test_predict_reads_how_to_feed_the_model_from_the_model_file(tmp_path):
    """A window network trained by `train` (default recipe: strand averaging, stride width // 30) is scored by
    `predict` in a fresh process, with no option about its layout, exactly as `train` scored its test regions
    (issue 32): the input spec travels inside model.keras."""
    import subprocess, sys
    from enhancer_nets.workflows import simulated_genome
    from enhancer_nets.zoo import saved_spec
    fa, pbed, nbed = simulated_genome(tmp_path / 'sim', n=120, seed=2)
    run = tmp_path / 'run'
    main(['train', '--genome', str(fa), '--positives', str(pbed), '--negatives', str(nbed), '--out', str(run),
          '--arch', '4conv', '--width', '150', '--epochs', '1', '--members', '1', '--no_baseline'])
    spec = saved_spec(run / 'model.keras')
    assert (spec.layout, spec.width, spec.test_rc, spec.stride) == ('window', 150, True, 5)
    t = pd.read_csv(run / 'test_scores.tsv', sep='\t')
    t[['chrom', 'start', 'end']].to_csv(tmp_path / 'test.bed', sep='\t', header=False, index=False)
    code = ('import sys; from enhancer_nets.cli import main; '
            'main(["predict", "--model", sys.argv[1], "--genome", sys.argv[2], "--regions", sys.argv[3], '
            '"--out", sys.argv[4]])')
    subprocess.run([sys.executable, '-c', code, str(run / 'model.keras'), str(fa), str(tmp_path / 'test.bed'),
                    str(tmp_path / 'p.bed')], check=True, env={**os.environ, 'TF_CPP_MIN_LOG_LEVEL': '3'})
    p = pd.read_csv(tmp_path / 'p.bed', sep='\t', header=None)
    assert np.allclose(p[4].to_numpy(), t.score.to_numpy(), atol=2e-5)


@needs_data
def test_predict_gives_an_auto_runs_final_score(tmp_path):
    """`train` with its default (`--arch auto`: networks and k-mer models, stacked on validation) leaves a run
    directory that `predict --model OUT` scores in a fresh process exactly as test_scores.tsv's final `score`
    (issue 32: every saved model, the default one included, is scored by `predict` with no option)."""
    from enhancer_nets.workflows import simulated_genome
    fa, pbed, nbed = simulated_genome(tmp_path / 'sim', n=120, seed=2)
    run = tmp_path / 'run'
    main(['train', '--genome', str(fa), '--positives', str(pbed), '--negatives', str(nbed), '--out', str(run),
          '--epochs', '1', '--members', '1'])
    a = load_json(run / 'auto.json')
    assert set(a['candidates']) == set(flat_record(load_json(run / 'results.json'))['stacking']['weights'])
    t = pd.read_csv(run / 'test_scores.tsv', sep='\t')
    t[['chrom', 'start', 'end']].to_csv(tmp_path / 'test.bed', sep='\t', header=False, index=False)
    code = ('import sys; from enhancer_nets.cli import main; '
            'main(["predict", "--model", sys.argv[1], "--genome", sys.argv[2], "--regions", sys.argv[3], '
            '"--out", sys.argv[4]])')
    subprocess.run([sys.executable, '-c', code, str(run), str(fa), str(tmp_path / 'test.bed'),
                    str(tmp_path / 'p.bed')], check=True, env={**os.environ, 'TF_CPP_MIN_LOG_LEVEL': '3'})
    p = pd.read_csv(tmp_path / 'p.bed', sep='\t', header=None)
    assert np.allclose(p[4].to_numpy(), t.score.to_numpy(), atol=2e-6)
