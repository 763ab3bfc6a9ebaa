"""Targets from the configured `[pages]` and the locales' url templates (no network)."""

from __future__ import annotations

from pathlib import Path

from pipeline.config import Config, ConfigError, line_of, origin_of
from pipeline.model import Target


def allowed_origins(config: Config, base_url: str) -> frozenset[str]:
    return frozenset({origin_of(base_url), *config.extra_origins})


def plan_targets(config: Config, base_url: str) -> list[Target]:
    """Every page in every locale, page-major so a page's locales finish close together.

    Scope: a target outside the configured origins is a config error, never fetched.
    """
    allowed = allowed_origins(config, base_url)
    targets = []
    for page_id, path in config.pages:
        for loc in config.locales:
            url = loc.url_for(base_url, path)
            if origin_of(url) not in allowed:
                text = Path(config.path).read_text(encoding="utf-8", errors="replace")
                raise ConfigError(config.path, line_of(text, ("locales", loc.code, "url")),
                                  f"page '{page_id}' in locale '{loc.code}' resolves to {url}, outside the "
                                  f"configured origins ({', '.join(sorted(allowed))}); add its origin to "
                                  "site.extra_origins or fix the url")
            targets.append(Target(page=page_id, locale=loc.code, url=url))
    return targets
