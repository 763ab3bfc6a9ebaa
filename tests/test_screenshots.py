"""Findings outlined on the screenshots: boxes recorded while gathering, drawn at report time.

A fixture page (tests/fixtures/boxes/) puts its defects at known positions, two of them below
the fold; a real scan in Chromium must record those boxes, the screenshot must show the
element exactly there, and the report must draw a numbered box over it that matches the
findings list — also after a recheck, which has no browser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.commands.recheck import run_recheck
from pipeline.commands.scan import run_scan
from pipeline.config import load_config
from pipeline.gather.boxes import jpeg_size
from pipeline.progress import Progress
from pipeline.report.overlay import Mark, number_findings, shot_of

BOXES_SITE = Path(__file__).parent / "fixtures" / "boxes"
CONFIG = """source_locale = "en"
[site]
base_url = "{base_url}"
[pages]
home = "index.html"
framed = "framed.html"
[locales.en]
url = "{{base_url}}/en/{{path}}"
[locales.ar]
url = "{{base_url}}/ar/{{path}}"
"""
RED_IMG = {"x": 100, "y": 1500, "width": 40, "height": 30}
BUTTON = {"x": 600, "y": 1800, "width": 120, "height": 40}
FRAMED_IMG = {"x": 250, "y": 360, "width": 40, "height": 30}  # 50,60 inside a frame at 200,300
NOTE = {"x": 300, "y": 200, "width": 400, "height": 40}  # the paragraph; its text lies inside


@pytest.fixture(scope="module")
def boxes_run(static_server: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("boxes")
    config_path = tmp / "a11y-l10n.toml"
    config_path.write_text(CONFIG.format(base_url=static_server(BOXES_SITE)), encoding="utf-8")
    output = run_scan(load_config(str(config_path)), tmp / "reports", Progress(quiet=True))
    results = json.loads((output.run_dir / "results.json").read_text(encoding="utf-8"))
    return {"results": results, "run_dir": output.run_dir, "config": config_path, "tmp": tmp}


def target(results: dict[str, Any], locale: str, page: str = "home") -> dict[str, Any]:
    return next(t for t in results["targets"] if t["locale"] == locale and t["page"] == page)


def finding(t: dict[str, Any], check: str) -> dict[str, Any]:
    return next(f for f in t["findings"] if f["check"] == check)


def near(box: dict[str, float], want: dict[str, float], tolerance: float = 1.0) -> bool:
    return all(abs(box[k] - want[k]) <= tolerance for k in ("x", "y", "width", "height"))


# ---------------------------------------------------------------- gather (real Chromium)


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["en", "ar"])
def test_axe_nodes_get_the_box_of_their_element(boxes_run: dict[str, Any], locale: str) -> None:
    t = target(boxes_run["results"], locale)
    assert t["status"] == "ok", t["error"]
    box = finding(t, "axe:image-alt")["details"]["box"]
    assert near(box, RED_IMG), box  # below the fold: document coordinates, not viewport ones


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["en", "ar"])
def test_axe_nodes_inside_a_frame_are_placed_on_the_page(boxes_run: dict[str, Any], locale: str) -> None:
    t = target(boxes_run["results"], locale, "framed")
    found = finding(t, "axe:image-alt")
    assert " >>> " in found["selector"]  # axe reported it inside the iframe
    assert near(found["details"]["box"], FRAMED_IMG), found["details"]["box"]


@pytest.mark.browser
def test_text_and_attribute_findings_get_boxes(boxes_run: dict[str, Any]) -> None:
    ar = target(boxes_run["results"], "ar")
    assert near(finding(ar, "untranslated-accessible-name")["details"]["box"], BUTTON)
    text_box = finding(ar, "untranslated-text")["details"]["box"]
    # The text's own extent, inside its paragraph (right-aligned in RTL, so not at x = 300).
    assert NOTE["x"] - 1 <= text_box["x"] and text_box["x"] + text_box["width"] <= NOTE["x"] + NOTE["width"] + 1
    assert NOTE["y"] - 1 <= text_box["y"] and text_box["y"] + text_box["height"] <= NOTE["y"] + NOTE["height"] + 1
    assert text_box["x"] > NOTE["x"] + 20, text_box  # RTL: the English line sits at the right


@pytest.mark.browser
def test_screenshot_size_is_recorded_from_the_image(boxes_run: dict[str, Any]) -> None:
    for t in boxes_run["results"]["targets"]:
        data = (boxes_run["run_dir"] / t["screenshot"]).read_bytes()
        width, height = jpeg_size(data)
        scale = t["screenshot_size"]["scale"]
        assert t["screenshot_size"] == {"width": width, "height": height, "scale": scale}
        # The whole page, in CSS pixels, whatever the scale it was drawn at.
        assert abs(width / scale - 1280) < 2 and height / scale >= (2200 if t["page"] == "home" else 500)
        # home (1280 × 2200+) is over the default 2-megapixel budget: drawn smaller, within it.
        assert 0.25 <= scale < 1 and width * height <= 2_000_000 if t["page"] == "home" else scale <= 1
    art = json.loads((boxes_run["run_dir"] / "artifacts" / "home--ar.json").read_text(encoding="utf-8"))
    assert art["screenshot_width"] == round(1280 * art["screenshot_scale"]) and art["screenshot_scale"] < 1
    assert any(a.get("box") for a in art["attributes"])


@pytest.mark.browser
def test_screenshot_pixels_under_the_box_are_the_element(boxes_run: dict[str, Any]) -> None:
    """The box and the picture agree: the centre of the recorded box is the red image in the JPEG."""
    from playwright.sync_api import sync_playwright

    t = target(boxes_run["results"], "ar")
    box = finding(t, "axe:image-alt")["details"]["box"]
    scale = t["screenshot_size"]["scale"]  # boxes are CSS pixels; the image may be drawn smaller
    data = (boxes_run["run_dir"] / t["screenshot"]).read_bytes()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.set_content("<canvas></canvas>")
            rgb = page.evaluate(
                """async ([bytes, x, y]) => {
                    const blob = new Blob([new Uint8Array(bytes)], {type: "image/jpeg"});
                    const img = await createImageBitmap(blob);
                    const c = document.querySelector("canvas");
                    c.width = img.width; c.height = img.height;
                    const g = c.getContext("2d"); g.drawImage(img, 0, 0);
                    return Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3));
                }""",
                [list(data), int((box["x"] + box["width"] / 2) * scale), int((box["y"] + box["height"] / 2) * scale)],
            )
        finally:
            browser.close()
    r, g, b = rgb
    assert r > 200 and g < 70 and b < 70, rgb


# ---------------------------------------------------------------- report (no browser needed)


def marks_in(html: str) -> dict[int, tuple[float, float, float, float]]:
    """number -> (x, y, width, height) of each outlined box in a report page."""
    found = {}
    for group in re.findall(r'<g class="mark [^"]*">(.*?)</g>', html, flags=re.S):
        rect = re.search(r'class="edge" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', group)
        number = re.search(r">(\d+)</text>", group)
        assert rect and number, group
        found[int(number.group(1))] = tuple(float(v) for v in rect.groups())
    return found


def numbered_findings(html: str) -> dict[int, str]:
    """number -> check id, from the findings list of a target page."""
    return {int(n): check for n, check in re.findall(
        r'<article class="finding [^"]*" id="finding-(\d+)">\s*<h3 class="finding-title">.*?<bdi>([^<]+)</bdi>',
        html, flags=re.S)}


@pytest.mark.browser
def test_target_page_outlines_each_finding_with_its_number(boxes_run: dict[str, Any]) -> None:
    html = (boxes_run["run_dir"] / "targets" / "home--ar.html").read_text(encoding="utf-8")
    marks, listed = marks_in(html), numbered_findings(html)
    by_check = {check: n for n, check in listed.items()}
    assert near(dict(zip(("x", "y", "width", "height"), marks[by_check["axe:image-alt"]], strict=True)), RED_IMG)
    assert near(dict(zip(("x", "y", "width", "height"), marks[by_check["untranslated-accessible-name"]],
                         strict=True)), BUTTON)
    assert set(marks) <= set(listed)  # every box is a finding in the list
    assert re.search(r'viewBox="0 0 1280(\.0)? ', html)  # CSS pixels, whatever scale the image has
    assert f"Outlined as {by_check['axe:image-alt']} on the" in html


@pytest.mark.browser
def test_compare_page_shows_every_locale_side_by_side(boxes_run: dict[str, Any]) -> None:
    run_dir = boxes_run["run_dir"]
    html = (run_dir / "compare" / "home.html").read_text(encoding="utf-8")
    assert re.search(r"<bdi>en</bdi> <span class=\"dir\">LTR</span>", html)
    assert re.search(r"<bdi>ar</bdi> <span class=\"dir\">RTL</span>", html)
    # Thumbnails are plain links to the full-size, outlined view; no script anywhere.
    assert 'href="../targets/home--ar.html#shot"' in html and 'href="../targets/home--en.html#shot"' in html
    assert 'src="../screenshots/home--ar.jpg"' in html
    assert "<script" not in html
    # The Arabic page title is marked as Arabic, right-to-left.
    assert '<bdi lang="ar" dir="rtl">ساعات العمل</bdi>' in html
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="compare/home.html"' in index


@pytest.mark.browser
def test_recheck_draws_the_same_boxes_without_a_browser(boxes_run: dict[str, Any]) -> None:
    first = (boxes_run["run_dir"] / "targets" / "home--ar.html").read_text(encoding="utf-8")
    again = run_recheck(load_config(str(boxes_run["config"])), boxes_run["run_dir"], boxes_run["tmp"] / "recheck",
                        Progress(quiet=True))
    html = (again.run_dir / "targets" / "home--ar.html").read_text(encoding="utf-8")
    assert marks_in(html) == marks_in(first) and marks_in(html)


# ---------------------------------------------------------------- overlay (pure)


def test_number_findings_counts_across_groups() -> None:
    a, b = [{"check": "x"}, {"check": "y"}], [{"check": "z"}]
    number_findings(a, [], b)
    assert [f["number"] for f in (*a, *b)] == [1, 2, 3]


def _target(size: object, *boxes: object) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    findings = [{"number": i + 1, "severity": "serious", "details": {"box": box}} for i, box in enumerate(boxes)]
    return {"screenshot": "screenshots/p--ar.jpg", "screenshot_size": size}, findings


def test_boxes_are_clipped_grown_and_bad_data_dropped() -> None:
    t, findings = _target({"width": 1000, "height": 800},
                          {"x": 10, "y": 20, "width": 30, "height": 40},      # 1: as is
                          {"x": 990, "y": 790, "width": 50, "height": 50},    # 2: clipped to the image
                          {"x": 500, "y": 500, "width": 1, "height": 1},      # 3: grown to be visible
                          {"x": 10, "y": 5000, "width": 10, "height": 10},    # 4: below the saved image
                          {"x": "1e999", "y": 0, "width": 5, "height": 5},   # 5: not a finite number
                          {"x": 0, "y": 0, "width": -5, "height": 5},         # 6: negative size
                          "<script>")                                          # 7: not a box
    shot = shot_of(t, findings)
    assert shot is not None and shot.src == "../screenshots/p--ar.jpg"
    marks = {m.number: m for m in shot.marks}
    assert set(marks) == {1, 2, 3}
    assert (marks[1].x, marks[1].y, marks[1].width, marks[1].height) == (10, 20, 30, 40)
    assert marks[2].x + marks[2].width <= 1000 and marks[2].y + marks[2].height <= 800
    assert marks[3].width >= 6 and abs(marks[3].x + marks[3].width / 2 - 500.5) < 0.01


def test_boxes_on_a_smaller_image_stay_in_css_pixels() -> None:
    """A page captured at half scale: the overlay's viewBox is the CSS area, boxes are not rescaled."""
    t, findings = _target({"width": 640, "height": 2000, "scale": 0.5},
                          {"x": 1000, "y": 3900, "width": 200, "height": 50},  # 1: near the bottom, in CSS px
                          {"x": 10, "y": 4100, "width": 10, "height": 10})     # 2: below the 4000 CSS px covered
    shot = shot_of(t, findings)
    assert shot is not None and (shot.width, shot.height, shot.scale) == (640, 2000, 0.5)
    assert (shot.view_width, shot.view_height) == ("1280.0", "4000.0")
    assert [(m.number, m.x, m.y, m.width) for m in shot.marks] == [(1, 1000, 3900, 200)]
    assert shot.label(shot.marks[0], 20).font_size == "40.0"  # labels keep their on-screen size on the smaller image


def test_unbelievable_scale_is_ignored() -> None:
    for bad in (0, -1, 2, "1e999", "x", None, True):
        t, findings = _target({"width": 100, "height": 100, "scale": bad}, {"x": 1, "y": 1, "width": 5, "height": 5})
        shot = shot_of(t, findings)
        assert shot is not None and shot.scale == 1.0 and shot.view_width == "100.0", bad


def test_no_size_shows_the_screenshot_without_marks() -> None:
    t, findings = _target(None, {"x": 1, "y": 1, "width": 5, "height": 5})
    shot = shot_of(t, findings)
    assert shot is not None and shot.marks == () and shot.width == 0
    assert shot_of({"screenshot": "/etc/passwd"}, findings) is None
    assert shot_of({"screenshot": ""}, findings) is None


def test_label_stays_inside_the_image() -> None:
    top = Mark(number=12, x=990, y=2, width=10, height=10, sev_class="minor", review=False)
    label = top.label(20, 1000)
    assert float(label.x) + float(label.width) <= 1000
    assert float(label.y) >= 0  # no room above the box: drawn inside it
    low = Mark(number=3, x=10, y=300, width=10, height=10, sev_class="minor", review=True)
    assert float(low.label(20, 1000).y) < 300  # room above: drawn above the box


@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", "targets/home--ar.html", "compare/home.html"])
def test_report_of_a_real_scan_has_zero_axe_violations(boxes_run: dict[str, Any],
                                                       static_server: Callable[[Path], str], path: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests.test_report_standard import MUST_PASS, axe_report

    url = static_server(boxes_run["run_dir"])
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            result = axe_report(browser, f"{url}/{path}")
        finally:
            browser.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    assert {r["id"] for r in result["passes"]} >= MUST_PASS
