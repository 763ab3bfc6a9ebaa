"""Iframes: DOM facts and axe-core across the frames of a page, within the configured origins.

axe runs the way @axe-core/playwright does it: axe is injected into every frame in scope,
`axe.runPartial` runs in each (the frame tree comes from `axe.utils.getFrameContexts`), and
`axe.finishRun` in the top frame joins them, so violations inside frames carry target arrays
that name the frame path ("iframe#a >>> img"). A frame outside the configured origins is not
scanned (its partial result is null, which axe expects) and is listed in the artifact; a frame
that does not answer within FRAME_TIMEOUT_S is listed as an error. Pages without frames keep
the single `axe.run` call (same results, less work).

Text runs and accessible-name attributes of frames in scope are gathered with the same
page_facts.js and joined to the page's, their selectors prefixed with the frame path, so the
untranslated checks see them. A frame's `<html lang>` counts as an element lang on the page.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Frame, Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

from pipeline.config import origin_of
from pipeline.gather.wire import evaluate_json
from pipeline.model import FrameInfo

FRAME_TIMEOUT_S = 5.0  # one frame
FRAME_BUDGET_S = 10.0  # all frames of a page together: many stuck frames cannot add up
MAX_FRAMES = 50
MAX_FRAME_DEPTH = 5
SEPARATOR = " >>> "  # the frame step of a selector, as axe_results.py writes axe's target arrays


@dataclass
class FrameScope:
    """What the DOM-facts walk learned about the frames, reused by the axe stage."""

    origins: frozenset[str]
    timeout_s: float = FRAME_TIMEOUT_S
    deadline: float = field(default_factory=lambda: time.monotonic() + FRAME_BUDGET_S)
    infos: list[FrameInfo] = field(default_factory=list)
    unscannable: set[Frame] = field(default_factory=set)  # skipped or failed: axe gives them null

    def allowed(self, url: str) -> bool:
        if not url or url.startswith(("about:", "data:")):
            return True  # srcdoc/blank/data frames are written by the page itself
        return origin_of(url) in self.origins

    def limit(self) -> float:
        """Seconds the next frame operation may take."""
        return max(0.1, min(self.timeout_s, self.deadline - time.monotonic()))

    def scannable(self, frame: Frame) -> bool:
        return frame not in self.unscannable and self.allowed(frame.url)


def _frame_url(child: Frame, src: str) -> str:
    # A frame whose navigation has not finished still shows its initial about:blank.
    return src if child.url in ("", "about:blank") and src.startswith(("http://", "https://")) else child.url


async def gather_frame_facts(page: Page, facts: dict[str, Any], origins: frozenset[str], facts_js: str,
                             max_runs: int) -> FrameScope:
    """Join the text runs and attributes of in-scope frames into `facts` (in place)."""
    scope = FrameScope(origins=origins)
    if not page.main_frame.child_frames:
        return scope
    await _walk(page.main_frame, facts.get("frames", []), "", (0.0, 0.0), 1, facts, scope, facts_js, max_runs)
    return scope


async def _walk(frame: Frame, entries: list[dict[str, Any]], prefix: str, offset: tuple[float, float], depth: int,
                facts: dict[str, Any], scope: FrameScope, facts_js: str, max_runs: int) -> None:
    for entry in entries:
        t = scope.limit()
        path = prefix + entry["selector"]
        src = entry.get("src", "")
        if len(scope.infos) >= MAX_FRAMES:
            scope.infos.append(FrameInfo(path, src, "skipped", f"more than {MAX_FRAMES} frames on the page"))
            return
        try:
            handle = await asyncio.wait_for(frame.query_selector(entry["selector"]), t)
            child = await asyncio.wait_for(handle.content_frame(), t) if handle else None
        except (TimeoutError, PlaywrightError):
            child = None
        if child is None:
            scope.infos.append(FrameInfo(path, src, "error", "the frame has no document (removed or not loaded)"))
            continue
        url = _frame_url(child, src)
        if not scope.allowed(url):
            scope.unscannable.add(child)
            scope.infos.append(FrameInfo(path, url, "skipped", "outside the configured origins; not scanned "
                                         "(add its origin to site.extra_origins to scan it)"))
            continue
        if depth > MAX_FRAME_DEPTH:
            scope.unscannable.add(child)
            scope.infos.append(FrameInfo(path, url, "skipped", f"nested deeper than {MAX_FRAME_DEPTH} frames"))
            continue
        try:
            if url != child.url:  # still navigating: give it the frame time limit to arrive
                await child.wait_for_load_state("load", timeout=t * 1000)
                if _frame_url(child, src) != child.url:
                    raise TimeoutError
            room = max(0, max_runs - len(facts["text_runs"]))
            inner: dict[str, Any] = await asyncio.wait_for(evaluate_json(child, facts_js, {"maxRuns": room}), t)
        except (TimeoutError, PlaywrightError) as exc:
            scope.unscannable.add(child)
            timed_out = isinstance(exc, TimeoutError | PlaywrightTimeout)
            reason = (f"did not load within {t:.3g}s; not scanned" if timed_out
                      else f"could not be read: {str(exc).strip().splitlines()[0][:200] if str(exc).strip() else exc}")
            scope.infos.append(FrameInfo(path, url, "error", reason))
            continue
        scope.infos.append(FrameInfo(path, child.url, "scanned"))
        here = (offset[0] + float(entry.get("x", 0)), offset[1] + float(entry.get("y", 0)))
        step = path + SEPARATOR
        facts["text_runs"].extend(_in_frame(r, step, here) for r in inner.get("text_runs", []))
        facts["attributes"].extend(_in_frame(a, step, here) for a in inner.get("attributes", []))
        facts["truncated"] = bool(facts.get("truncated")) or bool(inner.get("truncated"))
        await _walk(child, inner.get("frames", []), step, here, depth + 1, facts, scope, facts_js, max_runs)


def _in_frame(item: dict[str, Any], step: str, offset: tuple[float, float] | None) -> dict[str, Any]:
    out = {**item, "selector": step + item["selector"]}
    if item.get("lang_source") == "root":
        out["lang_source"] = "element"  # the frame's <html lang> sits below the page's own root
    box = item.get("box")
    if offset is not None and box:
        out["box"] = {**box, "x": round(box["x"] + offset[0], 1), "y": round(box["y"] + offset[1], 1)}
    return out


# ------------------------------------------------------------------ axe

async def run_axe(page: Page, axe_source: str, options: dict[str, Any], scope: FrameScope) -> dict[str, Any]:
    """axe over the page and its frames in scope; axe is already injected in the top frame."""
    if not page.main_frame.child_frames:
        result: dict[str, Any] = await evaluate_json(page, "(opts) => axe.run(document, opts)", options)
        return result
    context: dict[str, Any] = {"exclude": []}  # the whole document, in a form runPartial can serialise
    partials = await _partials(page.main_frame, context, options, axe_source, scope, 0)
    finished: dict[str, Any] = await evaluate_json(page, "([p, o]) => axe.finishRun(p, o)", [partials, options])
    return finished


async def _partials(frame: Frame, context: dict[str, Any], options: dict[str, Any], axe_source: str,
                    scope: FrameScope, depth: int) -> list[Any]:
    """Depth-first partial results: this frame's, then each child frame's subtree, or one null for it."""
    bound = scope.timeout_s if depth else None
    contexts = await asyncio.wait_for(frame.evaluate("(c) => axe.utils.getFrameContexts(c)", context), bound)
    own = await asyncio.wait_for(frame.evaluate("([c, o]) => axe.runPartial(c, o)", [context, options]), bound)
    out: list[Any] = [own]
    for fc in contexts:
        child: Frame | None = None
        try:
            handle = await asyncio.wait_for(
                frame.evaluate_handle("(s) => axe.utils.shadowSelect(s)", fc["frameSelector"]), scope.timeout_s)
            element = handle.as_element()
            child = await element.content_frame() if element else None
        except (TimeoutError, PlaywrightError):
            child = None
        if child is None or not scope.scannable(child) or depth + 1 > MAX_FRAME_DEPTH:
            out.append(None)
            continue
        try:
            await asyncio.wait_for(child.evaluate(axe_source), scope.timeout_s)
            out.extend(await _partials(child, fc["frameContext"], options, axe_source, scope, depth + 1))
        except (TimeoutError, PlaywrightError):
            out.append(None)
    return out
