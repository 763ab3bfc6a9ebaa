"""Static benchmark sites, N pages per locale, served on 127.0.0.1. Two profiles:

* ``sample``: a copy of the bundled sample site. The benchmark must scan pages that look like a
  real site (menus, images, RTL CSS, planted defects) without paying the sample server's
  per-request Jinja2/Babel rendering, and both contestants must see byte-identical pages. So the
  six sample pages are rendered once per locale and written to disk; page ``p<i>`` in every
  locale is sample page ``i % 6``.
* ``content``: documentation-style long articles with tables, code blocks, URLs and language
  lists: the real translated pages of tests/fixtures/real_pages (SOURCE.md there), en/es/zh;
  page ``p<i>`` is article ``i % 5``.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pipeline.sample_site.server import SAMPLE_LOCALES, SAMPLE_PAGES, catalogs_dir, serve_sample_site

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
PROFILES = ("sample", "content")
CONTENT_SITE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real_pages" / "site"
CONTENT_PAGES = ("command-line", "algorithms", "linked-list", "doubly-linked-list", "dijkstra")
CONTENT_LOCALES = ("en", "es", "zh")
LOCALE_LANGS = {"zh": "zh-Hans"}  # the lang each locale's pages must declare, when not the code
_ASSET_RE = re.compile(r"""(?:src|href)="(/static/[^"#?]+)"|url\(\s*["']?(/static/[^"')#?]+)""")
_TITLE_RE = re.compile(r"<title>")


@dataclass(frozen=True)
class Site:
    root: Path  # the static tree: <root>/<locale>/p<i>.html and <root>/static/...
    base_url: str
    n_pages: int
    profile: str = "sample"

    @property
    def locales(self) -> tuple[str, ...]:
        return CONTENT_LOCALES if self.profile == "content" else tuple(SAMPLE_LOCALES)

    def urls(self) -> list[str]:
        """Every page × locale, page-major, exactly as the tool plans its targets."""
        return [f"{self.base_url}/{lc}/p{i}.html" for i in range(self.n_pages) for lc in self.locales]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Per-request logging would drown the benchmark's own output."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # Chromium opens many connections at once for css/js/svg

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser dropping a connection early (context closed mid-load) is normal here."""


@contextlib.contextmanager
def serve_dir(root: Path) -> Iterator[str]:
    """Serve ``root`` read-only on 127.0.0.1 (free port) until the block ends; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="bench-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _fetch(url: str, host: str) -> bytes:
    # The sample server builds absolute URLs (hreflang alternates) from the Host header: ask it
    # to use the benchmark server's address so those links point at the copy, not at a dead port.
    req = urllib.request.Request(url, headers={"Host": host})
    with urllib.request.urlopen(req, timeout=30) as resp:
        data: bytes = resp.read()
        return data


def _asset_paths(text: str) -> set[str]:
    return {a or b for a, b in _ASSET_RE.findall(text)}


def _snapshot_sample_site(host: str) -> tuple[dict[tuple[str, str], str], dict[str, bytes]]:
    """Render the 6 sample pages × 4 locales once, plus every /static/ file they reference."""
    pages: dict[tuple[str, str], str] = {}
    assets: dict[str, bytes] = {}
    with serve_sample_site() as sample_url:
        for locale in SAMPLE_LOCALES:
            for page_file in SAMPLE_PAGES.values():
                pages[(locale, page_file)] = _fetch(f"{sample_url}/{locale}/{page_file}", host).decode("utf-8")
        todo = set().union(*(_asset_paths(html) for html in pages.values()))
        while todo:  # css may reference more assets
            path = todo.pop()
            assets[path] = _fetch(sample_url + path, host)
            if path.endswith(".css"):
                todo |= _asset_paths(assets[path].decode("utf-8")) - assets.keys()
    return pages, assets


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def write_site(root: Path, host: str, n_pages: int) -> None:
    """Fill ``root`` with N pages per locale; ``host`` is the address the copy will be served on."""
    pages, assets = _snapshot_sample_site(host)
    for path, data in assets.items():
        _write(root / path.lstrip("/"), data)
    files = list(SAMPLE_PAGES.values())
    for (locale, page_file), html in pages.items():
        _write(root / locale / page_file, html)  # the originals, so in-page navigation links resolve
    for i in range(n_pages):
        for locale in SAMPLE_LOCALES:
            html = pages[(locale, files[i % len(files)])]
            # Number the title so the N copies are distinct documents; "#12" has no letters, so
            # the tool's untranslated-text check treats it like any other number.
            _write(root / locale / f"p{i}.html", _TITLE_RE.sub(f"<title>#{i} ", html, count=1))


def write_content_site(root: Path, n_pages: int) -> None:
    """N documentation articles per locale from the real-page fixtures (no catalogs: content text)."""
    for asset in (CONTENT_SITE / "static").iterdir():
        _write(root / "static" / asset.name, asset.read_bytes())
    for locale in CONTENT_LOCALES:
        for page in CONTENT_PAGES:  # the originals, so the language pickers' links resolve
            _write(root / locale / f"{page}.html", (CONTENT_SITE / locale / f"{page}.html").read_bytes())
        for i in range(n_pages):
            html = (CONTENT_SITE / locale / f"{CONTENT_PAGES[i % len(CONTENT_PAGES)]}.html").read_text("utf-8")
            _write(root / locale / f"p{i}.html", _TITLE_RE.sub(f"<title>#{i} ", html, count=1))


def write_config(path: Path, site: Site, chromium: str) -> None:
    """The tool's config for the generated site; [run] is left out so its defaults are measured."""
    lines = [
        'source_locale = "en"',
        "",
        "[site]",
        f'base_url = "{site.base_url}"',
        "",
        "[pages]",
        *(f'p{i} = "p{i}.html"' for i in range(site.n_pages)),
        "",
    ]
    for locale in site.locales:
        lines += [f"[locales.{locale}]", f'url = "{{base_url}}/{locale}/{{path}}"']
        if locale in LOCALE_LANGS:
            lines.append(f'lang = "{LOCALE_LANGS[locale]}"')
        lines.append("")
    if site.profile == "sample":
        lines += [
            "[l10n]",
            'do_not_translate = ["Riverside General Hospital", "MyChart"]',
            "",
            "[catalogs]",
            f"dir = {_toml_str(str(catalogs_dir()))}",
            "",
        ]
    lines += [
        "[axe]",
        "tags = [" + ", ".join(f'"{t}"' for t in AXE_TAGS) + "]",
        "",
        "[browser]",
        # The same binary as the bare loop, so the comparison is about the code, not the browser build.
        f"executable = {_toml_str(chromium)}",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@contextlib.contextmanager
def generated_site(root: Path, n_pages: int, profile: str = "sample") -> Iterator[Site]:
    """Write the static site of ``profile`` into ``root`` and serve it for the duration of the block."""
    root.mkdir(parents=True, exist_ok=True)
    with serve_dir(root) as base_url:
        if profile == "content":
            write_content_site(root, n_pages)
        else:
            write_site(root, base_url.removeprefix("http://"), n_pages)
        yield Site(root=root, base_url=base_url, n_pages=n_pages, profile=profile)
