"""lang-attribute and dir-attribute: does the page declare the locale it is served as?"""

from __future__ import annotations

from typing import Literal

import langcodes

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.config import Config
from pipeline.model import Finding

LANG_META = CheckMeta(
    id="lang-attribute",
    title="<html lang> matches the locale",
    description="The root lang attribute is present, a valid BCP 47 tag, and the language the locale "
    "expects (subtags compared, so zh-Hans satisfies zh-Hans and en does not).",
    severity="serious",
)
DIR_META = CheckMeta(
    id="dir-attribute",
    title="Page direction matches the locale's script",
    description="A right-to-left locale (from CLDR, e.g. ar, he, fa) renders with direction rtl at the "
    "root; a left-to-right locale does not.",
    severity="serious",
)

Match = Literal["match", "less-specific", "mismatch"]


def lang_match(declared: str, expected: str) -> Match:
    """BCP 47-aware comparison of a declared tag against the expected one.

    A declared tag may be more specific (es-419 satisfies es). Script is compared after
    likely-subtag expansion only when the declared tag carries a region or script, so zh-CN
    satisfies zh-Hans but a bare `zh` is reported as less specific.
    """
    d = langcodes.Language.get(declared)
    e = langcodes.Language.get(expected)
    if d.language != e.language:
        return "mismatch"
    if e.territory and d.territory and d.territory != e.territory:
        return "mismatch"
    if e.script:
        if d.script or d.territory:
            if d.maximize().script != e.script:
                return "mismatch"
        else:
            return "less-specific"
    if e.territory and not d.territory:
        return "less-specific"
    return "match"


def check_lang(ctx: PageContext, config: Config) -> list[Finding]:
    art, expected = ctx.artifact, ctx.locale.lang
    declared = (art.html_lang or "").strip()

    def finding(message: str, severity: str = LANG_META.severity) -> list[Finding]:
        snippet = f'<html lang="{art.html_lang}">' if art.html_lang is not None else "<html>"
        return [Finding(check=LANG_META.id, severity=severity, message=message, selector="html",
                        page=art.page, locale=art.locale, snippet=snippet,
                        details={"declared": art.html_lang, "expected": expected})]

    if not declared:
        return finding(f"<html> has no lang attribute; add lang=\"{expected}\"")
    if not langcodes.tag_is_valid(declared):
        return finding(f"<html lang=\"{declared}\"> is not a valid BCP 47 tag; use \"{expected}\"")
    result = lang_match(declared, expected)
    if result == "mismatch":
        return finding(f"page declares lang=\"{declared}\" but locale '{ctx.locale.code}' expects "
                       f"\"{expected}\"")
    if result == "less-specific":
        return finding(f"page declares lang=\"{declared}\", less specific than the expected \"{expected}\"",
                       severity="minor")
    return []


def check_dir(ctx: PageContext, config: Config) -> list[Finding]:
    art, expected = ctx.artifact, ctx.locale.dir
    actual = art.computed_dir or (art.html_dir or "ltr")
    if actual == expected:
        return []
    if expected == "rtl":
        hint = ' (only <body> has dir="rtl")' if art.body_dir == "rtl" else ""
        message = (f"locale '{ctx.locale.code}' is right-to-left but the page renders left-to-right{hint}; "
                   'add dir="rtl" to <html>')
    else:
        message = f"locale '{ctx.locale.code}' is left-to-right but the page renders right-to-left"
    snippet = f'<html dir="{art.html_dir}">' if art.html_dir is not None else "<html>"
    return [Finding(check=DIR_META.id, severity=DIR_META.severity, message=message, selector="html",
                    page=art.page, locale=art.locale, snippet=snippet,
                    details={"expected": expected, "computed": art.computed_dir, "html_dir": art.html_dir})]
