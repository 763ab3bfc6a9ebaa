"""The last step of every run: baseline, history, then every output file, then `latest` repointed.

results -> mark against the baseline -> summarize (exit code) -> append to history.jsonl ->
write results.json, HTML, JUnit, SARIF, summary.md -> record the baseline if asked. scan,
recheck, coverage and merge all end here, so they agree on every file they leave behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.files.atomic import atomic_write_text
from pipeline.files.rundir import point_latest
from pipeline.report.outputs import write_all
from pipeline.results import baseline as bl
from pipeline.results.build import summarize
from pipeline.results.history import HISTORY_FILE, append_history, history_entry, read_history, trend


@dataclass(frozen=True)
class FinishOptions:
    baseline: dict[str, Any] | None = None  # a parsed baseline (pipeline.results.baseline.load)
    baseline_file: str = ""
    update_baseline: Path | None = None
    previous_baseline: dict[str, Any] | None = None  # what update_baseline held before, if anything
    history: bool = True


def load_options(baseline: str | None, update_baseline: str | None) -> FinishOptions:
    """Read the baseline files named on the command line up front, so a bad one stops the run
    (exit 2) before any browser work."""
    base = bl.load(Path(baseline)) if baseline else None
    update = Path(update_baseline) if update_baseline else None
    previous = None
    if update is not None:
        if update.is_dir():
            raise bl.BaselineError(f"{update}: --update-baseline needs a file path, not a directory")
        if baseline and update.resolve() == Path(baseline).resolve():
            previous = base
        elif update.is_file():
            previous = bl.load(update)
    return FinishOptions(baseline=base, baseline_file=baseline or "", update_baseline=update,
                         previous_baseline=previous)


def finish_run(results: dict[str, Any], run_dir: Path,
               options: FinishOptions | None = None) -> tuple[dict[str, Any], Path]:
    """Apply the options and write every output; returns the final results and index.html."""
    opts = options or FinishOptions()
    if opts.baseline is not None:
        results = bl.apply(results, opts.baseline, opts.baseline_file)
    summarize(results)
    if opts.history:
        history_path = Path(run_dir).resolve().parent / HISTORY_FILE
        append_history(history_path, history_entry(results))
        kind = results.get("kind", "scan")  # a coverage run's counts are not a scan's: separate trends
        same_kind = [e for e in read_history(history_path) if e.get("kind", "scan") == kind]
        results["trend"] = trend(same_kind, until_run=str(results.get("run_id", "")))
    index = write_all(results, run_dir)
    if opts.update_baseline is not None:
        atomic_write_text(opts.update_baseline, bl.dumps(bl.record(results, opts.previous_baseline)))
    return results, index


@dataclass(frozen=True)
class RunOutput:
    results: dict[str, Any]
    run_dir: Path
    index: Path

    @property
    def exit_code(self) -> int:
        return int(self.results["exit_code"])


def publish(results: dict[str, Any], run_dir: Path, out_root: Path | None,
            options: FinishOptions | None = None) -> RunOutput:
    """Finish the run (`finish_run`) and, with `out_root`, make it `out_root/latest`."""
    final, index = finish_run(results, run_dir, options)
    results.update(final)  # callers hold this dict: let them see the baseline marks and trend
    if out_root is not None:
        point_latest(out_root, run_dir)
    return RunOutput(results, run_dir, index)


def rerender(run_dir: Path, results: dict[str, Any]) -> Path:
    """`a11y-l10n report RUN_DIR`: every output again from RUN_DIR's results (no run, no history line)."""
    if "trend" not in results:  # written before history existed: take it from the output root, if any
        entries = read_history(Path(run_dir).resolve().parent / HISTORY_FILE)
        found = trend(entries, until_run=str(results.get("run_id", "")))
        if found and found[-1].get("run_id") == results.get("run_id"):
            results["trend"] = found
    return write_all(results, run_dir)
