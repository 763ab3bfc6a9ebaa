"""Progress: a bar with done/total, rate and ETA on a terminal; plain lines in CI and pipes; nothing with --quiet."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from typing import TextIO

import pytest

from pipeline.progress import Progress, wants_bar


@pytest.fixture
def terminal() -> Iterator[tuple[TextIO, int]]:
    """A real pseudo-terminal: the writer end is a TTY, the reader end sees what a person would."""
    master, slave = os.openpty()
    stream = open(slave, "w", encoding="utf-8", closefd=True)  # noqa: SIM115 - closed below
    try:
        yield stream, master
    finally:
        stream.close()
        os.close(master)


def drain(master: int) -> str:
    chunks = []
    os.set_blocking(master, False)
    while True:
        try:
            data = os.read(master, 65536)
        except (BlockingIOError, OSError):
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def test_bar_only_for_a_person_at_a_terminal(terminal: tuple[TextIO, int]) -> None:
    tty, _ = terminal
    assert wants_bar(tty, {}) is True
    assert wants_bar(tty, {"CI": "true"}) is False
    assert wants_bar(tty, {"CI": "1", "TERM": "xterm"}) is False
    assert wants_bar(tty, {"TERM": "dumb"}) is False
    assert wants_bar(tty, {"CI": "false"}) is True  # some runners export CI=false locally
    assert wants_bar(io.StringIO(), {}) is False  # piped / redirected


def test_terminal_gets_a_bar_with_counts_rate_and_eta(terminal: tuple[TextIO, int]) -> None:
    tty, master = terminal
    progress = Progress(stream=tty, bar=True)
    progress.say("browser: Chromium")
    for done in range(1, 5):
        ok = done != 3
        progress.step(done, 4, f"[  {done}/4] page/{done} {'ok' if ok else 'ERROR boom'}", ok=ok, label=f"page/{done}")
    tty.flush()
    screen = drain(master)
    assert "4/4 targets" in screen
    assert re.search(r"\d+(\.\d+)?target/s", screen), screen  # the rate
    assert re.search(r"<\d\d:\d\d", screen), screen  # the ETA (remaining time)
    assert "ERROR boom" in screen  # failures stay on screen above the bar
    assert "page/2 ok" not in screen  # successes only move the bar
    assert progress._bar is None  # closed at the last target, before the summary is printed


def test_resumed_run_counts_from_where_it_was(terminal: tuple[TextIO, int]) -> None:
    tty, master = terminal
    progress = Progress(stream=tty, bar=True)
    progress.step(7, 10, "x", label="a/b")  # 6 were done by the interrupted run
    progress.close()  # draws the bar's last state (updates closer than 0.2 s apart are not drawn)
    tty.flush()
    screen = drain(master)
    assert "7/10 targets" in screen and "a/b" in screen


def test_bar_shows_from_the_start_of_gathering(terminal: tuple[TextIO, int]) -> None:
    tty, master = terminal
    progress = Progress(stream=tty, bar=True)
    progress.begin(24, 4)  # resumed: 4 done before, 20 to go
    tty.flush()
    assert "4/24 targets" in drain(master)  # drawn before any target of this run finished
    progress.step(5, 24, "x", label="home/en")
    progress.close()
    tty.flush()
    assert "5/24 targets" in drain(master)
    plain = io.StringIO()
    Progress(stream=plain, bar=False).begin(24)
    assert plain.getvalue() == ""  # CI logs: no extra line


def test_ci_and_pipes_get_the_plain_lines() -> None:
    out = io.StringIO()
    progress = Progress(stream=out, bar=False)
    progress.say("scan: 1 page(s)")
    progress.step(1, 2, "[  1/2] home/en  ok", label="home/en")
    progress.step(2, 2, "[  2/2] home/es  ERROR boom", ok=False, label="home/es")
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert all(re.match(r"\[\s*\d+\.\ds\] ", line) for line in lines), lines
    assert lines[1].endswith("[  1/2] home/en  ok") and lines[2].endswith("ERROR boom")
    assert "\r" not in out.getvalue()


def test_quiet_prints_nothing(terminal: tuple[TextIO, int]) -> None:
    tty, master = terminal
    for bar in (True, False):
        progress = Progress(stream=tty, quiet=True, bar=bar)
        progress.say("hello")
        progress.step(1, 1, "[  1/1] x ok", label="x")
    tty.flush()
    assert drain(master) == ""


def test_default_follows_the_stream() -> None:
    assert Progress(stream=io.StringIO()).bar is False
