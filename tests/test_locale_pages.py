"""Per-locale report pages and the short catalog part of the overview (issue 11, part 1)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from pipeline.catalogs import catalog_stats, load_catalogs, read_catalog
from pipeline.config import load_config
from pipeline.files.names import safe_name
from pipeline.report import write_report
from pipeline.results.build import catalog_entry

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
# Tracing findings of a real scan of the sample site (untranslated-text / -accessible-name only).
SCAN = FIXTURES / "results" / "sample_scan_tracing.json"
SPHINX = FIXTURES / "catalogs" / "sphinx"


class Rows(HTMLParser):
    """Text of each <tr> of the table with the given caption id, and every href."""

    def __init__(self, caption_id: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.caption_id, self.rows, self.hrefs = caption_id, [], []
        self._table_depth = 0
        self._in_wanted = False
        self._row: list[str] | None = None
        self._tables: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if tag == "table":
            self._tables.append(False)
        if tag == "caption" and values.get("id") == self.caption_id and self._tables:
            self._tables[-1] = True
        if tag == "tr" and self._tables and self._tables[-1]:
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            self.rows.append(" ".join(" ".join(self._row).split()))
            self._row = None
        if tag == "table" and self._tables:
            self._tables.pop()

    def handle_data(self, data: str) -> None:
        if self._row is not None:
            self._row.append(data)


def parse(path: Path, caption_id: str = "") -> Rows:
    parser = Rows(caption_id)
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def sample_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample site's real catalogs (checked now) joined with a real scan's tracing findings."""
    monkeypatch.chdir(ROOT)
    config = load_config(None)
    results: dict[str, Any] = json.loads(SCAN.read_text(encoding="utf-8"))
    results["catalogs"] = [catalog_entry(c, config) for c in load_catalogs(config)]
    write_report(results, tmp_path)
    return tmp_path


def test_locale_page_lists_each_missing_entry_with_references_and_pages(sample_run: Path) -> None:
    es = parse(sample_run / "locales" / "es.html", "work-caption")
    body = es.rows[1:]  # the first row is the header
    assert len(body) == 2
    interpreters = next(r for r in body if "Free medical interpreters" in r)
    assert interpreters.startswith("untranslated")
    assert "templates/diversity-inclusion.html:40" in interpreters  # the #: reference
    assert re.search(r"messages\.po:241 diversity \(1×\)", interpreters)
    assert "../targets/diversity--es.html" in es.hrefs
    fuzzy = next(r for r in body if "Our Emergency Department" in r)
    assert fuzzy.startswith("fuzzy") and "home (1×)" in fuzzy
    ar = parse(sample_run / "locales" / "ar.html", "work-caption")
    open_map = next(r for r in ar.rows if "Open map of Main Campus" in r)
    assert "templates/locations.html:32" in open_map and "locations (1×)" in open_map
    assert any("Find care at" in r and r.startswith("plural forms") for r in ar.rows)
    # Every relative link of a locale page resolves.
    for page in ("es", "zh", "ar"):
        links = parse(sample_run / "locales" / f"{page}.html").hrefs
        local = [h.split("#")[0] for h in links if not h.startswith(("#", "http"))]
        assert local and all((sample_run / "locales" / h).resolve().is_file() for h in local), page


def test_locale_page_shows_message_and_word_coverage_and_groups_findings(sample_run: Path) -> None:
    text = " ".join(re.sub(r"<[^>]+>", " ", (sample_run / "locales" / "es.html").read_text("utf-8")).split())
    stats = catalog_stats(read_catalog(ROOT / "locales" / "es" / "LC_MESSAGES" / "messages.po", "es"))
    assert f"Messages {stats.translated} of {stats.total} translated ({stats.percent}%)" in text
    assert re.search(r"Source words \d+ of \d+ translated \(\d+\.\d%\)", text)
    assert "catalog:fuzzy : 1" in text and "catalog:obsolete : 1" in text


def test_overview_links_locale_pages_from_column_headers_and_coverage_rows(sample_run: Path) -> None:
    index = parse(sample_run / "index.html")
    for code in ("es", "zh", "ar"):
        assert index.hrefs.count(f"locales/{code}.html") >= 3  # matrix header, coverage row, findings block
    html = (sample_run / "index.html").read_text(encoding="utf-8")
    header = re.search(r'<th scope="col"><a href="locales/es\.html">', html)
    assert header is not None


def _sphinx_results(tmp_path: Path, locale: str) -> Path:
    config = load_config(None)
    po = SPHINX / locale / "LC_MESSAGES" / "sphinx.po"
    artifact = read_catalog(po, locale, SPHINX / "sphinx.pot")
    results = {"schema_version": 1, "run_id": "big", "pages": [], "locales": [{"code": locale, "dir": "ltr"}],
               "targets": [], "catalogs": [catalog_entry(artifact, config)]}
    out = tmp_path / locale
    write_report(results, out)
    return out


def test_big_real_catalog_keeps_the_overview_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    ar = _sphinx_results(tmp_path, "ar")  # 869 entries, 765 untranslated (Sphinx's own Arabic catalog)
    zh = _sphinx_results(tmp_path, "zh_CN")  # the same 869 entries, all translated
    results = json.loads((ar / "results.json").read_text(encoding="utf-8"))
    findings = results["catalogs"][0]["findings"]
    assert len(findings) >= 765
    overview_rows = parse(ar / "index.html", "catalog-findings-caption-1").rows
    assert len(overview_rows) == 1 + 5  # header + the five most important
    # The overview does not grow with the findings: ar's is within 4 KB of the fully translated zh_CN's.
    size_ar, size_zh = (ar / "index.html").stat().st_size, (zh / "index.html").stat().st_size
    assert size_ar - size_zh < 4096, (size_ar, size_zh)
    # ...while the locale page has every entry that needs work and every finding.
    page = parse(ar / "locales" / "ar.html", "work-caption")
    assert len(page.rows) - 1 == results["catalogs"][0]["untranslated"] == 765
    text = (ar / "locales" / "ar.html").read_text(encoding="utf-8")
    assert text.count('<span class="badge sev-') == len(findings)


def test_hostile_locale_code_stays_in_locales_dir_and_is_escaped(tmp_path: Path) -> None:
    evil = "es\u202e<script>alert(1)</script>"
    results = {"schema_version": 1, "targets": [], "locales": [{"code": evil, "dir": "ltr"}],
               "catalogs": [{"locale": evil, "path": "x.po", "total": 1, "untranslated": 1, "findings": [
                   {"check": "catalog:untranslated", "severity": "minor", "message": "<img src=x onerror=alert(1)>",
                    "file": "x.po", "line": 3, "details": {"msgid": "<b onmouseover=alert(1)>", "msgstr": [""],
                                                          "locations": ["<script>.html:1"]}}]}]}
    write_report(results, tmp_path)
    written = list((tmp_path / "locales").iterdir())
    assert [p.name for p in written] == [f"{safe_name(evil)}.html"]
    html = written[0].read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<img src=x" not in html and "<b onmouseover" not in html
    assert "\u202e" not in html
