"""How many plural forms a gettext catalog conventionally has, per language — kept here, not read from Babel.

Why not Babel: ``babel.messages.plurals.get_plural`` follows the CLDR release it ships, and Babel 2.19
(CLDR 47) moved es, fr, it and pt to three forms ("many" for 1,000,000). GNU gettext, Weblate, Transifex
and nearly every real catalog keep ``nplurals=2`` for them; judging headers by whatever CLDR the installed
Babel carries made ordinary catalogs fail after a ``pip install -U``.

Sources, in order of precedence:

1. GNU gettext's ``gettext-tools/src/plural-table.c`` — the table ``msginit`` writes into new catalogs
   (autotools-mirror/gettext, commit 057cf901ba815a33585184fa59e03f89100d458f, "Copyright 2001-2025").
2. For languages that table lacks (msginit then falls back to CLDR): translate-toolkit's
   ``translate/lang/data.py`` ``languages`` table (translate/translate, commit
   00d1fd565ba271f63422b3db552fca808365c5b1), which Pootle and Virtaal used and which matches what
   Launchpad and Weblate write for these languages. Where the two sources disagree (Irish: gettext 3,
   toolkit 5), gettext wins: we only ever require *at least* this many forms, so the lower count is the
   safe one.

Only counts are kept: the header check asks "does the header have fewer forms than the convention?".
"""

from __future__ import annotations

# Source 1: GNU gettext plural-table.c (every entry of it).
GETTEXT_PLURAL_TABLE: dict[str, int] = {
    "ja": 1, "vi": 1, "ko": 1,
    "en": 2, "de": 2, "nl": 2, "sv": 2, "da": 2, "no": 2, "nb": 2, "nn": 2, "fo": 2, "es": 2, "pt": 2,
    "it": 2, "bg": 2, "el": 2, "fi": 2, "et": 2, "he": 2, "eo": 2, "hu": 2, "tr": 2, "ca": 2,
    "pt_BR": 2, "fr": 2,
    "lv": 3, "ga": 3, "ro": 3, "lt": 3, "ru": 3, "uk": 3, "be": 3, "sr": 3, "hr": 3, "cs": 3, "sk": 3,
    "pl": 3,
    "sl": 4,
}

# Source 2: translate-toolkit's table, for languages gettext's table does not list.
TOOLKIT_PLURAL_TABLE: dict[str, int] = {
    "ach": 2, "af": 2, "ak": 2, "am": 2, "an": 2, "anp": 2, "ar": 6, "arn": 2, "as": 2, "ast": 2, "ay": 1,
    "az": 2, "bn": 2, "bo": 1, "br": 2, "brx": 2, "bs": 3, "cgg": 1, "csb": 3, "cy": 2, "doi": 2, "dz": 1,
    "eu": 2, "fa": 2, "ff": 2, "fil": 2, "fur": 2, "fy": 2, "gd": 4, "gl": 2, "gu": 2, "gun": 2, "ha": 2,
    "hi": 2, "hne": 2, "ht": 2, "hy": 1, "ia": 2, "id": 1, "is": 2, "jbo": 1, "jv": 2, "ka": 1, "kab": 2,
    "kk": 2, "kl": 2, "km": 1, "kn": 2, "kok": 2, "ks": 2, "ku": 2, "kw": 4, "ky": 2, "lb": 2, "ln": 2,
    "lo": 1, "mai": 2, "me": 3, "mfe": 2, "mg": 2, "mi": 2, "mk": 2, "ml": 2, "mn": 2, "mni": 2, "mnk": 3,
    "mr": 2, "ms": 1, "mt": 4, "my": 1, "nah": 2, "nap": 2, "ne": 2, "nqo": 2, "nso": 2, "oc": 2, "or": 2,
    "pa": 2, "pap": 2, "pms": 2, "ps": 2, "rm": 2, "rw": 2, "sa": 3, "sah": 1, "sat": 2, "sco": 2, "sd": 2,
    "se": 2, "si": 2, "so": 2, "son": 1, "sq": 2, "st": 2, "su": 1, "sw": 2, "szl": 3, "ta": 2, "te": 2,
    "tg": 1, "th": 1, "ti": 2, "tk": 2, "tt": 1, "ug": 1, "ur": 2, "uz": 2, "ve": 2, "wa": 2, "wo": 2,
    "yo": 2, "yue": 1, "zu": 2,
    # The toolkit lists zh_CN, zh_HK and zh_TW, all with one form; every Chinese tag gets that.
    "zh": 1,
}


def conventional_nplurals(locale: str) -> int | None:
    """gettext's conventional form count for a locale tag (``pt-BR``, ``zh_Hans``, ``ar-EG``); None if unknown.

    The full ``language_REGION`` key is tried first (``pt_BR`` differs in its formula), then the language.
    """
    if not locale:
        return None
    parts = locale.replace("-", "_").split("@")[0].split("_")
    language = parts[0].lower()
    keys = [f"{language}_{p.upper()}" for p in parts[1:] if len(p) == 2] + [language]
    for key in keys:
        for table in (GETTEXT_PLURAL_TABLE, TOOLKIT_PLURAL_TABLE):
            if key in table:
                return table[key]
    return None
