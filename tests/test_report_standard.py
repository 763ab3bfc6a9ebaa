"""The report holds itself to the standard it checks others against (issue 10, part 7).

The generated report — overview, target pages, per-page locale comparison, with screenshots
and outlined findings — is served on 127.0.0.1 and scanned in real Chromium with axe-core,
best-practice rules included: zero violations. Keyboard users get a skip link and a visible
focus ring on everything they can reach; every snippet of page text says its language, and
Arabic snippets say they are right-to-left.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.report import write_report
from tests.test_report import load_fixture, tiny_png

# Everything axe runs by default, named explicitly so best practices can never silently drop out.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
# Best-practice rules that must have been evaluated (passed) on every report page, so a run
# that checked nothing cannot pass.
MUST_PASS = {"landmark-one-main", "page-has-heading-one", "region", "landmark-unique", "bypass"}
SHOT_W, SHOT_H = 320, 640


def with_boxes(results: dict[str, Any], run_dir: Path) -> dict[str, Any]:
    """The fixture run with screenshots, their sizes and a box on every other finding."""
    results = copy.deepcopy(results)
    for target in results["targets"]:
        if not target.get("screenshot"):
            continue
        (run_dir / target["screenshot"]).parent.mkdir(parents=True, exist_ok=True)
        (run_dir / target["screenshot"]).write_bytes(tiny_png(SHOT_W, SHOT_H))
        target["screenshot_size"] = {"width": SHOT_W, "height": SHOT_H}
        for i, f in enumerate(target["findings"] + target["needs_review"]):
            if i % 2 == 0:
                f["details"] = {**f["details"], "box": {"x": 10 + 30 * i, "y": 40 + 50 * i, "width": 80, "height": 20}}
    return results


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, static_server: Callable[[Path], str]) -> dict[str, Any]:
    run_dir = tmp_path_factory.mktemp("report-standard")
    results = with_boxes(load_fixture(), run_dir)
    write_report(results, run_dir)
    return {"results": results, "run_dir": run_dir, "url": static_server(run_dir)}


def axe_report(browser: Any, url: str) -> dict[str, Any]:
    """axe-core over one report page, served over http (the CSP is bypassed only to inject axe)."""
    axe_module = pytest.importorskip("axe_playwright_python")
    axe_js = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        page.add_script_tag(content=axe_js)
        result: dict[str, Any] = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS)
        return result
    finally:
        context.close()


PAGES = ["index.html", "targets/home--ar.html", "targets/home--es.html", "targets/diversity--zh.html",
         "compare/home.html", "compare/diversity.html", "locales/es.html", "locales/ar.html"]


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_report_pages_have_zero_axe_violations(browser: Any, report: dict[str, Any], path: str) -> None:
    result = axe_report(browser, f"{report['url']}/{path}")
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
    assert violations == [], (path, violations)
    passed = {r["id"] for r in result["passes"]}
    assert passed >= MUST_PASS, (path, MUST_PASS - passed)


@pytest.mark.browser
def test_outlined_screenshot_is_on_the_scanned_pages(report: dict[str, Any]) -> None:
    """The axe scan above covers the overlay and the side-by-side view, not just plain pages."""
    target = (report["run_dir"] / "targets" / "home--ar.html").read_text(encoding="utf-8")
    compare = (report["run_dir"] / "compare" / "home.html").read_text(encoding="utf-8")
    assert '<svg class="overlay"' in target and 'class="mark ' in target
    assert compare.count('<svg class="overlay"') == 4  # en, es, zh, ar side by side


def keyboard_walk(browser: Any, url: str, limit: int = 400) -> list[dict[str, Any]]:
    """Tab through a page from the top; for each stop: what it is and whether a focus ring shows."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        stops: list[dict[str, Any]] = []
        for _ in range(limit):
            page.keyboard.press("Tab")
            stop = page.evaluate("""() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const cs = getComputedStyle(el);
                return {tag: el.localName, cls: el.className, href: el.getAttribute('href') || '',
                        ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
                        key: el.outerHTML.slice(0, 80)};
            }""")
            if stop is None or (stops and stop["key"] == stops[0]["key"]):
                break  # wrapped around to the browser chrome or the first stop again
            stops.append(stop)
        return stops
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", "targets/home--ar.html", "compare/home.html"])
def test_keyboard_skip_link_first_and_a_focus_ring_everywhere(browser: Any, report: dict[str, Any],
                                                              path: str) -> None:
    stops = keyboard_walk(browser, f"{report['url']}/{path}")
    assert stops and stops[0]["cls"] == "skip-link" and stops[0]["href"] == "#main"
    assert len(stops) > 3
    no_ring = [s["key"] for s in stops if not s["ring"]]
    assert no_ring == [], no_ring


@pytest.mark.browser
def test_skip_link_moves_focus_to_main(browser: Any, report: dict[str, Any]) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{report['url']}/targets/home--ar.html")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.keyboard.press("Tab")  # the next stop is inside the main content, past the header
        assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("locale", "lang", "direction"), [("ar", "ar", "rtl"), ("zh", "zh-Hans", "ltr"),
                                                           ("es", "es", "ltr")])
def test_every_snippet_of_page_text_says_its_language(browser: Any, report: dict[str, Any], locale: str,
                                                      lang: str, direction: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{report['url']}/targets/home--{locale}.html")
        snippets = page.evaluate("""() => [...document.querySelectorAll('pre.snippet')]
            .filter(p => !p.closest('details'))
            .map(p => ({lang: p.lang, dir: p.dir, direction: getComputedStyle(p).direction}))""")
        title = page.evaluate("""() => { const b = [...document.querySelectorAll('dt')]
            .find(d => d.textContent === 'Title').nextElementSibling.querySelector('bdi');
            return {lang: b.lang, dir: b.dir}; }""")
    finally:
        context.close()
    assert snippets, "the fixture target has snippets"
    assert all(s["lang"] == lang and s["dir"] == direction and s["direction"] == direction for s in snippets), \
        snippets
    assert title == {"lang": lang, "dir": direction}


def test_snippet_lang_is_never_a_malformed_tag(tmp_path: Path) -> None:
    """A locale whose lang is not a valid tag gets no lang attribute (the report must stay valid)."""
    results = load_fixture()
    for loc in results["locales"]:
        if loc["code"] == "es":
            loc["lang"] = 'es" onmouseover="x'
    write_report(results, tmp_path)
    html = (tmp_path / "targets" / "home--es.html").read_text(encoding="utf-8")
    assert 'onmouseover="' not in html  # only ever as escaped text
    assert '<pre class="snippet" dir="ltr">' in html
