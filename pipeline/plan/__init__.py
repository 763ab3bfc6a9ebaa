"""Planning: which pages, in which locales, at which URLs — before any browser starts.

Sources: the configured `[pages]` with the locales' url templates (pages.py), a sitemap
(sitemap.py) and a bounded crawl (crawl.py); discovered URLs are grouped into pages by their
hreflang alternates (group.py). Everything stays on the configured origins, and every bound
(time, bytes, files, URLs, pages) ends in a truncated plan with a warning or a one-line error,
never a hang.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TextIO
from urllib.parse import urljoin

from pipeline.config import Config
from pipeline.model import Target
from pipeline.plan.crawl import crawl
from pipeline.plan.fetch import DiscoveryError, Fetcher, discovery_error
from pipeline.plan.group import Grouper, PlannedPage, path_selected
from pipeline.plan.pages import allowed_origins, plan_targets
from pipeline.plan.sitemap import DiscoveredUrl, SitemapError, read_sitemaps
from pipeline.text import reveal_console

__all__ = ["DiscoveryError", "Plan", "allowed_origins", "make_plan", "plan_targets", "print_plan"]
MAX_WARNINGS = 20


@dataclass(frozen=True)
class Plan:
    config: Config  # pages = configured + discovered (id, source-locale URL)
    targets: tuple[Target, ...]
    source: str = "config"  # config | sitemap | crawl | sitemap+crawl
    warnings: tuple[str, ...] = ()
    truncated: bool = False
    detail: str = ""  # where discovery read from

    @property
    def missing(self) -> int:
        return sum(len(t.missing_locales) for t in self.targets)

    def report_warnings(self, say: Callable[[str], None]) -> None:
        for warning in self.warnings:
            say(f"discover: warning: {reveal_console(warning)}")

    def summary(self) -> dict[str, Any]:
        """The `discovery` entry of results.json."""
        return {"source": self.source, "from": self.detail, "pages": len(self.config.pages),
                "targets": len(self.targets), "missing_locale_versions": self.missing,
                "truncated": self.truncated, "warnings": list(self.warnings),
                # Pairs that do not exist on the site: a merge of shards must not count them as missing.
                "absent": [[t.page, code] for t in self.targets for code in t.missing_locales]}


def make_plan(config: Config, base_url: str, say: Callable[[str], None] = lambda _: None) -> Plan:
    """The configured pages, then (with [discover]) the discovered ones; raises DiscoveryError."""
    configured = plan_targets(config, base_url) if config.pages else []
    spec = config.discover
    if spec is None:
        return Plan(config=config, targets=tuple(configured))
    allowed = allowed_origins(config, base_url)
    fetcher = Fetcher(config, base_url, allowed, deadline=time.monotonic() + spec.timeout_s)
    per_page = max(1, len(config.locales))
    found: list[DiscoveredUrl] = []
    warnings: list[str] = []
    truncated = False
    sources, details = [], []
    if spec.sitemap:
        start = spec.sitemap if "://" in spec.sitemap else urljoin(base_url.rstrip("/") + "/", spec.sitemap)
        if not fetcher.in_scope(start):
            raise discovery_error(config, ("discover", "sitemap"), f"discover.sitemap {start} is outside the "
                                  f"configured origins ({', '.join(sorted(allowed))}); add it to site.extra_origins")
        say(f"discover: reading {start}")
        try:
            read = read_sitemaps(fetcher, start, spec.max_pages * per_page * 2 + 100, say)
        except SitemapError as exc:
            raise discovery_error(config, ("discover", "sitemap"),
                                  f"{exc}; check that the site is up and discover.sitemap points at its sitemap") \
                from None
        found += read.urls
        warnings += read.warnings
        truncated |= read.truncated
        sources.append("sitemap")
        details.append(f"{start} ({read.files} file(s), {len(read.urls)} URL(s))")
    if spec.crawl:
        say(f"discover: crawling {base_url} (depth {spec.depth}, at most {spec.max_pages * per_page} page(s))")
        result = crawl(fetcher, base_url, max_docs=spec.max_pages * per_page, depth=spec.depth,
                       include=spec.include, exclude=spec.exclude, say=say)
        found += result.urls
        warnings += result.warnings
        truncated |= result.truncated
        sources.append("crawl")
        details.append(f"{base_url} ({result.fetched} page(s) fetched)")

    grouper = Grouper(config, base_url)
    known = {t.url for t in configured}
    off_scope = dropped_alternates = filtered = 0
    for item in found:
        if not fetcher.in_scope(item.url):
            off_scope += 1
            continue
        if not path_selected(item.url, spec.include, spec.exclude):
            filtered += 1
            continue
        kept = tuple((h, u) for h, u in item.alternates if fetcher.in_scope(u))
        dropped_alternates += len(item.alternates) - len(kept)
        grouper.add(replace(item, alternates=kept))
    if off_scope:
        warnings.append(f"{off_scope} URL(s) outside the configured origins were left out")
    if dropped_alternates:
        warnings.append(f"{dropped_alternates} hreflang alternate(s) outside the configured origins were left out "
                        "(add their origin to site.extra_origins to scan them)")
    if grouper.duplicates:
        warnings.append(f"{grouper.duplicates} URL(s) competed for a locale already taken in their page group; "
                        "the closest hreflang match was kept")
    pages, cut = grouper.pages(max(0, spec.max_pages - len(config.pages)))
    if cut:
        truncated = True
        warnings.append(f"more than {spec.max_pages} pages found; the plan keeps the first {spec.max_pages} "
                        "(raise discover.max_pages)")
    pages = [p for p in pages if not known.intersection(p.urls.values())]
    if not pages and not configured:
        where = " and ".join(details) or base_url
        raise discovery_error(config, ("discover",), f"discovery found no page on the configured origins in {where}"
                              + (f" ({filtered} left out by discover.include/exclude)" if filtered else "")
                              + "; check discover.sitemap / discover.crawl")
    targets = list(configured) + [t for page in pages for t in _page_targets(config, page)]
    new_pages = tuple((p.id, p.urls[_reporter(config, p)]) for p in pages)
    unique = tuple(dict.fromkeys(warnings))
    shown = unique[:MAX_WARNINGS] + ((f"… and {len(unique) - MAX_WARNINGS} more warning(s)",)
                                     if len(unique) > MAX_WARNINGS else ())
    return Plan(config=replace(config, pages=config.pages + new_pages), targets=tuple(targets),
                source="+".join(sources), warnings=shown, truncated=truncated, detail="; ".join(details))


def _reporter(config: Config, page: PlannedPage) -> str:
    """The locale whose target carries the page's missing-locale-version findings."""
    if config.source_locale in page.urls:
        return config.source_locale
    return next(loc.code for loc in config.locales if loc.code in page.urls)


def _page_targets(config: Config, page: PlannedPage) -> list[Target]:
    reporter = _reporter(config, page)
    return [Target(page=page.id, locale=loc.code, url=page.urls[loc.code],
                   missing_locales=page.missing if loc.code == reporter else ())
            for loc in config.locales if loc.code in page.urls]


def print_plan(plan: Plan, out: TextIO) -> None:
    """`a11y-l10n discover`: pages × locales, one line per target, missing versions marked."""
    codes = [loc.code for loc in plan.config.locales]
    by_page: dict[str, dict[str, str]] = {}
    for t in plan.targets:
        by_page.setdefault(t.page, {})[t.locale] = t.url
    width = max((len(c) for c in codes), default=2)
    for page, _ in plan.config.pages:
        # Page ids and URLs come from the site: never let them drive the terminal.
        print(reveal_console(page), file=out)
        urls = by_page.get(page, {})
        for code in codes:
            print(f"  {code:<{width}}  {reveal_console(urls.get(code, '(missing: no version of this page)'))}",
                  file=out)
    print(f"{len(plan.config.pages)} page(s) × {len(codes)} locale(s): {len(plan.targets)} target(s), "
          f"{plan.missing} missing locale version(s)" + (" — TRUNCATED" if plan.truncated else "")
          + (f"; from {plan.source}: {plan.detail}" if plan.detail else ""), file=out)
