"""text-overflow: text clipped or spilling out of its box in a locale where the source locale fits.

Facts from the page: elements whose content is larger than their box (scrollWidth > clientWidth
or scrollHeight > clientHeight; scroll containers are left out, they are meant to scroll).
Clipped: overflow hidden/clip or text-overflow: ellipsis on that axis. Spilling: the element's
own text reaches outside its border box (a fixed-size button or label). Only overflow the
source-locale rendering of the same element does not have is a localization defect.
"""

from __future__ import annotations

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.config import Config
from pipeline.model import Finding, OverflowFact, PageArtifact

OVERFLOW_META = CheckMeta(
    id="text-overflow",
    title="Translated text fits its box",
    description="Text clipped (overflow hidden, text-overflow: ellipsis) or spilling out of a fixed-size "
    "box such as a button or label in this locale, where the source-locale page fits.",
    severity="moderate",
)

CLIPS = ("hidden", "clip")
MIN_PX = 2  # sub-pixel rounding and 1px borders are not overflow
MAX_FINDINGS = 20
MIN_CUT_Y_PX = 12


def overflow_kind(o: OverflowFact) -> str:
    """'clipped-x', 'clipped-y', 'spills' or '' for an overflow a reader notices."""
    over_x = o.scroll_width - o.client_width >= MIN_PX
    if over_x and (o.overflow_x in CLIPS or o.text_overflow == "ellipsis"):
        return "clipped-x"
    # Vertically, a line's content area (tall for Arabic and CJK fonts) already exceeds its box by a
    # few pixels without any ink being lost; only a cut of a good part of a line counts.
    cut_y = o.scroll_height - o.client_height
    if o.overflow_y in CLIPS and cut_y >= MIN_CUT_Y_PX and cut_y >= 0.25 * o.client_height:
        return "clipped-y"
    if o.own_text and over_x and o.overflow_x == "visible" and o.spill_x >= MIN_PX:
        return "spills"
    return ""


def _in_source(source: PageArtifact, selector: str) -> bool:
    """The element exists and has text on the source page (so 'not overflowing there' means it fits)."""
    prefix = selector + " > "
    return any(r.selector == selector or r.selector.startswith(prefix) for r in source.text_runs)


def check_text_overflow(ctx: PageContext, config: Config) -> list[Finding]:
    art, src = ctx.artifact, ctx.source
    if src is None or art.locale == src.locale or art.l10n_layout is None or src.l10n_layout is None:
        return []
    src_over = {o.selector: overflow_kind(o) for o in src.l10n_layout.overflow}
    findings: list[Finding] = []
    reported: list[str] = []
    for o in art.l10n_layout.overflow:
        kind = overflow_kind(o)
        if not kind or src_over.get(o.selector) or not _in_source(src, o.selector):
            continue
        if any(o.selector.startswith(r + " > ") or r.startswith(o.selector + " > ") for r in reported):
            continue
        if kind == "spills":
            how = f"spills {o.spill_x:.0f}px out of its {o.tag}"
        elif kind == "clipped-x":
            how = (f"is cut off: {o.scroll_width}px of text in a {o.client_width}px box"
                   + (" (ellipsis)" if o.text_overflow == "ellipsis" else f" (overflow-x: {o.overflow_x})"))
        else:
            how = f"is cut off: {o.scroll_height}px of text in a {o.client_height}px high box"
        findings.append(Finding(
            check=OVERFLOW_META.id, severity=OVERFLOW_META.severity, page=art.page, locale=art.locale,
            selector=o.selector, snippet=o.snippet,
            message=f"text \"{o.text[:80]}\" {how}; the source-locale text fits. Let the box grow "
                    "(min-inline-size instead of a fixed width, no nowrap) or shorten the translation",
            details={"kind": kind, "text": o.text, "scroll_width": o.scroll_width, "client_width": o.client_width,
                     "scroll_height": o.scroll_height, "client_height": o.client_height},
        ))
        reported.append(o.selector)
        if len(findings) >= MAX_FINDINGS:
            break
    return findings
