"""Group discovered URLs into pages (one URL per configured locale) and name the pages.

A URL's locale comes from, in order: the hreflang alternates that name it, the configured url
templates, the page's own `<html lang>` (crawl), a first path segment that is a language tag
(`/es-419/…`), else the source locale. hreflang values map to configured locales by BCP 47:
`es-419` → `es`; `zh-Hans`/`zh-CN` → a `zh` locale whose lang is `zh-Hans`; `zh-Hant` does not.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import langcodes

from pipeline.config import Config, LocaleConfig, origin_of
from pipeline.plan.sitemap import DiscoveredUrl


@dataclass
class PlannedPage:
    id: str
    urls: dict[str, str] = field(default_factory=dict)  # locale code -> URL
    missing: tuple[str, ...] = ()


def _tag(value: str) -> langcodes.Language | None:
    value = value.strip().replace("_", "-")
    if not value or value.lower() == "x-default" or not langcodes.tag_is_valid(value):
        return None
    return langcodes.Language.get(value)


def match_score(tag: str, loc: LocaleConfig) -> int:
    """How well an hreflang/lang value fits a locale: 0 no, 1 language, 2 script/region fit, 3 exact."""
    lowered = tag.strip().lower()
    if lowered in (loc.code.lower(), loc.lang.lower()):
        return 3
    got = _tag(tag)
    if got is None:
        return 0
    # The locale's lang (default: its code) is what its pages declare: zh with lang zh-Hans is Simplified only.
    for wanted in (_tag(loc.lang) or _tag(loc.code),):
        if wanted is None or got.language != wanted.language:
            continue
        if wanted.script:
            # zh-CN and zh-Hans both mean Simplified; zh-TW/zh-Hant must not land in a zh-Hans locale.
            if (got.script or got.territory) and got.maximize().script != wanted.script:
                continue
            return 2 if got.script or got.territory else 1
        # Another region of the same language is still that language (en-GB for an en-US locale), but
        # ranks below the region itself when both are listed.
        return 2 if wanted.territory and got.territory == wanted.territory else 1
    return 0


def locale_for_tag(tag: str, locales: Sequence[LocaleConfig]) -> tuple[LocaleConfig | None, int]:
    best, score = None, 0
    for loc in locales:
        s = match_score(tag, loc)
        if s > score:
            best, score = loc, s
    return best, score


def _template_regex(loc: LocaleConfig, base_url: str) -> re.Pattern[str] | None:
    if not loc.url:
        return None
    pattern = re.escape(loc.url).replace(re.escape("{base_url}"), re.escape(base_url.rstrip("/")))
    pattern = pattern.replace(re.escape("{path}"), "(?P<path>.*)")
    return re.compile(pattern)


class Grouper:
    def __init__(self, config: Config, base_url: str) -> None:
        self.config = config
        self.base_url = base_url
        self.templates = [(loc, rx) for loc in config.locales if (rx := _template_regex(loc, base_url))]
        # The most specific template first: "{base_url}/{path}" would match every URL.
        self.templates.sort(key=lambda pair: -len(pair[0].url.replace("{path}", "")))
        self.groups: list[PlannedPage] = []
        self._group_of: dict[str, int] = {}  # URL or join key -> index in groups
        self._scores: dict[tuple[int, str], int] = {}
        self.duplicates = 0

    def _infer(self, item: DiscoveredUrl) -> tuple[str, str]:
        """(locale code, join key) for a URL no hreflang speaks for."""
        for loc, rx in self.templates:
            m = rx.fullmatch(item.url)
            if m:
                return loc.code, "path:" + m.group("path")
        if item.lang:
            by_lang, _ = locale_for_tag(item.lang, self.config.locales)
            if by_lang is not None:
                return by_lang.code, "url:" + item.url
        path = urlsplit(item.url).path
        first, _, rest = path.lstrip("/").partition("/")
        by_path, score = locale_for_tag(first, self.config.locales) if first else (None, 0)
        if by_path is not None and score >= 1:
            return by_path.code, "path:" + rest
        return self.config.source_locale, "url:" + item.url

    def add(self, item: DiscoveredUrl) -> None:
        members: dict[str, tuple[str, int]] = {}  # locale -> (url, score)
        keys = [item.url]
        for hreflang, href in item.alternates:
            loc, score = locale_for_tag(hreflang, self.config.locales)
            if loc is None:
                continue
            keys.append(href)
            if loc.code not in members or score > members[loc.code][1]:
                members[loc.code] = (href, score)
        if item.url not in {u for u, _ in members.values()}:
            code, key = self._infer(item)
            keys.append(key)
            members.setdefault(code, (item.url, 0))
        index = next((self._group_of[k] for k in keys if k in self._group_of), None)
        if index is None:
            index = len(self.groups)
            self.groups.append(PlannedPage(id=""))
        group = self.groups[index]
        for k in keys:
            self._group_of.setdefault(k, index)
        for code, (url, score) in members.items():
            old = group.urls.get(code)
            if old is None or (old != url and score > self._scores.get((index, code), -1)):
                if old is not None:
                    self.duplicates += 1
                group.urls[code] = url
                self._scores[(index, code)] = score
            elif old != url:
                self.duplicates += 1

    def pages(self, max_pages: int) -> tuple[list[PlannedPage], bool]:
        used: set[str] = set()
        out = []
        for group in self.groups[:max_pages]:
            group.id = _unique(self._page_id(group), used)
            group.missing = tuple(loc.code for loc in self.config.locales if loc.code not in group.urls)
            out.append(group)
        return out, len(self.groups) > max_pages

    def _page_id(self, group: PlannedPage) -> str:
        codes = [self.config.source_locale] + [loc.code for loc in self.config.locales]
        url = next(group.urls[c] for c in codes if c in group.urls)
        parts = urlsplit(url)
        page = parts.path.strip("/") or "index"
        if parts.query:
            page += "?" + parts.query
        if origin_of(url) != origin_of(self.base_url):
            page = f"{parts.netloc}/{page}"
        return page


def _unique(page: str, used: set[str]) -> str:
    candidate, n = page, 1
    while candidate in used:
        n += 1
        candidate = f"{page}~{n}"
    used.add(candidate)
    return candidate


def path_selected(url: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """include/exclude globs on the URL path (`/blog/*`); include empty = everything."""
    path = urlsplit(url).path or "/"
    if include and not any(fnmatch.fnmatchcase(path, g) for g in include):
        return False
    return not any(fnmatch.fnmatchcase(path, g) for g in exclude)
