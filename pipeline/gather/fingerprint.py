"""What a target's rendering depends on, as one hash: for incremental runs.

fingerprint = sha256(gather settings, the served HTML, and the same-origin stylesheets and
scripts it references, in document order). The base URL is blanked out first, so a site served
on a new port (the bundled sample) fingerprints the same. Pages whose HTML changes on every
request (tokens, timestamps) never match, and are simply scanned again.
"""

from __future__ import annotations

import hashlib
import json
import threading
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

FETCH_TIMEOUT_S = 15.0


class _AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in a.get("rel", "").lower().split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])


def asset_urls(html: str, page_url: str) -> list[str]:
    parser = _AssetParser()
    try:
        parser.feed(html)
    except Exception:
        return []
    origin = urlsplit(page_url).netloc
    absolute = [urljoin(page_url, u) for u in parser.urls]
    return [u for u in absolute if urlsplit(u).netloc == origin]


class AssetCache:
    """sha256 of each asset URL, fetched once per run (thread-safe enough: a race fetches twice)."""

    def __init__(self, headers: dict[str, str] | None = None) -> None:
        self.headers = headers or {}
        self._hashes: dict[str, str] = {}
        self._lock = threading.Lock()

    def digest(self, url: str) -> str:
        with self._lock:
            if url in self._hashes:
                return self._hashes[url]
        try:
            data = fetch(url, self.headers)
            value = hashlib.sha256(data).hexdigest()
        except OSError as exc:
            value = f"unavailable:{type(exc).__name__}"
        with self._lock:
            self._hashes[url] = value
        return value


def fetch(url: str, headers: dict[str, str]) -> bytes:
    req = urllib.request.Request(url, headers={"User-Agent": "a11y-l10n incremental check", **headers})
    with urllib.request.urlopen(req, timeout=FETCH_TIMEOUT_S) as resp:
        data: bytes = resp.read()
        return data


def settings_fingerprint(settings: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()


def _blank_base(text: str, base_url: str) -> str:
    # Plain and URL-encoded (share links embed it quoted) forms of the base URL.
    base = base_url.rstrip("/")
    if not base:
        return text
    for form in {base, quote(base, safe="/"), quote(base, safe="")}:
        text = text.replace(form, "{base_url}")
    return text


def fingerprint(html: bytes, page_url: str, base_url: str, settings_fp: str,
                digest: Callable[[str], str]) -> str:
    text = html.decode("utf-8", errors="replace")
    h = hashlib.sha256(settings_fp.encode())
    h.update(_blank_base(text, base_url).encode())
    for url in asset_urls(text, page_url):
        h.update(_blank_base(url, base_url).encode())
        h.update(digest(url).encode())
    return h.hexdigest()
