"""``results.json``: the one file every later step (report, CI, --recheck) reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .atomic import atomic_write_text

SCHEMA_VERSION = 1
RESULTS_FILE = "results.json"


def dumps_results(results: dict[str, Any]) -> str:
    """Stable text: sorted keys and fixed indent so two runs diff cleanly.

    ``ensure_ascii=False`` keeps Arabic and Chinese readable; ``allow_nan=False`` refuses
    NaN/Infinity, which are not JSON and break strict parsers downstream.
    """
    return json.dumps(results, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


def write_results_json(results: dict[str, Any], run_dir: Path) -> Path:
    """Atomically write ``run_dir/results.json`` and return its path."""
    path = Path(run_dir) / RESULTS_FILE
    atomic_write_text(path, dumps_results(results))
    return path


def load_results_json(path: Path | str) -> dict[str, Any]:
    """Read a results file, refusing anything that is not schema version 1."""
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a JSON object at the top level, got {type(data).__name__}")
    version = data.get("schema_version")
    # bool is an int subclass: `true` must not pass as version 1.
    if isinstance(version, bool) or version != SCHEMA_VERSION:
        raise ValueError(
            f"{source}: unsupported results schema_version {version!r}; "
            f"this tool reads version {SCHEMA_VERSION}"
        )
    return data
