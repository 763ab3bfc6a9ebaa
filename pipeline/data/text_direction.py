"""Which locales are written right to left — kept here so a CLDR update in Babel cannot flip a locale.

Read off Babel 2.19.0's CLDR data (``Locale.text_direction`` over every locale it ships) on 2026-12-01 and
reduced to languages and scripts. A locale's script subtag decides when present (``az-Arab`` is rtl,
``ku-Latn`` ltr); otherwise its language does. A language in neither table falls back to Babel.
"""

from __future__ import annotations

# ISO 15924 scripts written right to left (CLDR's rtl locales use exactly these).
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr", "mend"})
# Scripts whose direction is known to be ltr, so a script subtag settles it without Babel (not Mong:
# CLDR gives vertical Mongolian its own direction).
LTR_SCRIPTS = frozenset({"latn", "cyrl", "grek", "hans", "hant", "jpan", "kore", "deva", "beng", "taml",
                         "telu", "knda", "mlym", "gujr", "guru", "orya", "sinh", "thai", "laoo", "khmr",
                         "mymr", "tibt", "ethi", "geor", "armn", "cher", "vaii"})
# Languages whose default script is rtl (CLDR's rtl locales without a script subtag).
RTL_LANGUAGES = frozenset({"apc", "ar", "ary", "arz", "bal", "bgn", "bqi", "brh", "ckb", "dv", "fa", "he", "iw",
                           "ks", "lrc", "mzn", "nqo", "ps", "rhg", "sd", "sdh", "skr", "syr", "trw", "ug", "ur",
                           "yi"})


def known_direction(tag: str) -> str | None:
    """"rtl" / "ltr" from the tables above, or None when they do not know the locale."""
    parts = tag.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            script = part.lower()
            if script in RTL_SCRIPTS:
                return "rtl"
            if script in LTR_SCRIPTS:
                return "ltr"
    if parts[0].lower() in RTL_LANGUAGES:
        return "rtl"
    return None
