"""missing-glyph facts: which characters Chromium drew with a font that has no glyph for them.

Cheap by design: most pages have no candidate at all. A character is a candidate when no font
installed on this machine claims it (fontconfig's charsets, read once per process) or when it is
a private-use code point (icon fonts). Only elements holding candidates are asked over CDP
(CSS.getPlatformFontsForNode) which fonts drew them; a candidate none of those system fonts
covers is tofu. A web font among them makes the node's coverage unknown, and that is recorded
so the check stays silent rather than guess.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import shutil
import subprocess
import threading
import time
import unicodedata
from collections.abc import Awaitable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from pipeline.model import FontProbe

T = TypeVar("T")
MAX_PROBES = 20  # elements asked per page; candidates are rare, this bounds a pathological page
FRAME_STEP = " >>> "  # frames.py SEPARATOR: text joined in from an iframe


class Coverage:
    """Code points covered by a set of fonts, as merged sorted ranges."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for lo, hi in sorted(ranges):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        self._starts = [r[0] for r in merged]
        self._ends = [r[1] for r in merged]

    def __contains__(self, cp: object) -> bool:
        if not isinstance(cp, int):
            return False
        i = bisect.bisect_right(self._starts, cp) - 1
        return i >= 0 and cp <= self._ends[i]

    def __bool__(self) -> bool:
        return bool(self._starts)


def parse_charset(text: str) -> list[tuple[int, int]]:
    """fontconfig's ``%{charset}`` format: space-separated hex code points and ``lo-hi`` ranges."""
    out = []
    for item in text.split():
        lo, _, hi = item.partition("-")
        try:
            out.append((int(lo, 16), int(hi or lo, 16)))
        except ValueError:
            continue
    return out


def _fc_list(*args: str) -> str:
    exe = shutil.which("fc-list")
    if exe is None:
        return ""
    try:
        return subprocess.run([exe, *args], capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


_INSTALLED_LOCK = threading.Lock()  # pages in flight ask at once; read fontconfig only once


@lru_cache(maxsize=1)
def _installed() -> Coverage:
    return Coverage(parse_charset(_fc_list("-f", "%{charset}\n")))


def warm_up() -> None:
    """Read fontconfig in the background while the browser starts, not inside a page's time limit."""
    threading.Thread(target=installed_coverage, name="fontconfig", daemon=True).start()


def installed_coverage() -> Coverage:
    """Every code point some installed font claims (empty without fontconfig: probing is then off)."""
    with _INSTALLED_LOCK:
        return _installed()


@lru_cache(maxsize=256)
def font_coverage(postscript_name: str) -> Coverage:
    return Coverage(parse_charset(_fc_list("-f", "%{charset}\n", f":postscriptname={postscript_name}")))


def drawable(ch: str) -> bool:
    """Characters that need a glyph (not spaces, controls, joiners or variation selectors)."""
    cat = unicodedata.category(ch)
    if ch.isspace() or cat in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return False
    cp = ord(ch)
    return not (0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)


def candidates(text: str, installed: Coverage) -> str:
    """Unusual characters of ``text``: private use, or claimed by no installed font."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch in seen or not drawable(ch):
            continue
        if unicodedata.category(ch) == "Co" or ord(ch) not in installed:
            seen[ch] = None
    return "".join(seen)


async def probe_fonts(page: Page, facts: dict[str, Any]) -> tuple[FontProbe, ...] | None:
    """Ask Chromium which fonts drew the elements that hold unusual characters (None: cannot tell)."""
    # fc-list runs once per process, off the event loop; later pages get the cached answer directly.
    installed = _installed() if _installed.cache_info().currsize else await asyncio.to_thread(installed_coverage)
    if not installed:
        return None  # no fontconfig (e.g. macOS): nothing to compare with
    todo: dict[str, tuple[str, str, str]] = {}
    for run in facts.get("text_runs", ()):
        # Text joined in from iframes (selector "iframe >>> ...") is not in this document's DOM tree.
        if not run.get("visible") or run["selector"] in todo or FRAME_STEP in run["selector"]:
            continue
        cands = candidates(run["text"], installed)
        if cands:
            todo[run["selector"]] = (run["text"], cands, run.get("snippet", ""))
        if len(todo) >= MAX_PROBES:
            break
    if not todo:
        return ()
    probes = []
    cdp = await page.context.new_cdp_session(page)
    try:
        await cdp.send("DOM.enable")
        await cdp.send("CSS.enable")
        doc = await cdp.send("DOM.getDocument", {"depth": 0})
        for selector, (text, cands, snippet) in todo.items():
            try:
                node = await cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": selector})
                if not node.get("nodeId"):
                    continue
                used = (await cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})).get("fonts", [])
            except PlaywrightError:
                continue  # this element went away or its selector is not CSS: no verdict for it alone
            system = [f for f in used if not f.get("isCustomFont")]
            covers = [await asyncio.to_thread(font_coverage, f.get("postScriptName", "")) for f in system]
            uncovered = "".join(ch for ch in cands if not any(ord(ch) in c for c in covers))
            # A web font, or a system font fontconfig cannot name, has unknown coverage: no verdict.
            unknown = len(system) < len(used) or not all(covers)
            probes.append(FontProbe(selector=selector, text=text[:200], candidates=cands, uncovered=uncovered,
                                    fonts=tuple(f.get("familyName", "") for f in used),
                                    custom_font=unknown, snippet=snippet))
    except PlaywrightError:
        return None  # the page went away or CDP refused: no verdict rather than a wrong one
    finally:
        with contextlib.suppress(PlaywrightError):
            await cdp.detach()
    return tuple(probes)


async def timed(timings: dict[str, float], stage: str, work: Awaitable[T]) -> T:
    """Await ``work`` and record its wall time under ``stage`` (the gatherer's per-stage timings)."""
    t0 = time.perf_counter()
    try:
        return await work
    finally:
        timings[stage] = time.perf_counter() - t0
