"""Tests for pipeline.report: results.json, the HTML report, the console summary and helpers.

Browser tests open the generated report from file:// in real Chromium (skipped when
/usr/bin/chromium or Playwright is missing) to prove that hostile scanned content cannot
run script and that screenshots still load under the report's CSP.
"""

from __future__ import annotations

import copy
import json
import os
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from pipeline.files.atomic import atomic_write_bytes, atomic_write_text
from pipeline.files.names import safe_name
from pipeline.report import CSP, format_summary, write_html_report, write_report
from pipeline.results.results_json import load_results_json, write_results_json
from pipeline.text import link_url, relative_asset, reveal_code

FIXTURE = Path(__file__).parent / "fixtures" / "results" / "sample_results.json"
SEVERITIES = ("critical", "serious", "moderate", "minor")

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(1)>'
HOSTILE_CLOSE = "</script>"
HOSTILE_URL = "javascript:alert(1)"
RLO = "\u202e"
HOSTILE_TEXT = f"{HOSTILE_SCRIPT} {HOSTILE_ATTR} {HOSTILE_CLOSE} {RLO}gnp.exe"


# ---------------------------------------------------------------- helpers


def load_fixture() -> dict[str, Any]:
    return load_results_json(FIXTURE)


def tiny_png(width: int = 24, height: int = 12) -> bytes:
    """A valid RGB PNG, so tests can check the report's <img> really decodes."""
    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def add_screenshots(results: dict[str, Any], run_dir: Path) -> None:
    for target in results["targets"]:
        if target["screenshot"]:
            atomic_write_bytes(run_dir / target["screenshot"], tiny_png())


class ElementText(HTMLParser):
    """Collect the text inside the element with a given id (void elements handled)."""

    VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "wbr", "source"})

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0
        self.found = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def element_text(html: str, element_id: str) -> str:
    parser = ElementText(element_id)
    parser.feed(html)
    assert parser.found, f"no element with id={element_id!r}"
    return parser.text


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.event_handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction"):
                self.urls.append((tag, name, value or ""))
            if name.startswith("on"):
                self.event_handlers.append(f"{tag} {name}")


def cell_counts(html: str, page: str, locale: str) -> dict[str, int]:
    """Parse 'critical 1 serious 2 ... l10n 2 review 1' out of one matrix cell."""
    text = element_text(html, f"cell-{safe_name(page, locale)}")
    return {
        key: int(n) for key, n in re.findall(r"\b(critical|serious|moderate|minor|l10n|review) (\d+)", text)
    }


def expected_counts(target: dict[str, Any]) -> dict[str, int]:
    """Independent re-count from the raw data (not via pipeline.report.view)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    counts.update(l10n=0, review=len(target["needs_review"]))
    for finding in target["findings"]:
        if finding["check"].startswith("axe:"):
            counts[finding["severity"]] += 1
        else:
            counts["l10n"] += 1
    return counts


def html_files(run_dir: Path) -> list[Path]:
    return sorted(run_dir.rglob("*.html"))


@pytest.fixture
def results() -> dict[str, Any]:
    return load_fixture()


@pytest.fixture
def rendered(tmp_path: Path, results: dict[str, Any]) -> tuple[dict[str, Any], Path]:
    run_dir = tmp_path / "run"
    add_screenshots(results, run_dir)
    write_report(results, run_dir)
    return results, run_dir


# ---------------------------------------------------------------- fixture sanity


def test_fixture_shape_is_realistic(results: dict[str, Any]) -> None:
    assert len(results["pages"]) == 2 and len(results["locales"]) == 4
    assert len(results["targets"]) == 8
    assert [t for t in results["targets"] if t["status"] == "error"], "fixture needs an error target"
    assert any(loc["dir"] == "rtl" for loc in results["locales"])
    assert results["catalogs"] and any(c["findings"] for c in results["catalogs"])


# ---------------------------------------------------------------- index.html


def test_index_cell_counts_come_from_the_data(rendered: tuple[dict[str, Any], Path]) -> None:
    results, run_dir = rendered
    html = (run_dir / "index.html").read_text(encoding="utf-8")
    # One cell checked against hand-counted numbers from the fixture file...
    assert cell_counts(html, "home", "es") == {
        "critical": 1, "serious": 2, "moderate": 1, "minor": 0, "l10n": 2, "review": 1,
    }  # fmt: skip
    # ...and every scanned cell against an independent re-count.
    for target in results["targets"]:
        if target["status"] == "ok":
            assert cell_counts(html, target["page"], target["locale"]) == expected_counts(target)


def test_index_cell_follows_changed_data(tmp_path: Path, results: dict[str, Any]) -> None:
    target = next(t for t in results["targets"] if (t["page"], t["locale"]) == ("diversity", "en"))
    extra = {**target["findings"][0], "check": "axe:image-alt", "severity": "critical"}
    target["findings"] += [extra, extra, extra]
    html = write_html_report(results, tmp_path).read_text(encoding="utf-8")
    assert cell_counts(html, "diversity", "en")["critical"] == 3


def test_error_target_is_listed_with_reason(rendered: tuple[dict[str, Any], Path]) -> None:
    results, run_dir = rendered
    html = (run_dir / "index.html").read_text(encoding="utf-8")
    failed = next(t for t in results["targets"] if t["status"] == "error")
    cell = element_text(html, f"cell-{safe_name(failed['page'], failed['locale'])}")
    assert "error" in cell and "critical" not in cell
    assert "net::ERR_CONNECTION_REFUSED" in element_text(html, "main")
    assert 'id="failed"' in html


def test_index_header_catalogs_and_checks(rendered: tuple[dict[str, Any], Path]) -> None:
    results, run_dir = rendered
    main = element_text((run_dir / "index.html").read_text(encoding="utf-8"), "main")
    for fact in (results["run_id"], results["engine"]["axe"], results["engine"]["browser"], "Exit code 1"):
        assert fact in main
    assert "FAIL" in main
    # Catalog coverage row and a catalog finding with file:line.
    assert "97.5%" in main and "locales/es/LC_MESSAGES/messages.po:42" in main
    # The by-check table counts every counted finding of that check (5 axe:link-name).
    assert re.search(r"axe:link-name accessibility serious 5 4", main)


def test_incomplete_run_shows_banner(tmp_path: Path, results: dict[str, Any]) -> None:
    results["complete"] = False
    html = write_html_report(results, tmp_path).read_text(encoding="utf-8")
    assert "Incomplete run." in html
    assert "Incomplete run." not in write_html_report(load_fixture(), tmp_path / "b").read_text(
        encoding="utf-8"
    )


def test_target_pages_exist_for_every_target(rendered: tuple[dict[str, Any], Path]) -> None:
    results, run_dir = rendered
    pages = {p.name for p in (run_dir / "targets").iterdir()}
    assert pages == {f"{safe_name(t['page'], t['locale'])}.html" for t in results["targets"]}
    # Every relative link in the index resolves to a file that exists.
    links = LinkCollector()
    links.feed((run_dir / "index.html").read_text(encoding="utf-8"))
    local = [v for _, _, v in links.urls if not v.startswith(("#", "http"))]
    assert local and all((run_dir / v).is_file() for v in local)


def test_target_page_groups_and_sorts_findings(rendered: tuple[dict[str, Any], Path]) -> None:
    _, run_dir = rendered
    html = (run_dir / "targets" / f"{safe_name('home', 'es')}.html").read_text(encoding="utf-8")
    a11y = html[html.index('id="a11y"') : html.index('id="l10n"')]
    l10n = html[html.index('id="l10n"') : html.index('id="review"')]
    review = html[html.index('id="review"') :]
    severities = re.findall(r'class="badge sev-(\w+)"', a11y)
    assert severities == ["critical", "serious", "serious", "moderate"]
    assert "untranslated-text" in l10n and "untranslated-text" not in a11y
    assert "axe:color-contrast" in review and "axe:color-contrast" not in a11y
    assert 'src="../screenshots/home--es.png"' in html and 'alt="Screenshot of home in es' in html
    assert "&lt;img src=&#34;/static/dr.svg&#34;&gt;" in a11y  # snippet shown as escaped text


def test_needs_review_never_counted(tmp_path: Path, results: dict[str, Any]) -> None:
    target = next(t for t in results["targets"] if (t["page"], t["locale"]) == ("home", "en"))
    before = expected_counts(target)
    review_item = {**target["findings"][0], "severity": "critical", "needs_review": True}
    target["needs_review"] += [review_item] * 4
    target["findings"].append(review_item)  # misfiled under findings: still not counted
    html = write_html_report(results, tmp_path).read_text(encoding="utf-8")
    counts = cell_counts(html, "home", "en")
    assert counts["critical"] == before["critical"] == 0
    assert counts["review"] == before["review"] + 5


def test_every_page_has_csp_and_no_script(rendered: tuple[dict[str, Any], Path]) -> None:
    _, run_dir = rendered
    files = html_files(run_dir)
    # index, 8 targets, one page per catalog locale (es, zh, ar), one locale comparison per page (2)
    assert len(files) == 1 + 8 + 3 + 2
    for path in files:
        html = path.read_text(encoding="utf-8")
        assert (
            f'<meta http-equiv="Content-Security-Policy" content="{CSP.replace(chr(39), "&#39;")}">' in html
        )
        assert "<script" not in html.lower()
        assert '<html lang="en"' in html


def test_partial_results_still_render(tmp_path: Path) -> None:
    """A results file cut short (crash mid-run) must still produce a readable report."""
    results: dict[str, Any] = {
        "schema_version": 1,
        "targets": [{"page": "p", "locale": "xx", "status": "ok", "findings": None, "url": None}],
        "catalogs": [{"locale": "xx", "percent": "not a number", "findings": None}],
    }
    html = write_report(results, tmp_path).read_text(encoding="utf-8")
    assert cell_counts(html, "p", "xx") == {
        "critical": 0, "serious": 0, "moderate": 0, "minor": 0, "l10n": 0, "review": 0,
    }  # fmt: skip
    assert "Incomplete run." in html and "0.0%" in html
    assert (tmp_path / "targets" / "p--xx.html").is_file()
    assert format_summary(results).splitlines()[-1].startswith("INCOMPLETE")


# ---------------------------------------------------------------- hostile content


def hostile_results() -> dict[str, Any]:
    results = load_fixture()
    target = next(t for t in results["targets"] if (t["page"], t["locale"]) == ("home", "es"))
    target.update(title=HOSTILE_TEXT, url=HOSTILE_URL, error=HOSTILE_TEXT, html_lang=HOSTILE_ATTR)
    target["screenshot"] = "../../../etc/passwd"
    bad = {
        **target["findings"][0],
        "check": f"axe:{HOSTILE_ATTR}",
        "severity": HOSTILE_ATTR,
        "message": HOSTILE_TEXT,
        "snippet": HOSTILE_TEXT,
        "selector": HOSTILE_TEXT,
        "help_url": HOSTILE_URL,
        "details": {"html": HOSTILE_TEXT},
    }
    target["findings"].append(bad)
    target["needs_review"].append({**bad, "help_url": " JaVaScRiPt:alert(1)", "needs_review": True})
    # A hostile page id and locale: must stay inside targets/ and be escaped everywhere.
    evil_page, evil_locale = f"../../{HOSTILE_SCRIPT}", f"es{RLO}"
    results["pages"].append(evil_page)
    results["targets"].append({**copy.deepcopy(target), "page": evil_page, "locale": evil_locale})
    results["catalogs"][0]["findings"][0].update(message=HOSTILE_TEXT, file=HOSTILE_ATTR)
    return results


@pytest.fixture
def hostile_run(tmp_path: Path) -> tuple[dict[str, Any], Path]:
    results = hostile_results()
    run_dir = tmp_path / "run"
    add_screenshots(results, run_dir)
    write_report(results, run_dir)
    return results, run_dir


def test_hostile_content_is_escaped_in_every_file(hostile_run: tuple[dict[str, Any], Path]) -> None:
    results, run_dir = hostile_run
    assert [p.name for p in run_dir.parent.iterdir()] == ["run"], "nothing may be written outside run_dir"
    assert len(list((run_dir / "targets").iterdir())) == len(results["targets"])
    for path in html_files(run_dir):
        html = path.read_text(encoding="utf-8")
        assert HOSTILE_SCRIPT not in html and "<script" not in html.lower(), path
        assert "<img src=x" not in html, path
        assert RLO not in html, f"raw U+202E in {path}"
        links = LinkCollector()
        links.feed(html)
        assert not links.event_handlers, path
        for tag, attr, value in links.urls:
            assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (
                path,
                tag,
                attr,
            )
            # Only a single leading "../" (targets/ -> run dir) is allowed; no deeper escapes.
            assert ".." not in value.split("/")[1:], (path, tag, attr, value)
    target_html = (run_dir / "targets" / f"{safe_name('home', 'es')}.html").read_text(encoding="utf-8")
    assert "&lt;U+202E&gt;gnp.exe" in target_html  # shown visibly, not obeyed
    assert "javascript:alert(1)" in target_html  # as text...
    assert 'href="javascript:' not in target_html.lower()  # ...never as a link
    assert "etc/passwd" in target_html and '<img src="../../' not in target_html
    # results.json is data, not HTML: it round-trips the hostile strings exactly.
    assert load_results_json(run_dir / "results.json") == results


# ---------------------------------------------------------------- browser


def open_file_page(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """Open ``path`` from file://, recording dialogs and console messages."""
    page = browser.new_page()
    dialogs: list[str] = []
    console: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda msg: console.append(msg.text))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, dialogs, console


@pytest.mark.browser
def test_dialog_detection_works(browser: Any, tmp_path: Path) -> None:
    """Control: the same detection does catch an onerror payload when nothing escapes it."""
    unsafe = tmp_path / "unsafe.html"
    unsafe.write_text(f"<!DOCTYPE html><html><body>{HOSTILE_ATTR}</body></html>", encoding="utf-8")
    page, dialogs, _ = open_file_page(browser, unsafe)
    page.wait_for_timeout(200)
    page.close()
    assert dialogs == ["1"]


@pytest.mark.browser
def test_hostile_report_runs_no_script_in_chromium(
    browser: Any, hostile_run: tuple[dict[str, Any], Path]
) -> None:
    results, run_dir = hostile_run
    evil = results["targets"][-1]
    pages = [
        run_dir / "index.html",
        run_dir / "targets" / f"{safe_name('home', 'es')}.html",
        run_dir / "targets" / f"{safe_name(evil['page'], evil['locale'])}.html",
    ]
    for path in pages:
        page, dialogs, _ = open_file_page(browser, path)
        page.wait_for_timeout(200)
        assert dialogs == [], path
        assert page.evaluate("document.querySelectorAll('script').length") == 0
        assert page.evaluate("document.querySelectorAll('[onerror], [onload]').length") == 0
        protocols = page.evaluate("[...document.links].map(a => a.protocol)")
        assert set(protocols) <= {"http:", "https:", "file:"}, protocols
        if path.name != "index.html":
            assert "<U+202E>gnp.exe" in page.inner_text("main")
            assert HOSTILE_SCRIPT in page.inner_text("main")  # shown as text, literally
        page.close()


@pytest.mark.browser
def test_screenshots_display_under_csp_from_file_url(
    browser: Any, rendered: tuple[dict[str, Any], Path]
) -> None:
    _, run_dir = rendered
    page, _, console = open_file_page(browser, run_dir / "targets" / f"{safe_name('home', 'ar')}.html")
    width = page.evaluate("document.querySelector('.shot img').naturalWidth")
    page.close()
    assert width == 24, "screenshot did not load under the CSP"
    assert not [m for m in console if "Content Security Policy" in m], console


@pytest.mark.browser
def test_report_passes_axe(browser: Any, rendered: tuple[dict[str, Any], Path]) -> None:
    """The report is scanned by axe later; catch regressions here (axe injected past the CSP)."""
    axe_module = pytest.importorskip("axe_playwright_python")
    axe_js = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    _, run_dir = rendered
    context = browser.new_context(bypass_csp=True)
    try:
        for path in (run_dir / "index.html", run_dir / "targets" / f"{safe_name('home', 'es')}.html"):
            page = context.new_page()
            page.goto(path.as_uri())
            page.add_script_tag(content=axe_js)
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
            assert violations == [], (path.name, violations)
    finally:
        context.close()


# ---------------------------------------------------------------- text helpers


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative",
        "http:no-host",
        f"https://ex{RLO}ample.com/",
    ],
)
def test_link_url_refuses_non_http(url: str) -> None:
    assert link_url(url) == ""


def test_link_url_keeps_http_and_https() -> None:
    assert link_url("https://dequeuniversity.com/rules/axe/4.12/image-alt") != ""
    assert link_url("HTTP://127.0.0.1:5555/es/index.html") == "HTTP://127.0.0.1:5555/es/index.html"


@pytest.mark.parametrize(
    "path", ["../x.png", "/etc/passwd", "file:///etc/passwd", "C:\\x.png", "a/../../b.png", ""]
)
def test_relative_asset_refuses_escapes(path: str) -> None:
    assert relative_asset(path) == ""


def test_relative_asset_encodes_segments() -> None:
    assert relative_asset("screenshots/home--es.png") == "screenshots/home--es.png"
    assert relative_asset("screenshots/a b#?.png") == "screenshots/a%20b%23%3F.png"


def test_reveal_code_shows_bidi_and_zero_width_controls() -> None:
    text = "a\u202eb\u2066c\u200fd\u200be\x1bf\ng"
    assert reveal_code(text) == "a<U+202E>b<U+2066>c<U+200F>d<U+200B>e<U+001B>f\ng"


# ---------------------------------------------------------------- safe_name


@pytest.mark.parametrize(
    "parts",
    [
        ("../../etc/passwd",),
        ("/abs",),
        ("",),
        ("..",),
        (".",),
        ("..", ".."),
        ("a\\b", "c"),
        (),
        ("CON",),
        ("x" * 500,),
    ],
)
def test_safe_name_stays_inside(parts: tuple[str, ...]) -> None:
    name = safe_name(*parts)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert len(name) <= 96
    assert re.fullmatch(r"[a-z0-9._-]+", name), name


def test_safe_name_keeps_plain_names_readable() -> None:
    assert safe_name("home", "es") == "home--es"
    assert safe_name("about.team", "zh") == "about.team--zh"


def test_safe_name_distinct_inputs_give_distinct_names() -> None:
    tricky = [
        ("a/b", "es"), ("a_b", "es"), ("a\\b", "es"), ("a:b", "es"), ("a b", "es"),
        ("a-", "b"), ("a", "-b"), ("a--b",), ("a", "b"), ("a---b",),
        ("Home", "es"), ("home", "es"), ("HOME", "es"), ("home", "ES"),
        ("..", "es"), ("_", "es"), ("", "es"), ("es",), ("", ""), ("",), (),
        ("ä", "es"), ("a", "es"), ("首页", "zh"), ("页首", "zh"),
        ("x" * 200, "es"), ("x" * 201, "es"), ("con", "es"), ("con",),
    ]  # fmt: skip
    names = [safe_name(*parts) for parts in tricky]
    assert len(set(names)) == len(tricky)
    # Distinct even on case-insensitive file systems (macOS, Windows).
    assert len({n.lower() for n in names}) == len(tricky)


def test_safe_name_is_stable() -> None:
    assert safe_name("a/b", "es") == safe_name("a/b", "es")


# ---------------------------------------------------------------- atomic writes


def test_atomic_write_creates_parents_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "out.txt"
    atomic_write_text(target, "héllo\nwörld\n" * 1000)
    assert target.read_text(encoding="utf-8") == "héllo\nwörld\n" * 1000
    assert list(target.parent.iterdir()) == [target]
    atomic_write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert list(target.parent.iterdir()) == [target]


def test_atomic_write_failure_keeps_old_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "results.json"
    target.write_text("old complete content", encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk on fire"):
        atomic_write_text(target, "new content that must not appear half-written")
    assert target.read_text(encoding="utf-8") == "old complete content"
    assert list(tmp_path.iterdir()) == [target], "temp file left behind"


def test_atomic_write_keeps_existing_permissions(tmp_path: Path) -> None:
    target = tmp_path / "x.html"
    atomic_write_text(target, "a")
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    atomic_write_text(target, "b")
    assert target.stat().st_mode & 0o777 == 0o600


# ---------------------------------------------------------------- results.json


def test_results_json_round_trips_sorted_utf8(tmp_path: Path, results: dict[str, Any]) -> None:
    path = write_results_json(results, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert path.name == "results.json"
    assert load_results_json(path) == results
    assert "الرئيسية" in text and "\\u0627" not in text  # ensure_ascii=False
    assert text == json.dumps(results, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert results["pages"] == load_results_json(path)["pages"]  # lists keep their order


def test_results_json_refuses_nan(tmp_path: Path, results: dict[str, Any]) -> None:
    results["duration_s"] = float("nan")
    with pytest.raises(ValueError):
        write_results_json(results, tmp_path)
    assert not (tmp_path / "results.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema_version": 2}', "schema_version 2"),
        ("{}", "schema_version None"),
        ('{"schema_version": true}', "schema_version True"),
        ('{"schema_version": "1"}', "schema_version '1'"),
        ("[1]", "JSON object"),
        ("{not json", "not valid JSON"),
    ],
)
def test_load_results_json_rejects_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "results.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        load_results_json(path)


def test_write_report_writes_json_and_html(tmp_path: Path, results: dict[str, Any]) -> None:
    index = write_report(results, tmp_path)
    assert index == tmp_path / "index.html" and index.is_file()
    assert load_results_json(tmp_path / "results.json") == results


# ---------------------------------------------------------------- console


def test_console_summary(results: dict[str, Any]) -> None:
    text = format_summary(results)
    lines = text.splitlines()
    home = next(line for line in lines if line.startswith("home "))
    assert "a11y 4 · l10n 2" in home  # home/es: 4 axe findings, 2 l10n
    header = lines[0].split()
    assert header[:2] == ["page", "en"] and "(rtl)" in lines[0]
    diversity = next(line for line in lines if line.startswith("diversity "))
    assert "error" in diversity
    assert any(line.strip().startswith("es") and "97.5%" in line for line in lines)
    assert lines[-1].startswith("FAIL: 17 finding(s) at or above 'serious'")


def test_console_summary_neutralises_terminal_escapes(results: dict[str, Any]) -> None:
    failed = next(t for t in results["targets"] if t["status"] == "error")
    failed["error"] = "boom\x1b[2J\x1b]0;pwned\x07\rfake PASS" + RLO
    text = format_summary(results)
    assert "\x1b" not in text and "\r" not in text and RLO not in text
    assert "<U+001B>[2J" in text


def test_console_verdicts(results: dict[str, Any]) -> None:
    results["exit_code"] = 0
    assert format_summary(results).splitlines()[-1].startswith("PASS")
    results["complete"] = False
    assert format_summary(results).splitlines()[-1].startswith("INCOMPLETE")
