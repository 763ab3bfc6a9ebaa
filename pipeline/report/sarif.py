"""``results.sarif``: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, Azure DevOps).

One rule per check id, one result per counted finding. A catalog finding points at its PO file
and line (a path relative to the working directory, i.e. the repository in CI); a page finding
points at the page URL with the element's selector as a logical location. With a baseline,
``baselineState`` is ``new`` or ``unchanged``; baseline findings that are gone are not written
as ``absent`` results, because code-scanning services would open alerts for them. Needs-review
items are left out: they never gate. Targets that could not be scanned are tool notifications.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from pipeline.files.atomic import atomic_write_text
from pipeline.results.baseline import fingerprint

from .ci_view import counted, one_line

SARIF_FILE = "results.sarif"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "note"}
_BASELINE_STATE = {"new": "new", "known": "unchanged"}


def _check_help() -> dict[str, tuple[str, str, str]]:
    """Static check metadata (title, description, kind) by id; the run data still comes from results."""
    from pipeline.checks.catalog import CATALOG_CHECKS
    from pipeline.checks.registry import page_check_metas

    metas = [*page_check_metas(), *(m for m, _ in CATALOG_CHECKS)]
    return {m.id: (m.title, m.description, m.kind) for m in metas}


def _rule(check: str, example: dict[str, Any], meta: dict[str, tuple[str, str, str]]) -> dict[str, Any]:
    details = example.get("details") if isinstance(example.get("details"), dict) else {}
    assert isinstance(details, dict)
    if check.startswith("axe:"):
        title = one_line(example.get("message") or check)
        description = one_line(details.get("description") or title, 1000)
        tags = ["accessibility", *[str(t) for t in details.get("tags") or []]]
    else:
        title, description, kind = meta.get(check, (check, str(example.get("message", check)), "l10n"))
        tags = ["accessibility" if kind == "a11y" else "localization"]
    rule: dict[str, Any] = {
        "id": check,
        "shortDescription": {"text": title},
        "fullDescription": {"text": description},
        "help": {"text": description},
        "defaultConfiguration": {"level": _LEVEL.get(str(example.get("severity")), "warning")},
        "properties": {"tags": sorted(set(tags), key=tags.index)},
    }
    if str(example.get("help_url", "")).startswith(("https://", "http://")):
        rule["helpUri"] = example["help_url"]
    return rule


_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _uri(text: str) -> str:
    """A valid URI reference: code-scanning services refuse a log with spaces or non-ASCII in a uri."""
    return quote(text, safe=_URI_SAFE)


def _artifact_uri(file: str) -> str:
    path = Path(file)
    return path.resolve().as_uri() if path.is_absolute() else _uri(str(PurePosixPath(*path.parts)))


def _location(finding: dict[str, Any], url: str) -> dict[str, Any]:
    if finding.get("file") and not finding.get("page"):
        # Header findings have no line; the header entry is the file's first.
        return {"physicalLocation": {"artifactLocation": {"uri": _artifact_uri(str(finding["file"]))},
                                     "region": {"startLine": max(1, int(finding.get("line") or 0))}}}
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": _uri(url)}}}
    if finding.get("selector"):
        location["logicalLocations"] = [{"fullyQualifiedName": str(finding["selector"]), "kind": "element"}]
    return location


def _result(finding: dict[str, Any], rule_index: int, url: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": str(finding.get("check", "")),
        "ruleIndex": rule_index,
        "level": _LEVEL.get(str(finding.get("severity")), "warning"),
        "message": {"text": str(finding.get("message") or finding.get("check", ""))},
        "locations": [_location(finding, url)],
        "partialFingerprints": {"a11yL10nFinding/v1": fingerprint(finding).id},
        "properties": {k: finding[k] for k in ("severity", "page", "locale", "snippet") if finding.get(k)},
    }
    state = _BASELINE_STATE.get(str(finding.get("baseline")))
    if state:
        result["baselineState"] = state
    return result


def build_sarif(results: dict[str, Any]) -> dict[str, Any]:
    placed: list[tuple[dict[str, Any], str]] = []
    for t in results.get("targets") or []:
        url = str(t.get("final_url") or t.get("url") or "")
        placed += [(f, url) for f in counted(t.get("findings"))]
    for c in results.get("catalogs") or []:
        placed += [(f, "") for f in counted(c.get("findings"))]
    meta = _check_help()
    rule_index: dict[str, int] = {}
    rules: list[dict[str, Any]] = []
    for f, _ in placed:
        check = str(f.get("check", ""))
        if check not in rule_index:
            rule_index[check] = len(rules)
            rules.append(_rule(check, f, meta))
    notifications = [
        {"level": "error", "message": {"text": f"{t.get('page')} [{t.get('locale')}] {t.get('url')}: "
                                               f"{one_line(t.get('error') or 'could not be scanned')}"}}
        for t in results.get("targets") or [] if t.get("status") != "ok"
    ]
    tool = results.get("tool") or {}
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "a11y-l10n", "version": str(tool.get("version", "")), "rules": rules}},
        "automationDetails": {"id": f"a11y-l10n/{results.get('run_id', '')}"},
        "invocations": [{"executionSuccessful": bool(results.get("complete", False)),
                         "exitCode": int(results.get("exit_code") or 0),
                         "toolExecutionNotifications": notifications}],
        "results": [_result(f, rule_index[str(f.get("check", ""))], url) for f, url in placed],
        "properties": {"fail_on": results.get("fail_on", ""),
                       "summary": results.get("summary") or {}},
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write_sarif(results: dict[str, Any], run_dir: Path) -> Path:
    path = Path(run_dir) / SARIF_FILE
    text = json.dumps(build_sarif(results), ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
    atomic_write_text(path, text + "\n")
    return path
