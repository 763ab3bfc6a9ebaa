"""Run history: one JSON line per run in ``<out>/history.jsonl``, the data of the report's trends.

Appending a line is the only write (O_APPEND, one ``write`` call), so concurrent runs into the
same output root interleave whole lines; a damaged line is skipped when reading, never fatal.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.model import SEVERITIES, check_family
from pipeline.results.baseline import counts as baseline_counts

HISTORY_FILE = "history.jsonl"
TREND_RUNS = 30  # runs drawn in the report; the file itself keeps everything


def history_entry(results: dict[str, Any]) -> dict[str, Any]:
    """The history line of one run, computed from its results object alone."""
    locales: dict[str, dict[str, Any]] = {}

    def slot(code: str) -> dict[str, Any]:
        return locales.setdefault(code, {"targets": 0, "errors": 0, "by_severity": Counter(),
                                         "by_family": Counter(), "coverage": None})

    for loc in results.get("locales") or []:
        if isinstance(loc, dict) and "code" in loc:
            slot(str(loc["code"]))
    for t in results.get("targets") or []:
        s = slot(str(t.get("locale", "")))
        s["targets"] += 1
        s["errors"] += t.get("status") != "ok"
        _count(s, t.get("findings") or [])
    for c in results.get("catalogs") or []:
        s = slot(str(c.get("locale", "")))
        s["coverage"] = c.get("percent")
        _count(s, c.get("findings") or [])
    for s in locales.values():
        s["by_severity"] = {sev: s["by_severity"].get(sev, 0) for sev in reversed(SEVERITIES)}
        s["by_family"] = dict(sorted(s["by_family"].items()))
    entry: dict[str, Any] = {
        "run_id": results.get("run_id", ""),
        "finished_at": results.get("finished_at", ""),
        "kind": results.get("kind", "scan"),
        "complete": bool(results.get("complete", False)),
        "exit_code": results.get("exit_code"),
        "fail_on": results.get("fail_on", ""),
        "locales": locales,
        "baseline": baseline_counts(results) if "baseline" in results else None,
    }
    return entry


def _count(slot: dict[str, Any], findings: list[dict[str, Any]]) -> None:
    for f in findings:
        if not f.get("needs_review"):
            slot["by_severity"][str(f.get("severity", ""))] += 1
            slot["by_family"][check_family(str(f.get("check", "")))] += 1


def append_history(path: Path, entry: dict[str, Any]) -> None:
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=True, allow_nan=False) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_history(path: Path) -> list[dict[str, Any]]:
    """Every readable entry, oldest first; a run recorded twice (a resumed run) keeps its last line."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []
    entries: dict[str, dict[str, Any]] = {}
    for line in lines:
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(item, dict) and isinstance(item.get("locales"), dict):
            run_id = str(item.get("run_id", ""))
            entries.pop(run_id, None)  # re-insert: a resumed run moves to where it finished
            entries[run_id] = item
    return list(entries.values())


def trend(entries: list[dict[str, Any]], until_run: str | None = None, limit: int = TREND_RUNS) -> list[dict[str, Any]]:
    """What the report draws: the last `limit` entries, up to and including `until_run` when given
    (re-rendering an old run), without the per-family counts the charts do not use."""
    if until_run is not None:
        ids = [str(e.get("run_id", "")) for e in entries]
        if until_run in ids:
            entries = entries[: ids.index(until_run) + 1]
    return [_drawn(e) for e in entries[-limit:]]


def _drawn(entry: dict[str, Any]) -> dict[str, Any]:
    locales = {code: {k: v for k, v in slot.items() if k != "by_family"} if isinstance(slot, dict) else slot
               for code, slot in (entry.get("locales") or {}).items()}
    return {**entry, "locales": locales}
