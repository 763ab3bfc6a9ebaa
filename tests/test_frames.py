"""Iframes in real Chromium: axe and the localization checks see same-origin frames (nested too);
a cross-origin frame outside the configured origins is listed and not scanned; a frame that
never loads is listed as an error after its time limit, and the page is still scanned.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pipeline.commands.scan import run_scan
from pipeline.config import load_config
from pipeline.files.rundir import load_artifacts
from pipeline.model import PageArtifact
from pipeline.progress import Progress
from tests.route_server import html, ok, route_server

pytestmark = pytest.mark.browser

TEXT = {"en": ("Visit us", "Plan your visit to the clinic."), "es": ("Visítenos", "Planifique su visita a la clínica.")}
LATE = """<script>addEventListener("load", () => { const f = document.createElement("iframe");
f.id = "late"; f.title = "Late"; f.src = "/hang"; document.body.append(f); });</script>"""


def framed(locale: str, other: str, partner: str) -> bytes:
    title, body = TEXT[locale]
    return html(f"<p>{body}</p>"
                f'<iframe id="booking" title="Booking" src="/{locale}/booking.html"></iframe>'
                f'<iframe id="map" title="Map" src="{other}/map.html"></iframe>'
                f'<iframe id="partner" title="Partner" src="{partner}/video.html"></iframe>{LATE}',
                lang=locale, title=title)


# The booking widget was not translated: the Spanish page embeds the same English text.
BOOKING = html('<p>Book your appointment with our friendly team today.</p><img src="/x.png" width="40" height="40">'
               '<button type="button"></button><iframe id="inner" title="Inner" src="/inner.html"></iframe>',
               title="Booking")
INNER = html('<img id="deep" src="/y.png" width="40" height="40">', title="Inner")
MAP = html('<img id="offsite-img" src="/z.png" width="40" height="40">', title="Map")
VIDEO = html('<img id="poster" src="/p.png" width="40" height="40">', title="Video")  # on an allowed extra origin


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("frames")
    with route_server({"/map.html": ok(MAP)}) as other, route_server({"/video.html": ok(VIDEO)}) as partner, \
            route_server({}) as site:
        site.routes.update({"/en/framed.html": ok(framed("en", other.base_url, partner.base_url)),
                            "/es/framed.html": ok(framed("es", other.base_url, partner.base_url)),
                            "/en/booking.html": ok(BOOKING), "/es/booking.html": ok(BOOKING.replace(b"lang='en'",
                                                                                               b"lang='es'")),
                            "/inner.html": ok(INNER), "/hang": site.hang(60)})
        config = tmp / "c.toml"
        config.write_text(f'source_locale = "en"\n[site]\nbase_url = "{site.base_url}"\n'
                          f'extra_origins = ["{partner.base_url}"]\n[pages]\n'
                          'framed = "framed.html"\n[locales.en]\nurl = "{base_url}/en/{path}"\n'
                          '[locales.es]\nurl = "{base_url}/es/{path}"\n[run]\nscreenshots = false\n',
                          encoding="utf-8")
        output = run_scan(load_config(str(config)), tmp / "out", Progress(quiet=True))
        map_hits = other.hits["/map.html"]
    results = json.loads((output.run_dir / "results.json").read_text(encoding="utf-8"))
    return {"targets": {t["locale"]: t for t in results["targets"]},
            "artifacts": {a.locale: a for a in load_artifacts(output.run_dir)}, "map_hits": map_hits}


def selectors(target: dict[str, Any], check: str) -> list[str]:
    return [f["selector"] for f in target["findings"] if f["check"] == check]


def test_page_with_frames_is_scanned(scanned: dict[str, Any]) -> None:
    assert all(t["status"] == "ok" for t in scanned["targets"].values())


def test_violations_inside_frames_name_the_frame_path(scanned: dict[str, Any]) -> None:
    en = scanned["targets"]["en"]
    assert "#booking >>> img" in selectors(en, "axe:image-alt")
    assert "#booking >>> button" in selectors(en, "axe:button-name")


def test_violations_inside_nested_frames_are_reported(scanned: dict[str, Any]) -> None:
    assert "#booking >>> #inner >>> #deep" in selectors(scanned["targets"]["en"], "axe:image-alt")


def test_frame_on_an_allowed_extra_origin_is_scanned(scanned: dict[str, Any]) -> None:
    assert "#partner >>> #poster" in selectors(scanned["targets"]["en"], "axe:image-alt")


def test_frame_outside_the_origins_is_listed_not_scanned(scanned: dict[str, Any]) -> None:
    en = scanned["targets"]["en"]
    assert not any("map" in s or "offsite" in s for f in en["findings"] for s in [f["selector"]])
    art: PageArtifact = scanned["artifacts"]["en"]
    [offsite] = [f for f in art.frames if f.selector == "#map"]
    assert offsite.status == "skipped" and "outside the configured origins" in offsite.reason
    assert not any("offsite-img" in a.selector for a in art.attributes)


def test_frame_that_never_loads_is_listed_as_an_error(scanned: dict[str, Any]) -> None:
    art: PageArtifact = scanned["artifacts"]["en"]
    [late] = [f for f in art.frames if f.selector == "#late"]
    assert late.status == "error" and "did not load" in late.reason


def test_scanned_frames_are_listed(scanned: dict[str, Any]) -> None:
    art: PageArtifact = scanned["artifacts"]["en"]
    statuses = {f.selector: f.status for f in art.frames}
    assert statuses["#booking"] == "scanned" and statuses["#booking >>> #inner"] == "scanned"


def test_text_in_frames_reaches_the_untranslated_checks(scanned: dict[str, Any]) -> None:
    es = scanned["targets"]["es"]
    texts = {f["details"].get("text"): f["selector"] for f in es["findings"] if f["check"] == "untranslated-text"}
    where = texts.get("Book your appointment with our friendly team today.", "")
    assert where.startswith("#booking >>> ") and where.endswith("p"), texts
    assert "Planifique su visita a la clínica." not in texts
    assert not selectors(scanned["targets"]["en"], "untranslated-text")

