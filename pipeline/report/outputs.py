"""Every file a run directory gets from its results object, each written atomically.

results.json first (the data of record), then the HTML report, junit.xml, results.sarif and
summary.md. One format failing to render does not stop the others; the first error is raised
after all were tried, so a CI job still has whatever could be written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.results.results_json import write_results_json

from .html import write_html_report
from .junit import write_junit
from .sarif import write_sarif
from .summary_md import write_summary

WRITERS: tuple[Callable[[dict[str, Any], Path], Path], ...] = (write_junit, write_sarif, write_summary)


def write_all(results: dict[str, Any], run_dir: Path) -> Path:
    """Write every output into run_dir; return index.html."""
    write_results_json(results, run_dir)
    errors: list[Exception] = []
    index = Path(run_dir) / "index.html"
    try:
        index = write_html_report(results, run_dir)
    except Exception as exc:  # the machine-readable outputs still matter to CI
        errors.append(exc)
    for writer in WRITERS:
        try:
            writer(results, run_dir)
        except Exception as exc:
            errors.append(exc)
    if errors:
        raise errors[0]
    return index
