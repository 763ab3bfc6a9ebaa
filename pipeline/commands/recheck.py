"""`a11y-l10n recheck RUN_DIR`: every check again on a saved run's artifacts; no browser, no network."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from pipeline.catalogs import load_catalogs
from pipeline.checks.driver import check_targets
from pipeline.config import Config
from pipeline.files.rundir import load_artifacts, new_run_dir, previous_engine
from pipeline.progress import Progress
from pipeline.report.publish import FinishOptions, RunOutput, publish
from pipeline.results.build import build_results, catalog_entry


def run_recheck(config: Config, artifacts_dir: Path, out_root: Path, progress: Progress,
                finish: FinishOptions | None = None) -> RunOutput:
    started = datetime.now(UTC)
    artifacts = load_artifacts(artifacts_dir)
    if not artifacts:
        raise FileNotFoundError(f"{artifacts_dir}/artifacts: no saved artifacts; pass a run directory")
    catalogs = load_catalogs(config)
    run_id, run_dir = new_run_dir(out_root)
    for sub in ("artifacts", "screenshots"):
        if (artifacts_dir / sub).is_dir():
            shutil.copytree(artifacts_dir / sub, run_dir / sub)
    progress.say(f"recheck: {len(artifacts)} artifact(s) from {artifacts_dir}")
    results = build_results(config, check_targets(config, artifacts, catalogs),
                            [catalog_entry(c, config) for c in catalogs], run_id=run_id, started=started,
                            engine=previous_engine(artifacts_dir))
    return publish(results, run_dir, out_root, finish)
