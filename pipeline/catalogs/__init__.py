"""Catalogs stage: translation catalogs read into plain data, no browser.

PO/POT (`po.py`, msgfmt's reading), XLIFF and i18next JSON (`formats.py`), where files live
(`locate.py`, `load.py`), msgfmt-compatible counts (`stats.py`), pocount word counts
(`wordcount.py`), where catalog text shows on the rendered site (`visibility.py`) and work
packages for translators (`export.py`).
"""

from __future__ import annotations

from pipeline.catalogs.errors import CatalogError
from pipeline.catalogs.load import load_catalogs
from pipeline.catalogs.locate import catalog_path
from pipeline.catalogs.po import catalog_key, parse_nplurals, read_catalog
from pipeline.catalogs.stats import catalog_stats

__all__ = [
    "CatalogError",
    "catalog_key",
    "catalog_path",
    "catalog_stats",
    "load_catalogs",
    "parse_nplurals",
    "read_catalog",
]
