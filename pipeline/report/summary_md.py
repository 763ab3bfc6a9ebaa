"""``summary.md``: a short Markdown summary for a CI job summary or a pull-request comment.

Verdict first, then per-locale counts, then the findings that fail the run (new ones, with a
baseline), then what was fixed. Scanned text is escaped: GitHub renders HTML in job summaries.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pipeline.files.atomic import atomic_write_text
from pipeline.model import SEVERITIES

from .ci_view import all_findings, counted, gates, locale_codes, one_line, place
from .view import verdict

SUMMARY_FILE = "summary.md"
LIST_LIMIT = 20
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # the rest only matter at a line start


def md(value: object, limit: int = 160) -> str:
    """Plain text that Markdown and HTML leave as it is."""
    text = one_line(value, limit).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _code(check: object) -> str:
    return f"`{str(check).replace('`', '')}`"


def _where(f: dict[str, Any]) -> str:
    if f.get("page"):
        return f"{md(f['page'], 60)} \\[{md(f.get('locale', ''), 20)}\\] {md(place(f), 100)}"
    return f"{md(place(f), 120)} \\[{md(f.get('locale', ''), 20)}\\]"


def _item(f: dict[str, Any]) -> str:
    return f"- **{md(f.get('severity', ''))}** {_code(f.get('check', ''))} {_where(f)}: {md(f.get('message', ''))}"


def _fixed_item(e: dict[str, Any]) -> str:
    where = f"{md(e.get('page'), 60)} \\[{md(e.get('locale'), 20)}\\] {md(e.get('target') or e.get('anchor'), 100)}"
    return f"- {_code(e.get('check', ''))} {where}: {md(e.get('message'))}"


def _error_item(t: dict[str, Any]) -> str:
    return f"- {md(t.get('page'), 60)} \\[{md(t.get('locale'), 20)}\\]: {md(t.get('error') or 'error')}"


def _listed(title: str, items: list[str]) -> list[str]:
    lines = ["", f"### {title} ({len(items)})", "", *items[:LIST_LIMIT]]
    if len(items) > LIST_LIMIT:
        lines.append(f"- … and {len(items) - LIST_LIMIT} more in the report")
    return lines


def _locale_table(results: dict[str, Any], with_new: bool) -> list[str]:
    severities = list(reversed(SEVERITIES))
    head = ["Locale", *[s.capitalize() for s in severities], "Catalog", "Errors", *(["New"] if with_new else [])]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" + "---:|" * (len(head) - 1)]
    coverage = {str(c.get("locale")): c.get("percent") for c in results.get("catalogs") or []}
    for code in locale_codes(results):
        targets = [t for t in results.get("targets") or [] if str(t.get("locale")) == code]
        findings = [f for t in targets for f in counted(t.get("findings"))]
        findings += [f for c in results.get("catalogs") or [] if str(c.get("locale")) == code
                     for f in counted(c.get("findings"))]
        cells = [str(sum(1 for f in findings if f.get("severity") == sev)) for sev in severities]
        pct = coverage.get(code)
        cells.append(f"{pct}%" if isinstance(pct, int | float) else "–")
        cells.append(str(sum(1 for t in targets if t.get("status") != "ok")))
        if with_new:
            cells.append(str(sum(1 for f in findings if f.get("baseline") == "new")))
        rows.append(f"| {md(code, 30)} | " + " | ".join(cells) + " |")
    return rows


def build_summary(results: dict[str, Any]) -> str:
    summary = results.get("summary") or {}
    fail_on = str(results.get("fail_on", ""))
    lines = [f"## a11y-l10n: {verdict(results)} (exit code {results.get('exit_code')})", ""]
    lines.append(f"{summary.get('failing_findings', 0)} finding(s) at or above **{md(fail_on)}** fail the run; "
                 f"{summary.get('targets', 0)} target(s), {summary.get('errors', 0)} could not be scanned; "
                 f"run {md(results.get('run_id', ''))}.")
    if not results.get("complete", False):
        lines += ["", "**Incomplete run**: not every target was scanned; counts cover only what finished."]
    base = summary.get("baseline")
    if isinstance(base, dict):
        lines += ["", f"Baseline: **{base.get('new', 0)} new**, {base.get('known', 0)} known, "
                      f"{base.get('fixed', 0)} fixed (only new findings fail the run)."]
    lines += ["", *_locale_table(results, isinstance(base, dict))]
    rank = {s: i for i, s in enumerate(reversed(SEVERITIES))}
    failing = sorted((f for f in all_findings(results) if gates(f, fail_on)),
                     key=lambda f: rank.get(str(f.get("severity")), 9))
    if failing:
        title = "New findings that fail the run" if isinstance(base, dict) else "Findings that fail the run"
        lines += _listed(title, [_item(f) for f in failing])
    errors = [t for t in results.get("targets") or [] if t.get("status") != "ok"]
    if errors:
        lines += _listed("Not scanned", [_error_item(t) for t in errors])
    fixed = (results.get("baseline") or {}).get("fixed") or []
    if fixed:
        lines += _listed("Fixed since the baseline", [_fixed_item(e) for e in fixed])
    lines += ["", "Details: `index.html`, `results.json`, `junit.xml`, `results.sarif` in the run directory.", ""]
    return "\n".join(lines)


def write_summary(results: dict[str, Any], run_dir: Path) -> Path:
    path = Path(run_dir) / SUMMARY_FILE
    atomic_write_text(path, build_summary(results))
    return path
