"""The full-page screenshot, taken with one DevTools call.

Playwright's `page.screenshot(full_page=True)` first runs a script in every frame's utility
world (creating that world and injecting Playwright's helper script into each new document),
hides the caret with an injected style (a style recalculation of the whole page, and another
to undo it) and waits for fonts. On long documentation pages that preparation cost about a
third of the screenshot (measured: 0.43 → 0.33 CPU-seconds per page). The scan has already
waited for `load` and ran its own scripts by then, so it asks Chromium for the pixels directly.
"""

from __future__ import annotations

import asyncio
import base64
from typing import Any

from playwright.async_api import CDPSession, Page

QUALITY = 70
# Chromium cannot draw one bitmap taller than this; a longer page is cut here, and the
# recorded screenshot size (read from the JPEG itself) tells the report where it ends.
MAX_SIDE = 16384
TIMEOUT_S = 15.0


async def capture_full_page(page: Page, session: CDPSession | None = None) -> bytes:
    """JPEG bytes of the whole document at CSS pixel scale (``session``: one already attached)."""
    own = session is None
    cdp = session or await page.context.new_cdp_session(page)
    try:
        return await asyncio.wait_for(_capture(cdp, page.viewport_size), TIMEOUT_S)
    finally:
        if own:
            await cdp.detach()


async def _capture(cdp: CDPSession, viewport: Any) -> bytes:
    metrics = await cdp.send("Page.getLayoutMetrics")
    content = metrics.get("cssContentSize") or metrics.get("contentSize") or {}
    width = max(1, min(MAX_SIDE, int(content.get("width", 0) + 0.999)))
    height = max(1, min(MAX_SIDE, int(content.get("height", 0) + 0.999)))
    fits = bool(viewport) and width <= viewport["width"] and height <= viewport["height"]
    shot = await cdp.send("Page.captureScreenshot", {
        "format": "jpeg", "quality": QUALITY, "captureBeyondViewport": not fits,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
    })
    return base64.b64decode(shot["data"])
