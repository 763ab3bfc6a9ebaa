"""Progress on stderr: a live bar on a terminal, one plain line per event everywhere else.

The bar (tqdm: no dependencies of its own, prints done/total, rate and ETA out of the box, and
``write`` puts lines above the bar without tearing it) is only for a person watching a
terminal. CI logs (``CI`` set), pipes and files get the plain, greppable lines they always
had, because a redrawn bar turns a log file into carriage-return soup. ``--quiet`` prints
nothing.
"""

from __future__ import annotations

import os
import sys
import time
from typing import NoReturn, TextIO

from tqdm import tqdm

BAR_FORMAT = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} targets [{elapsed}<{remaining}, {rate_fmt}]"


def wants_bar(stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """A live bar only for a person at a terminal: not in CI, not when piped, not on a dumb terminal."""
    env = os.environ if environ is None else environ
    if env.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def _size(stream: TextIO) -> tuple[int, int]:
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return 0, 0
    return size.columns, size.lines


class Progress:
    """Events (`say`) and finished targets (`step`) of a run.

    ``bar=None`` decides by the stream (see `wants_bar`); tests pass True/False.
    """

    def __init__(self, stream: TextIO | None = None, quiet: bool = False, bar: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.started = time.monotonic()
        self.bar = wants_bar(self.stream) if bar is None else bar
        self._bar: tqdm[NoReturn] | None = None

    def _stamp(self, text: str) -> str:
        return f"[{time.monotonic() - self.started:6.1f}s] {text}"

    def say(self, text: str) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.write(self._stamp(text), file=self.stream)  # above the bar, which is redrawn below
        else:
            print(self._stamp(text), file=self.stream, flush=True)

    def step(self, done: int, total: int, text: str, *, ok: bool = True, label: str = "") -> None:
        """Target number `done` of `total` finished; `text` is its plain line, `label` its short name."""
        if self.quiet:
            return
        if not self.bar:
            self.say(text)
            return
        bar = self._bar or self._open(total, max(0, done - 1))
        if not ok:
            self.say(text)  # failures stay on screen; successes only move the bar
        if label:
            bar.set_description_str(label, refresh=False)
        bar.update(max(0, done - bar.n))
        if done >= total:
            self.close()

    def begin(self, total: int, done: int = 0) -> None:
        """Gathering starts: show the bar now, so rate and ETA count from here (not from the first result)."""
        if self.bar and not self.quiet and self._bar is None and total > done:
            self._open(total, done)

    def _open(self, total: int, done: int) -> tqdm[NoReturn]:
        # `initial` = targets finished before this run (--resume): the rate counts only this run's.
        # Some pseudo-terminals (docker -t, `script`, a bare pty) report a 0 x 0 size, and tqdm
        # hides a bar on a screen 0 rows high: give those a fixed size instead.
        cols, rows = _size(self.stream)
        sized = cols > 0 and rows > 0
        bar = self._bar = tqdm(total=total, initial=done, file=self.stream, bar_format=BAR_FORMAT, unit="target",
                               dynamic_ncols=sized, ncols=None if sized else (cols or 100),
                               nrows=None if sized else (rows or 24), mininterval=0.2, leave=True)
        return bar

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
