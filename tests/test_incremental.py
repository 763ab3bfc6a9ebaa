"""Incremental runs: unchanged targets are reused, changed HTML or stylesheets are scanned again."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.gather.fingerprint import asset_urls, fingerprint

ROOT = Path(__file__).resolve().parents[1]


def sha(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


def test_asset_urls_same_origin_in_document_order() -> None:
    html = ('<link href="/a.css" rel="stylesheet"><script src="https://cdn.example/x.js"></script>'
            '<link rel="icon" href="/i.png"><script src="app.js"></script>')
    assert asset_urls(html, "http://127.0.0.1:5/en/p.html") == ["http://127.0.0.1:5/a.css",
                                                                "http://127.0.0.1:5/en/app.js"]


def test_fingerprint_ignores_the_port_but_not_content() -> None:
    a = b'<a href="http://127.0.0.1:1111/en/x">x</a> share?u=http%3A//127.0.0.1%3A1111/en/x'
    b = b'<a href="http://127.0.0.1:2222/en/x">x</a> share?u=http%3A//127.0.0.1%3A2222/en/x'
    fa = fingerprint(a, "http://127.0.0.1:1111/en/x", "http://127.0.0.1:1111", "s", sha)
    fb = fingerprint(b, "http://127.0.0.1:2222/en/x", "http://127.0.0.1:2222", "s", sha)
    assert fa == fb
    assert fingerprint(b + b"!", "http://127.0.0.1:2222/en/x", "http://127.0.0.1:2222", "s", sha) != fb
    assert fingerprint(b, "http://127.0.0.1:2222/en/x", "http://127.0.0.1:2222", "other-settings", sha) != fb


def test_fingerprint_changes_with_a_stylesheet() -> None:
    html = b'<link rel="stylesheet" href="/rtl.css">'
    one = fingerprint(html, "http://h/ar/p", "http://h", "s", lambda u: "v1")
    two = fingerprint(html, "http://h/ar/p", "http://h", "s", lambda u: "v2")
    assert one != two


@pytest.mark.browser
def test_incremental_rescans_only_what_changed(static_server: Callable[[Path], str], tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "other_site", site)
    (site / "static" / "ar.css").write_text("p { color: #222; }")
    for page in ("diversity.html", "contact.html"):
        p = site / "ar-EG" / page
        p.write_text(p.read_text().replace("</head>", '<link rel="stylesheet" href="/static/ar.css"></head>'))
    base = static_server(site)
    config = tmp_path / "site.toml"
    config.write_text(f'[site]\nbase_url = "{base}"\n[pages]\ndiversity = "diversity.html"\ncontact = "contact.html"\n'
                      '[locales.en]\nurl = "{base_url}/en-US/{path}"\nlang = "en-US"\n'
                      '[locales.es]\nurl = "{base_url}/es-419/{path}"\n'
                      '[locales.ar]\nurl = "{base_url}/ar-EG/{path}"\n'
                      '[l10n]\ndo_not_translate = ["Harbor Clinic"]\n', encoding="utf-8")
    out = tmp_path / "out"

    def run(*extra: str) -> tuple[dict[str, Any], str]:
        proc = subprocess.run([sys.executable, "-m", "pipeline", "scan", "--config", str(config), "--out", str(out),
                               *extra], capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert proc.returncode in (0, 1), proc.stderr
        return json.loads((out / "latest" / "results.json").read_text()), proc.stderr

    def findings(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
        return sorted((t["page"], t["locale"], f["check"], f["selector"]) for t in r["targets"] for f in t["findings"])

    first, _ = run()
    assert ("contact", "es", "untranslated-text") in {(a, b, c) for a, b, c, _ in findings(first)}
    second, log = run("--incremental")
    assert "6 of 6 target(s) unchanged" in log and "browser:" not in log  # no browser at all
    assert findings(second) == findings(first)
    assert all((out / "latest" / t["screenshot"]).is_file() for t in second["targets"])

    (site / "static" / "ar.css").write_text("p { color: #bbb; }")  # low contrast, Arabic pages only
    p = site / "es-419" / "contact.html"
    p.write_text(p.read_text().replace("Call us any day", "Llámenos cualquier día"))
    third, log = run("--incremental")
    assert "3 of 6 target(s) unchanged" in log
    got = set(findings(third))
    assert ("contact", "es", "untranslated-text") not in {(a, b, c) for a, b, c, _ in got}
    assert {("diversity", "ar"), ("contact", "ar")} <= {(a, b) for a, b, c, _ in got if c == "axe:color-contrast"}
