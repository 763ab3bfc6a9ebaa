"""Browser discovery: configured path, env, Playwright's own build, system Chromium; a clear hint otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.gather import browser
from pipeline.gather.browser import BrowserNotFound, find_chromium

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def fake_exe(tmp_path: Path) -> str:
    exe = tmp_path / "my-chromium"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    return str(exe)


def no_system_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setattr(browser, "MACOS_APPS", ())
    monkeypatch.delenv(browser.ENV_VAR, raising=False)


def test_order_config_then_env_then_playwright_then_system(monkeypatch: pytest.MonkeyPatch, fake_exe: str,
                                                          tmp_path: Path) -> None:
    no_system_browser(monkeypatch)
    other = tmp_path / "env-chromium"
    other.write_text("")
    monkeypatch.setenv(browser.ENV_VAR, str(other))
    assert find_chromium(fake_exe, fake_exe).source == "config"
    assert find_chromium(None, fake_exe) == browser.BrowserChoice(str(other), "env")
    monkeypatch.delenv(browser.ENV_VAR)
    assert find_chromium(None, fake_exe) == browser.BrowserChoice(None, "playwright")
    monkeypatch.setattr(browser.shutil, "which", lambda name: "/usr/bin/chromium" if name == "chromium" else None)
    assert find_chromium(None, str(tmp_path / "missing")) == browser.BrowserChoice("/usr/bin/chromium", "system")


def test_nothing_found_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    no_system_browser(monkeypatch)
    with pytest.raises(BrowserNotFound) as info:
        find_chromium(None, None)
    message = str(info.value)
    assert "playwright install chromium" in message
    assert "apt-get install -y chromium fonts-noto-core fonts-noto-cjk" in message
    assert browser.ENV_VAR in message


def test_configured_path_that_does_not_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    no_system_browser(monkeypatch)
    with pytest.raises(BrowserNotFound, match="config browser '/nope/chromium' does not exist"):
        find_chromium("/nope/chromium", None)


def test_cli_with_a_missing_browser_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    env = {**os.environ, browser.ENV_VAR: str(tmp_path / "no-such-chromium")}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "scan", "--out", str(tmp_path / "out"), "--quiet"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "does not exist" in lines[0] and "playwright install chromium" in lines[0]
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())  # no empty run dir left
