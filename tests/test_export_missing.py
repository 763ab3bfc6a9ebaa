"""Work packages (`coverage --export-missing`): valid for msgfmt -c, exactly the entries that need work,
ordered by visibility on the site, and a round trip export -> fill -> msgcat --use-first -> 100 %."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from translate.misc.multistring import multistring
from translate.storage import pypo

from pipeline.catalogs import catalog_key, catalog_stats, read_catalog
from pipeline.catalogs.export import export_locale, work_reason
from pipeline.cli import main
from pipeline.model import CatalogMessage
from pipeline.results.results_json import find_scan_results

ROOT = Path(__file__).parent.parent
CATALOGS = Path(__file__).parent / "fixtures" / "catalogs"
MSGFMT, MSGCAT = shutil.which("msgfmt"), shutil.which("msgcat")
needs_gettext = pytest.mark.skipif(MSGFMT is None or MSGCAT is None, reason="GNU gettext tools are not installed")
C_ENV = {**os.environ, "LC_ALL": "C", "LANGUAGE": ""}


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    assert MSGFMT is not None
    return subprocess.run([MSGFMT, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True,
                          env=C_ENV, check=False)


def keys_in(path: Path) -> list[str]:
    return [catalog_key(m.context, m.msgid) for m in read_catalog(path, "xx").messages if not m.obsolete]


def needing_work_per_checks(results: dict[str, Any], locale: str) -> set[str]:
    """What the catalog checks report as needing a translator, derived independently of the export."""
    catalog = next(c for c in results["catalogs"] if c["locale"] == locale)
    wanted = {"catalog:untranslated", "catalog:fuzzy", "catalog:plural-forms"}
    return {
        catalog_key(f["details"].get("context", ""), f["details"]["msgid"])
        for f in catalog["findings"]
        if f["check"] in wanted and "msgid" in f["details"]
    }


# ---------------------------------------------------------------- the sample site, through the CLI


@needs_gettext
def test_sample_site_export_holds_exactly_the_entries_that_need_work(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the bundled sample config, as `nox -s coverage` runs it
    out = tmp_path / "out"
    code = main(["coverage", "--out", str(tmp_path / "reports"), "--export-missing", str(out), "--quiet"])
    assert code in (0, 1)
    results = json.loads((tmp_path / "reports" / "latest" / "results.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in out.iterdir()) == ["ar.po", "es.po", "zh.po"]
    for locale in ("es", "zh", "ar"):
        exported = out / f"{locale}.po"
        check = msgfmt_check(exported)
        assert check.returncode == 0, check.stderr
        keys = keys_in(exported)
        assert len(keys) == len(set(keys))
        assert set(keys) == needing_work_per_checks(results, locale), locale
    # The planted catalog defects (pipeline/sample_site/DEFECTS.md #3-#6) are in the packages.
    es, ar = set(keys_in(out / "es.po")), set(keys_in(out / "ar.po"))
    assert any(k.startswith("Free medical interpreters") for k in es)
    assert any(k.startswith("Our Emergency Department on the Main Campus") for k in es)
    assert "Open map of Main Campus in a new window" in ar
    assert "Find care at %(num)s location across the region." in ar


def test_work_reason_follows_msgfmt_states_and_plural_forms() -> None:
    assert work_reason(CatalogMessage("a", ("",)), 2) == "untranslated"
    assert work_reason(CatalogMessage("a", ("",), fuzzy=True), 2) == "untranslated"
    assert work_reason(CatalogMessage("a", ("b",), fuzzy=True), 2) == "fuzzy"
    assert work_reason(CatalogMessage("a", ("b",)), 2) is None
    assert work_reason(CatalogMessage("a", ("b",), obsolete=True), 2) is None
    plural = CatalogMessage("%d day", ("%d يوم", "%d يومان"), msgid_plural="%d days")
    assert work_reason(plural, 6) == "plural-incomplete"
    assert work_reason(plural, 2) is None
    assert work_reason(CatalogMessage("%d day", ("x", ""), msgid_plural="%d days"), 2) == "plural-incomplete"


# ---------------------------------------------------------------- content of the exported entries


@needs_gettext
def test_export_keeps_comments_context_plurals_and_adds_missing_template_entries(tmp_path: Path) -> None:
    po, pot = CATALOGS / "template" / "es.po", CATALOGS / "template" / "messages.pot"
    summary = export_locale(read_catalog(po, "es", pot), pot, None, tmp_path)
    assert msgfmt_check(summary.path).returncode == 0
    template_keys = set(keys_in(pot))
    assert {e.reason for e in summary.entries} == {"missing-from-po"}
    assert set(keys_in(summary.path)) == template_keys - set(keys_in(po))
    exported = {u.getid(): u for u in pypo.pofile.parsefile(str(summary.path)).units if not u.isheader()}
    template = {u.getid(): u for u in pypo.pofile.parsefile(str(pot)).units if not u.isheader()}
    for unit_id, unit in exported.items():
        assert unit.getlocations() == template[unit_id].getlocations()
        assert unit.getnotes() == template[unit_id].getnotes()


@needs_gettext
def test_latin1_catalog_is_exported_as_utf8(tmp_path: Path) -> None:
    po = CATALOGS / "latin1_fr.po"
    body = po.read_bytes().decode("latin-1").replace('msgstr "Café"', 'msgstr ""', 1)
    emptied = tmp_path / "fr.po"
    emptied.write_bytes(body.encode("latin-1"))
    artifact = read_catalog(emptied, "fr")
    summary = export_locale(artifact, None, None, tmp_path / "out")
    text = summary.path.read_bytes().decode("utf-8")
    assert "charset=UTF-8" in text
    assert msgfmt_check(summary.path).returncode == 0
    assert len(summary.entries) == catalog_stats(artifact).untranslated == 1
    assert 'msgid "Résumé"' not in text and 'msgid "Coffee"' in text


# ---------------------------------------------------------------- ordering by visibility


def _tracing(page: str, locale: str, line: int, msgid: str, text: str = "") -> dict[str, Any]:
    return {"check": "untranslated-text", "severity": "moderate", "message": "", "page": page, "locale": locale,
            "details": {"text": text or msgid, "catalog_line": line, "msgid": msgid,
                        "catalog_status": "untranslated"}}


def test_entries_seen_on_more_pages_come_first_and_name_their_pages(tmp_path: Path) -> None:
    po = tmp_path / "es.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
        '#: a.html:1\nmsgid "First in file"\nmsgstr ""\n\n'
        '#: b.html:2\nmsgid "Seen on one page"\nmsgstr ""\n\n'
        '#: c.html:3\nmsgid "Seen on two pages"\nmsgstr ""\n\n'
        '#: d.html:4\nmsgid "Translated"\nmsgstr "Traducido"\n',
        encoding="utf-8",
    )
    artifact = read_catalog(po, "es")
    line = {m.msgid: m.lineno for m in artifact.messages}
    results = {"pages": ["home", "contact"], "targets": [
        {"page": "home", "locale": "es", "findings": [_tracing("home", "es", line["Seen on one page"],
                                                                "Seen on one page")]},
        {"page": "home", "locale": "es", "findings": [_tracing("home", "es", line["Seen on two pages"],
                                                                "Seen on two pages")]},
        {"page": "contact", "locale": "es", "findings": [_tracing("contact", "es", line["Seen on two pages"],
                                                                   "Seen on two pages")]},
        # Another locale's finding and a stale line (msgid differs) must not count.
        {"page": "contact", "locale": "zh", "findings": [_tracing("contact", "zh", line["First in file"],
                                                                   "First in file")]},
        {"page": "contact", "locale": "es", "findings": [_tracing("contact", "es", line["First in file"],
                                                                   "Some older msgid", "Other text")]},
    ]}
    summary = export_locale(artifact, None, results, tmp_path / "out")
    assert [e.key for e in summary.entries] == ["Seen on two pages", "Seen on one page", "First in file"]
    assert [h.page for h in summary.entries[0].pages] == ["home", "contact"]
    assert summary.seen_on_site == 2
    text = summary.path.read_text(encoding="utf-8")
    assert "#. a11y-l10n: the source text shows on 2 page(s): home (1x), contact (1x)" in text
    assert text.index("Seen on two pages") < text.index("Seen on one page") < text.index("First in file")


def test_newest_scan_with_targets_is_found_and_coverage_runs_are_skipped(tmp_path: Path) -> None:
    def run(name: str, targets: list[dict[str, Any]]) -> None:
        (tmp_path / name).mkdir()
        data = {"schema_version": 1, "run_id": name, "targets": targets}
        (tmp_path / name / "results.json").write_text(json.dumps(data), encoding="utf-8")

    run("20261201-100000", [{"page": "home", "locale": "es", "findings": []}])
    run("20261201-110000", [{"page": "home", "locale": "es", "findings": []}])
    run("20261201-120000", [])  # a coverage run
    found = find_scan_results(tmp_path, None)
    assert found is not None and found["run_id"] == "20261201-110000"
    assert find_scan_results(tmp_path / "nothing-here", None) is None


def test_unreadable_results_file_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    bad = tmp_path / "results.json"
    bad.write_text("{not json", encoding="utf-8")
    code = main(["coverage", "--out", str(tmp_path / "r"), "--export-missing", str(tmp_path / "o"),
                 "--results", str(bad), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "results.json" in err[0] and "Traceback" not in err[0]


# ---------------------------------------------------------------- round trip


def translated(text: str) -> str:
    """A stand-in translation: marked, with the leading newlines msgfmt -c wants to match kept."""
    body = text.lstrip("\n")
    return f"{text[: len(text) - len(body)]}T {body}"


def fill(exported: Path, filled: Path) -> None:
    """A translator's work: every form filled (keeping placeholders, so msgfmt -c is happy), fuzzy removed."""
    store = pypo.pofile.parsefile(str(exported))
    for unit in store.units:
        if unit.isheader():
            continue
        if unit.hasplural():
            sources = [str(s) for s in unit.source.strings]
            forms = len(unit.target.strings)
            unit.target = multistring([translated(sources[min(i, 1)]) for i in range(forms)])
        else:
            unit.target = translated(str(unit.source))
        unit.markfuzzy(False)
        unit.prev_source = ""
    filled.write_bytes(bytes(store))


ROUND_TRIPS = {
    "sample es": (ROOT / "locales" / "es" / "LC_MESSAGES" / "messages.po", ROOT / "locales" / "messages.pot"),
    "sample ar": (ROOT / "locales" / "ar" / "LC_MESSAGES" / "messages.po", ROOT / "locales" / "messages.pot"),
    "missing from PO": (CATALOGS / "template" / "es.po", CATALOGS / "template" / "messages.pot"),
    "sphinx ar (real, 765 untranslated)": (CATALOGS / "sphinx" / "ar" / "LC_MESSAGES" / "sphinx.po",
                                           CATALOGS / "sphinx" / "sphinx.pot"),
}


@needs_gettext
@pytest.mark.parametrize("po, pot", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_round_trip_export_fill_merge_recount_is_100_percent(tmp_path: Path, po: Path, pot: Path) -> None:
    assert MSGCAT is not None
    before = read_catalog(po, "xx", pot)
    summary = export_locale(before, pot, None, tmp_path / "out")
    assert summary.entries, "nothing to translate: the round trip would prove nothing"
    filled, merged = tmp_path / "filled.po", tmp_path / "merged.po"
    fill(summary.path, filled)
    assert msgfmt_check(filled).returncode == 0
    # The documented way back (README): the filled file first, so its translations win.
    subprocess.run([MSGCAT, "--use-first", str(filled), str(po), "-o", str(merged)], check=True, env=C_ENV)
    after = read_catalog(merged, "xx", pot)
    stats = catalog_stats(after)
    assert stats.percent == 100.0 and stats.fuzzy == 0 and stats.untranslated == 0
    assert stats.total == len({catalog_key(m.context, m.msgid) for m in after.messages if not m.obsolete})
    assert set(pot_keys := keys_in(pot)) <= set(keys_in(merged)), "a template entry is still missing"
    assert all(work_reason(m, after.nplurals) is None for m in after.messages), "an entry still needs work"
    # Entries that needed no work are untouched.
    untouched = {catalog_key(m.context, m.msgid): m.msgstr for m in before.messages
                 if not m.obsolete and work_reason(m, before.nplurals) is None}
    merged_strings = {catalog_key(m.context, m.msgid): m.msgstr for m in after.messages if not m.obsolete}
    assert all(merged_strings[k] == v for k, v in untouched.items())
    assert len(pot_keys) > 0


@needs_gettext
def test_po_that_translate_toolkit_refuses_is_still_exported(tmp_path: Path) -> None:
    # Askbot's Russian catalog: valid for msgfmt, refused by translate-toolkit's parser (msgstr[1] alone
    # on its line); the work package is rebuilt from this project's own reading of the file.
    po = CATALOGS / "askbot" / "ru.po"
    artifact = read_catalog(po, "ru")
    summary = export_locale(artifact, None, None, tmp_path)
    check = msgfmt_check(summary.path)
    assert check.returncode == 0, check.stderr
    expected = {catalog_key(m.context, m.msgid) for m in artifact.messages
                if work_reason(m, artifact.nplurals) is not None}
    assert set(keys_in(summary.path)) == expected and len(expected) >= 59
    exported = read_catalog(summary.path, "ru")
    assert exported.plural_forms.startswith("nplurals=3")
    with_refs = [m for m in exported.messages if m.locations]
    assert len(with_refs) == len(exported.messages)
