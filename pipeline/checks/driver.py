"""The check stage's driver: every page check on each page group, streamed as pages come in.

A page is checked as soon as all its locales are gathered (cross-locale checks see the whole
group), then its artifacts are let go; what stays is one results.json target entry per target.
"""

from __future__ import annotations

from typing import Any

from pipeline.checks.axe_locales import tag_locales
from pipeline.checks.base import PageContext
from pipeline.checks.registry import run_page_checks
from pipeline.config import Config
from pipeline.model import SEVERITIES, CatalogArtifact, Finding, PageArtifact, Target


def check_targets(config: Config, artifacts: list[PageArtifact],
                  catalogs: list[CatalogArtifact]) -> list[dict[str, Any]]:
    """Run every page check; returns results.json target entries."""
    checker = StreamingChecker(config, catalogs)
    for art in artifacts:
        checker.add(art)
    return checker.finish()


class StreamingChecker:
    """Checks a page as soon as all its locales are gathered, then lets go of the artifacts.

    Only findings are kept, so memory does not grow with the size of the pages scanned; the
    artifacts themselves are already on disk. Cross-locale checks see the whole page group.
    """

    def __init__(self, config: Config, catalogs: list[CatalogArtifact],
                 expected: list[Target] | None = None) -> None:
        self.config = config
        self.catalogs = {c.locale: c for c in catalogs}
        self.waiting: dict[str, set[str]] = {}
        for t in expected or ():
            self.waiting.setdefault(t.page, set()).add(t.locale)
        self.pending: dict[str, list[PageArtifact]] = {}
        self.entries: list[dict[str, Any]] = []

    def add(self, art: PageArtifact) -> None:
        self.pending.setdefault(art.page, []).append(art)
        waiting = self.waiting.get(art.page)
        if waiting is not None:
            waiting.discard(art.locale)
            if not waiting:
                self._flush(art.page)

    def _flush(self, page: str) -> None:
        group = self.pending.pop(page, [])
        self.waiting.pop(page, None)
        by_locale = {a.locale: a for a in group}
        checked: dict[str, list[Finding]] = {}
        costs: dict[str, dict[str, float]] = {}
        for art in group:
            ctx = PageContext(artifact=art, locale=self.config.locale(art.locale),
                              source=by_locale.get(self.config.source_locale),
                              catalog=self.catalogs.get(art.locale), group=tuple(group))
            checked[art.locale] = run_page_checks(ctx, self.config, costs.setdefault(art.locale, {}))
        checked = tag_locales(checked, self.config.source_locale, {a.locale for a in group if a.status == "ok"})
        self.entries.extend(target_entry(art, checked[art.locale], costs.get(art.locale)) for art in group)

    def finish(self) -> list[dict[str, Any]]:
        for page in list(self.pending):
            self._flush(page)
        return self.entries


def target_entry(art: PageArtifact, findings: list[Finding], check_costs: dict[str, float] | None = None
                  ) -> dict[str, Any]:
    order = {s: i for i, s in enumerate(reversed(SEVERITIES))}

    def key(f: Finding) -> tuple[int, str, str]:
        return (order.get(f.severity, 9), f.check, f.selector)

    return {
        "page": art.page, "locale": art.locale, "url": art.url, "status": art.status, "error": art.error,
        "http_status": art.http_status, "final_url": art.final_url, "title": art.title,
        "html_lang": art.html_lang, "html_dir": art.html_dir, "screenshot": art.screenshot,
        "duration_s": round(sum(art.timings.values()), 3), "timings": art.timings,
        # Seconds each page check took on this target (the benchmark reports them per URL).
        "check_timings": {k: round(v, 5) for k, v in sorted((check_costs or {}).items())},
        # scale: image pixels per CSS pixel; finding boxes are in CSS pixels (report/overlay.py).
        "screenshot_size": ({"width": art.screenshot_width, "height": art.screenshot_height,
                             "scale": art.screenshot_scale}
                            if art.screenshot and art.screenshot_width else None),
        "findings": [f.to_dict() for f in sorted((f for f in findings if not f.needs_review), key=key)],
        "needs_review": [f.to_dict() for f in sorted((f for f in findings if f.needs_review), key=key)],
        "frames": [{"selector": f.selector, "url": f.url, "status": f.status, "reason": f.reason} for f in art.frames],
    }
