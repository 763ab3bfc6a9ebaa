"""Atomic file writes: readers see either the old file or the complete new one, never a torn file.

The report is often opened (or uploaded by CI) while a run is still finishing, and a crash
mid-write must not leave a truncated ``results.json`` that a later ``--recheck`` would trust.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

# Mode for files that do not exist yet: mkstemp creates 0600, which would make the report
# unreadable to a web server or a colleague; reports hold nothing secret.
_NEW_FILE_MODE = 0o644


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same directory and ``os.replace``.

    The temp file lives beside the target so ``os.replace`` is a same-filesystem rename,
    which POSIX and Windows both perform atomically.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            # fsync before the rename: otherwise a power cut can persist the rename
            # but not the data, leaving an empty file under the final name.
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        # Never leave ".name.xxxx.tmp" litter behind, whatever went wrong.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)


def atomic_write_text(path: Path | str, text: str) -> None:
    """UTF-8 text version of :func:`atomic_write_bytes` (no newline translation)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; new files get a world-readable default."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        return _NEW_FILE_MODE


def _fsync_dir(directory: Path) -> None:
    """Persist the rename itself; best effort, as some platforms cannot open directories."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
