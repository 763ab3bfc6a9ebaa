"""Decoding a PO file's bytes: the header's charset decides how the whole file is decoded."""

from __future__ import annotations

import codecs
import re
import warnings

from pipeline.catalogs.errors import CatalogError

# --------------------------------------------------------------------------------------------------
# Decoding: the header's charset decides how the whole file is decoded


_CHARSET_RE = re.compile(rb"Content-Type:[^\"\n]*?charset\s*=\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)


def decode_po(raw: bytes, path: str) -> tuple[str, str]:
    """Decode the file with the charset its header declares; returns (text, charset)."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    match = _CHARSET_RE.search(raw)
    charset = match.group(1).decode("ascii").lower() if match else "utf-8"
    if charset == "charset":  # the literal placeholder in fresh .pot files
        charset = "utf-8"
    header_line = line_of_offset(raw, match.start()) if match else 1
    if not _ascii_compatible(charset):
        message = f"charset {charset!r} in the Content-Type header is not an ASCII-compatible text encoding"
        raise CatalogError(path, header_line, message, "save the file as UTF-8 and declare charset=UTF-8")
    try:
        return raw.decode(charset), charset
    except UnicodeDecodeError as exc:
        byte = raw[exc.start]
        message = f"byte 0x{byte:02x} is not valid {charset} (the charset the header declares)"
        hint = f"save the file as {charset} or declare its real charset in the Content-Type header"
        raise CatalogError(path, line_of_offset(raw, exc.start), message, hint) from None
    except ValueError as exc:  # a UnicodeError without a position (idna: "label too long")
        raise CatalogError(path, header_line, f"cannot decode the file as {charset}: {exc}") from None


# A PO line and every ASCII byte: an acceptable charset must decode them unchanged.
_PROBE = b'msgid "Say \\"Hi\\"\\n" # A.b\n' + bytes(range(128))


def _ascii_compatible(charset: str) -> bool:
    """What gettext requires of a PO charset (the syntax itself is ASCII).

    Also keeps out names Python knows that are no text encodings (base64, rot13: LookupError on
    decode) or that would rewrite the syntax (utf-16, utf-7, unicode_escape, punycode, EBCDIC).
    """
    try:
        # unicode_escape warns about the probe's "\\]"; the probe exists to reject such codecs quietly.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _PROBE.decode(charset) == _PROBE.decode("latin-1")
    except (LookupError, ValueError):  # UnicodeError is a ValueError
        return False


def line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


