"""Head metadata left in the source language: what search results and link previews show.

``<meta name="description">``, ``og:title``, ``og:description``, ``twitter:title`` and
``twitter:description`` are judged like visible text (identical to the source-locale page's
same tag, or a catalog msgid, and not an intentional identical translation); ``og:locale``
must name the page's locale. Findings are ``untranslated-text`` with the meta element as
selector, so they sit with the rest of the untranslated text and are disabled with it.
"""

from __future__ import annotations

import langcodes

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.checks.lang_dir import lang_match
from pipeline.checks.untranslated import TEXT_META, _index, _left_in_source
from pipeline.config import Config
from pipeline.model import Finding
from pipeline.text import normalize

HEAD_META_META = CheckMeta(
    id=TEXT_META.id,
    title="Head metadata is translated",
    description="meta description, og:title/description, twitter:title/description identical to the source "
    "page's, and og:locale naming another locale (reported as untranslated-text).",
    severity=TEXT_META.severity,
)
TEXT_KEYS = ("description", "og:title", "og:description", "twitter:title", "twitter:description")


def _source_meta(ctx: PageContext) -> set[str] | None:
    src = ctx.source
    if src is not None and src.status == "ok":
        return {normalize(m.content) for m in src.head_meta if m.key in TEXT_KEYS}
    if ctx.catalog is not None:
        return set(_index(ctx.catalog).exact)
    return None


def _og_locale_matches(value: str, lang: str) -> bool:
    tag = value.replace("_", "-")
    try:
        valid = langcodes.tag_is_valid(tag)
    except ValueError:
        valid = False
    return valid and lang_match(tag, lang) != "mismatch"


def check_head_meta(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    if art.locale == config.source_locale:
        return []
    source = _source_meta(ctx)
    findings: list[Finding] = []
    for meta in art.head_meta:
        content = normalize(meta.content)
        snippet = f'<meta {meta.selector[5:-1]} content="{content}">'
        if meta.key == "og:locale":
            if content and not _og_locale_matches(content, ctx.locale.lang):
                findings.append(Finding(
                    check=TEXT_META.id, severity=TEXT_META.severity, selector=meta.selector, page=art.page,
                    locale=art.locale, snippet=snippet,
                    message=f"og:locale is \"{content}\" on the '{art.locale}' page; link previews will present it "
                    f"as that locale (expected {ctx.locale.lang.replace('-', '_')})",
                    details={"meta": meta.key, "text": content, "expected": ctx.locale.lang}))
            continue
        if source is None or meta.key not in TEXT_KEYS or not content:
            continue
        verdict = _left_in_source(content, source, ctx, config)
        if verdict is None:
            continue
        where, details = verdict
        findings.append(Finding(
            check=TEXT_META.id, severity=TEXT_META.severity, selector=meta.selector, page=art.page,
            locale=art.locale, snippet=snippet,
            message=f"<meta {meta.key}> is still in the source language: \"{content[:90]}\"; {where}",
            details={"meta": meta.key, "text": content, **details}))
    return findings
