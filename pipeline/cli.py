"""Command line: arguments -> config -> one command module (pipeline/commands). The only place that
chooses an exit code.

Exit codes: 0 no finding at or above the fail level; 1 findings at or above it; 2 usage,
config or environment error (one line on stderr); 3 the run is incomplete (a target failed).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pipeline import __version__
from pipeline.catalogs import CatalogError
from pipeline.commands.coverage import run_coverage
from pipeline.commands.discover import run_discover
from pipeline.commands.list_checks import list_checks
from pipeline.commands.merge import run_merge
from pipeline.commands.recheck import run_recheck
from pipeline.commands.report import run_report
from pipeline.commands.scan import ScanOptions, run_scan
from pipeline.config import ConfigError, load_config
from pipeline.files.rundir import RunDirError
from pipeline.model import SEVERITIES
from pipeline.plan.shard import ShardError, parse_shard
from pipeline.progress import Progress
from pipeline.report.publish import RunOutput, load_options
from pipeline.results.baseline import BaselineError
from pipeline.results.build import EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage + message; keep its exit code equal to ours for bad input.
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="a11y-l10n", description="Accessibility and localization checks for "
                     "multilingual websites (real Chromium + axe-core + gettext catalogs).")
    parser.add_argument("--version", action="version", version=f"a11y-l10n {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", metavar="FILE", help="TOML config (default: ./a11y-l10n.toml, then "
                       "[tool.a11y-l10n] in ./pyproject.toml, then the bundled sample site)")
        p.add_argument("--out", metavar="DIR", default="reports",
                       help="output root; each run writes DIR/<run-id>/ and repoints DIR/latest (default: reports)")
        p.add_argument("--fail-on", choices=[*SEVERITIES, "never"],
                       help="lowest severity that fails the run (overrides fail_on in the config)")
        p.add_argument("--quiet", action="store_true", help="no progress lines")
        p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
        baseline_flags(p)

    def baseline_flags(p: argparse.ArgumentParser) -> None:
        p.add_argument("--baseline", metavar="FILE",
                       help="mark findings new or known against this baseline; only new ones fail the run")
        p.add_argument("--update-baseline", metavar="FILE",
                       help="record this run's findings as the baseline in FILE (places not scanned keep "
                            "their entries)")

    scan = sub.add_parser("scan", help="scan every page in every locale and the catalogs")
    common(scan)
    scan.add_argument("--shard", metavar="K/N",
                      help="scan only shard K of N (whole pages, round-robin); combine with `a11y-l10n merge`")
    scan.add_argument("--incremental", action="store_true",
                      help="reuse the artifacts of targets whose HTML, stylesheets, scripts and settings are "
                           "unchanged since the last run in --out (checks still run on all)")
    scan.add_argument("--resume", metavar="RUN_DIR",
                      help="finish an interrupted or incomplete run in RUN_DIR; finished targets are not redone")
    coverage = sub.add_parser("coverage", help="catalog completeness and catalog checks only (no browser)")
    common(coverage)
    coverage.add_argument("--export-missing", metavar="DIR",
                          help="also write DIR/<locale>.po per locale with only the entries that need work "
                               "(untranslated, fuzzy, incomplete plurals, missing from the PO)")
    coverage.add_argument("--results", metavar="FILE",
                          help="a scan's results.json that orders --export-missing by visibility on the site "
                               "(default: the newest scan under --out)")
    recheck = sub.add_parser("recheck", help="re-run the checks on a saved run's artifacts (no browser)")
    recheck.add_argument("run_dir", metavar="RUN_DIR", help="a previous run directory (reports/<run-id>)")
    common(recheck)
    merge = sub.add_parser("merge", help="merge shard run directories into one results.json and report")
    merge.add_argument("run_dirs", metavar="RUN_DIR", nargs="+", help="run directories of the shards")
    merge.add_argument("--out", metavar="DIR", default="reports", help="output root (default: reports)")
    merge.add_argument("--quiet", action="store_true", help="no progress lines")
    merge.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    baseline_flags(merge)
    report = sub.add_parser("report", help="write the HTML report, junit.xml, results.sarif and summary.md "
                            "again from RUN_DIR/results.json")
    report.add_argument("run_dir", metavar="RUN_DIR", help="a run directory (reports/<run-id> or reports/latest)")
    report.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub.add_parser("checks", help="list the check ids")
    discover = sub.add_parser("discover", help="print the pages × locales a scan would load (sitemap, crawl or "
                              "[pages]), without scanning")
    discover.add_argument("--config", metavar="FILE", help="TOML config (looked up like scan's)")
    discover.add_argument("--quiet", action="store_true", help="no progress lines")
    discover.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "checks":
        return list_checks()
    if args.command == "report":
        return run_report(Path(args.run_dir))
    if args.command == "discover":
        run_discover(load_config(args.config), sys.stdout, Progress(quiet=args.quiet))
        return 0
    finish = load_options(args.baseline, args.update_baseline)  # a bad baseline stops here, exit 2
    if args.command == "merge":
        return _finish(run_merge([Path(d) for d in args.run_dirs], Path(args.out), Progress(quiet=args.quiet),
                                 finish), args.quiet)
    config = load_config(args.config)
    if args.fail_on:
        config = replace(config, fail_on=args.fail_on)
    progress = Progress(quiet=args.quiet)
    out_root = Path(args.out)
    output: RunOutput
    if args.command == "scan":
        resume = Path(args.resume) if args.resume else None
        if resume is not None and not (resume / "artifacts").is_dir():
            print(f"error: {resume}: not a run directory (no artifacts/); pass reports/<run-id> of an earlier run",
                  file=sys.stderr)
            return EXIT_USAGE
        options = ScanOptions(resume=resume, shard=parse_shard(args.shard) if args.shard else None,
                              incremental=args.incremental)
        output = run_scan(config, out_root, progress, options, finish)
    elif args.command == "coverage":
        output = run_coverage(config, out_root, progress, finish,
                              export_missing=Path(args.export_missing) if args.export_missing else None,
                              scan_results=args.results)
    else:
        run_dir = Path(args.run_dir)
        if not run_dir.is_dir():
            print(f"{run_dir}: not a directory; pass a previous run directory like reports/latest",
                  file=sys.stderr)
            return EXIT_USAGE
        output = run_recheck(config, run_dir, out_root, progress, finish)

    return _finish(output, args.quiet)


def _finish(output: RunOutput, quiet: bool) -> int:
    from pipeline.report.console import format_summary

    if not quiet:
        print(format_summary(output.results))
    print(f"report: {output.index}", file=sys.stderr)
    return output.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except (ConfigError, CatalogError, ShardError, BaselineError, RunDirError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        from pipeline.gather.browser import BrowserNotFound

        if isinstance(exc, BrowserNotFound | FileNotFoundError):
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(f"error: internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
              file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
