"""bidi-isolation: left-to-right runs in right-to-left text (or the reverse) shown out of order.

The gatherer turns each bidi paragraph into text with the Unicode bidi controls the DOM implies
(``<bdi>``, ``dir=``, ``unicode-bidi``), so running the Unicode Bidirectional Algorithm
(python-bidi) on it reorders the text as the browser does. A word-like token whose characters
the paragraph displays in an order other than the token's own (``C++`` shown as ``++C``, a phone
number ``617-555-0100`` shown as ``0100-555-617``) is a finding. Sentence punctuation after a
token belongs to the sentence and is not judged; neither are bare numbers and percentages, whose
placement in right-to-left text is a typographic convention.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bidi import get_display

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.config import Config
from pipeline.model import BidiParagraph, Finding

BIDI_META = CheckMeta(
    id="bidi-isolation",
    title="Mixed-direction runs are isolated",
    description="A left-to-right run (brand, version, phone number, URL, code) with neutral characters at "
    "its edge inside right-to-left text, or the reverse, that is not isolated (<bdi>, dir=\"auto\", "
    "unicode-bidi: isolate, FSI…PDI) and so is displayed in the wrong order.",
    severity="serious",
)

CONTROLS = "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u061c"
_TOKEN = re.compile(f"[^\\s{CONTROLS}]+")
_STRIP_CONTROLS = str.maketrans("", "", CONTROLS)
SENTENCE_END = ".,;:!?…،؛؟"
_INTERNAL_SEPARATOR = re.compile(r"\d[^\d\s]+\d")
MAX_TOKENS_PER_FINDING = 5
_PHONE = re.compile(r"(?<![\w.,])\+?\d{1,4}(?: \d{2,5}){2,}(?![\w.,])")
MIN_PHONE_DIGITS = 7


def _canonical(text: str) -> str:
    # python-bidi reorders but does not mirror glyphs: a ( at a right-to-left level is drawn as ).
    # Comparing with every mirrored character folded to one placeholder ignores that difference.
    return "".join("\ufffc" if unicodedata.mirrored(c) else c for c in text.translate(_STRIP_CONTROLS))


def _classes(text: str) -> set[str]:
    return {unicodedata.bidirectional(c) for c in text}


def token_direction(token: str) -> str:
    """'ltr' / 'rtl' for a token with strong characters of one direction; 'number' for a digit
    group with inner separators (phone numbers, dates); '' for anything not judged."""
    classes = _classes(token)
    ltr, rtl = "L" in classes, bool(classes & {"R", "AL"})
    if ltr and not rtl:
        return "ltr"
    if rtl and not ltr:
        return "rtl"
    if not ltr and not rtl and _INTERNAL_SEPARATOR.search(token):
        return "number"
    return ""


@lru_cache(maxsize=4096)
def _display(text: str, base: str | None) -> str:
    return _canonical(get_display(text, base_dir=base) if base else get_display(text))


def misordered(para: BidiParagraph) -> list[tuple[str, str]]:
    """Tokens of the paragraph that it displays out of their own order: (token, what is shown)."""
    base = None if para.plaintext else ("R" if para.dir == "rtl" else "L")
    visual = _display(para.text, base)
    matches = list(_TOKEN.finditer(para.text))
    out = _phone_numbers(para.text, base, visual)
    for i, m in enumerate(matches):
        token = m.group().rstrip(SENTENCE_END)
        direction = token_direction(token)
        if not direction:
            continue
        expected = _display(token, "R" if direction == "rtl" else "L")
        if expected in visual:
            continue
        out.append((token, _shown(para.text, matches, i, base, token) if direction != "rtl" else ""))
    return out


def _phone_numbers(text: str, base: str | None, visual: str) -> list[tuple[str, str]]:
    """Digit groups separated by spaces ("+20 123 456 789"): each group is in order on its own, but the
    spaces between them take the paragraph's direction, so right-to-left text reverses the groups."""
    out = []
    for m in _PHONE.finditer(text.translate(_STRIP_CONTROLS)):
        number = m.group()
        if sum(c.isdigit() for c in number) < MIN_PHONE_DIGITS or " " not in number:
            continue
        if _canonical(get_display(number, base_dir="L")) not in visual:
            # Alone in right-to-left text the groups show as they would in the paragraph; elsewhere the
            # neighbouring words take part in the reordering, so nothing short can be shown.
            out.append((number, get_display(number, base_dir="R") if base == "R" else ""))
    return out


def _shown(text: str, matches: list[re.Match[str]], i: int, base: str | None, token: str) -> str:
    """The token's own characters in the order they are displayed (left to right), when that can be told
    apart from its neighbours' characters; '' otherwise."""
    lo = matches[max(i - 1, 0)].start()
    hi = matches[min(i + 1, len(matches) - 1)].end()
    window = get_display(text[lo:hi], base_dir=base) if base else get_display(text[lo:hi])
    own = set(token)
    shown = "".join(c for c in window if c in own)
    return shown if len(shown) == len(token) else ""


def check_bidi_isolation(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    if art.l10n_layout is None:
        return []
    findings = []
    for para in art.l10n_layout.paragraphs:
        bad = misordered(para)
        if not bad:
            continue
        token, shown = bad[0]
        context = "right-to-left" if para.dir == "rtl" else "left-to-right"
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        findings.append(Finding(
            check=BIDI_META.id, severity=BIDI_META.severity, page=art.page, locale=art.locale,
            selector=para.selector, snippet=para.snippet,
            message=f"\"{token}\" is displayed out of order in {context} text"
                    + (f" (shown as \"{shown}\")" if shown else "") + f"{more}; "
                    "isolate it: <bdi>, dir=\"ltr\"/\"auto\" on its element, or unicode-bidi: isolate",
            details={"tokens": [t for t, _ in bad[:MAX_TOKENS_PER_FINDING]],
                     "shown": [s for _, s in bad[:MAX_TOKENS_PER_FINDING]],
                     "text": para.text.translate(_STRIP_CONTROLS)[:300]},
        ))
    return findings
