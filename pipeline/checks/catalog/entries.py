"""Catalog checks over entries (untranslated, fuzzy, obsolete, duplicate, not in template, plural
forms): pure functions ``(CatalogArtifact) -> list[Finding]`` over a PO file read as plain data.

No file access here, so a saved artifact can be re-checked by another run. Where msgfmt has an
opinion the checks follow it (``msgfmt -c`` for placeholders and plural forms, ``msgfmt --statistics``
for what counts as untranslated or fuzzy), so findings and coverage numbers never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pipeline.catalogs.po import catalog_key
from pipeline.checks.base import CheckMeta
from pipeline.data.plural_table import conventional_nplurals
from pipeline.model import CatalogArtifact, CatalogMessage, Finding

CatalogCheck = Callable[[CatalogArtifact], list[Finding]]

UNTRANSLATED = CheckMeta(
    "catalog:untranslated",
    "Untranslated catalog entry",
    "An entry whose msgstr is empty (msgfmt counts it as untranslated, fuzzy or not); a plural entry "
    "with an empty form (msgfmt ships it, and users see an empty string); or a template msgid the PO "
    "does not contain at all (line 0: the PO was not merged with the .pot).",
    "minor",
)
FUZZY = CheckMeta(
    "catalog:fuzzy",
    "Fuzzy catalog entry",
    "A translation marked fuzzy: msgfmt leaves it out of the .mo, so the source text is shown.",
    "minor",
)
OBSOLETE = CheckMeta(
    "catalog:obsolete",
    "Obsolete catalog entry",
    "A #~ entry no longer used by the source; delete it or revive it.",
    "minor",
)
FORMAT_MISMATCH = CheckMeta(
    "catalog:format-mismatch",
    "Placeholders differ between msgid and msgstr",
    "python-format (%(name)s, %s), python-brace-format ({name}, {0}), c-format (%s, %1$s), ICU "
    "MessageFormat ({name}, {count, plural, one {...} other {...}}), Qt (%1, %L2) or i18next ({{name}}) "
    "placeholders of the "
    "translation do not match the source: a missing one loses data, an unknown one crashes formatting. "
    "Uses the entry's format flags, else the placeholders the msgid shows.",
    "critical",
)
PLURAL_FORMS = CheckMeta(
    "catalog:plural-forms",
    "Wrong number of plural forms",
    "A plural entry with fewer or more msgstr[i] forms than the header's nplurals (empty forms at the "
    "end count as missing); or a header with fewer forms than gettext's convention for the locale, "
    "or without nplurals although the catalog has plural entries (minor).",
    "serious",
)
DUPLICATE = CheckMeta(
    "catalog:duplicate",
    "Duplicate catalog entry",
    "The same msgctxt + msgid is defined twice; msgfmt refuses the file and Babel keeps only one.",
    "serious",
)
NOT_IN_TEMPLATE = CheckMeta(
    "catalog:not-in-template",
    "Entry not in the template",
    "A PO entry whose msgid is not in the .pot template any more: stale, merge the PO with the .pot.",
    "minor",
)

# How long a msgid may be when quoted in a finding message, so messages stay near 80 characters.
_QUOTE_LIMIT = 50


# --------------------------------------------------------------------------------------------------
# Shared helpers


def quote_msgid(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """A msgid as it appears in a message: one line, shortened, in double quotes."""
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= limit else flat[: limit - 1] + "…"}"'


def catalog_finding(
    meta: CheckMeta,
    artifact: CatalogArtifact,
    message: str,
    line: int,
    details: dict[str, Any],
    severity: str | None = None,
) -> Finding:
    return Finding(
        check=meta.id,
        severity=severity or meta.severity,
        message=message,
        locale=artifact.locale,
        file=artifact.path,
        line=line,
        details=details,
    )


def entry_details(message: CatalogMessage, **extra: Any) -> dict[str, Any]:
    # Lists, not tuples: details go to JSON and come back as lists anyway.
    details: dict[str, Any] = {"msgid": message.msgid, "msgstr": list(message.msgstr)}
    if message.msgid_plural:
        details["msgid_plural"] = message.msgid_plural
    if message.context:
        details["context"] = message.context
    if message.locations:  # the `#:` references: where translators and the per-locale report page look
        details["locations"] = list(message.locations)
    details.update(extra)
    return details


def active_messages(artifact: CatalogArtifact) -> Iterable[CatalogMessage]:
    return (message for message in artifact.messages if not message.obsolete)


def filled_forms(message: CatalogMessage) -> int:
    """Number of plural forms once empty forms at the end are dropped (they count as missing)."""
    forms = list(message.msgstr)
    while forms and forms[-1] == "":
        forms.pop()
    return len(forms)


# --------------------------------------------------------------------------------------------------
# catalog:untranslated, catalog:fuzzy, catalog:obsolete


def check_untranslated(artifact: CatalogArtifact) -> list[Finding]:
    """Empty translations, empty plural forms, and template msgids missing from the PO.

    One finding per msgfmt-untranslated entry (``msgstr[0]`` empty, even when fuzzy), so the count
    equals ``catalog_stats().untranslated``. Also non-fuzzy plural entries whose first form is filled
    but another form is empty: msgfmt counts them as translated, yet ships "" for that form. When the
    header gives nplurals, empty forms at the *end* are left to catalog:plural-forms (missing forms).
    """
    findings = [_untranslated(artifact, msg) for msg in active_messages(artifact) if msg.untranslated]
    findings += _empty_plural_forms(artifact)
    findings += _missing_from_po(artifact)
    return findings


def _untranslated(artifact: CatalogArtifact, message: CatalogMessage) -> Finding:
    return catalog_finding(
        UNTRANSLATED,
        artifact,
        f"Untranslated: {quote_msgid(message.msgid)}",
        message.lineno,
        entry_details(message, fuzzy=message.fuzzy),
    )


def _empty_plural_forms(artifact: CatalogArtifact) -> list[Finding]:
    findings = []
    for message in active_messages(artifact):
        if message.fuzzy or not message.msgid_plural or message.untranslated:
            continue
        considered = filled_forms(message) if artifact.nplurals is not None else len(message.msgstr)
        empty = [index for index in range(considered) if message.msgstr[index] == ""]
        if empty:
            forms = ", ".join(f"msgstr[{index}]" for index in empty)
            text = f"Empty plural form {forms}: {quote_msgid(message.msgid)}"
            details = entry_details(message, empty_forms=empty)
            findings.append(catalog_finding(UNTRANSLATED, artifact, text, message.lineno, details))
    return findings


def _missing_from_po(artifact: CatalogArtifact) -> list[Finding]:
    """Template msgids the PO lacks: a PO not merged with its .pot hides untranslated strings."""
    if artifact.template_msgids is None:
        return []
    present = {catalog_key(message.context, message.msgid) for message in active_messages(artifact)}
    po_name = Path(artifact.path).name
    findings = []
    for key in artifact.template_msgids:
        if key in present:
            continue
        context, _, msgid = key.rpartition("\x04")
        details: dict[str, Any] = {"msgid": msgid, "missing_from_po": True}
        if context:
            details["context"] = context
        text = f"{quote_msgid(msgid)} is in the .pot template but missing from {po_name}"
        findings.append(catalog_finding(UNTRANSLATED, artifact, text, 0, details))
    return findings


def check_fuzzy(artifact: CatalogArtifact) -> list[Finding]:
    """Fuzzy entries with a translation (a fuzzy entry with an empty msgstr is untranslated, as in msgfmt)."""
    return [
        catalog_finding(
            FUZZY, artifact, f"Fuzzy (needs review): {quote_msgid(message.msgid)}", message.lineno,
            entry_details(message),
        )
        for message in active_messages(artifact)
        if message.fuzzy and not message.untranslated
    ]


def check_obsolete(artifact: CatalogArtifact) -> list[Finding]:
    return [
        catalog_finding(
            OBSOLETE, artifact, f"Obsolete entry (#~): {quote_msgid(message.msgid)}", message.lineno,
            entry_details(message),
        )
        for message in artifact.messages
        if message.obsolete
    ]


# --------------------------------------------------------------------------------------------------
# catalog:duplicate, catalog:not-in-template


def check_duplicate(artifact: CatalogArtifact) -> list[Finding]:
    """Every later definition of a msgctxt + msgid, naming the first one's line.

    Obsolete entries take part, as in msgfmt: ``#~ msgid "a"`` next to ``msgid "a"`` is fatal there.
    """
    first_seen: dict[tuple[str, str], CatalogMessage] = {}
    findings = []
    for message in sorted(artifact.messages, key=lambda m: m.lineno):
        key = (message.context, message.msgid)
        first = first_seen.setdefault(key, message)
        if first is message:
            continue
        where = f" (msgctxt {quote_msgid(message.context, 20)})" if message.context else ""
        text = f"{quote_msgid(message.msgid)}{where} defined twice: lines {first.lineno} and {message.lineno}"
        details = entry_details(message, first_line=first.lineno, lines=[first.lineno, message.lineno])
        findings.append(catalog_finding(DUPLICATE, artifact, text, message.lineno, details))
    return findings


def check_not_in_template(artifact: CatalogArtifact) -> list[Finding]:
    if artifact.template_msgids is None:
        return []
    template = set(artifact.template_msgids)
    return [
        catalog_finding(
            NOT_IN_TEMPLATE,
            artifact,
            f"Not in the .pot template (stale): {quote_msgid(message.msgid)}",
            message.lineno,
            entry_details(message),
        )
        for message in active_messages(artifact)
        if catalog_key(message.context, message.msgid) not in template
    ]


# --------------------------------------------------------------------------------------------------
# catalog:plural-forms


def check_plural_forms(artifact: CatalogArtifact) -> list[Finding]:
    """Plural entries whose form count disagrees with the header, and a header that is too small.

    Entries whose first form is empty are plain untranslated and skipped. Fuzzy entries are checked:
    the form count is structure, not translation quality.
    """
    findings = _header_plural_findings(artifact)
    if artifact.nplurals is None:
        return findings
    for message in active_messages(artifact):
        if not message.msgid_plural or message.untranslated:
            continue
        filled, written = filled_forms(message), len(message.msgstr)
        if filled < artifact.nplurals or written > artifact.nplurals:
            count = filled if filled < artifact.nplurals else written
            text = f"{count} of {artifact.nplurals} plural forms: {quote_msgid(message.msgid)}"
            details = entry_details(message, forms=count, nplurals=artifact.nplurals)
            findings.append(catalog_finding(PLURAL_FORMS, artifact, text, message.lineno, details))
    return findings


def _header_plural_findings(artifact: CatalogArtifact) -> list[Finding]:
    """One finding on the header (line 0: the artifact does not record the header's line)."""
    plural_entries = sum(1 for message in active_messages(artifact) if message.msgid_plural)
    if artifact.nplurals is None:
        if not plural_entries:
            return []
        text = f"Plural-Forms header has no nplurals, but {plural_entries} entries have plural forms"
        details: dict[str, Any] = {"plural_forms": artifact.plural_forms, "plural_entries": plural_entries}
        return [catalog_finding(PLURAL_FORMS, artifact, text, 0, details, severity="minor")]
    expected = conventional_nplurals(artifact.locale or artifact.language)
    # Only fewer forms: CLDR keeps adding forms gettext catalogs do not use (es, fr, it "many").
    if expected is None or artifact.nplurals >= expected:
        return []
    locale = artifact.locale or artifact.language
    text = f"Header says nplurals={artifact.nplurals}, but gettext's convention for {locale} is {expected}"
    details = {"plural_forms": artifact.plural_forms, "nplurals": artifact.nplurals, "expected": expected}
    return [catalog_finding(PLURAL_FORMS, artifact, text, 0, details, severity="minor")]

