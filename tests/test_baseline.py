"""Baseline matching: pure functions over (baseline, results), no browser."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.report.summary_md import build_summary
from pipeline.results import baseline as bl
from pipeline.results.build import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, summarize
from pipeline.results.merge import merge_results


def axe(page: str, locale: str, selector: str, snippet: str, rule: str = "link-name",
        severity: str = "serious") -> dict[str, Any]:
    return {"check": f"axe:{rule}", "severity": severity, "message": f"{rule} message", "selector": selector,
            "page": page, "locale": locale, "snippet": snippet, "help_url": "", "file": "", "line": 0,
            "needs_review": False, "details": {}}


def text(page: str, locale: str, selector: str, words: str) -> dict[str, Any]:
    return {"check": "untranslated-text", "severity": "moderate", "message": f"left: {words}",
            "selector": selector, "page": page, "locale": locale, "snippet": "", "help_url": "", "file": "",
            "line": 0, "needs_review": False, "details": {"text": words, "catalog_line": 12}}


def po(locale: str, msgid: str, line: int, check: str = "catalog:fuzzy") -> dict[str, Any]:
    return {"check": check, "severity": "minor", "message": f"Fuzzy: {msgid}", "selector": "", "page": "",
            "locale": locale, "snippet": "", "help_url": "", "file": f"locales/{locale}/LC_MESSAGES/messages.po",
            "line": line, "needs_review": False, "details": {"msgid": msgid, "msgstr": ["x"]}}


def target(page: str, locale: str, findings: list[dict[str, Any]], status: str = "ok") -> dict[str, Any]:
    return {"page": page, "locale": locale, "status": status, "error": "" if status == "ok" else "HTTP 500",
            "findings": findings, "needs_review": []}


SHARE = '<a class="share-link" href="https://x.com/intent/post?url=http%3A//127.0.0.1%3A41234/es/d.html">'
FACEBOOK = '<a class="share-link" href="https://www.facebook.com/sharer.php?u=http%3A//127.0.0.1%3A41234/es/">'


def make_results(run_id: str = "r1", port: int = 41234) -> dict[str, Any]:
    share = SHARE.replace("41234", str(port))
    facebook = FACEBOOK.replace("41234", str(port))
    results = {
        "schema_version": 1, "run_id": run_id, "finished_at": f"2026-12-01T10:{len(run_id):02d}:00+00:00",
        "fail_on": "serious", "complete": True, "exit_code": 0, "tool": {"version": "0.1.0"},
        "targets": [
            target("home", "es", [text("home", "es", "#main > p:nth-of-type(2)", "Open 24 hours"),
                                  axe("home", "es", "img:nth-child(3)", '<img src="/static/a.svg" class="x">',
                                      "image-alt", "critical")]),
            target("diversity", "es", [axe("diversity", "es", "li:nth-child(1) > .share-link", facebook),
                                       axe("diversity", "es", "li:nth-child(2) > .share-link", share)]),
            target("contact", "es", []),
        ],
        "catalogs": [{"locale": "es", "path": "locales/es/LC_MESSAGES/messages.po", "percent": 98.0,
                      "findings": [po("es", "Open 24 hours", 379)]}],
    }
    return summarize(results)


def marks(results: dict[str, Any]) -> list[str]:
    return [f["baseline"] for f in bl.counted_findings(results)]


# ---------------------------------------------------------------- fingerprints


def test_selector_normalisation_drops_positions_only() -> None:
    assert bl.normalise_selector("ul > li:nth-child(3)  >  a.share:first-child") == "ul > li > a.share"
    assert bl.normalise_selector("#main>p:nth-of-type(2)") == "#main > p"
    assert bl.normalise_selector('img[src$="a.svg"]') == 'img[src$="a.svg"]'


def test_markup_identity_ignores_class_style_and_local_ports() -> None:
    a = bl.markup_identity('<a class="x" style="color:red" href="http://127.0.0.1:5000/es/a.html?x=1">')
    b = bl.markup_identity('<a href="http://127.0.0.1:6000/es/a.html" class="y z">')
    assert a == b == "a href=/es/a.html"
    assert bl.markup_identity('<a href="https://x.com/intent/post?u=1">') != bl.markup_identity(
        '<a href="https://facebook.com/sharer.php?u=1">')


def test_fingerprint_leaves_out_line_numbers_and_messages() -> None:
    a, b = po("es", "Hello", 10), po("es", "Hello", 99)
    b["message"] = "reworded"
    assert bl.fingerprint(a) == bl.fingerprint(b)
    assert bl.fingerprint(a) != bl.fingerprint(po("es", "Goodbye", 10))
    assert bl.fingerprint(a) != bl.fingerprint(po("zh", "Hello", 10))


# ---------------------------------------------------------------- round trip


def test_unchanged_rescan_is_all_known_and_passes() -> None:
    base = bl.record(make_results("r1"))
    again = summarize(bl.apply(make_results("r2-new-run", port=50999), base))
    assert set(marks(again)) == {"known"}
    assert again["summary"]["baseline"] == {"new": 0, "known": 5, "fixed": 0}
    assert again["summary"]["failing_findings"] == 0 and again["exit_code"] == EXIT_OK
    assert make_results()["exit_code"] == EXIT_FINDINGS  # the same findings fail without a baseline


def test_reordering_and_cosmetic_changes_stay_known() -> None:
    base = bl.record(make_results())
    results = make_results("r2")
    random.Random(7).shuffle(results["targets"])
    for t in results["targets"]:
        t["findings"].reverse()
        for f in t["findings"]:
            f["selector"] = f["selector"].replace("nth-child(1)", "nth-child(4)").replace("nth-of-type(2)",
                                                                                           "nth-of-type(5)")
            f["snippet"] = f["snippet"].replace('class="share-link"', 'class="share-link big"')
    results["catalogs"][0]["findings"][0]["line"] = 402  # entries above it were added
    assert set(marks(summarize(bl.apply(results, base)))) == {"known"}


def test_element_moved_in_the_dom_matches_on_its_text() -> None:
    base = bl.record(make_results())
    results = make_results("r2")
    results["targets"][0]["findings"][0]["selector"] = "#main > div.wrapper > p"
    assert set(marks(bl.apply(results, base))) == {"known"}


def test_axe_element_with_changed_markup_matches_on_its_place() -> None:
    base = bl.record(make_results())
    results = make_results("r2")
    results["targets"][0]["findings"][1]["snippet"] = '<img src="/static/a-v2.svg">'
    assert set(marks(bl.apply(results, base))) == {"known"}


def test_added_defect_is_the_only_new_one_and_fails() -> None:
    base = bl.record(make_results())
    results = make_results("r2")
    results["targets"][2]["findings"].append(axe("contact", "es", "img", '<img src="/static/b.svg">',
                                                 "image-alt", "critical"))
    results["targets"][1]["findings"].append(text("diversity", "es", "h1", "Other page changed"))
    out = summarize(bl.apply(results, base))
    new = [f for f in bl.counted_findings(out) if f["baseline"] == "new"]
    assert [(f["page"], f["check"]) for f in new] == [("diversity", "untranslated-text"), ("contact", "axe:image-alt")]
    assert out["summary"]["failing_findings"] == 1 and out["exit_code"] == EXIT_FINDINGS
    assert out["summary"]["baseline"] == {"new": 2, "known": 5, "fixed": 0}


def test_removed_defect_is_fixed() -> None:
    base = bl.record(make_results())
    results = make_results("r2")
    results["targets"][1]["findings"].pop(1)  # the x.com share link got a name
    results["catalogs"][0]["findings"] = []
    out = summarize(bl.apply(results, base))
    fixed = out["baseline"]["fixed"]
    assert sorted((e["page"], e["check"]) for e in fixed) == [("diversity", "axe:link-name"),
                                                              ("messages.po", "catalog:fuzzy")]
    assert "x.com" in next(e["anchor"] for e in fixed if e["page"] == "diversity")
    assert out["summary"]["baseline"] == {"new": 0, "known": 3, "fixed": 2}


def test_counts_matter_for_identical_findings() -> None:
    same = [axe("p", "es", f"li:nth-child({i}) > a", '<a class="s">') for i in range(1, 4)]
    base = bl.record(summarize({"fail_on": "serious", "targets": [target("p", "es", same)], "catalogs": []}))
    four = [*same, axe("p", "es", "li:nth-child(4) > a", '<a class="s">')]
    out = bl.apply({"fail_on": "serious", "targets": [target("p", "es", four)], "catalogs": []}, base)
    assert marks(out) == ["known", "known", "known", "new"]
    two = bl.apply({"fail_on": "serious", "targets": [target("p", "es", same[:2])], "catalogs": []}, base)
    assert len(two["baseline"]["fixed"]) == 1


def test_pages_not_looked_at_are_not_fixed() -> None:
    base = bl.record(make_results())
    results = make_results("r2")
    results["targets"][1] = target("diversity", "es", [], status="error")  # failed to load
    del results["targets"][0]  # another shard's page
    out = bl.apply(results, base)
    assert out["baseline"]["fixed"] == [] and out["baseline"]["not_checked"] == 4


def test_needs_review_items_are_not_marked() -> None:
    results = make_results()
    results["targets"][2]["needs_review"] = [dict(axe("contact", "es", "p", "<p>"), needs_review=True)]
    out = bl.apply(results, bl.record(make_results()))
    assert "baseline" not in out["targets"][2]["needs_review"][0]


def test_apply_does_not_touch_its_input() -> None:
    results = make_results()
    before = copy.deepcopy(results)
    bl.apply(results, bl.record(results))
    assert results == before


# ---------------------------------------------------------------- recording


def test_record_keeps_entries_of_places_not_scanned() -> None:
    previous = bl.record(make_results())
    partial = make_results("r2")
    partial["targets"] = [t for t in partial["targets"] if t["page"] == "home"]  # a shard with one page
    partial["targets"][0]["findings"].pop()  # image fixed on home
    recorded = bl.record(partial, previous)
    pages = sorted(e["page"] for e in recorded["findings"])
    assert pages == ["diversity", "diversity", "home", "messages.po"]


def test_baseline_file_is_stable_text() -> None:
    a = bl.dumps(bl.record(make_results("r1")))
    results = make_results("r1")
    results["targets"].reverse()
    assert bl.dumps(bl.record(results)) == a
    assert "41234" not in a  # no port, no line numbers in what identifies a finding
    parsed = bl.parse(a, "b.json")
    assert parsed[bl.FORMAT_KEY] == bl.FORMAT_VERSION and len(parsed["findings"]) == 5


def test_merge_sections_unions_shards_without_double_counting_catalogs() -> None:
    base = bl.record(make_results())
    one, two = make_results("s1"), make_results("s2")
    one["targets"] = [t for t in one["targets"] if t["page"] == "home"]
    two["targets"] = [t for t in two["targets"] if t["page"] != "home"]
    one["targets"][0]["findings"].pop()
    two["targets"][0]["findings"] = []
    for part in (one, two):
        part["catalogs"][0]["findings"] = []
    parts = [bl.apply(p, base) for p in (one, two)]
    for p in parts:
        p.update({"pages": ["home", "diversity", "contact"], "locales": [{"code": "es"}], "source_locale": "en",
                  "started_at": "1", "finished_at": "2"})
    merged = merge_results(parts, "m")
    checks = sorted((e["page"], e["check"]) for e in merged["baseline"]["fixed"])
    assert checks == [("diversity", "axe:link-name"), ("diversity", "axe:link-name"), ("home", "axe:image-alt"),
                      ("messages.po", "catalog:fuzzy")]
    assert summarize(merged)["summary"]["baseline"]["fixed"] == 4


# ---------------------------------------------------------------- bad files


@pytest.mark.parametrize(("content", "words"), [
    ("{not json", "not valid JSON"),
    ("[]", "not an a11y-l10n baseline"),
    ('{"a11y_l10n_baseline": 9, "findings": []}', "newer than this a11y-l10n reads"),
    ('{"a11y_l10n_baseline": "1", "findings": []}', "format version number"),
    ('{"a11y_l10n_baseline": 1, "findings": {}}', "must be a list"),
    ('{"a11y_l10n_baseline": 1, "findings": [{"check": 3}]}', "findings[0].check must be a string"),
])
def test_bad_baseline_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str,
                                         words: str) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(bl.BaselineError, match=words.replace("[", r"\[").replace("]", r"\]")):
        bl.load(bad)
    code = main(["recheck", str(tmp_path), "--baseline", str(bad), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert err.count("\n") == 1 and str(bad) in err and words in err
    assert not (tmp_path / "out").exists()  # stopped before any work


def test_missing_baseline_says_how_to_record_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["merge", str(tmp_path), "--baseline", str(tmp_path / "nope.json"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and "--update-baseline" in err and err.count("\n") == 1


def test_hand_written_entry_needs_only_the_identity_fields(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"a11y_l10n_baseline": 1, "findings": [
        {"check": "axe:image-alt", "page": "home", "locale": "es", "target": "#gone", "anchor": ""},
        {"check": "axe:image-alt", "page": "home", "locale": "es", "target": "img", "anchor": ""}]}), encoding="utf-8")
    out = summarize(bl.apply(make_results(), bl.load(path)))
    assert [(e["target"], e["message"]) for e in out["baseline"]["fixed"]] == [("#gone", "")]
    assert out["summary"]["baseline"] == {"new": 4, "known": 1, "fixed": 1}  # the img matched on its place
    assert "Fixed since the baseline (1)" in build_summary(out)


def test_results_round_trip_through_json() -> None:
    out = bl.apply(make_results(), bl.record(make_results()))
    assert json.loads(json.dumps(out)) == out
