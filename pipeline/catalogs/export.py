"""Work packages for translators: per locale, a PO file with only the entries that need work.

``a11y-l10n coverage --export-missing DIR`` writes ``DIR/<locale>.po`` holding every entry that is
untranslated, fuzzy, has an empty or missing plural form, or is in the .pot template but missing from
the PO — with its comments, references, context, flags, previous msgid and plural forms, under the
PO's own header. The file passes ``msgfmt -c``. When a scan's results are at hand, entries seen on the
rendered site come first (most pages first) and carry an extracted comment (``#.``) naming the pages.

Which entries need work is decided on this project's msgfmt-exact reading (``CatalogArtifact``); the
entries themselves are copied with translate-toolkit's PO storage, which keeps every comment kind and
writes valid, correctly escaped and wrapped PO. The filled file goes back with
``msgcat --use-first filled.po messages.po -o messages.po`` (see README).
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.misc.multistring import multistring
from translate.storage import pypo

from pipeline.catalogs.errors import CatalogError
from pipeline.catalogs.load import load_catalogs
from pipeline.catalogs.po import catalog_key
from pipeline.catalogs.visibility import PageHit, Visibility, locale_visibility
from pipeline.config import Config, ConfigError
from pipeline.files.atomic import atomic_write_bytes
from pipeline.model import CatalogArtifact, CatalogMessage
from pipeline.progress import Progress

__all__ = [
    "ExportSummary",
    "WorkEntry",
    "export_locale",
    "export_work_packages",
    "plan_work",
    "work_reason",
]

# How many pages a "#." visibility note names before it says "and N more".
_NOTE_PAGES = 5


@dataclass(frozen=True)
class WorkEntry:
    """One entry of a work package, in the order it is written."""

    key: str  # catalog_key(context, msgid)
    reason: str  # untranslated | fuzzy | plural-incomplete | missing-from-po
    lineno: int  # in the PO (0 for entries only in the template)
    pages: tuple[PageHit, ...]


@dataclass(frozen=True)
class ExportSummary:
    locale: str
    path: Path
    entries: tuple[WorkEntry, ...]
    seen_on_site: int  # entries with at least one page


def work_reason(message: CatalogMessage, nplurals: int | None) -> str | None:
    """Why an entry needs a translator, or None. msgfmt's states first, then incomplete plural forms."""
    if message.obsolete:
        return None
    if message.untranslated:
        return "untranslated"
    if message.fuzzy:
        return "fuzzy"
    if message.msgid_plural:
        wanted = nplurals or len(message.msgstr)
        forms = list(message.msgstr)
        if len(forms) < wanted or "" in forms[:wanted]:
            return "plural-incomplete"
    return None


def plan_work(artifact: CatalogArtifact, visibility: Visibility, template_sources: dict[str, str]) -> list[WorkEntry]:
    """Entries needing work: the most visible on the site first, then PO order, then template order.

    ``template_sources`` maps each template key to its msgid_plural ("" if none), to find entries
    missing from the PO on the rendered pages.
    """
    planned: list[WorkEntry] = []
    present: set[str] = set()
    for message in artifact.messages:
        if message.obsolete:
            continue
        key = catalog_key(message.context, message.msgid)
        present.add(key)
        reason = work_reason(message, artifact.nplurals)
        if reason is not None:
            pages = visibility.pages_for(message.lineno, message.msgid, message.msgid_plural)
            planned.append(WorkEntry(key, reason, message.lineno, pages))
    for key in artifact.template_msgids or ():
        if key not in present:
            msgid = key.rpartition("\x04")[2]
            pages = visibility.pages_for(0, msgid, template_sources.get(key, ""))
            planned.append(WorkEntry(key, "missing-from-po", 0, pages))
    position = {id(entry): index for index, entry in enumerate(planned)}
    # Stable sort: unseen entries keep PO order, then template order.
    return sorted(planned, key=lambda e: (-len(e.pages), -sum(h.occurrences for h in e.pages), position[id(e)]))


def export_locale(artifact: CatalogArtifact, template: Path | None, results: dict[str, Any] | None,
                  out_dir: Path) -> ExportSummary:
    """Write ``out_dir/<locale>.po`` for one catalog and say what went in."""
    store = _parse_po(artifact)
    template_store = _parse(template) if template is not None and template.is_file() else None
    po_units = _units_by_key(store)
    template_units = _units_by_key(template_store) if template_store is not None else {}
    template_sources = {key: _plural_source(unit) for key, unit in template_units.items()}
    entries = plan_work(artifact, locale_visibility(results, artifact.locale), template_sources)

    out = pypo.pofile()
    out.units = []
    header = store.header()
    if header is not None:
        out.addunit(copy.deepcopy(header))
    for entry in entries:
        source = template_units.get(entry.key) if entry.reason == "missing-from-po" else po_units.get(entry.key)
        if source is None:  # the reader and translate-toolkit disagree on the file: never guess
            raise CatalogError(artifact.path, entry.lineno, "entry not found by translate-toolkit's PO reader",
                               "check the file with msgfmt -c")
        out.addunit(_work_unit(source, entry, artifact.nplurals))
    # Everything is written as UTF-8, whatever the PO declared (msgcat converts on merge).
    out.updateheader(add=True, content_type="text/plain; charset=UTF-8")
    out.encoding = "utf-8"
    path = out_dir / f"{artifact.locale}.po"
    atomic_write_bytes(path, bytes(out))
    return ExportSummary(artifact.locale, path, tuple(entries), sum(1 for e in entries if e.pages))


def _parse_po(artifact: CatalogArtifact) -> pypo.pofile:
    """translate-toolkit's reading of the PO; rebuilt from our reading for other formats and valid PO it refuses.

    translate-toolkit refuses some files msgfmt accepts (``msgstr[1]`` with its string on the next
    line, in Askbot's Russian catalog). The rebuilt entries keep msgid, plural, context, flags,
    references and comments (``#.`` and ``#`` both become ``#.``); only ``#|`` previous msgids are lost.
    """
    if Path(artifact.path).suffix == ".po":
        with contextlib.suppress(CatalogError):
            return _parse(Path(artifact.path))
    # XLIFF and i18next catalogs (and POs translate-toolkit refuses) are written out from our reading.
    store = pypo.pofile()
    store.units = []
    header = store.makeheader(charset="UTF-8", encoding="8bit", language=artifact.language or None,
                              plural_forms=artifact.plural_forms or None)
    store.addunit(header)
    for message in artifact.messages:
        if not message.obsolete:
            store.addunit(_unit_from_message(message))
    return store


def _unit_from_message(message: CatalogMessage) -> pypo.pounit:
    unit = pypo.pounit(message.msgid)
    if message.msgid_plural:
        unit.source = multistring([message.msgid, message.msgid_plural])
        unit.target = multistring(list(message.msgstr))
    else:
        unit.target = message.msgstr[0] if message.msgstr else ""
    if message.context:
        unit.setcontext(message.context)
    for location in message.locations:
        unit.addlocation(location)
    for note in message.notes:
        unit.addnote(note, origin="developer")
    for flag in message.flags:
        unit.settypecomment(flag)
    unit.markfuzzy(message.fuzzy)
    return unit


def _parse(path: Path) -> pypo.pofile:
    try:
        store: pypo.pofile = pypo.pofile.parsefile(str(path))
    except (OSError, ValueError) as exc:
        raise CatalogError(str(path), 0, f"cannot read for export: {exc}") from None
    return store


def _units_by_key(store: pypo.pofile) -> dict[str, pypo.pounit]:
    units: dict[str, pypo.pounit] = {}
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        units.setdefault(catalog_key(unit.getcontext() or "", _first(unit.source)), unit)
    return units


def _first(value: Any) -> str:
    if isinstance(value, multistring):
        return str(value.strings[0])
    return str(value or "")


def _plural_source(unit: pypo.pounit) -> str:
    strings = unit.source.strings if isinstance(unit.source, multistring) else []
    return str(strings[1]) if len(strings) > 1 else ""


def _work_unit(source: pypo.pounit, entry: WorkEntry, nplurals: int | None) -> pypo.pounit:
    unit = copy.deepcopy(source)
    if unit.hasplural():
        forms = [str(s) for s in unit.target.strings] if isinstance(unit.target, multistring) else [str(unit.target)]
        wanted = max(nplurals or 2, len(forms))
        forms = (forms + [""] * wanted)[:wanted]
        unit.target = multistring(forms)
    if entry.reason == "plural-incomplete":
        # Empty forms next to filled ones fail `msgfmt -c` (placeholders missing); fuzzy says "finish me".
        unit.markfuzzy(True)
    if entry.pages:
        unit.addnote(_pages_note(entry.pages), origin="developer")
    return unit


def _pages_note(pages: tuple[PageHit, ...]) -> str:
    named = ", ".join(f"{hit.page} ({hit.occurrences}x)" for hit in pages[:_NOTE_PAGES])
    more = f" and {len(pages) - _NOTE_PAGES} more" if len(pages) > _NOTE_PAGES else ""
    return f"a11y-l10n: the source text shows on {len(pages)} page(s): {named}{more}"


def export_work_packages(config: Config, out_dir: Path, results: dict[str, Any] | None,
                         progress: Progress) -> list[ExportSummary]:
    """One work package per non-source catalog of the config; progress line per locale."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(str(out_dir), 0, "--export-missing must be a directory (it is a file)")
    template = config.catalog_dir / f"{config.catalog_domain}.pot" if config.catalog_dir else None
    ranked = "ranked by the scan " + str(results.get("run_id", "")) if results else "no scan results to rank by"
    summaries = []
    for artifact in load_catalogs(config):
        summary = export_locale(artifact, template, results, out_dir)
        progress.say(f"export-missing: {summary.path}: {len(summary.entries)} entr(y/ies) need work, "
                     f"{summary.seen_on_site} seen on the site ({ranked})")
        summaries.append(summary)
    return summaries
