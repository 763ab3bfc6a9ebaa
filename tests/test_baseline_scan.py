"""The baseline round trip in real Chromium against a local server: record, rescan, change, merge."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.results import baseline as bl
from tests.conftest import OTHER_SITE, other_site_config

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> tuple[int, dict[str, Any], Path]:
    proc = subprocess.run([sys.executable, "-m", "pipeline", *args, "--quiet"], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr
    out = Path(args[args.index("--out") + 1])
    run_dir = (out / "latest").resolve()
    return proc.returncode, json.loads((run_dir / "results.json").read_text(encoding="utf-8")), run_dir


def where(findings: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return sorted((f["page"], f["locale"], f["check"]) for f in findings)


@pytest.mark.browser
def test_baseline_round_trip_in_chromium(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(OTHER_SITE, site)
    config = other_site_config(tmp_path / "site.toml", static_server(site), locales=("en", "es"))
    baseline = tmp_path / "ci" / "a11y-baseline.json"
    out = str(tmp_path / "reports")

    # 1. Record: the site has defects, so the run fails, and they become the baseline.
    code, first, _ = run_cli("scan", "--config", str(config), "--out", out, "--update-baseline", str(baseline))
    assert code == 1
    recorded = bl.load(baseline)
    counted = list(bl.counted_findings(first))
    assert len(recorded["findings"]) == len(counted) > 0
    assert ("contact", "es", "axe:image-alt") in where(counted)

    # 2. Rescan unchanged (new run id, new timestamps): nothing new, the gate passes.
    code, second, run_dir = run_cli("scan", "--config", str(config), "--out", out, "--baseline", str(baseline))
    assert code == 0
    assert second["summary"]["baseline"] == {"new": 0, "known": len(counted), "fixed": 0}
    assert second["run_id"] != first["run_id"]

    # 3. Add a defect, fix one, restyle another: only the added one is new, the fixed one is fixed.
    diversity = site / "en-US" / "diversity.html"
    diversity.write_text(diversity.read_text(encoding="utf-8").replace(
        "</main>", '<img src="/static/entrance.svg" width="60" height="40">\n</main>'), encoding="utf-8")
    contact_en = site / "en-US" / "contact.html"
    contact_en.write_text(contact_en.read_text(encoding="utf-8").replace(
        '<img src="/static/entrance.svg"', '<img alt="The clinic entrance" src="/static/entrance.svg"'),
        encoding="utf-8")
    contact_es = site / "es-419" / "contact.html"
    contact_es.write_text(contact_es.read_text(encoding="utf-8").replace(
        '<img src="/static/entrance.svg"', '<p>Visítenos.</p>\n<img class="photo" src="/static/entrance.svg"'),
        encoding="utf-8")
    code, third, run_dir = run_cli("scan", "--config", str(config), "--out", out, "--baseline", str(baseline))
    assert code == 1
    marked = list(bl.counted_findings(third))
    assert where([f for f in marked if f["baseline"] == "new"]) == [("diversity", "en", "axe:image-alt")]
    assert where(third["baseline"]["fixed"]) == [("contact", "en", "axe:image-alt")]
    assert ("contact", "es", "axe:image-alt") in where([f for f in marked if f["baseline"] == "known"])
    assert third["summary"]["failing_findings"] == 1
    for name in ("junit.xml", "results.sarif", "summary.md", "index.html"):
        assert (run_dir / name).is_file(), name  # written although the gate failed
    assert "**1 new**" in (run_dir / "summary.md").read_text(encoding="utf-8")
    history = (tmp_path / "reports" / "history.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["baseline"] for line in history][1:] == [
        {"new": 0, "known": len(counted), "fixed": 0}, third["summary"]["baseline"]]

    # 4. merge takes --baseline too (no browser): the same verdict on the merged run.
    code, merged, _ = run_cli("merge", str(run_dir), "--out", str(tmp_path / "merged"), "--baseline", str(baseline))
    assert code == 1 and merged["summary"]["baseline"] == third["summary"]["baseline"]
