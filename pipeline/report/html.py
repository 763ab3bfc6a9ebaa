"""The HTML report: ``index.html`` (overview) plus one page per target under ``targets/``.

Security model: everything in ``results`` came from scanned pages and is hostile. Jinja
autoescapes every template (no ``|safe`` on data anywhere), links are allow-listed to
http/https, bidi controls are shown as text, and a CSP with no script source means that
even a missed escape could not run code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pipeline.files.atomic import atomic_write_text
from pipeline.files.names import safe_name
from pipeline.model import SEVERITIES
from pipeline.text import link_url, reveal_code, reveal_prose

from .introduced import introduced_rows
from .locale_page import locale_context, locale_page_href, overview_items
from .overlay import LABEL_FULL, LABEL_THUMB, Shot, number_findings, shot_of
from .trends import trends_context
from .view import (
    SEVERITIES_DESC,
    all_counted_findings,
    build_matrix,
    check_rows,
    counted_findings,
    failed_targets,
    is_a11y,
    make_cell,
    percent,
    review_findings,
    sort_findings,
    target_file_name,
    verdict,
)

TEMPLATE_DIR = Path(__file__).parent / "templates"
TARGETS_DIR = "targets"
COMPARE_DIR = "compare"  # one page per page id: its locales side by side
INDEX_FILE = "index.html"

# No script source at all. 'self' covers screenshots both over http and from file://
# (Chromium matches file: images against a file: page's 'self'); data: is for nothing
# but costs nothing. Inline <style> only, so the report is a single self-contained file.
CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)

# Only well-formed tags go into a lang attribute: a malformed one would make the report
# itself fail axe's valid-lang rule.
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

# Long axe "details" blobs would swamp the page; the full data stays in results.json.
_MAX_DETAILS_CHARS = 4000

_FINDING_DEFAULTS: dict[str, Any] = {
    "check": "",
    "severity": "",
    "message": "",
    "selector": "",
    "page": "",
    "locale": "",
    "snippet": "",
    "help_url": "",
    "file": "",
    "line": 0,
    "needs_review": False,
    "details": {},
    "number": 0,
    "outlined": None,
}


def make_environment() -> Environment:
    """Jinja environment used for every report template.

    ``select_autoescape(default=True, default_for_string=True)`` escapes all templates,
    whatever their extension (``.html.j2`` is not in Jinja's default list).
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,  # a template typo fails loudly in tests, not silently blank
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(prose=reveal_prose, code=reveal_code, link_url=link_url, details_json=_details_json,
                       compare_file=compare_file)
    env.tests["lang_tag"] = _is_lang_tag
    env.globals.update(CSP=CSP, SEVERITIES_DESC=SEVERITIES_DESC)
    return env


def write_html_report(results: dict[str, Any], run_dir: Path) -> Path:
    """Render ``index.html`` and every target page into ``run_dir``; return the index path."""
    run_dir = Path(run_dir)
    env = make_environment()
    run = _run_context(results)
    for target in results.get("targets") or []:
        page = env.get_template("target.html.j2").render(run=run, **_target_context(results, target))
        atomic_write_text(run_dir / TARGETS_DIR / f"{target_file_name(target)}.html", page)
    _write_locale_pages(env, results, run_dir, run)
    write_compare_pages(env, run, results, run_dir)
    index = run_dir / INDEX_FILE
    atomic_write_text(index, env.get_template("index.html.j2").render(run=run, **_index_context(results)))
    return index


def _write_locale_pages(env: Environment, results: dict[str, Any], run_dir: Path, run: dict[str, Any]) -> None:
    """``locales/<locale>.html`` per catalog (none when the run has no catalogs)."""
    for catalog in _catalogs(results):
        context = locale_context(results, catalog, _finding_view)
        page = env.get_template("locale.html.j2").render(run=run, c=_catalog_view(catalog), **context)
        atomic_write_text(run_dir / locale_page_href(str(catalog.get("locale", ""))), page)


def _catalogs(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in results.get("catalogs") or [] if isinstance(c, dict)]


def _catalog_overview(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Per locale: counts per check and the few most important findings; full lists are on the locale page."""
    overview = []
    for catalog in _catalogs(results):
        items = overview_items(results, catalog)
        overview.append({**items, "top": [_finding_view(f) for f in items["top"]]})
    return overview


def _run_context(results: dict[str, Any]) -> dict[str, Any]:
    """Header facts with defaults, so a partial results file still renders."""
    tool = results.get("tool") or {}
    engine = results.get("engine") or {}
    summary = results.get("summary") or {}
    by_sev = summary.get("by_severity") or {}
    return {
        "tool_name": tool.get("name", "a11y-l10n"),
        "tool_version": tool.get("version", ""),
        "schema_version": results.get("schema_version", ""),
        "run_id": results.get("run_id", ""),
        "started_at": results.get("started_at", ""),
        "finished_at": results.get("finished_at", ""),
        "duration_s": results.get("duration_s", ""),
        "complete": bool(results.get("complete", False)),
        "axe": engine.get("axe", ""),
        "browser": engine.get("browser", ""),
        "fail_on": results.get("fail_on", ""),
        "exit_code": results.get("exit_code", ""),
        "verdict": verdict(results),
        "targets": summary.get("targets", len(results.get("targets") or [])),
        "errors": summary.get("errors", len(failed_targets(results))),
        "failing_findings": summary.get("failing_findings", ""),
        "by_severity": [(sev, by_sev.get(sev, 0)) for sev in SEVERITIES_DESC],
    }


def _index_context(results: dict[str, Any]) -> dict[str, Any]:
    return {
        "matrix": build_matrix(results),
        "catalogs": [_catalog_view(c) for c in results.get("catalogs") or []],
        "catalog_overview": _catalog_overview(results),
        "locale_pages": {str(c.get("locale", "")): c["href"] for c in map(_catalog_view, _catalogs(results))},
        "check_rows": check_rows(results),
        "total_findings": len(all_counted_findings(results)),
        "failed": [_failed_view(t) for t in failed_targets(results)],
        "introduced": introduced_rows(results),
        **trends_context(results),
    }


def _catalog_view(catalog: dict[str, Any]) -> dict[str, Any]:
    keys = ("total", "translated", "fuzzy", "untranslated", "obsolete")
    view = {k: catalog.get(k, 0) for k in keys}
    pct = percent(catalog.get("percent"))
    # The bar width is a number we format ourselves, never a scanned string.
    return {
        **view,
        "locale": catalog.get("locale", ""),
        "path": catalog.get("path", ""),
        "percent": pct,
        "bar_width": f"{pct:.1f}",
        "href": locale_page_href(str(catalog.get("locale", ""))),
        **_word_view(catalog),
    }


def _word_view(catalog: dict[str, Any]) -> dict[str, Any]:
    """Source-word counts (pocount's counting); ``has_words`` is False for results from before they existed."""
    keys = ("words_total", "words_translated", "words_fuzzy", "words_untranslated")
    return {
        "has_words": "words_total" in catalog,
        **{k: catalog.get(k, 0) for k in keys},
        "words_percent": f"{percent(catalog.get('words_percent')):.1f}",
    }


def _failed_view(target: dict[str, Any]) -> dict[str, Any]:
    return {
        "page": target.get("page", ""),
        "locale": target.get("locale", ""),
        "error": target.get("error") or "unknown error",
        "href": f"{TARGETS_DIR}/{target_file_name(target)}.html",
    }


def _numbered_findings(results: dict[str, Any], target: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The target's findings as listed on its page, numbered 1..n (the numbers on the screenshot)."""
    findings = counted_findings(target)
    loc = _locale_info(results, str(target.get("locale", "")))
    groups = {
        "a11y": [_finding_view(f, loc) for f in sort_findings([f for f in findings if is_a11y(f)])],
        "l10n": [_finding_view(f, loc) for f in sort_findings([f for f in findings if not is_a11y(f)])],
        "review": [_finding_view(f, loc) for f in sort_findings(review_findings(target))],
    }
    number_findings(groups["a11y"], groups["l10n"], groups["review"])
    return groups


def _target_context(results: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
    locale = _locale_info(results, str(target.get("locale", "")))
    groups = _numbered_findings(results, target)
    # Target pages live one level down, in targets/.
    shot = shot_of(target, [*groups["a11y"], *groups["l10n"], *groups["review"]], prefix="../")
    _mark_outlined(groups, shot)
    return {
        "t": _target_view(target),
        "expected": {**locale, "text_dir": _text_dir(locale)},
        **groups,
        "shot": shot,
        "label_size": LABEL_FULL,
        "compare_href": f"../{COMPARE_DIR}/{compare_file(target.get('page'))}.html",
        "screenshot_raw": target.get("screenshot") or "",
    }


def _mark_outlined(groups: dict[str, list[dict[str, Any]]], shot: Shot | None) -> None:
    # None: there is no sized screenshot to outline on (nothing to say about it).
    numbers = shot.numbers if shot is not None and shot.width else None
    for group in groups.values():
        for view in group:
            view["outlined"] = None if numbers is None else view["number"] in numbers


def compare_file(page: object) -> str:
    return safe_name(str(page if page is not None else ""))


def write_compare_pages(env: Environment, run: dict[str, Any], results: dict[str, Any], run_dir: Path) -> None:
    """One page per page id: every locale's screenshot side by side, findings outlined and numbered."""
    matrix = build_matrix(results)
    template = env.get_template("compare.html.j2")
    for page, row in zip(matrix.pages, matrix.rows, strict=True):
        columns = [_compare_column(results, cell.target, loc)
                   for cell, loc in zip(row, matrix.locales, strict=True) if cell.target is not None]
        html = template.render(run=run, page=page, cells=row, columns=columns, label_size=LABEL_THUMB)
        atomic_write_text(run_dir / COMPARE_DIR / f"{compare_file(page)}.html", html)


def _compare_column(results: dict[str, Any], target: dict[str, Any], loc: dict[str, Any]) -> dict[str, Any]:
    info = _locale_info(results, str(target.get("locale", "")))
    groups = _numbered_findings(results, target)
    listed = [*groups["a11y"], *groups["l10n"], *groups["review"]]
    shot = shot_of(target, listed, prefix="../")
    numbers = shot.numbers if shot is not None else frozenset()
    return {
        "t": _target_view(target),
        "loc": {**info, "dir": info["dir"] or str(loc.get("dir") or "")},
        "text_dir": _text_dir(info),
        "cell": make_cell(str(target.get("page", "")), str(target.get("locale", "")), target,
                          str(results.get("fail_on", ""))),
        "shot": shot,
        "legend": [f for f in listed if f["number"] in numbers],
        "target_href": f"../{TARGETS_DIR}/{target_file_name(target)}.html",
    }


def _text_dir(locale: dict[str, str]) -> str:
    """dir for text taken from a locale's page: only the two values HTML knows, else none."""
    return locale.get("dir", "") if locale.get("dir") in ("ltr", "rtl") else ""


def _target_view(target: dict[str, Any]) -> dict[str, Any]:
    keys = ("page", "locale", "url", "status", "error", "http_status", "title", "duration_s")
    view: dict[str, Any] = {k: target.get(k) if target.get(k) is not None else "" for k in keys}
    view["html_lang"] = target.get("html_lang")
    view["html_dir"] = target.get("html_dir")
    view["href"] = link_url(target.get("url"))
    return view


def _locale_info(results: dict[str, Any], code: str) -> dict[str, str]:
    for loc in results.get("locales") or []:
        if isinstance(loc, dict) and str(loc.get("code")) == code:
            return {"code": code, "lang": str(loc.get("lang") or ""), "dir": str(loc.get("dir") or "")}
    return {"code": code, "lang": "", "dir": ""}


def _finding_view(finding: dict[str, Any], loc: dict[str, str] | None = None) -> dict[str, Any]:
    view = {**_FINDING_DEFAULTS, **finding}
    # Snippets are text of the locale's page: marked with its language and direction (when valid).
    lang = (loc or {}).get("lang", "")
    view["text_lang"] = lang if _is_lang_tag(lang) else ""
    view["text_dir"] = _text_dir(loc or {})
    severity = str(view["severity"])
    # Used in a class name: only known values, so data cannot pick arbitrary styling.
    view["sev_class"] = severity if severity in SEVERITIES else "unknown"
    view["help_href"] = link_url(view["help_url"])
    return view


def _details_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    if len(text) > _MAX_DETAILS_CHARS:
        text = text[:_MAX_DETAILS_CHARS] + "\n… (truncated; full details in results.json)"
    return text


def _is_lang_tag(value: object) -> bool:
    return isinstance(value, str) and _LANG_TAG.fullmatch(value) is not None
