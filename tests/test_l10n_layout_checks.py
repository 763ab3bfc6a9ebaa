"""Unit tests for rtl-layout, bidi-isolation, text-overflow and missing-glyph on hand-built artifacts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.checks.base import PageContext
from pipeline.checks.bidi_isolation import check_bidi_isolation, misordered, token_direction
from pipeline.checks.missing_glyph import check_missing_glyph
from pipeline.checks.registry import run_page_checks
from pipeline.checks.rtl_layout import check_rtl_layout
from pipeline.checks.text_overflow import check_text_overflow, overflow_kind
from pipeline.gather.fonts import Coverage, candidates, parse_charset
from pipeline.model import (
    BidiParagraph,
    FontProbe,
    LayoutBox,
    LayoutFacts,
    OverflowFact,
    PageArtifact,
    TextRun,
)
from tests.test_page_checks import AR, CONFIG, EN, ES, page

ARABIC = "الهاتف"


def box(selector: str, x: float, width: float, dir: str = "ltr", container_x: float = 0.0,
        container_width: float = 1000.0, **kw: object) -> LayoutBox:
    return LayoutBox(selector=selector, tag=kw.pop("tag", "a"), dir=dir, parent_dir=dir, x=x,  # type: ignore[arg-type]
                     width=width, container_x=container_x, container_width=container_width, **kw)  # type: ignore[arg-type]


def with_layout(art: PageArtifact, **facts: object) -> PageArtifact:
    return replace(art, l10n_layout=LayoutFacts(**facts))  # type: ignore[arg-type]


def rtl_ctx(src_boxes: tuple[LayoutBox, ...], ar_boxes: tuple[LayoutBox, ...],
            src_runs: tuple[TextRun, ...] = (), ar_runs: tuple[TextRun, ...] = ()) -> PageContext:
    src = with_layout(page("en", runs=src_runs), boxes=src_boxes)
    ar = with_layout(page("ar", runs=ar_runs, dir="rtl", computed_dir="rtl"), boxes=ar_boxes)
    return PageContext(artifact=ar, locale=AR, source=src)


# ------------------------------------------------------------------ rtl-layout

def test_rtl_layout_flags_a_box_on_the_same_side_and_names_the_cause() -> None:
    src = (box("main > .card", 0, 300, css_float="left"),)
    ar = (box("main > .card", 0, 300, dir="rtl", css_float="left"),)
    [f] = check_rtl_layout(rtl_ctx(src, ar), CONFIG)
    assert f.check == "rtl-layout" and f.selector == "main > .card"
    assert "float: left" in f.message and f.details["side"] == "left"


def test_rtl_layout_accepts_a_mirrored_box() -> None:
    src = (box("main > .card", 0, 300),)
    ar = (box("main > .card", 700, 300, dir="rtl"),)
    assert check_rtl_layout(rtl_ctx(src, ar), CONFIG) == []


def test_rtl_layout_flags_a_text_line_that_kept_text_align_left() -> None:
    line = {"line_width": 120.0, "inner_width": 800.0, "tag": "p"}
    src = (box("main > p", 0, 800, container_width=800, line_x=0.0, **line),)
    ar = (box("main > p", 0, 800, dir="rtl", container_width=800, line_x=0.0, text_align="left", **line),)
    [f] = check_rtl_layout(rtl_ctx(src, ar), CONFIG)
    assert "text-align: left" in f.message and f.details["kind"] == "text"
    mirrored = (box("main > p", 0, 800, dir="rtl", container_width=800, line_x=680.0, **line),)
    assert check_rtl_layout(rtl_ctx(src, mirrored), CONFIG) == []


@pytest.mark.parametrize("ar_box", [
    box("main > .card", 0, 300, dir="ltr"),  # the author made it left-to-right on purpose (code, address)
    box("main > .card", 350, 300, dir="rtl"),  # centred-ish: no side to compare
    box("main > .card", 0, 300, dir="rtl", container_width=400),  # containers too different to compare
])
def test_rtl_layout_is_silent_where_it_cannot_tell(ar_box: LayoutBox) -> None:
    assert check_rtl_layout(rtl_ctx((box("main > .card", 0, 300),), (ar_box,)), CONFIG) == []


def test_rtl_layout_only_on_rtl_pages_with_an_ltr_source() -> None:
    src = (box("main > .card", 0, 300),)
    ar = (box("main > .card", 0, 300, dir="rtl"),)
    ctx = rtl_ctx(src, ar)
    assert check_rtl_layout(replace(ctx, locale=ES), CONFIG) == []
    assert check_rtl_layout(replace(ctx, artifact=replace(ctx.artifact, computed_dir="ltr")), CONFIG) == []
    assert check_rtl_layout(replace(ctx, source=None), CONFIG) == []


def test_rtl_layout_reports_the_outermost_box_only() -> None:
    src = (box("main > .card", 0, 300), box("main > .card > h3", 0, 100, container_width=300))
    ar = (box("main > .card", 0, 300, dir="rtl"), box("main > .card > h3", 0, 100, dir="rtl", container_width=300))
    assert [f.selector for f in check_rtl_layout(rtl_ctx(src, ar), CONFIG)] == ["main > .card"]


def test_rtl_layout_flags_an_unflipped_directional_icon() -> None:
    src = (box("a > svg.icon-arrow-right", 400, 16, icon=True),)
    ar = (box("a > svg.icon-arrow-right", 400, 16, dir="rtl", icon=True),)
    [f] = check_rtl_layout(rtl_ctx(src, ar), CONFIG)
    assert f.details["kind"] == "icon"
    flipped = (box("a > svg.icon-arrow-right", 400, 16, dir="rtl", icon=True,
                   transform="matrix(-1, 0, 0, 1, 0, 0)"),)
    assert check_rtl_layout(rtl_ctx(src, flipped), CONFIG) == []


def test_rtl_layout_flags_an_arrow_character_left_as_in_the_source() -> None:
    src_run = TextRun("Read more →", "main > a", "a", "en", "root", "ltr", True)
    ar_run = TextRun("اقرأ المزيد →", "main > a", "a", "ar", "root", "rtl", True)
    [f] = check_rtl_layout(rtl_ctx((), (), (src_run,), (ar_run,)), CONFIG)
    assert f.details["chars"] == "→"
    turned = replace(ar_run, text="اقرأ المزيد ←")
    assert check_rtl_layout(rtl_ctx((), (), (src_run,), (turned,)), CONFIG) == []
    # ‹ › are mirrored by the bidi algorithm itself: nothing to flip by hand
    chevron = (replace(src_run, text="Next ›"), replace(ar_run, text="التالي ›"))
    assert check_rtl_layout(rtl_ctx((), (), (chevron[0],), (chevron[1],)), CONFIG) == []


# ------------------------------------------------------------------ bidi-isolation

def para(text: str, dir: str = "rtl") -> BidiParagraph:
    return BidiParagraph(selector="main > p", dir=dir, text=text)


@pytest.mark.parametrize(("text", "token"), [
    (f"{ARABIC}: 617-555-0100", "617-555-0100"),  # the classic phone number after Arabic text
    ("استخدم C++ للبرمجة", "C++"),
    ("اكتب بلغة C# الآن", "C#"),
    ("زوروا https://example.com/docs/ للمزيد", "https://example.com/docs/"),
    ("التاريخ 2026-11-25 هنا", "2026-11-25"),
    ("📞 +20 123 456 789", "+20 123 456 789"),  # space-separated groups: the groups come out reversed
])
def test_bidi_flags_unisolated_runs(text: str, token: str) -> None:
    assert [t for t, _ in misordered(para(text))] == [token]


@pytest.mark.parametrize("text", [
    f"{ARABIC}: \u2066617-555-0100\u2069",  # isolated (dir="ltr", <bdi>, unicode-bidi: isolate)
    "استخدم \u2068C++\u2069 للبرمجة",  # FSI ... PDI (dir="auto")
    "حقوق النشر © 2025 Riverside General Hospital. جميع الحقوق محفوظة.",  # sentence period belongs to Arabic
    "نظام (iOS) وأندرويد",  # paired brackets are mirrored: displays fine
    "من 8:00 ص إلى 5:00 م",
    "خصم 50% اليوم",  # percent placement in RTL is a convention, not judged
    "استخدم Windows 11 أو macOS",
    "Call 617-555-0100 today",  # no right-to-left context at all
    "اتصل على \u2066+20 123 456 789\u2069",
    "في عام 2019 و 2020 و 2021",  # years between words are not a phone number
])
def test_bidi_is_silent_on_text_that_displays_in_order(text: str) -> None:
    assert misordered(para(text)) == []


def test_bidi_reverse_case_rtl_run_in_ltr_text() -> None:
    # An Arabic hashtag in an English sentence: its # is drawn on the wrong (left) side.
    assert misordered(para("Follow #وسم today", dir="ltr")) == [("#وسم", "")]
    assert misordered(para("Follow \u2067#وسم\u2069 today", dir="ltr")) == []  # RLI ... PDI: isolated
    assert misordered(para("The Arabic word مرحبا means hello", dir="ltr")) == []
    assert token_direction("مرحبا") == "rtl" and token_direction("C++") == "ltr"
    assert token_direction("617-555-0100") == "number" and token_direction("2025") == ""


def test_bidi_check_makes_one_finding_per_paragraph() -> None:
    art = with_layout(page("ar", dir="rtl", computed_dir="rtl"),
                      paragraphs=(para(f"{ARABIC}: 617-555-0100 و C++ هنا"), para(f"{ARABIC}: \u2066617\u2069")))
    [f] = check_bidi_isolation(PageContext(artifact=art, locale=AR), CONFIG)
    assert f.check == "bidi-isolation" and f.details["tokens"] == ["617-555-0100", "C++"]
    assert "0100-555-617" in f.message


# ------------------------------------------------------------------ text-overflow

def over(selector: str = "#contact dt", sw: int = 176, cw: int = 128, ox: str = "hidden", to: str = "ellipsis",
         spill_x: float = 0.0, own_text: bool = True, sh: int = 24, ch: int = 24, oy: str = "hidden") -> OverflowFact:
    return OverflowFact(selector=selector, tag="dt", text="علاقات المرضى", snippet="<dt>", scroll_width=sw,
                        client_width=cw, scroll_height=sh, client_height=ch, overflow_x=ox, overflow_y=oy,
                        text_overflow=to, white_space="nowrap", own_text=own_text, spill_x=spill_x, spill_y=0.0)


def overflow_ctx(target: tuple[OverflowFact, ...], source: tuple[OverflowFact, ...] = ()) -> PageContext:
    src_run = TextRun("Patient and family relations", "#contact dt", "dt", "en", "root", "ltr", True)
    src = with_layout(page("en", runs=(src_run,)), overflow=source)
    return PageContext(artifact=with_layout(page("ar", computed_dir="rtl"), overflow=target), locale=AR, source=src)


def test_overflow_flags_clipped_text_the_source_fits() -> None:
    [f] = check_text_overflow(overflow_ctx((over(),)), CONFIG)
    assert f.check == "text-overflow" and "176px of text in a 128px box" in f.message


def test_overflow_is_silent_when_the_source_overflows_too() -> None:
    assert check_text_overflow(overflow_ctx((over(),), (over(sw=150),)), CONFIG) == []


def test_overflow_is_silent_for_elements_missing_from_the_source() -> None:
    assert check_text_overflow(overflow_ctx((over(selector="#promo"),)), CONFIG) == []


def test_overflow_kinds() -> None:
    assert overflow_kind(over()) == "clipped-x"
    assert overflow_kind(over(ox="visible", to="clip", spill_x=30)) == "spills"  # a fixed-size button
    assert overflow_kind(over(ox="visible", to="clip", spill_x=30, own_text=False)) == ""
    assert overflow_kind(over(sw=129)) == ""  # rounding, not overflow
    # Arabic and CJK line boxes poke a few pixels out of their box: not a cut
    assert overflow_kind(over(sw=100, sh=27, ch=24)) == ""
    assert overflow_kind(over(sw=100, sh=48, ch=24)) == "clipped-y"


def test_overflow_is_not_judged_on_the_source_locale() -> None:
    ctx = overflow_ctx((over(),))
    assert check_text_overflow(replace(ctx, artifact=replace(ctx.artifact, locale="en"), locale=EN), CONFIG) == []


# ------------------------------------------------------------------ missing-glyph

def probe(uncovered: str = "\ue0b0", custom: bool = False) -> FontProbe:
    return FontProbe(selector="#contact dt", text="\ue0b0 الرقم الرئيسي", candidates="\ue0b0", uncovered=uncovered,
                     fonts=("Noto Sans Arabic",), custom_font=custom)


def test_missing_glyph_names_the_character_and_element() -> None:
    art = replace(page("ar"), font_probes=(probe(),))
    [f] = check_missing_glyph(PageContext(artifact=art, locale=AR), CONFIG)
    assert "U+E0B0" in f.message and f.selector == "#contact dt" and f.details["fonts"] == ["Noto Sans Arabic"]


@pytest.mark.parametrize("p", [probe(uncovered=""), probe(custom=True)])
def test_missing_glyph_silent_when_covered_or_unknown(p: FontProbe) -> None:
    art = replace(page("ar"), font_probes=(p,))
    assert check_missing_glyph(PageContext(artifact=art, locale=AR), CONFIG) == []


def test_font_candidates_are_private_use_or_uncovered() -> None:
    cov = Coverage(parse_charset("20-7e a0-ff 600-6ff"))
    assert 0x41 in cov and 0x627 in cov and 0x4E2D not in cov
    assert candidates("Hello مرحبا", cov) == ""
    assert candidates("中文 \ue0b0\u200d\ufe0f", cov) == "中文\ue0b0"  # joiners and selectors need no glyph


# ------------------------------------------------------------------ shared

def test_every_new_check_can_be_disabled_by_id() -> None:
    art = replace(with_layout(page("ar", dir="rtl", computed_dir="rtl"), paragraphs=(para("استخدم C++ للبرمجة"),)),
                  font_probes=(probe(),))
    ctx = PageContext(artifact=art, locale=AR)
    ids = {f.check for f in run_page_checks(ctx, CONFIG)}
    assert {"bidi-isolation", "missing-glyph"} <= ids
    quiet = replace(CONFIG, disabled_checks=("bidi-isolation", "missing-glyph"))
    assert not {f.check for f in run_page_checks(ctx, quiet)} & {"bidi-isolation", "missing-glyph"}


def test_old_artifacts_without_the_new_facts_still_load() -> None:
    art = page("ar")
    data = art.to_dict()
    del data["l10n_layout"], data["font_probes"]
    back = PageArtifact.from_dict(data)
    assert back.l10n_layout is None and back.font_probes is None
    full = replace(with_layout(art, boxes=(box("a", 0, 10),), overflow=(over(),), paragraphs=(para("x"),)),
                   font_probes=(probe(),))
    assert PageArtifact.from_dict(full.to_dict()) == full
