"""The only code that drives pages: turns a Target into a PageArtifact.

One browser per run (relaunched if it dies), one context per locale (locale, Accept-Language,
timezone set), a bounded number of pages in flight. A failing target becomes an error
artifact with a reason a person understands; it never takes the others down, and no page can
hold the run longer than its time limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import time
import weakref
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_FILE_PATH
from playwright.async_api import Browser, BrowserContext, CDPSession, Dialog, Page, Playwright, Route
from playwright.async_api import Error as PlaywrightError

from pipeline.config import Config, LocaleConfig, origin_of
from pipeline.files.atomic import atomic_write_bytes
from pipeline.files.names import safe_name
from pipeline.gather.actions import ActionError, run_actions
from pipeline.gather.boxes import add_axe_boxes
from pipeline.gather.browser import BrowserChoice, launch
from pipeline.gather.fingerprint import AssetCache, fingerprint, settings_fingerprint
from pipeline.gather.fonts import probe_fonts, timed, warm_up
from pipeline.gather.frames import FrameScope, gather_frame_facts, run_axe
from pipeline.gather.layout import LAYOUT_FACTS_VERSION, layout_options
from pipeline.gather.screenshot import capture_full_page
from pipeline.gather.session import apply_auth, context_options
from pipeline.gather.wire import evaluate_json
from pipeline.model import (
    Alternate,
    Box,
    HeadMeta,
    NamedAttribute,
    PageArtifact,
    Target,
    TextColor,
    TextRun,
    layout_facts_from_dict,
)

PAGE_FACTS_JS = (Path(__file__).parent / "page_facts.js").read_text(encoding="utf-8")
AXE_SOURCE = AXE_FILE_PATH.read_text(encoding="utf-8")
# axe enters every top-level document as the context's init script: Chromium keeps the 570 kB
# and runs it at document start, where an evaluate after load would send it through the driver
# again for every page (measured: about 4% of the CPU of a scan). Frames are left out: a page
# with a dozen ad frames would pay for a dozen copies; frames in scope get axe on demand.
AXE_BOOT_SCRIPT = "if (window === window.top) {\n" + AXE_SOURCE + "\n}"
# The page may have replaced or removed `axe` since (its own copy, another version): check first.
AXE_READY_JS = "(version) => typeof axe === 'object' && axe !== null && axe.version === version"
MAX_TEXT_RUNS = 20000
HTML_TYPES = ("text/html", "application/xhtml+xml")
CLOSE_TIMEOUT_S = 5.0
OPEN_TIMEOUT_S = 10.0

# Chromium net errors, in words a person understands.
NET_ERRORS = {
    "ERR_CONNECTION_REFUSED": "connection refused (is the server running?)",
    "ERR_TOO_MANY_REDIRECTS": "redirect loop (too many redirects)",
    "ERR_NAME_NOT_RESOLVED": "host name not found",
    "ERR_CONNECTION_RESET": "connection reset by the server",
    "ERR_EMPTY_RESPONSE": "the server closed the connection without a response",
    "ERR_INVALID_RESPONSE": "invalid HTTP response",
    "ERR_ABORTED": "navigation aborted (the response is probably a download, not a page)",
    "ERR_TIMED_OUT": "connection timed out",
    "ERR_CONNECTION_CLOSED": "connection closed before the response finished",
    "ERR_INCOMPLETE_CHUNKED_ENCODING": "the response body never finished",
}
# Failures worth trying again: the browser or network hiccuped, not the page being wrong.
RETRYABLE = ("browser crashed", "page crashed", "timed out", "did not finish", "connection",
             "HTTP 5", "empty_response", "without a response")


def gather_settings(config: Config) -> dict[str, Any]:
    """Everything outside the page that changes what gathering produces (incremental runs)."""
    from pipeline import __version__

    return {
        "tool": __version__, "axe": AXE_VERSION, "tags": config.axe_tags, "disabled": config.axe_disable_rules,
        "viewport": config.viewport, "screenshots": config.screenshots,
        "screenshot_max_pixels": config.screenshot_max_pixels, "max_runs": MAX_TEXT_RUNS,
        "locales": [(loc.code, loc.lang, loc.timezone) for loc in config.locales],
        "block_third_party": config.block_third_party,
        # Artifacts of an older page_facts.js lack the fields newer checks read: never reuse them.
        "page_facts": hashlib.sha256(PAGE_FACTS_JS.encode()).hexdigest()[:16],
        # Fill values stay out (they may be passwords); the steps themselves change what is gathered.
        "actions": [(a.kind, a.selector, a.ms, a.pages, a.optional) for a in config.actions], "frames": 1,
        "auth": [config.auth.storage_state is not None, [k for k, _ in config.auth.headers],
                 [c.name for c in config.auth.cookies]],
        "ignore_selectors": config.ignore_selectors,
        "l10n_layout_facts": LAYOUT_FACTS_VERSION,  # artifacts saved before these facts existed are re-gathered
    }


@functools.cache
def page_facts_js(ignore_selectors: tuple[str, ...]) -> str:
    """page_facts.js with [l10n] ignore_selectors bound, so every frame is gathered with them too."""
    if not ignore_selectors:
        return PAGE_FACTS_JS
    bound = json.dumps({"ignoreSelectors": list(ignore_selectors)})
    return f"(options) => ({PAGE_FACTS_JS})(Object.assign({{}}, options, {bound}))"


def axe_version() -> str:
    head = AXE_SOURCE[:200]
    marker = "axe v"
    i = head.find(marker)
    return head[i + len(marker):].split()[0] if i >= 0 else "unknown"


AXE_VERSION = axe_version()


class Gatherer:
    def __init__(self, pw: Playwright, config: Config, run_dir: Path, deadline: float | None = None,
                 origins: frozenset[str] = frozenset(), base_url: str = "") -> None:
        self.pw = pw
        self.base_url = base_url
        self.settings_fp = settings_fingerprint(gather_settings(config))
        self.assets = AssetCache()
        self.origins = origins  # empty: no scope check (callers that plan targets themselves)
        self.config = config
        self.run_dir = run_dir
        self.deadline = deadline  # time.monotonic() after which no new target starts
        self.browser: Browser | None = None
        self.choice: BrowserChoice | None = None
        self.launches = 0
        self._contexts: dict[str, BrowserContext] = {}
        self._idle: dict[str, list[Page]] = {}  # pages kept open between targets, per locale
        self._sessions: weakref.WeakKeyDictionary[Page, CDPSession] = weakref.WeakKeyDictionary()  # screenshots
        self._lock = asyncio.Lock()
        warm_up()  # missing-glyph's font coverage, read while the browser launches

    # ------------------------------------------------------------ browser + contexts

    async def start(self) -> Browser:
        async with self._lock:
            return await self._ensure_browser()

    async def _ensure_browser(self) -> Browser:
        """(Re)launch when there is no live browser. Caller holds the lock."""
        if self.browser is not None and self.browser.is_connected():
            return self.browser
        self._contexts.clear()  # contexts (and their pages) die with their browser
        self._idle.clear()
        if self.browser is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.browser.close(), CLOSE_TIMEOUT_S)
        browser, self.choice = await asyncio.wait_for(launch(self.pw, self.config.browser_executable), 60)
        self.browser = browser
        self.launches += 1
        return browser

    async def _context(self, loc: LocaleConfig) -> BrowserContext:
        async with self._lock:
            browser = await self._ensure_browser()
            ctx = self._contexts.get(loc.code)
            if ctx is None:
                ctx = await browser.new_context(
                    locale=loc.lang,
                    timezone_id=loc.timezone,
                    extra_http_headers={"Accept-Language": loc.accept_language},
                    viewport={"width": self.config.viewport[0], "height": self.config.viewport[1]},
                    **context_options(self.config),
                )
                ctx.set_default_timeout(self.config.page_timeout_s * 1000)
                if self.config.block_third_party:
                    await ctx.route("**/*", _same_origin_only)
                await apply_auth(ctx, self.config, self.base_url, self._scope(self.base_url))
                await ctx.add_init_script(AXE_BOOT_SCRIPT)
                self._contexts[loc.code] = ctx
            return ctx

    async def _drop_context(self, code: str) -> None:
        async with self._lock:
            ctx = self._contexts.pop(code, None)
            self._idle.pop(code, None)
        if ctx is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ctx.close(), CLOSE_TIMEOUT_S)

    async def close(self) -> None:
        for code in list(self._contexts):
            await self._drop_context(code)
        if self.browser is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.browser.close(), CLOSE_TIMEOUT_S)

    # ------------------------------------------------------------ targets

    async def gather(self, target: Target) -> PageArtifact:
        """Scan one target, retrying failures that look transient (config run.retries)."""
        attempts = self.config.retries + 1
        art = _error(target, "not scanned")
        for attempt in range(1, attempts + 1):
            art = await self._attempt(target)
            art = _with_attempts(art, attempt)
            if art.status == "ok" or not _retryable(art.error):
                break
        return replace(art, missing_locales=target.missing_locales) if target.missing_locales else art

    def _scope(self, url: str) -> frozenset[str]:
        """The origins pages, frames and auth headers may use (callers without a plan: the page's own)."""
        return self.origins or frozenset({origin_of(url), *self.config.extra_origins})

    async def _acquire_page(self, loc: LocaleConfig) -> Page:
        """A page of the locale's context: an idle one (same renderer, warm caches) or a new one."""
        idle = self._idle.get(loc.code, [])
        while idle:
            page = idle.pop()
            if not page.is_closed():
                return page
        ctx = await self._context(loc)
        page = await ctx.new_page()
        page.on("dialog", _answer_dialog)
        return page

    async def _attempt(self, target: Target) -> PageArtifact:
        loc = self.config.locale(target.locale)
        try:
            # Even opening a page is bounded: a dying browser can leave a call unanswered.
            page = await asyncio.wait_for(self._acquire_page(loc), min(self.config.page_timeout_s, OPEN_TIMEOUT_S))
        except TimeoutError:
            await self._drop_context(loc.code)
            return _error(target, "timed out: the browser did not open a page (browser crashed or hung?)")
        except PlaywrightError as exc:
            return _error(target, self._explain(exc))
        limit = self.config.page_timeout_s * 2
        reusable = False
        timings: dict[str, float] = {}  # filled stage by stage: on a time-out it says where it stuck
        try:
            art = await asyncio.wait_for(self._scan(page, target, timings), timeout=limit)
            reusable = art.status == "ok"
            return art
        except TimeoutError:
            return _error(target, f"timed out: the page did not finish within {limit:.0f}s; it was stuck "
                                  f"{_stuck_stage(timings)}")
        except PlaywrightError as exc:
            return _error(target, self._explain(exc))
        finally:
            if reusable and self._contexts.get(loc.code) is page.context:
                self._idle.setdefault(loc.code, []).append(page)
            else:
                await self._close_page(page, loc.code)

    async def _close_page(self, page: Page, code: str) -> None:
        try:
            # A hung renderer may never answer a polite close: bound it, then drop the context.
            await asyncio.wait_for(page.close(run_before_unload=False), CLOSE_TIMEOUT_S)
        except (TimeoutError, PlaywrightError):
            await self._drop_context(code)

    def _explain(self, exc: PlaywrightError) -> str:
        text = str(exc)
        if self.browser is None or not self.browser.is_connected():
            return "browser crashed or was killed during the scan"
        if "crash" in text.lower():
            return "page crashed (the renderer process died)"
        for code, words in NET_ERRORS.items():
            if code in text:
                return f"{words} [{code}]"
        if "Timeout" in text and "exceeded" in text:
            return (f"timed out: the page did not finish loading within {self.config.page_timeout_s:.0f}s "
                    "(a request never finished or the load event never fired)")
        if "Download is starting" in text:
            return "not an HTML page: the response is a download"
        return _first_line(text)

    async def _scan(self, page: Page, target: Target, timings: dict[str, float]) -> PageArtifact:
        t0 = time.perf_counter()
        response = await page.goto(target.url, wait_until="load", timeout=self.config.page_timeout_s * 1000)
        timings["load"] = time.perf_counter() - t0
        if self.origins and origin_of(page.url) not in self.origins:
            return _error(target, f"redirected to {page.url}, outside the configured origins; not scanned")
        status = response.status if response else 0
        if response is not None and status >= 400:
            return _error(target, f"HTTP {status} {response.status_text}".strip(), http_status=status)
        ctype = (await response.header_value("content-type") or "") if response else ""
        mime = ctype.split(";")[0].strip().lower()
        if mime and mime not in HTML_TYPES:
            return _error(target, f"not an HTML page ({mime})", http_status=status)

        if self.config.actions:
            t0 = time.perf_counter()
            timings["actions"] = 0.0  # marks the stage for a time-out message until it is done
            try:
                await run_actions(page, target.page, self.config.actions)
            except ActionError as exc:
                return _error(target, str(exc), http_status=status)
            timings["actions"] = time.perf_counter() - t0
            if self.origins and origin_of(page.url) not in self.origins:
                return _error(target, f"an action led to {page.url}, outside the configured origins; not scanned")

        fp = ""
        if response is not None:
            with contextlib.suppress(PlaywrightError):
                body = await response.body()
                fp = await asyncio.to_thread(fingerprint, body, target.url, self.base_url, self.settings_fp,
                                             self.assets.digest)

        t0 = time.perf_counter()
        facts_js = page_facts_js(self.config.ignore_selectors)
        facts: dict[str, Any] = await evaluate_json(page, facts_js, {"maxRuns": MAX_TEXT_RUNS,
                                                                     **layout_options(self.config, target)})
        frames = await gather_frame_facts(page, facts, self._scope(target.url), facts_js, MAX_TEXT_RUNS)
        timings["dom"] = time.perf_counter() - t0
        font_probes = await timed(timings, "fonts", probe_fonts(page, facts))

        t0 = time.perf_counter()
        axe = await self._run_axe(page, frames)
        timings["axe"] = time.perf_counter() - t0

        shot, size, scale = "", (0, 0), 1.0
        if self.config.screenshots:
            t0 = time.perf_counter()
            shot, size, scale = await self._screenshot(page, target)
            timings["screenshot"] = time.perf_counter() - t0
        return replace(_artifact(target, facts, axe, shot, page.url, status, timings), fingerprint=fp,
                       frames=tuple(frames.infos), l10n_layout=layout_facts_from_dict(facts.get("l10n_layout")),
                       font_probes=font_probes, screenshot_width=size[0], screenshot_height=size[1],
                       screenshot_scale=scale)

    async def _run_axe(self, page: Page, frames: FrameScope) -> dict[str, Any]:
        if not await page.evaluate(AXE_READY_JS, AXE_VERSION):
            await page.evaluate(AXE_SOURCE)
        options: dict[str, Any] = {
            "runOnly": {"type": "tag", "values": list(self.config.axe_tags)},
            # Only what is reported: passes/inapplicable node lists are costly and unused.
            "resultTypes": ["violations", "incomplete"],
        }
        if self.config.axe_disable_rules:
            options["rules"] = {r: {"enabled": False} for r in self.config.axe_disable_rules}
        result = await run_axe(page, AXE_SOURCE, options, frames)
        await add_axe_boxes(page, result)  # nodes get a "box" for the screenshot overlay
        return {
            "violations": result.get("violations", []),
            "incomplete": result.get("incomplete", []),
            "passes": [r["id"] for r in result.get("passes", [])],
            "testEngine": result.get("testEngine", {}),
            "url": result.get("url", ""),
        }

    async def _screenshot(self, page: Page, target: Target) -> tuple[str, tuple[int, int], float]:
        rel = f"screenshots/{safe_name(target.page, target.locale)}.jpg"
        out = self.run_dir / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            session = self._sessions.get(page)
            if session is None:
                session = self._sessions[page] = await page.context.new_cdp_session(page)
            shot = await capture_full_page(page, session, self.config.screenshot_max_pixels)
        except (PlaywrightError, TimeoutError):
            self._sessions.pop(page, None)
            return "", (0, 0), 1.0  # a missing screenshot must not fail the target
        await asyncio.to_thread(atomic_write_bytes, out, shot.data)
        return rel, (shot.width, shot.height), shot.scale


async def _same_origin_only(route: Route) -> None:
    req = route.request
    frame_url = req.frame.url if req.frame else ""
    if req.is_navigation_request() or not frame_url.startswith("http"):
        await route.continue_()
        return
    if urlsplit(req.url).netloc == urlsplit(frame_url).netloc:
        await route.continue_()
    else:
        await route.abort("blockedbyclient")


_PENDING: set[asyncio.Future[None]] = set()


def _answer_dialog(dialog: Dialog) -> None:
    # alert/confirm/prompt would block the page forever: dismiss them. beforeunload must be
    # accepted, or the next navigation of this (reused) page would be cancelled.
    answer = dialog.accept() if dialog.type == "beforeunload" else dialog.dismiss()
    task = asyncio.ensure_future(answer)
    _PENDING.add(task)
    task.add_done_callback(_PENDING.discard)


def _stuck_stage(timings: dict[str, float]) -> str:
    if "load" not in timings:
        return "loading (a response that never finishes, or the load event never fired)"
    if timings.get("actions") == 0.0:
        return "running the [[actions]] (a step waiting on the page)"
    if "dom" not in timings:
        return "reading the DOM (an endless script, or a very large page)"
    if "axe" not in timings:
        return "in the axe scan (a very large page: axe's time grows with the number of elements)"
    return "taking the screenshot"


def _retryable(reason: str) -> bool:
    low = reason.lower()
    if "in the axe scan" in low:
        return False  # deterministic: the same page will be just as large next time
    return any(word.lower() in low for word in RETRYABLE)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "unknown browser error"
    return line[:300]


def _error(target: Target, reason: str, http_status: int = 0) -> PageArtifact:
    return PageArtifact(page=target.page, locale=target.locale, url=target.url, status="error",
                        error=reason, http_status=http_status)


def _with_attempts(art: PageArtifact, attempts: int) -> PageArtifact:
    return art if art.attempts == attempts else replace(art, attempts=attempts)


def _artifact(target: Target, facts: dict[str, Any], axe: dict[str, Any], shot: str, final_url: str,
              status: int, timings: dict[str, float]) -> PageArtifact:
    runs = tuple(
        TextRun(**{**r, "box": Box(**r["box"]) if r.get("box") else None}) for r in facts["text_runs"]
    )
    return PageArtifact(
        page=target.page, locale=target.locale, url=target.url, status="ok", final_url=final_url,
        http_status=status, html_lang=facts["html_lang"], html_dir=facts["html_dir"],
        computed_dir=facts["computed_dir"], body_dir=facts["body_dir"], title=facts["title"],
        text_runs=runs, attributes=tuple(NamedAttribute.from_dict(a) for a in facts["attributes"]),
        alternates=tuple(Alternate(**a) for a in facts["alternates"]), axe=axe, screenshot=shot,
        timings={k: round(v, 3) for k, v in timings.items()}, truncated=bool(facts.get("truncated")),
        head_meta=tuple(HeadMeta(**m) for m in facts.get("head_meta", ())),
        text_colors=tuple(TextColor(**c) for c in facts.get("text_colors", ())),
    )


INTERRUPTED = "not scanned: the run was interrupted (resume with --resume RUN_DIR)"


def _time_limit_reason(config: Config) -> str:
    return f"not scanned: the run time limit (run.run_timeout = {config.run_timeout_s:.0f}s) was reached"


async def gather_all(
    gatherer: Gatherer,
    targets: Sequence[Target],
    concurrency: int,
    on_done: Callable[[PageArtifact], Awaitable[None] | None],
    stop: asyncio.Event | None = None,
) -> int:
    """Gather with at most `concurrency` pages in flight; report each as it finishes.

    Every target yields an artifact: targets not started when `stop` is set or the run's
    deadline passes, and targets cancelled in flight, become error artifacts saying so.
    Artifacts go only to `on_done` (nothing is accumulated); returns how many there were.
    """
    sem = asyncio.Semaphore(concurrency)
    stop = stop or asyncio.Event()

    async def one(t: Target) -> None:
        try:
            async with sem:
                if stop.is_set():
                    art = _error(t, INTERRUPTED)
                elif gatherer.deadline is not None and time.monotonic() > gatherer.deadline:
                    art = _error(t, _time_limit_reason(gatherer.config))
                else:
                    art = await gatherer.gather(t)
        except asyncio.CancelledError:
            art = _error(t, INTERRUPTED)
        maybe = on_done(art)
        if maybe is not None:
            # A stop cancels the tasks; an artifact already in hand is still saved and checked.
            handing = asyncio.ensure_future(maybe)
            while not handing.done():
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.shield(handing)
            handing.result()

    tasks = [asyncio.create_task(one(t)) for t in targets]

    async def cancel_on_stop() -> None:
        await stop.wait()
        for task in tasks:
            task.cancel()

    watcher = asyncio.create_task(cancel_on_stop())
    try:
        await asyncio.gather(*tasks)
        return len(tasks)
    finally:
        watcher.cancel()
