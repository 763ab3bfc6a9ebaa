"""Hostile scanned content must never run, or mislead, in the report.

A small static site (tests/fixtures/hostile/) puts script tags, attribute breakers, ``</script>``,
``javascript:`` links and U+202E (RIGHT-TO-LEFT OVERRIDE) into text, the title, the ``<html lang>``
and the alt / aria-label / title / placeholder attributes. The Spanish pages keep those strings
identical to the English ones, so the untranslated-text and untranslated-accessible-name findings
carry them into the results as message, snippet and details. The config adds hostile page ids
(``../../evil``, ``<img src=x onerror=alert(1)>``, a U+202E id) that end up in file names.

The real CLI scans it in real Chromium with real axe-core (nothing mocked); then the report is
opened from file:// in Chromium and inspected: no dialog, no script element, no event-handler
attribute, no ``javascript:`` link, a strict CSP, snippets shown as text, bidi controls visible.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from pipeline.files.names import safe_name

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
HOSTILE_SITE = Path(__file__).parent / "fixtures" / "hostile"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
SCRIPT = "<script>alert(1)</script>"
BREAKER = '"><img src=x onerror=alert(1)>'
TRAVERSAL_ID = "../../evil"
IMG_ID = "<img src=x onerror=alert(1)>"
RLO_ID = f"{RLO}gnp.evil"
# What a report file name may look like: one path component, no separators, no leading dot.
SAFE_FILE_NAME = re.compile(r"[a-z0-9_][a-z0-9._-]*")

CONFIG = """\
source_locale = "en"

[site]
base_url = "{base_url}"

[pages]
"../../evil" = "evil.html"
"<img src=x onerror=alert(1)>" = "evil.html"
"\\u202Egnp.evil" = "second.html"
plain = "evil.html"
query = 'evil.html?q="><img src=x onerror=alert(1)>&r=javascript:alert(1)#"><script>alert(1)</script>'

[locales.en]
url = "{{base_url}}/en/{{path}}"

[locales.es]
url = "{{base_url}}/es/{{path}}"

[run]
concurrency = 4
"""

def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def _scan(root: Path, config_text: str) -> dict[str, Any]:
    """Run the real CLI; the output root is nested so that a page id escaping the run directory
    (``../../``) would land somewhere the containment test looks."""
    config = root / "site.toml"
    config.write_text(config_text, encoding="utf-8")
    out = root / "nest" / "deeper" / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "scan", "--config", str(config), "--out", str(out)],
                          cwd=root, env=_env(), capture_output=True, text=True, timeout=600)
    latest = out / "latest"
    assert latest.is_dir(), (proc.returncode, proc.stderr)
    run_dir = latest.resolve()
    results = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
    return {"root": root, "out": out, "run_dir": run_dir, "results": results, "proc": proc}


@pytest.fixture(scope="module")
def hostile_run(static_server: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _scan(tmp_path_factory.mktemp("hostile"), CONFIG.format(base_url=static_server(HOSTILE_SITE)))


def _page_key(page: str, locale: str, mode: str = "csp") -> str:
    """Key of a target's report page in ``report_pages``."""
    return f"{mode}:targets/{safe_name(page, locale)}.html"


def _report_files(run_dir: Path) -> list[Path]:
    return [run_dir / "index.html", *sorted((run_dir / "targets").glob("*.html"))]


# Runs in each report page: everything that could execute or navigate, as plain data.
_INSPECT_JS = """() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = [];
  for (const el of all) for (const a of el.attributes)
    if (a.name.toLowerCase().startsWith('on')) handlers.push(el.tagName + '[' + a.name + ']');
  const head = [...document.head.children];
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy" i]');
  return {
    scripts: document.querySelectorAll('script').length,
    ran: typeof window.__ran,
    handlers,
    onerror: document.querySelectorAll('[onerror]').length,
    js_links: document.querySelectorAll('a[href^="javascript:" i], a[href^="data:" i]').length,
    urls: [...document.querySelectorAll('a[href], img[src], link[href], iframe, object, embed, form, base')]
      .map(el => [el.tagName, el.href || el.src || el.data || el.action || '']),
    injected_imgs: document.querySelectorAll('img[src="x"]').length,
    csp: csp ? csp.getAttribute('content') : null,
    csp_index: csp ? head.indexOf(csp) : -1,
    title_index: head.indexOf(document.querySelector('head > title')),
    title: document.title,
    text: document.body.innerText,
    bdi_with_rlo_marker: [...document.querySelectorAll('bdi')].filter(b => b.textContent.includes('<U+202E>')).length,
  };
}"""


@pytest.fixture(scope="module")
def report_pages(hostile_run: dict[str, Any]) -> Iterator[dict[str, dict[str, Any]]]:
    """Open every report page from file:// twice: as a reader would (CSP enforced), and with the
    CSP bypassed, so that an escaping bug would really run instead of being caught by the CSP.

    Keys: ``"<csp|bypass>:<path in the run dir>"``.
    """
    from playwright.sync_api import sync_playwright

    observed: dict[str, dict[str, Any]] = {}
    with sync_playwright() as pw:
        executable = CHROMIUM if Path(CHROMIUM).exists() else None
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            for mode in ("csp", "bypass"):
                context = browser.new_context(bypass_csp=mode == "bypass")
                for path in _report_files(hostile_run["run_dir"]):
                    page = context.new_page()
                    dialogs: list[str] = []
                    console: list[str] = []
                    page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
                    page.on("console", lambda m, seen=console: seen.append(f"{m.type}: {m.text}"))
                    page.goto(path.as_uri(), wait_until="load")
                    page.wait_for_timeout(100)  # let an injected onerror/onload fire, if there were one
                    facts = page.evaluate(_INSPECT_JS)
                    facts["dialogs"] = dialogs
                    facts["console"] = console
                    facts["inner_text"] = page.inner_text("body")
                    facts["hrefs"] = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
                    observed[f"{mode}:{path.relative_to(hostile_run['run_dir']).as_posix()}"] = facts
                    page.close()
                context.close()
        finally:
            browser.close()
    yield observed


# ------------------------------------------------------------------ the run itself


def test_scan_completed_and_found_the_hostile_strings(hostile_run: dict[str, Any]) -> None:
    results = hostile_run["results"]
    assert hostile_run["proc"].returncode == 1, hostile_run["proc"].stderr  # untranslated names are serious
    assert results["complete"] is True
    assert results["exit_code"] == 1
    assert {t["page"] for t in results["targets"]} == {TRAVERSAL_ID, IMG_ID, RLO_ID, "plain", "query"}
    assert all(t["status"] == "ok" for t in results["targets"]), [t["error"] for t in results["targets"]]
    findings = [f for t in results["targets"] for f in t["findings"]]
    es = [f for f in findings if f["locale"] == "es"]
    texts = {f["details"].get("text", "") for f in es if f["check"] == "untranslated-text"}
    names = {f["details"].get("text", "") for f in es if f["check"] == "untranslated-accessible-name"}
    # Escaped script text and the attribute breaker came through as text...
    assert f"Welcome {SCRIPT} to the hostile page" in texts
    assert "A closing </script> tag inside ordinary prose text" in texts
    assert any(BREAKER in t for t in texts)
    assert any(t.startswith("Evil <script>") and RLO in t for t in texts)  # the <title>
    # ...the attributes too, every kind of them...
    assert {f["details"]["attribute"] for f in es if f["check"] == "untranslated-accessible-name"} >= {
        "alt", "aria-label", "title", "placeholder"}
    assert f"{SCRIPT} Close the dialog" in names
    assert any(RLO in n for n in names)
    # ...and snippets carry raw markup, javascript: links and the override character.
    snippets = [f["snippet"] for f in es]
    assert any('href="javascript:alert(1)"' in s for s in snippets)
    assert any(RLO in s for s in snippets)
    # The broken <html lang> of the second page is itself a script-tag payload.
    lang_findings = [f for f in findings if f["check"] == "lang-attribute"]
    assert lang_findings and all("<script>" in f["snippet"] for f in lang_findings)
    # Every hostile page id carries findings into its own report page.
    assert {f["page"] for f in es} == {TRAVERSAL_ID, IMG_ID, RLO_ID, "plain", "query"}


def test_every_file_stays_inside_the_run_directory(hostile_run: dict[str, Any]) -> None:
    root: Path = hostile_run["root"].resolve()
    out: Path = hostile_run["out"].resolve()
    run_dir: Path = hostile_run["run_dir"].resolve()
    # Nothing next to the run directory but the 'latest' pointer and the run history, nothing next to the config.
    assert sorted(p.name for p in out.iterdir()) == sorted([run_dir.name, "latest", "history.jsonl"])
    assert (out / "latest").resolve() == run_dir
    assert sorted(p.name for p in root.iterdir()) == ["nest", "site.toml"]
    assert [p.name for p in (root / "nest").iterdir()] == ["deeper"]
    assert [p.name for p in (root / "nest" / "deeper").iterdir()] == ["out"]
    written = []
    for dirpath, dirnames, filenames in os.walk(run_dir):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            assert not path.is_symlink(), path
            assert path.resolve().is_relative_to(run_dir), path
            written.append(path.relative_to(run_dir))
    assert {p.parts[0] for p in written} == {"index.html", "results.json", "targets", "screenshots", "artifacts",
                                            "junit.xml", "results.sarif", "summary.md", "compare"}
    for sub, suffix, count in (("targets", ".html", 10), ("screenshots", ".jpg", 10), ("artifacts", ".json", 10),
                               ("compare", ".html", 5)):
        names = sorted(p.name for p in (run_dir / sub).iterdir())
        # 5 page ids x 2 locales (one comparison per page id), no two share a file
        assert len(names) == count, (sub, names)
        for name in names:
            stem = name.removesuffix(suffix)
            assert name.endswith(suffix) and SAFE_FILE_NAME.fullmatch(stem), name
            assert "/" not in name and "\\" not in name and stem not in (".", "..")
            assert (run_dir / sub / name).resolve().parent == (run_dir / sub)


def test_console_summary_does_not_pass_bidi_controls_through(hostile_run: dict[str, Any]) -> None:
    stdout = hostile_run["proc"].stdout
    assert TRAVERSAL_ID in stdout and IMG_ID in stdout
    assert RLO not in stdout
    assert "<U+202E>gnp.evil" in stdout


# ------------------------------------------------------------------ the report in a browser


@pytest.mark.parametrize("mode", ["csp", "bypass"])
def test_nothing_in_the_report_runs(report_pages: dict[str, dict[str, Any]], mode: str) -> None:
    pages = {k: v for k, v in report_pages.items() if k.startswith(f"{mode}:")}
    assert len(pages) == 1 + 10  # index + 5 page ids x 2 locales
    for name, facts in pages.items():
        assert facts["dialogs"] == [], name
        assert facts["scripts"] == 0, name
        assert facts["ran"] == "undefined", name
        assert facts["handlers"] == [], name
        assert facts["onerror"] == 0 and facts["injected_imgs"] == 0, name
        assert facts["js_links"] == 0, name
        assert not [c for c in facts["console"] if "Content Security Policy" in c], (name, facts["console"])


def test_report_links_and_images_stay_in_the_run_or_on_the_web(
        report_pages: dict[str, dict[str, Any]], hostile_run: dict[str, Any]) -> None:
    run_dir: Path = hostile_run["run_dir"].resolve()
    for name, facts in report_pages.items():
        for tag, url in facts["urls"]:
            assert tag in ("A", "IMG"), (name, tag, url)
            scheme = url.split(":", 1)[0].lower()
            assert scheme in ("http", "https", "file"), (name, tag, url)
            if scheme == "file":
                target = Path(unquote(urlsplit(url).path)).resolve()
                assert target.is_relative_to(run_dir) and target.is_file(), (name, url)


def test_scanned_url_with_attribute_breakers_round_trips_through_href(
        report_pages: dict[str, dict[str, Any]], hostile_run: dict[str, Any]) -> None:
    [url] = {t["url"] for t in hostile_run["results"]["targets"] if t["page"] == "query" and t["locale"] == "es"}
    assert BREAKER in url and SCRIPT in url
    facts = report_pages[_page_key("query", "es")]
    assert url in facts["hrefs"]  # the attribute value is exactly the URL: it did not break out
    assert url in facts["inner_text"]


def test_report_has_a_strict_csp_before_any_scanned_data(report_pages: dict[str, dict[str, Any]]) -> None:
    for name, facts in report_pages.items():
        assert facts["csp"], name
        directives = {}
        for part in facts["csp"].split(";"):
            words = part.split()
            if words:
                directives[words[0].lower()] = words[1:]
        assert directives["default-src"] == ["'none'"], (name, facts["csp"])
        assert not {"script-src", "script-src-elem", "script-src-attr", "worker-src"} & set(directives), name
        assert not any("unsafe-eval" in s or "unsafe-hashes" in s for srcs in directives.values() for s in srcs)
        assert directives.get("base-uri") == ["'none'"], name
        # A CSP meta only covers what comes after it: it must precede the title and all data.
        assert 0 <= facts["csp_index"] < facts["title_index"], name


def test_snippets_and_hostile_page_ids_are_shown_as_text(report_pages: dict[str, dict[str, Any]]) -> None:
    index = report_pages["csp:index.html"]["inner_text"]
    assert TRAVERSAL_ID in index and IMG_ID in index
    text = report_pages[_page_key("plain", "es")]["inner_text"]
    assert SCRIPT in text  # the literal tag, visible, not an element
    assert f"Welcome {SCRIPT} to the hostile page" in text
    assert BREAKER in text
    assert '<a href="javascript:alert(1)"' in text  # the snippet, as text
    assert "A closing </script> tag" in text
    img_es = report_pages[_page_key(IMG_ID, "es")]
    assert IMG_ID in img_es["title"] and IMG_ID in img_es["inner_text"]
    broken_lang = report_pages[_page_key(RLO_ID, "es")]["inner_text"]
    assert 'es"><script>alert(1)</script>' in broken_lang


def test_bidi_override_is_shown_not_obeyed(report_pages: dict[str, dict[str, Any]],
                                           hostile_run: dict[str, Any]) -> None:
    # The raw character never reaches the report, in any file, in any place.
    for path in _report_files(hostile_run["run_dir"]):
        assert RLO not in path.read_text(encoding="utf-8"), path
    for name, facts in report_pages.items():
        assert RLO not in facts["text"] and RLO not in facts["title"], name
    plain_es = report_pages[_page_key("plain", "es")]
    for shown in ("<U+202E>fdp.exe", "<U+202E>gnp.exe", "<U+202E>cod.exe", "<U+202E>title"):
        assert shown in plain_es["inner_text"], shown
    # Prose (messages, titles, page ids) is also isolated in <bdi>.
    assert plain_es["bdi_with_rlo_marker"] > 0
    index = report_pages["csp:index.html"]
    assert "<U+202E>gnp.evil" in index["inner_text"] and index["bdi_with_rlo_marker"] > 0
