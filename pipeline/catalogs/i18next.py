"""i18next JSON (v4: nested keys, ``_one``/``_other``... plural suffixes, ``{{var}}`` interpolation)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from translate.misc.multistring import multistring
from translate.storage import jsonl10n

from pipeline.catalogs.errors import CatalogError
from pipeline.model import CatalogArtifact, CatalogMessage

I18NEXT_FLAG = "i18next-format"
_INTERPOLATION = re.compile(r"\{\{")


def read_i18next(path: Path, locale: str, source: Path) -> CatalogArtifact:
    """Entries of ``source`` (the source locale's file) with the translations ``path`` has for them."""
    source_store = _parse(source, "en")
    target_store = _parse(path, locale)
    targets = {unit.getid(): unit for unit in target_store.units}
    text = path.read_text(encoding="utf-8", errors="replace")
    plain = {str(unit.getid()) for unit in source_store.units if not isinstance(unit.target, multistring)}
    messages = tuple(_message(unit, targets.get(unit.getid()), text, plain) for unit in source_store.units)
    # No Plural-Forms header in JSON: the most forms the file writes stands in for it (categories it
    # lacks fall back to _other at run time, so fewer forms are no defect).
    nplurals = max((len(m.msgstr) for m in messages if m.msgid_plural), default=0)
    plural_forms = f"nplurals={nplurals};" if nplurals else ""
    return CatalogArtifact(locale=locale, path=str(path), messages=messages, language=locale, charset="utf-8",
                           plural_forms=plural_forms, nplurals=nplurals or None, template_msgids=None)


def _parse(path: Path, language: str) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(str(path), 0, f"cannot read catalog: {exc.strerror or exc}") from None
    store = jsonl10n.I18NextV4File()
    store.settargetlanguage(language.replace("-", "_"))  # plural suffixes are the language's CLDR categories
    try:
        store.parse(raw)
    except Exception as exc:  # invalid JSON or an unexpected shape
        raise CatalogError(str(path), 0, f"not a readable i18next JSON file: {exc}",
                           "check the JSON syntax (e.g. python -m json.tool FILE)") from None
    return store


def _forms(value: Any) -> list[str]:
    if isinstance(value, multistring):
        return [str(form) for form in value.strings]
    return [str(value or "")]


def _message(unit: Any, target: Any, text: str, plain: set[str]) -> CatalogMessage:
    key = str(unit.getid()).lstrip(".")
    if isinstance(unit.target, multistring) and str(unit.getid()) in plain:
        key += "_*"  # "items" and "items_one"/"items_other" side by side: two entries, two names
    # Monolingual files: the value is the target. A plural category the file lacks comes back as "";
    # i18next falls back to _other for it, so only categories with text are kept (all empty: untranslated).
    sources = [form for form in _forms(unit.target) if form] or [""]
    forms = [form for form in _forms(target.target) if form] if target is not None else []
    forms = forms or [""]
    flags = (I18NEXT_FLAG,) if any(_INTERPOLATION.search(s) for s in sources) else ()
    return CatalogMessage(
        msgid=sources[0],
        msgstr=tuple(forms) if len(sources) > 1 or len(forms) > 1 else (forms[0],),
        msgid_plural=sources[-1] if len(sources) > 1 else "",
        context=key,
        flags=flags,
        lineno=_line_of_key(text, key),
    )


def _line_of_key(text: str, key: str) -> int:
    """Line of the key's last segment in the locale's file (0 when the file lacks it)."""
    last = key.rsplit(".", 1)[-1]
    match = re.search(r'"' + re.escape(last) + r'(?:_[a-z]+)?"\s*:', text)
    return text.count("\n", 0, match.start()) + 1 if match else 0
