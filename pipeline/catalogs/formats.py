"""Web front-end catalogs (XLIFF 1.2/2.0, i18next JSON) read into the same ``CatalogArtifact`` as PO.

``[catalogs] format = "po" | "xliff" | "i18next"`` picks the format; without it the format is
detected from the files found. Every reader maps its format onto the PO model, so counts, word
counts, catalog checks, page tracing, the report and work packages work unchanged:

* XLIFF: one entry per trans-unit/unit; msgid = source text, msgstr = target, context = unit id;
  untranslated = no or empty target (or XLIFF 2.0 ``state="initial"`` without one); fuzzy =
  ``needs-review-*``/``needs-adaptation``/``needs-l10n`` (1.2) or ``initial`` with a target (2.0).
* i18next: the source locale's file gives the msgids (its values), each locale's file the msgstrs,
  keyed by the dotted key (the context); ``key_one``/``key_other``... are one plural entry; a key
  missing or empty in the locale's file is untranslated.

The files are parsed by translate-toolkit's storage classes (``translate.storage.xliff``,
``xliff2``, ``jsonl10n.I18NextV4File``), not by hand.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.catalogs.errors import CatalogError
from pipeline.catalogs.locate import catalog_path
from pipeline.catalogs.po import read_catalog
from pipeline.model import CatalogArtifact

__all__ = ["CATALOG_FORMATS", "detect_format", "find_catalog", "read_any_catalog"]

CATALOG_FORMATS = ("po", "xliff", "i18next")
_XLIFF_SUFFIXES = (".xlf", ".xliff")


def _candidates(catalog_dir: Path, name: str, domain: str, fmt: str) -> list[Path]:
    if fmt == "po":
        return [catalog_path(catalog_dir, name, domain)]
    if fmt == "xliff":
        return [
            path
            for suffix in _XLIFF_SUFFIXES
            for path in (catalog_dir / name / f"{domain}{suffix}", catalog_dir / f"{domain}.{name}{suffix}",
                         catalog_dir / f"{name}{suffix}")
        ]
    return [catalog_dir / name / f"{domain}.json", catalog_dir / f"{name}.json"]


def find_catalog(catalog_dir: Path, names: list[str], domain: str, fmt: str) -> tuple[Path, str] | None:
    """The first catalog file for any of ``names`` (locale spellings), with its format.

    ``fmt`` "" means: try PO, then XLIFF, then i18next (the first format with a file wins).
    """
    formats = [fmt] if fmt else list(CATALOG_FORMATS)
    for form in formats:
        for name in names:
            for path in _candidates(catalog_dir, name, domain, form):
                if path.is_file():
                    return path, form
    return None


def detect_format(path: Path) -> str:
    if path.suffix in _XLIFF_SUFFIXES:
        return "xliff"
    if path.suffix == ".json":
        return "i18next"
    return "po"


def read_any_catalog(path: Path, locale: str, fmt: str, *, template: Path | None = None,
                     source: Path | None = None) -> CatalogArtifact:
    """Read one catalog of any supported format. ``template`` is the .pot (PO), ``source`` the source
    locale's file (i18next: where the msgids come from)."""
    if fmt == "xliff":
        from pipeline.catalogs.xliff import read_xliff

        return read_xliff(path, locale)
    if fmt == "i18next":
        from pipeline.catalogs.i18next import read_i18next

        if source is None:
            raise CatalogError(str(path), 0, "an i18next catalog needs the source locale's file for its msgids",
                               "put the source locale's JSON next to it (same layout)")
        return read_i18next(path, locale, source)
    return read_catalog(path, locale, template)
