"""Read sitemaps (sitemaps.org XML, indexes, gzip, plain-text lists) into discovered URLs.

Parsing is streaming (iterparse, elements cleared as they end) through defusedxml, which
refuses DTDs and entity declarations: a sitemap never needs them, and they are how XML bombs
("billion laughs") and external-entity reads work. Every bound a hostile sitemap could abuse
is explicit: files read, index depth, URLs kept, bytes per file (fetch.py) and time.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from pipeline.plan.fetch import Fetcher, FetchError

MAX_SITEMAP_FILES = 200
MAX_INDEX_DEPTH = 4


@dataclass(frozen=True)
class DiscoveredUrl:
    """A page URL as some source lists it, with the locale versions that source names."""

    url: str
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, href)
    lang: str = ""  # <html lang> when the page itself was read (crawl)


@dataclass
class SitemapRead:
    urls: list[DiscoveredUrl]
    warnings: list[str]
    truncated: bool = False
    files: int = 0


class SitemapError(Exception):
    pass


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_sitemap(body: bytes, base: str) -> Iterator[tuple[str, DiscoveredUrl | str]]:
    """Items of an XML sitemap, index or text list: ('url', DiscoveredUrl) or ('sitemap', url)."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head != b"<":
        return _text_items(body, base)
    return _xml_items(body, base)


def _text_items(body: bytes, base: str) -> Iterator[tuple[str, DiscoveredUrl | str]]:
    for line in body.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith(("http://", "https://")):
            yield "url", DiscoveredUrl(url=line)


def _xml_items(body: bytes, base: str) -> Iterator[tuple[str, DiscoveredUrl | str]]:
    try:
        for _event, elem in iterparse(io.BytesIO(body), events=("end",), forbid_dtd=True):
            name = _local(elem.tag)
            if name == "url":
                item = _url_entry(elem, base)
                elem.clear()
                if item is not None:
                    yield "url", item
            elif name == "sitemap":
                loc = _loc(elem)
                elem.clear()
                if loc:
                    yield "sitemap", urljoin(base, loc)
    except ParseError as exc:
        raise SitemapError(f"is not well-formed XML ({exc})") from None
    except DefusedXmlException as exc:
        raise SitemapError(f"uses a DTD or entities, which sitemaps never need; refused ({type(exc).__name__})") \
            from None


def _loc(elem: Element) -> str:
    for child in elem:
        if _local(child.tag) == "loc":
            return (child.text or "").strip()
    return ""


def _url_entry(elem: Element, base: str) -> DiscoveredUrl | None:
    loc = _loc(elem)
    if not loc:
        return None
    alternates = []
    for child in elem:
        if _local(child.tag) == "link" and "alternate" in (child.get("rel") or "").split():
            hreflang, href = (child.get("hreflang") or "").strip(), (child.get("href") or "").strip()
            if hreflang and href:
                alternates.append((hreflang, urljoin(base, href)))
    return DiscoveredUrl(url=urljoin(base, loc), alternates=tuple(alternates))


def read_sitemaps(fetcher: Fetcher, start: str, max_urls: int, say: Callable[[str], None]) -> SitemapRead:
    """Breadth-first over the sitemap and its indexes, within every bound; never raises on a bad child."""
    result = SitemapRead(urls=[], warnings=[])
    seen: set[str] = {start}
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    off_scope = 0
    while queue:
        url, depth = queue.popleft()
        if result.files >= MAX_SITEMAP_FILES:
            result.warnings.append(f"more than {MAX_SITEMAP_FILES} sitemap files; the rest were not read "
                                   "(the plan is truncated)")
            result.truncated = True
            break
        if fetcher.remaining() <= 0:
            result.warnings.append("the discovery time limit was reached; the plan is truncated")
            result.truncated = True
            break
        try:
            fetched = fetcher.get(url)
            items = parse_sitemap(fetched.body, fetched.final_url)
            result.files += 1
            for what, item in items:
                if what == "sitemap":
                    assert isinstance(item, str)
                    if not fetcher.in_scope(item):
                        off_scope += 1
                    elif item in seen:
                        result.warnings.append(f"{url} lists {item} again (a loop of sitemap indexes); "
                                               "read it once")
                    elif depth + 1 > MAX_INDEX_DEPTH:
                        result.warnings.append(f"{item}: sitemap indexes nested deeper than {MAX_INDEX_DEPTH}; "
                                               "not read")
                    else:
                        seen.add(item)
                        queue.append((item, depth + 1))
                    continue
                assert isinstance(item, DiscoveredUrl)
                if len(result.urls) >= max_urls:
                    result.truncated = True
                    break
                result.urls.append(item)
        except (FetchError, SitemapError) as exc:
            if url == start:
                raise SitemapError(f"sitemap {url}: {exc}") from None
            result.warnings.append(f"sitemap {url}: {exc}; skipped")
            continue
        if result.truncated:
            result.warnings.append(f"the sitemaps list more than {max_urls} URLs; only the first {max_urls} "
                                   "were read (raise discover.max_pages to plan more)")
            break
        if result.files % 20 == 0:
            say(f"discover: {result.files} sitemap file(s), {len(result.urls)} URL(s) so far")
    if off_scope:
        result.warnings.append(f"{off_scope} sitemap(s) outside the configured origins were not read "
                               "(add their origin to site.extra_origins to include them)")
    return result
