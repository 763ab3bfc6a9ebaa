"""Find and launch a Chromium: configured path, Playwright's own build, or a system browser."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Playwright

ENV_VAR = "A11Y_L10N_CHROMIUM"
SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
MACOS_APPS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
INSTALL_HINT = (
    "no Chromium found: run `playwright install chromium`, or on Debian/Ubuntu "
    "`apt-get install -y chromium fonts-noto-core fonts-noto-cjk`, or set "
    f"{ENV_VAR}=/path/to/chromium (or browser.executable in the config)"
)

# Why each flag: root has no sandbox; there is no GPU; this machine's closed network makes
# Chromium's background fetches fail noisily and slowly.
LAUNCH_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class BrowserNotFound(Exception):
    pass


@dataclass(frozen=True)
class BrowserChoice:
    executable: str | None  # None: Playwright's own managed build
    source: str  # "config" | "env" | "playwright" | "system"


def find_chromium(configured: str | None, playwright_path: str | None) -> BrowserChoice:
    """Pick the browser to launch, in order: config, env, Playwright's build, system."""
    for value, source in ((configured, "config"), (os.environ.get(ENV_VAR), "env")):
        if value:
            resolved = shutil.which(value) or value
            if not Path(resolved).is_file():
                raise BrowserNotFound(f"{source} browser '{value}' does not exist; {INSTALL_HINT}")
            return BrowserChoice(resolved, source)
    if playwright_path and Path(playwright_path).is_file():
        return BrowserChoice(None, "playwright")
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return BrowserChoice(found, "system")
    for app in MACOS_APPS:
        if Path(app).is_file():
            return BrowserChoice(app, "system")
    raise BrowserNotFound(INSTALL_HINT)


def preflight(configured: str | None) -> BrowserChoice:
    """Raise BrowserNotFound before a run starts (and makes its directory) when no browser can be launched.

    Playwright's own build is looked up only when nothing else is found: that lookup starts its driver.
    """
    try:
        return find_chromium(configured, None)
    except BrowserNotFound:
        if configured or os.environ.get(ENV_VAR):
            raise
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        return find_chromium(configured, _playwright_chromium_path(pw))


def _playwright_chromium_path(pw: Playwright | Any) -> str | None:
    try:
        return pw.chromium.executable_path
    except Exception:
        return None


async def launch(pw: Playwright, configured: str | None) -> tuple[Browser, BrowserChoice]:
    choice = find_chromium(configured, _playwright_chromium_path(pw))
    args = list(LAUNCH_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    browser = await pw.chromium.launch(executable_path=choice.executable, args=args, headless=True)
    return browser, choice
