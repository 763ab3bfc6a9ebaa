"""catalog:format-mismatch, part one: which placeholder formats a string uses and the arguments it consumes.

c-format, python-format, python-brace-format, ICU MessageFormat, Qt and i18next, each parsed the way
its formatter would, so only strings that would fail at run time are reported.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from pipeline.model import CatalogMessage

# --------------------------------------------------------------------------------------------------
# catalog:format-mismatch: placeholder parsing


class FormatArgs(NamedTuple):
    """The arguments one string consumes: named ones (with their conversions) and unnamed ones in order."""

    named: dict[str, frozenset[str]]
    positional: tuple[str, ...]


class InvalidFormat(Exception):
    """The string is not a valid format string of that kind (it would raise when formatted)."""


_PY_SPEC = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?(?P<flags>[-#0 +]*)(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?"
    r"[hlL]?(?P<conv>.)?",
    re.DOTALL,
)
# msgfmt -c treats these as interchangeable (checked: %i/%d, %x/%d, %f/%g, %s/%r pass; %s/%d fails).
_PY_GROUPS = dict.fromkeys("diouxX", "int") | dict.fromkeys("eEfFgG", "float") | dict.fromkeys("rsa", "str")
_PY_GROUPS["c"] = "char"


def _parse_python(text: str) -> FormatArgs:
    """``%``-format arguments, as Python's ``str % args`` would consume them."""
    named: dict[str, set[str]] = {}
    positional: list[str] = []
    position = text.find("%")
    while position != -1:
        match = _PY_SPEC.match(text, position)
        conv = match.group("conv") if match else None
        if match is None or conv is None or (conv != "%" and conv not in _PY_GROUPS):
            raise InvalidFormat(f"bad conversion at {text[position : position + 4]!r}")
        if conv != "%":
            stars = [group for group in ("width", "precision") if match.group(group) == "*"]
            positional += ["d"] * len(stars)  # a `*` consumes an int argument
            if match.group("name") is None:
                positional.append(conv)
            else:
                named.setdefault(match.group("name"), set()).add(conv)
        position = text.find("%", match.end())
    if named and positional:
        raise InvalidFormat("mixes named and unnamed placeholders")
    return FormatArgs({name: frozenset(convs) for name, convs in named.items()}, tuple(positional))


_C_SPEC = re.compile(
    r"%(?:(?P<num>\d+)\$)?(?P<flags>[-+ #0'I]*)(?P<width>\*(?:\d+\$)?|\d+)?"
    r"(?:\.(?P<precision>\*(?:\d+\$)?|\d*))?(?P<length>hh|h|ll|l|L|q|j|z|Z|t)?(?P<conv>.)?",
    re.DOTALL,
)
# Signed and unsigned integers are merged on purpose: conservative, and harmless in practice.
_C_GROUPS = (
    dict.fromkeys("diouxX", "int")
    | dict.fromkeys("eEfFgGaA", "float")
    | dict.fromkeys("cC", "char")
    | dict.fromkeys("sS", "str")
    | {"p": "pointer", "n": "count"}
)


def _parse_c(text: str) -> FormatArgs:
    """printf arguments; numbered ones (``%2$s``) are put in argument order."""
    numbered: dict[int, str] = {}
    unnumbered: list[str] = []
    position = text.find("%")
    while position != -1:
        match = _C_SPEC.match(text, position)
        conv = match.group("conv") if match else None
        if match is None or conv is None or (conv not in "%m" and conv not in _C_GROUPS):
            raise InvalidFormat(f"bad conversion at {text[position : position + 4]!r}")
        if conv not in "%m":  # %% is literal, %m (glibc) takes no argument
            for star in (match.group("width"), match.group("precision")):
                if star and star.startswith("*"):
                    _add_c_arg(numbered, unnumbered, star[1:].rstrip("$") or None, "d")
            _add_c_arg(numbered, unnumbered, match.group("num"), (match.group("length") or "") + conv)
        position = text.find("%", match.end())
    return FormatArgs({}, _c_argument_order(numbered, unnumbered))


def _add_c_arg(numbered: dict[int, str], unnumbered: list[str], number: str | None, spec: str) -> None:
    if number is None:
        unnumbered.append(spec)
        return
    index = int(number)
    if numbered.get(index, spec) != spec:
        raise InvalidFormat(f"argument {index} used with two types")
    numbered[index] = spec


def _c_argument_order(numbered: dict[int, str], unnumbered: list[str]) -> tuple[str, ...]:
    if numbered and unnumbered:
        raise InvalidFormat("mixes numbered and unnumbered arguments")
    if not numbered:
        return tuple(unnumbered)
    if sorted(numbered) != list(range(1, len(numbered) + 1)):
        raise InvalidFormat("numbered arguments have a gap")
    return tuple(numbered[index] for index in sorted(numbered))


_FORMATTER = string.Formatter()


def _parse_brace(text: str) -> FormatArgs:
    """``str.format`` fields: names and explicit indexes; ``{}`` fields become indexes 0, 1, ..."""
    names = _brace_fields(text, depth=0)
    automatic = sum(1 for name in names if name == "")
    if automatic and any(name.isdigit() for name in names):
        raise InvalidFormat("mixes automatic and manual field numbering")
    counter = iter(range(automatic))
    keys = [name if name else str(next(counter)) for name in names]
    return FormatArgs(dict.fromkeys(keys, frozenset({""})), ())


def _brace_fields(text: str, depth: int) -> list[str]:
    """Argument names of the fields in ``text`` ('' for ``{}``), including fields nested in format specs."""
    if depth > 1:
        raise InvalidFormat("format spec nested too deeply")
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as exc:
        raise InvalidFormat(str(exc)) from None
    names: list[str] = []
    for _literal, field_name, spec, conversion in parsed:
        if field_name is None:
            continue
        if conversion not in (None, "r", "s", "a"):
            raise InvalidFormat(f"unknown conversion !{conversion}")
        names.append(re.split(r"[.\[]", field_name, maxsplit=1)[0])
        names += _brace_fields(spec or "", depth + 1)
    return names


@dataclass(frozen=True)
class FormatSpec:
    flag: str
    parse: Callable[[str], FormatArgs]
    detect: Callable[[str], bool]  # when no flag says anything: does the msgid clearly use this format?
    group: Callable[[str], str]  # conversion -> compatibility group
    show: Callable[[str, str], str]  # (name, conversion) -> how the placeholder is written
    # Python's `"one file" % 5` raises "not all arguments converted", so with %-format every plural
    # form must consume every unnamed argument (msgfmt -c agrees); printf and str.format ignore extras.
    unnamed_always_required: bool = False


def _show_percent(name: str, conv: str) -> str:
    return f"%({name}){conv}"


def _show_brace(name: str, conv: str) -> str:
    return f"{{{name}}}"


def _finds(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda text: compiled.search(text) is not None


# Scanning left to right consumes "%%" first, so the "%1$" in "100%%1$" is not taken for an argument.
_C_NUMBERED = re.compile(r"%%|%[1-9]\d*\$")


def _uses_numbered_c_args(text: str) -> bool:
    return any(match.group() != "%%" for match in _C_NUMBERED.finditer(text))


_C_FORMAT = FormatSpec(
    "c-format",
    _parse_c,
    # Unflagged, only numbered %1$s is taken as C: plain %s is detected as python-format instead.
    _uses_numbered_c_args,
    lambda spec: spec[:-1] + _C_GROUPS.get(spec[-1:], spec),
    _show_percent,
)
_PYTHON_FORMAT = FormatSpec(
    "python-format",
    _parse_python,
    # Unflagged: %(name)x, or a bare %s/%d/%i/%f not glued to a word or number ("50%off" is text).
    _finds(r"%\([A-Za-z_]\w*\)[-#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|(?<![\w%])%\.?\d*[sdif](?![A-Za-z])"),
    lambda conv: _PY_GROUPS.get(conv, conv),
    _show_percent,
    unnamed_always_required=True,
)
_BRACE_FORMAT = FormatSpec(
    "python-brace-format",
    _parse_brace,
    # Unflagged: {name} or {0}, optionally with !r / :spec; "{{x}}" escapes and ICU {n, plural,...} are not.
    _finds(r"(?<!\{)\{(?:[A-Za-z_]\w*|\d+)(?:\.[A-Za-z_]\w*|\[[^\]{}]*\])*(?:![rsa])?(?::[^{}]*)?\}"),
    lambda conv: conv,
    _show_brace,
)


# ICU MessageFormat: {name}, {name, number}, {count, plural, one {# file} other {# files}}, select...
_ICU_TYPED = r"\{\s*[^\s{}#,']+\s*,\s*(?:plural|select|selectordinal|number|date|time|duration|ordinal|spellout)\s*[,}]"
_ICU_NAME = re.compile(r"[^\s{}#,']+")
_ICU_NESTED_TYPES = frozenset({"plural", "select", "selectordinal"})


def _parse_icu(text: str) -> FormatArgs:
    """Argument names of an ICU message (nested plural/select branches included), each with its type."""
    names: dict[str, set[str]] = {}
    _icu_message(text, 0, 0, names)
    return FormatArgs({name: frozenset(types) for name, types in names.items()}, ())


def _icu_message(text: str, i: int, depth: int, names: dict[str, set[str]]) -> int:
    """Scan message text from ``i`` to its closing ``}`` (nested) or the end (top level)."""
    while i < len(text):
        char = text[i]
        if char == "'":  # ICU quoting: '' is a quote, '{...}' is literal text
            if text.startswith("''", i):
                i += 2
            elif i + 1 < len(text) and text[i + 1] in "{}#|":
                end = text.find("'", i + 1)
                i = len(text) if end == -1 else end + 1
            else:
                i += 1
        elif char == "{":
            i = _icu_argument(text, i + 1, depth, names)
        elif char == "}":
            if depth == 0:
                raise InvalidFormat("unmatched '}'")
            return i
        else:
            i += 1
    if depth:
        raise InvalidFormat("unclosed '{'")
    return i


def _icu_argument(text: str, i: int, depth: int, names: dict[str, set[str]]) -> int:
    """Parse ``name}`` / ``name, type}`` / ``name, plural, key {msg} ...}`` from ``i``; index after it."""
    match = re.compile(r"\s*([^,}]*?)\s*([,}])").match(text, i)
    if match is None or _ICU_NAME.fullmatch(match.group(1)) is None:
        raise InvalidFormat(f"bad argument at {text[i - 1 : i + 15]!r}")
    name = match.group(1)
    if match.group(2) == "}":
        names.setdefault(name, set()).add("")
        return match.end()
    kind = re.compile(r"\s*(\w+)\s*([,}])").match(text, match.end())
    if kind is None:
        raise InvalidFormat(f"bad argument type after {name!r}")
    names.setdefault(name, set()).add(kind.group(1))
    if kind.group(2) == "}":
        return kind.end()
    if kind.group(1) not in _ICU_NESTED_TYPES:
        end = text.find("}", kind.end())  # a style such as "currency" or "::percent"
        if end == -1:
            raise InvalidFormat("unclosed '{'")
        return end + 1
    return _icu_branches(text, kind.end(), depth, names)


def _icu_branches(text: str, i: int, depth: int, names: dict[str, set[str]]) -> int:
    """``[offset:n] key {message} key {message} ... }``; index after the closing brace."""
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            raise InvalidFormat("unclosed plural/select")
        if text[i] == "}":
            return i + 1
        key = re.compile(r"[^\s{}]+").match(text, i)
        if key is None:
            raise InvalidFormat("plural/select branch without a key")
        i = key.end()
        if key.group().startswith("offset:"):
            continue
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text) or text[i] != "{":
            raise InvalidFormat(f"branch {key.group()!r} has no {{message}}")
        i = _icu_message(text, i + 1, depth + 1, names) + 1


def _show_icu(name: str, conv: str) -> str:
    return f"{{{name}, {conv}}}" if conv else f"{{{name}}}"


_ICU_FORMAT = FormatSpec(
    "icu-message-format",  # Weblate's flag name; unflagged, a typed argument ({n, plural, ...}) marks it
    _parse_icu,
    _finds(_ICU_TYPED),
    # Types are not compared: "{n} 个文件" for "{n, plural, one {# file} other {# files}}" is right in zh.
    lambda conv: "",
    _show_icu,
)

# Qt: %1 .. %99 (QString::arg), %L1 for locale-aware numbers; numbers may appear in any order.
_QT_ARG = re.compile(r"%L?([1-9][0-9]?)(?![0-9$])")
_QT_LOOKS = re.compile(r"(?<![%\w])%L?[1-9][0-9]?(?![0-9$\w])")


def _parse_qt(text: str) -> FormatArgs:
    return FormatArgs({match.group(1): frozenset({""}) for match in _QT_ARG.finditer(text)}, ())


def _detect_qt(text: str) -> bool:
    # Unflagged only when nothing else claims the %: printf's %1$s and Python's %s/%(name)s are not Qt.
    return bool(_QT_LOOKS.search(text)) and not _PYTHON_FORMAT.detect(text) and not _uses_numbered_c_args(text)


_QT_FORMAT = FormatSpec("qt-format", _parse_qt, _detect_qt, lambda conv: conv, lambda name, conv: f"%{name}")

# i18next interpolation: {{name}}, {{- name}} (unescaped), {{name, format}}; only by flag (set by the reader).
_I18NEXT_ARG = re.compile(r"\{\{-?\s*([^{},\s]+)\s*(?:,[^{}]*)?\}\}")


def _parse_i18next(text: str) -> FormatArgs:
    return FormatArgs({match.group(1): frozenset({""}) for match in _I18NEXT_ARG.finditer(text)}, ())


_I18NEXT_FORMAT = FormatSpec(
    "i18next-format", _parse_i18next, lambda text: False, lambda conv: conv, lambda name, conv: f"{{{{{name}}}}}"
)

_FORMATS = (_C_FORMAT, _PYTHON_FORMAT, _BRACE_FORMAT, _ICU_FORMAT, _QT_FORMAT, _I18NEXT_FORMAT)


def formats_for(message: CatalogMessage) -> list[FormatSpec]:
    """The entry's format flags if it has any; else the formats its msgid visibly uses."""
    flagged = [fmt for fmt in _FORMATS if fmt.flag in message.flags]
    if flagged:
        return flagged
    # C and Python never both apply: C detection needs a numbered %1$s in strings that all parse as C,
    # and a numbered %1$s makes a string invalid as Python %-format.
    source = f"{message.msgid}\n{message.msgid_plural}"
    detected = [
        fmt
        for fmt in _FORMATS
        if f"no-{fmt.flag}" not in message.flags and fmt.detect(source) and _has_args(fmt, message)
    ]
    # An ICU message's plain {name} arguments are ICU arguments too: checked once, as ICU.
    return [fmt for fmt in detected if not (fmt is _BRACE_FORMAT and _ICU_FORMAT in detected)]


def formats_checked(message: CatalogMessage) -> tuple[str, ...]:
    """The format flags catalog:format-mismatch checks this entry as (flagged or detected)."""
    return tuple(fmt.flag for fmt in formats_for(message))


def _has_args(fmt: FormatSpec, message: CatalogMessage) -> bool:
    """Detection needs a msgid that parses and consumes arguments; text that merely looks similar does not."""
    try:
        parsed = [fmt.parse(text) for text in (message.msgid, message.msgid_plural) if text]
    except InvalidFormat:
        return False
    return any(args.named or args.positional for args in parsed)


