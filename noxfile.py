"""QA entry points: `nox -s scan`, `nox -s coverage`, `nox -s tests`, `nox -s lint`.

Dependencies come from pyproject.toml (project deps + dependency groups), never repeated here.
Arguments after `--` go to the tool (scan/coverage) or to pytest (tests).
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["scan"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install(session: nox.Session, *groups: str) -> None:
    session.install("-e", ".")
    if groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, *groups))


def _ensure_browser(session: nox.Session) -> None:
    # Finds a Chromium, or installs one (playwright, else apt-get as root), with Noto fonts for ar/zh.
    session.run("python", "-m", "pipeline.gather.install")


@nox.session
def scan(session: nox.Session) -> None:
    """Scan the bundled sample site (or the configured site) and write reports/latest/index.html."""
    _install(session)
    _ensure_browser(session)
    session.run("a11y-l10n", "scan", *session.posargs, success_codes=[0, 1])


@nox.session
def coverage(session: nox.Session) -> None:
    """Catalog completeness per locale, without a browser."""
    _install(session)
    session.run("a11y-l10n", "coverage", *session.posargs, success_codes=[0, 1])


@nox.session
def tests(session: nox.Session) -> None:
    """Unit tests and the real-Chromium integration tests."""
    _install(session, "test")
    _ensure_browser(session)
    session.run("pytest", *(session.posargs or ["-q"]))


@nox.session
def lint(session: nox.Session) -> None:
    """ruff + mypy (strict)."""
    _install(session, "lint", "test")
    session.run("ruff", "check", "pipeline", "tests", "benchmarks", "noxfile.py")
    session.run("mypy", "pipeline")


@nox.session
def gate(session: nox.Session) -> None:
    """Like scan, but fails (exit 1) on findings at or above fail_on: for CI gating."""
    _install(session)
    _ensure_browser(session)
    session.run("a11y-l10n", "scan", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark: the bare Playwright+axe loop vs `a11y-l10n scan` on a generated site (see benchmarks/)."""
    _install(session)
    _ensure_browser(session)
    session.run("python", "benchmarks/bench.py", *session.posargs)


@nox.session
def report(session: nox.Session) -> None:
    """Re-render reports/latest (HTML, junit.xml, results.sarif, summary.md) from its results.json."""
    _install(session)
    session.run("a11y-l10n", "report", *(session.posargs or ["reports/latest"]))
