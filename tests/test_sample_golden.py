"""Behaviour pinned across refactors: the sample site's saved artifacts give exactly the saved findings."""

from __future__ import annotations

import json

from tests.sample_golden import EXPECTED, recheck, saved_artifacts


def test_saved_artifacts_cover_every_sample_target() -> None:
    keys = {(a.page, a.locale) for a in saved_artifacts()}
    assert len(keys) == 24  # 6 pages x 4 locales
    assert {loc for _, loc in keys} == {"en", "es", "zh", "ar"}


def test_recheck_gives_exactly_the_saved_findings() -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    got = recheck()
    missing = [r for r in expected if r not in got]
    extra = [r for r in got if r not in expected]
    assert not missing and not extra, (
        f"{len(missing)} saved finding(s) gone, {len(extra)} new; first gone: {missing[:1]}, first new: {extra[:1]} "
        "(if a check changed on purpose, refresh with `python -m tests.sample_golden RUN_DIR`)")
    assert len(got) == len(expected) > 30
