"""The only code that drives pages: turns a Target into a PageArtifact.

One browser per run, one context per locale (locale, Accept-Language, timezone set), a
bounded number of pages in flight. A failing target becomes an error artifact; it never
takes the others down.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

from axe_playwright_python.base import AXE_FILE_PATH
from playwright.async_api import Browser, BrowserContext, Dialog, Page
from playwright.async_api import Error as PlaywrightError

from pipeline.config import Config, LocaleConfig
from pipeline.model import Alternate, Box, NamedAttribute, PageArtifact, Target, TextRun
from pipeline.report.names import safe_name

PAGE_FACTS_JS = (Path(__file__).parent / "page_facts.js").read_text(encoding="utf-8")
AXE_SOURCE = AXE_FILE_PATH.read_text(encoding="utf-8")
MAX_TEXT_RUNS = 20000
HTML_TYPES = ("text/html", "application/xhtml+xml")


def axe_version() -> str:
    head = AXE_SOURCE[:200]
    marker = "axe v"
    i = head.find(marker)
    return head[i + len(marker):].split()[0] if i >= 0 else "unknown"


class Gatherer:
    def __init__(self, browser: Browser, config: Config, run_dir: Path) -> None:
        self.browser = browser
        self.config = config
        self.run_dir = run_dir
        self._contexts: dict[str, BrowserContext] = {}
        self._lock = asyncio.Lock()

    async def _context(self, loc: LocaleConfig) -> BrowserContext:
        async with self._lock:
            ctx = self._contexts.get(loc.code)
            if ctx is None:
                ctx = await self.browser.new_context(
                    locale=loc.lang,
                    timezone_id=loc.timezone,
                    extra_http_headers={"Accept-Language": loc.accept_language},
                    viewport={"width": self.config.viewport[0], "height": self.config.viewport[1]},
                )
                self._contexts[loc.code] = ctx
            return ctx

    async def close(self) -> None:
        for ctx in self._contexts.values():
            with contextlib.suppress(PlaywrightError):
                await ctx.close()
        self._contexts.clear()

    async def gather(self, target: Target) -> PageArtifact:
        try:
            return await asyncio.wait_for(self._gather(target), timeout=self.config.page_timeout_s * 2)
        except TimeoutError:
            return _error(target, f"gave up after {self.config.page_timeout_s * 2:.0f}s (page too slow)")
        except PlaywrightError as exc:
            return _error(target, _first_line(str(exc)))

    async def _gather(self, target: Target) -> PageArtifact:
        loc = self.config.locale(target.locale)
        ctx = await self._context(loc)
        page = await ctx.new_page()
        page.on("dialog", _dismiss)
        timings: dict[str, float] = {}
        try:
            t0 = time.perf_counter()
            response = await page.goto(target.url, wait_until="load", timeout=self.config.page_timeout_s * 1000)
            timings["load"] = time.perf_counter() - t0
            status = response.status if response else 0
            if response is not None and status >= 400:
                return _error(target, f"HTTP {status} {response.status_text}".strip(), http_status=status)
            ctype = (await response.header_value("content-type") or "") if response else ""
            if ctype and ctype.split(";")[0].strip().lower() not in HTML_TYPES:
                return _error(target, f"not an HTML page ({ctype.split(';')[0]})", http_status=status)

            t0 = time.perf_counter()
            facts: dict[str, Any] = await page.evaluate(PAGE_FACTS_JS, {"maxRuns": MAX_TEXT_RUNS})
            timings["dom"] = time.perf_counter() - t0

            t0 = time.perf_counter()
            axe = await self._run_axe(page)
            timings["axe"] = time.perf_counter() - t0

            shot = ""
            if self.config.screenshots:
                t0 = time.perf_counter()
                shot = await self._screenshot(page, target)
                timings["screenshot"] = time.perf_counter() - t0
            return _artifact(target, facts, axe, shot, page.url, status, timings)
        finally:
            with contextlib.suppress(PlaywrightError):
                await page.close()

    async def _run_axe(self, page: Page) -> dict[str, Any]:
        await page.evaluate(AXE_SOURCE)
        options: dict[str, Any] = {
            "runOnly": {"type": "tag", "values": list(self.config.axe_tags)},
            # Only what is reported: passes/inapplicable node lists are costly and unused.
            "resultTypes": ["violations", "incomplete"],
        }
        if self.config.axe_disable_rules:
            options["rules"] = {r: {"enabled": False} for r in self.config.axe_disable_rules}
        result: dict[str, Any] = await page.evaluate("(opts) => axe.run(document, opts)", options)
        return {
            "violations": result.get("violations", []),
            "incomplete": result.get("incomplete", []),
            "passes": [r["id"] for r in result.get("passes", [])],
            "testEngine": result.get("testEngine", {}),
            "url": result.get("url", ""),
        }

    async def _screenshot(self, page: Page, target: Target) -> str:
        rel = f"screenshots/{safe_name(target.page, target.locale)}.jpg"
        out = self.run_dir / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            await page.screenshot(path=str(out), full_page=True, type="jpeg", quality=70, timeout=15000)
        except PlaywrightError:
            return ""  # a missing screenshot must not fail the target
        return rel


_PENDING: set[asyncio.Future[None]] = set()


def _dismiss(dialog: Dialog) -> None:
    # alert/confirm/beforeunload would block the page forever; dismiss them.
    task = asyncio.ensure_future(dialog.dismiss())
    _PENDING.add(task)
    task.add_done_callback(_PENDING.discard)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "unknown browser error"
    return line[:300]


def _error(target: Target, reason: str, http_status: int = 0) -> PageArtifact:
    return PageArtifact(page=target.page, locale=target.locale, url=target.url, status="error",
                        error=reason, http_status=http_status)


def _artifact(target: Target, facts: dict[str, Any], axe: dict[str, Any], shot: str, final_url: str,
              status: int, timings: dict[str, float]) -> PageArtifact:
    runs = tuple(
        TextRun(**{**r, "box": Box(**r["box"]) if r.get("box") else None}) for r in facts["text_runs"]
    )
    return PageArtifact(
        page=target.page, locale=target.locale, url=target.url, status="ok", final_url=final_url,
        http_status=status, html_lang=facts["html_lang"], html_dir=facts["html_dir"],
        computed_dir=facts["computed_dir"], body_dir=facts["body_dir"], title=facts["title"],
        text_runs=runs, attributes=tuple(NamedAttribute(**a) for a in facts["attributes"]),
        alternates=tuple(Alternate(**a) for a in facts["alternates"]), axe=axe, screenshot=shot,
        timings={k: round(v, 3) for k, v in timings.items()},
    )


async def gather_all(
    gatherer: Gatherer,
    targets: Iterable[Target],
    concurrency: int,
    on_done: Callable[[PageArtifact], Awaitable[None] | None],
) -> list[PageArtifact]:
    """Gather targets with at most `concurrency` pages in flight; report each as it finishes."""
    sem = asyncio.Semaphore(concurrency)

    async def one(t: Target) -> PageArtifact:
        async with sem:
            art = await gatherer.gather(t)
        maybe = on_done(art)
        if maybe is not None:
            await maybe
        return art

    return list(await asyncio.gather(*(one(t) for t in targets)))
