"""locale-format: dates, times and numbers in the text formatted for another locale.

What the locale expects comes from CLDR through Babel (decimal and group symbols, the order
of day, month and year in a short date, 12- or 24-hour clock, day-period markers, month
names). Only tokens whose reading is unambiguous are judged: "1,234.50" has both separators
so its decimal mark is certain; "11/25/2026" can only be month/day/year. "1,234", "3.5" or
"01/02/2026" are never flagged. Digits are judged only when the locale configures them
(``[locales.ar] digits = "latn"``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names, get_time_format
from babel.numbers import get_decimal_symbol, get_group_symbol

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.checks.untranslated import _declared_foreign
from pipeline.config import Config
from pipeline.model import Finding
from pipeline.text import normalize

FORMAT_META = CheckMeta(
    id="locale-format",
    title="Dates, times and numbers follow the locale (CLDR)",
    description="Numbers whose decimal mark is another locale's (\"1,234.50\" on an es page), numeric dates in "
    "another day/month order (\"11/25/2026\"), 12-hour times where the locale writes 24-hour ones or another "
    "day-period marker, source-language month names, and digits of another numbering system when "
    "[locales.<code>] digits is set. Ambiguous tokens are never flagged.",
    severity="moderate",
)

# Unicode decimal digits of the numbering systems config accepts (these never change).
DIGIT_SETS = {
    "latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹",
    "deva": "०१२३४५६७८९", "beng": "০১২৩৪৫৬৭৮৯", "thai": "๐๑๒๓๔๕๖๗๘๙",
}
CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "var", "textarea"})

_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:([.,])\d{3})+([.,])\d+(?![\w.,])")
_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\w/.-])")
_TIME = re.compile(r"(?<![\w:])(\d{1,2}):(\d{2})\s?([AaPp]\.?\s?[Mm]\.?)(?!\w)")


_ORDER_WORDS = {"dmy": "day/month/year", "mdy": "month/day/year", "ymd": "year/month/day"}


@dataclass(frozen=True)
class LocaleFacts:
    """What CLDR says a locale's text looks like (kept as plain data so tests can pin it)."""

    decimal: str
    group: str
    date_order: str  # "dmy" | "mdy" | "ymd"
    hour24: bool
    day_periods: frozenset[str]  # am/pm markers, lower-cased without spaces ("a.m.", "pm", "ص")
    month_names: frozenset[str]  # lower-cased wide and abbreviated names


def _marker(text: str) -> str:
    return re.sub(r"\s", "", text).lower()


def _letters(marker: str) -> str:
    return marker.replace(".", "")


def _order(pattern: str) -> str:
    firsts = {c: pattern.find(c) for c in "dMy" if c in pattern}
    return "".join(sorted(firsts, key=lambda c: firsts[c])).lower() if len(firsts) == 3 else ""


@lru_cache(maxsize=64)
def facts_for(lang: str) -> LocaleFacts | None:
    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    periods = loc.day_periods.get("format", {}).get("abbreviated", {})
    months = set()
    for width in ("wide", "abbreviated"):
        months |= {normalize(m).lower().rstrip(".") for m in get_month_names(width, locale=loc).values()}
    return LocaleFacts(
        decimal=get_decimal_symbol(loc), group=get_group_symbol(loc),
        date_order=_order(get_date_format("short", locale=loc).pattern),
        hour24="H" in get_time_format("short", locale=loc).pattern,
        day_periods=frozenset(_marker(periods[k]) for k in ("am", "pm") if k in periods),
        month_names=frozenset(months),
    )


@lru_cache(maxsize=16)
def _month_pattern(source_lang: str) -> re.Pattern[str] | None:
    loc = Locale.parse(source_lang.replace("-", "_"))
    names = sorted({normalize(m) for m in get_month_names("wide", locale=loc).values()}, key=len, reverse=True)
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<!\w)({alt})\s+\d{{1,2}},?\s+\d{{4}}(?!\w)|(?<!\w)\d{{1,2}}\s+({alt}),?\s+\d{{4}}(?!\w)")


@dataclass(frozen=True)
class Problem:
    kind: str  # number | date | time | month | digits
    token: str
    why: str


def problems_in(text: str, facts: LocaleFacts, *, digits: str = "",
                source_months: re.Pattern[str] | None = None) -> list[Problem]:
    """Every token of `text` formatted against `facts` (pure; the tests pin `facts`)."""
    out: list[Problem] = []
    for m in _NUMBER.finditer(text):
        group, decimal = m.group(1), m.group(2)
        if group != decimal and set(m.group(0)[: m.start(2) - m.start()]) - set("0123456789") == {group} \
                and decimal != facts.decimal:
            out.append(Problem("number", m.group(0), f"decimal mark '{decimal}' and group '{group}'; this locale "
                               f"writes the decimal mark as '{facts.decimal}'"))
    for m in _DATE.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        order = "dmy" if a > 12 >= b else "mdy" if b > 12 >= a else ""
        if order and facts.date_order and order != facts.date_order:
            out.append(Problem("date", m.group(0), f"written {_ORDER_WORDS[order]}; this locale writes short dates "
                               f"{_ORDER_WORDS.get(facts.date_order, facts.date_order)}"))
    for m in _TIME.finditer(text):
        marker = _marker(m.group(3))
        if facts.hour24:
            # A 24-hour locale may still write 12-hour times, but with its own marker ("p. m." in es).
            if marker not in facts.day_periods:
                out.append(Problem("time", m.group(0), "12-hour time with a marker this locale does not use; "
                                   "it writes the 24-hour clock"))
        elif _letters(marker) not in {_letters(p) for p in facts.day_periods}:
            shown = " / ".join(sorted(facts.day_periods))
            out.append(Problem("time", m.group(0), f"day-period marker '{m.group(3)}'; this locale writes {shown}"))
    if source_months is not None:
        for m in source_months.finditer(text):
            name = (m.group(1) or m.group(2) or "").lower()
            if name not in facts.month_names:
                out.append(Problem("month", m.group(0), f"month name '{m.group(1) or m.group(2)}' is not this "
                                   "locale's"))
    if digits in DIGIT_SETS:
        wanted = set(DIGIT_SETS[digits])
        other = sorted({ch for ch in text if unicodedata.category(ch) == "Nd" and ch not in wanted})
        if other:
            out.append(Problem("digits", "".join(other), f"digits {''.join(other)} are not the configured "
                               f"'{digits}' digits ({DIGIT_SETS[digits]})"))
    return out


def _in_code(selector: str, tag: str) -> bool:
    if tag in CODE_TAGS:
        return True
    return any(part.split(":")[0].split(".")[0] in CODE_TAGS for part in selector.split(" > "))


def check_locale_format(ctx: PageContext, config: Config) -> list[Finding]:
    art = ctx.artifact
    facts = facts_for(ctx.locale.lang)
    if facts is None:
        return []
    source_lang = config.locale(config.source_locale).lang
    months = _month_pattern(source_lang) if art.locale != config.source_locale else None
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    items = [("title", "title", art.title, "", "", True, f"<title>{art.title}</title>")]
    items += [(r.selector, r.tag, r.text, r.lang, r.lang_source, r.translate and (r.visible or
               config.include_hidden_text), r.snippet) for r in art.text_runs]
    for selector, tag, raw, lang, lang_source, judged, snippet in items:
        text = normalize(raw)
        if not text or not judged or _in_code(selector, tag) or _declared_foreign(lang, lang_source,
                                                                                 ctx.locale.lang):
            continue
        for p in problems_in(text, facts, digits=ctx.locale.digits, source_months=months):
            if (selector, p.token) in seen:
                continue
            seen.add((selector, p.token))
            findings.append(Finding(
                check=FORMAT_META.id, severity=FORMAT_META.severity, selector=selector, page=art.page,
                locale=art.locale, snippet=snippet,
                message=f"\"{p.token}\" is not formatted for {ctx.locale.lang}: {p.why}",
                details={"kind": p.kind, "token": p.token, "text": text[:200]},
            ))
    return findings
