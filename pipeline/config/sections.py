"""The config sections for real sites: [discover], [[actions]] and authentication.

Plain data and validation only (no browser, no network), so `config.py` stays the one place
that reads the file and these can be unit-tested alone. Secrets come from the environment:
`${NAME}` in a header, cookie or fill value is replaced at load time; a missing variable is a
config error, never an empty string sent to the site.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_MAX_PAGES = 500
DEFAULT_CRAWL_DEPTH = 3
DEFAULT_DISCOVER_TIMEOUT_S = 120.0
DEFAULT_ACTION_TIMEOUT_S = 5.0
ACTION_KINDS = ("click", "fill", "press", "wait_for", "wait_ms", "scroll")

DISCOVER_SCHEMA: dict[str, Any] = {
    "sitemap": str, "crawl": bool, "max_pages": int, "include": list, "exclude": list, "depth": int,
    "timeout": (int, float),
}
ACTION_SCHEMA: dict[str, Any] = {
    "click": str, "fill": {"selector": str, "value": str}, "press": str, "wait_for": str, "wait_ms": int,
    "scroll": str, "optional": bool, "pages": list, "timeout": (int, float),
}
COOKIE_SCHEMA: dict[str, Any] = {
    "name": str, "value": str, "domain": str, "path": str, "url": str, "secure": bool, "http_only": bool,
}

Err = Callable[[tuple[str, ...], str], Exception]


@dataclass(frozen=True)
class DiscoverConfig:
    sitemap: str = ""  # path relative to base_url, or a URL on an allowed origin
    crawl: bool = False
    max_pages: int = DEFAULT_MAX_PAGES  # pages (each with all its locales) in the plan
    include: tuple[str, ...] = ()  # globs on the URL path; empty: everything
    exclude: tuple[str, ...] = ()
    depth: int = DEFAULT_CRAWL_DEPTH  # crawl: link hops from base_url
    timeout_s: float = DEFAULT_DISCOVER_TIMEOUT_S  # the whole discovery, every fetch included


@dataclass(frozen=True)
class Action:
    """One step run on a page after load, before any fact is gathered."""

    kind: str  # one of ACTION_KINDS
    selector: str = ""  # click, fill, wait_for
    value: str = ""  # fill: the text; press: the key; scroll: "bottom"
    ms: int = 0  # wait_ms
    optional: bool = False  # a missing selector skips the step instead of failing the target
    pages: tuple[str, ...] = ()  # globs on the page id; empty: every page
    timeout_s: float = DEFAULT_ACTION_TIMEOUT_S
    index: int = 0  # 1-based position in the config, for messages

    def describe(self) -> str:
        what = {"click": self.selector, "fill": self.selector, "press": self.value, "wait_for": self.selector,
                "wait_ms": str(self.ms), "scroll": self.value}[self.kind]
        return f"action {self.index} ({self.kind} {what!r})"


@dataclass(frozen=True)
class SiteCookie:
    name: str
    value: str
    url: str = ""  # Playwright wants url, or domain + path
    domain: str = ""
    path: str = "/"
    secure: bool = False
    http_only: bool = False

    def for_playwright(self, base_url: str) -> dict[str, Any]:
        cookie: dict[str, Any] = {"name": self.name, "value": self.value, "secure": self.secure,
                                  "httpOnly": self.http_only}
        if self.domain:
            cookie.update(domain=self.domain, path=self.path or "/")
        else:
            cookie["url"] = self.url or base_url
        return cookie

    def matches(self, url: str, base_url: str) -> bool:
        """Would a browser send this cookie to `url`? (host and path prefix; enough for discovery fetches)"""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if self.domain:
            domain = self.domain.lstrip(".").lower()
            return (host == domain or host.endswith("." + domain)) and parts.path.startswith(self.path or "/")
        own = urlsplit(self.url or base_url)
        return host == (own.hostname or "").lower() and parts.port == own.port


@dataclass(frozen=True)
class AuthConfig:
    storage_state: Path | None = None  # Playwright storage-state JSON (cookies + localStorage)
    headers: tuple[tuple[str, str], ...] = ()  # sent to the configured origins only
    cookies: tuple[SiteCookie, ...] = ()

    @property
    def configured(self) -> bool:
        return bool(self.storage_state or self.headers or self.cookies)


_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def expand_env(value: str, where: tuple[str, ...], err: Err, environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in env:
            raise err(where, f"'{'.'.join(where)}' uses ${{{name}}}, which is not set in the environment; "
                      f"export {name}=… before the run (secrets stay out of the config)")
        return env[name]

    return _ENV.sub(sub, value)


def parse_discover(data: Mapping[str, Any], err: Err) -> DiscoverConfig | None:
    raw = data.get("discover")
    if raw is None:
        return None
    sitemap = str(raw.get("sitemap", "")).strip()
    crawl = bool(raw.get("crawl", False))
    if not sitemap and not crawl:
        raise err(("discover",), "[discover] needs sitemap = \"sitemap.xml\" or crawl = true")
    max_pages = int(raw.get("max_pages", DEFAULT_MAX_PAGES))
    if max_pages < 1:
        raise err(("discover", "max_pages"), "discover.max_pages must be at least 1")
    depth = int(raw.get("depth", DEFAULT_CRAWL_DEPTH))
    if depth < 0:
        raise err(("discover", "depth"), "discover.depth must be 0 or more")
    timeout = float(raw.get("timeout", DEFAULT_DISCOVER_TIMEOUT_S))
    if timeout <= 0:
        raise err(("discover", "timeout"), "discover.timeout must be a positive number of seconds")
    if sitemap:
        scheme = urlsplit(sitemap).scheme.lower()
        if scheme and scheme not in ("http", "https"):
            raise err(("discover", "sitemap"), f"discover.sitemap '{sitemap}' must be a path like "
                      "\"sitemap.xml\" or an http(s) URL")
    return DiscoverConfig(sitemap=sitemap, crawl=crawl, max_pages=max_pages,
                          include=tuple(raw.get("include", ())), exclude=tuple(raw.get("exclude", ())),
                          depth=depth, timeout_s=timeout)


def parse_actions(data: Mapping[str, Any], err: Err) -> tuple[Action, ...]:
    out = []
    for i, raw in enumerate(data.get("actions", ()), start=1):
        kinds = [k for k in ACTION_KINDS if k in raw]
        if len(kinds) != 1:
            found = f"found {', '.join(kinds)}" if kinds else "found none"
            raise err(("actions",), f"[[actions]] entry {i} must have exactly one of "
                      f"{', '.join(ACTION_KINDS)} ({found}); split it into one entry per step")
        kind = kinds[0]
        selector, value, ms = "", "", 0
        if kind in ("click", "wait_for"):
            selector = str(raw[kind]).strip()
        elif kind == "fill":
            fill = raw["fill"]
            if "selector" not in fill or "value" not in fill:
                raise err(("actions",), f"[[actions]] entry {i}: fill needs selector and value, like "
                          "fill = { selector = \"#email\", value = \"${LOGIN_EMAIL}\" }")
            selector = str(fill["selector"]).strip()
            value = expand_env(str(fill["value"]), ("actions", str(i), "fill", "value"), err)
        elif kind == "press":
            value = str(raw["press"]).strip()
        elif kind == "wait_ms":
            ms = int(raw["wait_ms"])
            if not 0 <= ms <= 60_000:
                raise err(("actions",), f"[[actions]] entry {i}: wait_ms must be between 0 and 60000")
        else:
            value = str(raw["scroll"]).strip()
            if value != "bottom":
                raise err(("actions",), f"[[actions]] entry {i}: scroll supports only \"bottom\"")
        if kind in ("click", "fill", "wait_for") and not selector:
            raise err(("actions",), f"[[actions]] entry {i}: {kind} needs a CSS selector")
        if kind == "press" and not value:
            raise err(("actions",), f"[[actions]] entry {i}: press needs a key, like press = \"Enter\"")
        timeout = float(raw.get("timeout", DEFAULT_ACTION_TIMEOUT_S))
        if timeout <= 0:
            raise err(("actions",), f"[[actions]] entry {i}: timeout must be a positive number of seconds")
        out.append(Action(kind=kind, selector=selector, value=value, ms=ms, optional=bool(raw.get("optional")),
                          pages=tuple(raw.get("pages", ())), timeout_s=timeout, index=i))
    return tuple(out)


def parse_auth(data: Mapping[str, Any], config_dir: Path, err: Err) -> AuthConfig:
    site = data.get("site", {})
    headers = []
    for name, value in site.get("headers", {}).items():
        headers.append((str(name), expand_env(str(value), ("site", "headers", str(name)), err)))
    cookies = []
    for i, raw in enumerate(site.get("cookies", ()), start=1):
        if "name" not in raw or "value" not in raw:
            raise err(("site", "cookies"), f"site.cookies entry {i} needs name and value, like "
                      "{ name = \"session\", value = \"${SESSION_ID}\" }")
        value = expand_env(str(raw["value"]), ("site", "cookies", str(raw["name"])), err)
        cookies.append(SiteCookie(name=str(raw["name"]), value=value, url=str(raw.get("url", "")),
                                  domain=str(raw.get("domain", "")), path=str(raw.get("path", "/")),
                                  secure=bool(raw.get("secure", False)), http_only=bool(raw.get("http_only", False))))
    state: Path | None = None
    raw_state = data.get("browser", {}).get("storage_state")
    if raw_state:
        state = (config_dir / raw_state).resolve()
        if not state.is_file():
            raise err(("browser", "storage_state"), f"browser.storage_state '{raw_state}' not found (resolved to "
                      f"{state}); make it with `playwright codegen --save-storage={raw_state} URL`")
    return AuthConfig(storage_state=state, headers=tuple(headers), cookies=tuple(cookies))
