"""missing-glyph: characters that no available font renders (tofu boxes).

The gatherer (pipeline/gather/fonts.py) asks Chromium over CDP which fonts drew the elements
holding unusual characters and records the ones none of those fonts covers. An element drawn
partly with a web font is not judged (its coverage is not known here).
"""

from __future__ import annotations

import unicodedata

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.config import Config
from pipeline.model import Finding

GLYPH_META = CheckMeta(
    id="missing-glyph",
    title="Every character has a glyph",
    description="Characters that no available font renders (shown as empty boxes, \"tofu\"), such as an "
    "icon-font code point whose font did not load; names the characters, the fonts Chromium tried and "
    "the element.",
    severity="serious",
)


def describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if not name:
        name = "private use (icon font?)" if unicodedata.category(ch) == "Co" else "unassigned"
    return f"U+{ord(ch):04X} {name}"


def check_missing_glyph(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    findings = []
    for probe in art.font_probes or ():
        if not probe.uncovered or probe.custom_font:
            continue
        chars = ", ".join(describe(c) for c in probe.uncovered)
        fonts = ", ".join(probe.fonts) or "no font"
        findings.append(Finding(
            check=GLYPH_META.id, severity=GLYPH_META.severity, page=art.page, locale=art.locale,
            selector=probe.selector, snippet=probe.snippet,
            message=f"no available font has a glyph for {chars}: it shows as an empty box (drawn with {fonts}); "
                    "load the font that has it, or replace the character",
            details={"chars": probe.uncovered, "code_points": [f"U+{ord(c):04X}" for c in probe.uncovered],
                     "fonts": list(probe.fonts), "text": probe.text},
        ))
    return findings
