"""Baselines: fail a build only on findings that are new since a recorded run.

Pure functions over plain data (a results dict and a baseline dict); the CLI reads and writes
the file. A finding's identity is its fingerprint: check id + page + locale + a normalised
target + an anchor (the text, attribute or catalog msgid it is about). Line numbers, run ids,
timestamps, ports and nth-child positions are left out, so a rescan of an unchanged site
matches, and so does one where other pages changed, lists were reordered or markup around
the element was restyled.

Matching goes in tiers so a finding survives one kind of change at a time: first the whole
fingerprint; then, for what is left, check + place + anchor (the element moved in the DOM);
then, for axe findings only, check + place + target (the element's markup changed but it is
where it was). Counts matter: three identical links in a baseline cover three, not four.

A baseline finding that matched nothing is "fixed" only where this run looked: a target that
was scanned successfully, or a locale whose catalog was checked. Targets of another shard or
that failed to load prove nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FORMAT_KEY = "a11y_l10n_baseline"
FORMAT_VERSION = 1
NEW, KNOWN = "new", "known"
CATALOG_PAGE = ""  # catalog findings have no page; their place is (file name, locale)

_POSITIONAL = re.compile(
    r":(?:nth-child|nth-last-child|nth-of-type|nth-last-of-type)\([^)]*\)"
    r"|:(?:first-child|last-child|first-of-type|last-of-type|only-child|only-of-type)\b"
)
_COMBINATOR_SPACE = re.compile(r"\s*([>+~])\s*")
_SPACE = re.compile(r"\s+")
# Attributes that say which element it is; class and style are presentation and left out.
_IDENTITY_ATTRS = ("id", "name", "for", "href", "src", "type", "role")
_URL_ATTRS = frozenset({"href", "src"})
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_OPEN_TAG = re.compile(r"<\s*([\w-]+)([^>]*)>?")


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message is one line: file, what, what to do."""


@dataclass(frozen=True)
class Fingerprint:
    check: str
    page: str  # page id; for catalog findings the catalog file name
    locale: str
    target: str  # normalised selector ("" for catalog findings)
    anchor: str  # text, attribute or msgid the finding is about; element identity for axe

    @property
    def id(self) -> str:
        raw = "\x1f".join((self.check, self.page, self.locale, self.target, self.anchor))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]

    @property
    def scope(self) -> tuple[str, str]:
        """Where a run must have looked to call this fingerprint fixed."""
        return (self.page, self.locale)


# ---------------------------------------------------------------- fingerprints

def normalise_selector(selector: str) -> str:
    """A CSS selector without positional pseudo-classes and with canonical spacing."""
    text = _POSITIONAL.sub("", selector)
    text = _COMBINATOR_SPACE.sub(r" \1 ", text)
    return _SPACE.sub(" ", text).strip()


def _url_identity(value: str) -> str:
    # Query strings carry share-URL targets, ports and cache busters; host + path say what it links to.
    parts = urlsplit(value.strip())
    host = parts.hostname or ""
    if host in ("127.0.0.1", "localhost", "::1"):
        host = ""  # a local test server's port changes every run
    return f"{host}{parts.path}"


def markup_identity(snippet: str) -> str:
    """The tag and identifying attributes of an element's opening tag (not class, not style)."""
    match = _OPEN_TAG.search(snippet or "")
    if match is None:
        return ""
    attrs: dict[str, str] = {}
    for name, dq, sq, bare in _ATTR.findall(match.group(2)):
        key = name.lower()
        if key in _IDENTITY_ATTRS and key not in attrs:
            value = dq or sq or bare
            attrs[key] = _url_identity(value) if key in _URL_ATTRS else value
    fields = [match.group(1).lower(), *(f"{k}={attrs[k]}" for k in _IDENTITY_ATTRS if k in attrs)]
    return " ".join(fields)


def _flat(value: object) -> str:
    return _SPACE.sub(" ", value).strip() if isinstance(value, str) else ""


def fingerprint(finding: dict[str, Any]) -> Fingerprint:
    check = str(finding.get("check", ""))
    details = finding.get("details") if isinstance(finding.get("details"), dict) else {}
    assert isinstance(details, dict)
    locale = str(finding.get("locale", ""))
    if finding.get("file") and not finding.get("page"):
        anchor = "\x04".join(p for p in (_flat(details.get("context")), _flat(details.get("msgid")),
                                        _flat(details.get("msgid_plural"))) if p)
        return Fingerprint(check, Path(str(finding["file"]).replace("\\", "/")).name, locale, "", anchor)
    target = normalise_selector(str(finding.get("selector", "")))
    if check.startswith("axe:"):
        anchor = markup_identity(str(finding.get("snippet", "")))
    else:
        anchor = " ".join(p for p in (_flat(details.get("attribute")), _flat(details.get("text"))) if p)
    return Fingerprint(check, str(finding.get("page", "")), locale, target, anchor)


# ---------------------------------------------------------------- results walking

def counted_findings(results: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every finding that counts towards the gate, targets first, then catalogs, in results order."""
    for target in results.get("targets") or []:
        yield from (f for f in target.get("findings") or [] if not f.get("needs_review"))
    for catalog in results.get("catalogs") or []:
        yield from (f for f in catalog.get("findings") or [] if not f.get("needs_review"))


def looked_at(results: dict[str, Any]) -> set[tuple[str, str]]:
    """Scopes this run examined: (page, locale) of targets that loaded, (file name, locale) of catalogs."""
    scopes = {(str(t.get("page")), str(t.get("locale"))) for t in results.get("targets") or []
              if t.get("status") == "ok"}
    for c in results.get("catalogs") or []:
        scopes.add((Path(str(c.get("path", "")).replace("\\", "/")).name, str(c.get("locale"))))
    return scopes


# ---------------------------------------------------------------- the baseline document

def entry(finding: dict[str, Any]) -> dict[str, Any]:
    fp = fingerprint(finding)
    return {"id": fp.id, "check": fp.check, "page": fp.page, "locale": fp.locale, "target": fp.target,
            "anchor": fp.anchor, "severity": str(finding.get("severity", "")),
            "message": str(finding.get("message", ""))}


def _entry_fingerprint(e: dict[str, Any]) -> Fingerprint:
    return Fingerprint(e["check"], e["page"], e["locale"], e["target"], e["anchor"])


def _sort_key(e: dict[str, Any]) -> tuple[str, ...]:
    return (e["page"], e["locale"], e["check"], e["target"], e["anchor"], e["message"])


def record(results: dict[str, Any], previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """A baseline of this run's findings.

    Entries of `previous` in places this run did not look at (another shard's pages, targets
    that failed) are kept, so recording from a partial run never forgets them.
    """
    scopes = looked_at(results)
    kept = [e for e in (previous or {}).get("findings", []) if _entry_fingerprint(e).scope not in scopes]
    entries = kept + [entry(f) for f in counted_findings(results)]
    return {
        FORMAT_KEY: FORMAT_VERSION,
        "run_id": results.get("run_id", ""),
        "recorded_at": results.get("finished_at", ""),
        "tool_version": (results.get("tool") or {}).get("version", ""),
        "findings": sorted(entries, key=_sort_key),
    }


def dumps(baseline: dict[str, Any]) -> str:
    # Sorted and indented: a baseline is meant to be committed, and its diffs read.
    return json.dumps(baseline, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


_ENTRY_FIELDS = ("check", "page", "locale", "target", "anchor")


def parse(text: str, source: str) -> dict[str, Any]:
    """Validate a baseline document; BaselineError (one line) on anything unusable."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{source}:{exc.lineno}: not valid JSON ({exc.msg}); "
                            "record a new one with --update-baseline") from None
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise BaselineError(f"{source}: not an a11y-l10n baseline (no \"{FORMAT_KEY}\" key); "
                            "record one with `a11y-l10n scan --update-baseline FILE`")
    version = data[FORMAT_KEY]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BaselineError(f"{source}: \"{FORMAT_KEY}\" must be a format version number, got {version!r}")
    if version > FORMAT_VERSION:
        raise BaselineError(f"{source}: baseline format {version} is newer than this a11y-l10n reads "
                            f"({FORMAT_VERSION}); upgrade a11y-l10n or record the baseline again")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{source}: \"findings\" must be a list")
    for i, e in enumerate(findings):
        if not isinstance(e, dict):
            raise BaselineError(f"{source}: findings[{i}] must be an object")
        for key in _ENTRY_FIELDS:
            if not isinstance(e.get(key), str):
                raise BaselineError(f"{source}: findings[{i}].{key} must be a string; "
                                    "fix the entry or record the baseline again")
        # A hand-edited entry may leave out what is only there for people to read.
        e["id"] = _entry_fingerprint(e).id
        for key in ("severity", "message"):
            e[key] = str(e.get(key, ""))
    return data


def load(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file; record one with "
                            f"`a11y-l10n scan --update-baseline {path}`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc})") from None
    return parse(text, str(path))


# ---------------------------------------------------------------- matching

_Tier = Callable[[Fingerprint], tuple[str, ...] | None]
_TIERS: tuple[_Tier, ...] = (
    lambda fp: (fp.check, fp.page, fp.locale, fp.target, fp.anchor),
    lambda fp: (fp.check, fp.page, fp.locale, fp.anchor) if fp.anchor else None,
    lambda fp: (fp.check, fp.page, fp.locale, fp.target) if fp.target and fp.check.startswith("axe:") else None,
)


def match(baseline_prints: list[Fingerprint], current: list[Fingerprint]) -> tuple[list[bool], list[int]]:
    """For each current fingerprint whether the baseline knows it; indices of unmatched baseline prints."""
    known = [False] * len(current)
    free = set(range(len(baseline_prints)))
    for tier in _TIERS:
        pool: dict[tuple[str, ...], list[int]] = {}
        for i in sorted(free):
            key = tier(baseline_prints[i])
            if key is not None:
                pool.setdefault(key, []).append(i)
        for j, fp in enumerate(current):
            if known[j]:
                continue
            key = tier(fp)
            candidates = pool.get(key) if key is not None else None
            if candidates:
                free.discard(candidates.pop(0))
                known[j] = True
    return known, sorted(free)


def apply(results: dict[str, Any], baseline: dict[str, Any], source: str = "") -> dict[str, Any]:
    """Mark each counted finding new/known and list the fixed ones; returns a new results dict.

    Marks from an earlier application are replaced. Needs-review items are not marked: they
    never gate.
    """
    out: dict[str, Any] = json.loads(json.dumps(results))  # a deep copy of plain JSON data
    findings = list(counted_findings(out))
    base_entries = list(baseline.get("findings", []))
    known, unmatched = match([_entry_fingerprint(e) for e in base_entries], [fingerprint(f) for f in findings])
    for f, is_known in zip(findings, known, strict=True):
        f["baseline"] = KNOWN if is_known else NEW
    scopes = looked_at(out)
    gone = [base_entries[i] for i in unmatched]
    fixed = [e for e in gone if _entry_fingerprint(e).scope in scopes]
    out["baseline"] = {
        "file": source,
        "run_id": baseline.get("run_id", ""),
        "recorded_at": baseline.get("recorded_at", ""),
        "entries": len(base_entries),
        "fixed": sorted(fixed, key=_sort_key),
        "not_checked": len(gone) - len(fixed),
    }
    return out


def counts(results: dict[str, Any]) -> dict[str, int]:
    marks = [f.get("baseline") for f in counted_findings(results)]
    return {"new": marks.count(NEW), "known": marks.count(KNOWN),
            "fixed": len((results.get("baseline") or {}).get("fixed", []))}


def merge_sections(parts: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """One baseline section for shard runs merged without --baseline.

    Each shard lists what is fixed on its own pages; catalogs are checked by every shard, so
    an entry is counted as often as the shard that saw it most often saw it, not once per shard.
    """
    sections = [p["baseline"] for p in parts if isinstance(p.get("baseline"), dict)]
    if not sections:
        return None
    most: dict[str, list[dict[str, Any]]] = {}
    for section in sections:
        mine: dict[str, list[dict[str, Any]]] = {}
        for e in section.get("fixed", []):
            if isinstance(e, dict) and isinstance(e.get("id"), str):
                mine.setdefault(e["id"], []).append(e)
        for key, items in mine.items():
            if len(items) > len(most.get(key, [])):
                most[key] = items
    merged = {k: v for k, v in sections[0].items() if k != "not_checked"}  # unknowable from the parts
    merged["fixed"] = sorted((e for items in most.values() for e in items), key=_sort_key)
    return merged
