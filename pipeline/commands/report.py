"""`a11y-l10n report RUN_DIR`: every output file again from RUN_DIR/results.json (no run, no history line)."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.report.publish import rerender
from pipeline.results.build import EXIT_OK, EXIT_USAGE
from pipeline.results.results_json import load_results_json


def run_report(run_dir: Path) -> int:
    if not (run_dir / "results.json").is_file():
        print(f"error: {run_dir}: no results.json; pass a run directory like reports/latest", file=sys.stderr)
        return EXIT_USAGE
    try:
        results = load_results_json(run_dir / "results.json")
    except ValueError as exc:  # not JSON, or another schema version: one line, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"report: writing index.html, junit.xml, results.sarif, summary.md from {run_dir}/results.json",
          file=sys.stderr, flush=True)
    index = rerender(run_dir, results)
    print(f"report: {index}", file=sys.stderr)
    return EXIT_OK
