"""untranslated-text on real multilingual pages written by others, in real Chromium.

The fixture set (tests/fixtures/real_pages, sources in SOURCE.md there) is documentation with code
blocks, tables, URLs, key names, language lists and brand names, plus ten planted untranslated
passages. Scoring is in tests/real_pages.py. The same measurement runs twice: on what Chromium
gathers now, and (fast, no browser) on the artifacts gathered once and saved beside the fixtures.
A hand-made page checks the gathered facts the rules rely on (code ancestry, inline fragments,
[l10n] ignore_selectors) end to end.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.checks.driver import check_targets
from pipeline.commands.scan import run_scan
from pipeline.config import load_config
from pipeline.files.rundir import load_artifacts
from pipeline.model import PageArtifact
from pipeline.progress import Progress
from tests.real_pages import SETS, SITE, Score, saved_artifacts, score, write_config

browser = pytest.mark.browser

MIN_PRECISION = 0.85  # measured 0.903 (176 of 195) when the rules landed; 0.202 before them


@pytest.fixture(scope="module")
def saved_score(tmp_path_factory: pytest.TempPathFactory) -> Score:
    work = tmp_path_factory.mktemp("real_pages_saved")
    targets: list[Any] = []
    for name, arts in saved_artifacts().items():
        config = load_config(str(write_config(work / f"{name}.toml", "http://127.0.0.1:9", name)))
        targets += check_targets(config, [PageArtifact.from_dict(a) for a in arts], [])
    return score(targets)


def test_saved_real_pages_every_planted_passage_found_and_none_in_code(saved_score: Score) -> None:
    assert saved_score.planted == 10 and saved_score.missed == []
    assert saved_score.in_code == 0


def test_saved_real_pages_precision(saved_score: Score) -> None:
    assert saved_score.precision >= MIN_PRECISION, (saved_score.line(), saved_score.false)


@pytest.fixture(scope="module")
def real_targets(static_server: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    base = static_server(SITE)
    work = tmp_path_factory.mktemp("real_pages")
    targets: list[Any] = []
    for name in SETS:
        config = load_config(str(write_config(work / f"{name}.toml", base, name)))
        output = run_scan(config, work / name, Progress(quiet=True))
        targets += json.loads((output.run_dir / "results.json").read_text(encoding="utf-8"))["targets"]
    return targets


@pytest.fixture(scope="module")
def real_score(real_targets: list[Any]) -> Score:
    return score(real_targets)


@browser
def test_every_real_page_is_scanned(real_targets: list[Any]) -> None:
    assert len(real_targets) == sum(len(pages) * len(locales) for pages, locales in SETS.values())
    assert all(t["status"] == "ok" for t in real_targets), [t["error"] for t in real_targets]


@browser
def test_every_planted_untranslated_passage_is_found(real_score: Score) -> None:
    assert real_score.planted == 10
    assert real_score.missed == []


@browser
def test_no_finding_in_code(real_score: Score) -> None:
    assert real_score.in_code == 0


@browser
def test_precision_on_real_pages(real_score: Score) -> None:
    assert real_score.precision >= MIN_PRECISION, (real_score.line(), real_score.false)


TINY_EN = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Install</title></head><body><main>
<p>Welcome to the documentation.</p>
<p>Install the package before you start.</p>
<div class="vendor-widget"><p>Search results are provided by our partner.</p></div>
<pre><code>pip install example --upgrade</code></pre>
<p>Check <code>ls -i</code> or <code>df -i</code> when the disk is full.</p>
<iframe src="frame.html" title="Support"></iframe>
</main></body></html>"""
TINY_ES = """<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Instalar</title></head><body><main>
<p>Bienvenido a la documentación.</p>
<p>Install the package before you start.</p>
<div class="vendor-widget"><p>Search results are provided by our partner.</p></div>
<pre><code>pip install example --upgrade</code></pre>
<p>Revise <code>ls -i</code> or <code>df -i</code> cuando el disco esté lleno.</p>
<iframe src="frame.html" title="Soporte"></iframe>
</main></body></html>"""
# The same widget inside a same-origin frame: ignore_selectors reach frames too.
FRAME = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>w</title></head><body>
<div class="vendor-widget"><p>Chat with our support team now.</p></div><p>{text}</p></body></html>"""


@browser
def test_gathered_facts_and_ignore_selectors_in_chromium(static_server: Callable[[Path], str],
                                                         tmp_path: Path) -> None:
    for locale, html, text in (("en", TINY_EN, "Opening hours"), ("es", TINY_ES, "Horario de apertura")):
        (tmp_path / "site" / locale).mkdir(parents=True)
        (tmp_path / "site" / locale / "p.html").write_text(html, encoding="utf-8")
        (tmp_path / "site" / locale / "frame.html").write_text(FRAME.format(lang=locale, text=text),
                                                               encoding="utf-8")
    base = static_server(tmp_path / "site")
    config_file = tmp_path / "tiny.toml"
    config_file.write_text(f'source_locale = "en"\n[site]\nbase_url = "{base}"\n[pages]\np = "p.html"\n'
                           '[locales.en]\nurl = "{base_url}/en/{path}"\n[locales.es]\nurl = "{base_url}/es/{path}"\n'
                           '[l10n]\nignore_selectors = [".vendor-widget"]\n[run]\nscreenshots = false\n',
                           encoding="utf-8")
    output = run_scan(load_config(str(config_file)), tmp_path / "out", Progress(quiet=True))
    results = json.loads((output.run_dir / "results.json").read_text(encoding="utf-8"))
    texts = [f["details"]["text"] for t in results["targets"] for f in t["findings"]
             if f["check"] == "untranslated-text"]
    assert texts == ["Install the package before you start."]
    [es] = [a for a in load_artifacts(output.run_dir) if a.locale == "es"]
    facts = {r.text: r for r in es.text_runs}
    assert facts["Search results are provided by our partner."].ignored
    assert facts["Chat with our support team now."].ignored  # inside the iframe
    assert facts["pip install example --upgrade"].code and facts["ls -i"].code
    assert facts["or"].fragment and not facts["or"].code
    assert not any(facts["Install the package before you start."].__getattribute__(k)
                   for k in ("code", "fragment", "ignored"))


@browser
def test_invalid_ignore_selector_fails_each_page_with_its_reason(static_server: Callable[[Path], str],
                                                                 tmp_path: Path) -> None:
    (tmp_path / "site" / "en").mkdir(parents=True)
    (tmp_path / "site" / "en" / "p.html").write_text(TINY_EN, encoding="utf-8")
    base = static_server(tmp_path / "site")
    config_file = tmp_path / "bad.toml"
    config_file.write_text(f'source_locale = "en"\n[site]\nbase_url = "{base}"\n[pages]\np = "p.html"\n'
                           '[locales.en]\nurl = "{base_url}/en/{path}"\n'
                           '[l10n]\nignore_selectors = ["div >> p"]\n[run]\nscreenshots = false\nretries = 0\n',
                           encoding="utf-8")
    output = run_scan(load_config(str(config_file)), tmp_path / "out", Progress(quiet=True))
    [target] = json.loads((output.run_dir / "results.json").read_text(encoding="utf-8"))["targets"]
    assert target["status"] == "error"
    assert "l10n.ignore_selectors is not a valid CSS selector list: div >> p" in target["error"]
