"""The full-page screenshot call in real Chromium: the whole document at CSS pixel size, below
the fold included; a page taller than Chromium can draw is cut at MAX_SIDE, not lost."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pipeline.gather.boxes import jpeg_size
from pipeline.gather.screenshot import MAX_SIDE, capture_full_page

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


def shot(html: str, points: tuple[tuple[int, int], ...] = ()) -> tuple[tuple[int, int], list[list[int]]]:
    """(JPEG size, RGB at each point) of a full-page capture of ``html`` in a 1280×800 viewport."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found")
    from playwright.async_api import async_playwright

    async def run() -> tuple[tuple[int, int], list[list[int]]]:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = await browser.new_page(viewport={"width": 1280, "height": 800})
            await page.set_content(html)
            data = await capture_full_page(page)
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
