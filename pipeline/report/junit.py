"""``junit.xml``: a test suite per locale, a test case per page × check family (plus catalogs).

A case fails when it holds findings that gate the build (at or above ``fail_on`` and not in the
baseline); the failure text lists them, one per line. Findings that do not gate are listed in
the case's system-out, so the test report still shows them. A target that could not be scanned
is a case with an error. GitLab, Jenkins and GitHub test reporters all read this shape.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, cast

from junitparser import Error, Failure, JUnitXml, TestCase, TestSuite

from pipeline.files.atomic import atomic_write_bytes
from pipeline.model import check_family

from .ci_view import counted, finding_line, gates, locale_codes, one_line, xml_text

JUNIT_FILE = "junit.xml"


def _families(results: dict[str, Any]) -> list[str]:
    # Every target gets a case for every family seen in the run, so a clean page shows as passed.
    seen = {check_family(str(f.get("check", ""))) for t in results.get("targets") or []
            for f in counted(t.get("findings"))}
    return ["axe", *sorted(seen - {"axe"})]


def _case(name: str, classname: str, findings: list[dict[str, Any]], fail_on: str, time: float = 0.0) -> TestCase:
    case = TestCase(xml_text(name), xml_text(classname), time)
    failing = [f for f in findings if gates(f, fail_on)]
    other = [f for f in findings if not gates(f, fail_on)]
    if failing:
        failure = Failure(xml_text(f"{len(failing)} finding(s) at or above {fail_on}"
                                   + (f"; {len(other)} more below it or known" if other else "")),
                          xml_text(check_family(str(failing[0].get("check", "")))))
        failure.text = xml_text("\n".join(finding_line(f) for f in failing))
        case.result = [failure]
    if other:
        case.system_out = xml_text("\n".join(finding_line(f) for f in other))
    return case


def build_junit(results: dict[str, Any]) -> JUnitXml:
    fail_on = str(results.get("fail_on", ""))
    families = _families(results)
    cases: dict[str, list[TestCase]] = {code: [] for code in locale_codes(results)}
    for t in results.get("targets") or []:
        page, locale = str(t.get("page", "")), str(t.get("locale", ""))
        classname = f"a11y-l10n.{locale}.{page}"
        if t.get("status") != "ok":
            case = TestCase(xml_text(f"{page} [{locale}] scan"), xml_text(classname))
            case.result = [Error(xml_text(one_line(t.get("error") or "could not be scanned")), "scan-error")]
            cases[locale].append(case)
            continue
        findings = counted(t.get("findings"))
        duration = float(t.get("duration_s") or 0.0)
        for family in families:
            mine = [f for f in findings if check_family(str(f.get("check", ""))) == family]
            cases[locale].append(_case(f"{page} [{locale}] {family}", classname, mine, fail_on,
                                       duration if family == "axe" else 0.0))
    for missing in results.get("missing_targets") or []:
        page, locale = str(missing.get("page", "")), str(missing.get("locale", ""))
        case = TestCase(xml_text(f"{page} [{locale}] scan"), xml_text(f"a11y-l10n.{locale}.{page}"))
        case.result = [Error("not scanned: its shard is missing from the merge", "not-scanned")]
        cases.setdefault(locale, []).append(case)
    for c in results.get("catalogs") or []:
        locale = str(c.get("locale", ""))
        name = Path(str(c.get("path", "")).replace("\\", "/")).name or "catalog"
        cases[locale].append(_case(f"catalog {name} [{locale}]", f"a11y-l10n.{locale}.catalog",
                                   counted(c.get("findings")), fail_on))
    xml = JUnitXml("a11y-l10n")
    suites = []
    for locale, items in cases.items():
        suite = TestSuite(xml_text(f"a11y-l10n {locale}"))
        suite.add_testcases(items)  # counts once per suite (add_testcase recounts every time)
        xml.add_testsuite(suite)
        suites.append(suite)
    # Totals set by hand: junitparser's own also writes `skipped` on <testsuites>, which Jenkins' schema refuses.
    root = cast(Any, xml)
    root.tests = sum(s.tests for s in suites)
    root.failures = sum(s.failures for s in suites)
    root.errors = sum(s.errors for s in suites)
    root.time = round(sum(s.time for s in suites), 3)
    return xml


def junit_bytes(results: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    build_junit(results).write(buffer)
    return buffer.getvalue()


def write_junit(results: dict[str, Any], run_dir: Path) -> Path:
    path = Path(run_dir) / JUNIT_FILE
    atomic_write_bytes(path, junit_bytes(results))
    return path
