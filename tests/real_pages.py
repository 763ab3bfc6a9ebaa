"""The real-page fixture set (tests/fixtures/real_pages, see SOURCE.md there) and its scoring.

Used by tests/test_real_pages.py, and runnable by hand to score any saved run of the fixture set,
or to refresh the saved artifacts (artifacts.json.gz: what Chromium gathered from the set, so the
checks can be measured without a browser) from a scan of each of the two configs:

    python -m tests.real_pages reports/latest/results.json [more results.json ...]
    python -m tests.real_pages --save-artifacts RUN_DIR_OF_MAIN RUN_DIR_OF_ARABIC

Scoring of `untranslated-text`: a finding is *true* when its text is part of a planted sentence
(planted.json) or one of the reviewed upstream leftovers (labels.json, "untranslated": English
left on a translated page by its upstream translators); every other finding is *false*. Recall is
over the planted sentences: one is found when some finding on its page and locale is part of it.
A finding *in code* (its element is or is inside <code>, <pre>, <kbd>, <samp> or <var>) is always
false.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REAL_PAGES = Path(__file__).parent / "fixtures" / "real_pages"
SITE = REAL_PAGES / "site"
SAVED = REAL_PAGES / "artifacts.json.gz"
# Not needed by the text checks, and most of the size: kept out of the saved artifacts.
_UNSAVED_RUN_KEYS = ("box", "font_family", "font_size")
CHECK = "untranslated-text"
_CODE_TAGS = re.compile(r"(?:^|[\s>])(?:code|pre|kbd|samp|var)(?:[:.#\[\s]|$)")
_CODE_SNIPPET = re.compile(r"^<(?:code|pre|kbd|samp|var)\b")

# Two configs because only one page has an Arabic translation upstream.
SETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "main": (("command-line", "algorithms", "linked-list", "doubly-linked-list", "dijkstra"), ("en", "es", "zh")),
    "arabic": (("algorithms",), ("en", "ar")),
}
_LOCALE_TOML = {"en": "", "es": "", "zh": 'lang = "zh-Hans"\n', "ar": ""}


def write_config(path: Path, base_url: str, name: str) -> Path:
    pages, locales = SETS[name]
    text = f'source_locale = "en"\n[site]\nbase_url = "{base_url}"\n[pages]\n'
    text += "".join(f'{p} = "{p}.html"\n' for p in pages)
    text += "".join(f'[locales.{loc}]\nurl = "{{base_url}}/{loc}/{{path}}"\n{_LOCALE_TOML[loc]}' for loc in locales)
    # Long pages on a shared 2-core machine: axe alone took over a minute on the longest one.
    text += '[run]\nscreenshots = false\npage_timeout = 300\n'
    path.write_text(text, encoding="utf-8")
    return path


def save_artifacts(run_dirs: dict[str, Path]) -> None:
    data: dict[str, list[dict[str, Any]]] = {}
    for name, run_dir in run_dirs.items():
        arts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((run_dir / "artifacts").glob("*.json"))]
        for art in arts:
            art["axe"], art["screenshot"], art["timings"] = {}, "", {}
            for run in art["text_runs"]:
                for key in _UNSAVED_RUN_KEYS:
                    run.pop(key, None)
        data[name] = arts
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    SAVED.write_bytes(gzip.compress(raw, mtime=0))


def saved_artifacts() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = json.loads(gzip.decompress(SAVED.read_bytes()))
    return data


def _norm(text: str) -> str:
    return " ".join(text.split())


def planted() -> list[dict[str, str]]:
    items: list[dict[str, str]] = json.loads((REAL_PAGES / "planted.json").read_text(encoding="utf-8"))
    return items


def labels() -> dict[str, list[dict[str, str]]]:
    data: dict[str, list[dict[str, str]]] = json.loads((REAL_PAGES / "labels.json").read_text(encoding="utf-8"))
    return data


def in_code(finding: dict[str, Any]) -> bool:
    return bool(_CODE_TAGS.search(finding.get("selector", "")) or _CODE_SNIPPET.match(finding.get("snippet", "")))


@dataclass
class Score:
    findings: int = 0
    true: int = 0
    in_code: int = 0
    planted: int = 0
    planted_found: int = 0
    missed: list[dict[str, str]] = field(default_factory=list)
    false: list[tuple[str, str, str]] = field(default_factory=list)  # (page, locale, text)

    @property
    def precision(self) -> float:
        return self.true / self.findings if self.findings else 1.0

    @property
    def recall(self) -> float:
        return self.planted_found / self.planted if self.planted else 1.0

    def line(self) -> str:
        return (f"untranslated-text: {self.findings} findings, {self.true} true, {len(self.false)} false, "
                f"{self.in_code} in code; precision {self.precision:.3f}; recall {self.planted_found}/"
                f"{self.planted} = {self.recall:.3f}")


def _part_of(text: str, whole: str) -> bool:
    # Whole words only: "pip" from a code block is not part of "pipes".
    return bool(text) and re.search(rf"(?<!\w){re.escape(_norm(text))}(?!\w)", _norm(whole)) is not None


def score(targets: Iterable[dict[str, Any]]) -> Score:
    """Score the `untranslated-text` findings of results.json targets (of one or more runs)."""
    plants = planted()
    reviewed = labels()["untranslated"]
    s = Score(planted=len(plants))
    found_plants: set[int] = set()
    for target in targets:
        page, locale = target["page"], target["locale"]
        findings = target.get("findings", [])
        # A page mostly in the source language reports once (content-language, scope "page") and
        # keeps its untranslated-text findings in details.grouped: they still count here.
        findings = [*findings, *(g for f in findings for g in f.get("details", {}).get("grouped", []))]
        for f in findings:
            if f["check"] != CHECK:
                continue
            text = f["details"].get("text", "")
            s.findings += 1
            code = in_code(f)
            s.in_code += code
            hits = [i for i, p in enumerate(plants)  # text in code is never a translator's miss
                    if not code and (p["page"], p["locale"]) == (page, locale) and _part_of(text, p["text"])]
            found_plants.update(hits)
            if hits or (not code and any((r["page"], r["locale"]) == (page, locale)
                                         and _norm(r["text"]) == _norm(text) for r in reviewed)):
                s.true += 1
            else:
                s.false.append((page, locale, text))
    s.planted_found = len(found_plants)
    s.missed = [p for i, p in enumerate(plants) if i not in found_plants]
    return s


def main(paths: list[str]) -> int:
    if paths[:1] == ["--save-artifacts"]:
        save_artifacts(dict(zip(SETS, (Path(p) for p in paths[1:]), strict=True)))
        return 0
    targets = [t for p in paths for t in json.loads(Path(p).read_text(encoding="utf-8"))["targets"]]
    s = score(targets)
    print(s.line())
    for page, locale, text in s.false:
        print(f"  false: {page}/{locale}: {text[:100]!r}")
    for p in s.missed:
        print(f"  missed: {p['page']}/{p['locale']}: {p['text'][:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
