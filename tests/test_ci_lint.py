"""The shipped CI files pass the linters their users run, from the locked versions, offline.

`nox -s lint` runs actionlint (with shellcheck) and check-jsonschema on them; these tests check that those
runs mean something: the pinned actionlint knows which action majors run on a removed runtime (Node 20),
its shellcheck integration is on, the GitLab scripts are shellcheck-clean too, and nothing is downloaded
(the schemas are the ones vendored in check-jsonschema). They need the `lint` dependency group and skip
without it (`nox -s lint` runs them).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
GITLAB = sorted((ROOT / "ci" / "gitlab").glob("*.gitlab-ci.yml"))
# The majors the workflow used before it moved to the Node 24 ones (all declared `runs.using: node20`).
NODE20_MAJORS = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/cache/restore": "v4",
    "actions/cache/save": "v4",
    "actions/upload-artifact": "v4",
    "actions/download-artifact": "v4",
}


def tool(name: str) -> str:
    """The venv's own copy first (the locked one), then PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} not installed (the lint dependency group)")
    return found


def _netns_ok() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30).returncode == 0


NETNS = _netns_ok()


def offline(argv: list[str], tmp_path: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run with no network: in a network namespace without interfaces where this user may, else through
    proxies that refuse every connection. Caches go to an empty directory, checked by the callers."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path / "home")}
    if not NETNS:
        for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
            env[var] = "http://127.0.0.1:9"
        env.pop("NO_PROXY", None)
        env.pop("no_proxy", None)
    (tmp_path / "home").mkdir(exist_ok=True)
    prefix = ["unshare", "-n"] if NETNS else []
    return subprocess.run([*prefix, *argv], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


def actionlint(tmp_path: Path, *files: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return offline([tool("actionlint"), f"-shellcheck={tool('shellcheck')}", "-pyflakes=", "-oneline", "-no-color",
                    *files], tmp_path, stdin)


def assert_nothing_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    written = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
    assert not written, f"a linter wrote (downloaded?) {written}"


def test_the_ci_files_exist() -> None:
    assert WORKFLOWS and GITLAB


def test_actionlint_is_clean(tmp_path: Path) -> None:
    proc = actionlint(tmp_path, *map(str, WORKFLOWS))
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr
    assert_nothing_cached(tmp_path)


@pytest.mark.parametrize(("schema", "files"), [("vendor.github-workflows", WORKFLOWS), ("vendor.gitlab-ci", GITLAB)])
def test_builtin_schemas_pass_offline(tmp_path: Path, schema: str, files: list[Path]) -> None:
    proc = offline([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "validation done" in proc.stdout
    assert_nothing_cached(tmp_path)


def test_the_locked_actionlint_flags_node20_majors(tmp_path: Path) -> None:
    """Clean means something: the same workflow on the old majors fails for their runtime."""
    text = WORKFLOWS[0].read_text(encoding="utf-8")
    for action, old in NODE20_MAJORS.items():
        text, n = re.subn(rf"(uses: {re.escape(action)})@v\d+", rf"\1@{old}", text)
        assert n, f"{action} is no longer used: update NODE20_MAJORS"
    proc = actionlint(tmp_path, "-", stdin=text)
    assert proc.returncode == 1
    flagged = set(re.findall(r'runtime "node20" is deprecated.*?action "([^"@]+)@', proc.stdout))
    assert flagged == set(NODE20_MAJORS), proc.stdout


def test_actionlint_runs_shellcheck_on_run_steps(tmp_path: Path) -> None:
    """What the old Gate step did (`exit "${{ ... }}"`) is reported: shellcheck is really consulted."""
    workflow = yaml.safe_dump({
        "on": "push",
        "jobs": {"j": {"runs-on": "ubuntu-latest", "steps": [
            {"id": "s", "run": 'echo "code=1" >> "$GITHUB_OUTPUT"'},
            {"run": 'exit "${{ steps.s.outputs.code }}"'},
        ]}},
    })
    proc = actionlint(tmp_path, "-", stdin=workflow)
    assert proc.returncode == 1 and "[shellcheck]" in proc.stdout, proc.stdout + proc.stderr


@pytest.mark.parametrize("shell", ["bash", "sh"])  # GitLab runs bash where the image has it, else sh
def test_gitlab_scripts_are_shellcheck_clean(tmp_path: Path, shell: str) -> None:
    for path in GITLAB:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, job in data.items():
            if not isinstance(job, dict) or "script" not in job:
                continue
            base = data.get(job.get("extends", ""), {}) if isinstance(job.get("extends"), str) else {}
            lines = [*job.get("before_script", base.get("before_script", [])), *job["script"]]
            proc = offline([tool("shellcheck"), "-s", shell, "-"], tmp_path, stdin="\n".join(lines) + "\n")
            assert proc.returncode == 0, f"{path.name} {name}:\n{proc.stdout}"
