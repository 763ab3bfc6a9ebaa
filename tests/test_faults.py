"""Fault suite: a hostile web never loses results or hangs the run (real Chromium, local fault server).

Each run goes through the real CLI in a subprocess, like a scheduled CI job would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fault_server import FaultServer, fault_server

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def server() -> Iterator[FaultServer]:
    with fault_server() as s:
        yield s


def write_config(tmp_path: Path, base_url: str, pages: list[str], *, locales: tuple[str, ...] = ("en",),
                 run: str = "") -> Path:
    lines = ['source_locale = "en"', "[site]", f'base_url = "{base_url}"', "[pages]"]
    lines += [f'{p} = "{p}"' for p in pages]
    for loc in locales:
        lines += [f"[locales.{loc}]", f'url = "{{base_url}}/{loc}/{{path}}"']
    lines += ["[run]", "screenshots = false", run]
    path = tmp_path / "faults.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def scan(config: Path, out: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", "scan", "--config", str(config), "--out", str(out),
                           "--quiet", *extra], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def results_of(out: Path) -> dict[str, Any]:
    return json.loads((out / "latest" / "results.json").read_text(encoding="utf-8"))


def by_page(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["page"]: t for t in results["targets"]}


FAULTS = ["ok", "404", "500", "hang", "redirect", "pdf", "dialogs", "neverload", "cpu", "huge", "ok2"]


def test_every_fault_is_reported_and_others_still_scanned(server: FaultServer, tmp_path: Path) -> None:
    config = write_config(tmp_path, server.base_url, FAULTS, run="page_timeout = 4\nretries = 0")
    proc = scan(config, tmp_path / "out")
    assert proc.returncode == 3, proc.stderr  # incomplete: some targets failed
    assert "Traceback" not in proc.stderr
    results = results_of(tmp_path / "out")
    assert results["complete"] is False
    t = by_page(results)
    assert set(t) == set(FAULTS)  # every target is in results.json
    assert t["ok"]["status"] == "ok" and t["ok2"]["status"] == "ok"
    assert t["dialogs"]["status"] == "ok"  # alert/confirm/prompt/beforeunload are dismissed
    expected = {
        "404": "HTTP 404", "500": "HTTP 500", "hang": "timed out", "redirect": "redirect loop",
        "pdf": "not an HTML page", "neverload": "timed out", "cpu": "timed out",
    }
    for page, words in expected.items():
        assert t[page]["status"] == "error", page
        assert words in t[page]["error"], (page, t[page]["error"])
    # 10 MB of DOM: either scanned (text runs capped) or a clear time-out; never a lost target.
    assert t["huge"]["status"] == "ok" or "timed out" in t["huge"]["error"]
    assert (tmp_path / "out" / "latest" / "index.html").is_file()


def test_retries_recover_a_transient_server_error(server: FaultServer, tmp_path: Path) -> None:
    config = write_config(tmp_path, server.base_url, ["flaky500"], locales=("en", "es"), run="retries = 1")
    proc = scan(config, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    targets = results_of(tmp_path / "out")["targets"]
    assert [t["status"] for t in targets] == ["ok", "ok"]
    assert server.hits["/en/flaky500"] == 2 and server.hits["/es/flaky500"] == 2


def test_without_retries_a_transient_error_is_reported(server: FaultServer, tmp_path: Path) -> None:
    config = write_config(tmp_path, server.base_url, ["flaky500"], run="retries = 0")
    proc = scan(config, tmp_path / "out")
    assert proc.returncode == 3
    [target] = results_of(tmp_path / "out")["targets"]
    assert target["error"].startswith("HTTP 500")


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def _browser_pid(pid: int) -> int | None:
    for child in _descendants(pid):
        try:
            cmd = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmd and b"chrom" in Path(cmd[0].decode(errors="replace")).name.encode() and \
                not any(a.startswith(b"--type=") for a in cmd):
            return child
    return None


def _wait_for_line(proc: subprocess.Popen[str], needle: str, limit: float = 120) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + limit
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        if needle in line:
            return seen
    raise AssertionError(f"never saw {needle!r}: {seen}")


SLOW = [f"slow{i}" for i in range(8)]


def _popen(config: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "scan", "--config", str(config), "--out", str(out),
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def test_browser_killed_mid_run_is_relaunched(server: FaultServer, tmp_path: Path) -> None:
    config = write_config(tmp_path, server.base_url, SLOW, run="retries = 1\nconcurrency = 2")
    proc = _popen(config, tmp_path / "out")
    try:
        _wait_for_line(proc, "[  2/")
        browser = _browser_pid(proc.pid)
        assert browser is not None, "no browser process found"
        os.kill(browser, signal.SIGKILL)
        _, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    results = results_of(tmp_path / "out")
    assert [t["status"] for t in results["targets"]] == ["ok"] * len(SLOW)
    assert int(results["engine"]["browser_relaunches"]) >= 1


def test_sigterm_leaves_an_incomplete_report_and_resume_finishes_it(server: FaultServer, tmp_path: Path) -> None:
    config = write_config(tmp_path, server.base_url, SLOW, run="concurrency = 1")
    out = tmp_path / "out"
    proc = _popen(config, out)
    try:
        _wait_for_line(proc, "[  3/")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 3, err
    assert "Traceback" not in err
    first = results_of(out)
    assert first["complete"] is False and first["interrupted"] is True
    done = [t["page"] for t in first["targets"] if t["status"] == "ok"]
    assert 3 <= len(done) < len(SLOW)
    assert all("interrupted" in t["error"] for t in first["targets"] if t["status"] == "error")
    run_dir = (out / "latest").resolve()

    hits_before = dict(server.hits)
    proc2 = scan(config, out, "--resume", str(run_dir))
    assert proc2.returncode == 0, proc2.stderr
    final = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
    assert final["complete"] is True
    assert [t["status"] for t in final["targets"]] == ["ok"] * len(SLOW)
    refetched = {p for p in server.hits if server.hits[p] > hits_before.get(p, 0) and p.startswith("/en/slow")}
    assert not refetched & {f"/en/{p}" for p in done}  # finished targets were not redone
    assert refetched == {f"/en/{p}" for p in SLOW if p not in done}


def test_run_time_limit_stops_starting_targets(server: FaultServer, tmp_path: Path) -> None:
    config = write_config(tmp_path, server.base_url, SLOW, run="concurrency = 1\nrun_timeout = 2.5")
    proc = scan(config, tmp_path / "out")
    assert proc.returncode == 3, proc.stderr
    targets = results_of(tmp_path / "out")["targets"]
    assert len(targets) == len(SLOW)
    limited = [t for t in targets if "run time limit" in t["error"]]
    assert limited and any(t["status"] == "ok" for t in targets)


def test_redirect_off_the_configured_origins_is_not_scanned(server: FaultServer, tmp_path: Path) -> None:
    with fault_server() as other:  # another port is another origin, still on 127.0.0.1
        server.offsite = f"{other.base_url}/en/ok"
        config = write_config(tmp_path, server.base_url, ["ok", "offsite"], run="retries = 0")
        proc = scan(config, tmp_path / "out")
        assert proc.returncode == 3, proc.stderr
        t = by_page(results_of(tmp_path / "out"))
        assert t["ok"]["status"] == "ok"
        assert "outside the configured origins" in t["offsite"]["error"]


def test_target_outside_the_origins_is_a_config_error(server: FaultServer, tmp_path: Path) -> None:
    config = write_config(tmp_path, server.base_url, ["ok"])
    text = config.read_text().replace('url = "{base_url}/en/{path}"', 'url = "http://127.0.0.1:9/en/{path}"')
    config.write_text(text)
    proc = scan(config, tmp_path / "out", timeout=60)
    assert proc.returncode == 2
    assert "outside the configured origins" in proc.stderr and proc.stderr.count("\n") == 1
    assert server.hits == {}  # nothing was fetched, not even the preflight of the other origin


@pytest.mark.parametrize("block", [True, False])
def test_block_third_party_requests(server: FaultServer, tmp_path: Path, block: bool) -> None:
    with fault_server() as other:
        server.offsite = f"{other.base_url}/en/ad.png"
        config = write_config(tmp_path, server.base_url, ["thirdparty"],
                              run=f"block_third_party = {'true' if block else 'false'}")
        proc = scan(config, tmp_path / "out")
        assert proc.returncode in (0, 1), proc.stderr
        assert results_of(tmp_path / "out")["targets"][0]["status"] == "ok"
        assert (other.hits["/en/ad.png"] == 0) is block
