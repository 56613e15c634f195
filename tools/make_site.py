"""Offline results site, no Quarto needed: the executed notebooks rendered with nbconvert, a navigation page,
and a Results page generated from results/*.json and data/published/reproduction.json (the only hand-typed
numbers, each with its citation). With Quarto installed, `nbdev_docs` builds the full site from _quarto.yml
instead.
Usage: python tools/make_site.py [--out _site]"""
import argparse, html, json, re, shutil, sys
from pathlib import Path
import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from enhancer_nets.core import flat_record


def load(f):
    "A results file, its record's four sections merged for reading (`flat_record`)."
    return flat_record(json.loads(Path(f).read_text()))
STYLE = ('<style>body{font-family:system-ui,sans-serif;margin:0}nav.en{background:#2c3e50;padding:.5em 1em}'
         'nav.en a{color:#fff;margin-right:1.2em;\n'
         'text-decoration:none}main.en{max-width:1100px;margin:1em auto;padding:0 1em}'
         'table.en{border-collapse:collapse;margin:1em 0;font-size:.9em}\n'
         'table.en td,table.en th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}'
         'table.en th{background:#eee}.muted{color:#777}</style>')

def chapters(nbs=ROOT/'nbs'):
    "(stem, title) of every notebook, index first, then in file order."
    out = []
    for p in sorted(nbs.glob('*.ipynb'), key=lambda p: (p.stem != 'index', p.name)):
        nb = nbformat.read(p, as_version=4)
        md = next((c.source for c in nb.cells if c.cell_type == 'markdown'
                   and c.source.lstrip().startswith('#')), p.stem)
        out.append((p.stem, md.lstrip('# ').splitlines()[0].strip()))
    return out

def nav(chs):
    return ('<nav class="en">' + ''.join(f'<a href="{s}.html">{html.escape(t)}</a>' for s, t in chs)
            + '<a href="results.html">Results</a></nav>')

def dig(d, path):
    for k in path: d = d[k]
    return d

def fmt(v): return '—' if v is None else (f'{v:.3f}' if isinstance(v, float) else html.escape(str(v)))

def pm(v, se): return fmt(v) + ('' if se is None else f' ± {se:.3f}')

def run_info(res):
    m = res.get('meta', res)
    sp = res.get('split', m.get('split', ''))
    sp = sp.get('kind', json.dumps(sp)) if isinstance(sp, dict) else sp
    return (f"seed {m.get('seed')}, {m.get('date', '')[:10]}, commit {str(m.get('git_commit', ''))[:10]}",
            str(sp or ''))

def results_page(chs, root=ROOT):
    rep = json.loads((root/'data'/'published'/'reproduction.json').read_text())
    cache = {}
    def look(spec):
        if not spec: return None, ''
        f = root/spec['file']
        if not f.exists(): return None, f"{spec['file']} not produced yet"
        res = cache.setdefault(f, load(f))
        try: v = dig(res, spec['path'])
        except (KeyError, IndexError, TypeError): return None, f"{spec['file']}: no {'/'.join(spec['path'])}"
        info, sp = run_info(res)
        return v, (f"{html.escape(spec['label'])}<br><span class=muted>{spec['file']}; "
                   f"split: {html.escape(sp)}; {info}</span>")
    body = ['<h1>Results</h1><p>Every number below is read from a results file written by the code, except '
            'the paper column, which comes from <code>data/published/reproduction.json</code> with the '
            'source of each number.</p>',
            '<h2>Summary</h2><table class="en" id="summary"><tr><th>paper</th><th>citation</th>'
            '<th>claims</th><th>re-run available</th><th>chapter</th></tr>']
    for p, meta in rep['papers'].items():
        rows = [r for r in rep['rows'] if r['paper'] == p]
        have = sum(look(r['ours'])[0] is not None for r in rows)
        body.append(f"<tr class='paper-row'><td>{html.escape(p)}</td><td>{html.escape(meta['citation'])}</td>"
                    f"<td>{len(rows)}</td><td>{have}</td>"
                    f"<td><a href='{meta['chapter']}.html'>{meta['chapter']}</a></td></tr>")
    body.append('</table>')
    sf = root/'results'/'scoreboard.json'
    if sf.exists():
        sb = load(sf)
        fig = root/'results'/'scoreboard.png'
        if fig.exists():
            import base64
            body.append("<h2>At a glance</h2><p class=muted>results/scoreboard.png "
                        "(python bench/scoreboard.py): per benchmark, the paper's recipe, the other recipes, "
                        "<code>auto</code> (the CLI's default) and the best baseline, as points with their "
                        "± SE (over folds or seeds, or Hanley-McNeil's for one test set's auROC)</p>"
                        "<img id='scoreboard-figure' style='max-width:100%' "
                        f"src='data:image/png;base64,{base64.b64encode(fig.read_bytes()).decode()}'>")
        body.append("<h2>Scoreboard</h2><p class=muted>results/scoreboard.json (python bench/scoreboard.py): "
                    "every network beside its best simple baseline, read from the results files; an oracle "
                    "baseline counts as met within 0.03</p>"
                    "<table class='en' id='scoreboard'><tr><th>benchmark</th><th>split</th><th>recipe</th>"
                    "<th>method</th><th>metric</th>"
                    "<th>value</th><th>baseline</th><th>baseline value</th><th>beats</th><th>file</th></tr>")
        for r in sb['rows']:
            body.append(f"<tr><td>{html.escape(r['benchmark'])}</td><td>{html.escape(r['split'])}</td>"
                        f"<td>{html.escape(r['recipe'])}</td>"
                        f"<td>{html.escape(r['method'])}</td><td>{html.escape(r['metric'])}</td>"
                        f"<td>{pm(r['value'], r.get('se'))}</td>"
                        f"<td>{html.escape(r['baseline'])}</td>"
                        f"<td>{pm(r['baseline_value'], r.get('baseline_se'))}</td>"
                        f"<td>{'yes' if r['beats'] else 'no'}</td>"
                        f"<td class=muted>{html.escape(r['file'])}, commit "
                        f"{html.escape(r['git_commit'])}</td></tr>")
        body.append('</table>')
    for p, meta in rep['papers'].items():
        body.append(f"<h2>{html.escape(p)}</h2><p class=muted>{html.escape(meta['citation'])}</p>"
                    "<table class='en repro'><tr><th>claim</th><th>paper</th>"
                    "<th>our re-run, paper's recipe (data here)</th>"
                    "<th>our re-run, default recipe</th><th>leakage-safe re-run</th></tr>")
        for r in (r for r in rep['rows'] if r['paper'] == p):
            ov, od = look(r['ours']); lv, ld = look(r.get('leakage_safe')); dv, dd = look(r.get('default'))
            body.append(f"<tr><td>{html.escape(r['claim'])}</td><td>{fmt(r['paper_value'])}<br>"
                        f"<span class=muted>{html.escape(r['paper_source'])}</span></td>"
                        f"<td>{fmt(ov)}<br>{od}</td>"
                        f"<td>{fmt(dv) if r.get('default') else 'not run yet'}<br>{dd}</td>"
                        f"<td>{fmt(lv) if r.get('leakage_safe') else 'same as our re-run'}<br>{ld}</td></tr>")
        body.append('</table>')
    bf = root/'results'/'bench.json'
    if bf.exists():
        b = load(bf); info, _ = run_info(b)
        body.append(f"<h2>Benchmarks</h2><p class=muted>results/bench.json (python bench/run.py); {info}; "
                    "medians over repeats: quote ratios, not times</p>"
                    "<table class='en' id='bench'><tr><th>task</th><th>tool</th><th>seconds</th><th>rate</th>"
                    "<th>peak MB</th></tr>")
        for r in b['rows']:
            body.append(f"<tr><td>{html.escape(r['task'])}</td><td>{html.escape(r['tool'])}</td>"
                        f"<td>{fmt(r.get('seconds'))}</td>"
                        f"<td>{fmt(r.get('rate'))} {html.escape(r.get('unit', r.get('skipped', '')))}</td>"
                        f"<td>{fmt(r.get('peak_mb'))}</td></tr>")
        body.append("</table><table class='en' id='backends'><tr>"
                    + ''.join(f'<th>{k}</th>' for k in b['backends'][0]) + '</tr>')
        for r in b['backends']:
            body.append('<tr>' + ''.join(f'<td>{fmt(r.get(k))}</td>' for k in b['backends'][0]) + '</tr>')
        body.append('</table>' + goals_table(b['goals'], 'goals'))
    df = root/'results'/'bench_demo.json'
    if df.exists():
        b = load(df); info, _ = run_info(b)
        body.append(f"<h2>enhancer_nets demo</h2><p class=muted>results/bench_demo.json "
                    f"(python bench/demo.py); {info}; auROC on held-out blocks: "
                    + ', '.join(f'{k} {fmt(v)}' for k, v in b['auroc'].items()) + '</p>'
                    + goals_table(b['goals'], 'demo'))
    gf = root/'results'/'bench_genome_stream.json'
    if gf.exists():
        b = load(gf); info, _ = run_info(b)
        body.append(f"<h2>Whole-genome streaming</h2><p class=muted>results/bench_genome_stream.json "
                    f"(python bench/genome_stream.py); {info}</p>"
                    "<table class='en' id='stream'><tr><th>genome</th><th>loader</th><th>workers</th>"
                    "<th>windows/s</th><th>peak RSS MB</th></tr>")
        for r in b['rows']:
            body.append(f"<tr><td>{r['genome']}</td><td>{html.escape(r['loader'])}</td>"
                        f"<td>{r['workers']}</td><td>{fmt(r['windows_per_s'])}</td>"
                        f"<td>{fmt(r['peak_rss_mb'])}</td></tr>")
        body.append('</table>' + goals_table(b['goals'], 'stream_goals'))
    body.append("<h2>Every results file</h2><table class='en' id='files'><tr><th>file</th><th>what</th>"
                "<th>split</th><th>run</th></tr>")
    for f in sorted((root/'results').glob('*.json')):
        res = load(f); info, sp = run_info(res)
        what = res.get('task') or res.get('experiment') or res.get('meta', {}).get('experiment') or ''
        body.append(f"<tr><td>results/{f.name}</td><td>{html.escape(str(what))}</td>"
                    f"<td>{html.escape(sp)}</td><td>{info}</td></tr>")
    body.append('</table>')
    return page('Results', nav(chs) + '<main class="en">' + ''.join(body) + '</main>')

def goals_table(goals:dict, table_id:str)->str:
    """HTML table of a results file's `goals` ({name: {value, goal, met}}): met is yes, NO, or — when not
    measured."""
    rows = ''.join(f"<tr><td>{html.escape(k)}</td><td>{fmt(g['value'])}</td><td>{fmt(g['goal'])}</td>"
                   f"<td>{'yes' if g['met'] else 'NO' if g['met'] is False else '—'}</td></tr>"
                   for k, g in goals.items())
    return (f"<table class='en' id='{table_id}'><tr><th>goal</th><th>measured</th><th>target</th>"
            "<th>met</th></tr>" + rows + '</table>')

def page(title, body):
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>{STYLE}'
            f'</head><body>{body}</body></html>')

def build(out='_site', nbs=ROOT/'nbs'):
    """Render every notebook, the navigation and the Results page into `out`; returns the list of written
    pages."""
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    chs = chapters(Path(nbs)); ex = HTMLExporter(template_name='lab'); written = []
    for stem, title in chs:
        body, _ = ex.from_notebook_node(nbformat.read(Path(nbs)/f'{stem}.ipynb', as_version=4))
        # offline: no CDN scripts (MathJax, require.js)
        body = re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>', '', body)
        # nor CDN imports (mermaid)
        body = re.sub(r'<script[^>]*>(?:(?!</script>).)*cdnjs(?:(?!</script>).)*</script>', '', body,
                      flags=re.S)
        body = re.sub(r'<body([^>]*)>', lambda m: f'<body{m.group(1)}>{STYLE}{nav(chs)}', body, count=1)
        (out/f'{stem}.html').write_text(body); written.append(out/f'{stem}.html')
        # figures the README links from the repository's root (results/scoreboard.png)
        for f in set(re.findall(r'src="(results/[\w.-]+\.png)"', body)):
            (out/f).parent.mkdir(parents=True, exist_ok=True); shutil.copyfile(ROOT/f, out/f)
    (out/'results.html').write_text(results_page(chs)); written.append(out/'results.html')
    idx = ''.join(f'<li><a href="{s}.html">{html.escape(t)}</a> <span class=muted>({s}.ipynb)</span></li>'
                  for s, t in chs)
    (out/'chapters.html').write_text(page('enhancer_nets', nav(chs) + '<main class="en">'
                                          f'<h1>enhancer_nets</h1><ul id="chapters">{idx}'
                                          '<li><a href="results.html">Results</a></li></ul></main>'))
    written.append(out/'chapters.html')
    return written

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__); a.add_argument('--out', default='_site')
    args = a.parse_args()
    w = build(args.out); print(f'{len(w)} pages written to {args.out}/ (open {args.out}/chapters.html)')
