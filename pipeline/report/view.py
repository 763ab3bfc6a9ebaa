"""Turn the results dict into what the report shows: counts, cells, sorted findings.

Everything is computed from ``targets`` and ``catalogs`` (not copied from ``summary``) so
the matrix always agrees with the findings listed on the target pages. Both the HTML
report and the console summary use these functions, so they cannot disagree either.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipeline.files.names import safe_name
from pipeline.model import SEVERITIES, severity_rank

# Most severe first: the order a reader triages in.
SEVERITIES_DESC: tuple[str, ...] = tuple(reversed(SEVERITIES))
A11Y_PREFIX = "axe:"
A11Y_CHECKS = frozenset({"script-contrast"})  # our own accessibility checks (not axe rules)


def is_a11y(finding: dict[str, Any]) -> bool:
    """axe-core rules and our own accessibility checks are accessibility; every other check is localization."""
    check = str(finding.get("check", ""))
    return check.startswith(A11Y_PREFIX) or check in A11Y_CHECKS


def counted_findings(target: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings that count; a needs-review item misfiled under ``findings`` never does."""
    return [f for f in target.get("findings") or [] if not f.get("needs_review")]


def review_findings(target: dict[str, Any]) -> list[dict[str, Any]]:
    """Needs-review items, including any that were misfiled under ``findings``."""
    misfiled = [f for f in target.get("findings") or [] if f.get("needs_review")]
    return list(target.get("needs_review") or []) + misfiled


def sort_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Most severe first, then by check and location so the order is stable across runs."""

    def key(f: dict[str, Any]) -> tuple[int, str, str, str, int, str]:
        return (
            -severity_rank(str(f.get("severity", ""))),
            str(f.get("check", "")),
            str(f.get("selector", "")),
            str(f.get("file", "")),
            _as_int(f.get("line")),
            str(f.get("message", "")),
        )

    return sorted(findings, key=key)


@dataclass(frozen=True)
class Cell:
    """One page × locale cell of the overview matrix."""

    page: str
    locale: str
    file_name: str  # safe_name(page, locale): used for the target page and the cell id
    target: dict[str, Any] | None  # None: this combination was never scanned
    a11y: dict[str, int] = field(default_factory=dict)  # severity -> count, known severities
    a11y_other: int = 0  # axe findings with an unknown impact: shown, not hidden
    l10n: int = 0
    review: int = 0
    failing: int = 0  # counted findings at or above the run's fail level

    @property
    def status(self) -> str:
        """Text status, so the matrix never relies on colour alone."""
        if self.target is None:
            return "not scanned"
        if self.target.get("status") != "ok":
            return "error"
        return "fail" if self.failing else "pass"

    @property
    def a11y_total(self) -> int:
        return sum(self.a11y.values()) + self.a11y_other


def target_file_name(target: dict[str, Any]) -> str:
    return safe_name(str(target.get("page", "")), str(target.get("locale", "")))


def make_cell(page: str, locale: str, target: dict[str, Any] | None, fail_on: str) -> Cell:
    findings = counted_findings(target) if target else []
    a11y = [f for f in findings if is_a11y(f)]
    by_sev = Counter(str(f.get("severity", "")) for f in a11y)
    threshold = severity_rank(fail_on)
    return Cell(
        page=page,
        locale=locale,
        file_name=safe_name(page, locale),
        target=target,
        a11y={sev: by_sev.get(sev, 0) for sev in SEVERITIES_DESC},
        a11y_other=sum(n for sev, n in by_sev.items() if sev not in SEVERITIES),
        l10n=len(findings) - len(a11y),
        review=len(review_findings(target)) if target else 0,
        failing=sum(1 for f in findings if _fails(f, threshold)),
    )


def _fails(finding: dict[str, Any], threshold: int) -> bool:
    # An unknown fail level (rank -1) must not make every finding fail.
    return threshold >= 0 and severity_rank(str(finding.get("severity", ""))) >= threshold


@dataclass(frozen=True)
class Matrix:
    pages: list[str]
    locales: list[dict[str, Any]]
    rows: list[list[Cell]]


def build_matrix(results: dict[str, Any]) -> Matrix:
    """Pages × locales; targets for pages/locales not listed still get a row/column."""
    targets = list(results.get("targets") or [])
    # A coverage run scans no page: a matrix of "not scanned" cells would only be noise.
    declared = [] if results.get("kind") == "coverage" else [str(p) for p in results.get("pages") or []]
    pages = _ordered_unique(declared + [str(t.get("page")) for t in targets])
    locales = _locale_columns(results.get("locales") or [], targets)
    by_key = {(str(t.get("page")), str(t.get("locale"))): t for t in targets}
    fail_on = str(results.get("fail_on", ""))
    rows = [
        [make_cell(page, str(loc["code"]), by_key.get((page, str(loc["code"]))), fail_on) for loc in locales]
        for page in pages
    ]
    return Matrix(pages=pages, locales=locales, rows=rows)


def _locale_columns(declared: list[dict[str, Any]], targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    columns = [dict(loc) for loc in declared if isinstance(loc, dict) and "code" in loc]
    known = {str(loc["code"]) for loc in columns}
    for code in _ordered_unique([str(t.get("locale")) for t in targets]):
        if code not in known:
            columns.append({"code": code, "lang": code, "dir": ""})
            known.add(code)
    return columns


def _ordered_unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass(frozen=True)
class CheckRow:
    """One row of the findings-by-check table."""

    check: str
    category: str  # "a11y" | "l10n"
    count: int
    worst: str  # most severe severity seen
    places: int  # distinct targets or catalog files affected


def all_counted_findings(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every counted finding of the run: target findings plus catalog findings."""
    found = [f for t in results.get("targets") or [] for f in counted_findings(t)]
    for catalog in results.get("catalogs") or []:
        found += [f for f in catalog.get("findings") or [] if not f.get("needs_review")]
    return found


def check_rows(results: dict[str, Any]) -> list[CheckRow]:
    """Findings grouped by check id, worst and most frequent first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for f in all_counted_findings(results):
        groups.setdefault(str(f.get("check", "")), []).append(f)
    rows = [_check_row(check, items) for check, items in groups.items()]
    return sorted(rows, key=lambda r: (-severity_rank(r.worst), -r.count, r.check))


def _check_row(check: str, items: list[dict[str, Any]]) -> CheckRow:
    worst = max((str(f.get("severity", "")) for f in items), key=severity_rank)
    places = {(f.get("page"), f.get("locale"), f.get("file")) for f in items}
    category = "a11y" if check.startswith(A11Y_PREFIX) or check in A11Y_CHECKS else "l10n"
    return CheckRow(check=check, category=category, count=len(items), worst=worst, places=len(places))


def failed_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in results.get("targets") or [] if t.get("status") != "ok"]


def verdict(results: dict[str, Any]) -> str:
    """One word for the run: the exit code decides, an incomplete run says so first."""
    if not results.get("complete", False):
        return "INCOMPLETE"
    return "PASS" if _as_int(results.get("exit_code")) == 0 else "FAIL"


def percent(value: object) -> float:
    """Clamp a coverage percentage to 0..100 for drawing a bar; bad data draws nothing."""
    number = as_float(value)
    return 0.0 if number is None else min(100.0, max(0.0, number))


def as_float(value: object) -> float | None:
    """A finite float from JSON-ish data, or None (bool, NaN and garbage are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def svg_number(value: float) -> str:
    """A coordinate or length for an SVG attribute: one decimal is finer than a screen pixel."""
    return f"{value:.1f}"


def _as_int(value: object) -> int:
    number = as_float(value)
    return int(number) if number is not None else 0
