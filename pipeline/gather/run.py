"""Gather every target of a run: the browser launched once, pages in flight, each artifact saved
and handed on as soon as it is done, a clean stop on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pipeline.config import Config
from pipeline.files.rundir import save_artifact
from pipeline.model import PageArtifact, Target
from pipeline.progress import Progress
from pipeline.text import reveal_console


async def gather_run(config: Config, targets: list[Target], run_dir: Path, progress: Progress,
                     sink: Callable[[PageArtifact], None], done_before: int = 0,
                     origins: frozenset[str] = frozenset(), base_url: str = "") -> tuple[dict[str, str], bool]:
    """Gather every target, handing each artifact to `sink` as it is saved (nothing is kept here).

    Returns engine facts and whether a stop signal came.
    """
    from playwright.async_api import async_playwright

    from pipeline.gather.gatherer import AXE_VERSION, Gatherer, gather_all

    done = done_before
    total = len(targets) + done_before

    def keep(art: PageArtifact) -> None:
        save_artifact(art, run_dir)
        sink(art)

    # Saving an artifact and checking a finished page group is Python work of up to a few hundred
    # milliseconds; on one worker thread (in order, never two at once) the event loop meanwhile
    # keeps driving the pages in flight instead of leaving them idle.
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="a11y-l10n-checks")

    async def on_done(art: PageArtifact) -> None:
        nonlocal done
        await asyncio.get_running_loop().run_in_executor(worker, keep, art)
        done += 1
        retried = f" (attempt {art.attempts})" if art.attempts > 1 else ""
        key = reveal_console(art.key)  # page ids come from configs; never let them drive the terminal
        if art.status == "ok":
            n = sum(len(v.get("nodes", [])) for v in art.axe.get("violations", []))
            took = sum(art.timings.values())
            progress.step(done, total, f"[{done:>3}/{total}] {key:<28} ok    {took:4.1f}s  axe: {n} violation node(s)"
                          f"{retried}", label=key)
        else:
            progress.step(done, total, f"[{done:>3}/{total}] {key:<28} ERROR {reveal_console(art.error)}{retried}",
                          ok=False, label=key)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal(signame: str) -> None:
        if not stop.is_set():
            progress.say(f"{signame}: stopping; writing the report of what was done (marked incomplete)")
        stop.set()

    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, on_signal, sig.name)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread or not supported: no graceful stop, still correct
    try:
        async with async_playwright() as pw:
            gatherer = Gatherer(pw, config, run_dir, deadline=time.monotonic() + config.run_timeout_s,
                                origins=origins, base_url=base_url)
            browser = await gatherer.start()
            choice = gatherer.choice
            engine = {"axe": AXE_VERSION, "browser": f"Chromium {browser.version}",
                      "browser_source": choice.source if choice else "",
                      "browser_path": (choice.executable if choice else None) or "playwright"}
            progress.say(f"browser: Chromium {browser.version} ({engine['browser_source']}: "
                         f"{engine['browser_path']}), axe {engine['axe']}, {config.concurrency} page(s) at a time")
            try:
                progress.begin(total, done_before)
                await gather_all(gatherer, targets, config.concurrency, on_done, stop)
            finally:
                await gatherer.close()
            if gatherer.launches > 1:
                progress.say(f"the browser was relaunched {gatherer.launches - 1} time(s) after it died")
                engine["browser_relaunches"] = str(gatherer.launches - 1)
    finally:
        worker.shutdown(wait=True)
        for sig in installed:
            loop.remove_signal_handler(sig)
    return engine, stop.is_set()
