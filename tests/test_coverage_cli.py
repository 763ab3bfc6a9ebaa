"""`a11y-l10n coverage` as a user runs it: catalog table only, and gettext's plural table under any Babel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CATALOGS = Path(__file__).parent / "fixtures" / "catalogs"

GETTEXT_HEADERS = {
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "zh": "nplurals=1; plural=0;",
}


def _po(locale: str, plural_forms: str) -> str:
    return (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {locale}\\n"\n'
            f'"Plural-Forms: {plural_forms}\\n"\n\nmsgid "Hello"\nmsgstr "X"\n\n'
            'msgid "%(n)d day"\nmsgid_plural "%(n)d days"\n'
            + "".join(f'msgstr[{i}] "%(n)d X{i}"\n' for i in range(int(plural_forms.split("=")[1][0]))))


def _site(tmp_path: Path, headers: dict[str, str]) -> Path:
    config = 'source_locale = "en"\n[site]\nbase_url = "http://127.0.0.1:9"\n[pages]\nhome = "index.html"\n'
    config += '[locales.en]\nurl = "{base_url}/en/{path}"\n'
    for locale, header in headers.items():
        config += f'[locales.{locale}]\nurl = "{{base_url}}/{locale}/{{path}}"\n'
        po = tmp_path / "locales" / locale / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        po.write_text(_po(locale, header), encoding="utf-8")
    config += '[catalogs]\ndir = "locales"\n'
    (tmp_path / "site.toml").write_text(config, encoding="utf-8")
    return tmp_path / "site.toml"


def _coverage(tmp_path: Path, config: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "coverage", "--config", str(config), "--out", "out"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    results = json.loads((tmp_path / "out" / "latest" / "results.json").read_text(encoding="utf-8"))
    return proc, results


def test_catalogs_following_gettext_table_have_no_plural_finding(tmp_path: Path) -> None:
    proc, results = _coverage(tmp_path, _site(tmp_path, GETTEXT_HEADERS))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    checks = [f["check"] for c in results["catalogs"] for f in c["findings"]]  # type: ignore[index, union-attr]
    assert "catalog:plural-forms" not in checks
    assert len(results["catalogs"]) == len(GETTEXT_HEADERS)  # type: ignore[arg-type]


@pytest.mark.parametrize("locale", ["ar", "ru"])
def test_two_forms_for_arabic_or_russian_is_still_found(tmp_path: Path, locale: str) -> None:
    _, results = _coverage(tmp_path, _site(tmp_path, {locale: "nplurals=2; plural=(n != 1);"}))
    (catalog,) = results["catalogs"]  # type: ignore[misc]
    header = [f for f in catalog["findings"] if f["check"] == "catalog:plural-forms" and f["line"] == 0]
    assert len(header) == 1 and f"nplurals=2, but gettext's convention for {locale}" in header[0]["message"]


def test_coverage_prints_the_catalog_table_and_no_page_matrix(tmp_path: Path) -> None:
    proc, _ = _coverage(tmp_path, _site(tmp_path, {"es": GETTEXT_HEADERS["es"]}))
    assert "Catalog coverage:" in proc.stdout
    assert "not scanned" not in proc.stdout and "home" not in proc.stdout
    index = (tmp_path / "out" / "latest" / "index.html").read_text(encoding="utf-8")
    assert "not scanned" not in index and 'id="matrix"' not in index
