"""Source-word counts per catalog, as translate-toolkit's ``pocount`` counts them.

Translators are paid by the source word, so the unit is the msgid (plus msgid_plural), never the
translation. Each string is counted by ``translate.tools.pocount.wordcount`` itself (Unicode word
segmentation after removing XML tags and ``<br>``), so the numbers equal ``pocount``'s
``source words`` columns; only the entry states come from this project's msgfmt-exact reading
(``catalog_stats``), which agrees with pocount on what is translated, fuzzy and untranslated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from translate.tools import pocount

from pipeline.model import CatalogArtifact, CatalogMessage

__all__ = ["WordCounts", "catalog_word_counts", "source_words", "word_fields"]


@dataclass(frozen=True)
class WordCounts:
    total: int
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def percent(self) -> float:
        """Translated share of the source words, like ``CatalogStats.percent`` for messages."""
        return round(100.0 * self.translated / self.total, 1) if self.total else 100.0


# pocount's own function, untyped upstream.
_pocount_wordcount = cast(Callable[[str], int], pocount.wordcount)


@lru_cache(maxsize=8192)
def _words(text: str) -> int:
    return _pocount_wordcount(text)


def source_words(message: CatalogMessage) -> int:
    """Words of the msgid and msgid_plural (pocount counts every source form of a plural unit)."""
    return sum(_words(text) for text in (message.msgid, message.msgid_plural) if text)


def catalog_word_counts(artifact: CatalogArtifact) -> WordCounts:
    """Source words of the active (non-obsolete) entries, split like ``catalog_stats``'s message counts."""
    translated = fuzzy = untranslated = 0
    for message in artifact.messages:
        if message.obsolete:
            continue
        words = source_words(message)
        if message.untranslated:
            untranslated += words
        elif message.fuzzy:
            fuzzy += words
        else:
            translated += words
    return WordCounts(translated + fuzzy + untranslated, translated, fuzzy, untranslated)


def word_fields(artifact: CatalogArtifact) -> dict[str, float | int]:
    """The results.json fields of a catalog entry (added to schema 1 beside the message counts)."""
    counts = catalog_word_counts(artifact)
    return {
        "words_total": counts.total,
        "words_translated": counts.translated,
        "words_untranslated": counts.untranslated,
        "words_fuzzy": counts.fuzzy,
        "words_percent": counts.percent,
    }
