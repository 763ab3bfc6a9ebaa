"""Scanned text: normalised for comparison, and made safe to *show* (visible control characters, link-safe URLs).

HTML escaping (done by Jinja autoescape) stops markup injection, but not visual tricks:
a U+202E in a scanned title can reorder the report's own text, and a ``javascript:`` URL
is perfectly escaped yet still runs when clicked. These helpers handle those.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

# Unicode Bidi_Control: ALM, LRM, RLM, embeddings/overrides, isolates. In prose these are
# always shown visibly: they are exactly what an l10n reviewer needs to see, and hidden
# they can make the report lie about what the page says.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_PROSE_CONTROLS = re.compile(f"[{_BIDI_CONTROLS}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")
# In code (snippets, selectors, URLs) zero-width and BOM characters are shown as well,
# since a reader copies these literally.
_CODE_CONTROLS = re.compile(
    f"[{_BIDI_CONTROLS}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]"
)
# Terminals also obey ESC sequences and carriage returns, so the console hides \r too.
_CONSOLE_CONTROLS = re.compile(f"[{_BIDI_CONTROLS}\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]")

_LINKABLE_SCHEMES = frozenset({"http", "https"})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Entities decoded, runs of white space folded: how page text and catalog text are compared."""
    return _SPACE.sub(" ", html.unescape(text)).strip()


def _codepoint(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group(0)):04X}>"


def reveal_prose(value: object) -> str:
    """Show bidi and C0/C1 control characters as ``<U+XXXX>`` text in running text."""
    return _PROSE_CONTROLS.sub(_codepoint, _as_text(value))


def reveal_code(value: object) -> str:
    """Like :func:`reveal_prose`, plus zero-width characters, for snippets and selectors."""
    return _CODE_CONTROLS.sub(_codepoint, _as_text(value))


def reveal_console(value: object) -> str:
    """Single-line, terminal-safe text: no escape sequences, no line breaks, no bidi tricks."""
    return _CONSOLE_CONTROLS.sub(_codepoint, _as_text(value))


def link_url(value: object) -> str:
    """Return ``value`` if it is safe to use as an ``href`` (absolute http/https), else "".

    Only an allow-list works here: ``javascript:``, ``data:``, ``vbscript:`` and browser
    quirks like leading whitespace or tabs inside the scheme are all refused.
    """
    url = _as_text(value)
    if url != url.strip() or any(ch in url for ch in "\t\r\n\\") or _CODE_CONTROLS.search(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in _LINKABLE_SCHEMES or not parts.netloc:
        return ""
    return url


def relative_asset(value: object) -> str:
    """Return a percent-encoded relative path for a run-dir asset, or "" if it is not one.

    Screenshot paths are data too: absolute paths, URLs with schemes and ``..`` segments
    are refused so an ``<img>`` can only point inside the run directory.
    """
    path = _as_text(value).replace("\\", "/")
    if not path or path.startswith("/") or ":" in path or _CODE_CONTROLS.search(path):
        return ""
    segments = path.split("/")
    if any(seg in ("", ".", "..") for seg in segments):
        return ""
    return "/".join(quote(seg, safe="") for seg in segments)


def _as_text(value: object) -> str:
    return "" if value is None else str(value)
