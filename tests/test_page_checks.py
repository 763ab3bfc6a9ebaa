"""Unit tests for the page checks on small hand-built artifacts (no browser)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.checks.axe_results import check_axe
from pipeline.checks.base import PageContext
from pipeline.checks.lang_dir import check_dir, check_lang, lang_match
from pipeline.checks.registry import run_page_checks
from pipeline.checks.untranslated import check_untranslated_names, check_untranslated_text
from pipeline.config import Config, LocaleConfig
from pipeline.model import CatalogArtifact, CatalogMessage, NamedAttribute, PageArtifact, TextRun

EN = LocaleConfig("en", "{base_url}/en/{path}", "en", "ltr")
ES = LocaleConfig("es", "{base_url}/es/{path}", "es", "ltr")
ZH = LocaleConfig("zh", "{base_url}/zh/{path}", "zh-Hans", "ltr")
AR = LocaleConfig("ar", "{base_url}/ar/{path}", "ar", "rtl")
CONFIG = Config(path="test.toml", source_locale="en", pages=(("home", "index.html"),),
                locales=(EN, ES, ZH, AR), do_not_translate=("Riverside General Hospital", "MyChart"))


def run(text: str, lang: str = "es", lang_source: str = "root", visible: bool = True,
        selector: str = "main > p") -> TextRun:
    return TextRun(text=text, selector=selector, tag="p", lang=lang, lang_source=lang_source, dir="ltr",
                   visible=visible)


def page(locale: str, runs: tuple[TextRun, ...] = (), attrs: tuple[NamedAttribute, ...] = (),
         lang: str | None = None, dir: str | None = None, computed_dir: str = "ltr",
         title: str = "") -> PageArtifact:
    return PageArtifact(page="home", locale=locale, url=f"http://127.0.0.1/{locale}/", status="ok",
                        html_lang=lang if lang is not None else locale, html_dir=dir,
                        computed_dir=computed_dir, title=title, text_runs=runs, attributes=attrs)


SOURCE = page("en", runs=(run("Find a Doctor", "en"), run("Visiting hours are 8 a.m. to 8 p.m.", "en"),
                          run("Riverside General Hospital", "en"), run("617-555-0100", "en"),
                          run("English", "en"), run("Sign in to MyChart", "en")),
              attrs=(NamedAttribute("aria-label", "Open map in a new window", "a", "a", "en", "root"),),
              title="Home — Riverside General Hospital")


# ------------------------------------------------------------------ lang-attribute

@pytest.mark.parametrize(("declared", "expected", "result"), [
    ("zh-Hans", "zh-Hans", "match"),
    ("zh-hans", "zh-Hans", "match"),
    ("zh-Hans-CN", "zh-Hans", "match"),
    ("zh-CN", "zh-Hans", "match"),
    ("zh-TW", "zh-Hans", "mismatch"),
    ("zh-Hant", "zh-Hans", "mismatch"),
    ("en", "zh-Hans", "mismatch"),
    ("zh", "zh-Hans", "less-specific"),
    ("es-419", "es", "match"),
    ("es-MX", "es-419", "mismatch"),
    ("ar-EG", "ar", "match"),
])
def test_lang_match_is_bcp47_aware(declared: str, expected: str, result: str) -> None:
    assert lang_match(declared, expected) == result


def test_lang_attribute_flags_zh_page_declaring_en() -> None:
    ctx = PageContext(page("zh", lang="en"), ZH)
    [f] = check_lang(ctx, CONFIG)
    assert f.check == "lang-attribute"
    assert f.severity == "serious"
    assert "expects \"zh-Hans\"" in f.message


def test_lang_attribute_missing_and_invalid() -> None:
    missing = PageArtifact(page="home", locale="es", url="u", status="ok", html_lang=None)
    assert "no lang attribute" in check_lang(PageContext(missing, ES), CONFIG)[0].message
    invalid = replace(missing, html_lang="english")
    assert "not a valid BCP 47" in check_lang(PageContext(invalid, ES), CONFIG)[0].message


def test_lang_attribute_clean_page_has_no_finding() -> None:
    assert check_lang(PageContext(page("zh", lang="zh-Hans"), ZH), CONFIG) == []


# ------------------------------------------------------------------ dir-attribute

def test_dir_attribute_flags_ar_page_rendering_ltr() -> None:
    [f] = check_dir(PageContext(page("ar", computed_dir="ltr"), AR), CONFIG)
    assert f.check == "dir-attribute" and "right-to-left" in f.message


def test_dir_attribute_flags_ltr_locale_rendering_rtl() -> None:
    [f] = check_dir(PageContext(page("es", dir="rtl", computed_dir="rtl"), ES), CONFIG)
    assert "left-to-right" in f.message


def test_dir_attribute_clean() -> None:
    assert check_dir(PageContext(page("ar", dir="rtl", computed_dir="rtl"), AR), CONFIG) == []
    assert check_dir(PageContext(page("es"), ES), CONFIG) == []


# ------------------------------------------------------------------ untranslated-text

def test_untranslated_text_finds_english_sentence_on_es_page() -> None:
    es = page("es", runs=(run("Buscar un médico"), run("Visiting hours are 8 a.m. to 8 p.m.")),
              title="Inicio — Riverside General Hospital")
    findings = check_untranslated_text(PageContext(es, ES, source=SOURCE), CONFIG)
    assert [f.details["text"] for f in findings] == ["Visiting hours are 8 a.m. to 8 p.m."]
    assert findings[0].check == "untranslated-text"


def test_untranslated_text_skips_own_lang_brand_and_no_letters() -> None:
    ar = page("ar", runs=(run("English", "en", "element"),      # language menu item declares lang="en"
                          run("Riverside General Hospital", "ar"),  # do_not_translate
                          run("617-555-0100", "ar"),               # no letters
                          run("Sign in to MyChart", "ar")),        # has other words: still English
              dir="rtl", computed_dir="rtl")
    findings = check_untranslated_text(PageContext(ar, AR, source=SOURCE), CONFIG)
    assert [f.details["text"] for f in findings] == ["Sign in to MyChart"]


def test_untranslated_text_element_lang_equal_to_page_lang_is_still_checked() -> None:
    es = page("es", runs=(run("Find a Doctor", "es", "element"),))
    assert len(check_untranslated_text(PageContext(es, ES, source=SOURCE), CONFIG)) == 1


def test_untranslated_text_ignores_hidden_text_unless_configured() -> None:
    es = page("es", runs=(run("Find a Doctor", visible=False),))
    assert check_untranslated_text(PageContext(es, ES, source=SOURCE), CONFIG) == []
    hidden_on = replace(CONFIG, include_hidden_text=True)
    assert len(check_untranslated_text(PageContext(es, ES, source=SOURCE), hidden_on)) == 1


def test_untranslated_title_is_flagged() -> None:
    es = page("es", title="Home — Riverside General Hospital")
    [f] = check_untranslated_text(PageContext(es, ES, source=SOURCE), CONFIG)
    assert f.selector == "title"


def test_source_locale_is_never_checked() -> None:
    assert check_untranslated_text(PageContext(SOURCE, EN, source=SOURCE), CONFIG) == []


CATALOG = CatalogArtifact(locale="es", path="locales/es/LC_MESSAGES/messages.po", messages=(
    CatalogMessage(msgid="Find a Doctor", msgstr=("",), lineno=12),
    CatalogMessage(msgid="Hospital", msgstr=("Hospital",), lineno=20),
    CatalogMessage(msgid="%(num)s location", msgid_plural="%(num)s locations", msgstr=("%(num)s sede", ""),
                   lineno=30),
    CatalogMessage(msgid="Visiting hours", msgstr=("Horario de visita",), fuzzy=True, lineno=40),
))


def test_untranslated_text_is_traced_to_its_catalog_entry() -> None:
    es = page("es", runs=(run("Find a Doctor"),))
    [f] = check_untranslated_text(PageContext(es, ES, source=SOURCE, catalog=CATALOG), CONFIG)
    assert f.details["catalog_line"] == 12
    assert f.details["catalog_status"] == "untranslated"
    assert "messages.po:12" in f.message


def test_trace_matches_rendered_placeholders() -> None:
    src = page("en", runs=(run("5 locations", "en"),))
    es = page("es", runs=(run("5 locations"),))
    [f] = check_untranslated_text(PageContext(es, ES, source=src, catalog=CATALOG), CONFIG)
    assert f.details["catalog_line"] == 30
    assert f.details["catalog_status"] == "plural-incomplete"


def test_deliberately_identical_translation_is_not_flagged() -> None:
    src = page("en", runs=(run("Hospital", "en"),))
    es = page("es", runs=(run("Hospital"),))
    assert check_untranslated_text(PageContext(es, ES, source=src, catalog=CATALOG), CONFIG) == []
    # Without the catalog saying so, identical text is reported.
    assert len(check_untranslated_text(PageContext(es, ES, source=src), CONFIG)) == 1


def test_without_source_rendering_catalog_msgids_are_used() -> None:
    es = page("es", runs=(run("Visiting hours"), run("Horario de visita")))
    [f] = check_untranslated_text(PageContext(es, ES, source=None, catalog=CATALOG), CONFIG)
    assert f.details["text"] == "Visiting hours" and f.details["catalog_status"] == "fuzzy"


# ------------------------------------------------------------------ untranslated-accessible-name

def test_english_aria_label_on_ar_page() -> None:
    ar = page("ar", attrs=(NamedAttribute("aria-label", "Open map in a new window", "#map", "a", "ar", "root"),
                           NamedAttribute("alt", "شعار المستشفى", "img", "img", "ar", "root")),
              dir="rtl", computed_dir="rtl")
    [f] = check_untranslated_names(PageContext(ar, AR, source=SOURCE), CONFIG)
    assert f.check == "untranslated-accessible-name" and f.selector == "#map"
    assert f.details["attribute"] == "aria-label"


def test_accessible_name_with_own_lang_is_fine() -> None:
    ar = page("ar", attrs=(NamedAttribute("aria-label", "Open map in a new window", "#map", "a", "en",
                                          "element"),))
    assert check_untranslated_names(PageContext(ar, AR, source=SOURCE), CONFIG) == []


# ------------------------------------------------------------------ axe mapping + registry

AXE = {"violations": [{"id": "image-alt", "impact": "critical", "help": "Images must have alternative text",
                       "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/image-alt", "tags": ["wcag2a"],
                       "nodes": [{"target": ["main > img"], "html": "<img src=x>", "impact": "critical"},
                                 {"target": [["iframe"], "img"], "html": "<img>", "impact": "critical"}]}],
       "incomplete": [{"id": "color-contrast", "impact": "serious", "help": "contrast",
                       "nodes": [{"target": ["p"], "html": "<p>", "impact": "serious"}]}]}


def test_axe_violations_and_incomplete_are_mapped() -> None:
    art = replace(page("en", lang="en"), axe=AXE)
    findings = check_axe(PageContext(art, EN), CONFIG)
    failing = [f for f in findings if not f.needs_review]
    review = [f for f in findings if f.needs_review]
    assert [f.check for f in failing] == ["axe:image-alt", "axe:image-alt"]
    assert failing[0].severity == "critical" and failing[1].selector == "iframe >>> img"
    assert [f.check for f in review] == ["axe:color-contrast"]


def test_registry_applies_disable_and_severity_overrides() -> None:
    art = replace(page("zh", lang="en"), axe=AXE)
    ctx = PageContext(art, ZH, source=SOURCE)
    ids = {f.check for f in run_page_checks(ctx, CONFIG)}
    assert {"axe:image-alt", "lang-attribute"} <= ids
    cfg = replace(CONFIG, disabled_checks=("axe:*", "hreflang"), severity_overrides=(("lang-attribute", "critical"),))
    findings = run_page_checks(ctx, cfg)
    assert {f.check for f in findings} == {"lang-attribute"}
    assert findings[0].severity == "critical"


def test_saved_artifact_round_trips(tmp_path: Path) -> None:
    art = replace(SOURCE, axe=AXE)
    again = PageArtifact.from_dict(art.to_dict())
    assert again == art


def test_text_marked_foreign_on_the_source_page_is_identical_by_design() -> None:
    # The language menu: <a lang="es">Español</a> appears on every locale's page, same text.
    src = page("en", runs=(run("Español", "es", "element"), run("Find a Doctor", "en")))
    es = page("es", runs=(run("Español", "es", "element"), run("Find a Doctor", "es", "element")))
    findings = check_untranslated_text(PageContext(es, ES, source=src), CONFIG)
    assert [f.details["text"] for f in findings] == ["Find a Doctor"]


def test_translate_no_is_respected() -> None:
    es = page("es", runs=(replace(run("Find a Doctor"), translate=False),),
              attrs=(NamedAttribute("aria-label", "Open map in a new window", "a", "a", "es", "root",
                                    translate=False),))
    assert check_untranslated_text(PageContext(es, ES, source=SOURCE), CONFIG) == []
    assert check_untranslated_names(PageContext(es, ES, source=SOURCE), CONFIG) == []
