"""Per-locale trend charts for the report, drawn as inline SVG on our side.

No script and no external file: the charts work opened from disk and under the report's CSP.
This module computes geometry only (numbers it formats itself); the template writes the SVG
and autoescapes every label. Runs are spaced evenly (one step per run, not per hour), so a
burst of runs on one day reads as clearly as a nightly series. Lines differ in dash pattern as
well as colour, and each ends in a text label, so nothing depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.model import SEVERITIES

from .view import as_float, svg_number

WIDTH, HEIGHT = 380, 190
LEFT, RIGHT, TOP, BOTTOM = 40, 112, 12, 30
LABEL_GAP = 12.0
# (line colour, label colour, dash): lines >= 3:1 and labels >= 7:1 against white.
SEVERITY_STYLE: dict[str, tuple[str, str, str]] = {
    "critical": ("#a40e26", "#82071e", ""),
    "serious": ("#bc4c00", "#762c00", "7 3"),
    "moderate": ("#9a6700", "#5c3d00", "2 3"),
    "minor": ("#0969da", "#0a3069", "9 3 2 3"),
}
COVERAGE_STYLE = ("#116329", "#0f5323", "")


@dataclass(frozen=True)
class Dot:
    x: str
    y: str
    label: str  # tooltip text: run id and value


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    text_colour: str
    dash: str
    points: str  # SVG polyline points
    dots: tuple[Dot, ...]
    last: str
    label_y: str


@dataclass(frozen=True)
class Tick:
    pos: str
    label: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    series: tuple[Series, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


@dataclass(frozen=True)
class Row:
    run_id: str
    finished_at: str
    by_severity: tuple[int, ...]
    coverage: str
    new: str
    fixed: str


@dataclass(frozen=True)
class LocaleTrend:
    locale: str
    findings: Chart
    coverage: Chart | None
    rows: tuple[Row, ...]



def _nice_max(value: float) -> float:
    step = 1.0
    while True:
        for m in (1.0, 2.0, 5.0):
            if value <= m * step:
                return m * step
        step *= 10


def _x(i: int, n: int) -> float:
    span = (WIDTH - RIGHT) - LEFT
    return LEFT + span / 2 if n == 1 else LEFT + span * i / (n - 1)


def _y(value: float, lo: float, hi: float) -> float:
    return (HEIGHT - BOTTOM) - ((HEIGHT - BOTTOM) - TOP) * (value - lo) / (hi - lo)


def _spread(wanted: list[float]) -> list[float]:
    """End labels at least LABEL_GAP apart, in the order of their lines, kept inside the plot."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    floor = TOP + 4.0
    for i in order:
        placed[i] = max(wanted[i], floor)
        floor = placed[i] + LABEL_GAP
    ceiling = float(HEIGHT - BOTTOM)
    for i in reversed(order):  # then pull back up from the bottom edge, moving only what must move
        placed[i] = min(placed[i], ceiling)
        ceiling = placed[i] - LABEL_GAP
    return placed


def _series(runs: list[dict[str, Any]], values: list[list[float | None]], names: list[str],
            styles: list[tuple[str, str, str]], lo: float, hi: float, unit: str) -> tuple[Series, ...]:
    n = len(runs)
    built = []
    ends = []
    for vals in values:
        last = next((v for v in reversed(vals) if v is not None), None)
        ends.append(_y(last, lo, hi) + 3.5 if last is not None else float(HEIGHT - BOTTOM))
    label_ys = _spread(ends)
    for vals, name, (colour, text_colour, dash), label_y in zip(values, names, styles, label_ys, strict=True):
        pts = [(i, v) for i, v in enumerate(vals) if v is not None]
        coords = [(_x(i, n), _y(v, lo, hi)) for i, v in pts]
        dots = tuple(Dot(svg_number(x), svg_number(y), f"{runs[i].get('run_id', '')}: {v:g}{unit}")
                     for (x, y), (i, v) in zip(coords, pts, strict=True))
        end = f"{pts[-1][1]:g}{unit}" if pts else "–"
        points = " ".join(f"{svg_number(x)},{svg_number(y)}" for x, y in coords)
        built.append(Series(name, colour, text_colour, dash, points, dots, end, svg_number(label_y)))
    return tuple(built)


def _x_ticks(runs: list[dict[str, Any]]) -> tuple[Tick, ...]:
    n = len(runs)
    picks = sorted({0, n - 1})
    return tuple(Tick(svg_number(_x(i, n)), str(runs[i].get("finished_at", ""))[:10] or str(runs[i].get("run_id", "")))
                 for i in picks)


def _locale_slot(run: dict[str, Any], code: str) -> dict[str, Any]:
    slot = (run.get("locales") or {}).get(code)
    return slot if isinstance(slot, dict) else {}


def _count(slot: dict[str, Any], sev: str) -> float | None:
    by_sev = slot.get("by_severity")
    if not isinstance(by_sev, dict):
        return None
    number = as_float(by_sev.get(sev, 0))
    return number if number is not None and number >= 0 else None


def locale_trend(runs: list[dict[str, Any]], code: str, chart_id: str) -> LocaleTrend:
    severities = list(reversed(SEVERITIES))
    counts = [[_count(_locale_slot(r, code), sev) for r in runs] for sev in severities]
    top = _nice_max(max((v for vals in counts for v in vals if v is not None), default=0.0) or 1.0)
    findings = Chart(
        id=f"{chart_id}-findings",
        title=f"Findings by impact in {code}, last {len(runs)} run(s)",
        desc="; ".join(f"{sev}: {' → '.join(f'{v:g}' if v is not None else '–' for v in vals[-5:])}"
                       for sev, vals in zip(severities, counts, strict=True)),
        y_ticks=tuple(Tick(svg_number(_y(v, 0, top)), f"{v:g}") for v in (0, top / 2, top)),
        x_ticks=_x_ticks(runs),
        series=_series(runs, counts, severities, [SEVERITY_STYLE[s] for s in severities], 0, top, ""),
    )
    cover = [as_float(_locale_slot(r, code).get("coverage")) for r in runs]
    coverage = None
    known = [v for v in cover if v is not None]
    if known:
        lo = max(0.0, (min(known) - 5) // 10 * 10)
        coverage = Chart(
            id=f"{chart_id}-coverage",
            title=f"Catalog coverage of {code} in percent, last {len(runs)} run(s)",
            desc="coverage: " + " → ".join(f"{v:g}%" if v is not None else "–" for v in cover[-5:]),
            y_ticks=tuple(Tick(svg_number(_y(v, lo, 100)), f"{v:g}%") for v in (lo, (lo + 100) / 2, 100)),
            x_ticks=_x_ticks(runs),
            series=_series(runs, [cover], ["coverage"], [COVERAGE_STYLE], lo, 100.0, "%"),
        )
    rows = []
    for r in reversed(runs):
        slot = _locale_slot(r, code)
        base = r.get("baseline") if isinstance(r.get("baseline"), dict) else {}
        pct = as_float(slot.get("coverage"))
        rows.append(Row(str(r.get("run_id", "")), str(r.get("finished_at", "")),
                        tuple(int(_count(slot, s) or 0) for s in severities),
                        f"{pct:g}%" if pct is not None else "–",
                        str(base.get("new", "–")), str(base.get("fixed", "–"))))
    return LocaleTrend(code, findings, coverage, tuple(rows))


def trend_charts(results: dict[str, Any]) -> list[LocaleTrend]:
    """One trend per locale from ``results["trend"]`` (the history up to this run); [] without one."""
    runs = [r for r in results.get("trend") or [] if isinstance(r, dict) and isinstance(r.get("locales"), dict)]
    if not runs:
        return []
    codes = [str(loc["code"]) for loc in results.get("locales") or [] if isinstance(loc, dict) and "code" in loc]
    for r in runs:
        codes += [str(c) for c in r["locales"]]
    return [locale_trend(runs, code, f"trend-{i}") for i, code in enumerate(dict.fromkeys(codes))]


def baseline_panel(results: dict[str, Any]) -> dict[str, Any] | None:
    section = results.get("baseline")
    if not isinstance(section, dict):
        return None
    counts = (results.get("summary") or {}).get("baseline") or {}
    fixed = [e for e in section.get("fixed") or [] if isinstance(e, dict)]
    return {"file": str(section.get("file", "")), "run_id": str(section.get("run_id", "")),
            "new": counts.get("new", 0), "known": counts.get("known", 0), "fixed": len(fixed),
            "fixed_list": fixed[:100], "more": max(0, len(fixed) - 100)}


def trends_context(results: dict[str, Any]) -> dict[str, Any]:
    """What ``_trends.html.j2`` needs, added to the index page's context."""
    return {"trends": trend_charts(results), "baseline_panel": baseline_panel(results)}
