"""The full-page screenshot call in real Chromium: the whole document at CSS pixel size, below
the fold included; a page taller than Chromium can draw is cut at MAX_SIDE, not lost; a page
over the pixel budget is drawn whole at a smaller scale."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pipeline.gather.boxes import jpeg_size
from pipeline.gather.screenshot import MAX_SIDE, MIN_SCALE, capture_full_page, capture_scale

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu"]
STYLE = "<style>html,body{margin:0} div{width:100%}</style>"


DECODE = """async ([bytes, points]) => {
    const img = await createImageBitmap(new Blob([new Uint8Array(bytes)], {type: "image/jpeg"}));
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const g = c.getContext("2d"); g.drawImage(img, 0, 0);
    return points.map(([x, y]) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3)));
}"""


def shot(html: str, points: tuple[tuple[int, int], ...] = (), max_pixels: float = 0
         ) -> tuple[tuple[int, int], list[list[int]]]:
    """(JPEG size, RGB at each image point) of a full-page capture of ``html`` in a 1280×800 viewport."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found")
    from playwright.async_api import async_playwright

    async def run() -> tuple[tuple[int, int], list[list[int]]]:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = await browser.new_page(viewport={"width": 1280, "height": 800})
            await page.set_content(html)
            capture = await capture_full_page(page, max_pixels=max_pixels)
            assert abs(jpeg_size(capture.data)[0] - 1280 * capture.scale) <= 1
            data = capture.data
            await page.set_content("<p>decoder</p>")
            rgb = await page.evaluate(DECODE, [list(data), [list(p) for p in points]])
            await browser.close()
            return jpeg_size(data), rgb

    return asyncio.run(run())


def test_short_page_is_the_viewport_width_and_its_own_height() -> None:
    size, _ = shot(STYLE + '<div style="height:500px;background:#f00"></div>')
    assert size == (1280, 800)  # the viewport is the least a page covers


def test_long_page_is_captured_below_the_fold() -> None:
    size, (top, bottom) = shot(STYLE + '<div style="height:3000px;background:#fff"></div>'
                               '<div style="height:200px;background:#00f"></div>', ((640, 100), (640, 3100)))
    assert size == (1280, 3200)
    assert min(top) > 230, top
    r, g, b = bottom
    assert b > 200 and r < 60 and g < 60, bottom


def test_page_taller_than_chromium_can_draw_is_cut_at_max_side() -> None:
    size, _ = shot(STYLE + '<div style="height:30000px;background:linear-gradient(#fff,#000)"></div>')
    assert size == (1280, MAX_SIDE)


def test_page_over_the_pixel_budget_is_drawn_whole_at_a_smaller_scale() -> None:
    # 1280 × 6000 CSS px = 7.7 Mpx; a 2 Mpx budget draws it at about half scale, the bottom included.
    size, (top, bottom) = shot(STYLE + '<div style="height:5800px;background:#fff"></div>'
                               '<div style="height:200px;background:#00f"></div>', ((320, 50), (320, 2990)),
                               max_pixels=2_000_000)
    width, height = size
    assert 600 <= width <= 660 and abs(height / width - 6000 / 1280) < 0.02
    assert width * height <= 2_000_000
    assert min(top) > 230, top
    r, g, b = bottom
    assert b > 200 and r < 60 and g < 60, bottom


def test_page_within_the_budget_stays_full_size() -> None:
    size, _ = shot(STYLE + '<div style="height:1200px;background:#eee"></div>', max_pixels=2_000_000)
    assert size == (1280, 1200)


def test_capture_scale() -> None:
    assert capture_scale(1280, 1000, 0) == 1.0  # no budget
    assert capture_scale(1280, 1500, 2_000_000) == 1.0  # within it
    s = capture_scale(1280, 6000, 2_000_000)
    assert 0.5 < s < 0.52 and 1280 * 6000 * s * s <= 2_000_000
    assert capture_scale(1280, 200_000, 2_000_000) == MIN_SCALE  # never a smear: such pages are cut instead
