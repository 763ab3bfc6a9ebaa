"""XLIFF 1.2 and 2.0 (Angular, Symfony, Okapi...) through translate-toolkit's storage classes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from translate.storage import xliff, xliff2

from pipeline.catalogs.errors import CatalogError
from pipeline.model import CatalogArtifact, CatalogMessage

# XLIFF 1.2 target states that mean "translated, but a person must look again" (gettext's fuzzy).
_REVIEW_STATES = frozenset({"needs-review-translation", "needs-review-l10n", "needs-review-adaptation",
                            "needs-adaptation", "needs-l10n"})
_UNTRANSLATED_STATES = frozenset({"new", "needs-translation"})
_NS12 = "{urn:oasis:names:tc:xliff:document:1.2}"
_NS20 = "{urn:oasis:names:tc:xliff:document:2.0}"


def read_xliff(path: Path, locale: str) -> CatalogArtifact:
    raw = _read(path)
    version2 = b"urn:oasis:names:tc:xliff:document:2.0" in raw[:2000]
    try:
        store: Any = xliff2.Xliff2File() if version2 else xliff.xlifffile()
        store.parse(raw)
    except Exception as exc:  # lxml and translate-toolkit raise many kinds for broken XML
        raise CatalogError(str(path), 0, f"not a readable XLIFF file: {exc}",
                           "check the file with an XML validator") from None
    messages = tuple(_message(unit, version2) for unit in store.units if not unit.isheader())
    language = str(store.gettargetlanguage() or "")
    return CatalogArtifact(locale=locale, path=str(path), messages=messages, language=language, charset="utf-8")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CatalogError(str(path), 0, f"cannot read catalog: {exc.strerror or exc}") from None


def _message(unit: Any, version2: bool) -> CatalogMessage:
    target = "" if unit.target is None else str(unit.target)
    state = _state(unit, version2)
    if version2:
        fuzzy = bool(target) and state == "initial"
    else:
        fuzzy = bool(target) and state in _REVIEW_STATES
        if state in _UNTRANSLATED_STATES:
            target = ""  # a copy of the source waiting for translation is not a translation
    unit_id = str(unit.getid() or "").rpartition("\x04")[2]
    notes = str(unit.getnotes() or "")
    return CatalogMessage(
        msgid=str(unit.source or ""),
        msgstr=(target,),
        context=unit_id,
        fuzzy=fuzzy,
        lineno=int(getattr(unit.xmlelement, "sourceline", 0) or 0),
        locations=tuple(str(location) for location in unit.getlocations()),
        notes=tuple(line for line in notes.split("\n") if line),
    )


def _state(unit: Any, version2: bool) -> str:
    element = unit.xmlelement
    if version2:  # translate-toolkit's unit element is the <segment> (or the <unit> around it)
        segment = element if element.tag == f"{_NS20}segment" else element.find(f"{_NS20}segment")
        return str(segment.get("state", "")) if segment is not None else ""
    target = element.find(f"{_NS12}target")
    return str(target.get("state", "")) if target is not None else ""
