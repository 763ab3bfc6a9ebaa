"""junit.xml, results.sarif and summary.md: parsed, schema-checked, and true to the results."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
from junitparser import Error, Failure, JUnitXml

from pipeline.report.junit import junit_bytes
from pipeline.report.outputs import write_all
from pipeline.report.sarif import build_sarif
from pipeline.report.summary_md import build_summary
from pipeline.results import baseline as bl
from pipeline.results.build import summarize
from pipeline.results.results_json import load_results_json

FIXTURES = Path(__file__).parent / "fixtures"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
JUNIT_XSD = xmlschema.XMLSchema(str(FIXTURES / "junit" / "junit-10.xsd"))


@pytest.fixture
def results() -> dict[str, Any]:
    return summarize(load_results_json(FIXTURES / "results" / "sample_results.json"))


def counted(results: dict[str, Any]) -> list[dict[str, Any]]:
    return list(bl.counted_findings(results))


def sarif_errors(document: dict[str, Any]) -> list[str]:
    # Every format jsonschema knows (uri, uri-reference, date-time…), not only draft 4's short list.
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


# ---------------------------------------------------------------- JUnit


def test_junit_is_schema_valid_and_has_a_suite_per_locale(results: dict[str, Any]) -> None:
    data = junit_bytes(results)
    JUNIT_XSD.validate(data.decode("utf-8"))
    xml = JUnitXml.fromstring(data)
    suites = {s.name: s for s in xml}
    assert sorted(suites) == sorted(f"a11y-l10n {loc['code']}" for loc in results["locales"])
    assert xml.tests == sum(s.tests for s in xml) > 0


def test_junit_cases_fail_with_the_gating_findings(results: dict[str, Any]) -> None:
    xml = JUnitXml.fromstring(junit_bytes(results))
    cases = {c.name: c for s in xml for c in s}
    failing = {name for name, c in cases.items() if any(isinstance(r, Failure) for r in c.result)}
    expected = set()
    for t in results["targets"]:
        for f in t["findings"]:
            if f["severity"] in ("serious", "critical") and not f["needs_review"]:
                family = "axe" if f["check"].startswith("axe:") else f["check"]
                expected.add(f"{t['page']} [{t['locale']}] {family}")
    for c in results["catalogs"]:
        if any(f["severity"] in ("serious", "critical") for f in c["findings"]):
            expected.add(f"catalog {Path(c['path']).name} [{c['locale']}]")
    assert failing == expected and failing
    some = next(iter(sorted(failing)))
    text = cases[some].result[0].text
    assert text.count("\n") + 1 == int(cases[some].result[0].message.split()[0])  # one line per finding
    errored = [n for n, c in cases.items() if any(isinstance(r, Error) for r in c.result)]
    assert errored == ["diversity [zh] scan"]  # the target that could not be scanned
    assert "home [en] axe" in cases and not cases["home [en] dir-attribute"].result  # a clean case passes


def test_junit_with_everything_known_has_no_failures(results: dict[str, Any]) -> None:
    marked = summarize(bl.apply(results, bl.record(results)))
    xml = JUnitXml.fromstring(junit_bytes(marked))
    assert xml.failures == 0 and xml.errors == 1
    outs = [c.system_out for s in xml for c in s if c.system_out]
    assert any("(known)" in o for o in outs)


def test_junit_survives_control_characters(results: dict[str, Any]) -> None:
    results["targets"][0]["findings"][0]["message"] = "bell\x07 nul\x00 <b>&amp; \ud800"
    results["targets"][0]["findings"][0]["severity"] = "critical"
    data = junit_bytes(results)
    JUNIT_XSD.validate(data.decode("utf-8"))
    assert "<b>&amp;" in JUnitXml.fromstring(data).tostring().decode() or b"&lt;b&gt;&amp;amp;" in data


# ---------------------------------------------------------------- SARIF


def test_control_sarif_schema_rejects_a_broken_log() -> None:
    assert sarif_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})
    location = {"physicalLocation": {"artifactLocation": {"uri": "http://a/b c"}}}
    bad_uri = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                             "results": [{"message": {"text": "m"}, "locations": [location]}]}]}
    assert sarif_errors(bad_uri)  # the format checker is really on


def test_sarif_uris_are_valid_for_odd_urls_and_paths(results: dict[str, Any]) -> None:
    results["targets"][0]["url"] = results["targets"][0]["final_url"] = "http://127.0.0.1:5555/es/página de prueba.html"
    results["catalogs"][0]["findings"][0]["file"] = "my locales/es/messages.po"
    doc = build_sarif(results)
    assert sarif_errors(doc) == []
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]]
    assert "http://127.0.0.1:5555/es/p%C3%A1gina%20de%20prueba.html" in uris
    assert "my%20locales/es/messages.po" in uris


def test_sarif_is_schema_valid_with_one_rule_per_check(results: dict[str, Any]) -> None:
    doc = build_sarif(results)
    assert sarif_errors(doc) == []
    run = doc["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(rules) == len(set(rules))
    assert set(rules) == {f["check"] for f in counted(results)}
    assert len(run["results"]) == len(counted(results))
    for r in run["results"]:
        assert rules[r["ruleIndex"]] == r["ruleId"]
    axe_rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"].startswith("axe:"))
    assert axe_rule["helpUri"].startswith("https://") and axe_rule["help"]["text"]
    assert run["invocations"][0]["toolExecutionNotifications"]  # the target that failed


def test_sarif_locations_point_at_po_lines_and_page_selectors(results: dict[str, Any]) -> None:
    run = build_sarif(results)["runs"][0]
    catalog = next(r for r in run["results"] if r["ruleId"].startswith("catalog:")
                   and r["locations"][0]["physicalLocation"].get("region", {}).get("startLine", 1) > 1)
    f = next(f for f in counted(results) if f["check"] == catalog["ruleId"] and f["line"] > 1)
    loc = catalog["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith(".po") and loc["region"]["startLine"] == f["line"]
    page = next(r for r in run["results"] if r["ruleId"].startswith("axe:"))
    assert page["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("http")
    assert page["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]


def test_sarif_baseline_state(results: dict[str, Any]) -> None:
    base = bl.record(results)
    changed = copy.deepcopy(results)
    changed["targets"][0]["findings"].append({**changed["targets"][1]["findings"][0], "page": "home",
                                              "locale": "en", "selector": "#brand-new"})
    doc = build_sarif(summarize(bl.apply(changed, base)))
    assert sarif_errors(doc) == []
    states = [r["baselineState"] for r in doc["runs"][0]["results"]]
    assert states.count("new") == 1 and set(states) == {"new", "unchanged"}
    assert "baselineState" not in build_sarif(results)["runs"][0]["results"][0]


# ---------------------------------------------------------------- summary.md


def test_summary_md_verdict_locales_and_failing_first(results: dict[str, Any]) -> None:
    text = build_summary(results)
    assert text.startswith("## a11y-l10n: INCOMPLETE") or text.startswith("## a11y-l10n: FAIL")
    for loc in results["locales"]:
        assert f"\n| {loc['code']} |" in text
    assert "### Findings that fail the run" in text and "### Not scanned (1)" in text
    assert len(text.encode()) < 8000


def test_summary_md_with_baseline_lists_new_and_fixed(results: dict[str, Any]) -> None:
    base = bl.record(results)
    changed = copy.deepcopy(results)
    gone = changed["targets"][1]["findings"].pop(0)
    text = build_summary(summarize(bl.apply(changed, base)))
    assert "Baseline: **0 new**" in text and "### Fixed since the baseline (1)" in text
    assert gone["check"] in text.split("### Fixed since the baseline")[1]
    assert "fail the run (" not in text


def test_summary_md_escapes_scanned_text(results: dict[str, Any]) -> None:
    f = results["targets"][0]["findings"][0]
    f.update(severity="critical", message="<img src=x onerror=alert(1)> [link](javascript:x) | pipe")
    text = build_summary(summarize(results))
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "\\[link\\]" in text and "\\| pipe" in text


# ---------------------------------------------------------------- all files


@pytest.mark.parametrize("exit_code", [1, 3])
def test_every_output_is_written_when_the_gate_fails(tmp_path: Path, results: dict[str, Any],
                                                     exit_code: int) -> None:
    if exit_code == 1:
        results["complete"] = True
        for t in results["targets"]:
            t["status"] = "ok"
    summarize(results)
    assert results["exit_code"] == exit_code
    write_all(results, tmp_path)
    names = {p.name for p in tmp_path.iterdir() if p.is_file()}
    assert {"results.json", "index.html", "junit.xml", "results.sarif", "summary.md"} <= names
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    verdict = "INCOMPLETE" if exit_code == 3 else "FAIL"
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith(f"## a11y-l10n: {verdict}")
