"""What a check is: static metadata plus a pure function over artifacts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.config import Config, LocaleConfig
from pipeline.model import CatalogArtifact, Finding, PageArtifact


@dataclass(frozen=True)
class PageContext:
    """The artifacts one page check may read: the target, its source-locale twin, its catalog."""

    artifact: PageArtifact
    locale: LocaleConfig
    source: PageArtifact | None = None  # same page in the source locale, when it loaded
    catalog: CatalogArtifact | None = None  # this locale's catalog, when configured
    group: tuple[PageArtifact, ...] = ()  # the same page in every locale gathered (cross-locale checks)


@dataclass(frozen=True)
class CheckMeta:
    id: str
    title: str
    description: str
    severity: str  # default; config [checks.severity] may override
    kind: str = "l10n"  # "a11y" | "l10n"


PageCheck = Callable[[PageContext, Config], list[Finding]]


@dataclass(frozen=True)
class RegisteredCheck:
    meta: CheckMeta
    run: PageCheck
