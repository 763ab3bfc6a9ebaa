"""rtl-layout: right-to-left content whose layout did not mirror the source-locale page.

Judged by boxes, not by reading CSS: the same element (same selector) is placed inside its
parent's content box on the source page (left-to-right) and on the right-to-left page. An
element that clearly hugs one side on the source page must hug the other side when mirrored;
hugging the same physical side means a physical property (text-align: left, float: left,
margin-left, left: ...) pinned it. The computed physical properties are named as the likely
cause. Directional icons (arrow/chevron class names, or non-mirroring arrow characters such
as →) that look the same on both pages were not flipped.
"""

from __future__ import annotations

import unicodedata

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.config import Config
from pipeline.model import Finding, LayoutBox

RTL_LAYOUT_META = CheckMeta(
    id="rtl-layout",
    title="Right-to-left layout is mirrored",
    description="On a right-to-left locale, an element or a line of text that sits on the same physical "
    "side as on the source-locale page (where it should be mirrored), or a directional icon or arrow "
    "that is not flipped. Compared by rendered boxes with the same page in the source locale.",
    severity="moderate",
)

MIN_FREE_PX = 24.0  # below this there is no side to speak of
HUG_RATIO = 0.25  # near gap <= 25 % of far gap: the element clearly hugs one side
MAX_FINDINGS = 20
# Arrows that the bidi algorithm does not mirror (unlike ‹ › « » < > ( ) [ ]).
LOGICAL = {"text-align": "text-align: start or end", "float": "float: inline-start or inline-end",
           "left": "inset-inline-start", "right": "inset-inline-end",
           "margin-left": "margin-inline-start/-end", "margin-right": "margin-inline-start/-end"}
ARROWS = frozenset("→←⇒⇐⟶⟵⟹⟸➔➜➝➞➟➠➡⬅▶◀►◄▸◂▹◃▷◁⮕⭢⭠🡒🡐🠖🠔🠒🠐")


def _side(near_left: float, near_right: float) -> str:
    far, near = max(near_left, near_right), min(near_left, near_right)
    if far < MIN_FREE_PX or near > HUG_RATIO * far:
        return ""
    return "left" if near_left < near_right else "right"


def box_side(b: LayoutBox) -> str:
    return _side(b.x - b.container_x, b.container_x + b.container_width - (b.x + b.width))


def line_side(b: LayoutBox) -> str:
    if b.line_x is None or b.line_width is None or b.inner_width is None:
        return ""
    return _side(b.line_x, b.inner_width - b.line_x - b.line_width)


def _px(value: str) -> float:
    try:
        return float(value.removesuffix("px"))
    except ValueError:
        return 0.0


def likely_cause(b: LayoutBox, side: str, what: str) -> str:
    """The physical CSS property (as computed) that pins the element to ``side``, if one does."""
    if (what == "text" or b.display.startswith("inline")) and b.text_align in ("left", "right"):
        return f"text-align: {b.text_align}"
    if b.css_float in ("left", "right"):
        return f"float: {b.css_float}"
    if b.position in ("absolute", "fixed") and b.left != "auto" and b.right == "auto":
        return f"left: {b.left}"
    if b.position in ("absolute", "fixed") and b.right != "auto" and b.left == "auto":
        return f"right: {b.right}"
    far = "right" if side == "left" else "left"
    margin = {"left": b.margin_left, "right": b.margin_right}
    if margin[far] == "auto" or _px(margin[far]) > _px(margin[side]) + 8:
        return f"margin-{far}: {margin[far]}"
    return ""


def check_rtl_layout(ctx: PageContext, config: Config) -> list[Finding]:
    art, src = ctx.artifact, ctx.source
    if ctx.locale.dir != "rtl" or src is None or art.computed_dir != "rtl" or src.computed_dir != "ltr":
        return []
    findings: list[Finding] = []
    lay, src_lay = art.l10n_layout, src.l10n_layout
    if lay is not None and src_lay is not None:
        findings.extend(_boxes(ctx, {b.selector: b for b in src_lay.boxes}, lay.boxes))
    findings.extend(_text_arrows(ctx))
    return findings[:MAX_FINDINGS]


def _boxes(ctx: PageContext, source: dict[str, LayoutBox], boxes: tuple[LayoutBox, ...]) -> list[Finding]:
    out: list[Finding] = []
    reported: list[str] = []
    for b in boxes:
        s = source.get(b.selector)
        if s is None or s.tag != b.tag or b.dir != "rtl" or b.parent_dir != "rtl" or s.dir != "ltr":
            continue
        if any(b.selector.startswith(r + " > ") for r in reported):
            continue  # a child of something already reported moved with it
        if abs(s.container_width - b.container_width) > 0.2 * max(s.container_width, 1.0):
            continue  # the containers differ too much for positions to be compared
        what, side = "box", box_side(b)
        if not (side and side == box_side(s)):
            what, side = "text", line_side(b)
            if not (side and side == line_side(s)):
                what, side = "", ""
        if what:
            cause = likely_cause(b, side, what)
            thing = "its text" if what == "text" else "it"
            message = (f"{b.tag} is not mirrored: on the source page {thing} sits on the {side}, and on this "
                       f"right-to-left page {thing} still sits on the {side}"
                       + (f" ({cause}; use {LOGICAL[cause.split(':')[0]]})" if cause else ""))
            out.append(_finding(ctx, b, message, {"kind": what, "side": side, "cause": cause}))
            reported.append(b.selector)
        elif b.icon and s.icon and b.transform == s.transform:
            out.append(_finding(ctx, b, f"directional icon {b.tag} is not flipped on this right-to-left page "
                                        f"(same transform as on the source page: {b.transform}); flip it, e.g. "
                                        "[dir=rtl] .icon { transform: scaleX(-1) }",
                                {"kind": "icon", "transform": b.transform}))
            reported.append(b.selector)
    return out


def _text_arrows(ctx: PageContext) -> list[Finding]:
    """Arrow characters that the bidi algorithm does not mirror, the same as on the source page."""
    art, src = ctx.artifact, ctx.source
    if src is None:
        return []
    src_arrows = {r.selector: {c for c in r.text if c in ARROWS} for r in src.text_runs}
    out = []
    for run in art.text_runs:
        if run.dir != "rtl" or not run.visible:
            continue
        same = {c for c in run.text if c in ARROWS and not unicodedata.mirrored(c)}
        same &= src_arrows.get(run.selector, set())
        if same:
            chars = "".join(sorted(same))
            out.append(Finding(check=RTL_LAYOUT_META.id, severity=RTL_LAYOUT_META.severity, page=art.page,
                               locale=art.locale, selector=run.selector, snippet=run.snippet,
                               message=f"arrow {chars} points the same way as on the source page; in right-to-left "
                                       "text it should point the other way (the bidi algorithm does not mirror it)",
                               details={"kind": "arrow", "chars": chars, "text": run.text}))
    return out


def _finding(ctx: PageContext, b: LayoutBox, message: str, details: dict[str, object]) -> Finding:
    art = ctx.artifact
    snippet = next((r.snippet for r in art.text_runs if r.selector == b.selector), "")
    return Finding(check=RTL_LAYOUT_META.id, severity=RTL_LAYOUT_META.severity, message=message,
                   selector=b.selector, page=art.page, locale=art.locale, snippet=snippet,
                   details={**details, "x": b.x, "width": b.width, "container_x": b.container_x,
                            "container_width": b.container_width})
