"""plan targets -> gather artifacts -> run checks -> build the results object -> write outputs.

Each step is a plain function so it can be run and tested on its own; the CLI strings them
together. Only `gather_run` touches a browser.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from pipeline import __version__
from pipeline.catalog_formats import find_catalog, read_any_catalog
from pipeline.catalogs import CatalogError, catalog_path, catalog_stats
from pipeline.checks.axe_locales import tag_locales
from pipeline.checks.base import PageContext
from pipeline.checks.catalog import run_catalog_checks
from pipeline.checks.catalog_quality import settings_from_config
from pipeline.checks.registry import apply_config, run_page_checks
from pipeline.config import Config, ConfigError, LocaleConfig, line_of
from pipeline.finish import FinishOptions
from pipeline.model import SEVERITIES, CatalogArtifact, Finding, PageArtifact, Target, dumps, severity_rank
from pipeline.plan import Plan, allowed_origins, make_plan, print_plan
from pipeline.progress import Progress as Progress  # re-exported: callers import it from here
from pipeline.report.atomic import atomic_write_text
from pipeline.report.names import safe_name
from pipeline.report.text import reveal_console
from pipeline.shard import Shard
from pipeline.wordcount import word_fields

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3




def new_run_dir(out_root: Path) -> tuple[str, Path]:
    if out_root.exists() and not out_root.is_dir():
        raise ConfigError(str(out_root), 0, "--out must be a directory (it is a file); pass a directory path")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    run_id, n = stamp, 1
    while (out_root / run_id).exists():
        n += 1
        run_id = f"{stamp}-{n}"
    run_dir = out_root / run_id
    run_dir.mkdir(parents=True)
    return run_id, run_dir


def point_latest(out_root: Path, run_dir: Path) -> None:
    """Atomically repoint out_root/latest at the newest run (relative symlink)."""
    link = out_root / "latest"
    tmp = out_root / f".latest-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        tmp.symlink_to(run_dir.name, target_is_directory=True)
        os.replace(tmp, link)
    except OSError:
        # Filesystems without symlinks: leave a pointer file instead.
        atomic_write_text(out_root / "LATEST", run_dir.name + "\n")


# ---------------------------------------------------------------- catalogs

def _po_candidates(loc: LocaleConfig) -> list[str]:
    names = [loc.code, loc.code.replace("-", "_"), loc.lang, loc.lang.replace("-", "_")]
    return list(dict.fromkeys(names))


def load_catalogs(config: Config) -> list[CatalogArtifact]:
    """Read each non-source locale's PO (raises CatalogError on unreadable input)."""
    if config.catalog_dir is None:
        return []
    template = config.catalog_dir / f"{config.catalog_domain}.pot"
    out = []
    # PO, XLIFF or i18next JSON ([catalogs] format, else detected): see pipeline/catalog_formats.
    source_hit = find_catalog(config.catalog_dir, _po_candidates(config.locale(config.source_locale)),
                              config.catalog_domain, config.catalog_format)
    for loc in config.locales:
        hit = find_catalog(config.catalog_dir, _po_candidates(loc), config.catalog_domain, config.catalog_format)
        if hit is not None and hit[1] == "i18next" and loc.code == config.source_locale:
            continue  # the source locale's JSON holds the msgids, it is no translation
        if hit is None:
            if loc.code == config.source_locale:
                continue
            raise CatalogError(str(config.catalog_dir), 0,
                               f"no catalog for locale '{loc.code}' (looked for "
                               f"{catalog_path(config.catalog_dir, loc.code, config.catalog_domain)}); "
                               "add it or fix [catalogs]")
        found, fmt = hit
        # Read under the path people should see in messages (relative to the working dir when inside it).
        out.append(read_any_catalog(Path(_display_path(str(found))), loc.code, fmt,
                                    template=template if template.is_file() else None,
                                    source=source_hit[0] if source_hit is not None else None))
    return out


def catalog_entry(artifact: CatalogArtifact, config: Config) -> dict[str, Any]:
    stats = catalog_stats(artifact)
    findings = apply_config(run_catalog_checks(artifact, settings=settings_from_config(config)), config)
    return {
        "locale": artifact.locale, "path": artifact.path,
        "total": stats.total, "translated": stats.translated, "fuzzy": stats.fuzzy,
        "untranslated": stats.untranslated, "obsolete": stats.obsolete, "percent": stats.percent,
        "plural_forms": artifact.plural_forms,
        "findings": [f.to_dict() for f in findings],
        **word_fields(artifact),
    }


def _display_path(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


# ---------------------------------------------------------------- gather

async def gather_run(config: Config, targets: list[Target], run_dir: Path, progress: Progress,
                     sink: Callable[[PageArtifact], None], done_before: int = 0,
                     origins: frozenset[str] = frozenset(), base_url: str = "") -> tuple[dict[str, str], bool]:
    """Gather every target, handing each artifact to `sink` as it is saved (nothing is kept here).

    Returns engine facts and whether a stop signal came.
    """
    import signal

    from playwright.async_api import async_playwright

    from pipeline.checks.registry import warm_up_checks
    from pipeline.gather.gatherer import AXE_VERSION, Gatherer, gather_all

    warm_up_checks(config)
    done = done_before
    total = len(targets) + done_before

    def keep(art: PageArtifact) -> None:
        save_artifact(art, run_dir)
        sink(art)

    # Saving an artifact and checking a finished page group is Python work of up to a few hundred
    # milliseconds; on one worker thread (in order, never two at once) the event loop meanwhile
    # keeps driving the pages in flight instead of leaving them idle.
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="a11y-l10n-checks")

    async def on_done(art: PageArtifact) -> None:
        nonlocal done
        await asyncio.get_running_loop().run_in_executor(worker, keep, art)
        done += 1
        retried = f" (attempt {art.attempts})" if art.attempts > 1 else ""
        key = reveal_console(art.key)  # page ids come from configs; never let them drive the terminal
        if art.status == "ok":
            n = sum(len(v.get("nodes", [])) for v in art.axe.get("violations", []))
            took = sum(art.timings.values())
            progress.step(done, total, f"[{done:>3}/{total}] {key:<28} ok    {took:4.1f}s  axe: {n} violation node(s)"
                          f"{retried}", label=key)
        else:
            progress.step(done, total, f"[{done:>3}/{total}] {key:<28} ERROR {reveal_console(art.error)}{retried}",
                          ok=False, label=key)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal(signame: str) -> None:
        if not stop.is_set():
            progress.say(f"{signame}: stopping; writing the report of what was done (marked incomplete)")
        stop.set()

    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, on_signal, sig.name)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread or not supported: no graceful stop, still correct
    try:
        async with async_playwright() as pw:
            gatherer = Gatherer(pw, config, run_dir, deadline=time.monotonic() + config.run_timeout_s,
                                origins=origins, base_url=base_url)
            browser = await gatherer.start()
            choice = gatherer.choice
            engine = {"axe": AXE_VERSION, "browser": f"Chromium {browser.version}",
                      "browser_source": choice.source if choice else "",
                      "browser_path": (choice.executable if choice else None) or "playwright"}
            progress.say(f"browser: Chromium {browser.version} ({engine['browser_source']}: "
                         f"{engine['browser_path']}), axe {engine['axe']}, {config.concurrency} page(s) at a time")
            try:
                progress.begin(total, done_before)
                await gather_all(gatherer, targets, config.concurrency, on_done, stop)
            finally:
                await gatherer.close()
            if gatherer.launches > 1:
                progress.say(f"the browser was relaunched {gatherer.launches - 1} time(s) after it died")
                engine["browser_relaunches"] = str(gatherer.launches - 1)
    finally:
        worker.shutdown(wait=True)
        for sig in installed:
            loop.remove_signal_handler(sig)
    return engine, stop.is_set()


def save_artifact(art: PageArtifact, run_dir: Path) -> None:
    path = run_dir / "artifacts" / f"{safe_name(art.page, art.locale)}.json"
    atomic_write_text(path, dumps(art))


def load_artifacts(run_dir: Path) -> list[PageArtifact]:
    out = []
    for p in sorted((run_dir / "artifacts").glob("*.json")):
        out.append(PageArtifact.from_dict(json.loads(p.read_text(encoding="utf-8"))))
    return out


# ---------------------------------------------------------------- check + results

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
        self.entries.extend(_target_entry(art, checked[art.locale], costs.get(art.locale)) for art in group)

    def finish(self) -> list[dict[str, Any]]:
        for page in list(self.pending):
            self._flush(page)
        return self.entries


def _target_entry(art: PageArtifact, findings: list[Finding], check_costs: dict[str, float] | None = None
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


def summarize(results: dict[str, Any]) -> dict[str, Any]:
    """(Re)compute summary, completeness and exit code from targets + catalogs, in place.

    The one place these numbers come from, so a scan, a recheck and a merge of shards agree.
    """
    targets, catalogs = results["targets"], results["catalogs"]
    all_findings = [f for t in targets for f in t["findings"]] + [f for c in catalogs for f in c["findings"]]
    by_sev = {s: 0 for s in reversed(SEVERITIES)}
    by_check: dict[str, int] = {}
    for f in all_findings:
        by_sev[f["severity"]] = by_sev.get(f["severity"], 0) + 1
        by_check[f["check"]] = by_check.get(f["check"], 0) + 1
    fail_on = results["fail_on"]
    threshold = severity_rank(fail_on) if fail_on != "never" else len(SEVERITIES)
    # With a baseline only new findings gate (pipeline/baseline.py marks the known ones).
    failing = sum(1 for f in all_findings if severity_rank(f["severity"]) >= threshold and f.get("baseline") != "known")
    errors = sum(1 for t in targets if t["status"] == "error")
    complete = bool(results.get("complete", True)) and errors == 0
    results["complete"] = complete
    results["exit_code"] = EXIT_INCOMPLETE if not complete else (EXIT_FINDINGS if failing else EXIT_OK)
    results["summary"] = {
        "targets": len(targets), "errors": errors, "failing_findings": failing,
        "needs_review": sum(len(t["needs_review"]) for t in targets),
        "by_severity": by_sev, "by_check": dict(sorted(by_check.items())),
    }
    if "baseline" in results:
        from pipeline.baseline import counts

        results["summary"]["baseline"] = counts(results)
    return results


def build_results(config: Config, target_entries: list[dict[str, Any]],
                  catalog_entries: list[dict[str, Any]], *, run_id: str, started: datetime,
                  engine: dict[str, str], complete: bool = True) -> dict[str, Any]:
    order = {(p, loc.code): i
             for i, (p, loc) in enumerate((p, loc) for p, _ in config.pages for loc in config.locales)}
    ordered = sorted(target_entries, key=lambda t: order.get((t["page"], t["locale"]), len(order)))
    finished = datetime.now(UTC)
    results: dict[str, Any] = {
        "schema_version": 1,
        "tool": {"name": "a11y-l10n", "version": __version__},
        "run_id": run_id,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
        "duration_s": round((finished - started).total_seconds(), 2),
        "complete": complete,
        "engine": engine,
        "config_path": _display_path(config.path),
        "fail_on": config.fail_on,
        "exit_code": EXIT_OK,
        "source_locale": config.source_locale,
        "pages": [p for p, _ in config.pages],
        "locales": [{"code": loc.code, "lang": loc.lang, "dir": loc.dir} for loc in config.locales],
        "summary": {},
        "targets": ordered,
        "catalogs": catalog_entries,
    }
    return summarize(results)


# ---------------------------------------------------------------- whole runs

@dataclass(frozen=True)
class RunOutput:
    results: dict[str, Any]
    run_dir: Path
    index: Path

    @property
    def exit_code(self) -> int:
        return int(self.results["exit_code"])


@contextlib.contextmanager
def site_base_url(config: Config) -> Iterator[str]:
    if config.base_url is not None:
        yield config.base_url
        return
    from pipeline.sample_site.server import serve_sample_site

    with serve_sample_site() as url:
        yield url


def write_outputs(results: dict[str, Any], run_dir: Path, out_root: Path | None,
                  finish: FinishOptions | None = None) -> Path:
    from pipeline.finish import finish_run

    final, index = finish_run(results, run_dir, finish)
    results.update(final)  # callers hold this dict: let them see the baseline marks and trend
    if out_root is not None:
        point_latest(out_root, run_dir)
    return index


def check_reachable(config: Config, base_url: str, timeout: float = 10.0) -> None:
    """Fail fast (exit 2) when the site cannot be reached at all, before launching a browser.

    Any HTTP answer, even 404 or 500, counts as reachable: only the connection matters here.
    """
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(urllib.request.Request(base_url, method="GET"), timeout=timeout):
            pass
    except urllib.error.HTTPError:
        return
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        text = Path(config.path).read_text(encoding="utf-8", errors="replace") if Path(config.path).is_file() else ""
        message = f"site.base_url {base_url} is unreachable ({reason}); start the site or fix the URL"
        raise ConfigError(config.path, line_of(text, ("site", "base_url")), message) from None


def unchanged_targets(config: Config, targets: list[Target], base_url: str, previous_dir: Path,
                      run_dir: Path, progress: Progress) -> list[PageArtifact]:
    """Artifacts of the previous run whose target still fingerprints the same (reused as-is)."""
    from concurrent.futures import ThreadPoolExecutor

    from pipeline.gather.fingerprint import AssetCache, fetch, fingerprint, settings_fingerprint
    from pipeline.gather.gatherer import gather_settings

    if config.auth.configured:
        # The fingerprint fetch cannot log in: it would compare the login page with itself and reuse stale pages.
        progress.say("incremental: not used with storage_state/headers/cookies; scanning everything")
        return []
    old = {(a.page, a.locale): a for a in load_artifacts(previous_dir) if a.status == "ok" and a.fingerprint}
    candidates = [t for t in targets if (t.page, t.locale) in old]
    settings_fp = settings_fingerprint(gather_settings(config))
    assets = AssetCache()

    def current(t: Target) -> str:
        loc = config.locale(t.locale)
        try:
            html = fetch(t.url, {"Accept-Language": loc.accept_language})
        except OSError:
            return ""
        return fingerprint(html, t.url, base_url, settings_fp, assets.digest)

    with ThreadPoolExecutor(max_workers=8) as pool:
        fingerprints = list(pool.map(current, candidates))
    reused = []
    for t, fp in zip(candidates, fingerprints, strict=True):
        art = old[(t.page, t.locale)]
        if fp and fp == art.fingerprint:
            if art.screenshot and (previous_dir / art.screenshot).is_file():
                (run_dir / art.screenshot).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(previous_dir / art.screenshot, run_dir / art.screenshot)
            art = replace(art, url=t.url, final_url=t.url, missing_locales=t.missing_locales)
            save_artifact(art, run_dir)
            reused.append(art)
    progress.say(f"incremental: {len(reused)} of {len(targets)} target(s) unchanged since "
                 f"{previous_dir.name}; scanning {len(targets) - len(reused)}")
    return reused


def _previous_engine(run_dir: Path) -> dict[str, str]:
    prev = run_dir / "results.json"
    if prev.is_file():
        engine: dict[str, str] = json.loads(prev.read_text(encoding="utf-8")).get("engine", {})
        return engine
    return {}


def run_scan(config: Config, out_root: Path, progress: Progress, resume: Path | None = None,
             shard: Shard | None = None, incremental: bool = False, finish: FinishOptions | None = None) -> RunOutput:
    """Scan every target. With `resume`, reuse that run's finished targets and do only the rest."""
    started = datetime.now(UTC)
    catalogs = load_catalogs(config)  # bad catalogs fail fast, before any browser work
    previous: list[PageArtifact] = []
    with site_base_url(config) as base_url:
        plan = make_plan(config, base_url, progress.say)  # scope errors before any page is loaded
        config, planned = plan.config, list(plan.targets)
        plan.report_warnings(progress.say)
        if shard is not None:
            position = {page: i for i, (page, _) in enumerate(config.pages)}
            planned = [t for t in planned if shard.owns(position[t.page])]
        check_reachable(config, base_url)
        if resume is not None:
            run_dir, run_id = resume, resume.resolve().name
            wanted = {(p, loc.code) for p, _ in config.pages for loc in config.locales}
            previous = [a for a in load_artifacts(run_dir) if a.status == "ok" and (a.page, a.locale) in wanted]
        else:
            if not incremental:  # an incremental run may need no browser at all
                from pipeline.gather.browser import preflight

                preflight(config.browser_executable)  # no browser: fail before the run directory exists
            run_id, run_dir = new_run_dir(out_root)
        latest = out_root / "latest"
        if incremental and resume is None:
            if (latest / "artifacts").is_dir():
                previous = unchanged_targets(config, planned, base_url, latest.resolve(), run_dir, progress)
            else:
                progress.say("incremental: no previous run in " f"{out_root}; scanning everything")
        done = {(a.page, a.locale) for a in previous}
        targets = [t for t in planned if (t.page, t.locale) not in done]
        progress.say(f"scan: {len(config.pages)} page(s) × {len(config.locales)} locale(s)"
                     + (f", shard {shard}" if shard else "")
                     + f" = {len(targets) + len(done)} target(s) on {base_url} → {run_dir}"
                     + (f" ({len(done)} reused, {len(targets)} to scan)" if done else ""))
        checker = StreamingChecker(config, catalogs, expected=planned)
        for art in previous:
            checker.add(art)
        del previous  # the checker holds what it still needs
        if targets:
            engine, interrupted = asyncio.run(gather_run(
                config, targets, run_dir, progress, checker.add, len(done), allowed_origins(config, base_url),
                base_url))
        else:  # everything reused: no browser needed
            engine, interrupted = _previous_engine(resume or out_root / "latest"), False
    progress.say("checking catalogs and writing the report")
    entries = [catalog_entry(c, config) for c in catalogs]
    results = build_results(config, checker.finish(), entries, run_id=run_id, started=started, engine=engine,
                            complete=not interrupted)
    results["interrupted"] = interrupted
    if config.discover is not None:
        results["discovery"] = plan.summary()
    if shard is not None:
        results["shard"] = str(shard)
    index = write_outputs(results, run_dir, out_root if resume is None else None, finish)
    return RunOutput(results, run_dir, index)


def run_discover(config: Config, out: TextIO, progress: Progress) -> Plan:
    """`a11y-l10n discover`: print what a scan would load, without loading it."""
    with site_base_url(config) as base_url:
        plan = make_plan(config, base_url, progress.say)
    plan.report_warnings(progress.say)
    print_plan(plan, out)
    return plan


def run_merge(run_dirs: list[Path], out_root: Path, progress: Progress,
              finish: FinishOptions | None = None) -> RunOutput:
    from pipeline.shard import merge_dirs

    run_id, run_dir = new_run_dir(out_root)
    progress.say(f"merge: {len(run_dirs)} run(s) → {run_dir}")
    results = summarize(merge_dirs(run_dirs, run_dir, run_id=run_id))
    index = write_outputs(results, run_dir, out_root, finish)
    return RunOutput(results, run_dir, index)


def run_coverage(config: Config, out_root: Path, progress: Progress,
                 finish: FinishOptions | None = None) -> RunOutput:
    started = datetime.now(UTC)
    catalogs = load_catalogs(config)
    run_id, run_dir = new_run_dir(out_root)
    progress.say(f"coverage: {len(catalogs)} catalog(s) from {config.catalog_dir}")
    entries = [catalog_entry(c, config) for c in catalogs]
    results = build_results(config, [], entries, run_id=run_id, started=started, engine={})
    results["kind"] = "coverage"
    index = write_outputs(results, run_dir, out_root, finish)
    return RunOutput(results, run_dir, index)


def run_recheck(config: Config, artifacts_dir: Path, out_root: Path, progress: Progress,
                finish: FinishOptions | None = None) -> RunOutput:
    """Re-run every check on saved artifacts: no browser, no network."""
    started = datetime.now(UTC)
    artifacts = load_artifacts(artifacts_dir)
    if not artifacts:
        raise FileNotFoundError(f"{artifacts_dir}/artifacts: no saved artifacts; pass a run directory")
    catalogs = load_catalogs(config)
    run_id, run_dir = new_run_dir(out_root)
    for sub in ("artifacts", "screenshots"):
        if (artifacts_dir / sub).is_dir():
            shutil.copytree(artifacts_dir / sub, run_dir / sub)
    progress.say(f"recheck: {len(artifacts)} artifact(s) from {artifacts_dir}")
    checked = check_targets(config, artifacts, catalogs)
    entries = [catalog_entry(c, config) for c in catalogs]
    results = build_results(config, checked, entries, run_id=run_id, started=started,
                            engine=_previous_engine(artifacts_dir))
    index = write_outputs(results, run_dir, out_root, finish)
    return RunOutput(results, run_dir, index)
