"""Findings outlined on the page screenshot: numbered boxes drawn as an SVG over the image.

Boxes were recorded at gather time (``details.box`` of a finding, document CSS pixels) and
the screenshot's pixel size and scale with the target (``screenshot_size``), so drawing needs
no browser. The SVG works in CSS pixels (its viewBox is the page area the image covers), so a
page captured smaller than full size (over the pixel budget) is outlined in the same places.
Every number that reaches the SVG is parsed, clamped and formatted here: box data
comes from scanned pages and is treated as hostile like everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.model import SEVERITIES
from pipeline.text import relative_asset

from .view import as_float, svg_number

# A box smaller than this (in CSS pixels) is drawn at this size so it can be seen.
MIN_SIDE = 6.0
# Label size in screenshot pixels: the full view is shown near 1:1, thumbnails at about a quarter.
LABEL_FULL = 20.0
LABEL_THUMB = 64.0


@dataclass(frozen=True)
class Label:
    x: str
    y: str
    width: str
    height: str
    text_x: str
    text_y: str
    font_size: str


@dataclass(frozen=True)
class Mark:
    """One finding's box on the screenshot, clipped to the image."""

    number: int
    x: float
    y: float
    width: float
    height: float
    sev_class: str
    review: bool  # needs-review items are drawn dashed

    @property
    def rect(self) -> dict[str, str]:
        return {"x": svg_number(self.x), "y": svg_number(self.y),
                "width": svg_number(self.width), "height": svg_number(self.height)}

    def label(self, size: float, image_width: float) -> Label:
        """A numbered tag at the box's top-left corner: above the box when there is room, else inside it."""
        digits = len(str(self.number))
        width = size * (0.45 + 0.62 * digits)
        height = size * 1.25
        x = min(self.x, max(0.0, image_width - width))
        y = self.y - height if self.y >= height else self.y
        return Label(x=svg_number(x), y=svg_number(y), width=svg_number(width), height=svg_number(height),
                     text_x=svg_number(x + width / 2), text_y=svg_number(y + height * 0.8), font_size=svg_number(size))


@dataclass(frozen=True)
class Shot:
    """A screenshot and the marks to draw on it; ``src`` is relative to the page showing it."""

    src: str
    width: int  # image pixels
    height: int
    marks: tuple[Mark, ...]
    scale: float = 1.0  # image pixels per CSS pixel

    @property
    def view_width(self) -> str:
        """The page width the image covers, in CSS pixels (the overlay's coordinate system)."""
        return svg_number(self.width / self.scale)

    @property
    def view_height(self) -> str:
        return svg_number(self.height / self.scale)

    def label(self, mark: Mark, size: float) -> Label:
        """``mark``'s numbered tag, ``size`` image pixels tall on screen at any scale."""
        return mark.label(size / self.scale, self.width / self.scale)

    @property
    def numbers(self) -> frozenset[int]:
        return frozenset(m.number for m in self.marks)


def number_findings(*groups: list[dict[str, Any]]) -> None:
    """Number finding views 1..n across groups, in the order they are listed (in place)."""
    n = 0
    for group in groups:
        for view in group:
            n += 1
            view["number"] = n


def shot_of(target: dict[str, Any], findings: list[dict[str, Any]], prefix: str = "../") -> Shot | None:
    """The target's screenshot with a mark for each numbered finding that has a box on it.

    None when there is no screenshot to show. Without a recorded size (runs before boxes were
    kept, or an unreadable image) the screenshot is shown without marks.
    """
    src = relative_asset(target.get("screenshot"))
    if not src:
        return None
    size = target.get("screenshot_size")
    width = _dimension(size.get("width")) if isinstance(size, dict) else 0
    height = _dimension(size.get("height")) if isinstance(size, dict) else 0
    if not (width and height):
        return Shot(src=prefix + src, width=0, height=0, marks=())
    scale = _scale(size.get("scale")) if isinstance(size, dict) else 1.0
    css_width, css_height = width / scale, height / scale
    marks = []
    for f in findings:
        mark = _mark(f, css_width, css_height)
        if mark is not None:
            marks.append(mark)
    return Shot(src=prefix + src, width=width, height=height, marks=tuple(marks), scale=scale)


def _mark(finding: dict[str, Any], width: float, height: float) -> Mark | None:
    details = finding.get("details")
    box = details.get("box") if isinstance(details, dict) else None
    number = finding.get("number")
    if not isinstance(box, dict) or not isinstance(number, int) or isinstance(number, bool):
        return None
    values = [as_float(box.get(k)) for k in ("x", "y", "width", "height")]
    if any(v is None for v in values):
        return None
    x, y, w, h = (float(v) for v in values if v is not None)
    if w < 0 or h < 0:
        return None
    left, top = max(0.0, x), max(0.0, y)
    right, bottom = min(width, x + w), min(height, y + h)
    if right <= left - MIN_SIDE or bottom <= top - MIN_SIDE or left >= width or top >= height:
        return None  # outside the saved image (e.g. below a clipped, very tall page)
    # Grow tiny boxes around their centre, then keep them inside the image.
    w2, h2 = max(right - left, MIN_SIDE), max(bottom - top, MIN_SIDE)
    left = min(max(0.0, (left + right - w2) / 2), width - w2)
    top = min(max(0.0, (top + bottom - h2) / 2), height - h2)
    severity = str(finding.get("severity", ""))
    return Mark(number=number, x=left, y=top, width=w2, height=h2,
                sev_class=severity if severity in SEVERITIES else "unknown",
                review=bool(finding.get("needs_review")))


def _scale(value: object) -> float:
    """Image pixels per CSS pixel; 1 when absent (runs before pixel budgets) or not believable."""
    number = as_float(value)
    return number if number is not None and 0.05 <= number <= 1.0 else 1.0


def _dimension(value: object) -> int:
    number = as_float(value)
    # 65535 is JPEG's limit; anything else is bad data.
    return int(number) if number is not None and 0 < number <= 65535 else 0

