"""Unit tests for the issue-9 page checks over hand-built artifacts (no browser).

hreflang, content-language (+ page-level grouping), locale-format, head metadata,
script-contrast and the cross-locale tagging of axe violations.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from pipeline.checks.axe_locales import tag_locales
from pipeline.checks.base import PageContext
from pipeline.checks.content_language import block_of, check_content_language, judge, script_counts
from pipeline.checks.grouping import group_under_page_finding
from pipeline.checks.head_meta import check_head_meta
from pipeline.checks.hreflang import check_hreflang, normalize_url
from pipeline.checks.locale_format import LocaleFacts, check_locale_format, facts_for, problems_in
from pipeline.checks.registry import page_check_metas, run_page_checks
from pipeline.checks.script_contrast import check_script_contrast, contrast_ratio
from pipeline.config import Config, ConfigError, LocaleConfig, load_config
from pipeline.model import Alternate, Finding, HeadMeta, PageArtifact, TextColor, TextRun
from pipeline.results.build import summarize

EN = LocaleConfig("en", "{base_url}/en/{path}", "en", "ltr")
ES = LocaleConfig("es", "{base_url}/es/{path}", "es", "ltr")
ZH = LocaleConfig("zh", "{base_url}/zh/{path}", "zh-Hans", "ltr")
AR = LocaleConfig("ar", "{base_url}/ar/{path}", "ar", "rtl")
LOCALES = {loc.code: loc for loc in (EN, ES, ZH, AR)}
CONFIG = Config(path="test.toml", source_locale="en", pages=(("home", "index.html"),),
                locales=(EN, ES, ZH, AR), do_not_translate=("Riverside General Hospital",))
BASE = "http://127.0.0.1:8000"


def url(code: str) -> str:
    return f"{BASE}/{code}/index.html"


def alternates(*codes: str, base: str = BASE) -> tuple[Alternate, ...]:
    return tuple(Alternate(LOCALES[c].lang, f"{base}/{c}/index.html", f"{base}/{c}/index.html") for c in codes)


def run(text: str, lang: str = "", selector: str = "main > p", tag: str = "p", lang_source: str = "root",
        translate: bool = True) -> TextRun:
    return TextRun(text=text, selector=selector, tag=tag, lang=lang, lang_source=lang_source, dir="ltr",
                   visible=True, translate=translate)


def page(code: str, **kw: Any) -> PageArtifact:
    defaults: dict[str, Any] = {"html_lang": LOCALES[code].lang, "alternates": alternates(*LOCALES)}
    return PageArtifact(page="home", locale=code, url=url(code), status="ok", final_url=url(code),
                        **{**defaults, **kw})


def ctx(art: PageArtifact, group: tuple[PageArtifact, ...] = (), source: PageArtifact | None = None) -> PageContext:
    return PageContext(artifact=art, locale=LOCALES[art.locale], source=source, group=group or (art,))


def checks_of(findings: list[Finding]) -> list[str]:
    return [f.check for f in findings]


# ------------------------------------------------------------------ hreflang

def test_hreflang_complete_reciprocal_set_is_clean() -> None:
    group = tuple(page(c) for c in LOCALES)
    for art in group:
        assert check_hreflang(ctx(art, group), CONFIG) == []


def test_hreflang_url_normalisation() -> None:
    assert normalize_url("HTTP://Example.COM:80/es/#top") == normalize_url("http://example.com/es/")
    assert normalize_url("https://example.com") == "https://example.com/"
    assert normalize_url("http://example.com:8080/a") != normalize_url("http://example.com/a")


def test_hreflang_missing_locale_names_it_and_says_not_reciprocal() -> None:
    group = (*tuple(page(c) for c in ("en", "es", "ar")), page("zh", alternates=alternates("en", "es", "zh")))
    findings = check_hreflang(ctx(group[-1], group), CONFIG)
    assert len(findings) == 1
    assert "'ar'" in findings[0].message and "not reciprocal" in findings[0].message
    assert findings[0].details["expected_url"] == url("ar")
    # the Arabic page itself is complete: the missing link is reported once, where it is missing
    assert check_hreflang(ctx(group[2], group), CONFIG) == []


def test_hreflang_wrong_url_invalid_value_and_mismatched_language() -> None:
    alts = (*alternates("en", "zh", "ar"),
            Alternate("es", f"{BASE}/es/other.html", f"{BASE}/es/other.html"),
            Alternate("e$", f"{BASE}/es/index.html", f"{BASE}/es/index.html"),
            Alternate("fr", url("en"), url("en")))
    group = (*tuple(page(c) for c in ("en", "zh", "ar")), page("es", alternates=alts))
    messages = [f.message for f in check_hreflang(ctx(group[-1], group), CONFIG)]
    assert any("points at" in m and "other.html" in m for m in messages)
    assert any('"e$" is not a valid BCP 47' in m for m in messages)
    assert any('hreflang="fr" points at the en page' in m for m in messages)


def test_hreflang_relative_href_is_minor() -> None:
    alts = tuple(replace(a, raw=f"/{code}/index.html") for a, code in zip(alternates(*LOCALES), LOCALES,
                                                                          strict=True))
    findings = check_hreflang(ctx(page("es", alternates=alts)), CONFIG)
    assert [(f.severity, len(f.details["relative"])) for f in findings] == [("minor", 4)]
    assert "relative href" in findings[0].message


def test_hreflang_no_alternates_at_all_is_one_finding() -> None:
    findings = check_hreflang(ctx(page("es", alternates=())), CONFIG)
    assert len(findings) == 1 and "no <link" in findings[0].message


def test_hreflang_x_default_only_when_configured() -> None:
    group = tuple(page(c) for c in LOCALES)
    cfg = replace(CONFIG, hreflang_x_default="en")
    assert "x-default" in check_hreflang(ctx(group[1], group), cfg)[0].message
    assert check_hreflang(ctx(group[1], group), CONFIG) == []
    ok = replace(group[1], alternates=(*group[1].alternates, Alternate("x-default", url("en"), url("en"))))
    assert check_hreflang(ctx(ok, group), cfg) == []
    wrong = replace(group[1], alternates=(*group[1].alternates, Alternate("x-default", url("es"), url("es"))))
    assert "points at" in check_hreflang(ctx(wrong, group), cfg)[0].message


def small_config(tmp_path: Any, locale: str, extra: str) -> Any:
    cfg = tmp_path / "a.toml"
    cfg.write_text(f'source_locale = "{locale}"\n[site]\nbase_url = "http://127.0.0.1:1"\n[pages]\nh = "i.html"\n'
                   f'[locales.{locale}]\nurl = "{{base_url}}/{{path}}"\n{extra}', encoding="utf-8")
    return cfg


def test_x_default_config_must_name_a_locale(tmp_path: Any) -> None:
    cfg = small_config(tmp_path, "en", '[hreflang]\nx_default = "fr"\n')
    with pytest.raises(ConfigError, match="x_default 'fr' is not one of the configured locales"):
        load_config(str(cfg))


# ------------------------------------------------------------------ content-language

ES_TEXT = ("Los intérpretes médicos gratuitos están disponibles en más de cien idiomas, las veinticuatro horas "
           "del día.")
EN_TEXT = "Free medical interpreters are available in more than one hundred languages, every hour of the day."
ZH_TEXT = "我们为患者和家属提供免费的医疗口译服务，包括现场、电话和视频口译。"
AR_TEXT = "نقدم خدمات الترجمة الطبية المجانية للمرضى وعائلاتهم، حضوريا أو عبر الهاتف أو الفيديو."


def test_block_of_drops_trailing_inline_elements() -> None:
    assert block_of("main > p:nth-of-type(3) > a > strong") == "main > p:nth-of-type(3)"
    assert block_of("#intro > span") == "#intro"
    assert block_of("main > ul > li:nth-of-type(2)") == "main > ul > li:nth-of-type(2)"


def test_script_counts_weigh_han() -> None:
    counts = script_counts("加上来自 Starlette 的安全特性")
    assert counts["Han"] > counts["Latn"]


@pytest.mark.parametrize(("text", "lang", "detected"), [
    (EN_TEXT, "es", "en"),  # identifier: two configured Latin languages
    (ZH_TEXT, "en", "zh"),  # script: Han text under lang="en"
    (EN_TEXT, "ar", "en"),  # script, named by the identifier
    (EN_TEXT, "zh-Hans", "en"),
])
def test_judge_flags_text_in_another_language(text: str, lang: str, detected: str) -> None:
    verdict, _ = judge(text, lang, ("en", "es", "zh-Hans", "ar"))
    assert verdict is not None and verdict.detected == detected


@pytest.mark.parametrize(("text", "lang"), [
    (ES_TEXT, "es"), (EN_TEXT, "en"), (ZH_TEXT, "zh-Hans"), (AR_TEXT, "ar"),
    ("Call us today", "es"),  # too short to judge
    ("加上来自 Starlette（包括 session cookies ）的所有安全特性。", "zh-Hans"),  # Chinese with English terms
    ("الأمان والمصادقة (Security and authentication), يتضمن دعم OAuth2 مع مصادقة JWT tokens و HTTP Basic", "ar"),
])
def test_judge_is_silent_on_text_in_its_language_or_too_short(text: str, lang: str) -> None:
    verdict, _ = judge(text, lang, ("en", "es", "zh-Hans", "ar"))
    assert verdict is None


def test_content_language_paragraph_finding_on_es_page() -> None:
    art = page("es", text_runs=(run(ES_TEXT, "es", "main > p:nth-of-type(1)"),
                                run(EN_TEXT, "es", "main > p:nth-of-type(2)"),
                                run(ES_TEXT + " Otra frase.", "es", "main > p:nth-of-type(3)")))
    findings = check_content_language(ctx(art), CONFIG)
    assert [(f.selector, f.details["detected"]) for f in findings] == [("main > p:nth-of-type(2)", "en")]


def test_content_language_skips_declared_code_and_translate_no() -> None:
    art = page("es", text_runs=(
        run(ES_TEXT, "es", "main > p:nth-of-type(1)"),
        run(EN_TEXT, "en", "main > blockquote > p", lang_source="element"),  # declared English: right
        run(EN_TEXT, "es", "main > pre > code", tag="code"),
        run(EN_TEXT, "es", "main > p:nth-of-type(4)", translate=False),
    ))
    assert check_content_language(ctx(art), CONFIG) == []


def test_content_language_element_lang_that_is_wrong() -> None:
    art = page("en", text_runs=(run(EN_TEXT, "en", "main > p"),
                                run(ZH_TEXT, "en", "main > div > p", lang_source="element")))
    [f] = check_content_language(ctx(art), CONFIG)
    assert f.selector == "main > div > p" and "element declares" in f.message


def test_page_mostly_in_source_language_is_one_finding_with_the_rest_grouped() -> None:
    runs = tuple(run(EN_TEXT, "es", f"main > p:nth-of-type({i})") for i in range(1, 6))
    art = page("es", text_runs=(*runs, run(ES_TEXT, "es", "main > p:nth-of-type(9)")))
    src = page("en", text_runs=tuple(replace(r, lang="en") for r in runs))
    findings = run_page_checks(PageContext(art, ES, source=src, group=(src, art)), CONFIG)
    cl = [f for f in findings if f.check == "content-language"]
    assert len(cl) == 1 and cl[0].details["scope"] == "page" and cl[0].severity == "critical"
    assert "switched on before its content was translated" in cl[0].message
    grouped = cl[0].details["grouped"]
    assert {g["check"] for g in grouped} == {"content-language", "untranslated-text"}
    assert not [f for f in findings if f.check == "untranslated-text"]
    # counted once in the summary
    results = {"targets": [{"status": "ok", "findings": [f.to_dict() for f in findings], "needs_review": []}],
               "catalogs": [], "fail_on": "serious"}
    assert summarize(results)["summary"]["by_check"]["content-language"] == 1


def test_grouping_leaves_pages_without_a_page_finding_alone() -> None:
    findings = [Finding("untranslated-text", "moderate", "x"), Finding("content-language", "serious", "y")]
    assert group_under_page_finding(findings) == findings


# ------------------------------------------------------------------ locale-format

# CLDR facts kept here so these tests do not move with a Babel/CLDR release.
ES_FACTS = LocaleFacts(decimal=",", group=".", date_order="dmy", hour24=True,
                       day_periods=frozenset({"a.m.", "p.m."}), month_names=frozenset({"noviembre", "nov"}))
EN_FACTS = LocaleFacts(decimal=".", group=",", date_order="mdy", hour24=False,
                       day_periods=frozenset({"am", "pm"}), month_names=frozenset({"november", "nov"}))
AR_FACTS = LocaleFacts(decimal=".", group=",", date_order="dmy", hour24=False,
                       day_periods=frozenset({"ص", "م"}), month_names=frozenset({"نوفمبر"}))


@pytest.mark.parametrize(("text", "facts", "kind"), [
    ("Total: $1,234.50", ES_FACTS, "number"),
    ("Total: 1.234,50 €", EN_FACTS, "number"),
    ("Cita el 11/25/2026", ES_FACTS, "date"),
    ("Appointment on 25/11/2026", EN_FACTS, "date"),
    ("Abierto hasta las 5:30 PM", ES_FACTS, "time"),
    ("مفتوح حتى 5:30 PM", AR_FACTS, "time"),
])
def test_locale_format_flags_foreign_formats(text: str, facts: LocaleFacts, kind: str) -> None:
    assert [p.kind for p in problems_in(text, facts)] == [kind]


@pytest.mark.parametrize(("text", "facts"), [
    ("Total: 1.234,50 €", ES_FACTS),
    ("Total: $1,234.50", EN_FACTS),
    ("1,234 personas y 3.5 estrellas, Python 3.8, versión 0.115.0", ES_FACTS),  # ambiguous: never judged
    ("Cita el 01/02/2026", ES_FACTS),  # day and month both <= 12
    ("Cita el 25/11/2026", ES_FACTS),
    ("Abierto hasta las 10:00 a. m.", ES_FACTS),  # 12-hour with the locale's own marker
    ("Open until 5:30 pm", EN_FACTS),
    ("Fecha ISO 2026-11-25", ES_FACTS),
])
def test_locale_format_is_silent_on_correct_or_ambiguous(text: str, facts: LocaleFacts) -> None:
    assert problems_in(text, facts) == []


def test_locale_format_digits_only_when_configured() -> None:
    assert problems_in("الطابق ٣", AR_FACTS) == []
    assert [p.kind for p in problems_in("الطابق ٣", AR_FACTS, digits="latn")] == ["digits"]
    assert [p.kind for p in problems_in("الطابق 3", AR_FACTS, digits="arab")] == ["digits"]
    assert problems_in("الطابق ٣", AR_FACTS, digits="arab") == []


def test_babel_facts_hold_the_properties_the_check_relies_on() -> None:
    # Behaviour that survives CLDR updates: es and en disagree on the decimal mark and the date order.
    es, en = facts_for("es"), facts_for("en")
    assert es is not None and en is not None
    assert es.decimal != en.decimal and es.date_order != en.date_order
    assert "noviembre" in es.month_names and "november" in en.month_names
    assert facts_for("xx-invalid-") is None


def test_locale_format_check_on_an_artifact() -> None:
    art = page("es", title="Precios", text_runs=(
        run("Primera consulta: $1,250.00", "es", "main > p:nth-of-type(1)"),
        run("Primera consulta: 1.250,00 US$", "es", "main > p:nth-of-type(2)"),
        run("$1,250.00", "es", "main > pre > code", tag="code"),
        run("Sale on November 25, 2026", "en", "main > p:nth-of-type(3)", lang_source="element"),
        run("Abrimos el November 25, 2026", "es", "main > p:nth-of-type(4)"),
    ))
    findings = check_locale_format(ctx(art), CONFIG)
    assert sorted((f.selector, f.details["kind"]) for f in findings) == [
        ("main > p:nth-of-type(1)", "number"), ("main > p:nth-of-type(4)", "month")]


def test_digits_config_is_validated(tmp_path: Any) -> None:
    cfg = small_config(tmp_path, "ar", 'digits = "roman"\n')
    with pytest.raises(ConfigError, match="digits 'roman' must be one of"):
        load_config(str(cfg))
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("roman", "arab"), encoding="utf-8")
    assert load_config(str(cfg)).locale("ar").digits == "arab"


# ------------------------------------------------------------------ head metadata (untranslated-text)

def meta(key: str, content: str) -> HeadMeta:
    attr = "property" if ":" in key else "name"
    return HeadMeta(key, content, f'meta[{attr}="{key}"]')


def test_head_meta_left_in_source_language() -> None:
    src = page("en", head_meta=(meta("description", "Hospital care, doctors and locations."),
                                meta("og:title", "Diversity | Riverside"), meta("og:locale", "en_US")))
    art = page("es", head_meta=(meta("description", "Atención hospitalaria, médicos y sedes."),
                                meta("og:title", "Diversity | Riverside"), meta("og:locale", "en_US")))
    findings = check_head_meta(ctx(art, source=src), CONFIG)
    assert {f.selector for f in findings} == {'meta[property="og:title"]', 'meta[property="og:locale"]'}
    assert all(f.check == "untranslated-text" for f in findings)


def test_head_meta_translated_is_clean() -> None:
    src = page("en", head_meta=(meta("og:title", "Diversity | Riverside"), meta("og:locale", "en_US")))
    art = page("zh", head_meta=(meta("og:title", "多元化 | Riverside"), meta("og:locale", "zh_CN")))
    assert check_head_meta(ctx(art, source=src), CONFIG) == []
    assert check_head_meta(ctx(src, source=src), CONFIG) == []  # the source page itself


# ------------------------------------------------------------------ script-contrast

def test_contrast_ratio_known_values() -> None:
    assert contrast_ratio("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert contrast_ratio("rgb(119, 119, 119)", "rgb(255, 255, 255)") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)") == pytest.approx(3.95, abs=0.05)
    assert contrast_ratio("rgb(0, 0, 0)", "rgba(0, 0, 0, 0.5)") is None


def colored(color: str, bg: str = "rgb(255, 255, 255)", size: float = 16, weight: int = 400,
            snippet: str = '<p class="note">') -> TextColor:
    return TextColor("main > p", AR_TEXT, color, bg, size, weight, snippet + "…</p>")


def test_script_contrast_flags_low_contrast_arabic_text() -> None:
    art = page("ar", text_colors=(colored("rgb(154, 154, 154)"),))
    [f] = check_script_contrast(ctx(art), CONFIG)
    assert f.details["ratio"] == pytest.approx(2.81, abs=0.01) and f.details["required"] == 4.5


@pytest.mark.parametrize("tc", [
    colored("rgb(51, 51, 51)"),  # enough contrast
    colored("rgb(154, 154, 154)", bg=""),  # unknown background (image, gradient)
    colored("rgb(130, 130, 130)", size=24),  # large text: 3:1 is enough (3.9:1)
])
def test_script_contrast_silent(tc: TextColor) -> None:
    assert check_script_contrast(ctx(page("ar", text_colors=(tc,))), CONFIG) == []


def test_script_contrast_does_not_repeat_what_axe_reported() -> None:
    axe = {"violations": [{"id": "color-contrast", "nodes": [{"html": '<p class="note">…</p>'}]}]}
    art = page("ar", text_colors=(colored("rgb(154, 154, 154)"),), axe=axe)
    assert check_script_contrast(ctx(art), CONFIG) == []


# ------------------------------------------------------------------ axe violations per locale

def axe_finding(locale: str, selector: str = ".hero-tagline", rule: str = "color-contrast") -> Finding:
    return Finding(f"axe:{rule}", "serious", "contrast", selector=selector, page="home", locale=locale)


def test_tag_locales_marks_violations_absent_from_the_source() -> None:
    findings = {"en": [axe_finding("en", "img")], "es": [axe_finding("es", "img")],
                "ar": [axe_finding("ar", "img"), axe_finding("ar"), Finding("lang-attribute", "serious", "x")]}
    tagged = tag_locales(findings, "en", {"en", "es", "ar"})
    assert tagged["en"][0].details == {"locales": ["ar", "en", "es"], "introduced_by_localization": False}
    assert tagged["ar"][1].details == {"locales": ["ar"], "introduced_by_localization": True}
    assert tagged["ar"][2].details == {}


def test_tag_locales_without_a_scanned_source_does_not_guess() -> None:
    tagged = tag_locales({"ar": [axe_finding("ar")]}, "en", {"ar"})
    assert tagged["ar"][0].details == {"locales": ["ar"]}


# ------------------------------------------------------------------ registry

NEW_IDS = ("hreflang", "content-language", "locale-format", "script-contrast")


def test_new_checks_are_registered_once_and_disable_by_id() -> None:
    ids = [m.id for m in page_check_metas()]
    assert len(ids) == len(set(ids)) and set(NEW_IDS) <= set(ids)
    art = page("es", alternates=(), text_runs=(run(EN_TEXT, "es", "main > p"), run("Total: $1,234.50", "es")),
               text_colors=(colored("rgb(154, 154, 154)"),), head_meta=(meta("og:locale", "en_US"),))
    context = ctx(art)
    assert set(NEW_IDS) <= {f.check for f in run_page_checks(context, CONFIG)}
    quiet = run_page_checks(context, replace(CONFIG, disabled_checks=(*NEW_IDS, "untranslated-text")))
    assert not {f.check for f in quiet} & {*NEW_IDS, "untranslated-text"}


def test_artifact_round_trips_new_fields() -> None:
    art = page("ar", head_meta=(meta("og:title", "x"),), text_colors=(colored("rgb(1, 2, 3)"),))
    assert PageArtifact.from_dict(art.to_dict()) == art
    assert PageArtifact.from_dict({k: v for k, v in art.to_dict().items()
                                   if k not in ("head_meta", "text_colors")}).head_meta == ()
