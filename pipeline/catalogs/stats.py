"""Message counts of a catalog, the way ``msgfmt --statistics`` counts them."""

from __future__ import annotations

from pipeline.model import CatalogArtifact, CatalogStats

# --------------------------------------------------------------------------------------------------
# Statistics


def catalog_stats(artifact: CatalogArtifact) -> CatalogStats:
    """Counts with GNU ``msgfmt --statistics`` semantics (checked against gettext 0.21).

    msgfmt looks only at the first form: an entry is untranslated when ``msgstr``/``msgstr[0]`` is
    empty, *even if it is fuzzy*; otherwise fuzzy if flagged fuzzy; otherwise translated, even when
    a later plural form is empty or missing. Obsolete (``#~``) entries are not part of the total.
    """
    active = [message for message in artifact.messages if not message.obsolete]
    untranslated = sum(1 for message in active if message.untranslated)
    fuzzy = sum(1 for message in active if message.fuzzy and not message.untranslated)
    return CatalogStats(
        total=len(active),
        translated=len(active) - untranslated - fuzzy,
        fuzzy=fuzzy,
        untranslated=untranslated,
        obsolete=len(artifact.messages) - len(active),
    )


