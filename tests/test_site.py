"""The offline results site, opened in headless Chromium as a person would: every page loads without
errors, figures have a size, the Results page has a row per paper."""
import importlib.util, shutil
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location('make_site', ROOT/'tools'/'make_site.py')
make_site = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_site)

@pytest.fixture(scope='module')
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp('site'); return out, make_site.build(out)

def test_site_pages_written(site):
    out, pages = site
    names = {p.name for p in pages}
    assert {'results.html', 'chapters.html', 'index.html', '02_deepenhancer.html',
            '06_interpretation.html'} <= names
    assert 'cdnjs' not in (out/'02_deepenhancer.html').read_text()           # offline: no CDN scripts
    assert 'id="summary"' in (out/'results.html').read_text()

def _browser():
    chromium = shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
    driver = shutil.which('chromedriver')
    if not (chromium and driver): pytest.skip('chromium and chromedriver are not installed (Debian: apt-get '
                                              'install chromium chromium-driver)')
    webdriver = pytest.importorskip('selenium.webdriver')
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions(); o.binary_location = chromium
    for a in ('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
              '--window-size=1400,1000'): o.add_argument(a)
    o.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    return webdriver.Chrome(service=Service(driver), options=o)

def test_site_in_headless_chromium(site):
    out, pages = site
    from selenium.webdriver.common.by import By
    d = _browser()
    try:
        n_img = 0
        for p in pages:
            d.get(p.as_uri())
            assert d.title, f'{p.name}: no title'
            severe = [l for l in d.get_log('browser') if l['level'] == 'SEVERE']
            assert not severe, f'{p.name}: {severe[:3]}'
            imgs = d.execute_script('return Array.from(document.images).map(i => [i.complete, '
                                    'i.naturalWidth, i.naturalHeight])')
            assert all(c and w > 0 and h > 0 for c, w, h in imgs), f'{p.name}: an image did not render'
            n_img += len(imgs)
        assert n_img >= 5, 'the executed chapters should show figures'
        d.get((out/'results.html').as_uri())
        rows = d.find_elements(By.CSS_SELECTOR, '#summary tr.paper-row')
        assert (len(rows) == 4 and {r.find_elements(By.TAG_NAME, 'td')[0].text for r in rows}
                == {'DeepEnhancer', 'Cohn et al.', 'SPEID', 'DeepCAGE'})
        assert len(d.find_elements(By.CSS_SELECTOR, 'table.repro tr')) > 4
        d.save_screenshot(str(ROOT/'results'/'site_results.png'))
    finally: d.quit()

def test_scoreboard_is_written_by_code_from_the_results_files(site):
    "results/scoreboard.json holds exactly what bench/scoreboard.py derives from the other results files now."
    import json
    sp = importlib.util.spec_from_file_location('scoreboard', ROOT/'bench'/'scoreboard.py')
    sb = importlib.util.module_from_spec(sp)
    sp.loader.exec_module(sb)
    rows = sb.scoreboard()
    assert rows == json.loads((ROOT/'results'/'scoreboard.json').read_text())['metrics']['rows']
    assert {r['benchmark'].split(',')[0] for r in rows} >= {'chr22 FANTOM5 enhancers',
                                                            'enhancer_nets demo (simulated CEBPA'}
    out, _ = site
    assert "id='scoreboard'" in (out/'results.html').read_text()
