"""`a11y-l10n merge RUN_DIR...`: shard runs joined into one run, summarized and published like a scan."""

from __future__ import annotations

from pathlib import Path

from pipeline.files.rundir import new_run_dir
from pipeline.progress import Progress
from pipeline.report.publish import FinishOptions, RunOutput, publish
from pipeline.results.build import summarize
from pipeline.results.merge import merge_dirs


def run_merge(run_dirs: list[Path], out_root: Path, progress: Progress,
              finish: FinishOptions | None = None) -> RunOutput:
    run_id, run_dir = new_run_dir(out_root)
    progress.say(f"merge: {len(run_dirs)} run(s) → {run_dir}")
    results = summarize(merge_dirs(run_dirs, run_dir, run_id=run_id))
    return publish(results, run_dir, out_root, finish)
