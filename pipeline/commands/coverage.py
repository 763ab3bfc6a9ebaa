"""`a11y-l10n coverage`: catalog completeness and catalog checks, no browser; optionally work
packages for translators (`--export-missing`), ranked by a scan's results."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pipeline.catalogs import load_catalogs
from pipeline.catalogs.export import export_work_packages
from pipeline.config import Config
from pipeline.files.rundir import new_run_dir
from pipeline.progress import Progress
from pipeline.report.publish import FinishOptions, RunOutput, publish
from pipeline.results.build import build_results, catalog_entry
from pipeline.results.results_json import find_scan_results


def run_coverage(config: Config, out_root: Path, progress: Progress, finish: FinishOptions | None = None,
                 export_missing: Path | None = None, scan_results: str | None = None) -> RunOutput:
    started = datetime.now(UTC)
    # Before this run becomes the newest: the scan that ranks the work packages.
    ranking = find_scan_results(out_root, scan_results) if export_missing is not None else None
    catalogs = load_catalogs(config)
    run_id, run_dir = new_run_dir(out_root)
    progress.say(f"coverage: {len(catalogs)} catalog(s) from {config.catalog_dir}")
    results = build_results(config, [], [catalog_entry(c, config) for c in catalogs], run_id=run_id,
                            started=started, engine={})
    results["kind"] = "coverage"
    output = publish(results, run_dir, out_root, finish)
    if export_missing is not None:
        export_work_packages(config, export_missing, ranking, progress)
    return output
