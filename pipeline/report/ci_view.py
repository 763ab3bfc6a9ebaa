"""What the CI outputs (JUnit, SARIF, summary.md) say about findings, computed in one place.

They read only the results object, like the HTML report, and agree with the exit code: a
finding gates when it is at or above ``fail_on`` and not known to the baseline.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.model import SEVERITIES, check_family, severity_rank
from pipeline.results.baseline import counted_findings as all_findings

__all__ = ["all_findings", "check_family", "counted", "finding_line", "gates", "locale_codes", "one_line", "place",
           "xml_text"]

# Check ids with a prefix form one family each (every axe rule is "axe", every catalog check is
# "catalog"); the page localization checks are few and distinct, so each is its own family.
# Not allowed in XML 1.0 (and so not in JUnit); scanned pages can contain any of them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def gates(finding: dict[str, Any], fail_on: str) -> bool:
    if finding.get("needs_review") or finding.get("baseline") == "known" or fail_on not in SEVERITIES:
        return False
    return severity_rank(str(finding.get("severity", ""))) >= severity_rank(fail_on)


def xml_text(value: object) -> str:
    return _XML_ILLEGAL.sub("\ufffd", str(value))


def one_line(value: object, limit: int = 300) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def place(finding: dict[str, Any]) -> str:
    """Where a finding is, for a reader: file:line for catalogs, the selector for pages."""
    if finding.get("file") and not finding.get("page"):
        line = finding.get("line") or 0
        return f"{finding['file']}:{line}" if line else str(finding["file"])
    return str(finding.get("selector", ""))


def finding_line(finding: dict[str, Any]) -> str:
    mark = f" ({finding['baseline']})" if finding.get("baseline") else ""
    where = place(finding)
    return (f"[{str(finding.get('severity', '')).upper()}] {finding.get('check', '')}{mark}"
            f"{' at ' + one_line(where, 200) if where else ''}: {one_line(finding.get('message', ''))}")


def counted(findings: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [f for f in findings or [] if not f.get("needs_review")]


def locale_codes(results: dict[str, Any]) -> list[str]:
    """Locales in config order, then any that only appear in targets or catalogs."""
    codes = [str(loc["code"]) for loc in results.get("locales") or [] if isinstance(loc, dict) and "code" in loc]
    codes += [str(t.get("locale", "")) for t in results.get("targets") or []]
    codes += [str(c.get("locale", "")) for c in results.get("catalogs") or []]
    return list(dict.fromkeys(codes))
