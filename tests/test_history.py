"""history.jsonl across runs, the SVG trends drawn from it, and `a11y-l10n report RUN_DIR`."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main
from pipeline.report.publish import FinishOptions, finish_run
from pipeline.results import baseline as bl
from pipeline.results.build import EXIT_USAGE, summarize
from pipeline.results.history import HISTORY_FILE, history_entry, read_history
from pipeline.results.results_json import load_results_json

FIXTURE = Path(__file__).parent / "fixtures" / "results" / "sample_results.json"
SVG_NS = "{http://www.w3.org/2000/svg}"


def run_results(run_id: str, drop_es: int) -> dict[str, Any]:
    """The fixture run, with `drop_es` of es/home's findings fixed and es coverage rising."""
    results = load_results_json(FIXTURE)
    results["run_id"] = run_id
    results["finished_at"] = f"2026-12-0{run_id[-1]}T03:00:00+00:00"
    es_home = next(t for t in results["targets"] if (t["page"], t["locale"]) == ("home", "es"))
    es_home["findings"] = es_home["findings"][drop_es:]
    next(c for c in results["catalogs"] if c["locale"] == "es")["percent"] = 90.0 + drop_es
    return summarize(results)


@pytest.fixture
def three_runs(tmp_path: Path) -> Iterator[tuple[Path, list[dict[str, Any]]]]:
    out = tmp_path / "reports"
    finals = []
    for i, drop in enumerate((0, 2, 5), start=1):
        run_dir = out / f"run{i}"
        run_dir.mkdir(parents=True)
        final, _ = finish_run(run_results(f"run{i}", drop), run_dir)
        finals.append(final)
    yield out, finals


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def test_each_run_appends_one_history_line(three_runs: tuple[Path, list[dict[str, Any]]]) -> None:
    out, finals = three_runs
    lines = (out / HISTORY_FILE).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["run_id"] for line in lines] == ["run1", "run2", "run3"]
    es = [json.loads(line)["locales"]["es"] for line in lines]
    totals = [sum(e["by_severity"].values()) for e in es]
    assert totals[0] > totals[1] > totals[2]
    assert [e["coverage"] for e in es] == [90.0, 92.0, 95.0]
    assert set(es[0]["by_family"]) >= {"axe", "catalog"}
    assert es[0]["by_severity"] == history_entry(finals[0])["locales"]["es"]["by_severity"]
    assert [r["run_id"] for r in finals[2]["trend"]] == ["run1", "run2", "run3"]


def test_trends_are_inline_svg_with_one_point_per_run(three_runs: tuple[Path, list[dict[str, Any]]]) -> None:
    out, _ = three_runs
    html = (out / "run3" / "index.html").read_text(encoding="utf-8")
    assert 'id="trends"' in html and "<script" not in html
    charts = svgs(html)
    titles = [c.find(f"{SVG_NS}title").text or "" for c in charts]  # type: ignore[union-attr]
    es_findings = charts[next(i for i, t in enumerate(titles) if t.startswith("Findings by impact in es"))]
    lines = {g.find(f"{SVG_NS}text").text.split()[0]: g.find(f"{SVG_NS}polyline")  # type: ignore[union-attr]
             for g in es_findings.iter(f"{SVG_NS}g")}
    assert set(lines) == {"critical", "serious", "moderate", "minor"}
    points = {sev: [tuple(map(float, p.split(","))) for p in line.get("points", "").split()]
              for sev, line in lines.items() if line is not None}
    assert all(len(p) == 3 for p in points.values())
    es_counts = [sum(1 for f in t["findings"] if f["severity"] == "serious")
                 for t in (run_results(f"run{i}", d)["targets"][1] for i, d in ((1, 0), (2, 2), (3, 5)))]
    ys = [y for _, y in points["serious"]]
    # SVG y grows downwards: fewer findings, larger y.
    assert [a < b for a, b in itertools.pairwise(ys)] == [a > b for a, b in itertools.pairwise(es_counts)]
    coverage = charts[next(i for i, t in enumerate(titles) if t.startswith("Catalog coverage of es"))]
    cover_ys = [float(p.split(",")[1]) for p in coverage.find(f".//{SVG_NS}polyline").get("points", "").split()]  # type: ignore[union-attr]
    assert cover_ys[0] > cover_ys[1] > cover_ys[2]  # 90 → 92 → 95 %


def test_first_run_draws_single_points(tmp_path: Path) -> None:
    run_dir = tmp_path / "r" / "run1"
    run_dir.mkdir(parents=True)
    final, index = finish_run(run_results("run1", 0), run_dir)
    assert len(final["trend"]) == 1
    assert svgs(index.read_text(encoding="utf-8"))


def test_damaged_history_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    path.write_text('{"run_id": "a", "locales": {}}\n{broken\n\n{"run_id": "b", "locales": {}}\n'
                    '{"run_id": "a", "locales": {"es": {}}}\n', encoding="utf-8")
    assert [e["run_id"] for e in read_history(path)] == ["b", "a"]  # a resumed run counts where it ended


def test_baseline_panel_and_history_counts(tmp_path: Path) -> None:
    base = bl.record(run_results("run0", 0))
    run_dir = tmp_path / "out" / "run1"
    run_dir.mkdir(parents=True)
    final, index = finish_run(run_results("run1", 2), run_dir, FinishOptions(baseline=base, baseline_file="b.json"))
    assert final["summary"]["baseline"] == {"new": 0, "known": final["summary"]["baseline"]["known"], "fixed": 2}
    html = index.read_text(encoding="utf-8")
    assert 'id="baseline"' in html and "<strong>0 new</strong>" in html
    line = json.loads((tmp_path / "out" / HISTORY_FILE).read_text(encoding="utf-8"))
    assert line["baseline"]["fixed"] == 2


def test_update_baseline_writes_the_file(tmp_path: Path) -> None:
    run_dir = tmp_path / "out" / "run1"
    run_dir.mkdir(parents=True)
    target = tmp_path / "ci" / "a11y-baseline.json"
    final, _ = finish_run(run_results("run1", 0), run_dir, FinishOptions(update_baseline=target))
    recorded = bl.load(target)
    assert len(recorded["findings"]) == final["summary"]["failing_findings"] + sum(
        1 for f in bl.counted_findings(final) if f["severity"] in ("moderate", "minor"))


# ---------------------------------------------------------------- a11y-l10n report


def test_report_command_rerenders_every_output(three_runs: tuple[Path, list[dict[str, Any]]],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = three_runs
    run_dir = out / "run2"
    names = ("index.html", "junit.xml", "results.sarif", "summary.md")
    before = {n: (run_dir / n).read_bytes() for n in names}
    for n in names:
        (run_dir / n).unlink()
    history_before = (out / HISTORY_FILE).read_bytes()
    assert main(["report", str(run_dir)]) == 0
    assert {n: (run_dir / n).read_bytes() for n in names} == before  # same results, same files
    assert (out / HISTORY_FILE).read_bytes() == history_before  # re-rendering is not a run
    assert capsys.readouterr().err.strip().endswith("run2/index.html")


def test_report_command_takes_trend_from_history_for_old_results(three_runs: tuple[Path, list[dict[str, Any]]]) -> None:
    out, _ = three_runs
    path = out / "run2" / "results.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    del old["trend"]
    path.write_text(json.dumps(old), encoding="utf-8")
    assert main(["report", str(out / "run2")]) == 0
    html = (out / "run2" / "index.html").read_text(encoding="utf-8")
    assert "run2" in html and 'id="trends"' in html and "run3</th>" not in html  # up to this run only


@pytest.mark.parametrize("content", ["{broken", '{"schema_version": 99}'])
def test_report_command_bad_results_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                content: str) -> None:
    (tmp_path / "results.json").write_text(content, encoding="utf-8")
    assert main(["report", str(tmp_path)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "results.json" in err
    assert main(["report", str(tmp_path / "nothing")]) == EXIT_USAGE


# ---------------------------------------------------------------- in Chromium


@pytest.mark.browser
def test_trends_render_and_pass_axe_from_disk(three_runs: tuple[Path, list[dict[str, Any]]]) -> None:
    """Opened from file:// under the report's CSP: charts have a size, no CSP errors, axe is clean."""
    sync_api = pytest.importorskip("playwright.sync_api")
    axe_module = pytest.importorskip("axe_playwright_python")
    from pipeline.gather.browser import find_chromium

    axe_js = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    out, _ = three_runs
    index = out / "run3" / "index.html"
    with sync_api.sync_playwright() as p:
        choice = find_chromium(None, None)
        browser = p.chromium.launch(executable_path=choice.executable, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            console: list[str] = []
            page.on("console", lambda m: console.append(m.text))
            page.goto(index.as_uri())
            sizes = page.evaluate("[...document.querySelectorAll('section[aria-labelledby=trends] svg')]"
                                  ".map(s => s.getBoundingClientRect().width)")
            assert sizes and min(sizes) > 100
            assert not [m for m in console if "Content Security Policy" in m]
            checked = browser.new_context(bypass_csp=True).new_page()
            checked.goto(index.as_uri())
            checked.add_script_tag(content=axe_js)
            result = checked.evaluate("axe.run(document.querySelector('section[aria-labelledby=trends]'), "
                                      "{resultTypes: ['violations']})")
            assert [v["id"] for v in result["violations"]] == []
        finally:
            browser.close()


def test_trend_in_results_is_the_history_without_family_counts(three_runs: tuple[Path, list[dict[str, Any]]]) -> None:
    out, finals = three_runs
    history = read_history(out / HISTORY_FILE)
    for drawn, line in zip(finals[2]["trend"], history, strict=True):
        assert drawn["locales"]["es"]["by_severity"] == line["locales"]["es"]["by_severity"]
        assert "by_family" in line["locales"]["es"] and "by_family" not in drawn["locales"]["es"]
