"""Where a locale's PO file lives: gettext's directory layout and spellings of the locale."""

from __future__ import annotations

import re
from pathlib import Path


def catalog_path(catalog_dir: Path, locale: str, domain: str) -> Path:
    """Where the PO file for ``locale`` lives.

    First ``<dir>/<locale>/LC_MESSAGES/<domain>.po``, else ``<dir>/<locale>.po``. Sites name locales
    ``pt-BR`` while gettext directories are named ``pt_BR``, so the gettext spelling is tried as well.
    Returns the first candidate that exists, else the first form.
    """
    candidates = [
        path
        for name in _locale_dir_names(locale)
        for path in (catalog_dir / name / "LC_MESSAGES" / f"{domain}.po", catalog_dir / f"{name}.po")
    ]
    return next((path for path in candidates if path.is_file()), candidates[0])


def _locale_dir_names(locale: str) -> list[str]:
    """``locale`` as given, then gettext's spelling: ``pt-br`` -> ``pt_BR``, ``zh-hans`` -> ``zh_Hans``."""
    parts = [part for part in re.split(r"[-_]", locale) if part]
    if not parts:
        return [locale]
    gettext_parts = [parts[0].lower()] + [_gettext_subtag(part) for part in parts[1:]]
    names = [locale, "_".join(gettext_parts)]
    return list(dict.fromkeys(names))


def _gettext_subtag(part: str) -> str:
    # Scripts are title-case (Hans, Latn); regions are upper-case (BR, 419); variants stay as written.
    if len(part) == 4 and part.isalpha():
        return part.title()
    if len(part) in (2, 3):
        return part.upper()
    return part



