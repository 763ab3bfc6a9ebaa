"""Sharding: --shard K/N splits by whole pages; merging shards equals an unsharded run."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.plan.shard import Shard, ShardError, parse_shard, shard_pages
from pipeline.results.merge import merge_results
from tests.conftest import OTHER_SITE, other_site_config

ROOT = Path(__file__).resolve().parents[1]
PAGES = tuple((f"p{i}", f"p{i}.html") for i in range(7))


def test_parse_shard() -> None:
    assert parse_shard("2/4") == Shard(2, 4)
    for bad in ("0/3", "4/3", "x", "1/0", "1-2"):
        with pytest.raises(ShardError):
            parse_shard(bad)


def test_shards_partition_pages_and_are_balanced() -> None:
    shards = [shard_pages(PAGES, Shard(k, 3)) for k in (1, 2, 3)]
    flat = [p for s in shards for p in s]
    assert sorted(flat) == sorted(PAGES) and len(flat) == len(set(flat))
    assert sorted(len(s) for s in shards) == [2, 2, 3]
    assert shard_pages(PAGES, Shard(2, 3)) == shard_pages(PAGES, Shard(2, 3))  # deterministic


def test_merge_refuses_runs_of_different_configs() -> None:
    a = {"pages": ["a"], "locales": [], "source_locale": "en", "fail_on": "serious", "targets": [],
         "catalogs": [], "started_at": "1", "finished_at": "2"}
    with pytest.raises(ShardError, match="pages"):
        merge_results([a, {**a, "pages": ["b"]}], "x")


VOLATILE = {"run_id", "started_at", "finished_at", "duration_s", "merged_from", "missing_targets", "shard",
            "interrupted", "trend"}
TARGET_VOLATILE = {"duration_s", "timings", "check_timings", "url", "final_url"}


def normalized(results: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in results.items() if k not in VOLATILE}
    out["engine"] = {k: v for k, v in results["engine"].items() if k != "browser_relaunches"}
    out["targets"] = [{k: v for k, v in t.items() if k not in TARGET_VOLATILE} for t in results["targets"]]
    return out


@pytest.mark.browser
def test_merged_shards_equal_an_unsharded_run(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    base = static_server(OTHER_SITE)
    config = other_site_config(tmp_path / "site.toml", base, locales=("en", "es", "ar"))

    def cli(*args: str) -> Path:
        out = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
        proc = subprocess.run([sys.executable, "-m", "pipeline", *args, "--out", str(out), "--quiet"],
                              capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert proc.returncode in (0, 1), proc.stderr
        return (out / "latest").resolve()

    whole = cli("scan", "--config", str(config))
    shard1 = cli("scan", "--config", str(config), "--shard", "1/2")
    shard2 = cli("scan", "--config", str(config), "--shard", "2/2")
    s1 = json.loads((shard1 / "results.json").read_text())
    assert {t["page"] for t in s1["targets"]} == {"diversity"} and s1["shard"] == "1/2"
    merged_dir = cli("merge", str(shard1), str(shard2))
    merged = json.loads((merged_dir / "results.json").read_text())
    unsharded = json.loads((whole / "results.json").read_text())
    assert normalized(merged) == normalized(unsharded)
    assert merged["summary"]["targets"] == 6 and merged["complete"] is True
    assert (merged_dir / "index.html").is_file()
    assert all((merged_dir / t["screenshot"]).is_file() for t in merged["targets"])


@pytest.mark.browser
def test_merge_with_a_missing_shard_is_incomplete(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    base = static_server(OTHER_SITE)
    config = tmp_path / "site.toml"
    config.write_text(f'[site]\nbase_url = "{base}"\n[pages]\na = "diversity.html"\nb = "contact.html"\n'
                      '[locales.en]\nurl = "{base_url}/en-US/{path}"\nlang = "en-US"\n', encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "scan", "--config", str(config), "--shard", "1/2", "--out",
                    str(out), "--quiet"], capture_output=True, text=True, timeout=300, cwd=ROOT, check=False)
    shard1 = (out / "latest").resolve()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "merge", str(shard1), "--out", str(tmp_path / "m"),
                           "--quiet"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 3
    merged = json.loads((tmp_path / "m" / "latest" / "results.json").read_text())
    assert merged["complete"] is False and merged["missing_targets"] == [{"page": "b", "locale": "en"}]
