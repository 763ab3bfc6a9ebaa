"""Report stage: ``results.json``, the HTML report and the console summary.

The report reads only the results dict (never the browser or the config), so a saved
``results.json`` can always be re-rendered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .atomic import atomic_write_bytes, atomic_write_text
from .console import format_summary
from .html import CSP, write_html_report
from .names import safe_name
from .results_json import SCHEMA_VERSION, load_results_json, write_results_json

__all__ = [
    "CSP",
    "SCHEMA_VERSION",
    "atomic_write_bytes",
    "atomic_write_text",
    "format_summary",
    "load_results_json",
    "safe_name",
    "write_html_report",
    "write_report",
    "write_results_json",
]


def write_report(results: dict[str, Any], run_dir: Path) -> Path:
    """Write ``results.json`` first (the data of record), then the HTML; return index.html.

    Data first: if rendering fails, the results are still saved and can be re-rendered.
    """
    write_results_json(results, run_dir)
    return write_html_report(results, run_dir)
