"""Logged-in browsing: storage state, cookies and headers for each locale's browser context.

Headers are added by a route on the configured origins only, so a bearer token never reaches
a third-party script, font or tracker the page loads (extra_http_headers would send it
everywhere). The route is installed only when headers are configured: routing turns off
Chromium's HTTP cache, which would slow every other scan.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import BrowserContext, Route

from pipeline.config import Config, origin_of


def context_options(config: Config) -> dict[str, Any]:
    if config.auth.storage_state is not None:
        return {"storage_state": str(config.auth.storage_state)}
    return {}


async def apply_auth(ctx: BrowserContext, config: Config, base_url: str, origins: frozenset[str]) -> None:
    auth = config.auth
    if auth.cookies:
        await ctx.add_cookies([c.for_playwright(base_url) for c in auth.cookies])  # type: ignore[misc]
    if not auth.headers:
        return
    extra = dict(auth.headers)

    async def add_headers(route: Route) -> None:
        if origin_of(route.request.url) in origins:
            sent = await route.request.all_headers()  # with cookies, unlike .headers
            headers = {**{k: v for k, v in sent.items() if not k.startswith(":")}, **extra}
            await route.fallback(headers=headers)
        else:
            await route.fallback()

    await ctx.route("**/*", add_headers)
