"""Read gettext catalogs (.po / .pot) into plain ``CatalogArtifact`` data, the way GNU msgfmt sees them.

The parser here is a small strict PO reader, not ``babel.messages.pofile.read_po``. Babel 2.18's reader
was tried first and, checked case by case, fails this tool's needs on input msgfmt accepts or rejects:

* it decodes the first line after the header as UTF-8 even when the header declares ISO-8859-1, so a
  latin-1 catalog whose first entry has an ``é`` raises ``UnicodeDecodeError``;
* it accepts what msgfmt calls fatal: an unterminated ``"abc`` (read as ``ab``), ``msgstr[0]``
  without ``msgid_plural``, a plural entry starting at ``msgstr[1]``;
* it silently merges duplicate entries (msgfmt: fatal): the first translation survives with the
  union of both entries' flags, so it can turn fuzzy;
* it pads or truncates plural forms to the header's ``nplurals`` (and with ``abort_invalid`` rejects
  extra forms), so the forms the file really wrote are lost;
* it rejects valid input: ``#~|`` lines written by ``msgmerge --previous``, ``msgid"x"`` without a
  space, and header dates with seconds (``POT-Creation-Date: 2024-01-01 10:00:00+0000``).

Everything this reader returns matches Babel where Babel is right (a parity test checks msgids,
strings, contexts, flags, line numbers and obsolete status on the fixtures), and ``catalog_stats``
matches ``msgfmt --statistics`` exactly (tested against the real msgfmt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.catalogs.decode import decode_po
from pipeline.catalogs.errors import CatalogError
from pipeline.model import CatalogArtifact, CatalogMessage

__all__ = ["CatalogError", "catalog_key", "parse_nplurals", "read_catalog"]



_SYNTAX_HINT = "fix the PO syntax on that line (msgfmt -c FILE reports it too)"


# --------------------------------------------------------------------------------------------------
# Reading


def read_catalog(path: Path, locale: str, template: Path | None = None) -> CatalogArtifact:
    """Read one PO file (and optionally its .pot template) into a ``CatalogArtifact``.

    Raises ``CatalogError`` (with the line msgfmt would blame) for unreadable or malformed files.
    The header entry (``msgid ""``) is not a message. Duplicate entries are kept, in file order, as
    separate messages: msgfmt refuses such a file, and keeping both lets ``catalog:duplicate``
    report both lines from the artifact alone.
    """
    parsed = _parse_file(path)
    headers = _parse_header(parsed.header)
    plural_forms = headers.get("plural-forms", "")
    return CatalogArtifact(
        locale=locale,
        path=str(path),
        messages=tuple(_to_message(entry) for entry in parsed.entries if not entry.is_header),
        plural_forms=plural_forms,
        nplurals=parse_nplurals(plural_forms),
        language=headers.get("language", ""),
        charset=parsed.charset,
        template_msgids=_template_keys(template),
    )


def catalog_key(context: str, msgid: str) -> str:
    """How an entry is named in ``CatalogArtifact.template_msgids``.

    gettext's own MO-file convention: ``msgctxt + "\\x04" + msgid`` when there is a context, else the
    msgid. (An empty ``msgctxt ""`` counts as no context: the model cannot tell them apart.)
    """
    return f"{context}\x04{msgid}" if context else msgid


def parse_nplurals(plural_forms: str) -> int | None:
    """``nplurals`` from a ``Plural-Forms`` header value; None when absent or not a positive integer."""
    match = re.search(r"\bnplurals\s*=\s*(\d+)", plural_forms)
    if match is None or int(match.group(1)) < 1:
        return None
    return int(match.group(1))


def _template_keys(template: Path | None) -> tuple[str, ...] | None:
    if template is None or not template.is_file():
        return None
    parsed = _parse_file(template)
    keys = (
        catalog_key(entry.context or "", entry.msgid or "")
        for entry in parsed.entries
        if not entry.is_header and not entry.obsolete
    )
    return tuple(dict.fromkeys(keys))


# --------------------------------------------------------------------------------------------------
# Lexing: one line at a time, like msgfmt (keyword? then zero or more "strings")


_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)(?![\w\[])")
_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE_RE = re.compile(r"\\(?:([ntbrfva\\\"'?])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.DOTALL)
_SIMPLE_ESCAPES = {
    "n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
    "\\": "\\", '"': '"', "'": "'", "?": "?",
}  # fmt: skip


@dataclass(frozen=True)
class _Line:
    """One message line: ``keyword`` is None for a continuation string; ``index`` is N of msgstr[N]."""

    number: int
    obsolete: bool
    keyword: str | None
    index: int | None
    text: str
    has_string: bool  # False for a bare keyword whose string starts on the next line


class _SyntaxProblem(Exception):
    """Raised by the lexer; ``_parse_file`` adds the path and turns it into a CatalogError."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(line, message)
        self.line = line
        self.message = message


def _lex_message_line(number: int, content: str, obsolete: bool) -> _Line:
    keyword: str | None = None
    index: int | None = None
    rest = content
    match = _KEYWORD_RE.match(rest)
    if match:
        keyword = "msgstr[]" if match.group(2) is not None else match.group(1)
        index = int(match.group(2)) if match.group(2) is not None else None
        rest = rest[match.end() :]
    elif not rest.startswith('"'):
        word = rest.split(None, 1)[0]
        raise _SyntaxProblem(number, f"keyword {word!r} unknown")
    strings = _lex_strings(number, rest.lstrip())
    return _Line(number, obsolete, keyword, index, "".join(strings), bool(strings))


def _lex_strings(number: int, rest: str) -> list[str]:
    """The quoted strings on the rest of a line (msgfmt allows several: ``"a" "b"``)."""
    strings: list[str] = []
    while rest:
        if not rest.startswith('"'):
            raise _SyntaxProblem(number, f"syntax error near {rest[:20]!r}")
        match = _STRING_RE.match(rest)
        if match is None:
            raise _SyntaxProblem(number, "end-of-line within string (unterminated string)")
        strings.append(_unescape(number, match.group(1)))
        rest = rest[match.end() :].lstrip()
    return strings


def _unescape(number: int, raw: str) -> str:
    """C escapes as msgfmt accepts them; anything else is msgfmt's "invalid control sequence"."""
    if "\\" not in raw:
        return raw

    def replace(match: re.Match[str]) -> str:
        simple, octal, hexa, invalid = match.groups()
        if simple is not None:
            return _SIMPLE_ESCAPES[simple]
        code = int(octal, 8) if octal is not None else int(hexa, 16) if hexa is not None else -1
        if invalid is not None or not 0 <= code <= 0x10FFFF:
            raise _SyntaxProblem(number, f"invalid control sequence {match.group(0)!r}")
        return chr(code)

    return _ESCAPE_RE.sub(replace, raw)


# --------------------------------------------------------------------------------------------------
# Parsing: lines -> entries, with msgfmt's structural rules


@dataclass
class _Entry:
    """One PO entry while it is being read (mutable builder)."""

    obsolete: bool
    start: int  # line of its first keyword, for "missing msgstr" errors
    comments: list[str]
    context: str | None = None
    msgid: str | None = None
    msgid_line: int = 0
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    target: str = ""  # which field a continuation string extends

    @property
    def complete(self) -> bool:
        return bool(self.msgstr)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.context is None and self.msgid_plural is None

    def extend(self, text: str) -> None:
        if self.target == "msgctxt":
            self.context = (self.context or "") + text
        elif self.target == "msgid":
            self.msgid = (self.msgid or "") + text
        elif self.target == "msgid_plural":
            self.msgid_plural = (self.msgid_plural or "") + text
        else:
            self.msgstr[-1] += text


@dataclass(frozen=True)
class _Parsed:
    entries: list[_Entry]
    header: str  # the header entry's msgstr ("" when there is no header)
    charset: str


def _parse_file(path: Path) -> _Parsed:
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(name, 0, f"cannot read catalog: {exc.strerror or exc}") from None
    text, charset = decode_po(raw, name)
    try:
        entries = _Parser().parse(text.split("\n"))
    except _SyntaxProblem as problem:
        raise CatalogError(name, problem.line, problem.message, _SYNTAX_HINT) from None
    header = next((entry for entry in entries if entry.is_header and not entry.obsolete), None)
    return _Parsed(entries, header.msgstr[0] if header else "", charset)


class _Parser:
    """msgfmt's PO grammar, one line at a time: comments, then [msgctxt] msgid [msgid_plural] msgstr..."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.current: _Entry | None = None
        self.comments: list[str] = []
        self.bare_keyword: _Line | None = None  # a keyword still waiting for its first string

    def parse(self, lines: list[str]) -> list[_Entry]:
        for number, raw_line in enumerate(lines, start=1):
            self._line(number, raw_line.strip())
        self._end_of_entry(len(lines))
        return self.entries

    def _line(self, number: int, line: str) -> None:
        if not line:
            return
        if line.startswith("#~"):
            rest = line[2:].lstrip()
            # "#~|" is the previous msgid of an obsolete entry (msgmerge --previous): a comment.
            if rest.startswith("|"):
                self._comment(number, line)
            elif rest:
                self._message_line(_lex_message_line(number, rest, obsolete=True))
        elif line.startswith("#"):
            self._comment(number, line)
        else:
            self._message_line(_lex_message_line(number, line, obsolete=False))

    def _comment(self, number: int, line: str) -> None:
        self._end_of_entry(number)
        self.comments.append(line)

    def _end_of_entry(self, number: int) -> None:
        """A comment or the end of the file closes the current entry, which must have its msgstr."""
        self._require_no_bare_keyword()
        entry = self.current
        if entry is None:
            return
        if not entry.complete:
            where = entry.msgid_line or entry.start
            missing = "msgid" if entry.msgid is None else "msgstr"
            raise _SyntaxProblem(where, f"missing '{missing}' section")
        self.entries.append(entry)
        self.current = None

    def _require_no_bare_keyword(self) -> None:
        if self.bare_keyword is not None:
            keyword = self.bare_keyword.keyword or ""
            raise _SyntaxProblem(self.bare_keyword.number, f"{keyword} has no string")

    def _message_line(self, line: _Line) -> None:
        if line.keyword is None:
            self._continuation(line)
            return
        self._require_no_bare_keyword()
        handler = {
            "msgctxt": self._msgctxt,
            "msgid": self._msgid,
            "msgid_plural": self._msgid_plural,
            "msgstr": self._msgstr,
            "msgstr[]": self._msgstr_plural,
        }[line.keyword]
        handler(line)
        # `msgid` alone on its line, with the string on the next line, is valid PO.
        self.bare_keyword = None if line.has_string else line

    def _continuation(self, line: _Line) -> None:
        entry = self.current
        if entry is None or not entry.target:
            raise _SyntaxProblem(line.number, "string outside of msgctxt, msgid or msgstr")
        self._same_obsolete_status(entry, line)
        entry.extend(line.text)
        self.bare_keyword = None

    def _same_obsolete_status(self, entry: _Entry, line: _Line) -> None:
        if entry.obsolete != line.obsolete:
            raise _SyntaxProblem(line.number, "inconsistent use of #~")

    def _start_entry(self, line: _Line) -> _Entry:
        if self.current is not None:
            self._end_of_entry(line.number)
        entry = _Entry(obsolete=line.obsolete, start=line.number, comments=self.comments)
        self.comments = []
        self.current = entry
        return entry

    def _msgctxt(self, line: _Line) -> None:
        entry = self._start_entry(line)
        entry.context = line.text
        entry.target = "msgctxt"

    def _msgid(self, line: _Line) -> None:
        entry = self.current
        if entry is None or entry.msgid is not None:
            entry = self._start_entry(line)
        self._same_obsolete_status(entry, line)
        entry.msgid = line.text
        entry.msgid_line = line.number
        entry.target = "msgid"

    def _msgid_plural(self, line: _Line) -> None:
        entry = self._entry_expecting(line, "msgid_plural")
        entry.msgid_plural = line.text
        entry.target = "msgid_plural"

    def _msgstr(self, line: _Line) -> None:
        entry = self._entry_expecting(line, "msgstr")
        if entry.msgid_plural is not None:
            raise _SyntaxProblem(line.number, "plural entry needs msgstr[0], not msgstr")
        entry.msgstr.append(line.text)
        entry.target = "msgstr"

    def _msgstr_plural(self, line: _Line) -> None:
        entry = self.current
        if entry is None or entry.msgid is None:
            raise _SyntaxProblem(line.number, "msgstr[] without msgid")
        self._same_obsolete_status(entry, line)
        if entry.msgid_plural is None:
            raise _SyntaxProblem(entry.msgid_line, "missing 'msgid_plural' section")
        if line.index != len(entry.msgstr):
            problem = "plural form has wrong index" if entry.msgstr else "first plural form has nonzero index"
            raise _SyntaxProblem(line.number, problem)
        entry.msgstr.append(line.text)
        entry.target = "msgstr"

    def _entry_expecting(self, line: _Line, keyword: str) -> _Entry:
        """The current entry, which must have a msgid and no msgstr yet."""
        entry = self.current
        if entry is None or entry.msgid is None or entry.complete:
            raise _SyntaxProblem(line.number, f"{keyword} without msgid")
        if keyword == "msgid_plural" and entry.msgid_plural is not None:
            raise _SyntaxProblem(line.number, "second msgid_plural")
        self._same_obsolete_status(entry, line)
        return entry


# --------------------------------------------------------------------------------------------------
# Entries -> model


def _to_message(entry: _Entry) -> CatalogMessage:
    flags = _parse_flags(entry.comments)
    return CatalogMessage(
        msgid=entry.msgid or "",
        msgstr=tuple(entry.msgstr),
        msgid_plural=entry.msgid_plural or "",
        context=entry.context or "",
        fuzzy="fuzzy" in flags,
        obsolete=entry.obsolete,
        flags=tuple(sorted(flags - {"fuzzy"})),
        lineno=entry.msgid_line,
        locations=_parse_locations(entry.comments),
        notes=_parse_notes(entry.comments),
    )


def _parse_notes(comments: list[str]) -> tuple[str, ...]:
    """Text of ``#.`` (extracted) and ``# `` (translator) comments; flags, references and ``#|`` are not notes."""
    return tuple(
        comment[2:].strip() if comment.startswith("#.") else comment[1:].strip()
        for comment in comments
        if comment.startswith("#.") or comment == "#" or comment.startswith(("# ", "#\t"))
    )


def _parse_flags(comments: list[str]) -> set[str]:
    return {
        flag.strip()
        for comment in comments
        if comment.startswith("#,")
        for flag in comment[2:].split(",")
        if flag.strip()
    }


# gettext >= 0.22 wraps file names containing spaces in U+2068 ... U+2069 (Unicode isolates).
_LOCATION_RE = re.compile("\u2068([^\u2069]*)\u2069(:\\d+)?|(\\S+)")


def _parse_locations(comments: list[str]) -> tuple[str, ...]:
    locations: list[str] = []
    for comment in comments:
        if comment.startswith("#:"):
            for match in _LOCATION_RE.finditer(comment[2:]):
                isolated, line, plain = match.groups()
                locations.append(plain if plain is not None else f"{isolated}{line or ''}")
    return tuple(locations)


def _parse_header(header: str) -> dict[str, str]:
    """``Name: value`` lines of the header entry, names lower-cased, first occurrence wins."""
    fields: dict[str, str] = {}
    for line in header.split("\n"):
        name, colon, value = line.partition(":")
        if colon and name.strip():
            fields.setdefault(name.strip().lower(), value.strip())
    return fields
