"""Benchmark: `a11y-l10n scan` against the bare Playwright + axe-core loop, in one run.

    python benchmarks/bench.py                  # both profiles, N = 25 pages per locale, both contestants
    python benchmarks/bench.py --profile content --pages 10
    python benchmarks/bench.py --pages 10 --skip-bare
    python benchmarks/bench.py --curve          # N = 10, 50, 200 (200 means 800 URLs: a long run)
    python benchmarks/bench.py --memory         # tool only, peak RSS at N = 25 and N = 100
    python benchmarks/bench.py --repeat 1       # one run of each instead of bare, tool, tool, bare
    python benchmarks/bench.py --floor          # also the floor: load + axe only, shaped like the tool
    python benchmarks/bench.py --run-setting screenshots=false   # the tool with a [run] setting changed

Profiles: "sample" (a static copy of the sample site, 4 locales) and "content" (long documentation
articles with tables and code blocks, real translated pages, 3 locales); the default runs both.
Generates a static site (N pages per locale), serves it on 127.0.0.1, runs
the bare loop (benchmarks/bare_loop.py) and the tool on the same URLs, each in its own process
watched for wall time, CPU time and peak RSS, and checks both found the same axe violations.
The contestants take turns, bare, tool, tool, bare (--repeat 2, the default), and the ratio is
that of the summed wall times: a host that speeds up or slows down steadily during the round
weighs on both alike. Prints a table and writes the same numbers to
reports/bench/bench-<timestamp>.json.
Exit codes: 0 ok, 1 the axe violations differ, 2 a contestant failed or timed out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run from a checkout without installing: the tool's package lives next to this directory.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from procmon import ProcStats, run_watched  # noqa: E402
from sitegen import AXE_TAGS, PROFILES, Site, generated_site, write_config  # noqa: E402

DEFAULT_PAGES = 25
DEFAULT_REPEAT = 2  # runs of each contestant per round, in the order bare, tool, tool, bare
CURVE_SIZES = (10, 50, 200)
MEMORY_SIZES = (25, 100)
TARGET_RATIO = 0.4  # the goal: the tool in at most 0.4× the bare loop's wall time
TOOL_OK_CODES = (0, 1)  # 1 only means "findings at or above fail_on"
REPORT_DIR = ROOT / "reports" / "bench"

Violation = tuple[str, str, str]  # (url, axe rule id, selector as results.json writes it)


class Clock:
    """Progress on stderr, one line per phase, stamped with seconds since the benchmark began."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()

    def say(self, text: str) -> None:
        print(f"[{time.perf_counter() - self.t0:7.1f}s] {text}", file=sys.stderr, flush=True)


@dataclass
class Side:
    """One contestant's run on one site."""

    name: str
    stats: ProcStats
    stage_means_s: dict[str, float] = field(default_factory=dict)
    violations: set[Violation] = field(default_factory=set)
    check_means_ms: dict[str, float] = field(default_factory=dict)  # tool only: page check id -> ms per URL
    notes: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    def to_json(self, urls: int) -> dict[str, Any]:
        return {"stats": asdict(self.stats), "urls_per_s": urls / self.stats.wall_s,
                "stage_means_s": self.stage_means_s, "check_means_ms": self.check_means_ms,
                "violations": len(self.violations),
                "notes": self.notes, "error": self.error}


def wall_s(runs: list[Side]) -> float:
    """Summed wall time of a contestant's runs in a round (ratios are of these sums)."""
    return sum(s.stats.wall_s for s in runs)


@dataclass
class Round:
    n_pages: int
    urls: int
    bare_runs: list[Side]  # empty: tool only
    tool_runs: list[Side]
    load_before: float  # 1-minute load average when the round started: other work skews timings
    code: str  # the tool's commit (+ changed files) when the round started: pipeline/ may change under us
    profile: str = "sample"
    order: list[str] = field(default_factory=list)  # "bare"/"tool"/"floor" in the order they ran
    floor_runs: list[Side] = field(default_factory=list)  # --floor: load + axe only, shaped like the tool

    @property
    def bare(self) -> Side | None:
        return self.bare_runs[0] if self.bare_runs else None

    @property
    def tool(self) -> Side:
        return self.tool_runs[0]

    @property
    def floor(self) -> Side | None:
        return self.floor_runs[0] if self.floor_runs else None

    @property
    def failed(self) -> bool:
        return any(s.error for s in (*self.tool_runs, *self.bare_runs, *self.floor_runs))

    @property
    def floor_ratio(self) -> float | None:
        """Summed floor wall time over summed bare wall time: the least the tool's ratio could be."""
        if not (self.floor_runs and self.bare_runs):
            return None
        return wall_s(self.floor_runs) / wall_s(self.bare_runs)

    @property
    def floor_differs(self) -> bool:
        return any(f.violations != b.violations for f in self.floor_runs for b in self.bare_runs)

    @property
    def only_bare(self) -> set[Violation]:
        """Found by some bare run and missed by some tool run (runs of one side must agree too)."""
        return set().union(*(b.violations - t.violations for b in self.bare_runs for t in self.tool_runs))

    @property
    def only_tool(self) -> set[Violation]:
        return set().union(*(t.violations - b.violations for b in self.bare_runs for t in self.tool_runs))

    @property
    def ratio(self) -> float | None:
        """Summed tool wall time over summed bare wall time."""
        if not self.bare_runs:
            return None
        return wall_s(self.tool_runs) / wall_s(self.bare_runs)

    @property
    def cpu_ratio(self) -> float | None:
        bare_cpu = sum(s.stats.cpu_s for s in self.bare_runs)
        return sum(s.stats.cpu_s for s in self.tool_runs) / bare_cpu if bare_cpu else None

    @property
    def pair_ratios(self) -> list[float]:
        """tool/bare of the i-th run of each: how far single runs scatter around the summed ratio."""
        return [t.stats.wall_s / b.stats.wall_s for t, b in zip(self.tool_runs, self.bare_runs, strict=False)]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"profile": self.profile, "n_pages": self.n_pages, "urls": self.urls,
                               "load_before": self.load_before,
                               "code": self.code, "tool": self.tool.to_json(self.urls),
                               "runs": [{"contestant": name, "wall_s": s.stats.wall_s, "cpu_s": s.stats.cpu_s}
                                        for name, s in self.ordered_runs()]}
        if self.bare:
            out |= {"bare": self.bare.to_json(self.urls), "ratio_tool_over_bare": self.ratio,
                    "ratio_runs": self.pair_ratios, "cpu_ratio_tool_over_bare": self.cpu_ratio,
                    "floor": self.floor.to_json(self.urls) if self.floor else None,
                    "ratio_floor_over_bare": self.floor_ratio,
                    "speedup_bare_over_tool": 1 / self.ratio if self.ratio else None,
                    "violations_equal": not (self.only_bare or self.only_tool),
                    "only_bare": sorted(self.only_bare), "only_tool": sorted(self.only_tool)}
        return out

    def ordered_runs(self) -> list[tuple[str, Side]]:
        pending = {"bare": list(self.bare_runs), "tool": list(self.tool_runs), "floor": list(self.floor_runs)}
        return [(name, pending[name].pop(0)) for name in self.order if pending[name]]


def run_order(repeat: int, bare: bool, floor: bool = False) -> list[str]:
    """bare, tool, tool, bare, bare, tool, …: each contestant runs as often before as after the
    others' midpoint, so a steady drift of the host's speed cancels out of the summed times.
    With the floor: bare, tool, floor, floor, tool, bare, …"""
    turn = ["bare", "tool", "floor"] if bare and floor else ["bare", "tool"] if bare else ["tool"]
    order: list[str] = []
    for i in range(repeat):
        order += turn if i % 2 == 0 else turn[::-1]
    return order


# ---------------------------------------------------------------- contestants

def _timeout_s(urls: int) -> float:
    return 120 + 15 * urls  # generous: a hang must end the benchmark, a slow run must not


def _means(per_key: dict[str, list[float]]) -> dict[str, float]:
    return {k: statistics.fmean(v) for k, v in per_key.items() if v}


def axe_selector(target: list[Any]) -> str:
    """axe's node target as the tool writes it (pipeline/checks/axe_results.py): nested lists
    (frames / shadow roots) joined by " >>> ". Mirrored, not imported: the reference must not
    share code with the thing it measures."""
    return " >>> ".join(" ".join(t) if isinstance(t, list) else str(t) for t in target)


def run_bare(site: Site, work: Path, chromium: str, clock: Clock, run: int = 1, floor: bool = False) -> Side:
    """The bare loop (bare_loop.py), or with ``floor`` the floor loop (floor_loop.py)."""
    name, script = ("floor", "floor_loop.py") if floor else ("bare loop", "bare_loop.py")
    urls_file, out_file = work / "urls.json", work / f"{script[:5]}-{run}.json"
    urls_file.write_text(json.dumps(site.urls()), encoding="utf-8")
    cmd = [sys.executable, str(HERE / script), str(urls_file), str(out_file),
           "--chromium", chromium, "--tags", ",".join(AXE_TAGS)]
    clock.say(f"{name}: {len(site.urls())} URLs" + ("" if floor else ", one at a time (progress every 10)"))
    stats = run_watched(cmd, cwd=ROOT, timeout_s=_timeout_s(len(site.urls())))
    side = Side(name, stats)
    if stats.timed_out or stats.exit_code != 0 or not out_file.is_file():
        side.error = "timed out" if stats.timed_out else f"{name} exited with {stats.exit_code}"
        return side
    data = json.loads(out_file.read_text(encoding="utf-8"))
    side.stage_means_s = _means(data["stages"])
    side.violations = {(url, rule, axe_selector(target)) for url, rule, target in data["violations"]}
    side.notes = {"browser": data["browser"], "launch_s": data["launch_s"], "loop_s": data["loop_s"]}
    clock.say(f"{name}: done in {stats.wall_s:.1f}s")
    return side


def _tool_heartbeat(out_root: Path, total: int, clock: Clock) -> Callable[[float], None]:
    # The tool runs with --quiet (its progress is not what is measured); count the per-target
    # artifacts it saves instead, so a long run still shows it is moving.
    def beat(elapsed: float) -> None:
        done = sum(1 for _ in out_root.glob("*/artifacts/*.json"))
        clock.say(f"a11y-l10n scan: {done}/{total} targets saved, {elapsed:.0f}s")
    return beat


def _stage_order(stage: str) -> tuple[int, str]:
    # The order a page goes through them; stages the tool adds later go last.
    known = ("load", "dom", "axe", "screenshot")
    return (known.index(stage) if stage in known else len(known), stage)


def _tool_side(stats: ProcStats, results_file: Path) -> Side:
    side = Side("a11y-l10n scan", stats)
    if stats.timed_out:
        side.error = "timed out"
    elif stats.exit_code not in TOOL_OK_CODES:
        side.error = f"a11y-l10n exited with {stats.exit_code}"
    if not results_file.is_file():
        side.error = side.error or "no results.json written"
        return side
    results = json.loads(results_file.read_text(encoding="utf-8"))
    targets = results.get("targets", [])
    errors = [f"{t['page']}--{t['locale']}: {t.get('error', '')}" for t in targets if t.get("status") != "ok"]
    per_stage: dict[str, list[float]] = {}
    per_check: dict[str, float] = {}
    for t in targets:
        for stage, seconds in (t.get("timings") or {}).items():
            per_stage.setdefault(stage, []).append(float(seconds))
        for check, seconds in (t.get("check_timings") or {}).items():
            per_check[check] = per_check.get(check, 0.0) + float(seconds)
    side.stage_means_s = dict(sorted(_means(per_stage).items(), key=lambda kv: _stage_order(kv[0])))
    # Each page check's Python time per URL (the gather stages above are the browser's side).
    side.check_means_ms = {c: 1000 * s / max(1, len(targets))
                           for c, s in sorted(per_check.items(), key=lambda kv: -kv[1])}
    side.violations = {(t["url"], f["check"][4:], f["selector"])
                       for t in targets for f in t.get("findings", []) if f["check"].startswith("axe:")}
    side.notes = {"duration_s": results.get("duration_s"), "engine": results.get("engine", {}),
                  "exit_code": results.get("exit_code"), "targets": len(targets), "target_errors": errors,
                  "failing_findings": results.get("summary", {}).get("failing_findings")}
    if errors and not side.error:
        side.error = f"{len(errors)} target(s) failed"
    return side


def run_tool(site: Site, work: Path, chromium: str, tool_args: list[str], clock: Clock, run: int = 1,
             run_settings: tuple[str, ...] = ()) -> Side:
    # Each run its own output directory: the second must not start with the first's history.
    config, out_root = work / "bench.toml", work / f"out-{run}"
    write_config(config, site, chromium)
    if run_settings:  # without them the config has no [run] table: the tool's defaults are measured
        with config.open("a", encoding="utf-8") as f:
            f.write("\n[run]\n" + "".join(f"{line}\n" for line in run_settings))
    cmd = [sys.executable, "-m", "pipeline", "scan", "--config", str(config), "--out", str(out_root), "--quiet",
           *tool_args]
    total = len(site.urls())
    clock.say(f"a11y-l10n scan: {total} targets, every check on")
    # Its own output (summary matrix, report path) would break up the benchmark's table: keep it
    # in a file and show its end only when the run failed.
    log = work / f"tool-output-{run}.txt"
    stats = run_watched(cmd, cwd=ROOT, timeout_s=_timeout_s(total), log_path=log,
                        heartbeat=_tool_heartbeat(out_root, total, clock))
    side = _tool_side(stats, out_root / "latest" / "results.json")
    if side.error:
        clock.say(f"a11y-l10n scan: FAILED: {side.error} after {stats.wall_s:.1f}s; its output ends with:")
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]:
            print(f"    {line}", file=sys.stderr)
    else:
        clock.say(f"a11y-l10n scan: done in {stats.wall_s:.1f}s")
    return side


def code_state() -> str:
    """The commit being measured, plus uncommitted changes under pipeline/: "1c609f9+pipeline/x.py"."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return ""
    head = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    dirty = [line[3:] for line in git("status", "--porcelain", "--", "pipeline").splitlines()]
    return "+".join([head, *dirty])


def run_round(n_pages: int, work_root: Path, args: argparse.Namespace, clock: Clock, bare: bool,
              profile: str = "sample") -> Round:
    work = work_root / f"{profile}-n{n_pages}"
    code = code_state()
    load = os.getloadavg()[0]
    if load > 0.5 * (os.cpu_count() or 1):
        clock.say(f"warning: load average {load:.2f} on {os.cpu_count()} CPUs: other processes will skew timings")
    clock.say(f"site ({profile} profile): writing {n_pages} pages per locale")
    with generated_site(work / "site", n_pages, profile) as site:
        clock.say(f"site: {len(site.urls())} URLs ({n_pages} × {len(site.locales)} locales) served at {site.base_url}")
        order = run_order(args.repeat, bare, args.floor)
        runs: dict[str, list[Side]] = {"bare": [], "tool": [], "floor": []}
        for name in order:
            n = len(runs[name]) + 1
            if name in ("bare", "floor"):
                runs[name].append(run_bare(site, work, args.chromium, clock, n, floor=name == "floor"))
            else:
                runs[name].append(run_tool(site, work, args.chromium, args.tool_arg, clock, n, tuple(args.run_setting)))
            if runs[name][-1].error:
                break  # the numbers of a failed run mean nothing; do not spend more time on them
    done = sum(len(v) for v in runs.values())
    return Round(n_pages, len(site.urls()), runs["bare"], runs["tool"] or [run_tool_missing()], load, code,
                 profile, order[:done], runs["floor"])


def run_tool_missing() -> Side:
    return Side("a11y-l10n scan", ProcStats(0.0, -1, 0.0, 0.0, 0.0, 0), error="not run (the bare loop failed)")


# ---------------------------------------------------------------- output

def _stages(side: Side) -> str:
    return "  ".join(f"{k} {v:.3f}" for k, v in side.stage_means_s.items()) or "-"


def print_round(r: Round) -> None:
    sides = [s for s in (r.bare, r.tool, r.floor) if s]
    print(f"\n[{r.profile} profile] N = {r.n_pages} pages × {r.urls // r.n_pages} locales = {r.urls} URLs "
          f"(load average at start {r.load_before:.2f}, code {r.code})")
    if r.failed:  # the numbers of a failed run mean nothing: say what failed instead
        _print_verdict(r)
        return
    print(f"{'':<24}" + "".join(f"{s.name:>18}" for s in sides))
    rows: list[tuple[str, Callable[[Side], str]]] = [
        ("wall time (s)", lambda s: f"{s.stats.wall_s:.1f}"),
        ("CPU time (s)", lambda s: f"{s.stats.cpu_s:.1f}"),
        ("URLs per second", lambda s: f"{r.urls / s.stats.wall_s:.2f}"),
        ("peak RSS own (MiB)", lambda s: f"{s.stats.peak_own_mib:.0f}"),
        ("peak RSS browser (MiB)", lambda s: f"{s.stats.peak_children_mib:.0f}"),
        ("peak RSS total (MiB)", lambda s: f"{s.stats.peak_total_mib:.0f}"),
        ("peak descendants", lambda s: f"{s.stats.peak_processes}"),
        ("axe violation nodes", lambda s: f"{len(s.violations)}"),
    ]
    for label, cell in rows:
        print(f"{label:<24}" + "".join(f"{cell(s):>18}" for s in sides))
    if len(r.order) > 2:
        print("runs in order (wall s / CPU s): " + ", ".join(
            f"{name} {s.stats.wall_s:.1f}/{s.stats.cpu_s:.0f}" for name, s in r.ordered_runs()))
    if r.bare:
        pairs = "  single runs: " + ", ".join(f"{p:.2f}×" for p in r.pair_ratios) if len(r.pair_ratios) > 1 else ""
        print(f"ratio tool/bare wall: {r.ratio:.2f}× (target ≤ {TARGET_RATIO}×){pairs}   "
              f"speed-up bare/tool: {1 / r.ratio if r.ratio else 0:.2f}×")
        if r.cpu_ratio:
            print(f"ratio tool/bare CPU time: {r.cpu_ratio:.2f}× (the work done; the wall ratio is the goal)")
        if r.floor_ratio:
            print(f"ratio floor/bare wall: {r.floor_ratio:.2f}× (load + axe only, shaped like the tool: "
                  f"the least the tool's ratio could be without changing what axe checks)")
        print(f"bare loop: browser launch {r.bare.notes.get('launch_s', 0):.1f}s, "
              f"loop {r.bare.notes.get('loop_s', 0):.1f}s")
    if r.floor_differs:
        print("floor: its axe violations DIFFER from the bare loop's (its numbers are not comparable)")
    print(f"a11y-l10n scan: results.json duration {r.tool.notes.get('duration_s')}s, "
          f"exit code {r.tool.stats.exit_code}")
    print("per-URL stage means (s); the tool keeps several pages in flight, so its stages overlap:")
    for s in sides:
        if s.stage_means_s:
            print(f"  {s.name:<16} {_stages(s)}")
    if r.tool.check_means_ms:
        total = sum(r.tool.check_means_ms.values())
        print(f"page checks, ms of Python per URL (total {total:.1f}): "
              + "  ".join(f"{c} {ms:.2f}" for c, ms in r.tool.check_means_ms.items()))
    _print_verdict(r)


def _print_verdict(r: Round) -> None:
    for s in (r.bare, r.tool):
        if s and s.error:
            print(f"FAILED {s.name}: {s.error}")
            for line in s.notes.get("target_errors", [])[:10]:
                print(f"  {line}")
    if not r.bare or r.failed:
        return
    if not (r.only_bare or r.only_tool):
        print(f"axe violations: identical ({len(r.tool.violations)} (url, rule, node) entries)")
        return
    print(f"axe violations DIFFER: {len(r.only_bare)} only in the bare loop, {len(r.only_tool)} only in the tool")
    for label, diff in (("bare only", r.only_bare), ("tool only", r.only_tool)):
        for url, rule, selector in sorted(diff)[:20]:
            print(f"  {label}: {url}  {rule}  {selector}")


def print_profiles(rounds: list[Round]) -> None:
    """The goal holds per profile: one line each, so neither can hide behind the other."""
    print(f"\nratio tool/bare wall time per profile (target ≤ {TARGET_RATIO}×; summed over each one's runs)")
    for r in rounds:
        tool_s, bare_s = wall_s(r.tool_runs), wall_s(r.bare_runs)
        verdict = "FAILED (see above)" if r.failed else (
            f"{r.ratio:.2f}× ({tool_s:.1f}s / {bare_s:.1f}s, {len(r.tool_runs)} run(s) each)" if r.bare and r.ratio
            else "tool only")
        if r.floor_ratio and not r.failed:
            verdict += f"; floor {r.floor_ratio:.2f}×"
        print(f"  {r.profile:<8} N = {r.n_pages:<4} {r.urls:>5} URLs  {verdict}")


def print_curve(rounds: list[Round]) -> None:
    print("\nwall time by size (s/URL = wall / URLs)")
    print(f"{'profile':<8} {'N':>5} {'URLs':>6} {'bare s':>9} {'bare s/URL':>11} {'tool s':>9} {'tool s/URL':>11} "
          f"{'ratio':>7}")
    for r in rounds:
        if r.failed:
            print(f"{r.profile:<8} {r.n_pages:>5} {r.urls:>6}  FAILED (see above)")
            continue
        bare_s = statistics.fmean(s.stats.wall_s for s in r.bare_runs) if r.bare_runs else 0.0
        tool_s = statistics.fmean(s.stats.wall_s for s in r.tool_runs)
        bare = f"{bare_s:9.1f} {bare_s / r.urls:11.3f}" if r.bare_runs else f"{'-':>9} {'-':>11}"
        ratio = f"{r.ratio:7.2f}" if r.ratio else f"{'-':>7}"
        print(f"{r.profile:<8} {r.n_pages:>5} {r.urls:>6} {bare} {tool_s:9.1f} "
              f"{tool_s / r.urls:11.3f} {ratio}")


def print_memory(rounds: list[Round]) -> None:
    print("\npeak RSS of a11y-l10n scan by size (MiB)")
    print(f"{'profile':<8} {'N':>5} {'URLs':>6} {'wall s':>8} {'tool':>8} {'browser':>9} {'total':>8} "
          f"{'processes':>10}")
    rounds = [r for r in rounds if not r.failed]  # a failed round's peaks mean nothing
    for r in rounds:
        s = r.tool.stats
        print(f"{r.profile:<8} {r.n_pages:>5} {r.urls:>6} {s.wall_s:8.1f} {s.peak_own_mib:8.0f} "
              f"{s.peak_children_mib:9.0f} {s.peak_total_mib:8.0f} {s.peak_processes:>10}")
    for profile in dict.fromkeys(r.profile for r in rounds):
        same = [r for r in rounds if r.profile == profile]
        if len(same) >= 2:
            a, b = same[0].tool.stats, same[-1].tool.stats
            print(f"{profile}: growth N={same[0].n_pages} → N={same[-1].n_pages}: "
                  f"tool ×{b.peak_own_mib / a.peak_own_mib:.2f}, "
                  f"browser ×{b.peak_children_mib / a.peak_children_mib:.2f}, "
                  f"total ×{b.peak_total_mib / a.peak_total_mib:.2f} (flat ≈ ×1.0)")


def write_json(kind: str, rounds: list[Round], args: argparse.Namespace) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = REPORT_DIR / f"bench-{stamp}.json"
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    doc = {"kind": kind, "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
           "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
           "chromium": args.chromium, "axe_tags": list(AXE_TAGS), "tool_args": args.tool_arg,
           "run_settings": args.run_setting,
           "target_ratio": TARGET_RATIO, "profiles": sorted({r.profile for r in rounds}),
           "rounds": [r.to_json() for r in rounds]}
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = p.add_mutually_exclusive_group()
    p.add_argument("--pages", type=int, default=DEFAULT_PAGES, metavar="N",
                   help=f"pages per locale; URLs = N × locales (sample 4, content 3) (default {DEFAULT_PAGES})")
    mode.add_argument("--curve", type=int, nargs="*", metavar="N",
                      help="wall time of both for several N (default 10 50 200; 200 = 800 URLs, takes a while)")
    mode.add_argument("--memory", type=int, nargs="*", metavar="N",
                      help="the tool only, peak RSS for several N (default 25 100)")
    p.add_argument("--profile", choices=[*PROFILES, "both"], default="both",
                   help="sample: the sample site (4 locales); content: long documentation articles with tables "
                        "and code blocks (3 locales); both (default): one after the other, a ratio for each")
    p.add_argument("--skip-bare", action="store_true", help="run the tool only (quick checks)")
    p.add_argument("--run-setting", action="append", default=[], metavar="KEY=VALUE", type=_toml_line,
                   help="a [run] setting for the tool's config (repeatable; TOML value), e.g. screenshots=false; "
                        "without any the tool's defaults are measured")
    p.add_argument("--floor", action="store_true",
                   help="also run the floor (benchmarks/floor_loop.py): load + axe only, with the tool's "
                        "concurrency, page reuse and axe options; shows how much of the tool's time is axe's")
    p.add_argument("--repeat", type=int, default=None, metavar="K",
                   help=f"runs of each contestant per round, taking turns bare, tool, tool, bare, … "
                        f"(default {DEFAULT_REPEAT} when comparing, else 1)")
    p.add_argument("--tool-arg", action="append", default=[], metavar="ARG",
                   help="extra argument for `a11y-l10n scan` (repeatable), e.g. --tool-arg=--fail-on=never")
    p.add_argument("--chromium", default=os.environ.get("A11Y_L10N_CHROMIUM", "/usr/bin/chromium"),
                   help="browser binary for both contestants (default: $A11Y_L10N_CHROMIUM or /usr/bin/chromium)")
    p.add_argument("--keep", action="store_true", help="keep the generated sites and tool output (prints where)")
    args = p.parse_args(argv)
    if args.curve == []:
        args.curve = list(CURVE_SIZES)
    if args.memory == []:
        args.memory = list(MEMORY_SIZES)
    if any(n < 1 for n in [args.pages, *(args.curve or []), *(args.memory or [])]):
        p.error("page counts must be at least 1")
    if args.repeat is None:
        args.repeat = DEFAULT_REPEAT if not (args.curve or args.memory or args.skip_bare) else 1
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def _toml_line(text: str) -> str:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise argparse.ArgumentTypeError(f"not a TOML key = value line: {text!r} ({exc})") from exc
    return text


def _exit_code(rounds: list[Round]) -> int:
    if any(r.failed for r in rounds):
        return 2
    return 1 if any(r.only_bare or r.only_tool or r.floor_differs for r in rounds) else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    kind, sizes, bare = "compare", [args.pages], not args.skip_bare
    if args.curve:
        kind, sizes = "curve", args.curve
    elif args.memory:
        kind, sizes, bare = "memory", args.memory, False
    clock = Clock()
    work_root = Path(tempfile.mkdtemp(prefix="a11y-bench-"))
    rounds: list[Round] = []
    profiles = PROFILES if args.profile == "both" else (args.profile,)
    try:
        for profile in profiles:
            for n in sizes:
                rounds.append(run_round(n, work_root, args, clock, bare, profile))
                print_round(rounds[-1])
    finally:
        if args.keep:
            clock.say(f"kept the generated sites and tool output in {work_root}")
        else:
            shutil.rmtree(work_root, ignore_errors=True)
    if kind == "compare":
        print_profiles(rounds)
    if kind == "curve":
        print_curve(rounds)
    elif kind == "memory":
        print_memory(rounds)
    print(f"\nwrote {write_json(kind, rounds, args).relative_to(ROOT)}")
    return _exit_code(rounds)


if __name__ == "__main__":
    raise SystemExit(main())
