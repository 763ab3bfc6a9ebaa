"""The one error a catalog that cannot be read raises."""

from __future__ import annotations


class CatalogError(Exception):
    """A catalog that cannot be read, reported as one ``path:line: message`` line for the user."""

    def __init__(self, path: str, line: int, message: str, hint: str = "") -> None:
        # Passing every argument to Exception keeps the error picklable (multiprocessing, pytest-xdist).
        super().__init__(path, line, message, hint)
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint  # what to do about it, for the user; not part of ``message``

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f"; {self.hint}" if self.hint else "")
