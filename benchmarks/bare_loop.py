"""The reference: the plainest Playwright + axe-core loop, one URL after another.

    python benchmarks/bare_loop.py URLS.json OUT.json --chromium PATH --tags wcag2a,wcag2aa

This is what someone writes in ten minutes without the tool: one Chromium, and per URL a
fresh context, ``goto`` until "load", inject axe.min.js, a full ``axe.run`` (every result
type, as the axe docs show it), close. Deliberately not optimised: it is the yardstick.
It writes every stage's duration per URL and every violation node to OUT.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, sync_playwright

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
STAGES = ("new_context", "goto", "inject", "axe_run", "close")
PROGRESS_EVERY = 10


class StageClock:
    """Accumulates per-URL stage durations: stages[name][i] is URL i's time in that stage."""

    def __init__(self) -> None:
        self.stages: dict[str, list[float]] = {name: [] for name in STAGES}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self.stages[name].append(time.perf_counter() - t0)


def _violations(url: str, result: dict[str, Any]) -> list[list[Any]]:
    """[url, rule id, node target] per violating node; the target stays axe's raw list."""
    return [[url, rule["id"], node.get("target", [])]
            for rule in result.get("violations", []) for node in rule.get("nodes", [])]


def _scan(page: Page, url: str, tags: list[str], clock: StageClock) -> dict[str, Any]:
    with clock.stage("goto"):
        page.goto(url, wait_until="load")
    with clock.stage("inject"):
        page.evaluate(AXE_SCRIPT)
    with clock.stage("axe_run"):
        result: dict[str, Any] = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return result


def run(urls: list[str], chromium: str, tags: list[str]) -> dict[str, Any]:
    clock = StageClock()
    violations: list[list[Any]] = []
    started = time.perf_counter()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS, headless=True)
        launched = time.perf_counter()
        for i, url in enumerate(urls, 1):
            with clock.stage("new_context"):
                context = browser.new_context()
                page = context.new_page()
            result = _scan(page, url, tags, clock)
            with clock.stage("close"):
                context.close()
            violations += _violations(url, result)
            if i % PROGRESS_EVERY == 0 or i == len(urls):
                print(f"  bare loop: {i}/{len(urls)} URLs, {time.perf_counter() - launched:.1f}s",
                      file=sys.stderr, flush=True)
        loop_s = time.perf_counter() - launched
        version = browser.version
        browser.close()
    return {"browser": f"Chromium {version}", "launch_s": launched - started, "loop_s": loop_s,
            "urls": len(urls), "stages": clock.stages, "violations": violations}


def loop_main(loop: Callable[[list[str], str, list[str]], dict[str, Any]], doc: str | None,
              argv: list[str] | None = None) -> int:
    """The command line shared by the reference loops: URLS.json in, timings and violations out."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", type=Path, help="JSON list of URLs")
    parser.add_argument("out", type=Path, help="where to write the timings and violations (JSON)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--tags", default="wcag2a,wcag2aa,wcag21a,wcag21aa,wcag22aa")
    args = parser.parse_args(argv)
    urls = json.loads(args.urls.read_text(encoding="utf-8"))
    out = loop(urls, args.chromium, args.tags.split(","))
    args.out.write_text(json.dumps(out), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    return loop_main(run, __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())
