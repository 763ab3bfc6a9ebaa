"""`scan --incremental`: reuse the previous run's artifact of every target whose page still fingerprints the same."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from pipeline.config import Config
from pipeline.files.rundir import load_artifacts, save_artifact
from pipeline.gather.fingerprint import AssetCache, fetch, fingerprint, settings_fingerprint
from pipeline.gather.gatherer import gather_settings
from pipeline.model import PageArtifact, Target
from pipeline.progress import Progress


def unchanged_targets(config: Config, targets: list[Target], base_url: str, previous_dir: Path,
                      run_dir: Path, progress: Progress) -> list[PageArtifact]:
    """Artifacts of the previous run whose target still fingerprints the same (reused as-is)."""
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
