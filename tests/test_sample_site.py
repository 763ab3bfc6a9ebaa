"""Fast tests of the bundled sample site: HTTP behaviour, planted quirks, catalogs. No browser."""

from __future__ import annotations

import concurrent.futures
import http.client
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from pipeline.sample_site.server import (
    HERE,
    QUIRKS,
    SAMPLE_LOCALES,
    SAMPLE_PAGES,
    catalogs_dir,
    serve_sample_site,
)

PLANTED_ES_SENTENCE = "Free medical interpreters are available in more than 100 languages, 24 hours a day."
PLANTED_ES_FUZZY = "Our Emergency Department on the Main Campus is open 24 hours a day, 7 days a week."
PLANTED_AR_ARIA_LABEL = "Open map of Main Campus in a new window"
PLANTED_AR_PLURAL = "Find care at 4 locations across the region."


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _get(url: str, follow: bool = True) -> tuple[int, dict[str, str], str]:
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8", "replace")


def _html_open_tag(body: str) -> str:
    match = re.search(r"<html\b[^>]*>", body)
    assert match, "no <html> tag"
    return match.group(0)


def _attr(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match.group(1) if match else None


@pytest.fixture(scope="module")
def base_url():
    with serve_sample_site() as url:
        yield url


@pytest.fixture(scope="module")
def pages(base_url: str) -> dict[tuple[str, str], tuple[int, dict[str, str], str]]:
    """Every page x locale, fetched concurrently (also exercises the threaded server)."""
    keys = [(page, lc) for page in SAMPLE_PAGES for lc in SAMPLE_LOCALES]
    with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
        results = pool.map(lambda k: _get(f"{base_url}/{k[1]}/{SAMPLE_PAGES[k[0]]}"), keys)
        return dict(zip(keys, results, strict=True))


def test_public_api_constants_match_the_sample_config():
    # The bundled config is what users run; the server's constants must describe the same site.
    from pipeline.config import SAMPLE_CONFIG, load_config

    config = load_config(str(SAMPLE_CONFIG))
    assert SAMPLE_LOCALES == ("en", "es", "zh", "ar") == tuple(loc.code for loc in config.locales)
    assert dict(config.pages) == SAMPLE_PAGES and len(SAMPLE_PAGES) == 6


def test_base_url_is_local_with_free_port(base_url: str):
    parts = urllib.parse.urlsplit(base_url)
    assert parts.scheme == "http" and parts.hostname == "127.0.0.1"
    assert parts.port and parts.port > 0


def test_every_page_and_locale_is_served_as_utf8_html(pages):
    assert len(pages) == len(SAMPLE_PAGES) * len(SAMPLE_LOCALES)
    for key, (status, headers, body) in pages.items():
        assert status == 200, key
        assert headers["Content-Type"] == "text/html; charset=utf-8", key
        assert body.lstrip().startswith("<!DOCTYPE html>"), key
        assert re.search(r"<title>[^<]+ \| Riverside General Hospital</title>", body), key


def test_pages_are_translated_and_english_is_not(pages):
    assert "<h1>Find a Doctor</h1>" in pages[("doctors", "en")][2]
    assert "<h1>Buscar un médico</h1>" in pages[("doctors", "es")][2]
    assert "<h1>查找医生</h1>" in pages[("doctors", "zh")][2]
    assert "<h1>ابحث عن طبيب</h1>" in pages[("doctors", "ar")][2]


def test_html_lang_and_dir_are_correct_except_for_planted_quirks(pages):
    expected = {"en": ("en", "ltr"), "es": ("es", "ltr"), "zh": ("zh-Hans", "ltr"), "ar": ("ar", "rtl")}
    for (page, lc), (_, _, body) in pages.items():
        tag = _html_open_tag(body)
        if (page, lc) in QUIRKS:
            continue
        assert (_attr(tag, "lang"), _attr(tag, "dir")) == expected[lc], (page, lc, tag)


def test_planted_lang_and_dir_quirks(pages):
    zh_tag = _html_open_tag(pages[("appointment", "zh")][2])
    assert _attr(zh_tag, "lang") == "en"
    assert _attr(zh_tag, "dir") == "ltr"
    ar_tag = _html_open_tag(pages[("appointment", "ar")][2])
    assert _attr(ar_tag, "lang") == "ar"
    assert _attr(ar_tag, "dir") is None
    # the page content is still Chinese / Arabic
    assert "预约申请" in pages[("appointment", "zh")][2]
    assert "طلب موعد" in pages[("appointment", "ar")][2]
    assert set(QUIRKS) == {("appointment", "zh"), ("appointment", "ar")}


def test_rtl_css_only_on_arabic_pages(pages):
    for (page, lc), (_, _, body) in pages.items():
        assert ('href="/static/rtl.css"' in body) == (lc == "ar"), (page, lc)
        assert 'href="/static/site.css"' in body


def test_alternate_links_and_language_menu(base_url: str, pages):
    host = urllib.parse.urlsplit(base_url).netloc
    body = pages[("visit", "es")][2]
    for lc, tag in (("en", "en"), ("es", "es"), ("zh", "zh-Hans"), ("ar", "ar")):
        assert f'<link rel="alternate" hreflang="{tag}" href="http://{host}/{lc}/visit.html">' in body
        assert f'<a href="/{lc}/visit.html" lang="{tag}" hreflang="{tag}"' in body
    for name in ("English", "Español", "中文", "العربية"):
        assert f">{name}</a>" in body


def test_planted_untranslated_spanish_sentence(pages):
    assert PLANTED_ES_SENTENCE in pages[("diversity", "es")][2]
    assert PLANTED_ES_SENTENCE not in pages[("diversity", "zh")][2]


def test_planted_fuzzy_spanish_entry_renders_english(pages):
    es_home = pages[("home", "es")][2]
    assert PLANTED_ES_FUZZY in es_home
    assert "Nuestro Departamento de Emergencias" not in es_home


def test_planted_arabic_aria_label_and_plural(pages):
    body = pages[("locations", "ar")][2]
    assert f'aria-label="{PLANTED_AR_ARIA_LABEL}"' in body
    assert PLANTED_AR_PLURAL in body
    # the Spanish page has both translated
    es = pages[("locations", "es")][2]
    assert PLANTED_AR_ARIA_LABEL not in es and "Reciba atención en 4 centros de la región." in es


def test_planted_format_mismatch_renders_without_placeholder(pages):
    assert '<h2 id="results-title">搜索到的医生</h2>' in pages[("doctors", "zh")][2]
    assert '<h2 id="results-title">Médicos encontrados: 5</h2>' in pages[("doctors", "es")][2]


def test_planted_axe_markup(pages):
    diversity = pages[("diversity", "en")][2]
    assert len(re.findall(r'<a class="share-link"[^>]*><svg aria-hidden="true"', diversity)) == 3
    doctors = pages[("doctors", "ar")][2]
    imgs = re.findall(r"<img [^>]*>", doctors)
    assert sum(" alt=" not in img for img in imgs) == 1


def test_root_redirects_to_english_home(base_url: str):
    status, headers, _ = _get(base_url + "/", follow=False)
    assert status == 302
    assert headers["Location"] == "/en/index.html"
    status, _, body = _get(base_url + "/")
    assert status == 200 and '<html lang="en" dir="ltr">' in body


@pytest.mark.parametrize(
    "path",
    ["/nope.html", "/fr/index.html", "/en/nope.html", "/static/nope.css", "/static/../server.py", "/en/index.html/x"],
)
def test_unknown_paths_are_404(base_url: str, path: str):
    status, headers, _ = _get(base_url + path, follow=False)
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")


def test_static_files_have_content_types(base_url: str):
    status, headers, body = _get(base_url + "/static/site.css")
    assert status == 200 and headers["Content-Type"] == "text/css; charset=utf-8" and "--brand" in body
    status, headers, body = _get(base_url + "/static/img/logo.svg")
    assert status == 200 and headers["Content-Type"] == "image/svg+xml" and "<svg" in body
    status, headers, body = _get(base_url + "/static/rtl.css")
    assert status == 200 and ".hero-tagline" in body and "#aaaaaa" in body


def test_catalogs_dir_has_pot_and_three_po_files():
    root = catalogs_dir()
    assert (root / "messages.pot").is_file()
    po_files = sorted(p.relative_to(root).as_posix() for p in root.glob("*/LC_MESSAGES/messages.po"))
    assert po_files == ["ar/LC_MESSAGES/messages.po", "es/LC_MESSAGES/messages.po", "zh/LC_MESSAGES/messages.po"]
    assert not list(root.rglob("*.mo"))


def _catalog(lc: str):
    with (catalogs_dir() / lc / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lc)


def test_po_headers_have_the_expected_plural_forms():
    expected = {
        "es": "nplurals=2; plural=(n != 1);",
        "zh": "nplurals=1; plural=0;",
        "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    }
    for lc, forms in expected.items():
        text = (catalogs_dir() / lc / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
        header = re.search(r"Plural-Forms: (.*?)\\n", text.replace('"\n"', ""))
        assert header and header.group(1) == forms, lc
        assert f'"Language: {lc}\\n"' in text


def test_pot_matches_templates_and_po_files_match_pot():
    with (HERE / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    extracted = {msg for _, _, msg, _, _ in extract_from_dir(str(HERE), method_map, options_map)}
    extracted = {m if isinstance(m, str) else tuple(m[:2]) for m in extracted}
    with (catalogs_dir() / "messages.pot").open("rb") as fh:
        pot_ids = {m.id for m in read_po(fh) if m.id}
    assert extracted == pot_ids
    for lc in ("es", "zh", "ar"):
        assert {m.id for m in _catalog(lc) if m.id} == pot_ids, lc


def test_catalog_defects_are_exactly_the_planted_ones():
    es, zh, ar = _catalog("es"), _catalog("zh"), _catalog("ar")
    assert [m.id for m in es if m.id and m.fuzzy] == [PLANTED_ES_FUZZY]
    assert [m.id for m in es if m.id and not m.string] == [PLANTED_ES_SENTENCE]
    assert list(es.obsolete) == ["Pay your bill online"]
    assert [m.id for m in ar if m.id and not m.string] == [PLANTED_AR_ARIA_LABEL]
    assert not [m for c in (zh, ar) for m in c if m.id and m.fuzzy] and not zh.obsolete and not ar.obsolete
    assert zh["Doctors found: %(count)s"].string == "搜索到的医生"
    # read_po pads missing plural forms with "": the planted entry has only 2 of 6 in the file
    key = ("Find care at %(num)s location across the region.", "Find care at %(num)s locations across the region.")
    plural = ar[key]
    assert [bool(s) for s in plural.string] == [True, True, False, False, False, False]
    text = (catalogs_dir() / "ar" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    entry = text[text.index('msgid_plural "Find care at') :].split("\n\n", 1)[0]
    assert entry.count("msgstr[") == 2


def test_do_not_translate_terms_are_kept():
    for lc in ("es", "zh", "ar"):
        for m in _catalog(lc):
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.id and "Riverside General Hospital" in ids[0]:
                assert all("Riverside General Hospital" in s for s in strings if s), (lc, m.id)


def test_many_concurrent_requests(base_url: str):
    urls = [f"{base_url}/static/img/doctor-{i % 5 + 1}.svg" for i in range(60)]
    urls += [f"{base_url}/ar/index.html"] * 20
    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(lambda u: _get(u)[0], urls))
    assert statuses == [200] * len(urls)


def test_head_request_has_no_body(base_url: str):
    parts = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    conn.request("HEAD", "/es/index.html")
    resp = conn.getresponse()
    assert resp.status == 200 and int(resp.getheader("Content-Length")) > 1000
    assert resp.read() == b""
    conn.close()


def test_server_stops_after_context_manager():
    with serve_sample_site() as url:
        assert _get(url + "/en/index.html")[0] == 200
    with pytest.raises(urllib.error.URLError) as excinfo:
        urllib.request.urlopen(url + "/en/index.html", timeout=2)
    assert isinstance(excinfo.value.reason, ConnectionRefusedError)


def test_server_is_quiet(capfd):
    with serve_sample_site() as url:
        _get(url + "/en/index.html")
        _get(url + "/missing")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_compiled_catalog_skips_fuzzy_like_msgfmt():
    from pipeline.sample_site.server import _compile_catalog

    es = _compile_catalog(catalogs_dir() / "es" / "LC_MESSAGES" / "messages.po", "es")
    assert es.gettext(PLANTED_ES_FUZZY) == PLANTED_ES_FUZZY
    assert es.gettext("Find a Doctor") == "Buscar un médico"
    ar = _compile_catalog(catalogs_dir() / "ar" / "LC_MESSAGES" / "messages.po", "ar")
    singular, plural = "%(num)s year in practice", "%(num)s years in practice"
    assert ar.ngettext(singular, plural, 4) == "%(num)s سنوات من الممارسة الطبية"
    assert ar.ngettext(singular, plural, 23) == "%(num)s سنة من الممارسة الطبية"
