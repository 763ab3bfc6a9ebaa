"""untranslated-text and untranslated-accessible-name.

Text is judged by comparison, not by guessing a language from the string: a run on a
non-source page is "left in the source language" when the source-locale rendering of the
same page shows the same text (or, without that rendering, when it is a catalog msgid).
Each finding is traced back to the catalog entry it came from, when there is one.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import langcodes

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.checks.not_translatable import (
    PageEvidence,
    is_code,
    is_site_name,
    is_tiny_fragment,
    page_evidence,
    text_rule,
)
from pipeline.config import Config
from pipeline.model import Box, CatalogArtifact, CatalogMessage, Finding, TextRun
from pipeline.text import normalize

TEXT_META = CheckMeta(
    id="untranslated-text",
    title="Visible text is translated",
    description="Visible text and the <title> on a non-source locale that are identical to the "
    "source-locale rendering of the same page. Skips text whose own element declares another "
    "lang, text inside translate=\"no\" or [l10n] ignore_selectors, code, URLs, e-mail addresses, file "
    "names, identifiers, formulas, language names, proper names, do_not_translate terms, tiny fragments "
    "between inline elements, and text without letters.",
    severity="moderate",
)
NAME_META = CheckMeta(
    id="untranslated-accessible-name",
    title="Accessible names are translated",
    description="alt, aria-label, title, placeholder (and button values) left in the source language: "
    "screen-reader users hear them in the wrong language.",
    severity="serious",
)

# python-format, python-brace-format and c-format placeholders, for tracing rendered text
# back to a msgid that had values substituted.
_PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[-#0 +]*\d*(?:\.\d+)?[sdif]"
                          r"|\{\{[^{}]*\}\}|\{[^{}]*\}")  # {{var}}: i18next interpolation
MIN_LETTERS = 2
# A msgid traces rendered text only through enough literal text: "%s %s" or "{0}" would otherwise
# match every text with a space (or any text at all).
MIN_TRACE_LETTERS = 3
MIN_TRACE_SHARE = 1 / 3  # of the rendered text's length covered by the msgid's literal text


@lru_cache(maxsize=32768)  # the source page's texts are compared again for each locale
def letter_count(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch).startswith("L"))


def strip_terms(text: str, terms: tuple[str, ...]) -> str:
    for term in sorted(terms, key=len, reverse=True):
        text = re.sub(re.escape(term), " ", text, flags=re.IGNORECASE)
    return text


def _declared_foreign(lang: str, lang_source: str, page_lang: str) -> bool:
    """Text inside an element whose own lang says it is another language is correct as is."""
    return lang_source == "element" and bool(lang) and not _same_language(lang, page_lang)


@dataclass(frozen=True)
class CatalogHit:
    message: CatalogMessage
    status: str  # untranslated | fuzzy | translated | plural-incomplete


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    literal: int  # characters of the msgid that are not placeholders
    message: CatalogMessage


@dataclass(frozen=True)
class _CatalogIndex:
    exact: dict[str, CatalogMessage]
    patterns: tuple[_Pattern, ...]  # longest literal first: the most specific msgid wins


@lru_cache(maxsize=16)
def _index(catalog: CatalogArtifact) -> _CatalogIndex:
    exact: dict[str, CatalogMessage] = {}
    patterns: list[_Pattern] = []
    for msg in catalog.messages:
        if msg.obsolete:
            continue
        for source in filter(None, (msg.msgid, msg.msgid_plural)):
            key = normalize(source)
            exact.setdefault(key, msg)
            if _PLACEHOLDER.search(key):
                parts = _PLACEHOLDER.split(key)
                literal = "".join(parts)
                if letter_count(literal) < MIN_TRACE_LETTERS:
                    continue  # "%s %s", "{0}", "(%d)": placeholders and punctuation only
                regex = ".+?".join(re.escape(p) for p in parts)
                patterns.append(_Pattern(re.compile(f"^{regex}$", re.DOTALL), len(literal), msg))
    patterns.sort(key=lambda p: -p.literal)
    return _CatalogIndex(exact, tuple(patterns))


def _status(msg: CatalogMessage) -> str:
    if msg.fuzzy:
        return "fuzzy"
    if not msg.msgstr or all(s == "" for s in msg.msgstr):
        return "untranslated"
    if any(s == "" for s in msg.msgstr):
        return "plural-incomplete"
    return "translated"


def trace(text: str, catalog: CatalogArtifact | None) -> CatalogHit | None:
    if catalog is None:
        return None
    idx = _index(catalog)
    msg = idx.exact.get(text)
    if msg is None:
        msg = next((p.message for p in idx.patterns
                    if p.literal >= MIN_TRACE_SHARE * len(text) and p.regex.match(text)), None)
    return CatalogHit(msg, _status(msg)) if msg else None


def _intentionally_identical(hit: CatalogHit | None, text: str) -> bool:
    """A translated entry whose msgstr equals its msgid is a deliberate choice (e.g. "Hospital" in es)."""
    return (hit is not None and hit.status == "translated"
            and any(normalize(s) == text for s in hit.message.msgstr))


def _trace_text(hit: CatalogHit | None, catalog: CatalogArtifact | None) -> tuple[str, dict[str, object]]:
    if hit is None:
        where = "not found in the catalog (hard-coded or content text)" if catalog else "no catalog configured"
        return where, {"catalog_status": "not-in-catalog" if catalog else "no-catalog"}
    assert catalog is not None
    m = hit.message
    status = hit.status
    if status == "translated" and m.msgid_plural:
        status = "plural-form-missing"  # translated entry, yet English rendered: a form the runtime lacked
    return (f"from {catalog.path}:{m.lineno} ({status})",
            {"catalog_file": catalog.path, "catalog_line": m.lineno, "catalog_status": status,
             "msgid": m.msgid})


def _same_language(tag: str, other: str) -> bool:
    try:
        return langcodes.Language.get(tag).language == langcodes.Language.get(other).language
    except (ValueError, langcodes.tag_parser.LanguageTagError):
        return False


def _source_strings(ctx: PageContext, config: Config, attributes: bool) -> set[str] | None:
    """Strings that the source rendering shows *as source-language text*.

    A string that the source page itself marks as another language (the "Español" item of
    the language menu carries lang="es" on the English page) is identical everywhere by
    design, so it is left out.
    """
    src = ctx.source
    if src is not None and src.status == "ok":
        source_lang = config.locale(config.source_locale).lang
        items = ([(a.value, a.lang) for a in src.attributes] if attributes
                 else [(r.text, r.lang) for r in src.text_runs] + [(src.title, src.html_lang or "")])
        return {normalize(text) for text, lang in items if not lang or _same_language(lang, source_lang)}
    if ctx.catalog is not None:
        return set(_index(ctx.catalog).exact)
    return None


def _is_candidate(text: str, source: set[str], config: Config) -> bool:
    return (text in source and letter_count(strip_terms(text, config.do_not_translate)) >= MIN_LETTERS)


def _left_in_source(text: str, source: set[str], ctx: PageContext, config: Config, *, lang: str = "",
                    lang_source: str = "", translate: bool = True) -> tuple[str, dict[str, object]] | None:
    """The one judgement both checks share: (where-text, details) when `text` was left untranslated."""
    if not translate or _declared_foreign(lang, lang_source, ctx.locale.lang):
        return None
    if not _is_candidate(text, source, config):
        return None
    hit = trace(text, ctx.catalog)
    if _intentionally_identical(hit, text):
        return None
    return _trace_text(hit, ctx.catalog)


def _sources(ctx: PageContext, config: Config, attributes: bool) -> set[str] | None:
    if ctx.artifact.locale == config.source_locale or ctx.artifact.status != "ok":
        return None
    return _source_strings(ctx, config, attributes=attributes)


def check_untranslated_text(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    source = _sources(ctx, config, attributes=False)
    if source is None:
        return []
    findings: list[Finding] = []
    title = normalize(art.title)
    verdict = _left_in_source(title, source, ctx, config) if title and not text_rule(title) else None
    if verdict:
        where, details = verdict
        findings.append(Finding(check=TEXT_META.id, severity=TEXT_META.severity, selector="title",
                                message=f"<title> is still in the source language: \"{title}\"; {where}",
                                page=art.page, locale=art.locale, snippet=f"<title>{title}</title>",
                                details={"text": title, **details}))
    seen: set[tuple[str, str]] = set()
    evidence = cache(lambda: _page_evidence(ctx, source))
    for run in art.text_runs:
        text = normalize(run.text)
        if (not run.visible and not config.include_hidden_text) or (run.selector, text) in seen:
            continue
        verdict = _left_in_source(text, source, ctx, config, lang=run.lang, lang_source=run.lang_source,
                                  translate=run.translate)
        if verdict is None or _not_translatable(run, text, evidence):
            continue
        seen.add((run.selector, text))
        where, details = verdict
        findings.append(Finding(
            check=TEXT_META.id, severity=TEXT_META.severity, selector=run.selector,
            message=f"text left in the source language: \"{_short(text)}\"; {where}",
            page=art.page, locale=art.locale, snippet=run.snippet,
            details={"text": text, "visible": run.visible, **details, **box_detail(run.box)},
        ))
    return findings


def check_untranslated_names(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    source = _sources(ctx, config, attributes=True)
    if source is None:
        return []
    findings: list[Finding] = []
    for attr in art.attributes:
        value = normalize(attr.value)
        verdict = _left_in_source(value, source, ctx, config, lang=attr.lang, lang_source=attr.lang_source,
                                  translate=attr.translate and not attr.ignored)
        if verdict is None or text_rule(value):
            continue
        where, details = verdict
        findings.append(Finding(
            check=NAME_META.id, severity=NAME_META.severity, selector=attr.selector,
            message=f"{attr.attr}=\"{_short(value)}\" on <{attr.tag}> is in the source language; {where}",
            page=art.page, locale=art.locale, snippet=attr.snippet,
            details={"attribute": attr.attr, "text": value, **details, **box_detail(attr.box)},
        ))
    return findings


def _not_translatable(run: TextRun, text: str, evidence: Callable[[], PageEvidence]) -> str:
    """Why a run identical to the source is fine as it is (pipeline/checks/not_translatable.py), or ""."""
    if run.ignored:
        return "ignore_selectors"
    if is_code(run):
        return "code"
    if is_tiny_fragment(run, text):
        return "fragment"
    if is_site_name(run, text):
        return "site-name"
    return text_rule(text) or evidence().rule(text)


def _page_evidence(ctx: PageContext, source: set[str]) -> PageEvidence:
    def prose(runs: tuple[TextRun, ...]) -> list[str]:
        return [normalize(r.text) for r in runs if not is_code(r)]

    src = ctx.source.text_runs if ctx.source is not None else ()
    return page_evidence(prose(src), prose(ctx.artifact.text_runs), source)


def box_detail(box: Box | None) -> dict[str, object]:
    """Where the finding is on the screenshot (the report outlines it there), when it was drawn at all."""
    return {"box": dataclasses.asdict(box)} if box is not None else {}


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
