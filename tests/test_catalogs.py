"""Reading PO files (pipeline.catalogs): parsing, errors, charsets, layout, and msgfmt-exact statistics."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import escape, read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.catalogs import (
    CatalogError,
    catalog_key,
    catalog_path,
    catalog_stats,
    parse_nplurals,
    read_catalog,
)
from pipeline.model import CatalogArtifact, CatalogMessage, CatalogStats

CATALOGS = Path(__file__).parent / "fixtures" / "catalogs"
REALWORLD = sorted((CATALOGS / "realworld" / "locale").glob("*/LC_MESSAGES/django.po"))
ALL_FIXTURE_POS = sorted(CATALOGS.rglob("*.po"))
MSGFMT = shutil.which("msgfmt")


def line_of(path: Path, needle: str) -> int:
    """1-based number of the one line of ``path`` that contains ``needle``."""
    lines = path.read_bytes().decode("utf-8", errors="replace").split("\n")
    hits = [number for number, line in enumerate(lines, start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} found on lines {hits} of {path}"
    return hits[0]


def by_msgid(artifact: CatalogArtifact, msgid: str, context: str = "") -> CatalogMessage:
    found = [m for m in artifact.messages if m.msgid == msgid and m.context == context]
    assert len(found) == 1, found
    return found[0]


def write_po(tmp_path: Path, body: str, name: str = "t.po") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; '
    'plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
)


# ---------------------------------------------------------------------------------------------- errors


def test_catalog_error_is_one_line_with_attributes() -> None:
    error = CatalogError("locale/es.po", 12, "end-of-line within string")
    assert (error.path, error.line, error.message) == ("locale/es.po", 12, "end-of-line within string")
    assert str(error) == "locale/es.po:12: end-of-line within string"


def test_unterminated_string_is_reported_on_its_own_line() -> None:
    path = CATALOGS / "malformed_unterminated.po"
    with pytest.raises(CatalogError) as info:
        read_catalog(path, "es")
    # msgfmt says line 9 (it counts the newline first); the string is on line 8.
    assert info.value.line == line_of(path, 'msgid "Contact') == 8
    assert "end-of-line within string" in info.value.message
    assert str(info.value).startswith(f"{path}:8: ")


def test_stray_line_is_reported_where_it_is() -> None:
    path = CATALOGS / "malformed_stray.po"
    with pytest.raises(CatalogError) as info:
        read_catalog(path, "es")
    assert info.value.line == line_of(path, "this line is not PO syntax") == 7
    assert "'this' unknown" in info.value.message


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 1, "missing 'msgstr' section"),
        ('msgid "a"\n# a comment inside the entry\nmsgstr "b"\n', 1, "missing 'msgstr' section"),
        ('msgid "a\\q"\nmsgstr "b"\n', 1, "invalid control sequence"),
        ('#~ msgid "a"\nmsgstr "b"\n', 2, "inconsistent use of #~"),
        ('msgid "a"\nmsgstr[0] "b"\n', 1, "missing 'msgid_plural' section"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 4, "plural form has wrong index"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', 3, "first plural form has nonzero index"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 3, "needs msgstr[0]"),
        ('msgstr "b"\n', 1, "msgstr without msgid"),
        ('msgctxt "c"\nmsgstr "b"\n', 2, "msgstr without msgid"),
        ('msgid\nmsgstr "b"\n', 1, "msgid has no string"),
        ('"dangling"\n', 1, "string outside"),
        ('msgid "a" junk\nmsgstr "b"\n', 1, "syntax error"),
        ('msgid "a"\nmsgstr "b"\nmsgid_plural "c"\n', 3, "msgid_plural without msgid"),
    ],
)
def test_malformed_input_names_the_line(tmp_path: Path, body: str, line: int, fragment: str) -> None:
    with pytest.raises(CatalogError) as info:
        read_catalog(write_po(tmp_path, body), "es")
    assert info.value.line == line
    assert fragment in info.value.message


def test_undecodable_bytes_are_reported_on_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes(
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "caf\xe9"\nmsgstr "x"\n'
    )
    with pytest.raises(CatalogError) as info:
        read_catalog(path, "fr")
    assert info.value.line == 5
    assert "0xe9" in info.value.message and "utf-8" in info.value.message


@pytest.mark.parametrize("charset", ["KLINGON-8", "base64", "rot13", "utf-16", "unicode_escape", "utf-7", "cp037"])
def test_unusable_charset_is_a_catalog_error(tmp_path: Path, charset: str) -> None:
    """Unknown names, and codecs Python knows that are not ASCII-compatible text encodings."""
    body = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    with pytest.raises(CatalogError) as info:
        read_catalog(write_po(tmp_path, body), "xx")
    assert info.value.line == 3
    assert f"{charset.lower()!r}" in info.value.message


@pytest.mark.parametrize("charset", ["shift_jis", "koi8-r", "cp1252", "us-ascii", "gbk"])
def test_ascii_compatible_legacy_charsets_are_read(tmp_path: Path, charset: str) -> None:
    body = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    artifact = read_catalog(write_po(tmp_path, body), "xx")
    assert artifact.charset == charset and [m.msgstr for m in artifact.messages] == [("b",)]


def test_missing_file_is_a_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as info:
        read_catalog(tmp_path / "nope.po", "es")
    assert info.value.line == 0
    assert "cannot read" in info.value.message


# --------------------------------------------------------------------------------------------- reading


def test_clean_catalog_fields() -> None:
    path = CATALOGS / "clean_es.po"
    artifact = read_catalog(path, "es")
    assert artifact.locale == "es" and artifact.path == str(path)
    assert artifact.language == "es" and artifact.charset == "utf-8"
    assert artifact.plural_forms == "nplurals=2; plural=(n != 1);"
    assert artifact.nplurals == 2
    assert artifact.template_msgids is None
    assert len(artifact.messages) == 12
    assert all(m.msgid for m in artifact.messages), "the header is not a message"

    hello = by_msgid(artifact, "Hello, %(name)s!")
    assert hello.msgstr == ("¡Hola, %(name)s!",)
    assert hello.flags == ("python-format",)
    assert hello.locations == ("views.py:40",)
    assert hello.lineno == line_of(path, 'msgid "Hello, %(name)s!"')
    assert not hello.fuzzy and not hello.obsolete

    # lineno is the msgid line even when a msgctxt comes first.
    title = by_msgid(artifact, "Contact", context="page title")
    assert title.lineno == line_of(path, 'msgctxt "page title"') + 1
    assert by_msgid(artifact, "Contact", context="navigation").msgstr == ("Contacto",)

    files = by_msgid(artifact, "%(num)d file")
    assert files.msgid_plural == "%(num)d files"
    assert files.msgstr == ("%(num)d archivo", "%(num)d archivos")

    long_one = next(m for m in artifact.messages if m.msgid.startswith("We build"))
    assert long_one.msgid == "We build accessible websites for everyone, in every language, on every device."
    assert long_one.lineno == line_of(path, '"We build accessible') - 1


def test_fuzzy_obsolete_and_previous_msgid() -> None:
    path = CATALOGS / "defects_es.po"
    artifact = read_catalog(path, "es")
    sign_in = by_msgid(artifact, "Sign in now")
    assert sign_in.fuzzy is True
    assert sign_in.flags == ()  # "fuzzy" is its own field; "#| msgid" is not a flag
    old = by_msgid(artifact, "Old banner")
    assert old.obsolete is True and old.msgstr == ("Cartel antiguo",)
    assert old.lineno == line_of(path, '#~ msgid "Old banner"')


def test_latin1_catalog_is_decoded_with_its_declared_charset() -> None:
    path = CATALOGS / "latin1_fr.po"
    raw = path.read_bytes()
    assert b"Caf\xe9" in raw and "é".encode() not in raw, "fixture must stay ISO-8859-1"
    artifact = read_catalog(path, "fr")
    assert artifact.charset == "iso-8859-1"
    assert by_msgid(artifact, "Résumé").msgstr == ("Curriculum vitæ",)
    assert by_msgid(artifact, "Coffee").msgstr == ("Café",)
    assert by_msgid(artifact, "Summer").msgstr == ("Été",)


def test_babel_read_po_cannot_read_the_latin1_fixture() -> None:
    """Why read_catalog does its own decoding (if Babel gets fixed, this documents when)."""
    with pytest.raises(UnicodeDecodeError):
        read_po(io.BytesIO((CATALOGS / "latin1_fr.po").read_bytes()), abort_invalid=True)


def test_plural_forms_are_kept_as_written_not_padded() -> None:
    artifact = read_catalog(CATALOGS / "ar_plural.po", "ar")
    assert artifact.nplurals == 6
    assert len(by_msgid(artifact, "%(num)d file").msgstr) == 6
    assert by_msgid(artifact, "%(num)d comment").msgstr == ("تعليق %(num)d", "%(num)d تعليقات")


def test_duplicates_are_kept_as_separate_messages() -> None:
    path = CATALOGS / "duplicate_es.po"
    artifact = read_catalog(path, "es")
    saves = [m for m in artifact.messages if m.msgid == "Save" and not m.context]
    assert [m.lineno for m in saves] == [7, 17]
    assert [m.msgstr for m in saves] == [("Guardar",), ("Salvar",)]
    assert by_msgid(artifact, "Save", context="button").lineno == 11


@pytest.mark.parametrize(
    ("body", "msgid", "msgstr"),
    [
        ('msgid"nospace"\nmsgstr "x"\n', "nospace", ("x",)),
        ('msgid\t"tab"\nmsgstr "x"\n', "tab", ("x",)),
        ('msgid "two" " strings"\nmsgstr "x"\n', "two strings", ("x",)),
        ('msgid\n"bare keyword"\nmsgstr "x"\n', "bare keyword", ("x",)),
        ('msgid "esc \\"q\\" \\\\ \\t \\101\\x42"\nmsgstr "a\\nb"\n', 'esc "q" \\ \t AB', ("a\nb",)),
        ('\ufeffmsgid "bom"\nmsgstr "x"\n', "bom", ("x",)),
        ('msgid "crlf"\r\nmsgstr "x"\r\n', "crlf", ("x",)),
    ],
)
def test_valid_po_layouts_that_msgfmt_accepts(tmp_path: Path, body: str, msgid: str, msgstr: tuple[str, ...]) -> None:
    artifact = read_catalog(write_po(tmp_path, body), "es")
    assert [(m.msgid, m.msgstr) for m in artifact.messages] == [(msgid, msgstr)]


def test_obsolete_previous_msgid_lines_are_comments(tmp_path: Path) -> None:
    body = '#, fuzzy\n#~| msgid "Old"\n#~ msgid "New"\n#~ msgstr "Nuevo"\n'
    (message,) = read_catalog(write_po(tmp_path, body), "es").messages
    assert (message.msgid, message.obsolete, message.fuzzy, message.lineno) == ("New", True, True, 3)


def test_locations_and_flags(tmp_path: Path) -> None:
    body = (
        "#: a.py:1 b.html:20\n#: \u2068my file.py\u2069:7 noline\n#, python-format, fuzzy,no-c-format\n"
        'msgid "%s"\nmsgstr "%s"\n'
    )
    (message,) = read_catalog(write_po(tmp_path, body), "es").messages
    assert message.locations == ("a.py:1", "b.html:20", "my file.py:7", "noline")
    assert message.flags == ("no-c-format", "python-format")
    assert message.fuzzy


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("nplurals=6; plural=(n==0 ? 0 : 5);", 6),
        ("nplurals = 2 ; plural = n != 1;", 2),
        ("plural=(n != 1);", None),
        ("nplurals=abc; plural=0;", None),
        ("nplurals=0; plural=0;", None),
        ("", None),
    ],
)
def test_parse_nplurals(value: str, expected: int | None) -> None:
    assert parse_nplurals(value) == expected


def test_nplurals_is_none_without_a_plural_forms_header(tmp_path: Path) -> None:
    body = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    artifact = read_catalog(write_po(tmp_path, body), "ru")
    assert artifact.nplurals is None and artifact.plural_forms == ""
    assert [m.msgid for m in artifact.messages] == ["a"]


def test_template_msgids_come_from_the_pot() -> None:
    folder = CATALOGS / "template"
    artifact = read_catalog(folder / "es.po", "es", folder / "messages.pot")
    # Header, obsolete entries excluded; a context is joined with EOT, as in MO files.
    assert artifact.template_msgids == ("Home", "navigation\x04Contact", "Newsletter")
    assert catalog_key("navigation", "Contact") == "navigation\x04Contact"
    assert catalog_key("", "Home") == "Home"


def test_template_that_does_not_exist_is_ignored(tmp_path: Path) -> None:
    artifact = read_catalog(CATALOGS / "clean_es.po", "es", tmp_path / "missing.pot")
    assert artifact.template_msgids is None


def test_artifact_round_trips_through_json_dicts() -> None:
    for path in [*REALWORLD, CATALOGS / "defects_es.po"]:
        artifact = read_catalog(path, "xx", CATALOGS / "template" / "messages.pot")
        assert CatalogArtifact.from_dict(artifact.to_dict()) == artifact


# ---------------------------------------------------------------------------------------------- layout


def test_catalog_path_prefers_lc_messages_then_flat(tmp_path: Path) -> None:
    nested = tmp_path / "es" / "LC_MESSAGES" / "messages.po"
    flat = tmp_path / "es.po"
    assert catalog_path(tmp_path, "es", "messages") == nested  # nothing exists: the first form
    flat.write_text("")
    assert catalog_path(tmp_path, "es", "messages") == flat
    nested.parent.mkdir(parents=True)
    nested.write_text("")
    assert catalog_path(tmp_path, "es", "messages") == nested


def test_catalog_path_finds_gettext_spelling_of_site_locales() -> None:
    root = CATALOGS / "realworld" / "locale"
    assert catalog_path(root, "fr", "django") == root / "fr" / "LC_MESSAGES" / "django.po"
    assert catalog_path(root, "ar-EG", "django") == root / "ar-EG" / "LC_MESSAGES" / "django.po"


def test_catalog_path_tries_underscore_and_case(tmp_path: Path) -> None:
    target = tmp_path / "pt_BR" / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True)
    target.write_text("")
    assert catalog_path(tmp_path, "pt-br", "django") == target
    assert catalog_path(tmp_path, "pt-BR", "django") == target
    hans = tmp_path / "zh_Hans.po"
    hans.write_text("")
    assert catalog_path(tmp_path, "zh-hans", "django") == hans


# ------------------------------------------------------------------------------------- stats vs msgfmt

_STATS_RE = re.compile(
    r"(\d+) translated messages?(?:, (\d+) fuzzy translations?)?(?:, (\d+) untranslated messages?)?\.\s*$"
)


def msgfmt_statistics(path: Path) -> tuple[int, int, int] | None:
    """(translated, fuzzy, untranslated) from the real msgfmt, or None when msgfmt rejects the file."""
    assert MSGFMT is not None
    result = subprocess.run(
        [MSGFMT, "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
        check=False,
    )
    if result.returncode != 0:
        return None
    match = _STATS_RE.search(result.stderr)
    assert match, result.stderr
    translated, fuzzy, untranslated = (int(group or 0) for group in match.groups())
    return translated, fuzzy, untranslated


def ours(path: Path) -> tuple[int, int, int]:
    stats = catalog_stats(read_catalog(path, "xx"))
    assert stats.total == stats.translated + stats.fuzzy + stats.untranslated
    return stats.translated, stats.fuzzy, stats.untranslated


needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")


@needs_msgfmt
@pytest.mark.parametrize("path", ALL_FIXTURE_POS, ids=lambda p: str(p.relative_to(CATALOGS)))
def test_stats_match_msgfmt_on_every_fixture(path: Path) -> None:
    expected = msgfmt_statistics(path)
    if expected is not None:
        assert ours(path) == expected
        return
    # msgfmt refuses the file: we refuse it too, or it holds a duplicate that catalog:duplicate reports.
    try:
        artifact = read_catalog(path, "xx")
    except CatalogError:
        return
    keys = [(m.context, m.msgid) for m in artifact.messages]
    assert len(keys) != len(set(keys)), f"msgfmt rejects {path} but we accept it silently"


def test_realworld_fixtures_are_big_and_varied() -> None:
    assert len(REALWORLD) == 3
    for path in REALWORLD:
        artifact = read_catalog(path, path.parts[-3])
        active = [m for m in artifact.messages if not m.obsolete]
        assert len(active) >= 20
        assert any(m.msgid_plural for m in active)
        assert any(m.context for m in active)
        assert any(m.obsolete for m in artifact.messages)
        assert any(m.fuzzy and m.msgstr[0] == "" for m in active), "fuzzy entry with an empty msgstr"


# Expected values are what GNU msgfmt 0.21 prints; the live msgfmt is compared as well when present.
_EDGE_CASES = {
    "fuzzy with empty msgstr is untranslated": ('#, fuzzy\nmsgid "a"\nmsgstr ""\n', (0, 0, 1)),
    "fuzzy with msgstr is fuzzy": ('#, fuzzy\nmsgid "a"\nmsgstr "b"\n', (0, 1, 0)),
    "empty msgstr is untranslated": ('msgid "a"\nmsgstr ""\n', (0, 0, 1)),
    "plural, first form empty": (
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\nmsgstr[1] "b"\nmsgstr[2] "c"\n',
        (0, 0, 1),
    ),
    "plural, middle form empty": (
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "a"\nmsgstr[1] ""\nmsgstr[2] "c"\n',
        (1, 0, 0),
    ),
    "plural, last form empty": (
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] ""\n',
        (1, 0, 0),
    ),
    "plural, all forms empty": (
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""\n',
        (0, 0, 1),
    ),
    "plural, a form missing": ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "a"\nmsgstr[1] "b"\n', (1, 0, 0)),
    "plural, an extra form": (
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\nmsgstr[3] "d"\n',
        (1, 0, 0),
    ),
    "fuzzy plural, first form empty": (
        '#, fuzzy\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\nmsgstr[1] "b"\nmsgstr[2] "c"\n',
        (0, 0, 1),
    ),
    "fuzzy plural, later forms empty": (
        '#, fuzzy\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "a"\nmsgstr[1] ""\nmsgstr[2] ""\n',
        (0, 1, 0),
    ),
    "obsolete entries are not counted": (
        '#~ msgid "a"\n#~ msgstr ""\n\n#, fuzzy\n#~ msgid "b"\n#~ msgstr "c"\n',
        (0, 0, 0),
    ),
    "context makes entries distinct": (
        'msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr ""\n',
        (1, 0, 1),
    ),
}


@pytest.mark.parametrize(("body", "expected"), list(_EDGE_CASES.values()), ids=list(_EDGE_CASES))
def test_stats_edge_cases_match_msgfmt(tmp_path: Path, body: str, expected: tuple[int, int, int]) -> None:
    path = write_po(tmp_path, HEADER + body)
    assert ours(path) == expected
    if MSGFMT is not None:
        assert msgfmt_statistics(path) == expected


def test_stats_counts_and_percent() -> None:
    stats = catalog_stats(read_catalog(CATALOGS / "defects_es.po", "es"))
    assert stats == CatalogStats(total=6, translated=4, fuzzy=1, untranslated=1, obsolete=1)
    assert stats.percent == 66.7
    clean = catalog_stats(read_catalog(CATALOGS / "clean_es.po", "es"))
    assert (clean.total, clean.translated, clean.percent) == (12, 12, 100.0)


def test_stats_and_model_translated_property_agree_on_partial_plurals() -> None:
    """msgfmt counts a plural entry with an empty later form as translated; both follow msgfmt."""
    message = CatalogMessage("a", ("a", ""), msgid_plural="as")
    artifact = CatalogArtifact(locale="es", path="x.po", messages=(message,))
    assert catalog_stats(artifact).translated == 1
    assert message.translated is True
    assert CatalogMessage("a", ("", "as"), msgid_plural="as").translated is False


# ----------------------------------------------------------------------------------- parity with Babel


# Babel's Message adds these flags by itself when the msgid looks like a format string.
_BABEL_AUTO_FLAGS = {"python-format", "python-brace-format"}


def babel_view(path: Path) -> dict[int, tuple[object, ...]]:
    """Babel's read_po view of a file, keyed by msgid line (``#~|`` lines blanked: Babel rejects them)."""
    lines = [b"" if line.lstrip().startswith(b"#~|") else line for line in path.read_bytes().split(b"\n")]
    with contextlib.redirect_stdout(io.StringIO()):
        catalog = read_po(io.BytesIO(b"\n".join(lines)), abort_invalid=True)
    view: dict[int, tuple[object, ...]] = {}
    obsolete = list(catalog.obsolete.values())
    for message in [*list(catalog)[1:], *obsolete]:
        ids = message.id if isinstance(message.id, tuple) else (message.id, "")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert message.lineno is not None
        view[message.lineno] = (
            ids[0],
            ids[1],
            message.context or "",
            strings,
            message.fuzzy,
            frozenset(message.flags) - {"fuzzy"},
            message in obsolete,
        )
    return view


@pytest.mark.parametrize(
    "path",
    [*REALWORLD, CATALOGS / "clean_es.po", CATALOGS / "defects_es.po", CATALOGS / "template" / "es.po"],
    ids=lambda p: str(p.relative_to(CATALOGS)),
)
def test_same_messages_as_babel_read_po(path: Path) -> None:
    """Where Babel parses correctly, read_catalog agrees on every field and line number.

    Two known Babel differences are normalised: it pads plural forms to nplurals, and it adds format
    flags nobody wrote (read_catalog keeps flags as written; the format check detects on its own).
    """
    artifact = read_catalog(path, "xx")
    babel = babel_view(path)
    assert sorted(babel) == [m.lineno for m in artifact.messages]
    for m in artifact.messages:
        padding = (artifact.nplurals or 0) - len(m.msgstr) if m.msgid_plural else 0
        *fields, babel_flags, babel_obsolete = babel[m.lineno]
        assert tuple(fields) == (m.msgid, m.msgid_plural, m.context, m.msgstr + ("",) * padding, m.fuzzy)
        assert isinstance(babel_flags, frozenset)
        assert set(m.flags) <= babel_flags and babel_flags - set(m.flags) <= _BABEL_AUTO_FLAGS
        assert babel_obsolete == m.obsolete


# ------------------------------------------------------------------------------------------ properties

_PO_FRAGMENTS = st.sampled_from(
    [
        'msgid ""',
        'msgstr ""',
        'msgid "a"',
        'msgid "a',
        'msgstr "b"',
        'msgctxt "c"',
        'msgid_plural "as"',
        'msgstr[0] "x"',
        'msgstr[1] ""',
        "msgstr[9]",
        'msgstr[x] "y"',
        '"continued"',
        '"\\q"',
        "#, fuzzy",
        "#: f.py:1",
        '#~ msgid "o"',
        '#~ msgstr "p"',
        '#~| msgid "q"',
        '#| msgid "r"',
        "#~",
        "",
        '"Plural-Forms: nplurals=abc; plural=n/0;\\n"',
        '"Content-Type: text/plain; charset=latin-1\\n"',
        '"Content-Type: text/plain; charset=nope\\n"',
        '"Content-Type: text/plain; charset=base64\\n"',
        '"Content-Type: text/plain; charset=idna\\n"',
        '"Content-Type: text/plain; charset=utf-16\\n"',
        '"Language: zz_ZZ\\n"',
        "msgid",
        '"\\x110000"',
    ]
)


def _read_or_catalog_error(path: Path) -> None:
    try:
        artifact = read_catalog(path, "es")
    except CatalogError as error:
        assert str(error).startswith(f"{path}:")
        assert "\n" not in str(error)
        return
    assert isinstance(artifact, CatalogArtifact)
    stats = catalog_stats(artifact)
    assert stats.total == stats.translated + stats.fuzzy + stats.untranslated


_PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_PROPERTY
@given(text=st.text())
def test_arbitrary_text_only_ever_raises_catalog_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.po"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _read_or_catalog_error(path)


@_PROPERTY
@given(data=st.binary())
def test_arbitrary_bytes_only_ever_raise_catalog_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.po"
    path.write_bytes(data)
    _read_or_catalog_error(path)


@_PROPERTY
@given(lines=st.lists(st.one_of(_PO_FRAGMENTS, st.text(max_size=12)), max_size=25))
def test_po_shaped_noise_only_ever_raises_catalog_error(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "noise.po"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    _read_or_catalog_error(path)


# Newlines inside strings, never at their ends: msgfmt always rejects an entry whose msgid and msgstr
# disagree about a leading/trailing "\n" (a content rule, not syntax).
_WORDS = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from('"\\\n\t'),
        min_size=1,
        max_size=15,
    )
    .map(lambda text: text.strip("\n"))
    .filter(bool)
)
_FORM = st.one_of(st.just(""), _WORDS)


@st.composite
def catalogs(draw: st.DrawFn) -> list[tuple[str, str, tuple[str, ...], bool, bool, bool]]:
    """Valid catalogs: (msgid, msgid_plural, msgstr forms, fuzzy, obsolete, has_context) with unique keys."""
    msgids = draw(st.lists(_WORDS, min_size=1, max_size=12, unique=True))
    entries = []
    for msgid in msgids:
        plural = draw(st.one_of(st.just(""), _WORDS))
        forms = tuple(draw(st.lists(_FORM, min_size=1, max_size=4))) if plural else (draw(_FORM),)
        entries.append((msgid, plural, forms, draw(st.booleans()), draw(st.booleans()), draw(st.booleans())))
    return entries


def render(entries: list[tuple[str, str, tuple[str, ...], bool, bool, bool]]) -> str:
    out = [HEADER]
    for msgid, plural, forms, fuzzy, obsolete, context in entries:
        prefix = "#~ " if obsolete else ""
        out.append("#, fuzzy\n" if fuzzy else "")
        out.append(f"{prefix}msgctxt {escape('ctx')}\n" if context else "")
        out.append(f"{prefix}msgid {escape(msgid)}\n")
        if plural:
            out.append(f"{prefix}msgid_plural {escape(plural)}\n")
            out += [f"{prefix}msgstr[{index}] {escape(form)}\n" for index, form in enumerate(forms)]
        else:
            out.append(f"{prefix}msgstr {escape(forms[0])}\n")
        out.append("\n")
    return "".join(out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=catalogs())
def test_generated_catalogs_read_back_exactly_and_count_like_msgfmt(
    tmp_path: Path, entries: list[tuple[str, str, tuple[str, ...], bool, bool, bool]]
) -> None:
    path = write_po(tmp_path, render(entries), "gen.po")
    artifact = read_catalog(path, "ru")
    got = [(m.msgid, m.msgid_plural, m.msgstr, m.fuzzy, m.obsolete, m.context == "ctx") for m in artifact.messages]
    assert got == entries
    if MSGFMT is not None:
        assert ours(path) == msgfmt_statistics(path)
