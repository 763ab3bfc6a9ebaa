"""hreflang: every page in every locale links to all its translations, and they link back.

Compared with what the tool actually loaded: each configured locale's ``<link rel="alternate"
hreflang>`` must point at the URL scanned for that locale (absolute, compared after
normalisation), its value must be valid BCP 47 and name that locale's language, and the set
must be reciprocal. ``x-default`` is optional unless ``[hreflang] x_default`` names a locale.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import langcodes

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.checks.lang_dir import lang_match
from pipeline.config import Config
from pipeline.model import Alternate, Finding, PageArtifact

HREFLANG_META = CheckMeta(
    id="hreflang",
    title="hreflang alternates are complete, correct and reciprocal",
    description="Each page declares <link rel=\"alternate\" hreflang> for every configured locale (itself "
    "included), pointing at the absolute URL scanned for that locale, with a valid BCP 47 value that names "
    "the locale's language; the links are reciprocal; x-default when [hreflang] x_default asks for it.",
    severity="moderate",
)
X_DEFAULT = "x-default"


def normalize_url(url: str) -> str:
    """Scheme and host lower-cased, default port and fragment dropped, empty path as "/"."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url.strip()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if port in (None, default) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def _loaded(art: PageArtifact) -> set[str]:
    return {normalize_url(u) for u in (art.url, art.final_url) if u}


def _valid(tag: str) -> bool:
    try:
        return bool(tag) and langcodes.tag_is_valid(tag)
    except ValueError:
        return False


def _names(tag: str, lang: str) -> bool:
    return _valid(tag) and lang_match(tag, lang) == "match"


def check_hreflang(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    group = {a.locale: a for a in ctx.group if a.status == "ok"} or {art.locale: art}
    loaded = {code: _loaded(a) for code, a in group.items()}
    alts = art.alternates
    findings: list[Finding] = []

    def add(message: str, snippet: str = "", severity: str = HREFLANG_META.severity, **details: object) -> None:
        findings.append(Finding(check=HREFLANG_META.id, severity=severity, message=message, selector="head",
                                page=art.page, locale=art.locale, snippet=snippet, details=dict(details)))

    def tag(alt: Alternate) -> str:
        return f'<link rel="alternate" hreflang="{alt.hreflang}" href="{alt.raw or alt.href}">'

    relative = []
    for alt in alts:
        if alt.hreflang.lower() != X_DEFAULT and not _valid(alt.hreflang):
            add(f'hreflang="{alt.hreflang}" is not a valid BCP 47 tag', tag(alt), hreflang=alt.hreflang)
        elif alt.raw and not urlsplit(alt.raw).scheme:
            relative.append(alt)
    if relative:
        add(f"{len(relative)} hreflang alternate(s) have a relative href (e.g. \"{relative[0].raw}\"); search "
            f"engines need absolute URLs like {relative[0].href}", tag(relative[0]), severity="minor",
            relative=[a.raw for a in relative])

    if not alts:
        codes = ", ".join(f"{loc.code} ({loc.lang})" for loc in config.locales)
        add(f"the page declares no <link rel=\"alternate\" hreflang> at all; expected one for each locale: {codes}",
            expected=[loc.lang for loc in config.locales])
        return findings
    for loc in config.locales:
        mine = [a for a in alts if _names(a.hreflang, loc.lang)]
        urls = loaded.get(loc.code)
        if not mine:
            other = group.get(loc.code)
            back = other is not None and other is not art and any(
                normalize_url(a.href) in loaded[art.locale] for a in other.alternates)
            why = f"; the {loc.code} page links here, so the pair is not reciprocal" if back else ""
            add(f"no hreflang alternate for locale '{loc.code}' ({loc.lang}){why}", expected_lang=loc.lang,
                expected_url=sorted(urls)[0] if urls else "", reciprocal=not back)
            continue
        if urls and not any(normalize_url(a.href) in urls for a in mine):
            add(f'hreflang="{mine[0].hreflang}" points at {mine[0].href}, but the page scanned for '
                f"'{loc.code}' is {sorted(urls)[0]}", tag(mine[0]), hreflang=mine[0].hreflang, href=mine[0].href,
                expected_url=sorted(urls)[0])

    # An alternate that points at another locale's page must name that locale's language.
    for alt in alts:
        target = next((code for code, urls in loaded.items() if normalize_url(alt.href) in urls), None)
        if target is None or alt.hreflang.lower() == X_DEFAULT or not _valid(alt.hreflang):
            continue
        want = config.locale(target).lang
        if lang_match(alt.hreflang, want) == "mismatch":
            add(f'hreflang="{alt.hreflang}" points at the {target} page, whose language is {want}', tag(alt),
                hreflang=alt.hreflang, expected_lang=want)

    if config.hreflang_x_default:
        xd = [a for a in alts if a.hreflang.lower() == X_DEFAULT]
        urls = loaded.get(config.hreflang_x_default, set())
        if not xd:
            add(f"no hreflang=\"x-default\" alternate; [hreflang] x_default asks for the "
                f"'{config.hreflang_x_default}' page", expected_url=sorted(urls)[0] if urls else "")
        elif urls and not any(normalize_url(a.href) in urls for a in xd):
            add(f'hreflang="x-default" points at {xd[0].href}, not at the '
                f"'{config.hreflang_x_default}' page {sorted(urls)[0]}", tag(xd[0]), href=xd[0].href)
    return findings
