"""Results travel out of the page as one JSON string, and axe arrives as an init script; a page
that tampers with either still gets a full, correct scan.

Unit tests for the decoding; real Chromium for pages that (1) break JSON.stringify the way old
libraries did (``Array.prototype.toJSON``), (2) bring their own ``window.axe`` of another
version, (3) remove ``window.axe`` after load. Each page plants an image without alt text and
a paragraph: the defect must still be found by name and the text runs must still be exact.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pipeline.commands.scan import run_scan
from pipeline.config import load_config
from pipeline.files.rundir import load_artifacts
from pipeline.gather.wire import decode, json_result_js
from pipeline.progress import Progress
from tests.route_server import html, ok, route_server

PLANTED = '<p id="visit">Plan your visit to the clinic.</p><img src="/x.png" width="40" height="40">'
PAGES = {
    "plain": "",
    # Prototype.js 1.6 did this: JSON.stringify then encodes every array as a string.
    "tamper": "<script>Array.prototype.toJSON = function () { return JSON.stringify(this.length); };</script>",
    # A page that ships its own (older) axe, or something else under that name.
    "ownaxe": "<script>window.axe = {version: '0.0.1', run: () => Promise.resolve({violations: []})};</script>",
    "noaxe": "<script>addEventListener('load', () => { window.axe = undefined; });</script>",
}


def test_decode_reads_the_json_string() -> None:
    assert decode({"json": json.dumps({"a": [1, 2], "b": "x"})}) == {"a": [1, 2], "b": "x"}


def test_decode_takes_the_plain_value_when_the_page_tampered_with_json() -> None:
    assert decode({"value": {"a": [1, 2]}}) == {"a": [1, 2]}
    assert decode({"value": "a string result"}) == "a string result"


def test_wrapper_embeds_the_function_and_awaits_it() -> None:
    js = json_result_js("(o) => o.x")
    assert "await ((o) => o.x)(arg)" in js
    assert json_result_js("(o) => o.x") is js  # built once per function


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("wire")
    with route_server({}) as site:
        for name, head in PAGES.items():
            site.routes[f"/en/{name}.html"] = ok(html(PLANTED, head=head))
        config = tmp / "c.toml"
        pages = "".join(f'{name} = "{name}.html"\n' for name in PAGES)
        config.write_text(f'source_locale = "en"\n[site]\nbase_url = "{site.base_url}"\n[pages]\n{pages}'
                          '[locales.en]\nurl = "{base_url}/en/{path}"\n[run]\nscreenshots = false\n',
                          encoding="utf-8")
        output = run_scan(load_config(str(config)), tmp / "out", Progress(quiet=True))
    results = json.loads((output.run_dir / "results.json").read_text(encoding="utf-8"))
    return {"targets": {t["page"]: t for t in results["targets"]},
            "artifacts": {a.page: a for a in load_artifacts(output.run_dir)}}


@pytest.mark.browser
@pytest.mark.parametrize("page", list(PAGES))
def test_planted_defect_is_found_whatever_the_page_did(scanned: dict[str, Any], page: str) -> None:
    target = scanned["targets"][page]
    assert target["status"] == "ok", target["error"]
    assert [f["selector"] for f in target["findings"] if f["check"] == "axe:image-alt"] == ["img"]
    assert target.get("timings", {}).get("axe", 0) > 0


@pytest.mark.browser
@pytest.mark.parametrize("page", list(PAGES))
def test_text_runs_are_exact_whatever_the_page_did(scanned: dict[str, Any], page: str) -> None:
    art = scanned["artifacts"][page]
    runs = [r for r in art.text_runs if r.selector == "#visit"]
    assert [r.text for r in runs] == ["Plan your visit to the clinic."]
    assert runs[0].box is not None and runs[0].box.width > 0  # nested objects arrived as objects
    assert art.html_lang == "en"


@pytest.mark.browser
def test_each_page_check_reports_its_cost(scanned: dict[str, Any]) -> None:
    """results.json carries each page check's seconds per target (the benchmark's per-check cost)."""
    from pipeline.checks.registry import page_check_metas

    costs = scanned["targets"]["plain"]["check_timings"]
    assert set(costs) == {m.id for m in page_check_metas()}
    assert all(isinstance(v, float) and 0 <= v < 5 for v in costs.values())
    assert sum(costs.values()) > 0
