"""The results object (results.json's content): built from target and catalog entries, and its
summary and exit code computed in one place, so a scan, a recheck and a merge of shards agree."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pipeline import __version__
from pipeline.catalogs.stats import catalog_stats
from pipeline.catalogs.wordcount import word_fields
from pipeline.checks.catalog import run_catalog_checks
from pipeline.checks.catalog.quality import settings_from_config
from pipeline.checks.registry import apply_config
from pipeline.config import Config
from pipeline.files.rundir import display_path
from pipeline.model import SEVERITIES, CatalogArtifact, severity_rank

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3


def catalog_entry(artifact: CatalogArtifact, config: Config) -> dict[str, Any]:
    stats = catalog_stats(artifact)
    findings = apply_config(run_catalog_checks(artifact, settings=settings_from_config(config)), config)
    return {
        "locale": artifact.locale, "path": artifact.path,
        "total": stats.total, "translated": stats.translated, "fuzzy": stats.fuzzy,
        "untranslated": stats.untranslated, "obsolete": stats.obsolete, "percent": stats.percent,
        "plural_forms": artifact.plural_forms,
        "findings": [f.to_dict() for f in findings],
        **word_fields(artifact),
    }


def summarize(results: dict[str, Any]) -> dict[str, Any]:
    """(Re)compute summary, completeness and exit code from targets + catalogs, in place.

    The one place these numbers come from, so a scan, a recheck and a merge of shards agree.
    """
    targets, catalogs = results["targets"], results["catalogs"]
    all_findings = [f for t in targets for f in t["findings"]] + [f for c in catalogs for f in c["findings"]]
    by_sev = {s: 0 for s in reversed(SEVERITIES)}
    by_check: dict[str, int] = {}
    for f in all_findings:
        by_sev[f["severity"]] = by_sev.get(f["severity"], 0) + 1
        by_check[f["check"]] = by_check.get(f["check"], 0) + 1
    fail_on = results["fail_on"]
    threshold = severity_rank(fail_on) if fail_on != "never" else len(SEVERITIES)
    # With a baseline only new findings gate (pipeline/baseline.py marks the known ones).
    failing = sum(1 for f in all_findings if severity_rank(f["severity"]) >= threshold and f.get("baseline") != "known")
    errors = sum(1 for t in targets if t["status"] == "error")
    complete = bool(results.get("complete", True)) and errors == 0
    results["complete"] = complete
    results["exit_code"] = EXIT_INCOMPLETE if not complete else (EXIT_FINDINGS if failing else EXIT_OK)
    results["summary"] = {
        "targets": len(targets), "errors": errors, "failing_findings": failing,
        "needs_review": sum(len(t["needs_review"]) for t in targets),
        "by_severity": by_sev, "by_check": dict(sorted(by_check.items())),
    }
    if "baseline" in results:
        from pipeline.results.baseline import counts

        results["summary"]["baseline"] = counts(results)
    return results


def build_results(config: Config, target_entries: list[dict[str, Any]],
                  catalog_entries: list[dict[str, Any]], *, run_id: str, started: datetime,
                  engine: dict[str, str], complete: bool = True) -> dict[str, Any]:
    order = {(p, loc.code): i
             for i, (p, loc) in enumerate((p, loc) for p, _ in config.pages for loc in config.locales)}
    ordered = sorted(target_entries, key=lambda t: order.get((t["page"], t["locale"]), len(order)))
    finished = datetime.now(UTC)
    results: dict[str, Any] = {
        "schema_version": 1,
        "tool": {"name": "a11y-l10n", "version": __version__},
        "run_id": run_id,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
        "duration_s": round((finished - started).total_seconds(), 2),
        "complete": complete,
        "engine": engine,
        "config_path": display_path(config.path),
        "fail_on": config.fail_on,
        "exit_code": EXIT_OK,
        "source_locale": config.source_locale,
        "pages": [p for p, _ in config.pages],
        "locales": [{"code": loc.code, "lang": loc.lang, "dir": loc.dir} for loc in config.locales],
        "summary": {},
        "targets": ordered,
        "catalogs": catalog_entries,
    }
    return summarize(results)
