"""Bounded HTTP GETs for discovery (sitemaps and crawling), not the browser.

stdlib urllib, because discovery needs one small blocking GET at a time with four hard limits
that must hold against a hostile site: scope (every URL and every redirect stays on the
configured origins), bytes (raw and after gzip, decompressed in bounded steps, so a gzip bomb
stops at the limit), time (a per-request timeout and one deadline for the whole discovery) and
count (callers). An extra client would add nothing these few lines do not.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urlsplit

from pipeline import __version__
from pipeline.config import Config, ConfigError, line_of, origin_of

MAX_RAW_BYTES = 50 * 1024 * 1024  # sitemaps.org: at most 50 MB uncompressed per file
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_HTML_BYTES = 5 * 1024 * 1024
REQUEST_TIMEOUT_S = 20.0
CHUNK = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"


class DiscoveryError(ConfigError):
    """Discovery cannot produce a plan: one line, exit 2 (like a config error)."""


class FetchError(Exception):
    """One URL could not be fetched; the reason is in words."""


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes  # decompressed when it was gzip


class _ScopedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        if origin_of(newurl) not in self.allowed:
            raise FetchError(f"redirects to {newurl}, outside the configured origins")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class Fetcher:
    """GETs on the allowed origins until `deadline` (time.monotonic())."""

    config: Config
    base_url: str
    allowed: frozenset[str]
    deadline: float
    requests: int = 0
    _opener: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_ScopedRedirects(self.allowed))

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def in_scope(self, url: str) -> bool:
        return urlsplit(url).scheme in ("http", "https") and origin_of(url) in self.allowed

    def _headers(self, url: str) -> dict[str, str]:
        source = self.config.locale(self.config.source_locale)
        headers = {"User-Agent": f"a11y-l10n/{__version__} (discovery)", "Accept-Language": source.accept_language}
        headers.update(dict(self.config.auth.headers))
        cookies = [f"{c.name}={c.value}" for c in self.config.auth.cookies if c.matches(url, self.base_url)]
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        return headers

    def get(self, url: str, max_bytes: int = MAX_XML_BYTES) -> Fetched:
        if not self.in_scope(url):
            raise FetchError(f"{url} is outside the configured origins ({', '.join(sorted(self.allowed))})")
        if self.remaining() <= 0:
            raise FetchError("the discovery time limit was reached")
        self.requests += 1
        request = urllib.request.Request(url, headers=self._headers(url))
        try:
            with self._opener.open(request, timeout=min(REQUEST_TIMEOUT_S, max(0.5, self.remaining()))) as resp:
                raw = self._read(resp, min(max_bytes, MAX_RAW_BYTES), url)
                status, final, ctype = resp.status, resp.geturl(), resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            raise FetchError(f"HTTP {exc.code} {exc.reason}".strip()) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise FetchError(str(getattr(exc, "reason", exc))) from None
        body = _gunzip(raw, max_bytes, url) if raw[:2] == GZIP_MAGIC else raw
        return Fetched(url=url, final_url=final, status=status, content_type=ctype.split(";")[0].strip().lower(),
                       body=body)

    def _read(self, resp: Any, limit: int, url: str) -> bytes:
        parts: list[bytes] = []
        size = 0
        while True:
            if self.remaining() <= 0:
                raise FetchError("the discovery time limit was reached while reading the response")
            # read1: at most one recv, so a server dripping a byte at a time cannot outlast the deadline.
            chunk = resp.read1(CHUNK)
            if not chunk:
                return b"".join(parts)
            size += len(chunk)
            if size > limit:
                raise FetchError(f"larger than {limit // (1024 * 1024)} MB; not read further")
            parts.append(chunk)


def _gunzip(raw: bytes, limit: int, url: str) -> bytes:
    """Decompress in bounded steps: output beyond `limit` stops it (a gzip bomb costs `limit` bytes)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out: list[bytes] = []
    size, data = 0, raw
    try:
        while data:
            piece = d.decompress(data, CHUNK)
            size += len(piece)
            if size > limit:
                raise FetchError(f"expands to more than {limit // (1024 * 1024)} MB when un-gzipped; "
                                 "not read further")
            out.append(piece)
            data = d.unconsumed_tail
            if d.eof:  # a gzip file may hold several members, one after the other
                data = d.unused_data
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    except zlib.error as exc:
        raise FetchError(f"not a valid gzip file ({exc})") from None
    return b"".join(out)


def discovery_error(config: Config, key: tuple[str, ...], message: str) -> DiscoveryError:
    try:
        with open(config.path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        text = ""
    return DiscoveryError(config.path, line_of(text, key), message)
