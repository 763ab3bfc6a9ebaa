"""A run directory on disk: creating it, repointing `latest`, and the page artifacts saved in it.

Every command reads and writes runs through here, so the layout (`<out>/<run-id>/artifacts/*.json`,
`<out>/latest`) is defined once.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from pipeline.files.atomic import atomic_write_text
from pipeline.files.names import safe_name
from pipeline.model import PageArtifact, dumps


class RunDirError(ValueError):
    """--out names something that cannot hold runs."""


def new_run_dir(out_root: Path) -> tuple[str, Path]:
    """A fresh `<out_root>/<UTC timestamp>[-n]` directory; returns (run id, path)."""
    if out_root.exists() and not out_root.is_dir():
        raise RunDirError(f"{out_root}: --out must be a directory (it is a file); pass a directory path")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    run_id, n = stamp, 1
    while (out_root / run_id).exists():
        n += 1
        run_id = f"{stamp}-{n}"
    run_dir = out_root / run_id
    run_dir.mkdir(parents=True)
    return run_id, run_dir


def point_latest(out_root: Path, run_dir: Path) -> None:
    """Atomically repoint out_root/latest at the newest run (relative symlink)."""
    link = out_root / "latest"
    tmp = out_root / f".latest-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        tmp.symlink_to(run_dir.name, target_is_directory=True)
        os.replace(tmp, link)
    except OSError:
        # Filesystems without symlinks: leave a pointer file instead.
        atomic_write_text(out_root / "LATEST", run_dir.name + "\n")


def save_artifact(art: PageArtifact, run_dir: Path) -> None:
    path = run_dir / "artifacts" / f"{safe_name(art.page, art.locale)}.json"
    atomic_write_text(path, dumps(art))


def load_artifacts(run_dir: Path) -> list[PageArtifact]:
    out = []
    for p in sorted((run_dir / "artifacts").glob("*.json")):
        out.append(PageArtifact.from_dict(json.loads(p.read_text(encoding="utf-8"))))
    return out


def previous_engine(run_dir: Path) -> dict[str, str]:
    """The browser/axe facts of the run in `run_dir`, for a run that reuses its artifacts."""
    prev = run_dir / "results.json"
    if prev.is_file():
        engine: dict[str, str] = json.loads(prev.read_text(encoding="utf-8")).get("engine", {})
        return engine
    return {}


def display_path(path: str) -> str:
    """`path` relative to the working directory when it is inside it (how users typed it), else as given."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel
