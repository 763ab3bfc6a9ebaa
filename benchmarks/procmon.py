"""Run a command and watch it: wall time and peak RSS of it and of its descendants (Linux /proc).

Both contestants run as child processes watched the same way, so neither pays for (or hides)
the benchmark's own memory. Descendants are the Playwright driver (node) and every Chromium
process. RSS counts shared pages once per process, so a multi-process browser's sum is an
upper bound; it is the number ``ps`` and most dashboards show, and it is the same for both sides.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_EVERY_S = 0.2
MIB = 1024 * 1024


@dataclass(frozen=True)
class ProcStats:
    wall_s: float
    exit_code: int
    peak_own_mib: float  # the process itself (the tool's Python, or the bare loop's Python)
    peak_children_mib: float  # all its descendants: Playwright driver + Chromium processes
    peak_total_mib: float  # peak of the per-sample sum, not the sum of the two peaks
    peak_processes: int  # most descendants alive at once
    timed_out: bool = False
    # CPU seconds (user + system) of the process and all its descendants, each as last sampled
    # (the last < SAMPLE_EVERY_S of a process's life is missed): the work done.
    cpu_s: float = 0.0


def _proc_table() -> dict[int, tuple[int, int, int]]:
    """pid -> (ppid, rss bytes, CPU ticks) for every process we can read."""
    table: dict[int, tuple[int, int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            raw = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # exited between scandir and read
        # comm (field 2) may contain spaces and parentheses: parse from the last ")".
        fields = raw[raw.rfind(")") + 2:].split()
        table[int(entry.name)] = (int(fields[1]), int(fields[21]) * PAGE_SIZE, int(fields[11]) + int(fields[12]))
    return table


def _descendants(root: int, table: dict[int, tuple[int, int, int]]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = [], list(children.get(root, []))
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


class RssSampler:
    """Samples a process tree every SAMPLE_EVERY_S seconds in a daemon thread; keeps the peaks."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.own = self.children = self.total = 0
        self.processes = 0
        # Not the reaped children's totals of getrusage: Chromium's zygote children are often
        # never reaped by an ancestor of ours, and their CPU would go missing.
        self.ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def sample(self) -> None:
        table = _proc_table()
        if self.pid not in table:
            return
        own = table[self.pid][1]
        kids = _descendants(self.pid, table)
        children = sum(table[p][1] for p in kids)
        self.own, self.children = max(self.own, own), max(self.children, children)
        self.total = max(self.total, own + children)
        self.processes = max(self.processes, len(kids))
        for pid in (self.pid, *kids):
            self.ticks[pid] = max(self.ticks.get(pid, 0), table[pid][2])

    @property
    def cpu_s(self) -> float:
        return sum(self.ticks.values()) / CLOCK_TICKS

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(SAMPLE_EVERY_S)


def run_watched(cmd: Sequence[str], *, cwd: Path, timeout_s: float, log_path: Path | None = None,
                heartbeat: Callable[[float], None] | None = None, heartbeat_every_s: float = 5.0) -> ProcStats:
    """Run ``cmd`` with RSS sampling; ``heartbeat(elapsed)`` shows progress.

    Output is inherited (the worker's progress stays visible) unless ``log_path`` is given:
    then stdout and stderr both go to that file.
    """
    with contextlib.ExitStack() as stack:
        log = stack.enter_context(log_path.open("wb")) if log_path else None
        return _watch(cmd, cwd, timeout_s, log, heartbeat, heartbeat_every_s)


def _watch(cmd: Sequence[str], cwd: Path, timeout_s: float, log: IO[bytes] | None,
           heartbeat: Callable[[float], None] | None, heartbeat_every_s: float) -> ProcStats:
    t0 = time.perf_counter()
    # Own session: on timeout or Ctrl-C the whole tree we started (driver, Chromium) goes with it.
    proc = subprocess.Popen(list(cmd), cwd=cwd, stdout=log, stderr=log, start_new_session=True)
    timed_out = False
    try:
        with RssSampler(proc.pid) as rss:
            next_beat = heartbeat_every_s
            while proc.poll() is None:
                elapsed = time.perf_counter() - t0
                if elapsed > timeout_s:
                    timed_out = True
                    break
                if heartbeat and elapsed >= next_beat:
                    heartbeat(elapsed)
                    next_beat += heartbeat_every_s
                time.sleep(0.05)
    finally:
        if proc.poll() is None:
            _kill_tree(proc)
    wall = time.perf_counter() - t0
    return ProcStats(wall_s=wall, exit_code=proc.returncode, peak_own_mib=rss.own / MIB,
                     peak_children_mib=rss.children / MIB, peak_total_mib=rss.total / MIB,
                     peak_processes=rss.processes, timed_out=timed_out, cpu_s=rss.cpu_s)


def _kill_tree(proc: subprocess.Popen[bytes]) -> None:
    # proc.pid leads the session (and process group) started above: only our own tree is hit.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
