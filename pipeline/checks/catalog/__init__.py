"""Catalog checks: pure functions ``(CatalogArtifact) -> list[Finding]`` over a PO file read as plain data.

No file access here, so a saved artifact can be re-checked by another run. Where msgfmt has an
opinion the checks follow it (``msgfmt -c`` for placeholders and plural forms, ``msgfmt --statistics``
for what counts as untranslated or fuzzy), so findings and coverage numbers never disagree.
"""

from __future__ import annotations

from pipeline.checks.base import CheckMeta
from pipeline.checks.catalog.entries import (
    DUPLICATE,
    FORMAT_MISMATCH,
    FUZZY,
    NOT_IN_TEMPLATE,
    OBSOLETE,
    PLURAL_FORMS,
    UNTRANSLATED,
    CatalogCheck,
    check_duplicate,
    check_fuzzy,
    check_not_in_template,
    check_obsolete,
    check_plural_forms,
    check_untranslated,
)
from pipeline.checks.catalog.formats import formats_checked
from pipeline.checks.catalog.placeholders import check_format_mismatch, placeholder_problems
from pipeline.checks.catalog.quality import QUALITY_CHECKS, CatalogCheckSettings
from pipeline.model import CatalogArtifact, Finding

__all__ = [
    "CATALOG_CHECKS",
    "DUPLICATE",
    "FORMAT_MISMATCH",
    "FUZZY",
    "NOT_IN_TEMPLATE",
    "OBSOLETE",
    "PLURAL_FORMS",
    "UNTRANSLATED",
    "CatalogCheck",
    "CheckMeta",
    "check_duplicate",
    "check_format_mismatch",
    "check_fuzzy",
    "check_not_in_template",
    "check_obsolete",
    "check_plural_forms",
    "check_untranslated",
    "formats_checked",
    "placeholder_problems",
    "run_catalog_checks",
]

# --------------------------------------------------------------------------------------------------
# Registry and entry point

CATALOG_CHECKS: tuple[tuple[CheckMeta, CatalogCheck], ...] = (
    (UNTRANSLATED, check_untranslated),
    (FUZZY, check_fuzzy),
    (OBSOLETE, check_obsolete),
    (FORMAT_MISMATCH, check_format_mismatch),
    (PLURAL_FORMS, check_plural_forms),
    (DUPLICATE, check_duplicate),
    (NOT_IN_TEMPLATE, check_not_in_template),
    *QUALITY_CHECKS,  # built on pofilter; they also accept CatalogCheckSettings (config)
)
_CONFIGURED = {meta.id: check for meta, check in QUALITY_CHECKS}


def run_catalog_checks(
    artifact: CatalogArtifact, disabled: frozenset[str] = frozenset(), settings: CatalogCheckSettings | None = None
) -> list[Finding]:
    """Every catalog check not in ``disabled``, findings ordered by line then check id.

    ``settings`` (from the config: do_not_translate...) goes to the checks that read config.
    """
    findings = [
        finding
        for meta, check in CATALOG_CHECKS
        if meta.id not in disabled
        for finding in (
            _CONFIGURED[meta.id](artifact, settings) if settings is not None and meta.id in _CONFIGURED
            else check(artifact)
        )
    ]
    return sorted(findings, key=lambda finding: (finding.line, finding.check))
