"""catalog:format-mismatch, part two: comparing the placeholders of a msgid with each msgstr form (``msgfmt -c``)."""

from __future__ import annotations

import functools
import gettext
import re
from collections import Counter

from pipeline.checks.catalog.entries import (
    FORMAT_MISMATCH,
    active_messages,
    catalog_finding,
    entry_details,
    quote_msgid,
)
from pipeline.checks.catalog.formats import FormatArgs, FormatSpec, InvalidFormat, formats_for
from pipeline.model import CatalogArtifact, CatalogMessage, Finding

# --------------------------------------------------------------------------------------------------
# catalog:format-mismatch: comparing


def placeholder_problems(message: CatalogMessage, plural_forms: str = "") -> list[str]:
    """Human descriptions of placeholder mismatches between an entry's msgid and its msgstr forms.

    ``plural_forms`` is the catalog's Plural-Forms header: a plural form that only ever serves one
    number (Arabic "one" and "two", Polish "one") may leave the number out, as ``msgfmt -c`` allows.
    Without a usable header only the last form must carry every placeholder. Unknown placeholders are
    always reported: they make formatting raise. Never raises.
    """
    return [f"{flag}: {problem}" for flag, problem in _problems(message, plural_forms)]


def _problems(message: CatalogMessage, plural_forms: str) -> list[tuple[str, str]]:
    """(format flag, problem) pairs; the flag goes to details, the problem into the message."""
    if message.obsolete or message.untranslated:
        return []
    return [
        (fmt.flag, problem) for fmt in formats_for(message) for problem in _format_problems(fmt, message, plural_forms)
    ]


def _format_problems(fmt: FormatSpec, message: CatalogMessage, plural_forms: str) -> list[str]:
    try:
        singular = fmt.parse(message.msgid)
        plural = fmt.parse(message.msgid_plural) if message.msgid_plural else singular
    except InvalidFormat:
        return []  # the source string itself is broken: a code bug, not a translation bug
    allowed = _merge(singular, plural)
    strict_forms = _forms_needing_every_placeholder(message, plural_forms)
    problems: list[str] = []
    for index, text in enumerate(message.msgstr):
        if not text:
            continue  # empty forms are catalog:untranslated / catalog:plural-forms business
        label = f"msgstr[{index}]" if message.msgid_plural else "msgstr"
        try:
            args = fmt.parse(text)
        except InvalidFormat as exc:
            problems.append(f"{label} is not a valid {fmt.flag} string ({exc})")
            continue
        found = _compare(fmt, required=plural, allowed=allowed, found=args, strict=index in strict_forms)
        problems += [f"{label} {problem}" for problem in found]
    return problems


def _merge(first: FormatArgs, second: FormatArgs) -> FormatArgs:
    named = dict(first.named)
    for name, convs in second.named.items():
        named[name] = named.get(name, frozenset()) | convs
    longer = first.positional if len(first.positional) > len(second.positional) else second.positional
    return FormatArgs(named, longer)


def _forms_needing_every_placeholder(message: CatalogMessage, plural_forms: str) -> frozenset[int]:
    if not message.msgid_plural:
        return frozenset({0})
    multi_valued = _multi_valued_forms(plural_forms)
    if multi_valued is None:
        return frozenset({len(message.msgstr) - 1})
    return multi_valued


@functools.lru_cache(maxsize=64)
def _multi_valued_forms(plural_forms: str) -> frozenset[int] | None:
    """Plural forms chosen for more than one n in 0..999, per the header's ``plural=`` expression.

    msgfmt -c uses the same idea: a form used for exactly one number may omit it. None when the header
    has no usable expression.
    """
    match = re.search(r"\bplural\s*=\s*([^;]+)", plural_forms)
    if match is None:
        return None
    try:
        choose = gettext.c2py(match.group(1).strip())
        counts = Counter(choose(n) for n in range(1000))
    # The expression is untrusted header text: any failure just means "no usable expression".
    except (ValueError, SyntaxError, ArithmeticError, RecursionError, TypeError, MemoryError):
        return None
    return frozenset(form for form, count in counts.items() if count > 1)


def _compare(fmt: FormatSpec, *, required: FormatArgs, allowed: FormatArgs, found: FormatArgs,
             strict: bool) -> list[str]:
    """Problems of one msgstr form: unknown names always, missing ones only in ``strict`` forms."""
    problems = [
        f"has unknown {fmt.show(name, _any(convs))}" for name, convs in found.named.items() if name not in allowed.named
    ]
    if strict:
        problems += [
            f"lacks {fmt.show(name, _any(convs))}" for name, convs in required.named.items() if name not in found.named
        ]
    for name in sorted(found.named.keys() & allowed.named.keys()):
        if not {fmt.group(c) for c in found.named[name]} <= {fmt.group(c) for c in allowed.named[name]}:
            problems.append(
                f"uses {fmt.show(name, _any(found.named[name]))} where msgid has "
                f"{fmt.show(name, _any(allowed.named[name]))}"
            )
    strict_unnamed = strict or fmt.unnamed_always_required
    problems += _compare_positional(fmt, required.positional, allowed.positional, found.positional, strict_unnamed)
    return problems


def _compare_positional(
    fmt: FormatSpec, required: tuple[str, ...], allowed: tuple[str, ...], found: tuple[str, ...], strict: bool
) -> list[str]:
    if len(found) > len(allowed) or (strict and len(found) != len(required)):
        expected = len(required) if strict else len(allowed)
        return [f"has {len(found)} unnamed placeholder(s), msgid has {expected}"]
    return [
        f"placeholder {index} is %{theirs} where msgid has %{ours}"
        for index, (ours, theirs) in enumerate(zip(allowed, found, strict=False), start=1)
        if fmt.group(ours) != fmt.group(theirs)
    ]


def _any(convs: frozenset[str]) -> str:
    return min(convs) if convs else ""


def check_format_mismatch(artifact: CatalogArtifact) -> list[Finding]:
    """One finding per entry whose placeholders differ; fuzzy entries too (some tools ship them)."""
    findings = []
    for message in active_messages(artifact):
        problems = _problems(message, artifact.plural_forms)
        if not problems:
            continue
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        text = f"Placeholders differ in {quote_msgid(message.msgid, 40)}: {problems[0][1]}{more}"
        details = entry_details(
            message,
            formats=sorted({flag for flag, _ in problems}),
            problems=[f"{flag}: {problem}" for flag, problem in problems],
            fuzzy=message.fuzzy,
        )
        findings.append(catalog_finding(FORMAT_MISMATCH, artifact, text, message.lineno, details))
    return findings


