"""Translation-quality catalog checks built on pofilter (translate-toolkit ``translate.filters.checks``).

Each check hands (source, translation) pairs of a translated, non-fuzzy entry to pofilter's own test
(``xmltags``, ``unchanged``, ``startwhitespace``/``endwhitespace``, ``accelerators``) and adds what a
website catalog needs on top, to keep false findings out:

* ``catalog:markup-mismatch``: pofilter compares every tag *in order*. Here, after pofilter's xmltags
  fails, only what breaks a page is reported: a differing multiset of structural HTML tags (links,
  images, form controls...: name, closing or not, attributes other than translatable ones like
  ``alt``/``title``), or a tag the translation leaves open, closes twice (``</ strong>``) or closes
  although it is void (``</br>``). Reordered tags (word order) and added, dropped or swapped inline
  styling (``<b>``, ``<i>``, ``<span>``: italics mean little in Chinese) are not; ``<file>`` in a usage
  text or ``<name at host>`` in credits are words; markup added to a msgid without any (pofilter's
  "Added XML tags") is not reported either: key-style catalogs add it on purpose.
* GNOME's ``translator-credits`` entry is free text and skipped by every check here.
* ``catalog:unchanged``: besides pofilter's exceptions (variables, accelerators, all-caps, < 2 chars),
  strings that have fewer than two letters once the configured ``do_not_translate`` terms are removed
  are accepted — the same rule the untranslated-text page check uses — and so are strings with fewer
  than two lower-case prose words once markup and placeholders are removed ("Error" is Spanish,
  "Mac OS (CR)" and "Python Enhancement Proposals" are names), and catalogs in the source language.
* ``catalog:whitespace``: pofilter compares the exact leading/trailing whitespace; here only whitespace
  the *source* has at an edge (it is joined to other text there) and the translation drops or turns
  into another kind (space vs newline) is reported; a space dropped next to full-width CJK text or
  punctuation is fine, and whitespace only the translation has is not reported (HTML collapses it).
* ``catalog:accelerator``: only entries whose msgid clearly has one (``&File``, ``_Save`` at a word
  start; not ``R&D``, ``&amp;`` or ``snake_case``), then pofilter's count comparison; a marker before
  any letter counts (pofilter calls ``_č`` invalid for Bosnian, GTK accepts it).
* ``catalog:length``: not pofilter's ``long`` (a 10x ratio): a length-limit note (``#. max 20
  characters``, Weblate's ``max-length:N`` flag) makes a longer msgstr a finding, or a note about
  limited space with a msgstr more than 1.5x the msgid.

Pure functions of the artifact plus ``CatalogCheckSettings``, like every check.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from translate.filters.checks import CheckerConfig, FilterFailure, StandardChecker

from pipeline.checks.base import CheckMeta
from pipeline.checks.untranslated import MIN_LETTERS, letter_count, strip_terms
from pipeline.config import Config
from pipeline.model import CatalogArtifact, CatalogMessage, Finding

__all__ = [
    "ACCELERATOR",
    "LENGTH",
    "MARKUP_MISMATCH",
    "QUALITY_CHECKS",
    "UNCHANGED",
    "WHITESPACE",
    "CatalogCheckSettings",
    "check_accelerator",
    "check_length",
    "check_markup_mismatch",
    "check_unchanged",
    "check_whitespace",
    "length_limit",
    "settings_from_config",
]


@dataclass(frozen=True)
class CatalogCheckSettings:
    """The part of the config catalog checks read (added so catalog checks can see config)."""

    do_not_translate: tuple[str, ...] = ()
    source_language: str = "en"  # a catalog in the source language (en_GB for en) may copy every msgid


DEFAULT_SETTINGS = CatalogCheckSettings()


def settings_from_config(config: Config) -> CatalogCheckSettings:
    """What catalog checks read from the config (they took only the artifact before)."""
    return CatalogCheckSettings(do_not_translate=tuple(config.do_not_translate),
                                source_language=config.source_locale)

MARKUP_MISMATCH = CheckMeta(
    "catalog:markup-mismatch",
    "HTML/XML tags differ between msgid and msgstr",
    "The translation lacks, adds or changes a structural tag (a link, image, form control; or an attribute "
    "such as href), or leaves a tag open or malformed: the page renders broken or loses a link. Reordered "
    "tags and changed inline styling (b, i, span) are fine. Built on pofilter's xmltags.",
    "serious",
)
UNCHANGED = CheckMeta(
    "catalog:unchanged",
    "Translation identical to the source",
    "A translated entry whose msgstr equals the msgid (ignoring case, placeholders and accelerators): often "
    "copied, not translated. Not reported: do_not_translate terms, strings with fewer than two lower-case "
    "prose words (cognates such as \"Error\", names, technical tokens), all-caps strings, catalogs in the "
    "source language. Built on pofilter's unchanged.",
    "minor",
)
WHITESPACE = CheckMeta(
    "catalog:whitespace",
    "Leading or trailing whitespace differs",
    "The msgid starts or ends with a space or newline (it is joined to other text there) and the msgstr drops "
    "it or uses another kind (\"Name: \" vs \"Nombre:\"): words run together. Built on pofilter's "
    "start/endwhitespace.",
    "minor",
)
ACCELERATOR = CheckMeta(
    "catalog:accelerator",
    "Keyboard accelerator missing or added",
    "The msgid marks a keyboard accelerator (&File, _Save) and the msgstr has none, or more than one. "
    "Built on pofilter's accelerators.",
    "moderate",
)
LENGTH = CheckMeta(
    "catalog:length",
    "Translation too long for its length limit",
    "The entry's comment gives a length limit (\"max 20 characters\", flag max-length:20) and the msgstr is "
    "longer, or the comment says space is limited and the msgstr is more than 1.5x the msgid: a predictor of "
    "clipped or overflowing text.",
    "moderate",
)

# Quoted source text in messages stays short.
_QUOTE = 50


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= _QUOTE else flat[: _QUOTE - 1] + "…"}"'


def _finding(meta: CheckMeta, artifact: CatalogArtifact, message: CatalogMessage, text: str,
             **extra: Any) -> Finding:
    details: dict[str, Any] = {"msgid": message.msgid, "msgstr": list(message.msgstr)}
    if message.context:
        details["context"] = message.context
    if message.locations:
        details["locations"] = list(message.locations)
    details.update(extra)
    return Finding(check=meta.id, severity=meta.severity, message=text, locale=artifact.locale,
                   file=artifact.path, line=message.lineno, details=details)


def _pairs(message: CatalogMessage) -> Iterator[tuple[str, str, str]]:
    """(label, source, translation) per filled form: msgstr[0] against msgid, later forms against msgid_plural."""
    for index, target in enumerate(message.msgstr):
        if not target:
            continue
        source = message.msgid if index == 0 or not message.msgid_plural else message.msgid_plural
        label = f"msgstr[{index}]" if message.msgid_plural else "msgstr"
        yield label, source, target


# GNOME's convention: the translators' names, free text in any shape.
_CREDITS = frozenset({"translator-credits", "translator_credits"})


def _shipped(artifact: CatalogArtifact) -> Iterator[CatalogMessage]:
    """Entries whose translation users see: active, not fuzzy, not untranslated (credits aside)."""
    return (m for m in artifact.messages if not m.obsolete and m.translated and m.msgid not in _CREDITS)


@lru_cache(maxsize=32)
def _checker(language: str, accelerator: str = "") -> StandardChecker:
    config = CheckerConfig(targetlanguage=language or None, accelmarkers=[accelerator] if accelerator else [])
    return StandardChecker(checkerconfig=config)


def _fails(test: Callable[[str, str], object], source: str, target: str) -> str | None:
    """pofilter's verdict: None when the test passes, else its message."""
    try:
        test(source, target)
    except FilterFailure as failure:
        return str(failure)
    return None


def _language(artifact: CatalogArtifact) -> str:
    return (artifact.language or artifact.locale).replace("-", "_")


# --------------------------------------------------------------------------------------------------
# catalog:markup-mismatch

_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>")
_ATTR = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
# Attributes whose values are text for people, translated with the string.
_TRANSLATABLE_ATTRS = frozenset({"alt", "title", "aria-label", "aria-description", "placeholder", "value", "label"})


# HTML elements and Pango markup: "<file>" in a usage text or "<name at host>" in credits are words.
_KNOWN_TAGS = frozenset((
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote", "br",
    "button", "caption", "cite", "code", "col", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
    "input", "ins", "kbd", "label", "legend", "li", "link", "main", "mark", "meter", "nav", "ol", "optgroup",
    "option", "output", "p", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section",
    "select", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "template", "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video", "wbr", "markup",
))


# Inline styling a translator may add, drop or swap ("<i>" means little in Chinese): only links, media,
# form controls and other structure must match, and every tag must stay well formed.
_STYLE_TAGS = frozenset((
    "b", "strong", "i", "em", "u", "s", "small", "big", "mark", "span", "p", "br", "tt", "sub", "sup", "cite",
    "q", "abbr", "code", "kbd", "samp", "var", "del", "ins", "wbr", "markup",
))
_VOID_TAGS = frozenset(("area", "br", "col", "hr", "img", "input", "link", "source", "wbr"))


def _tags(text: str) -> list[tuple[bool, str, str]]:
    """(closing, name, signature) of the known tags; a signature keeps non-translatable attributes."""
    found = []
    for closing, name, attrs, _self_closing in _TAG.findall(text):
        name = name.lower()
        if name not in _KNOWN_TAGS:
            continue
        kept = sorted(
            f"{attr.lower()}={value.strip(chr(34) + chr(39))}"
            for attr, value in _ATTR.findall(attrs)
            if attr.lower() not in _TRANSLATABLE_ATTRS
        )
        found.append((bool(closing), name, f"{closing}{name} {' '.join(kept)}".strip()))
    return found


def _structure(text: str) -> Counter[str]:
    return Counter(signature for _closing, name, signature in _tags(text) if name not in _STYLE_TAGS)


def _malformed(text: str) -> list[str]:
    """Tags left open or closed twice (``</ strong>`` is no closing tag), and closed void elements."""
    balance: Counter[str] = Counter()
    closed_void = []
    for closing, name, _signature in _tags(text):
        if name in _VOID_TAGS:
            if closing:
                closed_void.append(f"</{name}>")
            continue
        balance[name] += -1 if closing else 1
    return sorted(f"<{name}> {'left open' if n > 0 else 'closed without opening'}"
                  for name, n in balance.items() if n) + closed_void


def _markup_problem(source: str, target: str) -> str | None:
    ours, theirs = _structure(source), _structure(target)
    if not _tags(source):
        # Key-style catalogs (msgid "login to post question info") get their markup from the translation.
        return None
    broken = [problem for problem in _malformed(target) if problem not in _malformed(source)]
    missing = sorted((ours - theirs).elements())
    extra = sorted((theirs - ours).elements())
    parts = ([f"lacks <{'>, <'.join(missing)}>"] if missing else []) + (
        [f"adds <{'>, <'.join(extra)}>"] if extra else []) + broken
    return " and ".join(parts) or None


def check_markup_mismatch(
    artifact: CatalogArtifact, settings: CatalogCheckSettings = DEFAULT_SETTINGS
) -> list[Finding]:
    findings = []
    checker = _checker(_language(artifact))
    for message in _shipped(artifact):
        problems = [
            f"{label} {problem}"
            for label, source, target in _pairs(message)
            if _fails(checker.xmltags, source, target) is not None
            and (problem := _markup_problem(source, target)) is not None
        ]
        if problems:
            text = f"HTML tags differ in {_quote(message.msgid)}: {problems[0]}"
            findings.append(_finding(MARKUP_MISMATCH, artifact, message, text, problems=problems))
    return findings


# --------------------------------------------------------------------------------------------------
# catalog:unchanged


# Markup, character references, placeholders, addresses are not words of the text.
_PLAIN_NOISE = re.compile(
    r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);"
    r"|%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%\d+\$[a-zA-Z]|\{[^{}]*\}"
    r"|\S+@\S+|\S*/\S*|www\.\S+"  # e-mail addresses, URLs and paths
)


# Prose words: lower-case letters only, three or more. Names, products and technical tokens
# ("Mac OS (CR)", "1ns (ext4)", "Python Enhancement Proposals") have none or one.
_PROSE_WORD = re.compile(r"(?<![\w-])[^\W\d_A-Z]{3,}(?![\w-])")


def _base_language(code: str) -> str:
    return re.split(r"[-_@.]", code, maxsplit=1)[0].lower()


def check_unchanged(artifact: CatalogArtifact, settings: CatalogCheckSettings = DEFAULT_SETTINGS) -> list[Finding]:
    if _base_language(_language(artifact)) == _base_language(settings.source_language):
        return []  # en_GB from en: identical strings are the norm
    findings = []
    checker = _checker(_language(artifact))
    for message in _shipped(artifact):
        for label, source, target in _pairs(message):
            if _fails(checker.unchanged, source, target) is None:
                continue
            plain = _PLAIN_NOISE.sub(" ", strip_terms(source, settings.do_not_translate))
            if letter_count(plain) < MIN_LETTERS or len(_PROSE_WORD.findall(plain)) < 2:
                continue  # a do_not_translate term, no words, a cognate ("Error"), a name or a technical token
            text = f"Translation identical to the source: {_quote(message.msgid)}"
            findings.append(_finding(UNCHANGED, artifact, message, text, form=label))
            break
    return findings


# --------------------------------------------------------------------------------------------------
# catalog:whitespace


_JOINING_SPACE = re.compile(r" {1,2}|\n")
# A trailing space is meant for what follows after a label or lead-in ("Phone: ", "copying images... ",
# " - ") or in a short connector (" or "); after a sentence or a long label it is usually stray.
_LEAD_IN_END = re.compile(r"(?:[:\-–—…,(/]|\.\.\.)\s*$")


def _joins_after(source: str) -> bool:
    return bool(_LEAD_IN_END.search(source)) or len(source.split()) <= 2


def _edge_kind(space: str) -> str:
    return "newline" if "\n" in space else "space" if space else ""


def _edge_differs(source: str, target: str, *, end: bool) -> bool:
    """pofilter compares the exact whitespace; this compares its kind (none / spaces / newline).

    A space the source has and the translation drops next to a full-width character (CJK text or
    punctuation such as "：", "（") is not needed there and not reported.
    """
    def edge(text: str) -> tuple[str, str]:
        core = text.rstrip() if end else text.lstrip()
        space = text[len(core):] if end else text[: len(text) - len(core)]
        return space, (core[-1:] if end else core[:1])

    (ours, _), (theirs, neighbour) = edge(source), edge(target)
    if end and ours == " " and not _joins_after(source):
        return False  # "Enable embedding videos. ", "Frequently Asked Questions ": a stray space, nothing follows
    if not _JOINING_SPACE.fullmatch(ours) or _edge_kind(ours) == _edge_kind(theirs):
        # Only a joining space or line break counts. Whitespace the source lacks collapses in HTML (at worst
        # a double space); a newline plus indentation is a template's layout ({% blocktrans %}), not text.
        return False
    wide = bool(neighbour) and unicodedata.east_asian_width(neighbour) in ("F", "W")
    return not (_edge_kind(ours) == "space" and not theirs and wide)


def check_whitespace(artifact: CatalogArtifact, settings: CatalogCheckSettings = DEFAULT_SETTINGS) -> list[Finding]:
    findings = []
    checker = _checker(_language(artifact))
    for message in _shipped(artifact):
        problems = [
            f"{label}: {problem}"
            for label, source, target in _pairs(message)
            for test, end in ((checker.startwhitespace, False), (checker.endwhitespace, True))
            if (problem := _fails(test, source, target)) is not None and _edge_differs(source, target, end=end)
        ]
        if problems:
            text = f"Whitespace differs in {_quote(message.msgid)}: {problems[0]}"
            findings.append(_finding(WHITESPACE, artifact, message, text, problems=problems))
    return findings


# --------------------------------------------------------------------------------------------------
# catalog:accelerator

# A marker at a word start followed by a letter or digit; "&amp;"-style entities are not accelerators.
_ACCELERATOR = re.compile(r"(?:^|(?<=[\s(\[\"']))([&_])(?=[^\W_])(?![A-Za-z]+;|#\d+;)")


_EMPHASIS = re.compile(r"_[^\s_]+_")  # Markdown _italic_, not a mnemonic


def _accelerator_marker(source: str) -> str:
    markers = {match.group(1) for match in _ACCELERATOR.finditer(source)
               if not _EMPHASIS.match(source, match.start(1))}
    return markers.pop() if len(markers) == 1 else ""


_INVALID_ACCELERATOR = re.compile(r"invalid accelerator character '(.)'")


def _accepted_letter(problem: str) -> bool:
    """pofilter only knows Latin accelerator letters per language; GTK and Qt accept any letter (_č, &ç)."""
    match = _INVALID_ACCELERATOR.search(problem)
    return match is not None and match.group(1).isalpha()


def check_accelerator(artifact: CatalogArtifact, settings: CatalogCheckSettings = DEFAULT_SETTINGS) -> list[Finding]:
    findings = []
    for message in _shipped(artifact):
        marker = _accelerator_marker(message.msgid)
        if not marker:
            continue
        checker = _checker(_language(artifact), marker)
        problems = [
            f"{label}: {problem}"
            for label, source, target in _pairs(message)
            if (problem := _fails(checker.accelerators, source, target)) is not None
            and not _accepted_letter(problem)
        ]
        if problems:
            text = f"Accelerator {marker!r} differs in {_quote(message.msgid)}: {problems[0]}"
            findings.append(_finding(ACCELERATOR, artifact, message, text, problems=problems, marker=marker))
    return findings


# --------------------------------------------------------------------------------------------------
# catalog:length

_LIMIT_NUMBER = re.compile(
    r"(?i)\b(?:max(?:imum)?\.?(?:[\s_-]*(?:length|len|chars?))?|at\s+most|no\s+more\s+than|up\s+to|"
    r"limit(?:ed)?(?:\s+to)?|length\s+limit)\s*(?:of|is|:|=)?\s*(\d{1,4})\b"
)
_LIMIT_WORDS = re.compile(
    r"(?i)\b(?:keep\s+(?:it\s+)?short|short(?:\s+as\s+possible)?|limited\s+(?:space|width|length)|"
    r"space\s+is\s+limited|must\s+fit|length\s+limit|character\s+limit|max(?:imum)?\s+length)\b"
)
_MAX_LENGTH_FLAG = re.compile(r"max-length:(\d+)")
_RATIO = 1.5


def length_limit(message: CatalogMessage) -> tuple[int | None, str] | None:
    """(limit in characters or None, the note or flag that says so); None when nothing limits the length."""
    for flag in message.flags:
        match = _MAX_LENGTH_FLAG.fullmatch(flag)
        if match:
            return int(match.group(1)), flag
    for note in message.notes:
        match = _LIMIT_NUMBER.search(note)
        if match:
            return int(match.group(1)), note
    for note in message.notes:
        if _LIMIT_WORDS.search(note):
            return None, note
    return None


def check_length(artifact: CatalogArtifact, settings: CatalogCheckSettings = DEFAULT_SETTINGS) -> list[Finding]:
    findings = []
    for message in _shipped(artifact):
        limit = length_limit(message)
        if limit is None:
            continue
        maximum, why = limit
        for label, source, target in _pairs(message):
            length = len(target)
            if maximum is not None and length > maximum:
                text = f"{label} is {length} characters, the limit is {maximum}: {_quote(message.msgid)}"
            elif maximum is None and length > _RATIO * len(source) and length - len(source) >= 5:
                text = f"{label} is {length} characters for a {len(source)}-character msgid in limited space: " \
                       f"{_quote(message.msgid)}"
            else:
                continue
            findings.append(_finding(LENGTH, artifact, message, text, form=label, length=length,
                                     limit=maximum, source_length=len(source), note=why))
            break
    return findings


class QualityCheck(Protocol):
    """A catalog check that also reads settings; without them it runs on the defaults."""

    def __call__(self, artifact: CatalogArtifact, settings: CatalogCheckSettings = ..., /) -> list[Finding]: ...


QUALITY_CHECKS: tuple[tuple[CheckMeta, QualityCheck], ...] = (
    (MARKUP_MISMATCH, check_markup_mismatch),
    (UNCHANGED, check_unchanged),
    (WHITESPACE, check_whitespace),
    (ACCELERATOR, check_accelerator),
    (LENGTH, check_length),
)
