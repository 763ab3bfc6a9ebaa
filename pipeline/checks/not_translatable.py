"""Text no translator should change, so the untranslated checks never report it.

A text identical on the source page and on a translated page is only a defect when a translator
should have changed it. Code, URLs, file names, identifiers, formulas, acronyms, language names
and brand names are the same in every language by design; on real documentation pages they make
up most identical text. The rules are data (``TEXT_RULES``, ``CODE_TAGS``, ``AUTONYMS``) and each
has a name that the README lists. Rules only ever remove findings: none makes text reportable.

Two rules look beyond the text itself, and both are kept conservative (one word, exact case):

* ``name``: the source page writes the word capitalised after a lower-case word in the same
  sentence ("moved to GitHub, where") and never in lower case: a proper name, not a common noun
  in a title-case heading. "Delete" on its own does not qualify, "Wikipedia" in running text does.
* ``kept-by-translation``: the translated page itself uses the word inside its own translated
  text ("vídeos de YouTube"): the translator decided it stays as it is.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data.autonyms import AUTONYMS
from pipeline.model import TextRun

# Elements whose text is code, keyboard input, sample output or a variable (HTML's own semantics).
CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "var", "tt"})


@dataclass(frozen=True)
class TextRule:
    name: str
    covers: str  # what the README says it covers
    pattern: re.Pattern[str]  # full match on the whitespace-normalised text


_PATH_CHARS = r"[\w.*~@%+:=-]"
TEXT_RULES: tuple[TextRule, ...] = (
    TextRule("url", "URLs and bare host names: https://example.org/x, www.example.org, example.org",
             re.compile(r"(?i)[a-z][a-z0-9+.-]*://\S+|www\.\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?")),
    TextRule("email", "e-mail addresses: team@example.org",
             re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    TextRule("path", "file names and paths: ~/.bashrc, /etc/hosts, src/app.js, *.py, owner/repo-name",
             # A slash alone is not enough: "and/or" and "input/output" are words.
             re.compile(rf"(?=[/~.]|\S*[._~\d-]|\S*/\S*/)[~.]?/?{_PATH_CHARS}*(?:/{_PATH_CHARS}*)+"
                        rf"|\.?[\w*-]+(?:\.[\w-]+)*\.[A-Za-z0-9]{{1,6}}|\.[\w-]+")),
    TextRule("identifier", "identifiers and code tokens: snake_case, camelCase, PascalCase, dotted.name, "
             "--flag, -f, $VAR, key=value, call(arg), key chords (ctrl-r, Alt+F4)",
             re.compile(r"_*[A-Za-z0-9]+(?:_+[A-Za-z0-9]+)+_*"  # snake_case
                        r"|[a-z]+(?:[A-Z][a-z0-9]*)+"  # camelCase
                        r"|(?:[A-Z][a-z0-9]+){2,}"  # PascalCase (two humps at least)
                        r"|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?"  # dotted.name
                        r"|--?[A-Za-z0-9][\w-]*(?:=\S*)?"  # CLI flags
                        r"|\$\S+"  # $VAR, ${var%.pdf}
                        r"|[A-Za-z_][\w.-]*=\S*"  # key=value
                        r"|[A-Za-z_$][\w$.]*\((?!e?s\))[^()\s]*\)"  # call(arg), not "file(s)"
                        r"|(?i:ctrl|alt|shift|cmd|esc|escape|meta|super|fn|opt|option)"
                        r"(?:\s*[-+]\s*\S{0,6})+")),  # key chords
    TextRule("formula", "math and complexity notation: O(n log n), n + k, 7m + 10m = 17m, A → B → C",
             re.compile(r"(?=.*[\d()+\-*/=<>^!→←↔⇒≤≥≠×÷√∑∞|])"  # some notation, not a bare word
                        r"(?:\d+(?:\.\d+)?[A-Za-z]{0,3}|(?:log|ln|lg|exp|sqrt|min|max|mod|abs|gcd|lcm|sin|cos|tan)"
                        r"(?![A-Za-z])|[A-Za-zΘΩθωπ](?![A-Za-z])|[\s()\[\]{},.+\-*/=<>^!→←↔⇒≤≥≠×÷√∑∞|%'])+")),
    TextRule("acronym", "an abbreviation in parentheses after its term: (DFS), (LCM), (IS-IS)",
             re.compile(r"\([A-Z][A-Z0-9]{1,7}(?:[-/&][A-Z0-9]{1,7})*\)")),
)


def is_code(run: TextRun) -> bool:
    """Inside a code-like element. Artifacts saved before the gatherer recorded ``code`` still
    carry the element's tag and CSS path, which name the code element in the usual case."""
    return run.code or run.tag in CODE_TAGS or _selector_in_code(run.selector)


@lru_cache(maxsize=8192)  # many runs share a selector
def _selector_in_code(selector: str) -> bool:
    return any(_SEGMENT_TAG.match(part).group(0) in CODE_TAGS  # type: ignore[union-attr]
               for part in _STEP.split(selector))


_SEGMENT_TAG = re.compile(r"[a-z0-9-]*")
_STEP = re.compile(r" >(?:>>)? ")  # child combinator, or the frame step " >>> " of frame selectors
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def text_rule(text: str) -> str:
    """The name of the first text rule that covers ``text``, or ""."""
    if text.casefold() in _AUTONYMS_FOLDED:
        return "language-name"
    for rule in TEXT_RULES:
        if rule.pattern.fullmatch(text):
            return rule.name
    return ""


_AUTONYMS_FOLDED = frozenset(name.casefold() for name in AUTONYMS)


_HREF = re.compile(r"""^<a\b[^>]*?\shref\s*=\s*["']?(?:[a-z][a-z0-9+.-]*:)?//(?:[^/@"'>\s]*@)?([^/:"'>\s?#]+)""",
                   re.IGNORECASE)


def is_site_name(run: TextRun, text: str) -> bool:
    """A link whose text is the name of the site it points to: "Wikipedia" -> en.wikipedia.org,
    "Big O Cheat Sheet" -> www.bigocheatsheet.com. Read from the link's own opening tag."""
    match = _HREF.match(run.snippet) if run.tag == "a" else None
    if match is None:
        return False
    squashed = "".join(_WORD.findall(text)).casefold()
    return len(text.split()) <= 4 and squashed in match.group(1).casefold().split(".")


def is_tiny_fragment(run: TextRun, text: str) -> bool:
    """A piece of a mixed inline run with at most one word: ", etc." or "or" between two <code>."""
    return run.fragment and sum(1 for w in _WORD.findall(text) if len(w) >= 2) <= 1


@dataclass(frozen=True)
class PageEvidence:
    """What the two pages say about single words, computed once per page pair."""

    names: frozenset[str]  # capitalised mid-sentence on the source page, never in lower case there
    kept: frozenset[str]  # words the translated page uses inside its own translated text

    def rule(self, text: str) -> str:
        if " " in text or not _WORD.fullmatch(text):
            return ""
        if text in self.names:
            return "name"
        if text in self.kept:
            return "kept-by-translation"
        return ""


def page_evidence(source_texts: Iterable[str], target_texts: Iterable[str], source: set[str]) -> PageEvidence:
    """``source_texts``/``target_texts``: the pages' non-code run texts; ``source``: the source strings."""
    capitalised_mid: set[str] = set()
    lower: set[str] = set()
    for text in source_texts:
        words = list(_WORD.finditer(text))
        lower.update(w.group(0).casefold() for w in words if w.group(0).islower())
        for prev, word in itertools.pairwise(words):
            # "… the end. Next" or "… list: Item": a capital after punctuation starts a sentence or item.
            if (word.group(0)[0].isupper() and prev.group(0).islower()
                    and not _SENTENCE_BREAK.search(text, prev.end(), word.start())):
                capitalised_mid.add(word.group(0))
    names = {w for w in capitalised_mid if w.casefold() not in lower}
    kept: set[str] = set()
    for text in target_texts:
        if text not in source:  # a translated run: what it keeps in the source language is kept on purpose
            kept.update(_WORD.findall(text))
    return PageEvidence(frozenset(names), frozenset(kept))


_SENTENCE_BREAK = re.compile(r"[.!?:;…•|(\[\"“«]")


def _regenerate_autonyms() -> list[str]:  # pragma: no cover - a maintenance helper, see pipeline/data/autonyms.py
    from babel import Locale, localedata

    names: set[str] = {"Bahasa Indonesia", "Bahasa Melayu"}
    for ident in localedata.locale_identifiers():
        parts = ident.split("_")
        if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) != 4):
            continue  # regional variants repeat their language's name
        loc = Locale.parse(ident)
        names.update(n for n in (loc.get_display_name(ident), loc.languages.get(ident),
                                 loc.languages.get(loc.language)) if n)
    return sorted(names, key=str.casefold)
