"""results/scoreboard.json: one row per benchmark × method × metric, each beside its best simple
baseline, with their standard errors, read by code from the other results files (nothing typed); and
results/scoreboard.png, the figure the Results page and the README lead with. Issue 18's targets are the
`beats` column. Usage: python bench/scoreboard.py"""
import json, math, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))   # also when loaded by path (tests/test_site.py)
from common import ROOT, write_record   # the one preamble of the benchmarks (bench/common.py)
from enhancer_nets.core import flat_record

class MeanSE(float):
    "A mean that carries its standard error over folds or seeds (`.se`), as a path's value may."
    def __new__(cls, m, se=None):
        x = super().__new__(cls, m)
        x.se = se
        return x

def mean(xs):
    "The mean of the values given (None and NaN left out), with its standard error (`MeanSE`)."
    xs = [x for x in xs if x is not None and not math.isnan(x)]
    if not xs: return None
    m = sum(xs) / len(xs)
    se = math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1) / len(xs)) if len(xs) > 1 else None
    return MeanSE(m, se)

def hanley_mcneil(a, n_pos, n_neg):
    """The standard error of an auROC `a` on n_pos positives and n_neg negatives (Hanley & McNeil 1982,
    eq. 2)."""
    q1, q2 = a / (2 - a), 2 * a * a / (1 + a)
    return math.sqrt((a * (1 - a) + (n_pos - 1) * (q1 - a * a) + (n_neg - 1) * (q2 - a * a))
                     / (n_pos * n_neg))

def cohn_fold_mean(r, d, key, src=None):
    "Fold-mean auROC of one experiment of results/cohn_real*.json, overall or against one negative source."
    e = r['datasets'][d]['experiments'][key]
    return mean(e['fold_auroc'] if src is None else e['fold_auroc_by_negative_source'][src])

COHN_DEFAULT_ROWS = [  # (recipe, method, experiment key) of results/cohn_real_default.json; the fine-tuning
    # of all layers and of the dense layers only are in the file and the chapter, not here (both lose more)
    ('default (ensemble of 5, RC)', 'CNN', 'genomic: CNN'),
    ('default, DHS-index pre-trained, lr ÷ 10', 'CNN', 'genomic: CNN, DHS-index pre-trained, lr ÷ 10'),
    ('DHS-index pre-training only (no fine-tuning)', 'CNN (HepG2 vs K562 DHS)',
     'genomic: DHS-index network, no fine-tuning (central window)'),
]

LINEAR_ORACLE = 'oracle: best linear mix of the training cell types, fit on the test loci'
# (benchmark, file, recipe, metric, method label, path to value, baseline label, path to baseline value)
# a path is a list of keys, or a function of the loaded results
SPECS = [
    ('chr22 FANTOM5 enhancers, held-out block', 'deepenhancer_chr22.json', 'paper', 'auROC',
     '4conv2pool4norm', ['results', '4conv2pool4norm', 'auroc'],
     'k-mer spectrum LR', ['results', 'kmer_spectrum_k1-6_logreg', 'auroc']),
    ('chr22 FANTOM5 enhancers, held-out block', 'deepenhancer_chr22_practice.json', 'practice', 'auROC',
     '4conv2pool4norm', ['results', '4conv2pool4norm', 'auroc'],
     'k-mer spectrum LR', ['results', 'kmer_spectrum_k1-6_logreg', 'auroc']),
    ('chr22 FANTOM5 enhancers, held-out block', 'deepenhancer_chr22_default.json', 'default', 'auROC',
     '4conv2pool4norm', ['results', '4conv2pool4norm', 'auroc'],
     'k-mer spectrum LR', ['results', 'kmer_spectrum_k1-6_logreg', 'auroc']),
    ('chr22 FANTOM5 enhancers, held-out block', 'deepenhancer_chr22_default_1member.json',
     'default, 1 member', 'auROC', '4conv2pool4norm', ['results', '4conv2pool4norm', 'auroc'],
     'k-mer spectrum LR', ['results', 'kmer_spectrum_k1-6_logreg', 'auroc']),
    ('chr22 FANTOM5 enhancers, held-out block', 'deepenhancer_chr22_pretrained.json',
     'default + accessibility pre-training', 'auROC', '4conv2pool4norm',
     ['results', '4conv2pool4norm', 'auroc'],
     'k-mer spectrum LR', ['results', 'kmer_spectrum_k1-6_logreg', 'auroc']),
    ('chr22 FANTOM5 enhancers, held-out block', 'deepenhancer_chr22_pretrained_monitor_val_loss.json',
     'default + pre-training (trunk kept by val loss: epoch 1)', 'auROC', '4conv2pool4norm',
     ['results', '4conv2pool4norm', 'auroc'],
     'k-mer spectrum LR', ['results', 'kmer_spectrum_k1-6_logreg', 'auroc']),
    *[('chr22 FANTOM5 enhancers, 10-fold block CV (fold mean)', 'deepenhancer_cv.json', 'paper (CPU epochs)',
       'auROC', a, ['methods', a, 'auroc', 'mean'],
       'gapped k-mer SVM', ['methods', 'gapped k-mer (l=6, k=4) linear SVM', 'auroc', 'mean'])
      for a in ('4conv', '4conv2pool', '4conv2pool4norm', '6conv3pool', '6conv3pool6norm')],
    ('chr22 FANTOM5 enhancers, 10-fold block CV (fold mean)', 'deepenhancer_cv_default.json', 'default',
     'auROC', '4conv2pool4norm', ['methods', '4conv2pool4norm', 'auroc', 'mean'],
     'gapped k-mer SVM', ['methods', 'gapped k-mer (l=6, k=4) linear SVM', 'auroc', 'mean']),
    ('transfer to GM12878 distal DNase, held-out block', 'deepenhancer_transfer.json', 'paper', 'auROC',
     'fine-tuned 4conv2pool4norm', ['results', 'fine-tuned, all layers', 'auroc'],
     'gapped k-mer SVM', ['results', 'gapped k-mer (l=6, k=4) linear SVM', 'auroc']),
    ('transfer to GM12878 distal DNase, held-out block', 'deepenhancer_transfer_default.json',
     'default (1 member)', 'auROC', 'fine-tuned 4conv2pool4norm',
     ['results', 'fine-tuned, all layers', 'auroc'],
     'gapped k-mer SVM', ['results', 'gapped k-mer (l=6, k=4) linear SVM', 'auroc']),
    ('transfer to GM12878 distal DNase, held-out block', 'deepenhancer_transfer_default.json',
     'default (1 member)', 'auROC', 'from scratch, same small set',
     ['results', 'from scratch (same small set)', 'auroc'],
     'gapped k-mer SVM', ['results', 'gapped k-mer (l=6, k=4) linear SVM', 'auroc']),
    ('transfer to GM12878 distal DNase, held-out block', 'deepenhancer_transfer_default_scratch3.json',
     'default (3 members)', 'auROC', 'from scratch, same small set',
     ['results', 'from scratch (same small set)', 'auroc'],
     'gapped k-mer SVM', ['results', 'gapped k-mer (l=6, k=4) linear SVM', 'auroc']),
    *[(f'Cohn liver enhancers ({d}) vs genomic negatives, 5 block folds (fold mean)', 'cohn_real.json',
       'paper', 'auROC', 'CNN',
       (lambda r, d=d: mean(r['datasets'][d]['experiments']['genomic: CNN']['fold_auroc'])), 'k-mer LR',
       (lambda r, d=d: mean(r['datasets'][d]['experiments']['genomic: k-mer baseline']['fold_auroc'])))
      for d in ('cohn', 'ewonglab')],
    *[(f'Cohn liver enhancers ({d}) vs {src or "genomic negatives"}, 5 block folds (fold mean)',
       'cohn_real_default.json', recipe, 'auROC', meth,
       (lambda r, d=d, key=key, src=src: cohn_fold_mean(r, d, key, src)),
       'k-mer LR', (lambda r, d=d, src=src: cohn_fold_mean(r, d, 'genomic: k-mer baseline', src)))
      for d in ('cohn', 'ewonglab') for src in (None, 'background (GC-matched)')
      for recipe, meth, key in COHN_DEFAULT_ROWS],
    ('transfer to GM12878 distal DNase, held-out block', 'deepenhancer_transfer_region_sweep.json',
     'REGION_RECIPE variants, the best on validation of 7', 'auROC', 'rc-gpool from scratch (ours)',
     ['chosen_test_auroc'], 'gapped k-mer SVM', lambda r: r['rows'][0]['gkm_svm_test_auroc']),
    ('transfer to GM12878 distal DNase, held-out block', 'deepenhancer_transfer_region_sweep.json',
     'REGION_RECIPE variants, the best on validation of 7', 'auROC', 'rc-gpool from scratch (ours)',
     ['chosen_test_auroc'], 'gapped k-mer SVM tuned on validation',
     lambda r: flat_record(json.loads((ROOT / 'results' / 'deepenhancer_transfer_region.json').read_text()))[
         'results']['gapped k-mer linear SVM, (l, k, C) tuned on validation']['auroc']),
    *[(f'Cohn liver enhancers ({d}) vs {src or "genomic negatives"}, 5 block folds (fold mean)',
       'cohn_real_region.json', 'REGION_RECIPE, 1 member', 'auROC', 'rc-gpool (whole regions, ours)',
       (lambda r, d=d, src=src: cohn_fold_mean(r, d, 'genomic: rc-gpool (whole-region network, ours)', src)),
       'k-mer LR', (lambda r, d=d, src=src: cohn_fold_mean(r, d, 'genomic: k-mer baseline', src)))
      for d in ('cohn', 'ewonglab') for src in (None, 'background (GC-matched)')],
    ('chr22 FANTOM5 enhancers, 10-fold block CV (fold mean)', 'deepenhancer_cv_default.json', 'default',
     'auROC', '4conv2pool4norm', ['methods', '4conv2pool4norm', 'auroc', 'mean'],
     'gapped k-mer SVM tuned on validation (deepenhancer_cv_gkm_tuned.json)',
     lambda r: flat_record(json.loads((ROOT / 'results' / 'deepenhancer_cv_gkm_tuned.json').read_text()))[
         'methods']['gapped k-mer linear SVM, (l, k, C) tuned on validation']['auroc']['mean']),
    *[('chr22 FANTOM5 enhancers, held-out block', f, recipe, 'auROC', 'rc-gpool (whole regions, ours)',
       ['results', 'rc-gpool', 'auroc'],
       'k-mer spectrum LR', ['results', 'kmer_spectrum_k1-6_logreg', 'auroc'])
      for f, recipe in (('deepenhancer_chr22_region.json', 'REGION_RECIPE, 1 member'),
                        ('deepenhancer_chr22_region_3.json', 'REGION_RECIPE, 3 members'))],
    *[('chr22 FANTOM5 enhancers, 10-fold block CV (fold mean)', f, recipe, 'auROC',
       'rc-gpool (whole regions, ours)', ['methods', 'rc-gpool', 'auroc', 'mean'],
       base, ['methods', key, 'auroc', 'mean'])
      for f, recipe in (('deepenhancer_cv_region.json', 'REGION_RECIPE, 1 member'),
                        ('deepenhancer_cv_region_3.json', 'REGION_RECIPE, 3 members'))
      for base, key in (('gapped k-mer SVM', 'gapped k-mer (l=6, k=4) linear SVM'),
                        ('gapped k-mer SVM tuned on validation',
                         'gapped k-mer linear SVM, (l, k, C) tuned on validation'))],
    *[('transfer to GM12878 distal DNase, held-out block', f, recipe, 'auROC', 'rc-gpool from scratch (ours)',
       ['results', 'rc-gpool from scratch (same small set)', 'auroc'], base, ['results', key, 'auroc'])
      for f, recipe in (('deepenhancer_transfer_region.json', 'REGION_RECIPE, 1 member'),
                        ('deepenhancer_transfer_region_3.json', 'REGION_RECIPE, 3 members'))
      for base, key in (('gapped k-mer SVM', 'gapped k-mer (l=6, k=4) linear SVM'),
                        ('gapped k-mer SVM tuned on validation',
                         'gapped k-mer linear SVM, (l, k, C) tuned on validation'))],
    *[(f'DeepCAGE leave-one-cell-type-out, {s} split', 'deepcage_chr22.json', 'paper', m, 'DeepCAGE (full)',
       ['summary', t, s, 'full'], 'mean signal of training cell types', ['summary', t, s, 'mean_signal'])
      for t, m in (('classification', 'auPR'), ('regression', 'Pearson r')) for s in ('shared', 'blocks')],
    *[('transfer to GM12878 distal DNase, held-out block', 'deepenhancer_transfer_refit.json', recipe,
       'auROC', method, ['results', key, 'auroc'], base, ['results', bkey, 'auroc'])
      for recipe, method, key in (
          ('default (1 member), seed 0 only: the mean over 5 seeds loses (row below)',
           'from scratch 4conv2pool4norm', 'from scratch (same small set)'),
          ('default (1 member), refit on train + val', 'from scratch 4conv2pool4norm',
           'from scratch, refit on train + val'),
          ('REGION_RECIPE, refit on train + val', 'rc-gpool from scratch (ours)',
           'rc-gpool from scratch, refit on train + val'))
      for base, bkey in (('gapped k-mer SVM', 'gapped k-mer (l=6, k=4) linear SVM'),
                         ('gapped k-mer SVM tuned on validation',
                          'gapped k-mer linear SVM, (l, k, C) tuned on validation'))],
    *[('transfer to GM12878 distal DNase, held-out block, mean over seeds '
       '(each its own sample and negatives)',
       f, recipe, 'auROC', 'from scratch 4conv2pool4norm',
       ['summary', 'from scratch (same small set)', 'mean'], base, ['summary', bkey, 'mean'])
      for f, recipe in (('deepenhancer_transfer_seeds.json', 'default (1 member)'),
                        ('deepenhancer_transfer_seeds_3members.json', 'default (3 members)'))
      for base, bkey in (('gapped k-mer SVM', 'gapped k-mer (l=6, k=4) linear SVM'),
                         ('gapped k-mer SVM tuned on validation',
                          'gapped k-mer linear SVM, (l, k, C) tuned on validation'))],
    *[('DeepCAGE leave-one-cell-type-out, blocks split', f, recipe, m, label, ['summary', t, 'blocks', v],
       'mean signal of training cell types', ['summary', t, 'blocks', 'mean_signal'])
      for f, recipe, v, label in (
          ('deepcage_chr22_prior.json', 'paper', 'full', 'DeepCAGE (full)'),
          ('deepcage_chr22_prior.json', 'paper', 'mean_prior', 'DeepCAGE + mean of other cell types (ours)'),
          ('deepcage_chr22_prior.json', 'paper', 'mean_prior_inclusive',
           'DeepCAGE + mean of all training cell types (ours)'),
          ('deepcage_chr22_default.json', 'default (3 members)', 'full', 'DeepCAGE (full)'),
          ('deepcage_chr22_default.json', 'default (3 members)', 'mean_prior',
           'DeepCAGE + mean of other cell types (ours)'))
      for t, m in (('classification', 'auPR'), ('regression', 'Pearson r'))],
    *[('DeepCAGE leave-one-cell-type-out, shared split', 'deepcage_chr22_default.json', 'default (3 members)',
       m, 'DeepCAGE (full)', ['summary', t, 'shared', 'full'], 'mean signal of training cell types',
       ['summary', t, 'shared', 'mean_signal'])
      for t, m in (('classification', 'auPR'), ('regression', 'Pearson r'))],
    ('DeepCAGE leave-one-cell-type-out, block split: regression ceiling', 'deepcage_regression_ceiling.json',
     'default (3 members)', 'Pearson r', 'DeepCAGE + mean of other cell types (ours)',
     ['ceiling', 'mean', 'mean_prior'], LINEAR_ORACLE, ['ceiling', 'mean', 'oracle_linear']),
    *[(f'SPEID, simulated grammar, {s} split', 'speid_simulated.json', 'paper', m, 'SPEID',
       ['runs', s, 'metrics', 'speid', k], 'propensity + distance',
       ['runs', s, 'metrics', 'propensity_distance', k])
      for s in ('chrom', 'segregated') for m, k in (('auROC', 'auroc'), ('F1 at 0.5', 'f1'))],
    *[(f'SPEID, simulated grammar, {s} split', 'speid_simulated.json', 'paper',
       'F1 at the validation threshold', 'SPEID', ['runs', s, 'metrics', 'speid', 'at_val_threshold', 'f1'],
       'propensity + distance', ['runs', s, 'metrics', 'propensity_distance', 'at_val_threshold', 'f1'])
      for s in ('chrom', 'segregated')],
    *[(f'SPEID, simulated grammar, {s} split', 'speid_simulated_default.json', 'default (3 members, RC)', m,
       'SPEID', ['runs', s, 'metrics', 'speid', *k], 'propensity + distance',
       ['runs', s, 'metrics', 'propensity_distance', *k])
      for s in ('chrom', 'segregated')
      for m, k in (('auROC', ['auroc']), ('F1 at the validation threshold', ['at_val_threshold', 'f1']))],
    ('simulated CEBPA OOPS, 10K per class (Cohn et al. Fig. 2A)', 'cohn_simulated.json', 'paper', 'auROC',
     'CNN (RC conv)', ['by_size', '10000', 'methods', 'CNN (RC conv)', 'auroc'],
     'PSSM oracle', ['by_size', '10000', 'methods', 'oracle (PWM + positional prior, eq. 3)', 'auroc']),
    ('simulated CEBPA OOPS, 10K per class (Cohn et al. Fig. 2A)', 'cohn_simulated_default.json',
     'default (ensemble, RC)', 'auROC', 'CNN (RC conv)',
     ['by_size', '10000', 'methods', 'CNN (RC conv)', 'auroc'],
     'PSSM oracle', ['by_size', '10000', 'methods', 'oracle (PWM + positional prior, eq. 3)', 'auroc']),
    ('chr22 FANTOM5 enhancers, held-out block', 'bench_auto.json', 'auto (CLI defaults)', 'auROC',
     'auto: stack of window CNN, rc-gpool, k-mer LR, gkm-SVM', ['jobs', 'fantom5', 'test_auroc', 'auto'],
     'k-mer spectrum LR', ['jobs', 'fantom5', 'test_auroc', 'kmer_spectrum_k1-6_logreg']),
    ('chr22 FANTOM5 enhancers, held-out block', 'bench_auto.json', 'auto (CLI defaults)', 'auROC',
     'auto: stack of window CNN, rc-gpool, k-mer LR, gkm-SVM', ['jobs', 'fantom5', 'test_auroc', 'auto'],
     'gapped k-mer SVM', ['jobs', 'fantom5', 'test_auroc', 'gkm-SVM (l=6, k=4)']),
    ('chr22 distal DNase summits (GM12878 ∪ HepG2) vs background, 200 bp sequences', 'bench_auto.json',
     'auto (CLI defaults)', 'auROC', 'auto: stack of window CNN, rc-gpool, k-mer LR, gkm-SVM',
     ['jobs', 'sequences', 'test_auroc', 'auto'],
     'gapped k-mer SVM', ['jobs', 'sequences', 'test_auroc', 'gkm-SVM (l=6, k=4)']),
    ('transfer to GM12878 distal DNase, held-out block, mean over seeds (each its own sample and negatives)',
     'deepenhancer_transfer_auto.json', 'auto (CLI defaults)', 'auROC',
     'auto: stack of window CNN, rc-gpool, k-mer LR, gkm-SVM', ['summary', 'auto', 'mean'],
     'gapped k-mer SVM tuned on validation',
     ['summary', 'gapped k-mer linear SVM, (l, k, C) tuned on validation (seeds record)', 'mean']),
    ('enhancer_nets demo (simulated CEBPA, held-out blocks)', 'bench_demo.json', None, 'auROC',
     'OOPS network (bench_demo.json: network)', ['auroc', 'network'], 'PSSM oracle', ['auroc', 'oracle']),
]
ORACLES = ('PSSM oracle', LINEAR_ORACLE)   # baselines that are an upper bound: "beats" means within 0.03
                                           # (issue 18)

def value(res, path):
    if callable(path): return path(res)
    for k in path: res = res[k]
    return res

def test_counts(res, path):
    "(n_pos, n_neg) of the test set a single-split value was measured on, where the record says; else None."
    try: d = value(res, path[:-1])
    except (KeyError, IndexError, TypeError): d = {}
    if isinstance(d, dict) and 'n_pos' in d and 'n_neg' in d: return d['n_pos'], d['n_neg']
    c = res['jobs'][path[1]].get('counts') if path[0] == 'jobs' else res.get('counts')
    t = (c or {}).get('test')
    return (t['pos'], t['neg']) if isinstance(t, dict) and 'pos' in t and 'neg' in t else None

def se_of(res, path, v, metric):
    """(standard error, what it is over) of a row's value: over folds or seeds where the record has it beside
    the mean (or the path computes it, `MeanSE`); for an auROC on one test set, Hanley & McNeil's from the
    test counts; else (None, None)."""
    if getattr(v, 'se', None) is not None: return v.se, 'folds or seeds'
    if callable(path): return None, None
    if path[-1] == 'mean':
        try: return float(value(res, [*path[:-1], 'se'])), 'folds or seeds'
        except (KeyError, IndexError, TypeError): return None, None
    n = test_counts(res, path) if metric == 'auROC' else None
    return (hanley_mcneil(float(v), *n), 'test items (Hanley-McNeil)') if n else (None, None)

def split_of(res, job=None):
    sp = res['jobs'][job]['split'] if job else res.get('split', res.get('meta', {}).get('split', ''))
    if isinstance(sp, dict): return sp.get('kind', '') + (f", {sp['k']} folds" if 'k' in sp else '')
    return str(sp)

def scoreboard(root=ROOT):
    rows = []
    for bench, f, recipe, metric, meth, p, base, bp in SPECS:
        fp = root / 'results' / f
        if not fp.exists(): continue
        res = flat_record(json.loads(fp.read_text()))
        try: v, bv = value(res, p), value(res, bp)
        except (KeyError, IndexError, TypeError, FileNotFoundError): continue
        meta = res.get('meta', res)
        rec = recipe or res.get('recipe') or res.get('meta', {}).get('recipe') or 'adam (constant 2e-2)'
        ok = (v >= bv - 0.03) if base in ORACLES else (v > bv)
        job = p[1] if isinstance(p, list) and p[0] == 'jobs' else None    # a file of several runs
        (se, over), (bse, _) = se_of(res, p, v, metric), se_of(res, bp, bv, metric)
        r4 = lambda x: None if x is None else round(float(x), 4)
        rows.append(dict(benchmark=bench, split=split_of(res, job), method=meth, recipe=rec, metric=metric,
                         value=r4(v), se=r4(se), se_over=over, baseline=base, baseline_value=r4(bv),
                         baseline_se=r4(bse), beats=bool(ok), file=f'results/{f}',
                         git_commit=str(meta.get('git_commit', ''))[:10], seed=meta.get('seed')))
    return rows

def figure(rows, path):
    """Per benchmark and headline metric (auROC, auPR, Pearson r), as points with their ± SE where known: the
    paper's recipe, our other recipes (best), `auto` (the CLI's default) and the best baseline; an oracle is
    drawn apart (it bounds from above). The table below the figure has every row, its split, file and
    commit."""
    import matplotlib
    matplotlib.use('agg')
    import matplotlib.pyplot as plt
    rows = [r for r in rows if r['metric'] in ('auROC', 'auPR', 'Pearson r')]
    keys = list(dict.fromkeys((r['benchmark'], r['metric']) for r in rows))
    fig, ax = plt.subplots(figsize=(10, 0.34 * len(keys) + 1.4))
    marks = dict(paper=('o', 'C0', 'paper recipe (best)'), other=('s', 'C2', 'our other recipes (best)'),
                 auto=('D', 'C3', 'auto (CLI defaults)'), base=('v', 'k', 'best baseline'),
                 oracle=('x', '0.5', 'oracle (upper bound)'))
    kind = lambda r: 'paper' if r['recipe'].startswith('paper') else \
        'auto' if r['recipe'].startswith('auto') else 'other'
    seen = set()
    for i, (b, m) in enumerate(keys):
        rs = [r for r in rows if (r['benchmark'], r['metric']) == (b, m)]
        pts = {k: max([(r['value'], r['se']) for r in rs if kind(r) == k],
                   default=None, key=lambda t: t[0])
               for k in ('paper', 'other', 'auto')}
        pts['base'] = max([(r['baseline_value'], r['baseline_se']) for r in rs
                           if r['baseline'] not in ORACLES],
                          default=None, key=lambda t: t[0])
        pts['oracle'] = max([(r['baseline_value'], r['baseline_se']) for r in rs if r['baseline'] in ORACLES],
                            default=None, key=lambda t: t[0])
        for j, (k, pt) in enumerate(pts.items()):
            if pt is None: continue
            mk, c, lab = marks[k]
            ax.errorbar(pt[0], -i + 0.12 * (j - 2), xerr=pt[1], fmt=mk, color=c, ms=5, capsize=2, lw=0.8,
                        zorder=3, label=None if k in seen else lab)
            seen.add(k)
    ax.set_yticks([-i for i in range(len(keys))])
    ax.set_yticklabels([f'{b[:64]} [{m}]' for b, m in keys], fontsize=7)
    ax.set_ylim(-len(keys) + 0.4, 0.6)
    ax.grid(axis='x', lw=.3)
    ax.set_xlabel('value on held-out data; bars: ± SE over folds or seeds, or of one test set\'s auROC '
                  '(Hanley-McNeil)', fontsize=8)
    ax.legend(loc='lower left', fontsize=7, ncol=3, bbox_to_anchor=(0, 1.0))
    fig.tight_layout()
    fig.savefig(path, dpi=110)

if __name__ == '__main__':
    from enhancer_nets.core import save_json, run_metadata, results_record
    rows = scoreboard()
    write_record(ROOT / 'results' / 'scoreboard.json',
                 dict(meta=run_metadata(0, command='python bench/scoreboard.py'),
                      about=__doc__.split('Usage')[0].strip(), rows=rows))
    figure(rows, ROOT / 'results' / 'scoreboard.png')
    for r in rows:
        print(f"{r['benchmark'][:55]:55s} {r['recipe']:10s} {r['method'][:26]:26s} {r['metric']:10s} "
              f"{r['value']:.3f} vs {r['baseline'][:22]:22s} {r['baseline_value']:.3f} "
              f"{'✓' if r['beats'] else '✗'}")
