"""The sample site's saved artifacts and the findings every check gives on them (a golden file).

`tests/test_sample_golden.py` rechecks the saved artifacts without a browser and compares every
finding (check, page, locale, selector, message, severity, details) with `findings.json`, so a
change that moves code around cannot change what users are told. When a check changes on
purpose, refresh both files from a fresh scan of the sample site and review the diff:

    a11y-l10n scan --out /tmp/golden && python -m tests.sample_golden /tmp/golden/latest
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

from pipeline.catalogs import load_catalogs
from pipeline.checks.driver import check_targets
from pipeline.config import SAMPLE_CONFIG, load_config
from pipeline.model import PageArtifact

HERE = Path(__file__).parent / "fixtures" / "sample_run"
SAVED = HERE / "artifacts.json.gz"
EXPECTED = HERE / "findings.json"


def saved_artifacts() -> list[PageArtifact]:
    data: list[dict[str, Any]] = json.loads(gzip.decompress(SAVED.read_bytes()))
    return [PageArtifact.from_dict(a) for a in data]


def findings_of(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for t in entries:
        for kind in ("findings", "needs_review"):
            for f in t[kind]:
                rows.append({"page": t["page"], "locale": t["locale"], "kind": kind, "check": f["check"],
                             "selector": f.get("selector", ""), "message": f["message"],
                             "severity": f["severity"], "details": f.get("details", {})})
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


def recheck() -> list[dict[str, Any]]:
    config = load_config(str(SAMPLE_CONFIG))
    return findings_of(check_targets(config, saved_artifacts(), load_catalogs(config)))


def save(run_dir: Path) -> None:
    arts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((run_dir / "artifacts").glob("*.json"))]
    for art in arts:
        art["screenshot"], art["timings"] = "", {}
    HERE.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(arts, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    SAVED.write_bytes(gzip.compress(raw, mtime=0))
    EXPECTED.write_text(json.dumps(recheck(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    save(Path(sys.argv[1]))
    print(f"saved {SAVED} and {EXPECTED}")
