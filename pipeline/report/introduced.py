"""Report rows for accessibility violations that only localized pages have.

Reads only the results object: an axe finding carries ``details.locales`` (the locales of
the same page with the same violation) and ``details.introduced_by_localization`` (set by
pipeline.checks.axe_locales when the source locale was scanned and lacks it).
"""

from __future__ import annotations

from typing import Any

from pipeline.files.names import safe_name
from pipeline.report.view import sort_findings

TARGETS_DIR = "targets"


def introduced_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for t in results.get("targets") or []:
        found = [f for f in t.get("findings") or []
                 if isinstance(f, dict) and (f.get("details") or {}).get("introduced_by_localization") is True]
        for f in sort_findings(found):
            locales = (f.get("details") or {}).get("locales") or [t.get("locale", "")]
            rows.append({
                "page": str(t.get("page", "")), "locale": str(t.get("locale", "")), "check": str(f.get("check", "")),
                "severity": str(f.get("severity", "")), "selector": str(f.get("selector", "")),
                "message": str(f.get("message", "")), "locales": ", ".join(str(x) for x in locales),
                "href": f"{TARGETS_DIR}/{safe_name(str(t.get('page', '')), str(t.get('locale', '')))}.html",
            })
    return rows
