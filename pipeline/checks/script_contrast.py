"""script-contrast: contrast of Arabic-script text, which axe-core's color-contrast may skip.

axe's contrast rule drops text its icon-ligature heuristic takes for an icon font; joined
Arabic letters draw narrower than the letters apart, so after a few such strings in one
font-family axe stops checking that font silently (see the sample site's DEFECTS.md). This
check computes the WCAG 2 contrast ratio of Arabic-script text from the computed text colour
and the first opaque background behind it. Text on images, gradients or translucent layers
is not judged (unknown background); elements axe already reported are not reported again.
"""

from __future__ import annotations

import re

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.config import Config
from pipeline.model import Finding

CONTRAST_META = CheckMeta(
    id="script-contrast",
    title="Arabic-script text has enough contrast",
    description="WCAG 1.4.3 contrast (4.5:1, 3:1 for large text) of Arabic-script text computed from the "
    "rendered colours, because axe-core's color-contrast skips text it mistakes for icon ligatures.",
    severity="serious",
    kind="a11y",
)
_RGB = re.compile(r"rgba?\(([^)]*)\)")


def parse_color(value: str) -> tuple[float, float, float, float] | None:
    m = _RGB.fullmatch(value.strip())
    if not m:
        return None
    parts = [p for p in re.split(r"[\s,/]+", m.group(1)) if p]
    try:
        nums = [float(p.rstrip("%")) / (100 if p.endswith("%") else 1) for p in parts]
    except ValueError:
        return None
    if len(nums) == 3:
        nums.append(1.0)
    return (nums[0], nums[1], nums[2], nums[3]) if len(nums) == 4 else None


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: str, bg: str) -> float | None:
    """WCAG 2 contrast of text colour `fg` (alpha blended) on an opaque background `bg`."""
    f, b = parse_color(fg), parse_color(bg)
    if f is None or b is None or b[3] < 1:
        return None
    a = f[3]
    blended = (f[0] * a + b[0] * (1 - a), f[1] * a + b[1] * (1 - a), f[2] * a + b[2] * (1 - a))
    hi, lo = sorted((_luminance(blended), _luminance(b[:3])), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def is_large(size_px: float, weight: int) -> bool:
    # WCAG large text: 18pt (24px), or 14pt (18.66px) bold.
    return size_px >= 24 or (size_px >= 18.66 and weight >= 700)


def _open_tag(html: str) -> str:
    return html[: html.find(">") + 1] if ">" in html else html


def check_script_contrast(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    axe_nodes = {_open_tag(n.get("html", "")) for r in art.axe.get("violations", [])
                 if r.get("id") == "color-contrast" for n in r.get("nodes", [])}
    findings: list[Finding] = []
    for tc in art.text_colors:
        if not tc.background or _open_tag(tc.snippet) in axe_nodes:
            continue
        ratio = contrast_ratio(tc.color, tc.background)
        if ratio is None:
            continue
        needed = 3.0 if is_large(tc.font_size_px, tc.font_weight) else 4.5
        if ratio + 1e-9 >= needed:
            continue
        findings.append(Finding(
            check=CONTRAST_META.id, severity=CONTRAST_META.severity, selector=tc.selector, page=art.page,
            locale=art.locale, snippet=tc.snippet,
            message=f"Arabic-script text has contrast {ratio:.2f}:1 ({tc.color} on {tc.background}), below "
            f"{needed:g}:1",
            help_url="https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum.html",
            details={"ratio": round(ratio, 2), "required": needed, "color": tc.color,
                     "background": tc.background, "font_size_px": tc.font_size_px, "text": tc.text},
        ))
    return findings
