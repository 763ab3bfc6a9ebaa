"""Load and validate the TOML configuration.

Every problem becomes a ``ConfigError`` whose ``str()`` is one line: file, line, what is
wrong and what to do. The config is data only: nothing in it is ever executed.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import langcodes
from babel import Locale, UnknownLocaleError

from pipeline.config.sections import (
    ACTION_SCHEMA,
    COOKIE_SCHEMA,
    DISCOVER_SCHEMA,
    Action,
    AuthConfig,
    DiscoverConfig,
    parse_actions,
    parse_auth,
    parse_discover,
)
from pipeline.data.text_direction import known_direction
from pipeline.model import SEVERITIES

CONFIG_FILE_NAME = "a11y-l10n.toml"
SAMPLE_CONFIG = Path(__file__).parent.parent / "sample_site" / CONFIG_FILE_NAME
DEFAULT_AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


class ConfigError(Exception):
    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class LocaleConfig:
    code: str
    url: str  # template with {base_url} and {path}
    lang: str  # the lang the page must declare
    dir: str  # "ltr" | "rtl", from CLDR unless configured
    timezone: str = "UTC"
    digits: str = ""  # numbering system the locale's text must use ("latn", "arab"...); "" accepts any

    @property
    def accept_language(self) -> str:
        primary = self.lang.split("-")[0]
        return f"{self.lang},{primary};q=0.9" if primary != self.lang else self.lang

    def url_for(self, base_url: str, path: str) -> str:
        return self.url.replace("{base_url}", base_url.rstrip("/")).replace("{path}", path.lstrip("/"))


# Full size for a typical page (1280 × 1560); longer pages are drawn smaller (gather/screenshot.py).
DEFAULT_SCREENSHOT_MEGAPIXELS = 2.0


@dataclass(frozen=True)
class Config:
    path: str  # where it was read from (for messages)
    source_locale: str
    pages: tuple[tuple[str, str], ...]
    locales: tuple[LocaleConfig, ...]
    base_url: str | None = None  # None: serve the bundled sample site
    extra_origins: tuple[str, ...] = ()  # other origins targets may live on (scope never leaves these)
    do_not_translate: tuple[str, ...] = ()
    include_hidden_text: bool = False
    catalog_dir: Path | None = None
    catalog_domain: str = "messages"
    axe_tags: tuple[str, ...] = DEFAULT_AXE_TAGS
    axe_disable_rules: tuple[str, ...] = ()
    fail_on: str = "serious"
    browser_executable: str | None = None
    viewport: tuple[int, int] = (1280, 900)
    concurrency: int = 2
    page_timeout_s: float = 30.0
    run_timeout_s: float = 3600.0
    retries: int = 1
    screenshots: bool = True
    screenshot_max_pixels: float = DEFAULT_SCREENSHOT_MEGAPIXELS * 1e6
    block_third_party: bool = False
    disabled_checks: tuple[str, ...] = ()
    severity_overrides: tuple[tuple[str, str], ...] = ()
    uses_sample_site: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    discover: DiscoverConfig | None = None  # [discover]: pages from a sitemap or a crawl
    actions: tuple[Action, ...] = ()  # [[actions]]: steps run after load, before gathering
    auth: AuthConfig = field(default_factory=AuthConfig)  # storage state, headers, cookies
    hreflang_x_default: str | None = None  # locale code whose URL x-default must point at; None: optional
    ignore_selectors: tuple[str, ...] = ()  # [l10n]: CSS selectors whose text is not for translation
    catalog_format: str = ""  # "po" | "xliff" | "i18next"; "" = detected from the files found

    def locale(self, code: str) -> LocaleConfig:
        for loc in self.locales:
            if loc.code == code:
                return loc
        raise KeyError(code)

    def is_enabled(self, check_id: str) -> bool:
        return not any(check_id == d or (d.endswith("*") and check_id.startswith(d[:-1]))
                       for d in self.disabled_checks)

    def severity_for(self, check_id: str, default: str) -> str:
        return dict(self.severity_overrides).get(check_id, default)


# Schema: a key maps to a type, a nested schema (dict), or ("*", schema) for free-form keys.
_LOCALE_SCHEMA: dict[str, Any] = {"url": str, "lang": str, "dir": str, "timezone": str, "digits": str}
_SCHEMA: dict[str, Any] = {
    "source_locale": str,
    "fail_on": str,
    "site": {"base_url": str, "extra_origins": list, "headers": ("*", str), "cookies": ("[]", COOKIE_SCHEMA)},
    "pages": ("*", str),
    "locales": ("*", _LOCALE_SCHEMA),
    "l10n": {"do_not_translate": list, "include_hidden_text": bool, "ignore_selectors": list},
    "catalogs": {"dir": str, "domain": str, "format": str},
    "axe": {"tags": list, "disable_rules": list},
    "browser": {"executable": str, "viewport_width": int, "viewport_height": int, "storage_state": str},
    "run": {"concurrency": int, "page_timeout": (int, float), "run_timeout": (int, float), "retries": int,
            "screenshots": bool, "screenshot_max_megapixels": (int, float), "block_third_party": bool},
    "checks": {"disable": list, "severity": ("*", str)},
    "hreflang": {"x_default": str},
    "discover": DISCOVER_SCHEMA,
    "actions": ("[]", ACTION_SCHEMA),
}
DIGITS = ("latn", "arab", "arabext", "deva", "beng", "thai")


def default_concurrency() -> int:
    """Pages in flight when the config does not say: one more than the cores, at most 4.

    A page spends part of its time waiting on the driver, the network or Python's checks; one
    page more than the cores keeps every core busy through those waits (measured on 2 cores:
    3 pages at a time scanned the benchmark about 12% faster than 2, and 4 no faster than 3).
    """
    return min(4, (os.cpu_count() or 1) + 1)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def find_config(explicit: str | None, cwd: Path) -> tuple[Path, dict[str, Any] | None]:
    """Resolve which config applies: --config, ./a11y-l10n.toml, [tool.a11y-l10n], sample.

    Returns the file and, for pyproject.toml, the already-extracted table.
    """
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(explicit, 0, "config file not found; pass an existing TOML file to --config")
        return path, None
    local = cwd / CONFIG_FILE_NAME
    if local.is_file():
        return local, None
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        data = _parse_toml(pyproject)
        table = data.get("tool", {}).get("a11y-l10n")
        if isinstance(table, dict):
            return pyproject, table
    return SAMPLE_CONFIG, None


def load_config(explicit: str | None = None, cwd: Path | None = None) -> Config:
    path, table = find_config(explicit, cwd or Path.cwd())
    data = table if table is not None else _parse_toml(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    prefix = ("tool", "a11y-l10n") if table is not None else ()
    return _build(data, path, text, prefix, is_sample=path == SAMPLE_CONFIG)


def _parse_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(str(path), 0, f"cannot read config: {exc.strerror}") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(str(path), line, f"config is not UTF-8 text (byte 0x{raw[exc.start]:02x}); "
                          "save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib reports "... (at line L, column C)"; lift the line to the front.
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(m.group(1)) if m else 0
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(str(path), line, f"invalid TOML: {msg}; fix the syntax") from None


def line_of(text: str, dotted: tuple[str, ...]) -> int:
    """Best-effort 1-based line of a key for messages: its `[table]` header or its `key =` line."""
    if not dotted:
        return 0
    lines = text.splitlines()
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")

    def table_line(name: str) -> int | None:
        for i, line in enumerate(lines):
            m = header.match(line)
            if m and m.group(1).replace('"', "").replace(" ", "") == name:
                return i
        return None

    whole = table_line(".".join(dotted))
    if whole is not None:
        return whole + 1
    start = 0
    for n in range(len(dotted) - 1, 0, -1):
        found = table_line(".".join(dotted[:n]))
        if found is not None:
            start = found + 1
            break
    key = re.compile(rf"^\s*\"?{re.escape(dotted[-1])}\"?\s*=")
    for i in range(start, len(lines)):
        if i > start and header.match(lines[i]) and start:
            break
        if key.match(lines[i]):
            return i + 1
    return start


def _validate(data: Mapping[str, Any], schema: dict[str, Any], where: tuple[str, ...],
              path: Path, text: str) -> None:
    for key, value in data.items():
        dotted = (*where, key)
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.5) or [
                k for k in schema if key.startswith(k) or k.startswith(key)][:1]
            hint = f"did you mean '{close[0]}'?" if close else f"valid keys: {', '.join(sorted(schema))}"
            name = ".".join(dotted)
            raise ConfigError(str(path), line_of(text, dotted), f"unknown key '{name}'; {hint}")
        _check_value(value, schema[key], dotted, path, text)


_TYPE_WORDS = {int: "an integer", float: "a number", str: "a string", bool: "true or false", list: "a list",
               dict: "a table"}
_TYPE_EXAMPLES = {int: "2", float: "30", bool: "true", list: '["…"]'}


def _check_value(value: Any, spec: Any, dotted: tuple[str, ...], path: Path, text: str) -> None:
    name = ".".join(dotted)
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise ConfigError(str(path), line_of(text, dotted),
                              f"'{name}' must be a table; write it as a [{name}] section")
        _validate(value, spec, dotted, path, text)
    elif isinstance(spec, tuple) and spec and spec[0] == "[]":
        # An array of tables ([[actions]], cookies = [{…}]): each item validated like a table.
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ConfigError(str(path), line_of(text, dotted),
                              f"'{name}' must be a list of tables; write each as [[{name}]] or {{ key = … }}")
        for item in value:
            _validate(item, spec[1], dotted, path, text)
    elif isinstance(spec, tuple) and spec and spec[0] == "*":
        if not isinstance(value, dict):
            raise ConfigError(str(path), line_of(text, dotted),
                              f"'{name}' must be a table; write it as a [{name}] section")
        for k, v in value.items():
            _check_value(v, spec[1], (*dotted, k), path, text)
    else:
        types = spec if isinstance(spec, tuple) else (spec,)
        # bool is an int in Python; don't let `true` pass as a number.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            types = (float,) if set(types) == {int, float} else types  # "a number" covers both
            wanted = " or ".join(_TYPE_WORDS.get(t, t.__name__) for t in types)
            got = _TYPE_WORDS.get(type(value), type(value).__name__)
            shown = json.dumps(value, ensure_ascii=False, default=str)
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            scalar = isinstance(value, int | float) and not isinstance(value, bool)
            example = (json.dumps(str(value)) if scalar else '"…"') if types == (str,) else \
                _TYPE_EXAMPLES.get(types[0], "…")
            raise ConfigError(str(path), line_of(text, dotted),
                              f"'{name}' must be {wanted}, not {got} ({shown}); "
                              f"write it like {dotted[-1]} = {example}")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(str(path), line_of(text, dotted), f"'{name}' must be a list of strings")


def _locale_direction(code: str) -> str:
    # Our own table first: a CLDR update shipped with Babel must not flip a configured locale.
    known = known_direction(code)
    if known is not None:
        return known
    return "rtl" if Locale.parse(code.replace("-", "_")).text_direction == "rtl" else "ltr"


def _build(data: dict[str, Any], path: Path, text: str, prefix: tuple[str, ...], is_sample: bool) -> Config:
    _validate(data, _SCHEMA, prefix, path, text)

    def err(dotted: tuple[str, ...], msg: str) -> ConfigError:
        return ConfigError(str(path), line_of(text, (*prefix, *dotted)), msg)

    base_url = data.get("site", {}).get("base_url")
    if base_url is not None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise err(("site", "base_url"), f"site.base_url '{base_url}' is not an http(s) URL")
    # Scope: an extra origin like "javascript:" or "file:///" would let targets leave the web.
    for origin in data.get("site", {}).get("extra_origins", ()):
        parts = urlsplit(origin)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise err(("site", "extra_origins"), f"site.extra_origins entry '{origin}' is not an http(s) "
                      "origin; write it like \"https://cdn.example.com\"")

    discover = parse_discover(data, err)
    pages = tuple((str(k), str(v)) for k, v in data.get("pages", {}).items())
    if not pages and discover is None:
        raise err(("pages",), "no pages configured; add a [pages] table like: home = \"index.html\", "
                  "or [discover] sitemap = \"sitemap.xml\"")

    raw_locales: dict[str, dict[str, Any]] = data.get("locales", {})
    if not raw_locales:
        raise err(("locales",), "no locales configured; add [locales.<code>] tables with a url")
    locales = tuple(_build_locale(code, spec, err, url_needed=bool(pages) or discover is None)
                    for code, spec in raw_locales.items())

    source_locale = data.get("source_locale", "en")
    if source_locale not in raw_locales:
        raise err(("source_locale",),
                  f"source_locale '{source_locale}' is not one of the configured locales "
                  f"({', '.join(raw_locales)})")

    fail_on = data.get("fail_on", "serious")
    if fail_on not in (*SEVERITIES, "never"):
        raise err(("fail_on",), f"fail_on '{fail_on}' must be one of {', '.join((*SEVERITIES, 'never'))}")

    severity = data.get("checks", {}).get("severity", {})
    for check_id, sev in severity.items():
        if sev not in SEVERITIES:
            raise err(("checks", "severity", check_id),
                      f"severity '{sev}' for '{check_id}' must be one of {', '.join(SEVERITIES)}")

    catalogs = data.get("catalogs", {})
    catalog_dir: Path | None = None
    if is_sample:
        from pipeline.sample_site.server import catalogs_dir

        catalog_dir = catalogs_dir()
    elif "dir" in catalogs:
        catalog_dir = (path.parent / catalogs["dir"]).resolve()
        if not catalog_dir.is_dir():
            raise err(("catalogs", "dir"), f"catalog dir '{catalogs['dir']}' not found "
                      f"(resolved to {catalog_dir}); fix catalogs.dir or remove [catalogs]")

    catalog_format = catalogs.get("format", "")
    if catalog_format not in ("", "po", "xliff", "i18next"):
        raise err(("catalogs", "format"), f"catalogs.format '{catalog_format}' must be \"po\", \"xliff\" or "
                  "\"i18next\" (or left out to detect it from the files)")

    run = data.get("run", {})
    browser = data.get("browser", {})
    concurrency = int(run.get("concurrency", default_concurrency()))
    if concurrency < 1:
        raise err(("run", "concurrency"), "run.concurrency must be at least 1")
    timeout = float(run.get("page_timeout", 30))
    if timeout <= 0:
        raise err(("run", "page_timeout"), "run.page_timeout must be a positive number of seconds")
    run_timeout = float(run.get("run_timeout", 3600))
    if run_timeout <= 0:
        raise err(("run", "run_timeout"), "run.run_timeout must be a positive number of seconds")
    retries = int(run.get("retries", 1))
    if retries < 0:
        raise err(("run", "retries"), "run.retries must be 0 or more")
    megapixels = float(run.get("screenshot_max_megapixels", DEFAULT_SCREENSHOT_MEGAPIXELS))
    if not 0 <= megapixels <= 1000:
        raise err(("run", "screenshot_max_megapixels"), "run.screenshot_max_megapixels must be between 0 (no "
                  "limit) and 1000; e.g. 2 keeps a 1280 px wide page full size up to about 1560 px tall")

    ignore_selectors = _ignore_selectors(data.get("l10n", {}).get("ignore_selectors", ()), err)

    return Config(
        path=str(path),
        source_locale=source_locale,
        pages=pages,
        locales=locales,
        base_url=base_url,
        extra_origins=tuple(origin_of(o) for o in data.get("site", {}).get("extra_origins", ())),
        do_not_translate=tuple(data.get("l10n", {}).get("do_not_translate", ())),
        include_hidden_text=bool(data.get("l10n", {}).get("include_hidden_text", False)),
        catalog_dir=catalog_dir,
        catalog_domain=catalogs.get("domain", "messages"),
        axe_tags=tuple(data.get("axe", {}).get("tags", DEFAULT_AXE_TAGS)),
        axe_disable_rules=tuple(data.get("axe", {}).get("disable_rules", ())),
        fail_on=fail_on,
        browser_executable=browser.get("executable"),
        viewport=(int(browser.get("viewport_width", 1280)), int(browser.get("viewport_height", 900))),
        concurrency=concurrency,
        page_timeout_s=timeout,
        run_timeout_s=run_timeout,
        retries=retries,
        screenshots=bool(run.get("screenshots", True)),
        screenshot_max_pixels=megapixels * 1e6,
        block_third_party=bool(run.get("block_third_party", False)),
        disabled_checks=tuple(data.get("checks", {}).get("disable", ())),
        severity_overrides=tuple(severity.items()),
        uses_sample_site=base_url is None,
        discover=discover,
        actions=parse_actions(data, err),
        auth=parse_auth(data, path.parent, err),
        ignore_selectors=ignore_selectors,
        hreflang_x_default=_x_default(data, raw_locales, err),
        catalog_format=catalog_format,
    )


def _x_default(data: dict[str, Any], locales: dict[str, Any], err: Any) -> str | None:
    code = data.get("hreflang", {}).get("x_default")
    if code is not None and code not in locales:
        raise err(("hreflang", "x_default"), f"hreflang.x_default '{code}' is not one of the configured locales "
                  f"({', '.join(locales)}); name the locale whose URL x-default points at")
    return code if code is None else str(code)


def _ignore_selectors(selectors: list[str], err: Any) -> tuple[str, ...]:
    # The browser parses them (a bad one fails each page with its reason); catch what is clearly
    # not a selector here, where the message can point at the config line.
    for sel in selectors:
        if not sel.strip() or any(ch in sel for ch in "{};"):
            raise err(("l10n", "ignore_selectors"), f"l10n.ignore_selectors entry {sel!r} is not a CSS "
                      "selector; write it like \"pre, .api-name, #changelog\"")
    return tuple(s.strip() for s in selectors)


def _build_locale(code: str, spec: dict[str, Any], err: Any, url_needed: bool = True) -> LocaleConfig:
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise err(("locales", code), f"unknown locale code '{code}'; use a CLDR/BCP 47 code like "
                  "'es', 'zh-Hans' or 'ar'") from None
    url = spec.get("url", "")
    if not url and url_needed:
        raise err(("locales", code), f"locales.{code} has no url; add url = \"{{base_url}}/{code}/{{path}}\"")
    if url and "{path}" not in url:
        raise err(("locales", code, "url"), f"locales.{code}.url '{url}' has no {{path}} placeholder; "
                  "add {path} where the page path goes")
    lang = spec.get("lang", code)
    if not langcodes.tag_is_valid(lang):
        raise err(("locales", code, "lang"), f"locales.{code}.lang '{lang}' is not a valid BCP 47 tag")
    direction = spec.get("dir", _locale_direction(code))
    if direction not in ("ltr", "rtl"):
        raise err(("locales", code, "dir"), f"locales.{code}.dir must be 'ltr' or 'rtl'")
    digits = spec.get("digits", "")
    if digits and digits not in DIGITS:
        raise err(("locales", code, "digits"), f"locales.{code}.digits '{digits}' must be one of "
                  f"{', '.join(DIGITS)} (a CLDR numbering system), or left out to accept any")
    return LocaleConfig(code=code, url=url, lang=lang, dir=direction, timezone=spec.get("timezone", "UTC"),
                        digits=digits)
