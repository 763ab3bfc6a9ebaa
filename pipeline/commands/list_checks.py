"""`a11y-l10n checks`: every check id with its default severity and title."""

from __future__ import annotations

from pipeline.checks.catalog import CATALOG_CHECKS
from pipeline.checks.registry import page_check_metas


def list_checks() -> int:
    rows = [(m.id, m.severity, m.title) for m in page_check_metas()]
    rows += [(m.id, m.severity, m.title) for m, _ in CATALOG_CHECKS]
    for check_id, severity, title in rows:
        print(f"{check_id:<32} {severity:<9} {title}")
    return 0
