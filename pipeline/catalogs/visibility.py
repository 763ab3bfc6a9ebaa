"""Where a catalog entry shows through on the rendered site, read from a results object.

The untranslated-text and untranslated-accessible-name findings of a scan trace each string left in
the source language back to its catalog entry (``details.catalog_line`` + ``details.msgid``) or say
it is not in the catalog (``details.text``). Joining those with catalog entries tells the
localization team which gaps readers actually meet, and on how many pages. Pure functions over the
results dict, so the report (which reads only results) and the work-package export share them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.text import normalize as _normalize

__all__ = ["TRACING_CHECKS", "PageHit", "Visibility", "locale_visibility"]

TRACING_CHECKS = frozenset({"untranslated-text", "untranslated-accessible-name"})


@dataclass(frozen=True)
class PageHit:
    """One page where the entry's source text shows, with how many times (text nodes + attributes)."""

    page: str
    occurrences: int


@dataclass(frozen=True)
class Visibility:
    """Per locale: pages per catalog line (traced findings) and per shown text (any finding)."""

    by_line: dict[int, dict[str, Counter[str]]]  # line -> msgid -> page -> occurrences
    by_text: dict[str, Counter[str]]  # normalized text -> page -> occurrences
    page_order: dict[str, int]

    def pages_for(self, lineno: int, msgid: str, msgid_plural: str = "") -> tuple[PageHit, ...]:
        """Pages where this entry shows, most occurrences first (then in the run's page order).

        A finding traced to the entry's line counts when it names the same msgid (so results of an
        older catalog whose lines moved do not mislead); a finding whose shown text *is* the msgid
        counts as well, which is how entries missing from the PO are found on the site.
        """
        pages: Counter[str] = Counter()
        if lineno:
            pages.update(self.by_line.get(lineno, {}).get(msgid, Counter()))
        texts = {_normalize(msgid), _normalize(msgid_plural)} - {""}
        for text in texts:
            for page, count in self.by_text.get(text, Counter()).items():
                pages[page] = max(pages[page], count)
        ranked = sorted(pages.items(), key=lambda item: (-item[1], self.page_order.get(item[0], 1 << 30), item[0]))
        return tuple(PageHit(page, count) for page, count in ranked)


def locale_visibility(results: dict[str, Any] | None, locale: str) -> Visibility:
    """Index the tracing findings of ``locale`` in ``results`` (empty when there are none)."""
    by_line: dict[int, dict[str, Counter[str]]] = {}
    by_text: dict[str, Counter[str]] = {}
    pages = [str(p) for p in (results or {}).get("pages") or []]
    for finding in _tracing_findings(results, locale):
        page = str(finding.get("page", ""))
        details = finding.get("details") or {}
        if not isinstance(details, dict):
            continue
        line, msgid = details.get("catalog_line"), details.get("msgid")
        if isinstance(line, int) and line > 0 and isinstance(msgid, str):
            by_line.setdefault(line, {}).setdefault(msgid, Counter())[page] += 1
        text = details.get("text")
        if isinstance(text, str) and text:
            by_text.setdefault(_normalize(text), Counter())[page] += 1
    return Visibility(by_line, by_text, {page: i for i, page in enumerate(pages)})


def _tracing_findings(results: dict[str, Any] | None, locale: str) -> Iterable[dict[str, Any]]:
    for target in (results or {}).get("targets") or []:
        if not isinstance(target, dict) or str(target.get("locale", "")) != locale:
            continue
        for finding in target.get("findings") or []:
            if isinstance(finding, dict) and finding.get("check") in TRACING_CHECKS:
                yield finding
