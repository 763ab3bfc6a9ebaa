"""Catalog checks (pipeline.checks.catalog): each planted defect gives exactly its finding, clean none."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.pofile import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.catalogs import catalog_stats, read_catalog
from pipeline.checks.catalog import (
    CATALOG_CHECKS,
    check_duplicate,
    check_format_mismatch,
    check_fuzzy,
    check_not_in_template,
    check_obsolete,
    check_plural_forms,
    check_untranslated,
    formats_checked,
    placeholder_problems,
    run_catalog_checks,
)
from pipeline.model import SEVERITIES, CatalogArtifact, CatalogMessage, Finding

CATALOGS = Path(__file__).parent / "fixtures" / "catalogs"
REALWORLD = sorted((CATALOGS / "realworld" / "locale").glob("*/LC_MESSAGES/django.po"))
MSGFMT = shutil.which("msgfmt")

AR_PLURALS = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
RU_PLURALS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
PL_PLURALS = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
ES_PLURALS = "nplurals=2; plural=(n != 1);"


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [number for number, line in enumerate(lines, start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} found on lines {hits}"
    return hits[0]


def artifact_of(
    *messages: CatalogMessage,
    locale: str = "es",
    plural_forms: str = ES_PLURALS,
    nplurals: int | None = 2,
    template: tuple[str, ...] | None = None,
) -> CatalogArtifact:
    return CatalogArtifact(
        locale=locale,
        path=f"locale/{locale}.po",
        messages=messages,
        plural_forms=plural_forms,
        nplurals=nplurals,
        template_msgids=template,
    )


def where(findings: list[Finding]) -> list[tuple[str, int]]:
    return sorted((finding.check, finding.line) for finding in findings)


# -------------------------------------------------------------------------------------- whole catalogs


def test_clean_catalog_has_no_finding_at_all() -> None:
    artifact = read_catalog(CATALOGS / "clean_es.po", "es")
    assert run_catalog_checks(artifact) == []


def test_defects_catalog_gives_exactly_the_planted_findings() -> None:
    path = CATALOGS / "defects_es.po"
    findings = run_catalog_checks(read_catalog(path, "es"))
    assert where(findings) == sorted(
        [
            ("catalog:fuzzy", line_of(path, 'msgid "Sign in now"')),
            ("catalog:untranslated", line_of(path, 'msgid "Privacy policy"')),
            ("catalog:format-mismatch", line_of(path, 'msgid "Hello, %(name)s!"')),
            ("catalog:format-mismatch", line_of(path, 'msgid "You have {count} new messages"')),
            ("catalog:obsolete", line_of(path, '#~ msgid "Old banner"')),
        ]
    )
    # The c-format entry reorders %1$s/%2$d: fine, so nothing on its line.
    assert line_of(path, 'msgid "File %1$s is %2$d bytes"') not in [f.line for f in findings]


def test_findings_carry_file_locale_severity_and_details() -> None:
    path = CATALOGS / "defects_es.po"
    artifact = read_catalog(path, "es")
    (finding,) = check_untranslated(artifact)
    assert finding.file == str(path) and finding.locale == "es"
    assert finding.severity == "minor" and finding.severity in SEVERITIES
    assert finding.details["msgid"] == "Privacy policy" and finding.details["msgstr"] == [""]
    assert '"Privacy policy"' in finding.message
    for finding in run_catalog_checks(artifact):
        assert "\n" not in finding.message and len(finding.message) <= 120


def test_ordering_is_by_line_then_check() -> None:
    findings = run_catalog_checks(read_catalog(CATALOGS / "defects_es.po", "es"))
    assert [(f.line, f.check) for f in findings] == sorted((f.line, f.check) for f in findings)


def test_disabled_checks_do_not_run() -> None:
    artifact = read_catalog(CATALOGS / "defects_es.po", "es")
    checks = {f.check for f in run_catalog_checks(artifact, disabled=frozenset({"catalog:fuzzy"}))}
    assert "catalog:fuzzy" not in checks and "catalog:obsolete" in checks


def test_registry_ids_and_default_severities() -> None:
    table = {meta.id: meta.severity for meta, _ in CATALOG_CHECKS}
    assert table == {
        "catalog:untranslated": "minor",
        "catalog:fuzzy": "minor",
        "catalog:obsolete": "minor",
        "catalog:format-mismatch": "critical",
        "catalog:plural-forms": "serious",
        "catalog:duplicate": "serious",
        "catalog:not-in-template": "minor",
    }
    assert len(CATALOG_CHECKS) == len(table)
    for meta, _ in CATALOG_CHECKS:
        assert meta.title and meta.description
        with pytest.raises(AttributeError):
            meta.severity = "critical"  # type: ignore[misc]


# --------------------------------------------------------------------- untranslated / fuzzy / obsolete


def test_fuzzy_with_empty_msgstr_is_untranslated_not_fuzzy() -> None:
    artifact = artifact_of(CatalogMessage("Remove", ("",), fuzzy=True, lineno=9))
    assert where(check_untranslated(artifact)) == [("catalog:untranslated", 9)]
    assert check_fuzzy(artifact) == []


def test_fuzzy_with_msgstr_is_fuzzy_only() -> None:
    artifact = artifact_of(CatalogMessage("Remove", ("Quitar",), fuzzy=True, lineno=9))
    assert where(check_fuzzy(artifact)) == [("catalog:fuzzy", 9)]
    assert check_untranslated(artifact) == []


def test_empty_middle_plural_form_is_untranslated() -> None:
    message = CatalogMessage("a", ("x", "", "z"), msgid_plural="as", lineno=4)
    artifact = artifact_of(message, locale="ru", plural_forms=RU_PLURALS, nplurals=3)
    (finding,) = check_untranslated(artifact)
    assert (finding.line, finding.details["empty_forms"]) == (4, [1])
    assert check_plural_forms(artifact) == []


def test_empty_last_plural_forms_are_missing_forms_when_nplurals_is_known() -> None:
    message = CatalogMessage("a", ("x", "y", ""), msgid_plural="as", lineno=4)
    artifact = artifact_of(message, locale="ru", plural_forms=RU_PLURALS, nplurals=3)
    assert check_untranslated(artifact) == []
    assert where(check_plural_forms(artifact)) == [("catalog:plural-forms", 4)]
    # Without nplurals nobody can call them "missing": they are plainly empty.
    unknown = replace(artifact, plural_forms="", nplurals=None)
    assert [f.details["empty_forms"] for f in check_untranslated(unknown)] == [[2]]


def test_fuzzy_plural_with_an_empty_form_is_only_fuzzy() -> None:
    """msgfmt leaves fuzzy entries out of the .mo, so their empty forms reach nobody."""
    message = CatalogMessage("a", ("x", "", "z"), msgid_plural="as", fuzzy=True, lineno=4)
    artifact = artifact_of(message, locale="ru", plural_forms=RU_PLURALS, nplurals=3)
    assert where(run_catalog_checks(artifact)) == [("catalog:fuzzy", 4)]


def test_obsolete_entries_are_only_reported_as_obsolete() -> None:
    artifact = artifact_of(CatalogMessage("Old", ("",), obsolete=True, lineno=30))
    assert where(run_catalog_checks(artifact)) == [("catalog:obsolete", 30)]


def test_untranslated_and_fuzzy_findings_agree_with_msgfmt_statistics() -> None:
    for path in REALWORLD:
        artifact = read_catalog(path, path.parts[-3])
        stats = catalog_stats(artifact)
        untranslated = [f for f in check_untranslated(artifact) if f.details["msgstr"][:1] in ([], [""])]
        assert len(untranslated) == stats.untranslated > 0
        assert len(check_fuzzy(artifact)) == stats.fuzzy > 0
        assert len(check_obsolete(artifact)) == stats.obsolete > 0


# -------------------------------------------------------------------------------------------- template


def test_not_in_template_and_missing_from_po() -> None:
    folder = CATALOGS / "template"
    po = folder / "es.po"
    artifact = read_catalog(po, "es", folder / "messages.pot")
    assert where(check_not_in_template(artifact)) == [("catalog:not-in-template", line_of(po, 'msgid "Blog"'))]
    (missing,) = check_untranslated(artifact)
    assert (missing.line, missing.details["msgid"]) == (0, "Newsletter")
    assert missing.message == '"Newsletter" is in the .pot template but missing from es.po'
    assert where(run_catalog_checks(artifact)) == sorted(
        [("catalog:untranslated", 0), ("catalog:not-in-template", line_of(po, 'msgid "Blog"'))]
    )


def test_template_contexts_are_respected() -> None:
    artifact = artifact_of(
        CatalogMessage("Open", ("Abrir",), context="menu", lineno=3),
        template=("menu\x04Open", "store\x04Open"),
    )
    (missing,) = check_untranslated(artifact)
    assert missing.details == {"msgid": "Open", "context": "store", "missing_from_po": True}
    assert check_not_in_template(artifact) == []


def test_without_template_there_are_no_template_findings() -> None:
    artifact = artifact_of(CatalogMessage("Blog", ("Blog",), lineno=3))
    assert check_not_in_template(artifact) == [] and check_untranslated(artifact) == []


# ------------------------------------------------------------------------------------------- duplicate


def test_duplicate_names_both_lines() -> None:
    path = CATALOGS / "duplicate_es.po"
    (finding,) = check_duplicate(read_catalog(path, "es"))
    assert (finding.check, finding.line, finding.severity) == ("catalog:duplicate", 17, "serious")
    assert finding.details["lines"] == [7, 17]
    assert "lines 7 and 17" in finding.message
    assert where(run_catalog_checks(read_catalog(path, "es"))) == [("catalog:duplicate", 17)]


def test_obsolete_copy_of_an_active_entry_is_a_duplicate_as_in_msgfmt() -> None:
    artifact = artifact_of(CatalogMessage("a", ("b",), lineno=5), CatalogMessage("a", ("c",), obsolete=True, lineno=8))
    assert where(check_duplicate(artifact)) == [("catalog:duplicate", 8)]


# ---------------------------------------------------------------------------------------- plural forms


def test_arabic_entry_with_two_of_six_forms() -> None:
    path = CATALOGS / "ar_plural.po"
    findings = run_catalog_checks(read_catalog(path, "ar"))
    assert where(findings) == [("catalog:plural-forms", line_of(path, 'msgid "%(num)d comment"'))]
    assert findings[0].severity == "serious"
    assert (findings[0].details["forms"], findings[0].details["nplurals"]) == (2, 6)
    assert "2 of 6" in findings[0].message


def test_extra_forms_are_reported_too() -> None:
    message = CatalogMessage("a", ("x", "y", "z"), msgid_plural="as", lineno=6)
    (finding,) = check_plural_forms(artifact_of(message))
    assert (finding.line, finding.details["forms"]) == (6, 3)


@pytest.mark.parametrize(
    ("locale", "nplurals", "expected"),
    [
        ("ar", 2, True),  # fewer than gettext's 6 for Arabic
        ("ru", 2, True),
        ("es", 2, False),
        ("es", 3, False),  # CLDR's newer "many" form: never flagged
        ("fr", 2, False),
        ("ja", 1, False),
        ("xx-unknown", 1, False),
    ],
)
def test_header_with_fewer_forms_than_convention(locale: str, nplurals: int, expected: bool) -> None:
    artifact = artifact_of(locale=locale, plural_forms=f"nplurals={nplurals}; plural=0;", nplurals=nplurals)
    findings = check_plural_forms(artifact)
    assert [(f.line, f.severity) for f in findings] == ([(0, "minor")] if expected else [])
    if expected:
        assert f"nplurals={nplurals}" in findings[0].message and locale in findings[0].message


# gettext's table, pinned per language: these must hold under every Babel (2.19 moved es/fr/it/pt to 3).
GETTEXT_CONVENTION = {"es": 2, "fr": 2, "it": 2, "pt": 2, "pt-BR": 2, "de": 2, "nl": 2, "ru": 3, "uk": 3,
                      "pl": 3, "cs": 3, "ar": 6, "ar-EG": 6, "zh": 1, "zh-Hans": 1, "zh_TW": 1, "ja": 1,
                      "ko": 1, "sl": 4}


@pytest.mark.parametrize(("locale", "forms"), sorted(GETTEXT_CONVENTION.items()))
def test_header_following_gettext_table_is_clean_and_one_form_less_is_flagged(locale: str, forms: int) -> None:
    ok = artifact_of(locale=locale, plural_forms=f"nplurals={forms}; plural=0;", nplurals=forms)
    assert check_plural_forms(ok) == []
    if forms > 1:
        fewer = artifact_of(locale=locale, plural_forms=f"nplurals={forms - 1}; plural=0;", nplurals=forms - 1)
        (finding,) = check_plural_forms(fewer)
        assert finding.details["expected"] == forms


def test_header_convention_does_not_come_from_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever CLDR the installed Babel carries, the judgement stays gettext's."""
    import babel.messages.plurals as babel_plurals

    def cldr_says_three(_locale: object) -> object:
        raise AssertionError("catalog:plural-forms must not ask Babel")

    monkeypatch.setattr(babel_plurals, "get_plural", cldr_says_three)
    ok = artifact_of(locale="es", plural_forms="nplurals=2; plural=(n != 1);", nplurals=2)
    assert check_plural_forms(ok) == []


def test_missing_nplurals_matters_only_with_plural_entries() -> None:
    singular = CatalogMessage("a", ("b",), lineno=3)
    plural = CatalogMessage("c", ("d", "e"), msgid_plural="cs", lineno=6)
    assert check_plural_forms(artifact_of(singular, plural_forms="", nplurals=None)) == []
    (finding,) = check_plural_forms(artifact_of(singular, plural, plural_forms="", nplurals=None))
    assert (finding.line, finding.severity, finding.details["plural_entries"]) == (0, "minor", 1)


# ---------------------------------------------------------------------------------------- placeholders


def problems(msgid: str, msgstr: str, *flags: str) -> list[str]:
    return placeholder_problems(CatalogMessage(msgid, (msgstr,), flags=flags))


# (flag, msgid, msgstr, mismatch?) - each verdict also checked against `msgfmt -c` below.
FORMAT_CASES = [
    ("python-format", "Hello %(name)s", "Hola %(name)s", False),
    ("python-format", "Hello %(name)s", "Hola %(nombre)s", True),
    ("python-format", "Hello %(name)s", "Hola", True),
    ("python-format", "%(a)s and %(b)s", "%(b)s y %(a)s", False),
    ("python-format", "%(n)d", "%(n)s", True),
    ("python-format", "%d items", "%s artículos", True),
    ("python-format", "%i items", "%d artículos", False),
    ("python-format", "%s", "%r", False),
    ("python-format", "%s and %s", "%s", True),
    ("python-format", "%s", "%(n)s", True),
    ("python-format", "100%% sure %s", "100% seguro %s", True),
    ("python-format", "%.2f%%", "%.2f %%", False),
    ("python-format", "%*d", "%d", True),
    ("python-format", "Hello", "Hola %s", True),
    ("python-format", "100% %(n)s", "100% %(n)s", False),  # "% %" is a literal %: "(n)s" is text...
    ("python-format", "100% %(n)s", "x %(n)s", True),  # ...so here %(n)s is unknown (msgfmt agrees)
    ("python-brace-format", "Hello {name}", "Hola {name}", False),
    ("python-brace-format", "Hello {name}", "Hola {nombre}", True),
    ("python-brace-format", "Hello {name}", "Hola", True),
    ("python-brace-format", "Hello {name} {{x}}", "Hola {name} {x}", True),
    ("python-brace-format", "{n} files", "{n} ficheros {{}}", False),
    ("python-brace-format", "Hello {0} {1}", "Hola {1} {0}", False),
    ("python-brace-format", "Hello {name!r}", "Hola {name.x}", False),
    ("python-brace-format", "Hello {name}", "Hola {name} {", True),
    ("c-format", "%s of %s", "%2$s de %1$s", False),
    ("c-format", "%1$s of %2$s", "%2$s de %1$s", False),
    ("c-format", "%s of %d", "%2$s de %1$d", True),
    ("c-format", "%d", "%ld", True),
    ("c-format", "%s %s", "%1$s", True),
    ("c-format", "%s %s", "%1$s %3$s", True),
    ("c-format", "%5.2f", "%f", False),
]


@pytest.mark.parametrize(("flag", "msgid", "msgstr", "mismatch"), FORMAT_CASES)
def test_flagged_placeholders(flag: str, msgid: str, msgstr: str, mismatch: bool) -> None:
    found = problems(msgid, msgstr, flag)
    assert bool(found) == mismatch, found
    assert all(problem.startswith(f"{flag}: msgstr ") for problem in found)


def test_problem_texts_name_the_placeholder() -> None:
    assert problems("Hello %(name)s", "Hola %(nombre)s", "python-format") == [
        "python-format: msgstr has unknown %(nombre)s",
        "python-format: msgstr lacks %(name)s",
    ]
    assert problems("Hi {user}", "Hola", "python-brace-format") == ["python-brace-format: msgstr lacks {user}"]
    assert problems("%s of %d", "%2$s de %1$d", "c-format")[0] == (
        "c-format: msgstr placeholder 1 is %d where msgid has %s"
    )


@pytest.mark.parametrize(
    ("msgid", "msgstr", "mismatch"),
    [
        ("Hello %(name)s", "Hola %(nombre)s", True),  # named %-placeholder: detected without a flag
        ("Page %s of %s", "Página %s", True),
        ("Hello {name}", "Hola {nombre}", True),  # brace field: detected without a flag
        ("Copy %1$s to %2$s", "Copiar %1$s en %3$s", True),  # numbered: taken as C
        ("Discount: 50% off", "Descuento: 50 % hoy", False),  # prose, not a placeholder
        ("Save 20%off now", "Ahorra 20 %", False),
        ("{count, plural, one {# file} other {# files}}", "{count, plural, other {#}}", False),  # ICU
        ("Use {{braces}} literally", "Usa {llaves}", False),  # only escapes in the msgid
        ("Hello", "Hola %(x)s", False),  # nothing in the msgid: nothing to check against
    ],
)
def test_unflagged_entries_are_checked_from_visible_placeholders(msgid: str, msgstr: str, mismatch: bool) -> None:
    assert bool(problems(msgid, msgstr)) == mismatch


@pytest.mark.parametrize(
    ("msgid", "flags", "expected"),
    [
        ("Hello %(name)s and {x}", (), ("python-format", "python-brace-format")),
        ("Copy %1$s to %2$s", (), ("c-format",)),
        ("%d left, 100%%1$s", (), ("python-format",)),  # "%%1$" is an escaped % then text, not C's %1$
        ("Hello %(name)s", ("c-format",), ("c-format",)),  # flags decide
        ("Plain text", (), ()),
    ],
)
def test_formats_checked(msgid: str, flags: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert formats_checked(CatalogMessage(msgid, ("x",), flags=flags)) == expected


def test_no_format_flag_turns_detection_off() -> None:
    assert problems("Hello %(name)s", "Hola", "no-python-format") == []
    assert problems("Hello %(name)s {x}", "Hola {x}", "no-python-format") == []
    assert problems("Hello %(name)s {x}", "Hola", "no-python-format") != []


def test_flags_decide_over_detection() -> None:
    # Flagged python-format: the braces are literal text, so a missing "{x}" is no placeholder problem.
    assert problems("%(n)s {x}", "%(n)s", "python-format") == []


def test_invalid_msgid_is_skipped_and_invalid_msgstr_reported() -> None:
    # A lone % at the end makes the source itself invalid: a code bug, not a translation bug.
    assert problems("%(n)s at 100%", "%(n)s", "python-format") == []
    assert problems("%(n)s items", "%(n)s artículos 100%", "python-format") == [
        "python-format: msgstr is not a valid python-format string (bad conversion at '%')"
    ]


def test_empty_and_obsolete_entries_are_not_checked_but_fuzzy_ones_are() -> None:
    assert placeholder_problems(CatalogMessage("%(n)s", ("",), flags=("python-format",))) == []
    assert placeholder_problems(CatalogMessage("%(n)s", ("x",), flags=("python-format",), obsolete=True)) == []
    assert placeholder_problems(CatalogMessage("%(n)s", ("x",), flags=("python-format",), fuzzy=True)) != []


# (flag, msgid, msgid_plural, forms, plural_forms, mismatch?)
PLURAL_CASES = [
    # Forms used for a single number may drop it (Arabic zero/one/two, Polish one), as msgfmt -c allows.
    (
        "python-format",
        "%(n)d file",
        "%(n)d files",
        ["none", "one", "two", "%(n)d", "%(n)d", "%(n)d"],
        AR_PLURALS,
        False,
    ),
    (
        "python-format",
        "%(n)d file",
        "%(n)d files",
        ["none", "one", "two", "few", "many", "%(n)d"],
        AR_PLURALS,
        True,
    ),
    ("python-format", "%(n)d file", "%(n)d files", ["one file", "%(n)d", "%(n)d"], PL_PLURALS, False),
    # Russian form 0 also serves 21, 31...: it must show the number.
    ("python-format", "%(n)d file", "%(n)d files", ["one file", "%(n)d", "%(n)d"], RU_PLURALS, True),
    ("python-format", "one file", "%(n)d files", ["one file", "few files", "%(n)d"], RU_PLURALS, True),
    ("python-format", "one file", "%(n)d files", ["%(n)d", "%(n)d", "files"], RU_PLURALS, True),
    # Unknown names are always wrong; names from msgid_plural are fine in form 0.
    ("python-format", "%(n)d file", "%(n)d files", ["uno %(m)d", "%(n)d", "%(n)d"], PL_PLURALS, True),
    (
        "python-format",
        "one file",
        "%(n)d files",
        ["%(n)d", "%(n)d", "%(n)d", "%(n)d", "%(n)d", "%(n)d"],
        AR_PLURALS,
        False,
    ),
    # Unnamed %d: Python raises "not all arguments converted", so even single-number forms need it.
    ("python-format", "%d file", "%d files", ["one file", "%d", "%d"], PL_PLURALS, True),
    ("c-format", "%d file", "%d files", ["one file", "%d", "%d"], PL_PLURALS, False),
    ("python-brace-format", "{n} file", "{n} files", ["one file", "{n}", "{n}"], PL_PLURALS, False),
    ("python-brace-format", "{n} file", "{n} files", ["one file", "few", "{n}"], PL_PLURALS, True),
]


@pytest.mark.parametrize(("flag", "msgid", "plural", "forms", "plural_forms", "mismatch"), PLURAL_CASES)
def test_plural_placeholders(
    flag: str, msgid: str, plural: str, forms: list[str], plural_forms: str, mismatch: bool
) -> None:
    message = CatalogMessage(msgid, tuple(forms), msgid_plural=plural, flags=(flag,))
    assert bool(placeholder_problems(message, plural_forms)) == mismatch


def test_plural_without_usable_expression_only_requires_the_last_form() -> None:
    message = CatalogMessage("%(n)d file", ("uno", "%(n)d"), msgid_plural="%(n)d files", flags=("python-format",))
    assert placeholder_problems(message, "") == []
    assert placeholder_problems(message, "nplurals=2; plural=n/0;") == []
    last_missing = replace(message, msgstr=("%(n)d", "muchos"))
    assert placeholder_problems(last_missing, "") == ["python-format: msgstr[1] lacks %(n)d"]


def test_format_mismatch_finding() -> None:
    path = CATALOGS / "defects_es.po"
    findings = check_format_mismatch(read_catalog(path, "es"))
    hello = next(f for f in findings if f.details["msgid"] == "Hello, %(name)s!")
    assert (hello.severity, hello.line) == ("critical", line_of(path, 'msgid "Hello, %(name)s!"'))
    assert hello.message == 'Placeholders differ in "Hello, %(name)s!": msgstr has unknown %(nombre)s (+1 more)'
    assert hello.details["formats"] == ["python-format"]
    assert hello.details["problems"] == [
        "python-format: msgstr has unknown %(nombre)s",
        "python-format: msgstr lacks %(name)s",
    ]


def test_realworld_catalogs_have_no_false_format_findings() -> None:
    for path in REALWORLD:
        assert check_format_mismatch(read_catalog(path, path.parts[-3])) == []


# --------------------------------------------------------------------------------- msgfmt -c as oracle


def msgfmt_check_format(
    flag: str, msgid: str, forms: list[str], plural: str = "", plural_forms: str = RU_PLURALS
) -> bool:
    """True when ``msgfmt -c`` reports a format problem for this one entry."""
    assert MSGFMT is not None
    body = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    body += f'"Plural-Forms: {plural_forms}\\n"\n\n'
    body += f"#, {flag}\nmsgid {escape(msgid)}\n"
    if plural:
        body += f"msgid_plural {escape(plural)}\n"
        body += "".join(f"msgstr[{index}] {escape(form)}\n" for index, form in enumerate(forms))
    else:
        body += f"msgstr {escape(forms[0])}\n"
    result = subprocess.run(
        [MSGFMT, "-c", "-o", os.devnull, "-"],
        input=body,
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
        check=False,
    )
    return any("format" in line for line in result.stderr.splitlines() if "header field" not in line)


@pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")
@pytest.mark.parametrize(("flag", "msgid", "msgstr", "mismatch"), FORMAT_CASES)
def test_format_verdicts_match_msgfmt_check(flag: str, msgid: str, msgstr: str, mismatch: bool) -> None:
    assert msgfmt_check_format(flag, msgid, [msgstr]) == mismatch


@pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")
@pytest.mark.parametrize(("flag", "msgid", "plural", "forms", "plural_forms", "mismatch"), PLURAL_CASES)
def test_plural_verdicts_match_msgfmt_check(
    flag: str, msgid: str, plural: str, forms: list[str], plural_forms: str, mismatch: bool
) -> None:
    assert msgfmt_check_format(flag, msgid, forms, plural, plural_forms) == mismatch


# ------------------------------------------------------------------------------------------ properties

_FLAGS = st.lists(
    st.sampled_from(["python-format", "python-brace-format", "c-format", "no-python-format", "fuzzy-ish", ""]),
    max_size=3,
)
_FORMATISH = st.text(alphabet="%(){}$sdi0123.*-#lx{}!r:abc ", max_size=20)
_TEXT = st.one_of(st.text(max_size=30), _FORMATISH)


@settings(max_examples=400, deadline=None)
@given(
    msgid=_TEXT,
    plural=st.one_of(st.just(""), _TEXT),
    forms=st.lists(_TEXT, min_size=1, max_size=6),
    flags=_FLAGS,
    plural_forms=st.one_of(st.just(""), st.text(max_size=40), st.sampled_from([AR_PLURALS, RU_PLURALS])),
)
def test_placeholder_checker_never_raises(
    msgid: str, plural: str, forms: list[str], flags: list[str], plural_forms: str
) -> None:
    message = CatalogMessage(msgid, tuple(forms), msgid_plural=plural, flags=tuple(flags), lineno=1)
    found = placeholder_problems(message, plural_forms)
    assert isinstance(found, list) and all(isinstance(problem, str) for problem in found)
    findings = run_catalog_checks(artifact_of(message, plural_forms=plural_forms, nplurals=None))
    assert all(isinstance(finding, Finding) for finding in findings)


@settings(max_examples=300, deadline=None)
@given(msgid=_FORMATISH, plural=st.one_of(st.just(""), _FORMATISH))
def test_unflagged_text_is_never_both_c_and_python(msgid: str, plural: str) -> None:
    """Checking one %s as both C and Python would report every problem twice."""
    assert not {"c-format", "python-format"} <= set(formats_checked(CatalogMessage(msgid, ("x",), plural)))


_MESSAGES = st.builds(
    CatalogMessage,
    msgid=_TEXT,
    msgstr=st.lists(st.one_of(st.just(""), _TEXT), min_size=0, max_size=4).map(tuple),
    msgid_plural=st.one_of(st.just(""), _TEXT),
    context=st.sampled_from(["", "menu"]),
    fuzzy=st.booleans(),
    obsolete=st.booleans(),
    flags=_FLAGS.map(tuple),
    lineno=st.integers(min_value=0, max_value=500),
)


@settings(max_examples=200, deadline=None)
@given(
    messages=st.lists(_MESSAGES, max_size=8),
    locale=st.sampled_from(["ar", "es", "", "zz", "pt-BR"]),
    nplurals=st.one_of(st.none(), st.integers(min_value=1, max_value=7)),
    template=st.one_of(st.none(), st.lists(_TEXT, max_size=4).map(tuple)),
)
def test_checks_accept_any_artifact(
    messages: list[CatalogMessage], locale: str, nplurals: int | None, template: tuple[str, ...] | None
) -> None:
    artifact = artifact_of(
        *messages,
        locale=locale,
        plural_forms=f"nplurals={nplurals}; plural=n%7;",
        nplurals=nplurals,
        template=template,
    )
    findings = run_catalog_checks(artifact)
    assert all(isinstance(f, Finding) and f.severity in SEVERITIES for f in findings)
    known = {meta.id for meta, _ in CATALOG_CHECKS}
    assert {f.check for f in findings} <= known
