"""One page-level finding instead of a hundred: group a page's per-text findings under it.

When content-language finds a page mostly in another language, that page's per-block
content-language findings and its untranslated-text findings say the same thing again and
again. They are moved into the page-level finding's ``details.grouped`` (kept in full, shown
in its details in the report) so the target lists, and the summary counts, one finding.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.checks.content_language import CONTENT_META, PAGE_SCOPE
from pipeline.checks.untranslated import TEXT_META
from pipeline.model import Finding

GROUPED_CHECKS = frozenset({CONTENT_META.id, TEXT_META.id})


def group_under_page_finding(findings: list[Finding]) -> list[Finding]:
    parent = next((f for f in findings if f.check == CONTENT_META.id and f.details.get("scope") == PAGE_SCOPE),
                  None)
    if parent is None:
        return findings
    children = [f for f in findings if f is not parent and f.check in GROUPED_CHECKS and not f.needs_review]
    if not children:
        return findings
    grouped = [{"check": f.check, "selector": f.selector, "message": f.message, "severity": f.severity,
                "details": f.details} for f in children]
    merged = replace(parent, details={**parent.details, "grouped": grouped, "grouped_count": len(grouped)},
                     message=f"{parent.message} ({len(grouped)} finding(s) on this page grouped under this one)")
    dropped = {id(f) for f in children}
    return [merged if f is parent else f for f in findings if id(f) not in dropped]
