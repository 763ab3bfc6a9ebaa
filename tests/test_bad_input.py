"""Bad input never crashes: exit code 2 and one clear line on stderr (file[:line], what, what to do).

Every case drives the real CLI as a subprocess, the way a user or CI runs it, from a scratch
directory. `coverage` is used wherever the case needs no browser, so this suite is fast; the two
`scan` cases fail before any browser is launched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "fixtures" / "bad_input"
MSGFMT = shutil.which("msgfmt")

MINIMAL = """\
source_locale = "en"

[site]
base_url = "http://127.0.0.1:9"

[pages]
home = "index.html"

[locales.en]
url = "{base_url}/en/{path}"
"""

WITH_SPANISH = MINIMAL + """
[locales.es]
url = "{base_url}/es/{path}"
"""


def run_cli(cwd: Path, command: str, config: str, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.pop("A11Y_L10N_CHROMIUM", None)
    return subprocess.run([sys.executable, "-m", "pipeline", command, "--config", config, "--out", "out", *extra],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """Assert the bad-input contract and return the single stderr line."""
    both = proc.stdout + proc.stderr
    assert "Traceback" not in both, both
    assert proc.returncode == 2, both
    lines = proc.stderr.rstrip("\n").split("\n")
    assert len(lines) == 1 and lines[0].strip(), proc.stderr
    assert "internal error" not in lines[0] and "--debug" not in lines[0], lines[0]  # bad input is not a bug
    assert proc.stdout == "", proc.stdout  # no summary table for a run that never started
    return lines[0]


def line_with(text: str, needle: str) -> int:
    """1-based number of the first line of ``text`` that contains ``needle``."""
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def write(tmp_path: Path, text: str, name: str = "site.toml") -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


def with_catalogs(tmp_path: Path, fixture: str, config: str = WITH_SPANISH) -> str:
    shutil.copytree(BAD / "catalogs" / fixture, tmp_path / "locales")
    return write(tmp_path, config + '\n[catalogs]\ndir = "locales"\n')


def results_of(tmp_path: Path) -> dict[str, Any]:
    return json.loads((tmp_path / "out" / "latest" / "results.json").read_text(encoding="utf-8"))


def msgfmt_statistics(po: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, int]]:
    assert MSGFMT is not None
    proc = subprocess.run([MSGFMT, "--statistics", "-o", os.devnull, str(po)],
                          capture_output=True, text=True, timeout=30, env={**os.environ, "LC_ALL": "C"})
    counts = {}
    for key, pattern in (("translated", r"(\d+) translated message"), ("fuzzy", r"(\d+) fuzzy translation"),
                         ("untranslated", r"(\d+) untranslated message")):
        m = re.search(pattern, proc.stderr)
        counts[key] = int(m.group(1)) if m else 0
    return proc, counts


# ------------------------------------------------------------------ config file


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    shutil.copy(BAD / "invalid.toml", tmp_path / "site.toml")  # line 3: home = index.html (unquoted)
    line = one_error_line(run_cli(tmp_path, "coverage", "site.toml"))
    assert "site.toml:3:" in line
    assert "invalid TOML" in line and "fix" in line


@pytest.mark.parametrize(("old", "new", "key", "suggestion", "where"), [
    ("[site]\n", '[catalogs]\ndirectory = "locales"\n[site]\n', "catalogs.directory", "dir", "directory ="),
    ("[pages]\n", "[axes]\ntags = []\n[pages]\n", "axes", "axe", "[axes]"),
    ("[locales.en]\nurl", "[locales.en]\nulr", "locales.en.ulr", "url", "ulr ="),
    ('source_locale = "en"', 'source-locale = "en"', "source-locale", "source_locale", "source-locale ="),
])
def test_unknown_key_names_it_and_suggests_the_closest(tmp_path: Path, old: str, new: str, key: str,
                                                       suggestion: str, where: str) -> None:
    config = MINIMAL.replace(old, new, 1)
    line = one_error_line(run_cli(tmp_path, "coverage", write(tmp_path, config)))
    assert f"site.toml:{line_with(config, where)}:" in line
    assert f"unknown key '{key}'" in line and f"did you mean '{suggestion}'?" in line


def test_unknown_locale_code(tmp_path: Path) -> None:
    config = MINIMAL + '\n[locales.xx-nope]\nurl = "{base_url}/xx/{path}"\n'
    line = one_error_line(run_cli(tmp_path, "coverage", write(tmp_path, config)))
    assert f"site.toml:{line_with(config, '[locales.xx-nope]')}:" in line
    assert "unknown locale code 'xx-nope'" in line and "use a CLDR/BCP 47 code" in line


def test_url_template_without_path(tmp_path: Path) -> None:
    config = MINIMAL.replace('url = "{base_url}/en/{path}"', 'url = "{base_url}/en/index.html"')
    line = one_error_line(run_cli(tmp_path, "coverage", write(tmp_path, config)))
    assert f"site.toml:{line_with(config, '/en/index.html')}:" in line
    assert "has no {path} placeholder" in line and "add {path}" in line


def test_empty_page_list(tmp_path: Path) -> None:
    config = MINIMAL.replace('home = "index.html"\n', "")
    line = one_error_line(run_cli(tmp_path, "coverage", write(tmp_path, config)))
    assert f"site.toml:{line_with(config, '[pages]')}:" in line
    assert "no pages configured" in line and "add a [pages] table" in line


def test_config_file_that_does_not_exist(tmp_path: Path) -> None:
    line = one_error_line(run_cli(tmp_path, "coverage", "missing.toml"))
    assert line.startswith("error: missing.toml:")
    assert "not found" in line and "pass an existing TOML file" in line
    assert not (tmp_path / "out").exists()


def test_config_that_is_not_utf8(tmp_path: Path) -> None:
    shutil.copy(BAD / "not_utf8.toml", tmp_path / "site.toml")  # byte 0xE9 on line 3
    line = one_error_line(run_cli(tmp_path, "coverage", "site.toml"))
    assert "site.toml:3:" in line
    assert "not UTF-8" in line and "0xe9" in line and "save it as UTF-8" in line


@pytest.mark.parametrize(("setting", "expected"), [
    ('[run]\nconcurrency = "two"', "'run.concurrency' must be an integer, not a string (\"two\"); "
                                   "write it like concurrency = 2"),
    ('[run]\npage_timeout = "10s"', "'run.page_timeout' must be a number"),
    ('[run]\nscreenshots = "yes"', "'run.screenshots' must be true or false"),
    ('[l10n]\ndo_not_translate = "MyChart"', "'l10n.do_not_translate' must be a list"),
])
def test_wrong_value_type(tmp_path: Path, setting: str, expected: str) -> None:
    config = MINIMAL + "\n" + setting + "\n"
    line = one_error_line(run_cli(tmp_path, "coverage", write(tmp_path, config)))
    assert f"site.toml:{line_with(config, setting.split(chr(10))[1])}:" in line
    assert expected in line and "write it like" in line


@pytest.mark.parametrize("value", ["-1", "5000"])
def test_screenshot_budget_out_of_range(tmp_path: Path, value: str) -> None:
    setting = f"screenshot_max_megapixels = {value}"
    config = MINIMAL + "\n[run]\n" + setting + "\n"
    line = one_error_line(run_cli(tmp_path, "coverage", write(tmp_path, config)))
    assert f"site.toml:{line_with(config, setting)}:" in line
    assert "run.screenshot_max_megapixels must be between 0 (no limit) and 1000" in line


def test_screenshot_budget_is_read(tmp_path: Path) -> None:
    from pipeline.config import load_config

    assert load_config(str(tmp_path / write(tmp_path, MINIMAL))).screenshot_max_pixels == 2_000_000  # the default
    for value, pixels in (("0", 0), ("3.5", 3_500_000)):
        text = MINIMAL + f"\n[run]\nscreenshot_max_megapixels = {value}\n"
        config = load_config(str(tmp_path / write(tmp_path, text)))
        assert config.screenshot_max_pixels == pixels


def test_fail_on_with_an_invalid_value(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "coverage", write(tmp_path, MINIMAL), "--fail-on", "bogus")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    last = proc.stderr.rstrip("\n").split("\n")[-1]  # argparse: usage lines, then the error
    assert "--fail-on" in last and "'bogus'" in last and "serious" in last
    assert not (tmp_path / "out").exists()


def test_extra_origin_that_is_not_http(tmp_path: Path) -> None:
    config = MINIMAL.replace("[pages]", 'extra_origins = ["javascript:"]\n\n[pages]')
    line = one_error_line(run_cli(tmp_path, "coverage", write(tmp_path, config)))
    assert f"site.toml:{line_with(config, 'extra_origins')}:" in line
    assert "extra_origins entry 'javascript:' is not an http(s) origin" in line and "write it like" in line


# ------------------------------------------------------------------ scan: fails before any browser


def free_then_closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_base_url_fails_fast(tmp_path: Path) -> None:
    port = free_then_closed_port()
    config = MINIMAL.replace("http://127.0.0.1:9", f"http://127.0.0.1:{port}")
    started = time.monotonic()
    proc = run_cli(tmp_path, "scan", write(tmp_path, config))
    elapsed = time.monotonic() - started
    line = one_error_line(proc)
    assert elapsed < 10, f"took {elapsed:.1f}s: a browser or page timeout, not a connection check"
    assert f"site.toml:{line_with(config, 'base_url =')}:" in line
    assert f"http://127.0.0.1:{port}" in line and "unreachable" in line and "start the site or fix the URL" in line


@pytest.mark.parametrize("path", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                  "file:///etc/passwd"])
def test_target_outside_the_site_is_refused_before_any_request(tmp_path: Path, path: str) -> None:
    config = MINIMAL.replace('home = "index.html"', f"home = '{path}'").replace(
        'url = "{base_url}/en/{path}"', 'url = "{path}"')
    line = one_error_line(run_cli(tmp_path, "scan", write(tmp_path, config)))
    assert "site.toml:" in line and f"resolves to {path}" in line and "outside the configured origins" in line


# ------------------------------------------------------------------ catalogs


def test_missing_catalog_dir(tmp_path: Path) -> None:
    config = WITH_SPANISH + '\n[catalogs]\ndir = "no-such-dir"\n'
    line = one_error_line(run_cli(tmp_path, "coverage", write(tmp_path, config)))
    assert f"site.toml:{line_with(config, 'no-such-dir')}:" in line
    assert "catalog dir 'no-such-dir' not found" in line and "fix catalogs.dir" in line


def test_catalog_dir_without_the_locale_catalog(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    config = WITH_SPANISH + '\n[catalogs]\ndir = "locales"\n'
    line = one_error_line(run_cli(tmp_path, "coverage", write(tmp_path, config)))
    assert "locales" in line and ":0:" not in line
    assert "no catalog for locale 'es'" in line and "add it or fix [catalogs]" in line


@pytest.mark.parametrize(("fixture", "line_no", "problem"), [
    ("unterminated", 11, "end-of-line within string"),
    ("unknown_keyword", 11, "'msgtxt' unknown"),
    ("msgstr_without_msgid", 9, "msgstr without msgid"),
])
def test_malformed_po_names_file_and_line(tmp_path: Path, fixture: str, line_no: int, problem: str) -> None:
    line = one_error_line(run_cli(tmp_path, "coverage", with_catalogs(tmp_path, fixture)))
    assert f"locales/es.po:{line_no}: " in line
    assert problem in line and "fix the PO syntax" in line
    if MSGFMT:  # msgfmt agrees that the file is broken
        proc, _ = msgfmt_statistics(BAD / "catalogs" / fixture / "es.po")
        assert proc.returncode != 0 and "fatal error" in proc.stderr


def test_latin1_catalog_is_read_not_rejected(tmp_path: Path) -> None:
    po = BAD / "catalogs" / "latin1" / "fr" / "LC_MESSAGES" / "messages.po"
    with pytest.raises(UnicodeDecodeError):
        po.read_bytes().decode("utf-8")  # the fixture really is not UTF-8
    config = MINIMAL + '\n[locales.fr]\nurl = "{base_url}/fr/{path}"\n'
    proc = run_cli(tmp_path, "coverage", with_catalogs(tmp_path, "latin1", config))
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    [catalog] = results_of(tmp_path)["catalogs"]
    assert catalog["locale"] == "fr"
    counts = {k: catalog[k] for k in ("translated", "fuzzy", "untranslated")}
    assert counts == {"translated": 3, "fuzzy": 1, "untranslated": 1}
    assert catalog["total"] == 5 and catalog["obsolete"] == 1
    # Decoded as latin-1, not mangled: the obsolete entry's text survives intact.
    [obsolete] = [f for f in catalog["findings"] if f["check"] == "catalog:obsolete"]
    assert obsolete["details"]["msgstr"] == ["Ancien élément"]
    if MSGFMT is None:
        pytest.skip("msgfmt not installed: counts not compared with GNU gettext")
    msgfmt, expected = msgfmt_statistics(po)
    assert msgfmt.returncode == 0, msgfmt.stderr
    assert counts == expected


def test_duplicate_msgid_is_a_serious_finding_naming_both_lines(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "coverage", with_catalogs(tmp_path, "duplicate"))
    assert proc.returncode == 1, proc.stderr  # serious, and fail_on defaults to serious
    assert "Traceback" not in proc.stdout + proc.stderr
    [catalog] = results_of(tmp_path)["catalogs"]
    [dup] = [f for f in catalog["findings"] if f["check"] == "catalog:duplicate"]
    assert dup["severity"] == "serious"
    assert dup["file"].endswith("messages.po") and dup["line"] == 13
    assert "lines 7 and 13" in dup["message"] and dup["details"]["lines"] == [7, 13]
    if MSGFMT is None:
        pytest.skip("msgfmt not installed: not checked that GNU gettext rejects the file")
    msgfmt, _ = msgfmt_statistics(BAD / "catalogs" / "duplicate" / "es" / "LC_MESSAGES" / "messages.po")
    assert msgfmt.returncode != 0 and "duplicate message definition" in msgfmt.stderr
