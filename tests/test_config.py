"""Config loading: lookup order, validation and one-line errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import SAMPLE_CONFIG, ConfigError, load_config

GOOD = """\
source_locale = "en"
[site]
base_url = "http://127.0.0.1:8801"
[pages]
diversity = "diversity.html"
contact = "contact.html"
[locales.en]
url = "{base_url}/en-US/{path}"
[locales.es]
url = "{base_url}/es-419/{path}"
[locales.zh]
url = "{base_url}/zh-Hans/{path}"
lang = "zh-Hans"
[locales.ar]
url = "{base_url}/ar-EG/{path}"
[l10n]
do_not_translate = ["Riverside General Hospital", "MyChart"]
[catalogs]
dir = "locales"
domain = "messages"
[axe]
tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""


def write(tmp_path: Path, text: str, name: str = "a11y-l10n.toml") -> Path:
    (tmp_path / "locales").mkdir(exist_ok=True)
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_issue_example_config_loads(tmp_path: Path) -> None:
    cfg = load_config(str(write(tmp_path, GOOD)))
    assert cfg.base_url == "http://127.0.0.1:8801"
    assert [p for p, _ in cfg.pages] == ["diversity", "contact"]
    ar = cfg.locale("ar")
    assert ar.dir == "rtl" and ar.lang == "ar"  # direction from CLDR
    assert cfg.locale("zh").lang == "zh-Hans" and cfg.locale("es").dir == "ltr"
    assert ar.url_for(cfg.base_url or "", "contact.html") == "http://127.0.0.1:8801/ar-EG/contact.html"
    assert cfg.catalog_dir == (tmp_path / "locales").resolve()
    assert cfg.fail_on == "serious" and not cfg.uses_sample_site


def test_lookup_order_local_file_then_pyproject_then_sample(tmp_path: Path) -> None:
    assert load_config(cwd=tmp_path).path == str(SAMPLE_CONFIG)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.a11y-l10n]\nsource_locale = "en"\n[tool.a11y-l10n.pages]\nhome = "/"\n'
        '[tool.a11y-l10n.locales.en]\nurl = "{base_url}/{path}"\n', encoding="utf-8")
    from_pyproject = load_config(cwd=tmp_path)
    assert from_pyproject.path.endswith("pyproject.toml") and from_pyproject.pages == (("home", "/"),)
    write(tmp_path, GOOD)
    assert load_config(cwd=tmp_path).path.endswith("a11y-l10n.toml")


def test_sample_config_serves_bundled_site() -> None:
    cfg = load_config(str(SAMPLE_CONFIG))
    assert cfg.uses_sample_site and cfg.base_url is None
    assert [loc.code for loc in cfg.locales] == ["en", "es", "zh", "ar"]
    assert cfg.catalog_dir is not None and (cfg.catalog_dir / "messages.pot").is_file()


def error_for(tmp_path: Path, text: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(str(write(tmp_path, text)))
    return info.value


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    err = error_for(tmp_path, 'source_locale = "en"\n[pages]\nhome = index.html\n')
    assert err.line == 3 and str(err).startswith(str(tmp_path / "a11y-l10n.toml") + ":3: invalid TOML")


def test_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    err = error_for(tmp_path, GOOD.replace("[catalogs]\ndir", "[catalogs]\ndirectory"))
    assert "unknown key 'catalogs.directory'" in str(err) and "did you mean 'dir'" in str(err)
    assert err.line == GOOD.splitlines().index("[catalogs]") + 2
    err = error_for(tmp_path, GOOD.replace("[axe]", "[axes]"))
    assert "unknown key 'axes'" in str(err) and "'axe'" in str(err)


def test_url_template_without_path(tmp_path: Path) -> None:
    err = error_for(tmp_path, GOOD.replace('url = "{base_url}/es-419/{path}"', 'url = "{base_url}/es-419/"'))
    assert "has no {path}" in str(err) and err.line == GOOD.splitlines().index("[locales.es]") + 2


def test_unknown_locale_code(tmp_path: Path) -> None:
    err = error_for(tmp_path, GOOD.replace("[locales.es]", "[locales.xx-nope]"))
    assert "unknown locale code 'xx-nope'" in str(err)


def test_wrong_types_and_values(tmp_path: Path) -> None:
    assert "must be a list of strings" in str(error_for(tmp_path, GOOD.replace(
        'do_not_translate = ["Riverside General Hospital", "MyChart"]', "do_not_translate = [1]")))
    assert "fail_on 'loud'" in str(error_for(tmp_path, 'fail_on = "loud"\n' + GOOD))
    assert "not an http(s) URL" in str(error_for(tmp_path, GOOD.replace("http://127.0.0.1:8801", "ftp://x")))
    assert "source_locale 'fr'" in str(error_for(tmp_path, GOOD.replace('source_locale = "en"',
                                                                        'source_locale = "fr"')))


def test_empty_pages_and_missing_catalog_dir(tmp_path: Path) -> None:
    start, end = GOOD.index("[pages]"), GOOD.index("[locales.en]")
    assert "no pages configured" in str(error_for(tmp_path, GOOD[:start] + "[pages]\n" + GOOD[end:]))
    err = error_for(tmp_path, GOOD.replace('dir = "locales"', 'dir = "nowhere"'))
    assert "catalog dir 'nowhere' not found" in str(err)


def test_missing_config_file() -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config("/nonexistent/a11y-l10n.toml")


# ---------------------------------------------------------------- direction: pinned, not read from CLDR

@pytest.mark.parametrize(("code", "direction"), [
    ("ar", "rtl"), ("ar-EG", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("ps", "rtl"), ("yi", "rtl"),
    ("az-Arab", "rtl"), ("ku-Latn", "ltr"), ("en", "ltr"), ("es-419", "ltr"), ("zh-Hans", "ltr"), ("ja", "ltr"),
    ("ru", "ltr"), ("hi", "ltr"),
])
def test_locale_direction_is_pinned(code: str, direction: str) -> None:
    from pipeline.config.load import _locale_direction

    assert _locale_direction(code) == direction


def test_direction_table_agrees_with_installed_babel() -> None:
    """Drift detector: under the locked Babel this holds; a CLDR update that moves a locale shows up here
    (in `nox -s tests-latest`) instead of silently flipping dir-attribute findings."""
    from babel import Locale, localedata

    from pipeline.data.text_direction import known_direction

    disagree = []
    for ident in localedata.locale_identifiers():
        known = known_direction(ident)
        if known is not None and known != Locale.parse(ident).text_direction:
            disagree.append(ident)
    assert disagree == []


def test_ignore_selectors_load_and_reject_what_is_not_a_selector(tmp_path: Path) -> None:
    text = GOOD.replace('[catalogs]', 'ignore_selectors = [".api-name", "#changelog pre"]\n[catalogs]')
    assert load_config(str(write(tmp_path, text))).ignore_selectors == (".api-name", "#changelog pre")
    assert load_config(str(write(tmp_path, GOOD))).ignore_selectors == ()
    bad = GOOD.replace('[catalogs]', 'ignore_selectors = ["p { color: red }"]\n[catalogs]')
    with pytest.raises(ConfigError) as info:
        load_config(str(write(tmp_path, bad)))
    line = bad.splitlines().index('ignore_selectors = ["p { color: red }"]') + 1
    assert str(info.value).startswith(f"{tmp_path / 'a11y-l10n.toml'}:{line}: l10n.ignore_selectors entry")
