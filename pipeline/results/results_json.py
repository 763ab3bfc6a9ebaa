"""``results.json``: the one file every later step (report, CI, --recheck) reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.config import ConfigError
from pipeline.files.atomic import atomic_write_text

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


def find_scan_results(out_root: Path, explicit: str | None) -> dict[str, Any] | None:
    """The scan results that rank the entries: ``--results FILE``, else the newest scan under ``out_root``.

    Coverage-only runs have no pages, so the newest run *with targets* is taken. Call this before the
    coverage run repoints ``latest``. A given file that cannot be read is a usage error.
    """
    if explicit is not None:
        try:
            return load_results_json(explicit)
        except FileNotFoundError:
            raise ConfigError(explicit, 0, "--results: no such file; pass a run's results.json") from None
        except ValueError as exc:
            raise ConfigError(explicit, 0, f"--results: {exc}") from None
    if not out_root.is_dir():
        return None
    for run_dir in sorted((d for d in out_root.iterdir() if d.is_dir() and not d.is_symlink()), reverse=True):
        candidate = run_dir / RESULTS_FILE
        try:
            results = load_results_json(candidate)
        except (OSError, ValueError, json.JSONDecodeError):
            continue
        if results.get("targets"):
            return results
    return None
