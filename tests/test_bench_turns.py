"""The benchmark's verdict: contestants take turns and the ratio is of summed wall times."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bench import Round, Side, parse_args, run_order
from procmon import ProcStats


def _side(name: str, wall: float, cpu: float = 0.0, violations: set[tuple[str, str, str]] | None = None) -> Side:
    side = Side(name, ProcStats(wall, 0, 1.0, 1.0, 2.0, 1, cpu_s=cpu))
    side.violations = violations or set()
    return side


def test_turns_put_each_contestant_on_both_sides_of_the_middle() -> None:
    assert run_order(1, bare=True) == ["bare", "tool"]
    assert run_order(2, bare=True) == ["bare", "tool", "tool", "bare"]
    assert run_order(3, bare=True) == ["bare", "tool", "tool", "bare", "bare", "tool"]
    assert run_order(2, bare=True, floor=True) == ["bare", "tool", "floor", "floor", "tool", "bare"]
    assert run_order(2, bare=False) == ["tool", "tool"]


def test_ratio_is_of_summed_wall_times_and_single_pairs_show_the_scatter() -> None:
    r = Round(25, 75, bare_runs=[_side("bare loop", 100.0, 180.0), _side("bare loop", 200.0, 300.0)],
              tool_runs=[_side("a11y-l10n scan", 50.0, 90.0), _side("a11y-l10n scan", 70.0, 110.0)],
              load_before=0.1, code="x", profile="content", order=["bare", "tool", "tool", "bare"],
              floor_runs=[])
    assert r.ratio == pytest.approx(120.0 / 300.0)  # not the mean of 0.50 and 0.35
    assert r.pair_ratios == pytest.approx([0.5, 0.35])
    assert r.cpu_ratio == pytest.approx(200.0 / 480.0)
    assert [name for name, _ in r.ordered_runs()] == ["bare", "tool", "tool", "bare"]
    assert r.ordered_runs()[3][1].stats.wall_s == 200.0
    assert r.floor_ratio is None and not r.failed


def test_a_disagreeing_run_of_either_side_fails_the_comparison() -> None:
    same = {("u", "image-alt", "img")}
    r = Round(1, 4, bare_runs=[_side("bare loop", 1.0, violations=same), _side("bare loop", 1.0, violations=same)],
              tool_runs=[_side("a11y-l10n scan", 1.0, violations=same), _side("a11y-l10n scan", 1.0)],
              load_before=0.0, code="x", floor_runs=[_side("floor", 0.5, violations=same)])
    assert r.only_bare == same  # the second tool run missed it
    assert not r.only_tool and not r.floor_differs
    assert r.floor_ratio == pytest.approx(0.25)


def test_run_settings_must_be_toml(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_args(["--run-setting", "screenshots=false"]).run_setting == ["screenshots=false"]
    assert parse_args([]).repeat == 2 and parse_args(["--skip-bare"]).repeat == 1
    with pytest.raises(SystemExit):
        parse_args(["--run-setting", "screenshots = "])
    assert "not a TOML key = value line" in capsys.readouterr().err
