"""`a11y-l10n scan`: plan the targets, gather them in Chromium, check each page group as it
completes, then build the results and publish every output."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.catalogs import load_catalogs
from pipeline.checks.driver import StreamingChecker
from pipeline.checks.registry import warm_up_checks
from pipeline.config import Config
from pipeline.files.rundir import load_artifacts, new_run_dir, previous_engine
from pipeline.model import PageArtifact, Target
from pipeline.plan import allowed_origins, make_plan
from pipeline.plan.shard import Shard
from pipeline.plan.site import check_reachable, site_base_url
from pipeline.progress import Progress
from pipeline.report.publish import FinishOptions, RunOutput, publish
from pipeline.results.build import build_results, catalog_entry


@dataclass(frozen=True)
class ScanOptions:
    resume: Path | None = None  # finish that run directory instead of starting a new one
    shard: Shard | None = None
    incremental: bool = False  # reuse the artifacts of targets unchanged since out_root/latest


def run_scan(config: Config, out_root: Path, progress: Progress, options: ScanOptions = ScanOptions(),
             finish: FinishOptions | None = None) -> RunOutput:
    started = datetime.now(UTC)
    catalogs = load_catalogs(config)  # bad catalogs fail fast, before any browser work
    with site_base_url(config) as base_url:
        plan = make_plan(config, base_url, progress.say)  # scope errors before any page is loaded
        config, planned = plan.config, list(plan.targets)
        plan.report_warnings(progress.say)
        if options.shard is not None:
            position = {page: i for i, (page, _) in enumerate(config.pages)}
            planned = [t for t in planned if options.shard.owns(position[t.page])]
        check_reachable(config, base_url)
        run_id, run_dir, reused = _run_dir(config, planned, base_url, out_root, options, progress)
        done = {(a.page, a.locale) for a in reused}
        targets = [t for t in planned if (t.page, t.locale) not in done]
        progress.say(f"scan: {len(config.pages)} page(s) × {len(config.locales)} locale(s)"
                     + (f", shard {options.shard}" if options.shard else "")
                     + f" = {len(targets) + len(done)} target(s) on {base_url} → {run_dir}"
                     + (f" ({len(done)} reused, {len(targets)} to scan)" if done else ""))
        checker = StreamingChecker(config, catalogs, expected=planned)
        for art in reused:
            checker.add(art)
        del reused  # the checker holds what it still needs
        if targets:
            from pipeline.gather.run import gather_run

            warm_up_checks(config)
            engine, interrupted = asyncio.run(gather_run(
                config, targets, run_dir, progress, checker.add, len(done), allowed_origins(config, base_url),
                base_url))
        else:  # everything reused: no browser needed
            engine, interrupted = previous_engine(options.resume or out_root / "latest"), False
    progress.say("checking catalogs and writing the report")
    results = build_results(config, checker.finish(), [catalog_entry(c, config) for c in catalogs],
                            run_id=run_id, started=started, engine=engine, complete=not interrupted)
    results["interrupted"] = interrupted
    if config.discover is not None:
        results["discovery"] = plan.summary()
    if options.shard is not None:
        results["shard"] = str(options.shard)
    return publish(results, run_dir, out_root if options.resume is None else None, finish)


def _run_dir(config: Config, planned: list[Target], base_url: str, out_root: Path, options: ScanOptions,
             progress: Progress) -> tuple[str, Path, list[PageArtifact]]:
    """The run's id and directory, and the artifacts it reuses (a resumed run's or unchanged targets')."""
    if options.resume is not None:
        wanted = {(p, loc.code) for p, _ in config.pages for loc in config.locales}
        finished = [a for a in load_artifacts(options.resume) if a.status == "ok" and (a.page, a.locale) in wanted]
        return options.resume.resolve().name, options.resume, finished
    if not options.incremental:  # an incremental run may need no browser at all
        from pipeline.gather.browser import preflight

        preflight(config.browser_executable)  # no browser: fail before the run directory exists
    run_id, run_dir = new_run_dir(out_root)
    if not options.incremental:
        return run_id, run_dir, []
    latest = out_root / "latest"
    if not (latest / "artifacts").is_dir():
        progress.say(f"incremental: no previous run in {out_root}; scanning everything")
        return run_id, run_dir, []
    from pipeline.gather.incremental import unchanged_targets

    return run_id, run_dir, unchanged_targets(config, planned, base_url, latest.resolve(), run_dir, progress)
