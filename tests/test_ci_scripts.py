"""Run the shell steps of the shipped CI files, in order, against the bundled sample site.

The GitHub workflow and the GitLab CI file are what users copy; a renamed flag or path in them must break
our build, not their nights. Each test plays two nights of the file on this machine, the way the platform
would for two shards:

- its `run:` / `script:` steps go to bash with the matrix, env and `${{ }}` expressions (GitHub) or the
  predefined variables (GitLab) filled in as the platform would; the steps that only install things
  (pip, playwright, apt-get) are skipped: the test venv's `a11y-l10n` is on PATH instead;
- the actions the workflow uses (checkout, cache, artifacts, SARIF upload) and GitLab's cache and
  artifacts are played by small stand-ins that follow the semantics of the majors the file names
  (see EMULATED: a new major fails here until its changes were read and the stand-in follows them).

Night 1 records the baseline and gates on every finding (exit 1); night 2 reuses every page from the
cached shard runs (--incremental) and gates only on new findings (exit 0). No network: the sample site is
served on 127.0.0.1 by the tool, and where this user may, each script runs in a network namespace of its
own that has only loopback.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github" / "workflows" / "a11y-l10n-nightly.yml"
GITLAB = ROOT / "ci" / "gitlab" / "a11y-l10n-nightly.gitlab-ci.yml"
SHARDS = 2
STEP_TIMEOUT_S = 300
BIN = Path(sys.executable).parent
# What a checkout brings that decides how `a11y-l10n` runs in the job (config and committed baseline).
CHECKOUT_FILES = ("pyproject.toml", "a11y-l10n.toml", "a11y-l10n-baseline.json")
INSTALL_LINE = re.compile(r"^(sudo\s+)?(python\s+-m\s+pip\s+install|python\s+-m\s+playwright\s+install|apt-get)\b")

# The majors whose behaviour the stand-ins below follow (read from each action's releases and source).
EMULATED = {
    "actions/checkout": "v7",
    "actions/setup-python": "v7",
    "actions/cache/restore": "v6",
    "actions/cache/save": "v6",
    "actions/upload-artifact": "v7",
    "actions/download-artifact": "v8",
    "github/codeql-action/upload-sarif": "v4",
}


def _netns_ok() -> bool:
    """Root with unshare and ip: scripts run with loopback only (so no step can reach a network)."""
    if not (shutil.which("unshare") and shutil.which("ip")):
        return False
    probe = subprocess.run(["unshare", "-n", "ip", "link", "set", "lo", "up"], capture_output=True, timeout=30)
    return probe.returncode == 0


NETNS = _netns_ok()
IP = shutil.which("ip") or "ip"


def _have_chromium() -> bool:
    if os.environ.get("A11Y_L10N_CHROMIUM") or any(shutil.which(n) for n in ("chromium", "chromium-browser")):
        return True
    return any((Path.home() / ".cache" / "ms-playwright").glob("chromium*"))


@pytest.fixture(autouse=True)
def _needs_tool_and_browser() -> None:
    if not (BIN / "a11y-l10n").exists():
        pytest.skip(f"no a11y-l10n entry point next to {sys.executable}")
    if not _have_chromium():
        pytest.skip("no Chromium")


def is_install_only(script: str) -> bool:
    lines = [ln.strip() for ln in script.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    return bool(lines) and all(INSTALL_LINE.match(ln) for ln in lines)


def run_bash(script: str, cwd: Path, env: dict[str, str], opts: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    path = cwd.parent / f".step-{os.getpid()}-{abs(hash(script))}.sh"
    path.write_text(script, encoding="utf-8")
    argv = ["bash", "--noprofile", "--norc", *opts, str(path)]
    if NETNS:
        argv = ["unshare", "-n", "bash", "-c", f'{IP} link set lo up && exec "$@"', "netns", *argv]
    try:
        return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT_S,
                              stdin=subprocess.DEVNULL)
    finally:
        path.unlink()


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "RUNNER_", "CI_", "GITLAB_", "A11Y_L10N_")) and k != "CI"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}"
    env["CI"] = "true"
    env.setdefault("HOME", str(home))
    env.pop("VIRTUAL_ENV", None)
    return env


def copy_tree(src: Path, dst: Path, *, follow_symlinks: bool, hidden: bool = True) -> None:
    """Copy a file or a directory's contents into dst (merging)."""
    if src.is_file():
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
        return
    ignore = None if hidden else shutil.ignore_patterns(".*")
    shutil.copytree(src, dst, symlinks=not follow_symlinks, dirs_exist_ok=True, ignore=ignore)


def checkout(workspace: Path) -> None:
    workspace.mkdir(parents=True)
    for name in CHECKOUT_FILES:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, workspace / name)


def target_keys(results: Path) -> set[tuple[str, str]]:
    data = json.loads(results.read_text(encoding="utf-8"))
    return {(t["page"], t["locale"]) for t in data["targets"]}


# ---------------------------------------------------------------------------------------------- GitHub

class Unsupported(AssertionError):
    pass


_CTX_PATH = re.compile(r"^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$")


@dataclass
class GitHubJob:
    ctx: dict[str, Any]
    workspace: Path
    failed: bool = False


def gh_value(expr: str, job: GitHubJob) -> Any:
    """A GitHub expression, for what the workflow uses: contexts, literals, ==/!=, &&, always(), hashFiles()."""
    expr = expr.strip()
    parts = _split_top(expr, "&&")
    if len(parts) > 1:
        value: Any = True
        for part in parts:
            value = gh_value(part, job)
            if not value:
                return value
        return value
    for op in ("!=", "=="):
        sides = _split_top(expr, op)
        if len(sides) == 2:
            left, right = (gh_str(gh_value(s, job)) for s in sides)
            return (left != right) if op == "!=" else (left == right)
    if expr == "always()":
        return True
    if expr == "success()":
        return not job.failed
    if expr == "failure()":
        return job.failed
    m = re.fullmatch(r"hashFiles\('([^']*)'\)", expr)
    if m:
        return "0" * 64 if (job.workspace / m.group(1)).is_file() else ""
    m = re.fullmatch(r"'((?:[^']|'')*)'", expr)
    if m:
        return m.group(1).replace("''", "'")
    if expr in ("true", "false"):
        return expr == "true"
    if re.fullmatch(r"-?\d+", expr):
        return int(expr)
    if _CTX_PATH.match(expr):
        value = job.ctx
        for key in expr.split("."):
            if not isinstance(value, dict):
                raise Unsupported(f"cannot read {expr}")
            value = value.get(key)
        return value
    raise Unsupported(f"expression not played by this test: {expr!r} (teach gh_value)")


def _split_top(expr: str, op: str) -> list[str]:
    parts, depth, quoted, start, i = [], 0, False, 0, 0
    while i < len(expr):
        c = expr[i]
        if c == "'":
            quoted = not quoted
        elif not quoted and c == "(":
            depth += 1
        elif not quoted and c == ")":
            depth -= 1
        elif not quoted and depth == 0 and expr.startswith(op, i):
            parts.append(expr[start:i].strip())
            i += len(op)
            start = i
            continue
        i += 1
    parts.append(expr[start:].strip())
    return parts


def gh_str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def gh_sub(text: Any, job: GitHubJob) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: gh_str(gh_value(m.group(1), job)), gh_str(text))


def gh_if(step: dict[str, Any], job: GitHubJob) -> bool:
    """A step's `if:`; without a status function GitHub reads it as `success() && (...)`."""
    cond = str(step.get("if", "success()")).strip()
    m = re.fullmatch(r"\$\{\{(.*)\}\}", cond, re.S)
    cond = m.group(1).strip() if m else cond
    if not re.search(r"\b(always|success|failure|cancelled)\(\)", cond):
        return not job.failed and bool(gh_value(cond, job))
    return bool(gh_value(cond, job))


@dataclass
class GitHubRun:
    """One run of the workflow: the cache outlives it (next night), artifacts do not."""
    root: Path
    run_id: int
    cache: dict[str, Path]
    artifacts: dict[str, Path] = field(default_factory=dict)
    sarif_uploads: list[dict[str, Any]] = field(default_factory=list)
    logs: dict[str, str] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)
    gate: dict[str, int] = field(default_factory=dict)

    # -- action stand-ins (semantics of the EMULATED majors) --
    def act_checkout(self, with_: dict[str, str], job: GitHubJob) -> None:
        pass  # the job's workspace was checked out when the job started

    def act_setup_python(self, with_: dict[str, str], job: GitHubJob) -> None:
        pass  # the test venv's python and a11y-l10n are on PATH

    def act_cache_restore(self, with_: dict[str, str], job: GitHubJob) -> None:
        key, restore_keys = with_["key"], [k for k in with_.get("restore-keys", "").splitlines() if k.strip()]
        hit = self.cache.get(key)
        if hit is None:
            for prefix in restore_keys:  # newest entry whose key starts with the prefix
                matches = [k for k in self.cache if k.startswith(prefix.strip())]
                if matches:
                    hit = self.cache[matches[-1]]
                    break
        if hit is not None:
            copy_tree(hit, job.workspace / with_["path"], follow_symlinks=False)

    def act_cache_save(self, with_: dict[str, str], job: GitHubJob) -> None:
        key, src = with_["key"], job.workspace / with_["path"]
        if key in self.cache or not src.exists():  # entries are immutable; a missing path only warns
            return
        dest = self.root / "cache" / re.sub(r"[^\w.-]", "_", key)
        copy_tree(src, dest, follow_symlinks=False)
        self.cache[key] = dest

    def act_upload_artifact(self, with_: dict[str, str], job: GitHubJob) -> None:
        name, src = with_.get("name", "artifact"), job.workspace / with_["path"]
        if name in self.artifacts and with_.get("overwrite", "false") != "true":
            raise AssertionError(f"artifact {name} exists (409 Conflict): set overwrite or a unique name")
        if not src.exists():  # if-no-files-found: warn (the default) and ignore only log it
            assert with_.get("if-no-files-found", "warn") in ("warn", "ignore"), f"no files at {with_['path']}"
            return
        dest = self.root / f"artifacts-{self.run_id}" / name
        shutil.rmtree(dest, ignore_errors=True)
        # A directory path uploads its contents; symlinks are followed; hidden files only when asked.
        copy_tree(src, dest, follow_symlinks=True, hidden=with_.get("include-hidden-files", "false") == "true")
        self.artifacts[name] = dest

    def act_download_artifact(self, with_: dict[str, str], job: GitHubJob) -> None:
        # download-artifact v5+: by name, with merge-multiple, or when exactly one artifact matches, the
        # artifact unpacks straight into `path`; otherwise into path/<artifact name>.
        path = job.workspace / with_.get("path", ".")
        if with_.get("name"):
            chosen = [with_["name"]]
        else:
            chosen = [n for n in self.artifacts if fnmatch.fnmatchcase(n, with_.get("pattern") or "*")]
        flat = bool(with_.get("name")) or with_.get("merge-multiple", "false") == "true" or len(chosen) == 1
        for name in chosen:
            copy_tree(self.artifacts[name], path if flat else path / name, follow_symlinks=True)

    def act_upload_sarif(self, with_: dict[str, str], job: GitHubJob) -> None:
        sarif_path = job.workspace / with_["sarif_file"]
        sarif = json.loads(sarif_path.read_text(encoding="utf-8"))
        assert sarif["version"] == "2.1.0" and sarif["runs"], "not a SARIF 2.1.0 log"
        self.sarif_uploads.append({"category": with_.get("category"), "sarif": sarif})

    def run_job(self, label: str, job_def: dict[str, Any], ctx: dict[str, Any], wf_env: dict[str, str]) -> None:
        workspace = self.root / f"run{self.run_id}-{label}" / "work"
        checkout(workspace)
        job = GitHubJob(ctx=ctx, workspace=workspace)
        summary = workspace.parent / "step_summary.md"
        summary.touch()
        job_env = {**wf_env, **{k: gh_sub(v, job) for k, v in (job_def.get("env") or {}).items()}}
        ctx["env"] = job_env
        ctx["steps"] = {}
        log = []
        for index, step in enumerate(job_def["steps"]):
            if not gh_if(step, job):
                log.append(f"## step {index}: skipped")
                continue
            with_ = {k: gh_sub(v, job) for k, v in (step.get("with") or {}).items()}
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                assert action in ACTION_METHODS, f"{action}: no stand-in in this test"
                assert EMULATED[action] == version, (
                    f"{step['uses']}: this test plays {action}@{EMULATED[action]}; read the new major's changes, "
                    "update the stand-in, then EMULATED")
                getattr(self, ACTION_METHODS[action])(with_, job)
                continue
            if is_install_only(step["run"]):
                continue
            output = workspace.parent / f"output-{index}"
            output.touch()
            env = {**base_env(workspace.parent), **job_env,
                   **{k: gh_sub(v, job) for k, v in (step.get("env") or {}).items()},
                   "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace), "GITHUB_OUTPUT": str(output),
                   "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_RUN_ID": str(self.run_id),
                   "RUNNER_TEMP": str(workspace.parent)}
            proc = run_bash(gh_sub(step["run"], job), workspace, env, ("-eo", "pipefail"))
            log.append(f"## step {index} ({step.get('name', step['run'].splitlines()[0])}) -> {proc.returncode}\n"
                       f"{proc.stdout}{proc.stderr}")
            if "id" in step:
                outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
                ctx["steps"][step["id"]] = {"outputs": outputs}
            if step.get("name") == "Gate":
                self.gate[label] = proc.returncode
            if proc.returncode != 0:
                job.failed = True
        self.logs[label] = "\n".join(log)
        self.summaries[label] = summary.read_text(encoding="utf-8")
        if label != "merge":
            assert not job.failed, f"{label} failed:\n{self.logs[label]}"


ACTION_METHODS = {
    "actions/checkout": "act_checkout",
    "actions/setup-python": "act_setup_python",
    "actions/cache/restore": "act_cache_restore",
    "actions/cache/save": "act_cache_save",
    "actions/upload-artifact": "act_upload_artifact",
    "actions/download-artifact": "act_download_artifact",
    "github/codeql-action/upload-sarif": "act_upload_sarif",
}


def play_github_night(root: Path, run_id: int, cache: dict[str, Path]) -> tuple[GitHubRun, Path]:
    data = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    run = GitHubRun(root=root, run_id=run_id, cache=cache)
    base_ctx = {"github": {"run_id": run_id, "event_name": "schedule"}, "inputs": {}}  # a scheduled night
    dummy = GitHubJob(ctx={**base_ctx, "env": {}}, workspace=root)
    wf_env = {k: gh_sub(v, dummy) for k, v in (data.get("env") or {}).items()}
    scan = data["jobs"]["scan"]
    matrix = scan["strategy"]["matrix"]
    assert set(matrix) == {"shard"}, "the test plays a one-axis shard matrix"
    for shard in matrix["shard"][:SHARDS]:
        ctx = {**base_ctx, "matrix": {"shard": shard}, "strategy": {"job-total": SHARDS}}
        run.run_job(f"scan-{shard}", scan, ctx, wf_env)
    merge = data["jobs"]["merge"]
    assert merge["needs"] == "scan" and merge["if"] == "always()"
    run.run_job("merge", merge, {**base_ctx}, wf_env)
    return run, root / f"run{run_id}-merge" / "work"


def test_github_workflow_steps_two_nights(tmp_path: Path) -> None:
    cache: dict[str, Path] = {}
    for night, run_id in enumerate((1001, 1002), start=1):
        run, work = play_github_night(tmp_path, run_id, cache)
        log = run.logs["merge"]
        shard_artifacts = {n: p for n, p in run.artifacts.items() if n.startswith("shard-")}
        assert sorted(shard_artifacts) == [f"shard-{k}" for k in range(1, SHARDS + 1)]
        per_shard = [target_keys(p / n / "results.json") for n, p in sorted(shard_artifacts.items())]
        assert all(per_shard) and not set.intersection(*per_shard), "each shard scans its own pages"
        # merged report: both shards' targets, summary, SARIF, junit; uploaded and published
        report = work / "a11y-l10n-report"
        merged = json.loads((report / "results.json").read_text(encoding="utf-8"))
        assert {(t["page"], t["locale"]) for t in merged["targets"]} == set.union(*per_shard), log
        assert len(merged["targets"]) == 24  # the sample site: 6 pages x 4 locales
        summary = (report / "summary.md").read_text(encoding="utf-8")
        assert summary.strip() and run.summaries["merge"] == summary  # the job summary is summary.md
        ET.parse(report / "junit.xml")
        assert "a11y-l10n-report" in run.artifacts and (run.artifacts["a11y-l10n-report"] / "summary.md").is_file()
        assert [u["category"] for u in run.sarif_uploads] == ["a11y-l10n"]
        assert run.sarif_uploads[0]["sarif"]["runs"][0]["results"], "the sample site's findings are in the SARIF"
        # baseline and history kept in the cache for the next night; only the newest run dir is kept
        saved = cache[f"a11y-l10n-reports-{run_id}"]
        assert json.loads((saved / "baseline.json").read_text(encoding="utf-8"))
        run_dirs = [d.name for d in saved.iterdir() if d.is_dir() and not d.is_symlink()]
        assert len(run_dirs) == 1 and (saved / "latest").resolve().name == run_dirs[0]
        for shard in range(1, SHARDS + 1):
            kept = cache[f"a11y-l10n-shard-{shard}-{run_id}"]
            assert len([d for d in kept.iterdir() if d.is_dir() and not d.is_symlink()]) == 1
        if night == 1:
            assert "No baseline yet" in log
            assert run.gate["merge"] == 1, f"night 1 gates on every finding of the sample site\n{log}"
        else:
            for shard in range(1, SHARDS + 1):
                m = re.search(r"incremental: (\d+) of (\d+) target", run.logs[f"scan-{shard}"])
                assert m and m.group(1) == m.group(2), f"night 2 reuses shard {shard}'s pages\n{run.logs}"
            assert run.gate["merge"] == 0, f"night 2 has no finding new since the baseline\n{log}"


# ---------------------------------------------------------------------------------------------- GitLab

def expand(text: str, env: dict[str, str]) -> str:
    return re.sub(r"\$\{?(\w+)\}?", lambda m: env.get(m.group(1), ""), text)


def gitlab_job(data: dict[str, Any], name: str) -> dict[str, Any]:
    job = dict(data[name])
    bases = job.pop("extends", [])
    for base in [bases] if isinstance(bases, str) else bases:
        job = {**gitlab_job(data, base), **job}
    return job


def gitlab_script(job: dict[str, Any]) -> str:
    lines = [item for key in ("before_script", "script") for item in job.get(key, [])]
    kept = [item for item in lines if not is_install_only(item)]
    return "\n".join(kept) + "\n"


@dataclass
class GitLabPipeline:
    root: Path
    pipeline_id: int
    cache: dict[str, Path]
    artifacts: list[Path] = field(default_factory=list)
    logs: dict[str, str] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)

    def run_job(self, label: str, job: dict[str, Any], data: dict[str, Any], extra: dict[str, str]) -> Path:
        workspace = self.root / f"pipeline{self.pipeline_id}-{label}" / "work"
        checkout(workspace)
        env = {**base_env(workspace.parent), "GITLAB_CI": "true", "CI_PROJECT_DIR": str(workspace),
               "CI_PIPELINE_SOURCE": "schedule", "CI_PIPELINE_ID": str(self.pipeline_id), **extra}
        for key, value in (data.get("variables") or {}).items():
            env[key] = expand(str(value), env)
        for cache in job.get("cache", []):  # restore
            hit = self.cache.get(expand(cache["key"], env))
            if hit is not None:
                copy_tree(hit, workspace, follow_symlinks=False)
        for artifact_dir in self.artifacts:  # artifacts of the jobs it needs
            copy_tree(artifact_dir, workspace, follow_symlinks=False)
        proc = run_bash(gitlab_script(job), workspace, env, ("-eo", "pipefail"))
        self.logs[label], self.codes[label] = proc.stdout + proc.stderr, proc.returncode
        for cache in job.get("cache", []):  # save: on success, or always with when: always
            if proc.returncode == 0 or cache.get("when") == "always":
                key = expand(cache["key"], env)
                dest = self.root / "gitlab-cache" / f"{key}-{self.pipeline_id}"
                for rel in cache["paths"]:
                    src = workspace / expand(rel, env)
                    if src.exists():
                        copy_tree(src, dest / expand(rel, env), follow_symlinks=False)
                if dest.exists():
                    self.cache[key] = dest
        return workspace

    def collect(self, job: dict[str, Any], workspace: Path, code: int, env: dict[str, str]) -> Path:
        art = job["artifacts"]
        assert code == 0 or art.get("when") == "always"
        dest = workspace.parent / "artifacts"
        for rel in art["paths"]:
            src = workspace / expand(rel, env)
            assert src.exists(), f"artifact path {rel} missing"
            copy_tree(src, dest / expand(rel, env), follow_symlinks=True)
        return dest


def play_gitlab_night(root: Path, pipeline_id: int, cache: dict[str, Path]) -> tuple[GitLabPipeline, Path]:
    data = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    pipe = GitLabPipeline(root=root, pipeline_id=pipeline_id, cache=cache)
    scan = gitlab_job(data, "a11y-l10n-scan")
    assert isinstance(scan["parallel"], int) and scan["parallel"] >= SHARDS
    for index in range(1, SHARDS + 1):
        extra = {"CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(SHARDS)}
        label = f"scan-{index}"
        work = pipe.run_job(label, scan, data, extra)
        assert pipe.codes[label] == 0, f"{label} failed:\n{pipe.logs[label]}"
        pipe.artifacts.append(pipe.collect(scan, work, pipe.codes[label], extra))
    merge = gitlab_job(data, "a11y-l10n-merge")
    assert merge["needs"] == ["a11y-l10n-scan"] and merge["when"] == "always"
    work = pipe.run_job("merge", merge, data, {})
    pipe.collect(merge, work, pipe.codes["merge"], {})
    return pipe, work


def test_gitlab_scripts_two_nights(tmp_path: Path) -> None:
    cache: dict[str, Path] = {}
    for night, pipeline_id in enumerate((2001, 2002), start=1):
        pipe, work = play_gitlab_night(tmp_path, pipeline_id, cache)
        log = pipe.logs["merge"]
        shards = sorted((work / "shards").iterdir())
        assert [p.name for p in shards] == [f"shard-{k}" for k in range(1, SHARDS + 1)]
        per_shard = [target_keys(p / "results.json") for p in shards]
        assert all(per_shard) and not set.intersection(*per_shard)
        report = work / "a11y-l10n-report"
        assert target_keys(report / "results.json") == set.union(*per_shard), log
        assert len(json.loads((report / "results.json").read_text(encoding="utf-8"))["targets"]) == 24
        summary = (report / "summary.md").read_text(encoding="utf-8")
        assert summary.strip() and summary.strip().splitlines()[0] in log  # printed in the job log
        ET.parse(report / "junit.xml")  # the pipeline's test report
        json.loads((report / "results.sarif").read_text(encoding="utf-8"))
        saved = cache["a11y-l10n-reports"]
        assert json.loads((saved / "reports" / "baseline.json").read_text(encoding="utf-8"))
        assert len([d for d in (saved / "reports").iterdir() if d.is_dir() and not d.is_symlink()]) == 1
        if night == 1:
            assert "No baseline yet" in log
            assert pipe.codes["merge"] == 1, f"night 1 gates on every finding of the sample site\n{log}"
        else:
            for index in range(1, SHARDS + 1):
                m = re.search(r"incremental: (\d+) of (\d+) target", pipe.logs[f"scan-{index}"])
                assert m and m.group(1) == m.group(2), f"night 2 reuses shard {index}'s pages\n{pipe.logs}"
            assert pipe.codes["merge"] == 0, f"night 2 has no finding new since the baseline\n{log}"
