"""Shared fixtures: a static file server on 127.0.0.1 (free port, stops by itself)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# Which stage each test file tests, so one stage's tests run alone: `pytest -m checks`,
# `pytest -m "catalogs and not browser"`. tests/test_layers.py fails for a file left out.
STAGE_OF_FILE: dict[str, str] = {
    "test_config.py": "config", "test_bad_input.py": "config",
    "test_discovery.py": "plan",
    "test_browser.py": "gather", "test_frames.py": "gather", "test_gather_wire.py": "gather",
    "test_screenshot_capture.py": "gather", "test_actions_auth.py": "gather", "test_faults.py": "gather",
    "test_incremental.py": "gather", "test_hostile.py": "gather",
    "test_page_checks.py": "checks", "test_l10n_layout_checks.py": "checks", "test_l10n_rendered_checks.py": "checks",
    "test_not_translatable.py": "checks", "test_real_pages.py": "checks", "test_real_pages_layout.py": "checks",
    "test_docs_pages_l10n.py": "checks", "test_catalog_checks.py": "checks", "test_catalog_quality.py": "checks",
    "test_sample_golden.py": "checks",
    "test_catalogs.py": "catalogs", "test_catalog_formats.py": "catalogs", "test_wordcount.py": "catalogs",
    "test_export_missing.py": "catalogs", "test_coverage_cli.py": "catalogs",
    "test_baseline.py": "results", "test_history.py": "results", "test_shard_merge.py": "results",
    "test_report.py": "report", "test_report_standard.py": "report", "test_outputs.py": "report",
    "test_locale_pages.py": "report", "test_screenshots.py": "report",
    "test_scan_integration.py": "run", "test_sample_site.py": "run", "test_baseline_scan.py": "run",
    "test_progress.py": "run", "test_ci_files.py": "run", "test_bench_turns.py": "run", "test_layers.py": "run",
    "test_ci_scripts.py": "run", "test_ci_artifacts.py": "run", "test_ci_lint.py": "run",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        stage = STAGE_OF_FILE.get(item.path.name)
        if stage is not None:
            item.add_marker(getattr(pytest.mark, stage))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def static_server() -> Iterator[callable]:  # type: ignore[valid-type]
    """Factory: serve a directory on 127.0.0.1:<free port>; every server is shut down at the end."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


OTHER_SITE = FIXTURES / "other_site"
_OTHER_LOCALES = {
    "en": '[locales.en]\nurl = "{base_url}/en-US/{path}"\nlang = "en-US"\n',
    "es": '[locales.es]\nurl = "{base_url}/es-419/{path}"\n',
    "zh": '[locales.zh]\nurl = "{base_url}/zh-Hans/{path}"\nlang = "zh-Hans"\n',
    "ar": '[locales.ar]\nurl = "{base_url}/ar-EG/{path}"\n',
}


def other_site_config(path: Path, base_url: str, locales: tuple[str, ...] = ("en", "es", "zh", "ar"),
                      catalogs: bool = False) -> Path:
    """A config like the README's for the second test site (/en-US/, /es-419/, /zh-Hans/, /ar-EG/)."""
    text = f'source_locale = "en"\n[site]\nbase_url = "{base_url}"\n'
    text += '[pages]\ndiversity = "diversity.html"\ncontact = "contact.html"\n'
    text += "".join(_OTHER_LOCALES[loc] for loc in locales)
    text += '[l10n]\ndo_not_translate = ["Harbor Clinic"]\n'
    if catalogs:
        text += f'[catalogs]\ndir = "{OTHER_SITE / "locale"}"\ndomain = "django"\n'
    text += '[axe]\ntags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]\n'
    path.write_text(text, encoding="utf-8")
    return path


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A Chromium for tests that open the generated report (one per test module)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
