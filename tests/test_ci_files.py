"""The scheduled CI jobs we ship parse, do what the README says, and only run commands our CLI has."""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github" / "workflows" / "a11y-l10n-nightly.yml"
GITLAB = ROOT / "ci" / "gitlab" / "a11y-l10n-nightly.gitlab-ci.yml"


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def shell_lines(scripts: list[str]) -> list[str]:
    return [line.strip() for script in scripts for line in script.splitlines()]


def cli_invocations(lines: list[str]) -> list[list[str]]:
    """Every `a11y-l10n ...` command, with CI variables replaced by sample values."""
    found = []
    for line in lines:
        if not re.match(r"^a11y-l10n\s", line):
            continue
        line = re.sub(r"\$\{\{[^}]*\}\}", "1", line)  # GitHub expressions
        line = line.replace('"${args[@]}"', "").replace('"$@"', "")  # flags chosen at run time, checked below
        line = re.sub(r"\$\{?(CI_NODE_INDEX|CI_NODE_TOTAL)\}?", "1", line)
        words = shlex.split(line)
        for stop in ("||", "&&", ";", "|"):
            if stop in words:
                words = words[: words.index(stop)]
        found.append(words)
    return found


def assert_parses(words: list[str]) -> Any:
    assert words[0] == "a11y-l10n"
    try:
        return build_parser().parse_args(words[1:])
    except SystemExit as exc:  # argparse refused it
        raise AssertionError(f"not a valid a11y-l10n command: {shlex.join(words)}") from exc


def flag_sets(lines: list[str]) -> list[list[str]]:
    """The baseline flags the scripts add at run time (`args+=(...)` / `set -- ...`)."""
    out = []
    for line in lines:
        m = re.search(r"args\+=\(([^)]*)\)|set -- (?:\"\$@\" )?([^;]*)", line)
        if m:
            out.append(shlex.split(m.group(1) or m.group(2)))
    return out


def test_control_a_made_up_flag_is_refused() -> None:
    with pytest.raises(AssertionError):
        assert_parses(["a11y-l10n", "scan", "--shard", "1/4", "--no-such-flag"])
    with pytest.raises(AssertionError):
        assert_parses(["a11y-l10n", "upload", "x"])


def test_github_workflow() -> None:
    data = load(GITHUB)
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"][0]["cron"].count(" ") == 4
    assert "workflow_dispatch" in triggers
    scan, merge = data["jobs"]["scan"], data["jobs"]["merge"]
    assert merge["needs"] == "scan" and merge["if"] == "always()"
    shards = scan["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1)) and len(shards) > 1
    uses = [s.get("uses", "") for job in (scan, merge) for s in job["steps"]]
    for action in ("actions/cache/restore@", "actions/cache/save@", "actions/upload-artifact@",
                   "actions/download-artifact@", "github/codeql-action/upload-sarif@"):
        assert any(u.startswith(action) for u in uses), action
    sarif = next(s for s in merge["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert sarif["with"]["sarif_file"].endswith("/results.sarif")
    lines = shell_lines([s["run"] for job in (scan, merge) for s in job["steps"] if "run" in s])
    assert any("summary.md" in line and "$GITHUB_STEP_SUMMARY" in line for line in lines)
    for step in merge["steps"]:  # the report leaves the job even when the gate fails
        if step.get("uses", "").startswith(("actions/upload-artifact@", "actions/cache/save@")):
            assert step["if"].startswith("always()")
    commands = cli_invocations(lines)
    parsed = [assert_parses(w) for w in commands]
    assert {p.command for p in parsed} == {"scan", "merge"}
    scan_args = next(p for p in parsed if p.command == "scan")
    assert scan_args.incremental and scan_args.shard
    merge_cmd = next(w for w in commands if w[1] == "merge")
    for flags in flag_sets(lines):
        assert_parses([*merge_cmd, *flags])
    assert any("--baseline" in f for f in flag_sets(lines)) and any("--update-baseline" in f for f in flag_sets(lines))


def test_gitlab_job() -> None:
    data = load(GITLAB)
    scan, merge = data["a11y-l10n-scan"], data["a11y-l10n-merge"]
    assert isinstance(scan["parallel"], int) and scan["parallel"] > 1
    assert merge["needs"] == ["a11y-l10n-scan"] and merge["when"] == "always"
    assert any(r["if"] == '$CI_PIPELINE_SOURCE == "schedule"' for r in data[".a11y-l10n"]["rules"])
    assert merge["artifacts"]["when"] == "always"
    assert merge["artifacts"]["reports"]["junit"].endswith("/junit.xml")
    assert all(c["when"] == "always" for c in merge["cache"])
    lines = shell_lines([*scan["script"], *merge["script"]])
    commands = cli_invocations(lines)
    parsed = [assert_parses(w) for w in commands]
    assert {p.command for p in parsed} == {"scan", "merge"}
    assert next(p for p in parsed if p.command == "scan").incremental
    merge_cmd = next(w for w in commands if w[1] == "merge")
    for flags in flag_sets(lines):
        assert_parses([*merge_cmd, *flags])
    assert any("summary.md" in line for line in lines)


def test_readme_documents_both_files_and_nox_has_a_report_session() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".github/workflows/a11y-l10n-nightly.yml" in readme and "ci/gitlab/a11y-l10n-nightly.gitlab-ci.yml" in readme
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    sessions = {f.name for f in tree.body if isinstance(f, ast.FunctionDef)
                and any("session" in ast.unparse(d) for d in f.decorator_list)}
    assert "report" in sessions
