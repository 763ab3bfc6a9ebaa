"""The bundled sample site: "Riverside General Hospital" in English, Spanish, Chinese and Arabic.

A small multilingual hospital website with a handful of *planted* accessibility and
localization defects (listed in DEFECTS.md next to this file), used for demos, tests and
the tool's own end-to-end run. Pages are Jinja2 templates rendered per request; their text
comes from the gettext catalogs in ``catalogs_dir()``, compiled in memory with Babel when a
server starts (fuzzy entries are left out, as ``msgfmt`` would do), so the rendered pages show
exactly what a real deployment of those catalogs would show.

URL scheme::

    /                         -> 302 /en/index.html
    /{locale}/                -> 302 /{locale}/index.html
    /{locale}/{page-file}     -> the page, e.g. /es/diversity-inclusion.html
    /static/...               -> site.css, rtl.css (Arabic pages only), site.js, SVG images
    anything else             -> 404

Browse it by hand with ``python -m pipeline.sample_site.server [port]``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import io
import logging
import pathlib
import re
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jinja2
from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, get_currency_symbol
from markupsafe import Markup, escape

__all__ = [
    "QUIRKS",
    "SAMPLE_LOCALES",
    "SAMPLE_PAGES",
    "catalogs_dir",
    "serve_sample_site",
]

log = logging.getLogger(__name__)

HERE = pathlib.Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
DOMAIN = "messages"
SOURCE_LOCALE = "en"

# page id -> template / URL file name
SAMPLE_PAGES: dict[str, str] = {
    "home": "index.html",
    "diversity": "diversity-inclusion.html",
    "doctors": "find-a-doctor.html",
    "locations": "locations.html",
    "visit": "visit.html",
    "appointment": "request-appointment.html",
}
SAMPLE_LOCALES: tuple[str, ...] = ("en", "es", "zh", "ar")


@dataclass(frozen=True)
class LocaleInfo:
    code: str  # URL segment and catalog directory name
    lang: str  # BCP 47 tag for lang= and hreflang=
    dir: str  # "ltr" | "rtl"
    name: str  # the language's own name, shown in the language menu


LOCALE_INFO: dict[str, LocaleInfo] = {
    "en": LocaleInfo("en", "en", "ltr", "English"),
    "es": LocaleInfo("es", "es", "ltr", "Español"),
    "zh": LocaleInfo("zh", "zh-Hans", "ltr", "中文"),
    "ar": LocaleInfo("ar", "ar", "rtl", "العربية"),
}

# Planted markup defects for single (page id, locale) pairs, read by templates/base.html:
#   "lang": value that replaces the correct <html lang="...">
#   "dir":  value that replaces the correct <html dir="...">; None leaves the attribute out.
# Everything not listed here renders with the locale's correct lang and dir. See DEFECTS.md.
QUIRKS: dict[tuple[str, str], dict[str, str | None]] = {
    # The Chinese appointment page was copied from the English template and kept lang="en".
    ("appointment", "zh"): {"lang": "en"},
    # The Arabic appointment page uses a legacy form layout that forgot dir="rtl" (lang stays "ar").
    ("appointment", "ar"): {"dir": None},
}

_FILE_TO_PAGE = {file: page for page, file in SAMPLE_PAGES.items()}
_HOST_RE = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")
_STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}


def catalogs_dir() -> pathlib.Path:
    """The ``locales/`` directory holding ``messages.pot`` and ``<lc>/LC_MESSAGES/messages.po``.

    In a source checkout that is the repository's top-level ``locales/``; an installed wheel
    carries a copy at ``pipeline/sample_site/locales``.
    """
    repo_locales = pathlib.Path(__file__).resolve().parents[2] / "locales"
    if (repo_locales / f"{DOMAIN}.pot").is_file():
        return repo_locales
    return HERE / "locales"


def _compile_catalog(po_path: pathlib.Path, locale: str) -> gettext.GNUTranslations:
    """PO -> MO in memory, skipping fuzzy entries exactly like a production ``msgfmt`` build."""
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=locale, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def _load_translations(locale: str, locales_dir: pathlib.Path) -> gettext.NullTranslations:
    if locale == SOURCE_LOCALE:
        return gettext.NullTranslations()
    po_path = locales_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    return _compile_catalog(po_path, locale)


def _make_environment(translations: gettext.NullTranslations) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    return env


class _SampleSite:
    """Compiled catalogs plus one Jinja2 environment (and template cache) per locale."""

    def __init__(self, locales_dir: pathlib.Path | None = None) -> None:
        locales_dir = locales_dir or catalogs_dir()
        self.envs = {
            lc: _make_environment(_load_translations(lc, locales_dir)) for lc in SAMPLE_LOCALES
        }
        self.babel_locales = {lc: Locale.parse(lc) for lc in SAMPLE_LOCALES}
        # Load every template up front: requests then only render (thread-safe).
        self.templates = {
            (lc, page): env.get_template(file)
            for lc, env in self.envs.items()
            for page, file in SAMPLE_PAGES.items()
        }

    def render(self, page: str, locale: str, origin: str) -> str:
        loc = self.babel_locales[locale]
        file = SAMPLE_PAGES[page]

        def url(page_id: str) -> str:
            return f"/{locale}/{SAMPLE_PAGES[page_id]}"

        def fmt_date(iso: str) -> str:
            return format_date(dt.date.fromisoformat(iso), format="long", locale=loc)

        def fmt_time(hhmm: str) -> str:
            return format_time(dt.time.fromisoformat(hhmm), format="short", locale=loc)

        def fmt_money(amount: float) -> str | Markup:
            text = format_currency(amount, "USD", locale=loc)
            if loc.character_order != "right-to-left":
                return text
            # Isolate the Latin symbol ("US$") so the bidi algorithm keeps it in one piece
            # next to the number instead of showing "$US" in right-to-left text.
            symbol = get_currency_symbol("USD", locale=loc)
            return escape(text).replace(escape(symbol), Markup('<span dir="ltr">%s</span>') % symbol)

        def language_list(codes: list[str]) -> str:
            return format_list([loc.languages[c] for c in codes], locale=loc)

        context: dict[str, Any] = {
            "locale": locale,
            "current": LOCALE_INFO[locale],
            "locales": [LOCALE_INFO[lc] for lc in SAMPLE_LOCALES],
            "page_id": page,
            "page_file": file,
            "page_url": f"{origin}/{locale}/{file}",
            "alternates": [
                {"hreflang": LOCALE_INFO[lc].lang, "href": f"{origin}/{lc}/{file}"}
                for lc in SAMPLE_LOCALES
            ],
            "quirks": QUIRKS.get((page, locale), {}),
            "url": url,
            "fmt_date": fmt_date,
            "fmt_time": fmt_time,
            "fmt_money": fmt_money,
            "language_list": language_list,
        }
        return self.templates[(locale, page)].render(context)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "RiversideSample/1.0"
    error_content_type = "text/html; charset=utf-8"

    def do_GET(self) -> None:
        self._dispatch(send_body=True)

    def do_HEAD(self) -> None:
        self._dispatch(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: no per-request logging."""

    def _origin(self) -> str:
        host = self.headers.get("Host", "")
        if not _HOST_RE.match(host):
            addr, port = self.server.server_address[:2]
            host = f"{_text(addr)}:{port}"
        return f"http://{host}"

    def _dispatch(self, send_body: bool) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        parts = [p for p in path.split("/") if p]
        if not parts:
            self._redirect(f"/{SOURCE_LOCALE}/{SAMPLE_PAGES['home']}", send_body)
        elif parts[0] == "static":
            self._static(parts[1:], send_body)
        elif parts[0] in SAMPLE_LOCALES and len(parts) == 1:
            self._redirect(f"/{parts[0]}/{SAMPLE_PAGES['home']}", send_body)
        elif parts[0] in SAMPLE_LOCALES and len(parts) == 2 and parts[1] in _FILE_TO_PAGE:
            try:
                body = self.server.site.render(_FILE_TO_PAGE[parts[1]], parts[0], self._origin())
            except Exception:
                log.exception("sample site: rendering %s failed", path)
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, _error_page(500), "text/html; charset=utf-8", send_body)
                return
            self._send(HTTPStatus.OK, body.encode("utf-8"), "text/html; charset=utf-8", send_body)
        else:
            self._not_found(send_body)

    def _static(self, parts: list[str], send_body: bool) -> None:
        target = STATIC_DIR.joinpath(*parts).resolve() if parts else STATIC_DIR
        ctype = _STATIC_TYPES.get(target.suffix.lower())
        if not (target.is_relative_to(STATIC_DIR) and target.is_file() and ctype):
            self._not_found(send_body)
            return
        self._send(HTTPStatus.OK, target.read_bytes(), ctype, send_body)

    def _redirect(self, location: str, send_body: bool) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, send_body: bool) -> None:
        self._send(HTTPStatus.NOT_FOUND, _error_page(404), "text/html; charset=utf-8", send_body)

    def _send(self, status: HTTPStatus, body: bytes, ctype: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def _error_page(status: int) -> bytes:
    title = {404: "Page not found", 500: "Server error"}.get(status, "Error")
    return (
        f'<!DOCTYPE html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">'
        f"<title>{status} {title}</title></head><body><main><h1>{title}</h1>"
        f'<p><a href="/">Riverside General Hospital</a></p></main></body></html>\n'
    ).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # Chromium opens many connections at once for css/js/svg

    def __init__(self, address: tuple[str, int], site: _SampleSite) -> None:
        self.site = site
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser closing a connection early is normal; stay quiet about it.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_sample_site(host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve the sample site on ``host`` (a free port by default) in a daemon thread.

    Yields the base URL, e.g. ``"http://127.0.0.1:54321"``; the server is shut down and its
    socket closed when the ``with`` block ends. Catalogs are compiled once, here.
    """
    server = _Server((host, port), _SampleSite())
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="sample-site", daemon=True
    )
    thread.start()
    try:
        bound_host, bound_port = server.server_address[:2]
        yield f"http://{_text(bound_host)}:{bound_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _main(argv: list[str]) -> int:
    port = int(argv[0]) if argv else 8000
    with serve_sample_site(port=port) as base_url:
        print(f"Riverside General Hospital sample site: {base_url}/  (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))


def _text(value: str | bytes | bytearray) -> str:
    # socketserver types addresses as str | bytes; ours are always IPv4 text.
    return value.decode() if isinstance(value, bytes | bytearray) else value
