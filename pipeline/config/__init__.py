"""Config stage: the TOML file read, validated and turned into frozen dataclasses.

`load.py` finds and validates the file (one-line errors with file:line); `sections.py` holds the
optional sections ([discover], [[actions]], auth) that stages take on their own.
"""

from __future__ import annotations

from pipeline.config.load import (
    CONFIG_FILE_NAME,
    SAMPLE_CONFIG,
    Config,
    ConfigError,
    LocaleConfig,
    default_concurrency,
    find_config,
    line_of,
    load_config,
    origin_of,
)

__all__ = [
    "CONFIG_FILE_NAME",
    "SAMPLE_CONFIG",
    "Config",
    "ConfigError",
    "LocaleConfig",
    "default_concurrency",
    "find_config",
    "line_of",
    "load_config",
    "origin_of",
]
