"""XLIFF 1.2/2.0 and i18next JSON catalogs: same counts, checks and page tracing as PO (issue 11, part 5)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from pipeline.catalogs import catalog_stats, load_catalogs, read_catalog
from pipeline.catalogs.formats import find_catalog, read_any_catalog
from pipeline.catalogs.wordcount import catalog_word_counts
from pipeline.checks.catalog import run_catalog_checks
from pipeline.checks.untranslated import trace
from pipeline.config import ConfigError, load_config
from pipeline.model import CatalogArtifact, CatalogMessage

ROOT = Path(__file__).parent.parent
CATALOGS = Path(__file__).parent / "fixtures" / "catalogs"
SAMPLE_ES = ROOT / "locales" / "es" / "LC_MESSAGES" / "messages.po"
SAMPLE_AR = ROOT / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
INTERPRETERS = "Free medical interpreters are available in more than 100 languages, 24 hours a day."


def active(artifact: CatalogArtifact) -> list[CatalogMessage]:
    return [m for m in artifact.messages if not m.obsolete]


# ---------------------------------------------------------------- equivalents of a PO, written here


def write_xliff12(po: CatalogArtifact, path: Path) -> None:
    units = []
    for i, m in enumerate(m for m in active(po) if not m.msgid_plural):
        state = "needs-translation" if m.untranslated else "needs-review-translation" if m.fuzzy else "translated"
        target = "" if m.untranslated else m.msgstr[0]
        units.append(f'<trans-unit id="u{i}"><source>{escape(m.msgid)}</source>'
                     f'<target state="{state}">{escape(target)}</target></trans-unit>')
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                    'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="es" '
                    f'datatype="plaintext" original="messages"><body>{"".join(units)}</body></file></xliff>',
                    encoding="utf-8")


def write_xliff20(po: CatalogArtifact, path: Path) -> None:
    units = []
    for i, m in enumerate(m for m in active(po) if not m.msgid_plural):
        if m.untranslated:
            segment = f'<segment state="initial"><source>{escape(m.msgid)}</source></segment>'
        else:
            state = "initial" if m.fuzzy else "translated"
            segment = (f'<segment state="{state}"><source>{escape(m.msgid)}</source>'
                       f"<target>{escape(m.msgstr[0])}</target></segment>")
        units.append(f'<unit id="u{i}">{segment}</unit>')
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" '
                    'xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="es">'
                    f'<file id="f">{"".join(units)}</file></xliff>', encoding="utf-8")


def write_i18next(po: CatalogArtifact, directory: Path, categories: tuple[str, ...]) -> tuple[Path, Path]:
    """Nested keys (page.line), plural suffixes; untranslated and fuzzy entries are absent (i18next would
    show the fallback language for both, as gettext shows the msgid)."""
    source: dict[str, Any] = {}
    target: dict[str, Any] = {}
    for m in active(po):
        group = f"l{m.lineno // 100}"
        key = f"k{m.lineno}"
        if m.msgid_plural:
            source.setdefault(group, {}).update({f"{key}_one": m.msgid, f"{key}_other": m.msgid_plural})
        else:
            source.setdefault(group, {})[key] = m.msgid
        if m.translated:
            if m.msgid_plural:
                forms = dict(zip(categories, m.msgstr, strict=False))
                target.setdefault(group, {}).update({f"{key}_{cat}": text for cat, text in forms.items() if text})
            else:
                target.setdefault(group, {})[key] = m.msgstr[0]
    (directory / "en").mkdir(parents=True, exist_ok=True)
    (directory / po.locale).mkdir(parents=True, exist_ok=True)
    en, xx = directory / "en" / "translation.json", directory / po.locale / "translation.json"
    en.write_text(json.dumps(source, ensure_ascii=False, indent=2), encoding="utf-8")
    xx.write_text(json.dumps(target, ensure_ascii=False, indent=2), encoding="utf-8")
    return en, xx


def without_plurals(po: CatalogArtifact) -> CatalogArtifact:
    return CatalogArtifact(po.locale, po.path, tuple(m for m in po.messages if not m.msgid_plural))


@pytest.mark.parametrize("writer", [write_xliff12, write_xliff20], ids=["xliff-1.2", "xliff-2.0"])
def test_xliff_gives_the_same_coverage_and_words_as_its_po(tmp_path: Path, writer: Any) -> None:
    po = without_plurals(read_catalog(SAMPLE_ES, "es"))  # XLIFF has no gettext plural entries
    path = tmp_path / "messages.es.xlf"
    writer(po, path)
    xlf = read_any_catalog(path, "es", "xliff")
    counted = ("total", "translated", "fuzzy", "untranslated", "percent")  # obsolete #~ entries have no XLIFF form
    assert [getattr(catalog_stats(xlf), k) for k in counted] == [getattr(catalog_stats(po), k) for k in counted]
    assert catalog_word_counts(xlf) == catalog_word_counts(po)
    assert catalog_stats(po).fuzzy == 1 and catalog_stats(po).untranslated == 1  # the comparison means something
    hit = trace(INTERPRETERS, xlf)
    assert hit is not None and hit.status == "untranslated"
    checks = {f.check for f in run_catalog_checks(xlf)}
    assert {"catalog:untranslated", "catalog:fuzzy"} <= checks


@pytest.mark.parametrize("po_path, categories", [(SAMPLE_ES, ("one", "other")),
                                                 (SAMPLE_AR, ("zero", "one", "two", "few", "many", "other"))],
                         ids=["es", "ar"])
def test_i18next_gives_the_same_coverage_and_words_as_its_po(tmp_path: Path, po_path: Path,
                                                             categories: tuple[str, ...]) -> None:
    po = read_catalog(po_path, po_path.parts[-3])
    en, xx = write_i18next(po, tmp_path, categories)
    js = read_any_catalog(xx, po.locale, "i18next", source=en)
    ours, theirs = catalog_stats(po), catalog_stats(js)
    assert (theirs.total, theirs.translated, theirs.percent) == (ours.total, ours.translated, ours.percent)
    assert theirs.untranslated == ours.untranslated + ours.fuzzy  # fuzzy is not shipped by gettext either
    words_po, words_js = catalog_word_counts(po), catalog_word_counts(js)
    assert (words_js.total, words_js.translated) == (words_po.total, words_po.translated)
    assert sum(1 for m in active(js) if m.msgid_plural) == sum(1 for m in active(po) if m.msgid_plural) >= 1
    if po.locale == "es":
        hit = trace(INTERPRETERS, js)
        assert hit is not None and hit.status == "untranslated"
        assert hit.message.context.startswith("l2.")  # the i18next key, shown as the entry's context


def test_i18next_interpolation_is_checked_and_traced(tmp_path: Path) -> None:
    en, es = tmp_path / "en.json", tmp_path / "es.json"
    en.write_text(json.dumps({"doctors_one": "{{count}} doctor found", "doctors_other": "{{count}} doctors found",
                              "greet": "Hello {{name}}"}), encoding="utf-8")
    es.write_text(json.dumps({"doctors_one": "{{count}} médico", "doctors_other": "{{total}} médicos",
                              "greet": "Hola {{name}}"}), encoding="utf-8")
    artifact = read_any_catalog(es, "es", "i18next", source=en)
    [finding] = [f for f in run_catalog_checks(artifact) if f.check == "catalog:format-mismatch"]
    assert finding.details["formats"] == ["i18next-format"] and "{{total}}" in finding.message
    hit = trace("4 doctors found", artifact)
    assert hit is not None and hit.message.context == "doctors"


# ---------------------------------------------------------------- real files written by others


def _leaf_keys(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(_leaf_keys(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


_SUFFIXES = ("_zero", "_one", "_two", "_few", "_many", "_other")


def _entry(key: str) -> tuple[str, str]:
    """("plural", base) for key_one/key_other..., ("plain", key) otherwise ("items" and "items_one" coexist)."""
    base = next((key[: -len(s)] for s in _SUFFIXES if key.endswith(s)), None)
    return ("plural", base) if base is not None else ("plain", key)


@pytest.mark.parametrize("locale", ["de", "es"])
def test_real_i18next_catalog_counts_match_an_independent_count(locale: str) -> None:
    root = CATALOGS / "i18next_owprov"
    artifact = read_any_catalog(root / f"{locale}.json", locale, "i18next", source=root / "en.json")
    en = _leaf_keys(json.loads((root / "en.json").read_text(encoding="utf-8")))
    xx = _leaf_keys(json.loads((root / f"{locale}.json").read_text(encoding="utf-8")))
    entries = {_entry(k) for k in en}
    translated = {_entry(k) for k in en if xx.get(k)}
    stats = catalog_stats(artifact)
    assert stats.total == len(entries) > 1000
    assert stats.translated == len(translated)
    assert sum(1 for m in artifact.messages if m.msgid_plural) >= 20
    # No entry is short of forms: categories a file leaves out fall back to _other in i18next.
    assert not [f for f in run_catalog_checks(artifact) if f.check == "catalog:plural-forms" and f.line]


@pytest.mark.parametrize("locale", ["es", "de", "ar", "zh_CN"])
def test_real_xliff_catalog_counts_match_its_states(locale: str) -> None:
    path = CATALOGS / "xliff_symfony" / f"validators.{locale}.xlf"
    artifact = read_any_catalog(path, locale, "xliff")
    ns = "{urn:oasis:names:tc:xliff:document:1.2}"
    targets = [unit.find(f"{ns}target") for unit in ET.parse(path).getroot().iter(f"{ns}trans-unit")]
    states = [t.get("state", "") if t is not None else "" for t in targets]
    stats = catalog_stats(artifact)
    assert stats.total == len(states) == 116
    assert stats.untranslated == states.count("needs-translation")
    assert stats.fuzzy == states.count("needs-review-translation")
    assert any(m.locations or m.notes for m in artifact.messages) or locale
    first = artifact.messages[0]
    assert first.lineno > 0 and first.context  # findings point at the trans-unit's line and id


# ---------------------------------------------------------------- config and discovery


def _site(tmp_path: Path, catalogs: str) -> Path:
    config = tmp_path / "site.toml"
    config.write_text(
        'source_locale = "en"\n[site]\nbase_url = "http://127.0.0.1:9"\n[pages]\nhome = "index.html"\n'
        '[locales.en]\nurl = "{base_url}/en/{path}"\n[locales.es]\nurl = "{base_url}/es/{path}"\n' + catalogs,
        encoding="utf-8",
    )
    return config


def test_config_format_xliff_and_detection(tmp_path: Path) -> None:
    (tmp_path / "i18n").mkdir()
    write_xliff12(without_plurals(read_catalog(SAMPLE_ES, "es")), tmp_path / "i18n" / "messages.es.xlf")
    for extra in ('format = "xliff"\n', ""):
        config = load_config(str(_site(tmp_path, '[catalogs]\ndir = "i18n"\n' + extra)))
        [artifact] = load_catalogs(config)
        assert artifact.path.endswith("messages.es.xlf") and catalog_stats(artifact).untranslated == 1
    assert find_catalog(tmp_path / "i18n", ["es"], "messages", "po") is None


def test_config_i18next_skips_the_source_locale(tmp_path: Path) -> None:
    write_i18next(read_catalog(SAMPLE_ES, "es"), tmp_path / "locales", ("one", "other"))
    config = load_config(str(_site(tmp_path, '[catalogs]\ndir = "locales"\ndomain = "translation"\n'
                                             'format = "i18next"\n')))
    assert [a.locale for a in load_catalogs(config)] == ["es"]


def test_unknown_format_is_a_one_line_config_error(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    with pytest.raises(ConfigError, match=r"site\.toml:\d+: catalogs\.format 'yaml' must be"):
        load_config(str(_site(tmp_path, '[catalogs]\ndir = "locales"\nformat = "yaml"\n')))


def test_work_package_from_an_xliff_and_an_i18next_catalog(tmp_path: Path) -> None:
    import shutil
    import subprocess

    from pipeline.catalogs.export import export_locale

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt is not installed")
    xlf = read_any_catalog(CATALOGS / "xliff_symfony" / "validators.zh_CN.xlf", "zh_CN", "xliff")
    root = CATALOGS / "i18next_owprov"
    js = read_any_catalog(root / "de.json", "de", "i18next", source=root / "en.json")
    for artifact, expected in ((xlf, 15), (js, 10)):
        summary = export_locale(artifact, None, None, tmp_path / artifact.locale)
        assert len(summary.entries) == expected
        check = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(summary.path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
