"""File-name-safe, collision-resistant names for report files built from page ids and locales.

Page ids and locale codes come from user config and may contain anything ("../x", "a/b",
"CON", "zh-Hans"); a report file name must stay inside its directory on every OS and two
different targets must never share a file.
"""

from __future__ import annotations

import hashlib
import json
import re

# A "clean" part is lowercase so names stay distinct on case-insensitive file systems
# (macOS, Windows); separators are single and never lead or trail, so "--" between parts
# can only be the join separator and "---" can never occur in a clean name.
_CLEAN_PART = re.compile(r"[a-z0-9_]+(?:[.-][a-z0-9_]+)*")
_UNSAFE_CHARS = re.compile(r"[^a-z0-9._-]+")
_SEPARATOR = "--"
# Only hashed names contain this marker, so hashed and clean names can never collide.
_HASH_MARKER = "---"
_HASH_LEN = 12
MAX_LEN = 96
# Device names Windows refuses as file names whatever the extension.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)


def safe_name(*parts: str) -> str:
    """Return a slug usable as a single file-name component for ``parts``.

    Plain inputs ("home", "es") map to readable names ("home--es"). Anything else gets a
    sanitised slug plus a short hash of the exact input, so "a/b" and "a_b" stay distinct.
    The result is never empty, never "." or "..", and never contains a path separator.
    """
    if _is_plain(parts):
        return _SEPARATOR.join(parts)
    return _hashed_name(parts)


def _is_plain(parts: tuple[str, ...]) -> bool:
    if not parts or not all(_CLEAN_PART.fullmatch(p) for p in parts):
        return False
    if any(p.split(".", 1)[0] in _WINDOWS_RESERVED for p in parts):
        return False
    return len(_SEPARATOR.join(parts)) <= MAX_LEN


def _hashed_name(parts: tuple[str, ...]) -> str:
    # JSON of the list keeps part boundaries unambiguous: ("a-", "b") != ("a", "-b").
    digest = hashlib.sha256(json.dumps(list(parts)).encode("utf-8")).hexdigest()[:_HASH_LEN]
    slug = _SEPARATOR.join(_slug_part(p) for p in parts)
    slug = slug.lstrip(".-")[: MAX_LEN - len(_HASH_MARKER) - _HASH_LEN] or "x"
    return f"{slug}{_HASH_MARKER}{digest}"


def _slug_part(part: str) -> str:
    """Readable approximation of a part; uniqueness comes from the hash, not from this."""
    return _UNSAFE_CHARS.sub("_", part.lower()).strip(".-") or "_"
