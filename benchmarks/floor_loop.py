"""The floor: the cheapest loop shaped like the tool, doing only what the bare loop does.

    python benchmarks/floor_loop.py URLS.json OUT.json --chromium PATH --tags wcag2a,wcag2aa

Per URL only `goto` until "load" and `axe.run`, but with every saving the tool makes on those
two steps: the tool's launch flags and viewport, one context per locale (the first path segment)
with axe as its init script, pages reused, the tool's default number of pages in flight, and only the result
types the tool keeps (violations, incomplete). No DOM facts, screenshots, checks, artifacts or
report. The tool cannot beat it without changing what axe checks; the gap between the two is
the price of everything the tool adds.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bare_loop import loop_main
from playwright.async_api import BrowserContext, Page, async_playwright

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.config import Config, default_concurrency  # noqa: E402
from pipeline.gather.browser import LAUNCH_ARGS  # noqa: E402
from pipeline.gather.gatherer import AXE_BOOT_SCRIPT  # noqa: E402

AXE_RUN_JS = ("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
              "resultTypes: ['violations', 'incomplete']}).then((r) => JSON.stringify(r.violations))")


def _locale(url: str) -> str:
    return urlsplit(url).path.strip("/").split("/")[0]


async def run(urls: list[str], chromium: str, tags: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    violations: list[list[Any]] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, args=[*LAUNCH_ARGS, "--no-sandbox"],
                                           headless=True)
        launched = time.perf_counter()
        contexts: dict[str, BrowserContext] = {}
        idle: dict[str, list[Page]] = {}
        queue: asyncio.Queue[str] = asyncio.Queue()
        for url in urls:
            queue.put_nowait(url)

        async def page_for(locale: str) -> Page:
            if idle.get(locale):
                return idle[locale].pop()
            if locale not in contexts:
                width, height = Config.viewport  # the tool's default
                contexts[locale] = await browser.new_context(viewport={"width": width, "height": height})
                await contexts[locale].add_init_script(AXE_BOOT_SCRIPT)
            return await contexts[locale].new_page()

        async def worker() -> None:
            while not queue.empty():
                url = queue.get_nowait()
                page = await page_for(_locale(url))
                await page.goto(url, wait_until="load")
                found = json.loads(await page.evaluate(AXE_RUN_JS, tags))
                violations.extend([url, rule["id"], node.get("target", [])]
                                  for rule in found for node in rule.get("nodes", []))
                idle.setdefault(_locale(url), []).append(page)

        await asyncio.gather(*(worker() for _ in range(default_concurrency())))
        loop_s = time.perf_counter() - launched
        version = browser.version
        await browser.close()
    return {"browser": f"Chromium {version}", "launch_s": launched - started, "loop_s": loop_s,
            "urls": len(urls), "stages": {}, "violations": violations}


def main(argv: list[str] | None = None) -> int:
    return loop_main(lambda urls, chromium, tags: asyncio.run(run(urls, chromium, tags)), __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())
