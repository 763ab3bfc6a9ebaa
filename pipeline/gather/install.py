"""`python -m pipeline.gather.install`: make sure a usable Chromium (and fonts) exist.

Order: an existing browser (config/env/Playwright/system) -> `playwright install chromium`
-> as root on Debian/Ubuntu, `apt-get install chromium` + Noto fonts. Used by the nox
sessions and CI; the scanner itself never installs anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from pipeline.gather.browser import BrowserNotFound, find_chromium

APT_PACKAGES = ("chromium", "fonts-noto-core", "fonts-noto-cjk")
FONT_PACKAGES = ("fonts-noto-core", "fonts-noto-cjk")


def _playwright_path() -> str | None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            return pw.chromium.executable_path
    except Exception:
        return None


def _found() -> str | None:
    try:
        choice = find_chromium(None, _playwright_path())
    except BrowserNotFound:
        return None
    return f"{choice.source}: {choice.executable or 'playwright-managed'}"


def _can_apt() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None


def _apt_install(packages: tuple[str, ...]) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"install: apt-get install -y {' '.join(packages)}", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    return subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env, check=False).returncode == 0


def _missing_fonts() -> bool:
    """Noto Arabic and CJK faces are what make ar/zh screenshots and glyph checks meaningful."""
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    return "Noto Sans CJK" not in out or "Arabic" not in out


def main() -> int:
    found = _found()
    if found is None:
        print("install: no Chromium found; trying `playwright install chromium`", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False,
                           timeout=600)
        except subprocess.TimeoutExpired:
            print("install: playwright install timed out", flush=True)
        found = _found()
        if found is None and _can_apt():
            _apt_install(APT_PACKAGES)
            found = _found()
    if found is None:
        print("error: no Chromium found and none could be installed. Run `playwright install chromium`, "
              "or `sudo apt-get install -y chromium fonts-noto-core fonts-noto-cjk`, or set "
              "A11Y_L10N_CHROMIUM=/path/to/chromium", file=sys.stderr)
        return 2
    if _missing_fonts() and _can_apt():
        _apt_install(FONT_PACKAGES)
    print(f"browser: {found}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
