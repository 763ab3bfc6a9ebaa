"""Catalog checks: pure functions ``(CatalogArtifact) -> list[Finding]`` over a PO file read as plain data.

No file access here, so a saved artifact can be re-checked by another run. Where msgfmt has an
opinion the checks follow it (``msgfmt -c`` for placeholders and plural forms, ``msgfmt --statistics``
for what counts as untranslated or fuzzy), so findings and coverage numbers never disagree.
"""

from __future__ import annotations

import functools
import gettext
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.catalogs import catalog_key
from pipeline.checks.base import CheckMeta
from pipeline.data.plural_table import conventional_nplurals
from pipeline.model import CatalogArtifact, CatalogMessage, Finding

__all__ = [
    "CATALOG_CHECKS",
    "DUPLICATE",
    "FORMAT_MISMATCH",
    "FUZZY",
    "NOT_IN_TEMPLATE",
    "OBSOLETE",
    "PLURAL_FORMS",
    "UNTRANSLATED",
    "CatalogCheck",
    "CheckMeta",
    "check_duplicate",
    "check_format_mismatch",
    "check_fuzzy",
    "check_not_in_template",
    "check_obsolete",
    "check_plural_forms",
    "check_untranslated",
    "formats_checked",
    "placeholder_problems",
    "run_catalog_checks",
]


CatalogCheck = Callable[[CatalogArtifact], list[Finding]]

UNTRANSLATED = CheckMeta(
    "catalog:untranslated",
    "Untranslated catalog entry",
    "An entry whose msgstr is empty (msgfmt counts it as untranslated, fuzzy or not); a plural entry "
    "with an empty form (msgfmt ships it, and users see an empty string); or a template msgid the PO "
    "does not contain at all (line 0: the PO was not merged with the .pot).",
    "minor",
)
FUZZY = CheckMeta(
    "catalog:fuzzy",
    "Fuzzy catalog entry",
    "A translation marked fuzzy: msgfmt leaves it out of the .mo, so the source text is shown.",
    "minor",
)
OBSOLETE = CheckMeta(
    "catalog:obsolete",
    "Obsolete catalog entry",
    "A #~ entry no longer used by the source; delete it or revive it.",
    "minor",
)
FORMAT_MISMATCH = CheckMeta(
    "catalog:format-mismatch",
    "Placeholders differ between msgid and msgstr",
    "python-format (%(name)s, %s), python-brace-format ({name}, {0}) or c-format (%s, %1$s) "
    "placeholders of the translation do not match the source: a missing one loses data, an unknown "
    "one crashes formatting. Uses the entry's format flags, else the placeholders the msgid shows.",
    "critical",
)
PLURAL_FORMS = CheckMeta(
    "catalog:plural-forms",
    "Wrong number of plural forms",
    "A plural entry with fewer or more msgstr[i] forms than the header's nplurals (empty forms at the "
    "end count as missing); or a header with fewer forms than gettext's convention for the locale, "
    "or without nplurals although the catalog has plural entries (minor).",
    "serious",
)
DUPLICATE = CheckMeta(
    "catalog:duplicate",
    "Duplicate catalog entry",
    "The same msgctxt + msgid is defined twice; msgfmt refuses the file and Babel keeps only one.",
    "serious",
)
NOT_IN_TEMPLATE = CheckMeta(
    "catalog:not-in-template",
    "Entry not in the template",
    "A PO entry whose msgid is not in the .pot template any more: stale, merge the PO with the .pot.",
    "minor",
)

# How long a msgid may be when quoted in a finding message, so messages stay near 80 characters.
_QUOTE_LIMIT = 50


# --------------------------------------------------------------------------------------------------
# Shared helpers


def _quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """A msgid as it appears in a message: one line, shortened, in double quotes."""
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= limit else flat[: limit - 1] + "…"}"'


def _finding(
    meta: CheckMeta,
    artifact: CatalogArtifact,
    message: str,
    line: int,
    details: dict[str, Any],
    severity: str | None = None,
) -> Finding:
    return Finding(
        check=meta.id,
        severity=severity or meta.severity,
        message=message,
        locale=artifact.locale,
        file=artifact.path,
        line=line,
        details=details,
    )


def _entry_details(message: CatalogMessage, **extra: Any) -> dict[str, Any]:
    # Lists, not tuples: details go to JSON and come back as lists anyway.
    details: dict[str, Any] = {"msgid": message.msgid, "msgstr": list(message.msgstr)}
    if message.msgid_plural:
        details["msgid_plural"] = message.msgid_plural
    if message.context:
        details["context"] = message.context
    details.update(extra)
    return details


def _active(artifact: CatalogArtifact) -> Iterable[CatalogMessage]:
    return (message for message in artifact.messages if not message.obsolete)


def _filled_forms(message: CatalogMessage) -> int:
    """Number of plural forms once empty forms at the end are dropped (they count as missing)."""
    forms = list(message.msgstr)
    while forms and forms[-1] == "":
        forms.pop()
    return len(forms)


# --------------------------------------------------------------------------------------------------
# catalog:untranslated, catalog:fuzzy, catalog:obsolete


def check_untranslated(artifact: CatalogArtifact) -> list[Finding]:
    """Empty translations, empty plural forms, and template msgids missing from the PO.

    One finding per msgfmt-untranslated entry (``msgstr[0]`` empty, even when fuzzy), so the count
    equals ``catalog_stats().untranslated``. Also non-fuzzy plural entries whose first form is filled
    but another form is empty: msgfmt counts them as translated, yet ships "" for that form. When the
    header gives nplurals, empty forms at the *end* are left to catalog:plural-forms (missing forms).
    """
    findings = [_untranslated(artifact, msg) for msg in _active(artifact) if msg.untranslated]
    findings += _empty_plural_forms(artifact)
    findings += _missing_from_po(artifact)
    return findings


def _untranslated(artifact: CatalogArtifact, message: CatalogMessage) -> Finding:
    return _finding(
        UNTRANSLATED,
        artifact,
        f"Untranslated: {_quote(message.msgid)}",
        message.lineno,
        _entry_details(message, fuzzy=message.fuzzy),
    )


def _empty_plural_forms(artifact: CatalogArtifact) -> list[Finding]:
    findings = []
    for message in _active(artifact):
        if message.fuzzy or not message.msgid_plural or message.untranslated:
            continue
        considered = _filled_forms(message) if artifact.nplurals is not None else len(message.msgstr)
        empty = [index for index in range(considered) if message.msgstr[index] == ""]
        if empty:
            forms = ", ".join(f"msgstr[{index}]" for index in empty)
            text = f"Empty plural form {forms}: {_quote(message.msgid)}"
            details = _entry_details(message, empty_forms=empty)
            findings.append(_finding(UNTRANSLATED, artifact, text, message.lineno, details))
    return findings


def _missing_from_po(artifact: CatalogArtifact) -> list[Finding]:
    """Template msgids the PO lacks: a PO not merged with its .pot hides untranslated strings."""
    if artifact.template_msgids is None:
        return []
    present = {catalog_key(message.context, message.msgid) for message in _active(artifact)}
    po_name = Path(artifact.path).name
    findings = []
    for key in artifact.template_msgids:
        if key in present:
            continue
        context, _, msgid = key.rpartition("\x04")
        details: dict[str, Any] = {"msgid": msgid, "missing_from_po": True}
        if context:
            details["context"] = context
        text = f"{_quote(msgid)} is in the .pot template but missing from {po_name}"
        findings.append(_finding(UNTRANSLATED, artifact, text, 0, details))
    return findings


def check_fuzzy(artifact: CatalogArtifact) -> list[Finding]:
    """Fuzzy entries with a translation (a fuzzy entry with an empty msgstr is untranslated, as in msgfmt)."""
    return [
        _finding(
            FUZZY, artifact, f"Fuzzy (needs review): {_quote(message.msgid)}", message.lineno, _entry_details(message)
        )
        for message in _active(artifact)
        if message.fuzzy and not message.untranslated
    ]


def check_obsolete(artifact: CatalogArtifact) -> list[Finding]:
    return [
        _finding(
            OBSOLETE, artifact, f"Obsolete entry (#~): {_quote(message.msgid)}", message.lineno, _entry_details(message)
        )
        for message in artifact.messages
        if message.obsolete
    ]


# --------------------------------------------------------------------------------------------------
# catalog:duplicate, catalog:not-in-template


def check_duplicate(artifact: CatalogArtifact) -> list[Finding]:
    """Every later definition of a msgctxt + msgid, naming the first one's line.

    Obsolete entries take part, as in msgfmt: ``#~ msgid "a"`` next to ``msgid "a"`` is fatal there.
    """
    first_seen: dict[tuple[str, str], CatalogMessage] = {}
    findings = []
    for message in sorted(artifact.messages, key=lambda m: m.lineno):
        key = (message.context, message.msgid)
        first = first_seen.setdefault(key, message)
        if first is message:
            continue
        where = f" (msgctxt {_quote(message.context, 20)})" if message.context else ""
        text = f"{_quote(message.msgid)}{where} defined twice: lines {first.lineno} and {message.lineno}"
        details = _entry_details(message, first_line=first.lineno, lines=[first.lineno, message.lineno])
        findings.append(_finding(DUPLICATE, artifact, text, message.lineno, details))
    return findings


def check_not_in_template(artifact: CatalogArtifact) -> list[Finding]:
    if artifact.template_msgids is None:
        return []
    template = set(artifact.template_msgids)
    return [
        _finding(
            NOT_IN_TEMPLATE,
            artifact,
            f"Not in the .pot template (stale): {_quote(message.msgid)}",
            message.lineno,
            _entry_details(message),
        )
        for message in _active(artifact)
        if catalog_key(message.context, message.msgid) not in template
    ]


# --------------------------------------------------------------------------------------------------
# catalog:plural-forms


def check_plural_forms(artifact: CatalogArtifact) -> list[Finding]:
    """Plural entries whose form count disagrees with the header, and a header that is too small.

    Entries whose first form is empty are plain untranslated and skipped. Fuzzy entries are checked:
    the form count is structure, not translation quality.
    """
    findings = _header_plural_findings(artifact)
    if artifact.nplurals is None:
        return findings
    for message in _active(artifact):
        if not message.msgid_plural or message.untranslated:
            continue
        filled, written = _filled_forms(message), len(message.msgstr)
        if filled < artifact.nplurals or written > artifact.nplurals:
            count = filled if filled < artifact.nplurals else written
            text = f"{count} of {artifact.nplurals} plural forms: {_quote(message.msgid)}"
            details = _entry_details(message, forms=count, nplurals=artifact.nplurals)
            findings.append(_finding(PLURAL_FORMS, artifact, text, message.lineno, details))
    return findings


def _header_plural_findings(artifact: CatalogArtifact) -> list[Finding]:
    """One finding on the header (line 0: the artifact does not record the header's line)."""
    plural_entries = sum(1 for message in _active(artifact) if message.msgid_plural)
    if artifact.nplurals is None:
        if not plural_entries:
            return []
        text = f"Plural-Forms header has no nplurals, but {plural_entries} entries have plural forms"
        details: dict[str, Any] = {"plural_forms": artifact.plural_forms, "plural_entries": plural_entries}
        return [_finding(PLURAL_FORMS, artifact, text, 0, details, severity="minor")]
    expected = conventional_nplurals(artifact.locale or artifact.language)
    # Only fewer forms: CLDR keeps adding forms gettext catalogs do not use (es, fr, it "many").
    if expected is None or artifact.nplurals >= expected:
        return []
    locale = artifact.locale or artifact.language
    text = f"Header says nplurals={artifact.nplurals}, but gettext's convention for {locale} is {expected}"
    details = {"plural_forms": artifact.plural_forms, "nplurals": artifact.nplurals, "expected": expected}
    return [_finding(PLURAL_FORMS, artifact, text, 0, details, severity="minor")]


# --------------------------------------------------------------------------------------------------
# catalog:format-mismatch: placeholder parsing


class _Args(NamedTuple):
    """The arguments one string consumes: named ones (with their conversions) and unnamed ones in order."""

    named: dict[str, frozenset[str]]
    positional: tuple[str, ...]


class _Invalid(Exception):
    """The string is not a valid format string of that kind (it would raise when formatted)."""


_PY_SPEC = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?(?P<flags>[-#0 +]*)(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?"
    r"[hlL]?(?P<conv>.)?",
    re.DOTALL,
)
# msgfmt -c treats these as interchangeable (checked: %i/%d, %x/%d, %f/%g, %s/%r pass; %s/%d fails).
_PY_GROUPS = dict.fromkeys("diouxX", "int") | dict.fromkeys("eEfFgG", "float") | dict.fromkeys("rsa", "str")
_PY_GROUPS["c"] = "char"


def _parse_python(text: str) -> _Args:
    """``%``-format arguments, as Python's ``str % args`` would consume them."""
    named: dict[str, set[str]] = {}
    positional: list[str] = []
    position = text.find("%")
    while position != -1:
        match = _PY_SPEC.match(text, position)
        conv = match.group("conv") if match else None
        if match is None or conv is None or (conv != "%" and conv not in _PY_GROUPS):
            raise _Invalid(f"bad conversion at {text[position : position + 4]!r}")
        if conv != "%":
            stars = [group for group in ("width", "precision") if match.group(group) == "*"]
            positional += ["d"] * len(stars)  # a `*` consumes an int argument
            if match.group("name") is None:
                positional.append(conv)
            else:
                named.setdefault(match.group("name"), set()).add(conv)
        position = text.find("%", match.end())
    if named and positional:
        raise _Invalid("mixes named and unnamed placeholders")
    return _Args({name: frozenset(convs) for name, convs in named.items()}, tuple(positional))


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


def _parse_c(text: str) -> _Args:
    """printf arguments; numbered ones (``%2$s``) are put in argument order."""
    numbered: dict[int, str] = {}
    unnumbered: list[str] = []
    position = text.find("%")
    while position != -1:
        match = _C_SPEC.match(text, position)
        conv = match.group("conv") if match else None
        if match is None or conv is None or (conv not in "%m" and conv not in _C_GROUPS):
            raise _Invalid(f"bad conversion at {text[position : position + 4]!r}")
        if conv not in "%m":  # %% is literal, %m (glibc) takes no argument
            for star in (match.group("width"), match.group("precision")):
                if star and star.startswith("*"):
                    _add_c_arg(numbered, unnumbered, star[1:].rstrip("$") or None, "d")
            _add_c_arg(numbered, unnumbered, match.group("num"), (match.group("length") or "") + conv)
        position = text.find("%", match.end())
    return _Args({}, _c_argument_order(numbered, unnumbered))


def _add_c_arg(numbered: dict[int, str], unnumbered: list[str], number: str | None, spec: str) -> None:
    if number is None:
        unnumbered.append(spec)
        return
    index = int(number)
    if numbered.get(index, spec) != spec:
        raise _Invalid(f"argument {index} used with two types")
    numbered[index] = spec


def _c_argument_order(numbered: dict[int, str], unnumbered: list[str]) -> tuple[str, ...]:
    if numbered and unnumbered:
        raise _Invalid("mixes numbered and unnumbered arguments")
    if not numbered:
        return tuple(unnumbered)
    if sorted(numbered) != list(range(1, len(numbered) + 1)):
        raise _Invalid("numbered arguments have a gap")
    return tuple(numbered[index] for index in sorted(numbered))


_FORMATTER = string.Formatter()


def _parse_brace(text: str) -> _Args:
    """``str.format`` fields: names and explicit indexes; ``{}`` fields become indexes 0, 1, ..."""
    names = _brace_fields(text, depth=0)
    automatic = sum(1 for name in names if name == "")
    if automatic and any(name.isdigit() for name in names):
        raise _Invalid("mixes automatic and manual field numbering")
    counter = iter(range(automatic))
    keys = [name if name else str(next(counter)) for name in names]
    return _Args(dict.fromkeys(keys, frozenset({""})), ())


def _brace_fields(text: str, depth: int) -> list[str]:
    """Argument names of the fields in ``text`` ('' for ``{}``), including fields nested in format specs."""
    if depth > 1:
        raise _Invalid("format spec nested too deeply")
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as exc:
        raise _Invalid(str(exc)) from None
    names: list[str] = []
    for _literal, field_name, spec, conversion in parsed:
        if field_name is None:
            continue
        if conversion not in (None, "r", "s", "a"):
            raise _Invalid(f"unknown conversion !{conversion}")
        names.append(re.split(r"[.\[]", field_name, maxsplit=1)[0])
        names += _brace_fields(spec or "", depth + 1)
    return names


@dataclass(frozen=True)
class _Format:
    flag: str
    parse: Callable[[str], _Args]
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


_C_FORMAT = _Format(
    "c-format",
    _parse_c,
    # Unflagged, only numbered %1$s is taken as C: plain %s is detected as python-format instead.
    _uses_numbered_c_args,
    lambda spec: spec[:-1] + _C_GROUPS.get(spec[-1:], spec),
    _show_percent,
)
_PYTHON_FORMAT = _Format(
    "python-format",
    _parse_python,
    # Unflagged: %(name)x, or a bare %s/%d/%i/%f not glued to a word or number ("50%off" is text).
    _finds(r"%\([A-Za-z_]\w*\)[-#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|(?<![\w%])%\.?\d*[sdif](?![A-Za-z])"),
    lambda conv: _PY_GROUPS.get(conv, conv),
    _show_percent,
    unnamed_always_required=True,
)
_BRACE_FORMAT = _Format(
    "python-brace-format",
    _parse_brace,
    # Unflagged: {name} or {0}, optionally with !r / :spec; "{{x}}" escapes and ICU {n, plural,...} are not.
    _finds(r"(?<!\{)\{(?:[A-Za-z_]\w*|\d+)(?:\.[A-Za-z_]\w*|\[[^\]{}]*\])*(?:![rsa])?(?::[^{}]*)?\}"),
    lambda conv: conv,
    _show_brace,
)
_FORMATS = (_C_FORMAT, _PYTHON_FORMAT, _BRACE_FORMAT)


def _formats_for(message: CatalogMessage) -> list[_Format]:
    """The entry's format flags if it has any; else the formats its msgid visibly uses."""
    flagged = [fmt for fmt in _FORMATS if fmt.flag in message.flags]
    if flagged:
        return flagged
    # C and Python never both apply: C detection needs a numbered %1$s in strings that all parse as C,
    # and a numbered %1$s makes a string invalid as Python %-format.
    source = f"{message.msgid}\n{message.msgid_plural}"
    return [
        fmt
        for fmt in _FORMATS
        if f"no-{fmt.flag}" not in message.flags and fmt.detect(source) and _has_args(fmt, message)
    ]


def formats_checked(message: CatalogMessage) -> tuple[str, ...]:
    """The format flags catalog:format-mismatch checks this entry as (flagged or detected)."""
    return tuple(fmt.flag for fmt in _formats_for(message))


def _has_args(fmt: _Format, message: CatalogMessage) -> bool:
    """Detection needs a msgid that parses and consumes arguments; text that merely looks similar does not."""
    try:
        parsed = [fmt.parse(text) for text in (message.msgid, message.msgid_plural) if text]
    except _Invalid:
        return False
    return any(args.named or args.positional for args in parsed)


# --------------------------------------------------------------------------------------------------
# catalog:format-mismatch: comparing


def placeholder_problems(message: CatalogMessage, plural_forms: str = "") -> list[str]:
    """Human descriptions of placeholder mismatches between an entry's msgid and its msgstr forms.

    ``plural_forms`` is the catalog's Plural-Forms header: a plural form that only ever serves one
    number (Arabic "one" and "two", Polish "one") may leave the number out, as ``msgfmt -c`` allows.
    Without a usable header only the last form must carry every placeholder. Unknown placeholders are
    always reported: they make formatting raise. Never raises.
    """
    return [f"{flag}: {problem}" for flag, problem in _problems(message, plural_forms)]


def _problems(message: CatalogMessage, plural_forms: str) -> list[tuple[str, str]]:
    """(format flag, problem) pairs; the flag goes to details, the problem into the message."""
    if message.obsolete or message.untranslated:
        return []
    return [
        (fmt.flag, problem) for fmt in _formats_for(message) for problem in _format_problems(fmt, message, plural_forms)
    ]


def _format_problems(fmt: _Format, message: CatalogMessage, plural_forms: str) -> list[str]:
    try:
        singular = fmt.parse(message.msgid)
        plural = fmt.parse(message.msgid_plural) if message.msgid_plural else singular
    except _Invalid:
        return []  # the source string itself is broken: a code bug, not a translation bug
    allowed = _merge(singular, plural)
    strict_forms = _forms_needing_every_placeholder(message, plural_forms)
    problems: list[str] = []
    for index, text in enumerate(message.msgstr):
        if not text:
            continue  # empty forms are catalog:untranslated / catalog:plural-forms business
        label = f"msgstr[{index}]" if message.msgid_plural else "msgstr"
        try:
            args = fmt.parse(text)
        except _Invalid as exc:
            problems.append(f"{label} is not a valid {fmt.flag} string ({exc})")
            continue
        found = _compare(fmt, required=plural, allowed=allowed, found=args, strict=index in strict_forms)
        problems += [f"{label} {problem}" for problem in found]
    return problems


def _merge(first: _Args, second: _Args) -> _Args:
    named = dict(first.named)
    for name, convs in second.named.items():
        named[name] = named.get(name, frozenset()) | convs
    longer = first.positional if len(first.positional) > len(second.positional) else second.positional
    return _Args(named, longer)


def _forms_needing_every_placeholder(message: CatalogMessage, plural_forms: str) -> frozenset[int]:
    if not message.msgid_plural:
        return frozenset({0})
    multi_valued = _multi_valued_forms(plural_forms)
    if multi_valued is None:
        return frozenset({len(message.msgstr) - 1})
    return multi_valued


@functools.lru_cache(maxsize=64)
def _multi_valued_forms(plural_forms: str) -> frozenset[int] | None:
    """Plural forms chosen for more than one n in 0..999, per the header's ``plural=`` expression.

    msgfmt -c uses the same idea: a form used for exactly one number may omit it. None when the header
    has no usable expression.
    """
    match = re.search(r"\bplural\s*=\s*([^;]+)", plural_forms)
    if match is None:
        return None
    try:
        choose = gettext.c2py(match.group(1).strip())
        counts = Counter(choose(n) for n in range(1000))
    # The expression is untrusted header text: any failure just means "no usable expression".
    except (ValueError, SyntaxError, ArithmeticError, RecursionError, TypeError, MemoryError):
        return None
    return frozenset(form for form, count in counts.items() if count > 1)


def _compare(fmt: _Format, *, required: _Args, allowed: _Args, found: _Args, strict: bool) -> list[str]:
    """Problems of one msgstr form: unknown names always, missing ones only in ``strict`` forms."""
    problems = [
        f"has unknown {fmt.show(name, _any(convs))}" for name, convs in found.named.items() if name not in allowed.named
    ]
    if strict:
        problems += [
            f"lacks {fmt.show(name, _any(convs))}" for name, convs in required.named.items() if name not in found.named
        ]
    for name in sorted(found.named.keys() & allowed.named.keys()):
        if not {fmt.group(c) for c in found.named[name]} <= {fmt.group(c) for c in allowed.named[name]}:
            problems.append(
                f"uses {fmt.show(name, _any(found.named[name]))} where msgid has "
                f"{fmt.show(name, _any(allowed.named[name]))}"
            )
    strict_unnamed = strict or fmt.unnamed_always_required
    problems += _compare_positional(fmt, required.positional, allowed.positional, found.positional, strict_unnamed)
    return problems


def _compare_positional(
    fmt: _Format, required: tuple[str, ...], allowed: tuple[str, ...], found: tuple[str, ...], strict: bool
) -> list[str]:
    if len(found) > len(allowed) or (strict and len(found) != len(required)):
        expected = len(required) if strict else len(allowed)
        return [f"has {len(found)} unnamed placeholder(s), msgid has {expected}"]
    return [
        f"placeholder {index} is %{theirs} where msgid has %{ours}"
        for index, (ours, theirs) in enumerate(zip(allowed, found, strict=False), start=1)
        if fmt.group(ours) != fmt.group(theirs)
    ]


def _any(convs: frozenset[str]) -> str:
    return min(convs) if convs else ""


def check_format_mismatch(artifact: CatalogArtifact) -> list[Finding]:
    """One finding per entry whose placeholders differ; fuzzy entries too (some tools ship them)."""
    findings = []
    for message in _active(artifact):
        problems = _problems(message, artifact.plural_forms)
        if not problems:
            continue
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        text = f"Placeholders differ in {_quote(message.msgid, 40)}: {problems[0][1]}{more}"
        details = _entry_details(
            message,
            formats=sorted({flag for flag, _ in problems}),
            problems=[f"{flag}: {problem}" for flag, problem in problems],
            fuzzy=message.fuzzy,
        )
        findings.append(_finding(FORMAT_MISMATCH, artifact, text, message.lineno, details))
    return findings


# --------------------------------------------------------------------------------------------------
# Registry and entry point

CATALOG_CHECKS: tuple[tuple[CheckMeta, CatalogCheck], ...] = (
    (UNTRANSLATED, check_untranslated),
    (FUZZY, check_fuzzy),
    (OBSOLETE, check_obsolete),
    (FORMAT_MISMATCH, check_format_mismatch),
    (PLURAL_FORMS, check_plural_forms),
    (DUPLICATE, check_duplicate),
    (NOT_IN_TEMPLATE, check_not_in_template),
)


def run_catalog_checks(artifact: CatalogArtifact, disabled: frozenset[str] = frozenset()) -> list[Finding]:
    """Every catalog check not in ``disabled``, findings ordered by line then check id."""
    findings = [finding for meta, check in CATALOG_CHECKS if meta.id not in disabled for finding in check(artifact)]
    return sorted(findings, key=lambda finding: (finding.line, finding.check))
