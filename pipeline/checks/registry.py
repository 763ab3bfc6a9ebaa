"""Every page check, in report order, and the one place config toggles/severities apply."""

from __future__ import annotations

import time
from dataclasses import replace

from pipeline.checks import content_language
from pipeline.checks.axe_results import AXE_META, check_axe
from pipeline.checks.base import CheckMeta, PageContext, RegisteredCheck
from pipeline.checks.bidi_isolation import BIDI_META, check_bidi_isolation
from pipeline.checks.content_language import CONTENT_META, check_content_language
from pipeline.checks.discovery import MISSING_META, check_missing_locales
from pipeline.checks.grouping import group_under_page_finding
from pipeline.checks.head_meta import HEAD_META_META, check_head_meta
from pipeline.checks.hreflang import HREFLANG_META, check_hreflang
from pipeline.checks.lang_dir import DIR_META, LANG_META, check_dir, check_lang
from pipeline.checks.locale_format import FORMAT_META, check_locale_format
from pipeline.checks.missing_glyph import GLYPH_META, check_missing_glyph
from pipeline.checks.rtl_layout import RTL_LAYOUT_META, check_rtl_layout
from pipeline.checks.script_contrast import CONTRAST_META, check_script_contrast
from pipeline.checks.text_overflow import OVERFLOW_META, check_text_overflow
from pipeline.checks.untranslated import (
    NAME_META,
    TEXT_META,
    check_untranslated_names,
    check_untranslated_text,
)
from pipeline.config import Config
from pipeline.model import Finding

PAGE_CHECKS: tuple[RegisteredCheck, ...] = (
    RegisteredCheck(AXE_META, check_axe),
    RegisteredCheck(LANG_META, check_lang),
    RegisteredCheck(DIR_META, check_dir),
    RegisteredCheck(TEXT_META, check_untranslated_text),
    RegisteredCheck(NAME_META, check_untranslated_names),
    RegisteredCheck(MISSING_META, check_missing_locales),
    # issue 9: rendered-page localization checks
    RegisteredCheck(HREFLANG_META, check_hreflang),
    RegisteredCheck(CONTENT_META, check_content_language),
    RegisteredCheck(FORMAT_META, check_locale_format),
    RegisteredCheck(HEAD_META_META, check_head_meta),
    RegisteredCheck(CONTRAST_META, check_script_contrast),
    RegisteredCheck(RTL_LAYOUT_META, check_rtl_layout),
    RegisteredCheck(BIDI_META, check_bidi_isolation),
    RegisteredCheck(OVERFLOW_META, check_text_overflow),
    RegisteredCheck(GLYPH_META, check_missing_glyph),
)


def page_check_metas() -> tuple[CheckMeta, ...]:
    # One row per id: head metadata reports under untranslated-text, registered separately.
    return tuple({c.meta.id: c.meta for c in reversed(PAGE_CHECKS)}[i] for i in dict.fromkeys(
        c.meta.id for c in PAGE_CHECKS))


def apply_config(findings: list[Finding], config: Config) -> list[Finding]:
    """Drop disabled check ids and apply [checks.severity] overrides (exact id or `axe:*`-style)."""
    out = []
    for f in findings:
        if not config.is_enabled(f.check):
            continue
        sev = config.severity_for(f.check, f.severity)
        out.append(f if sev == f.severity else replace(f, severity=sev))
    return out


def run_page_checks(ctx: PageContext, config: Config, costs: dict[str, float] | None = None) -> list[Finding]:
    """Every enabled page check on one target; ``costs`` (if given) gets each check id's seconds."""
    if ctx.artifact.status != "ok":
        return []
    findings: list[Finding] = []
    for check in PAGE_CHECKS:
        if config.is_enabled(check.meta.id):
            t0 = time.perf_counter()
            findings.extend(check.run(ctx, config))
            if costs is not None:
                costs[check.meta.id] = costs.get(check.meta.id, 0.0) + time.perf_counter() - t0
    return group_under_page_finding(apply_config(findings, config))


def warm_up_checks(config: Config) -> None:
    """Start loading what the enabled checks need (in the background) before the first page is in."""
    if config.is_enabled(CONTENT_META.id):
        content_language.warm_up()
