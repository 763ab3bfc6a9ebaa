"""Publish stage: the HTML report, JUnit, SARIF, summary.md and the console summary.

The report reads only the results dict (never the browser or the config), so a saved
``results.json`` can always be re-rendered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.results.results_json import write_results_json

from .console import format_summary
from .html import CSP, write_html_report

__all__ = ["CSP", "format_summary", "write_html_report", "write_report"]


def write_report(results: dict[str, Any], run_dir: Path) -> Path:
    """Write ``results.json`` first (the data of record), then the HTML; return index.html.

    Data first: if rendering fails, the results are still saved and can be re-rendered.
    """
    write_results_json(results, run_dir)
    return write_html_report(results, run_dir)
