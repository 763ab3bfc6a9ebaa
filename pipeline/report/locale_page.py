"""Per-locale pages (``locales/<locale>.html``) and the short catalog part of the overview.

For the localization team: coverage by messages and words, every entry that needs work with its
``#:`` references and the pages where its source text shows through on the rendered site (joined from
the untranslated-text tracing, most visible first), and the catalog findings grouped by check. The
overview keeps only counts and the few most important items per locale, so a catalog with hundreds of
untranslated entries does not make it grow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.catalogs.visibility import PageHit, Visibility, locale_visibility
from pipeline.files.names import safe_name
from pipeline.model import severity_rank

from .view import sort_findings

LOCALES_DIR = "locales"
# How many catalog findings of one locale the overview shows before linking to the locale page.
OVERVIEW_ITEMS = 5
# Checks whose entry-level findings mean "a translator has to do something here".
_WORK_CHECKS = {
    "catalog:untranslated": "untranslated",
    "catalog:fuzzy": "fuzzy",
    "catalog:plural-forms": "plural forms",
}


def locale_page_href(locale: str) -> str:
    """Relative to the run directory; the name cannot collide with target pages (other directory)."""
    return f"{LOCALES_DIR}/{safe_name(locale)}.html"


@dataclass(frozen=True)
class WorkRow:
    """One catalog entry that needs work, with where it shows on the site."""

    status: str
    msgid: str
    msgid_plural: str
    context: str
    file: str
    line: int
    locations: tuple[str, ...]
    pages: tuple[dict[str, Any], ...]  # {"page", "occurrences", "href"}
    occurrences: int


def work_rows(catalog: dict[str, Any], visibility: Visibility) -> list[WorkRow]:
    """Entries reported untranslated / fuzzy / with plural-form problems, most visible on the site first."""
    rows: list[WorkRow] = []
    seen: set[tuple[str, str, int]] = set()
    locale = str(catalog.get("locale", ""))
    for finding in _findings(catalog):
        status = _WORK_CHECKS.get(str(finding.get("check")))
        details = _details(finding)
        msgid = details.get("msgid")
        if status is None or not isinstance(msgid, str):
            continue
        line = _int(finding.get("line"))
        context, plural = str(details.get("context") or ""), str(details.get("msgid_plural") or "")
        if (context, msgid, line) in seen:
            continue  # e.g. an entry both fuzzy and short of plural forms: listed once, first reason
        seen.add((context, msgid, line))
        if details.get("missing_from_po"):
            status = "missing from PO"
        hits = visibility.pages_for(line, msgid, plural)
        rows.append(WorkRow(
            status=status, msgid=msgid, msgid_plural=plural, context=context,
            file=str(finding.get("file") or ""), line=line,
            locations=tuple(str(x) for x in details.get("locations") or () if isinstance(x, str)),
            pages=tuple(_page_link(hit, locale) for hit in hits),
            occurrences=sum(hit.occurrences for hit in hits),
        ))
    order = {id(row): index for index, row in enumerate(rows)}
    return sorted(rows, key=lambda r: (-len(r.pages), -r.occurrences, order[id(r)]))


def _page_link(hit: PageHit, locale: str) -> dict[str, Any]:
    return {"page": hit.page, "occurrences": hit.occurrences,
            "href": f"../targets/{safe_name(hit.page, locale)}.html"}


def locale_context(results: dict[str, Any], catalog: dict[str, Any],
                   finding_view: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    locale = str(catalog.get("locale", ""))
    visibility = locale_visibility(results, locale)
    groups: dict[str, list[dict[str, Any]]] = {}
    for finding in sort_findings(_findings(catalog)):
        groups.setdefault(str(finding.get("check", "")), []).append(finding_view(finding))
    rows = work_rows(catalog, visibility)
    return {
        "locale": locale,
        "rows": rows,
        "seen_on_site": sum(1 for row in rows if row.pages),
        "has_scan": bool(results.get("targets")),
        "groups": sorted(groups.items(), key=lambda item: (-severity_rank(str(item[1][0]["severity"])), item[0])),
        "finding_count": sum(len(items) for items in groups.values()),
    }


def overview_items(results: dict[str, Any], catalog: dict[str, Any]) -> dict[str, Any]:
    """What the overview keeps of one locale: counts per check and the few most important findings.

    Most important: most severe first, then entries seen on the most pages, then file order.
    """
    locale = str(catalog.get("locale", ""))
    visibility = locale_visibility(results, locale)
    findings = _findings(catalog)

    def importance(finding: dict[str, Any]) -> tuple[int, int, int]:
        details = _details(finding)
        msgid = details.get("msgid")
        pages = visibility.pages_for(_int(finding.get("line")), msgid, str(details.get("msgid_plural") or "")) \
            if isinstance(msgid, str) else ()
        return (-severity_rank(str(finding.get("severity", ""))), -len(pages), _int(finding.get("line")))

    top = sorted(sort_findings(findings), key=importance)[:OVERVIEW_ITEMS]
    counts: dict[str, int] = {}
    for finding in findings:
        counts[str(finding.get("check", ""))] = counts.get(str(finding.get("check", "")), 0) + 1
    return {"locale": locale, "href": locale_page_href(locale), "total": len(findings),
            "counts": sorted(counts.items()), "top": top}


def _findings(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in catalog.get("findings") or [] if isinstance(f, dict) and not f.get("needs_review")]


def _details(finding: dict[str, Any]) -> dict[str, Any]:
    details = finding.get("details")
    return details if isinstance(details, dict) else {}


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
