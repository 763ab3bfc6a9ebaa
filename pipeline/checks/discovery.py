"""missing-locale-version: discovery found a page with no version in a configured locale."""

from __future__ import annotations

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.config import Config
from pipeline.model import Finding

MISSING_META = CheckMeta(
    id="missing-locale-version",
    title="Every page exists in every configured locale",
    description="Discovery (sitemap hreflang alternates, crawl or url templates) found no version of this page "
    "in a configured locale. Reported on the page's source-locale target, once per missing locale.",
    severity="moderate",
)


def check_missing_locales(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    return [Finding(check=MISSING_META.id, severity=MISSING_META.severity,
                    message=f"no '{code}' version of this page: discovery found no URL for locale '{code}' "
                    f"(hreflang {config.locale(code).lang}) among its alternates",
                    selector="html", page=art.page, locale=art.locale, snippet="",
                    details={"missing_locale": code, "lang": config.locale(code).lang, "url": art.url})
            for code in art.missing_locales]
