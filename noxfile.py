"""QA entry points: `nox -s scan`, `nox -s coverage`, `nox -s tests` (`tests-fast`: no browser), `nox -s lint`,
`nox -s bench`.

Dependencies come from pyproject.toml (project deps + dependency groups), never repeated here, and are
installed at the exact versions of `constraints.txt` (the lock), so a new release on PyPI cannot change
what a fresh clone tests against. `nox -s tests-latest` runs the suite on the newest releases instead.
Refresh the lock with `nox -s lock`. Arguments after `--` go to the tool (scan/coverage) or to pytest (tests).
"""

from __future__ import annotations

import nox

# uv makes venvs and installs several times faster; plain venv + pip where uv is not installed.
nox.options.default_venv_backend = "uv|venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["scan"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
LOCK = "constraints.txt"
LOCKED_GROUPS = ("test", "lint")  # what the lock covers, besides the project's own dependencies


def _install(session: nox.Session, *groups: str, locked: bool = True) -> None:
    if locked:
        pin = ["-c", LOCK]
    elif session.venv_backend == "uv":
        pin = ["--upgrade"]
    else:
        pin = ["--upgrade", "--upgrade-strategy", "eager"]
    session.install(*pin, "-e", ".", *nox.project.dependency_groups(PYPROJECT, *groups))


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


@nox.session(name="tests-fast")
def tests_fast(session: nox.Session) -> None:
    """The pure layer only (no browser): every check, catalog, plan, results and report unit test."""
    _install(session, "test")
    session.run("pytest", "-m", "not browser", *(session.posargs or ["-q"]))


@nox.session(name="tests-latest")
def tests_latest(session: nox.Session) -> None:
    """The suite on the newest releases from the registry (not the lock): drift shows here before users see it."""
    _install(session, "test", locked=False)
    _ensure_browser(session)
    # Which versions this run tested, for the log (a uv venv has no pip to ask).
    session.run("python", "-c", "import importlib.metadata as m; "
                "print(' '.join(sorted(f'{d.name}=={d.version}' for d in m.distributions())))")
    session.run("pytest", *(session.posargs or ["-q"]))


@nox.session(venv_backend="none")
def lock(session: nox.Session) -> None:
    """Refresh constraints.txt: the newest versions that satisfy pyproject.toml (needs uv on PATH)."""
    groups = [arg for g in LOCKED_GROUPS for arg in ("--group", g)]
    session.run("uv", "pip", "compile", "pyproject.toml", *groups, "--universal", "--python-version", "3.11",
                "--quiet", "--upgrade", "-o", LOCK, external=True)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff + mypy (strict) + the shipped CI files: actionlint (with shellcheck) and their JSON schemas."""
    import glob
    import os

    _install(session, "lint", "test")
    session.run("ruff", "check", "pipeline", "tests", "benchmarks", "noxfile.py")
    session.run("mypy", "pipeline")
    # The locked actionlint and shellcheck from this venv, not whatever is on PATH; no pyflakes (no Python steps).
    # Both tools and check-jsonschema's built-in schemas are offline: nothing is downloaded here.
    workflows = sorted(glob.glob(".github/workflows/*.yml"))
    session.run("actionlint", f"-shellcheck={os.path.join(session.bin, 'shellcheck')}", "-pyflakes=", *workflows)
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    session.run("check-jsonschema", "--builtin-schema", "vendor.gitlab-ci",
                *sorted(glob.glob("ci/gitlab/*.gitlab-ci.yml")))
    # ...and that holds: offline, the locked actionlint flags Node 20 majors, GitLab scripts shellcheck-clean.
    session.run("pytest", "-q", "-p", "no:cacheprovider", "tests/test_ci_lint.py")


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
