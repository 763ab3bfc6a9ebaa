"""Precision of the untranslated checks: text no translator should change, and catalog tracing.

Each rule is tested both ways: what it must skip, and look-alike text it must still report
(precision must not cost recall).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.checks.base import PageContext
from pipeline.checks.not_translatable import is_code, page_evidence, text_rule
from pipeline.checks.untranslated import check_untranslated_names, check_untranslated_text, trace
from pipeline.config import Config, LocaleConfig
from pipeline.model import CatalogArtifact, CatalogMessage, NamedAttribute, PageArtifact, TextRun

EN = LocaleConfig("en", "{base_url}/en/{path}", "en", "ltr")
ES = LocaleConfig("es", "{base_url}/es/{path}", "es", "ltr")
CONFIG = Config(path="t.toml", source_locale="en", pages=(("p", "p.html"),), locales=(EN, ES))


def run(text: str, lang: str = "es", tag: str = "p", selector: str = "main > p", snippet: str = "",
        **facts: bool) -> TextRun:
    return TextRun(text=text, selector=selector, tag=tag, lang=lang, lang_source="root", dir="ltr", visible=True,
                   snippet=snippet, **facts)


def art(locale: str, *runs: TextRun, title: str = "", attrs: tuple[NamedAttribute, ...] = ()) -> PageArtifact:
    return PageArtifact(page="p", locale=locale, url=f"http://127.0.0.1/{locale}/p.html", status="ok",
                        html_lang=locale, title=title, text_runs=runs, attributes=attrs)


def flagged(source_runs: list[TextRun], target_runs: list[TextRun], config: Config = CONFIG) -> list[str]:
    src = art("en", *[replace(r, lang="en") for r in source_runs])
    return [f.details["text"] for f in
            check_untranslated_text(PageContext(art("es", *target_runs), ES, source=src), config)]


@pytest.mark.parametrize(("text", "rule"), [
    ("https://example.org/docs?q=1", "url"), ("www.example.org", "url"), ("okso.app", "url"),
    ("team@example.org", "email"),
    ("~/.bashrc", "path"), ("/etc/hosts", "path"), ("./src/playground/playground.js", "path"),
    ("trekhleb/javascript-algorithms", "path"), ("*.py", "path"), (".bashrc", "path"),
    ("snake_case_name", "identifier"), ("previousVertices", "identifier"), ("LinkedList", "identifier"),
    ("--dry-run", "identifier"), ("-print0", "identifier"), ("$HOME", "identifier"),
    ("StrictHostKeyChecking=no", "identifier"), ("Add(value)", "identifier"), ("ctrl-r", "identifier"),
    ("Alt+F4", "identifier"), ("console.log()", "identifier"),
    ("n log(n)", "formula"), ("O(N log N)", "formula"), ("n + k", "formula"), ("7m + 10m = 17m", "formula"),
    ("A → B → C", "formula"),
    ("(DFS)", "acronym"), ("(IS-IS)", "acronym"),
    ("Español", "language-name"), ("简体中文", "language-name"), ("English", "language-name"),
    ("Bahasa Indonesia", "language-name"),
])
def test_text_rule_covers(text: str, rule: str) -> None:
    assert text_rule(text) == rule


@pytest.mark.parametrize("text", [
    "and/or", "input/output", "Yes", "Delete", "Made with", "GPS / navigation systems", "Big O Notation",
    "Command-line", "file(s)", "e.g.", "Arabic", "The Art of Command Line", "B-Tree", "I am here",
    "In case of perfect hash function costs would be O(1)", "Read this in other languages:", "NEW",
])
def test_text_rule_leaves_prose_alone(text: str) -> None:
    assert text_rule(text) == ""


def test_code_like_elements_are_skipped_and_prose_beside_them_is_not() -> None:
    source = [run("ls -l /tmp", tag="code"), run("Run it twice to be sure.")]
    target = [run("ls -l /tmp", tag="code", code=True), run("Run it twice to be sure.")]
    assert flagged(source, target) == ["Run it twice to be sure."]


def test_code_ancestry_is_derived_from_the_selector_of_older_artifacts() -> None:
    # Saved before the gatherer recorded `code`: a highlighted token is a <span> inside <pre><code>.
    token = run("return", tag="span", selector="#content > pre:nth-of-type(2) > code > span:nth-of-type(3)")
    assert is_code(token)
    assert not is_code(run("return", tag="span", selector="#content > p > span"))
    assert is_code(run("x", tag="span", selector="iframe:nth-of-type(1) >>> pre > span"))
    assert flagged([token], [token]) == []


def test_ignore_selectors_fact_is_honoured_for_text_and_names() -> None:
    widget = run("Powered by Acme Search", ignored=True)
    assert flagged([run("Powered by Acme Search")], [widget]) == []
    src = art("en", attrs=(NamedAttribute("aria-label", "Search the docs", "#q", "input", "en", "root"),))
    target = art("es", attrs=(NamedAttribute("aria-label", "Search the docs", "#q", "input", "es", "root",
                                             ignored=True),))
    assert check_untranslated_names(PageContext(target, ES, source=src), CONFIG) == []
    target = art("es", attrs=(NamedAttribute("aria-label", "Search the docs", "#q", "input", "es", "root"),))
    assert len(check_untranslated_names(PageContext(target, ES, source=src), CONFIG)) == 1


def test_tiny_fragment_between_inline_elements_is_skipped_but_a_whole_word_cell_is_not() -> None:
    # "<code>ls -i</code> or <code>df -i</code>": "or" is a fragment; a table cell "Yes" is not.
    assert flagged([run("or", fragment=True), run("Yes")], [run("or", fragment=True), run("Yes")]) == ["Yes"]
    # A fragment with two words is still text a translator should have changed.
    assert flagged([run("Made with", fragment=True)], [run("Made with", fragment=True)]) == ["Made with"]


def test_link_naming_its_own_site_is_a_name() -> None:
    link = run("Wikipedia", tag="a", snippet='<a href="https://en.wikipedia.org/wiki/Linked_list">Wikipedia</a>')
    cheat = run("Big O Cheat Sheet", tag="a", snippet='<a href="http://bigocheatsheet.com/">Big O Cheat Sheet</a>')
    other = run("Search", tag="a", snippet='<a href="https://example.org/search">Search</a>')
    assert flagged([link, cheat, other], [link, cheat, other]) == ["Search"]


def test_a_word_the_source_writes_as_a_proper_name_is_not_flagged() -> None:
    source = [run("it has since moved to GitHub, where people improved it"), run("GitHub"),
              run("Delete"), run("Press delete to remove it")]
    target = [run("se mudó a otro sitio"), run("GitHub"), run("Delete")]
    assert flagged(source, target) == ["Delete"]


def test_title_case_heading_words_are_not_names() -> None:
    ev = page_evidence(["Data Structure Operations Complexity", "The end. Search works"], [], set())
    assert "Structure" not in ev.names and "Search" not in ev.names


def test_a_word_the_translation_keeps_in_its_own_text_is_not_flagged() -> None:
    source = [run("Playground"), run("Stack"), run("Run the playground tests")]
    target = [run("Playground"), run("Stack"), run("Ejecute las pruebas de su Playground")]
    assert flagged(source, target) == ["Stack"]


# ------------------------------------------------------------------ tracing precision

def _catalog(*msgs: CatalogMessage) -> CatalogArtifact:
    return CatalogArtifact(locale="es", path="es.po", messages=msgs)


@pytest.mark.parametrize("msgid", ["%s %s", "%.3fs %s", "{0}", "%(a)s: %(b)s", "(%d)", "{0} {1}"])
def test_placeholder_only_msgid_never_traces(msgid: str) -> None:
    catalog = _catalog(CatalogMessage(msgid=msgid, msgstr=("",), lineno=3))
    assert trace("In computer science, a linked list is a linear collection", catalog) is None
    assert trace("3.142s total", catalog) is None


def test_trace_prefers_exact_then_longest_literal() -> None:
    catalog = _catalog(
        CatalogMessage(msgid="%s found", msgstr=("",), lineno=3),
        CatalogMessage(msgid="Doctors found: %(count)s", msgstr=("",), lineno=7),
        CatalogMessage(msgid="Doctors found: 5", msgstr=("",), lineno=11),
    )
    assert trace("Doctors found: 12", catalog).message.lineno == 7  # type: ignore[union-attr]
    assert trace("Doctors found: 5", catalog).message.lineno == 11  # type: ignore[union-attr]
    assert trace("Nurses found", catalog).message.lineno == 3  # type: ignore[union-attr]


def test_trace_needs_the_literal_text_to_cover_enough_of_the_rendering() -> None:
    catalog = _catalog(CatalogMessage(msgid="Error: %s", msgstr=("",), lineno=3))
    assert trace("Error: disk full", catalog) is not None
    long_value = "Error: " + "the rendered value is a whole paragraph of content text " * 3
    assert trace(long_value, catalog) is None
