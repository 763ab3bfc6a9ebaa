"""A bounded same-origin crawl from base_url, for sites without a sitemap.

Reads served HTML (no browser, no JavaScript): `<a href>` links to follow, `<link
rel="alternate" hreflang>` to group locale versions, `<html lang>` as a hint. Bounded by
depth (link hops), the number of documents fetched, include/exclude globs, bytes per page and
the discovery deadline; links to other origins are never followed.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

from pipeline.plan.fetch import MAX_HTML_BYTES, Fetcher, FetchError
from pipeline.plan.group import path_selected
from pipeline.plan.sitemap import DiscoveredUrl

HTML_TYPES = ("text/html", "application/xhtml+xml", "")
SKIP_SUFFIXES = (".pdf", ".zip", ".gz", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".mp4", ".mp3",
                 ".css", ".js", ".json", ".xml", ".ico", ".woff", ".woff2", ".doc", ".docx", ".xls", ".xlsx")
WORKERS = 4


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.alternates: list[tuple[str, str]] = []
        self.lang = ""
        self.base = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "link" and "alternate" in a.get("rel", "").lower().split() and a.get("hreflang") and a.get("href"):
            self.alternates.append((a["hreflang"].strip(), a["href"].strip()))
        elif tag == "html" and a.get("lang"):
            self.lang = a["lang"].strip()
        elif tag == "base" and a.get("href") and not self.base:
            self.base = a["href"]


@dataclass
class CrawlRead:
    urls: list[DiscoveredUrl] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False
    fetched: int = 0


def _normal(url: str) -> str:
    return urldefrag(url)[0]


def crawl(fetcher: Fetcher, start: str, *, max_docs: int, depth: int, include: tuple[str, ...],
          exclude: tuple[str, ...], say: Callable[[str], None]) -> CrawlRead:
    result = CrawlRead()
    seen = {_normal(start)}
    level = [_normal(start)]
    failures = 0

    def visit(url: str) -> tuple[DiscoveredUrl | None, list[str]]:
        try:
            fetched = fetcher.get(url, MAX_HTML_BYTES)
        except FetchError as exc:
            return None, [str(exc)]
        if fetched.content_type not in HTML_TYPES:
            return None, []
        parser = _Links()
        try:
            parser.feed(fetched.body.decode("utf-8", errors="replace"))
            parser.close()
        except (AssertionError, ValueError):  # html.parser gives up on some broken markup
            pass
        base = urljoin(fetched.final_url, parser.base) if parser.base else fetched.final_url
        alternates = tuple((h, _normal(urljoin(base, href))) for h, href in parser.alternates)
        links = [_normal(urljoin(base, href)) for href in parser.links]
        return DiscoveredUrl(url=_normal(fetched.final_url), alternates=alternates, lang=parser.lang), links

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for hop in range(depth + 1):
            room = max_docs - result.fetched
            if not level or room <= 0:
                break
            if fetcher.remaining() <= 0:
                result.warnings.append("the discovery time limit was reached; the crawl is truncated")
                result.truncated = True
                break
            batch, rest = level[:room], level[room:]
            if rest:
                result.truncated = True
            next_level: list[str] = []
            for page, links in pool.map(visit, batch):
                result.fetched += 1
                if page is None:
                    failures += bool(links)
                    continue
                if path_selected(page.url, include, exclude):
                    result.urls.append(page)
                for link in links:
                    # exclude: never fetched; include only filters the plan (its pages may be reached via others).
                    if (link not in seen and fetcher.in_scope(link) and not link.lower().endswith(SKIP_SUFFIXES)
                            and path_selected(link, (), exclude)):
                        seen.add(link)
                        next_level.append(link)
            say(f"discover: crawled {result.fetched} page(s) (depth {hop}), {len(next_level)} new link(s)")
            level = next_level
            if hop == depth and level:
                result.warnings.append(f"links deeper than discover.depth = {depth} were not followed")
    if result.truncated:
        result.warnings.append(f"the crawl stopped after {max_docs} page(s); raise discover.max_pages to plan more")
    if failures:
        result.warnings.append(f"{failures} crawled URL(s) could not be fetched")
    return result
