"""Where findings are on the screenshot: element boxes and the screenshot's pixel size.

The gather step records boxes (axe nodes here, text runs and named attributes in
page_facts.js); the report draws them over the screenshot later, so a recheck or a
re-render needs no browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.async_api import Page

BOXES_JS = (Path(__file__).parent / "axe_boxes.js").read_text(encoding="utf-8")


async def add_axe_boxes(page: Page, result: dict[str, Any]) -> None:
    """Give every violation/incomplete node of an axe result its ``box`` (in place).

    One evaluate for all nodes, right after axe ran on the same rendering, and none at all on
    a page without findings. Frame paths in the targets are followed into same-origin frames.
    """
    nodes = [node for kind in ("violations", "incomplete") for rule in result.get(kind) or []
             for node in rule.get("nodes") or []]
    if not nodes:
        return
    boxes: list[dict[str, float] | None] = await page.evaluate(BOXES_JS, [n.get("target") for n in nodes])
    for node, box in zip(nodes, boxes, strict=True):
        node["box"] = box

# JPEG start-of-frame markers (baseline, extended, progressive, lossless...): they carry the size.
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def jpeg_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a JPEG from its header, or (0, 0) when it is not a readable JPEG.

    Read from the image itself rather than from the page's scroll size: Chromium may clip a
    very tall page, and the overlay must match the pixels that were actually saved.
    """
    if data[:2] != b"\xff\xd8":
        return 0, 0
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return 0, 0
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if marker in _SOF:
            height = int.from_bytes(data[i + 5:i + 7], "big")
            width = int.from_bytes(data[i + 7:i + 9], "big")
            return width, height
        i += 2 + length
    return 0, 0
