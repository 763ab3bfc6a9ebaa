"""Every configured locale's catalog, read into ``CatalogArtifact`` (PO, XLIFF or i18next JSON)."""

from __future__ import annotations

from pathlib import Path

from pipeline.catalogs.errors import CatalogError
from pipeline.catalogs.formats import find_catalog, read_any_catalog
from pipeline.catalogs.locate import catalog_path
from pipeline.config import Config, LocaleConfig
from pipeline.files.rundir import display_path
from pipeline.model import CatalogArtifact


def _po_candidates(loc: LocaleConfig) -> list[str]:
    names = [loc.code, loc.code.replace("-", "_"), loc.lang, loc.lang.replace("-", "_")]
    return list(dict.fromkeys(names))


def load_catalogs(config: Config) -> list[CatalogArtifact]:
    """Read each non-source locale's catalog (raises CatalogError on unreadable input)."""
    if config.catalog_dir is None:
        return []
    template = config.catalog_dir / f"{config.catalog_domain}.pot"
    out = []
    # PO, XLIFF or i18next JSON ([catalogs] format, else detected): see pipeline/catalogs/formats.py.
    source_hit = find_catalog(config.catalog_dir, _po_candidates(config.locale(config.source_locale)),
                              config.catalog_domain, config.catalog_format)
    for loc in config.locales:
        hit = find_catalog(config.catalog_dir, _po_candidates(loc), config.catalog_domain, config.catalog_format)
        if hit is not None and hit[1] == "i18next" and loc.code == config.source_locale:
            continue  # the source locale's JSON holds the msgids, it is no translation
        if hit is None:
            if loc.code == config.source_locale:
                continue
            raise CatalogError(str(config.catalog_dir), 0,
                               f"no catalog for locale '{loc.code}' (looked for "
                               f"{catalog_path(config.catalog_dir, loc.code, config.catalog_domain)}); "
                               "add it or fix [catalogs]")
        found, fmt = hit
        # Read under the path people should see in messages (relative to the working dir when inside it).
        out.append(read_any_catalog(Path(display_path(str(found))), loc.code, fmt,
                                    template=template if template.is_file() else None,
                                    source=source_hit[0] if source_hit is not None else None))
    return out
