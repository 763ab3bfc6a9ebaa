"""Gather-side glue for the rendered-layout facts (page_facts.js key ``l10n_layout``).

Element boxes are costly on large pages, so they are read only where rtl-layout can use them:
on right-to-left locales and on the source locale they are compared with.
"""

from __future__ import annotations

from typing import Any

from pipeline.config import Config
from pipeline.model import Target

LAYOUT_FACTS_VERSION = 1  # bump when page_facts.js's l10n_layout changes shape or meaning


def layout_options(config: Config, target: Target) -> dict[str, Any]:
    """Extra options for page_facts.js: ``layout`` asks for element boxes."""
    rtl = {loc.code for loc in config.locales if loc.dir == "rtl"}
    wanted = target.locale in rtl or (bool(rtl) and target.locale == config.source_locale)
    return {"layout": wanted}

