"""The workflow's shard artifacts land in shards/shard-N/ however many shards uploaded one (no browser).

download-artifact v5+ unpacks a lone matching artifact straight into `path` (not path/<name>), so a run where
only one shard uploaded (a one-shard matrix, or the others failing with exit 2) would leave shards/results.json
and `a11y-l10n merge shards/shard-*` would find nothing. The workflow uploads the shard-N/ directory itself
and downloads with merge-multiple; this plays its upload and download steps, as written, with the stand-ins
of tests/test_ci_scripts.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.test_ci_scripts import GITHUB, GitHubJob, GitHubRun, gh_sub


def _step(job: dict[str, Any], uses: str) -> dict[str, Any]:
    return next(s for s in job["steps"] if s.get("uses", "").startswith(uses))


@pytest.mark.parametrize("shards", [[1], [1, 2], [2, 3, 4]])
def test_shard_artifacts_unpack_to_shards_shard_n(tmp_path: Path, shards: list[int]) -> None:
    data = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    upload = _step(data["jobs"]["scan"], "actions/upload-artifact@")
    download = _step(data["jobs"]["merge"], "actions/download-artifact@")
    run = GitHubRun(root=tmp_path, run_id=1, cache={})
    for shard in shards:
        work = tmp_path / f"scan-{shard}"
        (work / "upload" / f"shard-{shard}").mkdir(parents=True)  # what "Keep only the newest run" leaves
        (work / "upload" / f"shard-{shard}" / "results.json").write_text("{}", encoding="utf-8")
        job = GitHubJob(ctx={"matrix": {"shard": shard}}, workspace=work)
        run.act_upload_artifact({k: gh_sub(v, job) for k, v in upload["with"].items()}, job)
    merge = GitHubJob(ctx={}, workspace=tmp_path / "merge")
    run.act_download_artifact({k: gh_sub(v, merge) for k, v in download["with"].items()}, merge)
    landed = sorted(p.relative_to(merge.workspace).as_posix() for p in merge.workspace.rglob("results.json"))
    assert landed == [f"shards/shard-{k}/results.json" for k in shards]


def test_without_merge_multiple_a_lone_shard_would_land_flat(tmp_path: Path) -> None:
    """The control: the v5+ behaviour the workflow guards against is what the stand-in plays."""
    run = GitHubRun(root=tmp_path, run_id=1, cache={})
    work = tmp_path / "scan"
    (work / "out").mkdir(parents=True)
    (work / "out" / "results.json").write_text("{}", encoding="utf-8")
    run.act_upload_artifact({"name": "shard-1", "path": "out/"}, GitHubJob(ctx={}, workspace=work))
    merge = GitHubJob(ctx={}, workspace=tmp_path / "merge")
    run.act_download_artifact({"path": "shards", "pattern": "shard-*"}, merge)
    assert (merge.workspace / "shards" / "results.json").is_file()
