"""The full-page screenshot, taken with one DevTools call, within a pixel budget.

Playwright's `page.screenshot(full_page=True)` first runs a script in every frame's utility
world (creating that world and injecting Playwright's helper script into each new document),
hides the caret with an injected style (a style recalculation of the whole page, and another
to undo it) and waits for fonts. On long documentation pages that preparation cost about a
third of the screenshot (measured: 0.43 → 0.33 CPU-seconds per page). The scan has already
waited for `load` and ran its own scripts by then, so it asks Chromium for the pixels directly.

Drawing, compositing and encoding grow with the image's pixels: a 9 500 px article cost
0.30 CPU-seconds at full scale, 0.16 at 2 megapixels. A page larger than the budget is
captured at a smaller scale (same aspect, whole page), so every screenshot costs about the
same; the scale is recorded so the report can draw CSS-pixel boxes on the smaller image.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass
from typing import Any

from playwright.async_api import CDPSession, Page

from pipeline.gather.boxes import jpeg_size

QUALITY = 70
# Chromium cannot draw one bitmap taller than this; a longer page is cut here, and the
# recorded screenshot size (read from the JPEG itself) tells the report where it ends.
MAX_SIDE = 16384
# Below this scale body text is a grey smear; a page that would need less is cut instead.
MIN_SCALE = 0.25
TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Capture:
    data: bytes  # JPEG
    width: int  # image pixels, read from the JPEG
    height: int
    scale: float  # image pixels per CSS pixel (1.0: full size)


def capture_scale(width: int, height: int, max_pixels: float) -> float:
    """The scale that fits a ``width`` × ``height`` CSS-pixel area into ``max_pixels`` (0: no budget)."""
    if max_pixels <= 0 or width * height <= max_pixels:
        return 1.0
    # Rounded so the image's size is reproducible from run to run (same page, same scale).
    return max(MIN_SCALE, int((max_pixels / (width * height)) ** 0.5 * 1000) / 1000)


async def capture_full_page(page: Page, session: CDPSession | None = None, max_pixels: float = 0) -> Capture:
    """The whole document as JPEG, at CSS pixel scale unless it exceeds ``max_pixels`` (0: no limit).

    ``session``: a CDP session already attached to the page (else one is opened and closed).
    """
    own = session is None
    cdp = session or await page.context.new_cdp_session(page)
    try:
        return await asyncio.wait_for(_capture(cdp, page.viewport_size, max_pixels), TIMEOUT_S)
    finally:
        if own:
            await cdp.detach()


async def _capture(cdp: CDPSession, viewport: Any, max_pixels: float) -> Capture:
    metrics = await cdp.send("Page.getLayoutMetrics")
    content = metrics.get("cssContentSize") or metrics.get("contentSize") or {}
    width = max(1, min(MAX_SIDE, int(content.get("width", 0) + 0.999)))
    height = max(1, int(content.get("height", 0) + 0.999))
    scale = capture_scale(width, height, max_pixels)
    # The bitmap limit is in image pixels, so a scaled capture reaches further down the page.
    height = min(height, int(MAX_SIDE / scale))
    if scale < 1.0:
        height = min(height, int(max_pixels / (width * scale * scale)))  # pages cut at MIN_SCALE
    fits = bool(viewport) and width <= viewport["width"] and height <= viewport["height"]
    shot = await cdp.send("Page.captureScreenshot", {
        "format": "jpeg", "quality": QUALITY, "captureBeyondViewport": not fits,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": scale},
    })
    data = base64.b64decode(shot["data"])
    image_width, image_height = jpeg_size(data)
    # Chromium rounds the image to whole pixels: record the scale it drew at, so the report's
    # overlay (CSS pixels = image pixels / scale) spans exactly the page width.
    drawn = round(image_width / width, 6) if scale < 1.0 and image_width else 1.0
    return Capture(data=data, width=image_width, height=image_height, scale=drawn)
