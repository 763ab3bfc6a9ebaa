"""`a11y-l10n merge DIR...`: shard runs (see pipeline/plan/shard.py) joined into one results object.

Merging unions the shards' targets and recomputes every total with the same
code a single run uses, so a merged result equals an unsharded one (timestamps aside).
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.plan.shard import ShardError
from pipeline.results.baseline import merge_sections
from pipeline.results.results_json import load_results_json


def _target_key(t: dict[str, Any]) -> tuple[str, str]:
    return (t["page"], t["locale"])


def merge_results(parts: list[dict[str, Any]], run_id: str) -> dict[str, Any]:
    """Union shard results into one results object (summary recomputed by the caller)."""
    if not parts:
        raise ShardError("nothing to merge: pass one or more run directories")
    first = parts[0]
    for other in parts[1:]:
        for key in ("pages", "locales", "source_locale", "fail_on"):
            if other.get(key) != first.get(key):
                raise ShardError(f"cannot merge runs with different '{key}': they come from different configs")
    targets: dict[tuple[str, str], dict[str, Any]] = {}
    for part in parts:
        for t in part["targets"]:
            prev = targets.get(_target_key(t))
            if prev is None or (prev["status"] == "error" and t["status"] == "ok"):
                targets[_target_key(t)] = t
    order = {(p, loc["code"]): i for i, (p, loc) in
             enumerate((p, loc) for p in first["pages"] for loc in first["locales"])}
    absent = {(str(p), str(c)) for p, c in (first.get("discovery") or {}).get("absent", [])}
    missing = [k for k in order if k not in targets and k not in absent]
    merged_targets = sorted(targets.values(), key=lambda t: order.get(_target_key(t), len(order)))
    engines = {str(sorted(p.get("engine", {}).items())) for p in parts}
    started = min(p["started_at"] for p in parts)
    finished = max(p["finished_at"] for p in parts)
    # baseline and trend are per run: unioned below / recomputed when the merged run is written.
    merged: dict[str, Any] = {k: v for k, v in first.items() if k not in ("shard", "summary", "baseline", "trend")}
    merged.update({
        "run_id": run_id,
        "started_at": started,
        "finished_at": finished,
        "duration_s": round(sum(float(p.get("duration_s", 0)) for p in parts), 2),
        "merged_from": [p.get("run_id", "") for p in parts],
        "complete": all(p.get("complete", False) for p in parts) and not missing,
        "targets": merged_targets,
        "catalogs": first["catalogs"],
        "missing_targets": [{"page": p, "locale": loc} for p, loc in missing],
    })
    baseline = merge_sections(parts)
    if baseline is not None:
        merged["baseline"] = baseline
    if len(engines) > 1:
        merged["engine"] = {**first.get("engine", {}), "note": "shards ran different engines"}
    return merged


def merge_dirs(run_dirs: list[Path], out_dir: Path, run_id: str | None = None) -> dict[str, Any]:
    """Load each shard's results.json, merge, and copy screenshots/artifacts into out_dir."""
    parts = []
    for d in run_dirs:
        path = d / "results.json"
        if not path.is_file():
            raise ShardError(f"{d}: no results.json; pass run directories written by `a11y-l10n scan --shard`")
        parts.append(load_results_json(path))
    merged = merge_results(parts, run_id or datetime.now(UTC).strftime("%Y%m%d-%H%M%S") + "-merged")
    for d in run_dirs:
        for sub in ("screenshots", "artifacts"):
            if (d / sub).is_dir():
                shutil.copytree(d / sub, out_dir / sub, dirs_exist_ok=True)
    return merged
