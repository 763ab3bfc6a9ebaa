"""Locale-only accessibility defects: which locales of a page share each axe violation.

An axe violation is the "same" in two locales of one page when the rule and the element
(axe's selector) are the same. A violation that the source locale does not have, although
the source page was scanned, was introduced by localization (a contrast failure that only
the Arabic stylesheet causes, an alt text lost in translation...).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

from pipeline.model import Finding

AXE_PREFIX = "axe:"


def _key(f: Finding) -> tuple[str, str]:
    return (f.check, f.selector)


def tag_locales(findings: Mapping[str, list[Finding]], source_locale: str,
                scanned: Collection[str]) -> dict[str, list[Finding]]:
    """Add ``details.locales`` (sorted locales with the same violation) and
    ``details.introduced_by_localization`` to every axe finding of one page group.

    ``introduced_by_localization`` is True when the source locale was scanned and lacks the
    violation, False when it has it, and left out when the source was not scanned.
    """
    where: dict[tuple[str, str], set[str]] = {}
    for locale, items in findings.items():
        for f in items:
            if f.check.startswith(AXE_PREFIX) and not f.needs_review:
                where.setdefault(_key(f), set()).add(locale)
    out: dict[str, list[Finding]] = {}
    for locale, items in findings.items():
        tagged = []
        for f in items:
            if f.check.startswith(AXE_PREFIX) and not f.needs_review:
                locales = where[_key(f)]
                extra: dict[str, object] = {"locales": sorted(locales)}
                if source_locale in scanned:
                    extra["introduced_by_localization"] = source_locale not in locales
                f = replace(f, details={**f.details, **extra})
            tagged.append(f)
        out[locale] = tagged
    return out


def introduced_by_localization(results_targets: list[dict[str, object]]) -> list[dict[str, object]]:
    """Findings (results.json dicts) that only non-source locales have: for the report section."""
    out = []
    for t in results_targets:
        for f in t.get("findings") or []:  # type: ignore[attr-defined]
            if isinstance(f, dict) and (f.get("details") or {}).get("introduced_by_localization") is True:
                out.append(f)
    return out
