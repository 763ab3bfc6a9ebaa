"""[[actions]]: steps run on a loaded page before anything is gathered (consent walls, logins, lazy content).

Each step is bounded by its own timeout (and the page's overall limit). A selector that never
appears fails the target with a reason naming the step, unless the step is `optional`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from pipeline.config.sections import Action

# Scroll to the bottom until the page stops growing (lazy sections append content as they come
# into view), a bounded number of times, then back to the top so the page is measured as loaded.
_SCROLL_JS = """async (steps) => {
  const pause = () => new Promise((r) => setTimeout(r, 250));
  let last = -1, still = 0;
  for (let i = 0; i < steps && still < 2; i++) {
    const h = document.documentElement.scrollHeight;
    window.scrollTo(0, h);
    await pause();
    still = h === last ? still + 1 : 0;
    last = h;
  }
  window.scrollTo(0, 0);
}"""
MAX_SCROLL_STEPS = 20


class ActionError(Exception):
    """A step could not run; str() is the target's error reason."""


def actions_for(page_id: str, actions: Sequence[Action]) -> list[Action]:
    return [a for a in actions if not a.pages or any(fnmatch.fnmatchcase(page_id, g) for g in a.pages)]


async def run_actions(page: Page, page_id: str, actions: Sequence[Action]) -> int:
    """Run the steps that apply to this page, in order; returns how many ran (optional misses skipped)."""
    ran = 0
    for action in actions_for(page_id, actions):
        if await _run_one(page, action):
            ran += 1
    return ran


async def _run_one(page: Page, action: Action) -> bool:
    ms = action.timeout_s * 1000
    if action.selector and not await _present(page, action, ms):
        if action.optional:
            return False
        raise ActionError(f"{action.describe()} failed: selector {action.selector!r} not found within "
                          f"{action.timeout_s:g}s (mark the action optional = true if it is not on every page)")
    try:
        if action.kind == "click":
            await page.locator(action.selector).first.click(timeout=ms)
        elif action.kind == "fill":
            await page.locator(action.selector).first.fill(action.value, timeout=ms)
        elif action.kind == "press":
            await page.keyboard.press(action.value)
        elif action.kind == "wait_ms":
            await page.wait_for_timeout(action.ms)
        elif action.kind == "scroll":
            await page.evaluate(_SCROLL_JS, MAX_SCROLL_STEPS)
        # wait_for: _present already waited for it to be visible
    except PlaywrightError as exc:
        if action.optional:
            return False
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise ActionError(f"{action.describe()} failed: {first}") from None
    return True


async def _present(page: Page, action: Action, ms: float) -> bool:
    try:
        await page.wait_for_selector(action.selector, state="visible", timeout=ms)
    except PlaywrightError:
        return False
    return True
