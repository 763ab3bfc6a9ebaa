"""Discovery: pages and locales from a sitemap or a crawl, grouped by hreflang, within bounds.

Planning tests run against local servers without a browser; one scan test proves that a site
configured with only base_url, locales and [discover] sitemap is scanned completely in real
Chromium, with missing-locale-version reported.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.commands.scan import run_scan
from pipeline.config import ConfigError, load_config
from pipeline.plan import DiscoveryError, make_plan
from pipeline.plan.group import locale_for_tag
from pipeline.progress import Progress

NS = ('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"')
LOCALES = ('[locales.en]\nlang = "en-US"\n[locales.es]\n[locales.zh]\nlang = "zh-Hans"\n')

PAGES = {
    # path: (lang, title, body)
    "en-US/about.html": ("en-US", "About us", "<p>We care for the river valley.</p>"),
    "es-419/acerca-de.html": ("es-419", "Quiénes somos", "<p>Cuidamos el valle del río.</p>"),
    "zh-Hans/guanyu.html": ("zh-Hans", "关于我们", "<p>我们照顾河谷。</p><img src='x.png'>"),
    "en-US/contact.html": ("en-US", "Contact", "<p>Write to us any time.</p>"),
    "es-419/contacto.html": ("es-419", "Contacto", "<p>Escríbanos cuando quiera.</p>"),
}
ABOUT = {"en-US": "en-US/about.html", "es-419": "es-419/acerca-de.html", "zh-Hans": "zh-Hans/guanyu.html"}
CONTACT = {"en-US": "en-US/contact.html", "es-419": "es-419/contacto.html"}


def _url_entries(base: str, group: dict[str, str], extra: tuple[tuple[str, str], ...] = ()) -> str:
    links = "".join(f'<xhtml:link rel="alternate" hreflang="{h}" href="{base}/{p}"/>'
                    for h, p in (*group.items(), *extra))
    return "".join(f"<url><loc>{base}/{p}</loc>{links}</url>" for p in group.values())


def write_site(root: Path, base: str) -> None:
    for path, (lang, title, body) in PAGES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}"
                                 f"</title></head><body><main><h1>{title}</h1>{body}</main></body></html>",
                                 encoding="utf-8")
    (root / "sitemaps").mkdir(exist_ok=True)
    pages = _url_entries(base, ABOUT, (("x-default", ABOUT["en-US"]),))
    (root / "sitemaps" / "pages.xml.gz").write_bytes(gzip.compress(f"<urlset {NS}>{pages}</urlset>".encode()))
    (root / "sitemaps" / "more.xml").write_text(f"<urlset {NS}>{_url_entries(base, CONTACT)}</urlset>",
                                                encoding="utf-8")
    # The index lists itself too: a loop that must be read once.
    (root / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemaps/pages.xml.gz</loc></sitemap><sitemap><loc>{base}/sitemaps/more.xml</loc>"
        f"</sitemap><sitemap><loc>{base}/sitemap.xml</loc></sitemap></sitemapindex>", encoding="utf-8")


def write_config(path: Path, base: str, discover: str = 'sitemap = "sitemap.xml"', extra: str = "") -> Path:
    path.write_text(f'source_locale = "en"\n[site]\nbase_url = "{base}"\n{LOCALES}[discover]\n{discover}\n{extra}',
                    encoding="utf-8")
    return path


@pytest.fixture()
def site(static_server: Callable[[Path], str], tmp_path: Path) -> tuple[str, Path]:
    root = tmp_path / "site"
    root.mkdir()
    base = static_server(root)
    write_site(root, base)
    return base, root


def plan_for(tmp_path: Path, base: str, **kw: Any) -> Any:
    config = load_config(str(write_config(tmp_path / "a11y-l10n.toml", base, **kw)))
    return make_plan(config, base)


# ------------------------------------------------------------------ BCP 47 mapping

@pytest.mark.parametrize(("tag", "expected"), [
    ("es-419", "es"), ("es", "es"), ("en-US", "en"), ("en-GB", "en"), ("zh-Hans", "zh"), ("zh-CN", "zh"),
    ("zh-Hans-CN", "zh"), ("zh-Hant", None), ("zh-TW", None), ("x-default", None), ("fr", None), ("nonsense!", None),
])
def test_hreflang_maps_to_configured_locale(tmp_path: Path, tag: str, expected: str | None) -> None:
    config = load_config(str(write_config(tmp_path / "c.toml", "http://127.0.0.1:9")))
    loc, _ = locale_for_tag(tag, config.locales)
    assert (loc.code if loc else None) == expected


def test_exact_tag_beats_language_only(tmp_path: Path) -> None:
    config = load_config(str(write_config(tmp_path / "c.toml", "http://127.0.0.1:9")))
    (_, exact), (_, loose) = locale_for_tag("en-US", config.locales), locale_for_tag("en-GB", config.locales)
    assert exact > loose


# ------------------------------------------------------------------ sitemap planning (no browser)

def test_sitemap_index_gzip_and_hreflang_grouping(site: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = site
    plan = plan_for(tmp_path, base)
    assert [p for p, _ in plan.config.pages] == ["en-US/about.html", "en-US/contact.html"]
    urls = {(t.page, t.locale): t.url for t in plan.targets}
    assert urls == {("en-US/about.html", "en"): f"{base}/en-US/about.html",
                    ("en-US/about.html", "es"): f"{base}/es-419/acerca-de.html",
                    ("en-US/about.html", "zh"): f"{base}/zh-Hans/guanyu.html",
                    ("en-US/contact.html", "en"): f"{base}/en-US/contact.html",
                    ("en-US/contact.html", "es"): f"{base}/es-419/contacto.html"}
    missing = {(t.page, t.locale): t.missing_locales for t in plan.targets if t.missing_locales}
    assert missing == {("en-US/contact.html", "en"): ("zh",)}
    assert any("loop" in w for w in plan.warnings)
    assert not plan.truncated


def test_page_ids_are_stable_across_runs(site: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = site
    first, second = plan_for(tmp_path, base), plan_for(tmp_path, base)
    assert first.targets == second.targets and first.config.pages == second.config.pages


def test_include_exclude_filter_the_plan(site: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = site
    plan = plan_for(tmp_path, base, discover='sitemap = "sitemap.xml"\nexclude = ["*/contact*", "*/contacto*"]')
    assert [p for p, _ in plan.config.pages] == ["en-US/about.html"]


def test_discover_command_prints_pages_by_locales(site: tuple[str, Path], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    base, _ = site
    config = write_config(tmp_path / "a11y-l10n.toml", base)
    assert main(["discover", "--config", str(config), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert f"es  {base}/es-419/acerca-de.html" in out
    assert "zh  (missing: no version of this page)" in out
    assert "2 page(s) × 3 locale(s): 5 target(s), 1 missing locale version(s)" in out


def test_pages_and_templates_are_required_without_discovery(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[site]\nbase_url = "http://127.0.0.1:9"\n{LOCALES}', encoding="utf-8")
    with pytest.raises(ConfigError, match="no pages configured"):
        load_config(str(path))


# ------------------------------------------------------------------ hostile sitemaps

def _member_mb() -> bytes:
    return gzip.compress(b" " * (1024 * 1024), 9)


def test_multi_member_gzip_sitemap_is_read_whole(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    root = tmp_path / "members"
    root.mkdir()
    base = static_server(root)
    text = f"<urlset {NS}><url><loc>{base}/a.html</loc></url><url><loc>{base}/b.html</loc></url></urlset>"
    half = len(text) // 2
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(text[:half].encode()) + gzip.compress(text[half:].encode()))
    plan = plan_for(tmp_path, base, discover='sitemap = "sitemap.xml.gz"')
    assert [t.url for t in plan.targets] == [f"{base}/a.html", f"{base}/b.html"]


def test_gzip_bomb_is_cut_at_the_byte_limit(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    root = tmp_path / "bomb"
    root.mkdir()
    base = static_server(root)
    # 80 gzip members of 1 MB of spaces each (about 80 KB on the wire): over the 50 MB limit once expanded.
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset>") + _member_mb() * 80)
    with pytest.raises(DiscoveryError, match="expands to more than 50 MB"):
        plan_for(tmp_path, base, discover='sitemap = "sitemap.xml.gz"')


def test_bomb_in_a_child_sitemap_is_skipped_with_a_warning(site: tuple[str, Path], tmp_path: Path) -> None:
    base, root = site
    (root / "bomb.xml.gz").write_bytes(_member_mb() * 60)
    index = (root / "sitemap.xml").read_text(encoding="utf-8")
    (root / "sitemap.xml").write_text(index.replace("</sitemapindex>", f"<sitemap><loc>{base}/bomb.xml.gz</loc>"
                                                    "</sitemap></sitemapindex>"), encoding="utf-8")
    plan = plan_for(tmp_path, base)
    assert len(plan.targets) == 5
    assert any("bomb.xml.gz" in w and "50 MB" in w for w in plan.warnings)


def test_entity_bomb_is_refused(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    root = tmp_path / "laughs"
    root.mkdir()
    base = static_server(root)
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><urlset><url><loc>&lol3;</loc></url></urlset>')
    (root / "sitemap.xml").write_text(lol, encoding="utf-8")
    with pytest.raises(DiscoveryError, match="DTD or entities"):
        plan_for(tmp_path, base)


def test_huge_url_count_gives_a_truncated_plan(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    base = static_server(root)
    urls = "".join(f"<url><loc>{base}/p{i}.html</loc></url>" for i in range(200_000))
    (root / "sitemap.xml").write_text(f"<urlset {NS}>{urls}</urlset>", encoding="utf-8")
    plan = plan_for(tmp_path, base, discover='sitemap = "sitemap.xml"\nmax_pages = 5')
    assert len(plan.config.pages) == 5 and plan.truncated
    assert any("only the first" in w for w in plan.warnings)


def test_too_many_sitemap_files_are_bounded(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    root = tmp_path / "files"
    root.mkdir()
    base = static_server(root)
    for i in range(230):
        (root / f"s{i}.xml").write_text(f"<urlset {NS}><url><loc>{base}/p{i}.html</loc></url></urlset>",
                                        encoding="utf-8")
    children = "".join(f"<sitemap><loc>{base}/s{i}.xml</loc></sitemap>" for i in range(230))
    (root / "sitemap.xml").write_text(f"<sitemapindex {NS}>{children}</sitemapindex>", encoding="utf-8")
    plan = plan_for(tmp_path, base, discover='sitemap = "sitemap.xml"\nmax_pages = 1000')
    assert plan.truncated and any("more than 200 sitemap files" in w for w in plan.warnings)
    assert 0 < len(plan.config.pages) < 230


def test_a_hanging_sitemap_ends_at_the_time_limit(tmp_path: Path) -> None:
    from tests.route_server import route_server

    with route_server({}) as server:
        server.routes["/sitemap.xml"] = server.hang(30)
        with pytest.raises(DiscoveryError, match=r"sitemap .*(timed out|time limit)"):
            plan_for(tmp_path, server.base_url, discover='sitemap = "sitemap.xml"\ntimeout = 1.5')


def test_a_dripping_sitemap_ends_at_the_time_limit(tmp_path: Path) -> None:
    from tests.route_server import route_server

    with route_server({}) as server:
        server.routes["/sitemap.xml"] = server.drip()
        with pytest.raises(DiscoveryError, match="time limit was reached while reading"):
            plan_for(tmp_path, server.base_url, discover='sitemap = "sitemap.xml"\ntimeout = 1.5')


def test_urls_outside_the_origins_are_left_out(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    root = tmp_path / "scope"
    root.mkdir()
    base = static_server(root)
    other = base.replace("127.0.0.1", "localhost")  # another origin (host differs)
    (root / "sitemap.xml").write_text(f"<urlset {NS}><url><loc>{base}/a.html</loc></url>"
                                      f"<url><loc>{other}/b.html</loc></url></urlset>", encoding="utf-8")
    plan = plan_for(tmp_path, base)
    assert [t.url for t in plan.targets] == [f"{base}/a.html"]
    assert any("outside the configured origins" in w for w in plan.warnings)


def test_sitemap_on_another_origin_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(DiscoveryError, match="outside the configured origins"):
        plan_for(tmp_path, "http://127.0.0.1:9", discover='sitemap = "https://example.invalid/sitemap.xml"')


# ------------------------------------------------------------------ crawl

def write_crawl_site(root: Path) -> None:
    def page(path: str, lang: str, links: list[str], alternates: dict[str, str]) -> None:
        head = "".join(f'<link rel="alternate" hreflang="{h}" href="/{p}">' for h, p in alternates.items())
        body = "".join(f'<a href="/{link}">{link}</a> ' for link in links)
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"<!DOCTYPE html><html lang='{lang}'><head><title>{path}</title>{head}</head>"
                                 f"<body><main><h1>{path}</h1><p>{body}</p></main></body></html>", encoding="utf-8")

    news = {"en": "en/news.html", "es": "es/noticias.html"}
    page("index.html", "en", ["en/news.html", "en/private/secret.html", "es/noticias.html"], {})
    page("en/news.html", "en", ["en/deep/one.html"], news)
    page("es/noticias.html", "es", [], news)
    page("en/private/secret.html", "en", [], {})
    page("en/deep/one.html", "en", ["en/deep/two.html"], {})
    page("en/deep/two.html", "en", [], {})


def test_crawl_groups_by_hreflang_within_depth_and_patterns(static_server: Callable[[Path], str],
                                                            tmp_path: Path) -> None:
    root = tmp_path / "crawl"
    root.mkdir()
    write_crawl_site(root)
    base = static_server(root)
    plan = plan_for(tmp_path, base, discover='crawl = true\ndepth = 2\nexclude = ["/en/private/*"]')
    pages = dict(plan.config.pages)
    assert "en/news.html" in pages and "en/deep/one.html" in pages
    assert "en/deep/two.html" not in pages  # three hops away
    assert not any("private" in p for p in pages)
    urls = {(t.page, t.locale): t.url for t in plan.targets}
    assert urls[("en/news.html", "es")] == f"{base}/es/noticias.html"
    assert ("es/noticias.html", "es") not in urls  # grouped with its English version, not a page of its own
    assert any("deeper than discover.depth" in w for w in plan.warnings)


def test_crawl_max_pages_bounds_the_fetches(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    root = tmp_path / "crawlmany"
    root.mkdir()
    links = "".join(f'<a href="/p{i}.html">{i}</a>' for i in range(100))
    (root / "index.html").write_text(f"<html lang='en'><body>{links}</body></html>", encoding="utf-8")
    for i in range(100):
        (root / f"p{i}.html").write_text(f"<html lang='en'><body><p>{i}</p></body></html>", encoding="utf-8")
    base = static_server(root)
    plan = plan_for(tmp_path, base, discover="crawl = true\nmax_pages = 2")
    assert len(plan.config.pages) <= 2 and plan.truncated


# ------------------------------------------------------------------ scan in real Chromium

@pytest.mark.browser
def test_site_given_only_base_url_locales_and_sitemap_is_scanned_completely(site: tuple[str, Path],
                                                                             tmp_path: Path) -> None:
    base, _ = site
    config = load_config(str(write_config(tmp_path / "a11y-l10n.toml", base)))
    output = run_scan(config, tmp_path / "out", Progress(quiet=True))
    results = json.loads((output.run_dir / "results.json").read_text(encoding="utf-8"))
    targets = {(t["page"], t["locale"]): t for t in results["targets"]}
    assert len(targets) == 5 and all(t["status"] == "ok" for t in targets.values())
    found = {(t["page"], t["locale"], f["check"]) for t in results["targets"] for f in t["findings"]}
    assert ("en-US/about.html", "zh", "axe:image-alt") in found
    [missing] = [f for f in targets[("en-US/contact.html", "en")]["findings"]
                 if f["check"] == "missing-locale-version"]
    assert missing["details"]["missing_locale"] == "zh"
    assert sum(1 for f in found if f[2] == "missing-locale-version") == 1
    assert not {f for f in found if f[2] in ("lang-attribute", "untranslated-text")}
    assert results["discovery"]["source"] == "sitemap" and results["discovery"]["missing_locale_versions"] == 1
    assert results["pages"] == ["en-US/about.html", "en-US/contact.html"]


def test_merge_of_shards_does_not_count_absent_locale_versions_as_missing() -> None:
    from pipeline.results.merge import merge_results

    def target(page: str, locale: str) -> dict[str, Any]:
        return {"page": page, "locale": locale, "status": "ok", "findings": [], "needs_review": []}

    base = {"pages": ["a", "b"], "locales": [{"code": "en"}, {"code": "es"}], "source_locale": "en",
            "fail_on": "serious", "catalogs": [], "started_at": "1", "finished_at": "2", "complete": True,
            "discovery": {"absent": [["b", "es"]]}}
    one = {**base, "targets": [target("a", "en"), target("a", "es")]}
    two = {**base, "targets": [target("b", "en")]}
    merged = merge_results([one, two], "x")
    assert merged["missing_targets"] == [] and merged["complete"]
    assert merge_results([one], "y")["missing_targets"] == [{"page": "b", "locale": "en"}]


def test_crawl_groups_by_url_templates_without_hreflang(static_server: Callable[[Path], str],
                                                        tmp_path: Path) -> None:
    root = tmp_path / "templated"
    for loc, text in (("en", "Hello"), ("es", "Hola")):
        (root / loc).mkdir(parents=True)
        other = "es" if loc == "en" else "en"
        (root / loc / "x.html").write_text(f"<html lang='{loc}'><body><p>{text}</p><a href='/{other}/x.html'>"
                                           "other</a></body></html>", encoding="utf-8")
    (root / "index.html").write_text("<html><body><a href='/en/x.html'>x</a></body></html>", encoding="utf-8")
    base = static_server(root)
    path = tmp_path / "t.toml"
    path.write_text(f'source_locale = "en"\n[site]\nbase_url = "{base}"\n[locales.en]\nurl = "{{base_url}}/en/{{path}}"'
                    '\n[locales.es]\nurl = "{base_url}/es/{path}"\n[discover]\ncrawl = true\ninclude = ["/e*/*"]\n',
                    encoding="utf-8")
    plan = make_plan(load_config(str(path)), base)
    assert {(t.page, t.locale): t.url for t in plan.targets} == {("en/x.html", "en"): f"{base}/en/x.html",
                                                                 ("en/x.html", "es"): f"{base}/es/x.html"}


@pytest.mark.browser
def test_crawled_site_is_scanned(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    root = tmp_path / "crawlscan"
    root.mkdir()
    write_crawl_site(root)
    base = static_server(root)
    config = write_config(tmp_path / "a11y-l10n.toml", base, discover="crawl = true\ndepth = 1",
                          extra="[run]\nscreenshots = false\n").read_text(encoding="utf-8")
    config_path = tmp_path / "a11y-l10n.toml"
    config_path.write_text(config.replace('[locales.zh]\nlang = "zh-Hans"\n', ""), encoding="utf-8")
    output = run_scan(load_config(str(config_path)), tmp_path / "out", Progress(quiet=True))
    results = json.loads((output.run_dir / "results.json").read_text(encoding="utf-8"))
    targets = {(t["page"], t["locale"]): t for t in results["targets"]}
    assert ("en/news.html", "es") in targets and all(t["status"] == "ok" for t in targets.values())
    missing = {(t["page"], f["details"]["missing_locale"]) for t in results["targets"] for f in t["findings"]
               if f["check"] == "missing-locale-version"}
    assert ("en/news.html", "es") not in missing and ("en/private/secret.html", "es") in missing


def test_discover_on_an_unreachable_site_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "a11y-l10n.toml", "http://127.0.0.1:9")
    assert main(["discover", "--config", str(config), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "sitemap http://127.0.0.1:9/sitemap.xml" in err and "site is up" in err
