"""[[actions]] and logged-in pages, in real Chromium against a local server.

A cookie wall hides the content (and its planted image without alt) until a button is clicked;
a lazy section appears only when scrolled into view; pages answer only with a session cookie,
an API-key header or a Playwright storage-state file.
"""

from __future__ import annotations

import http.server
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.commands.scan import run_scan
from pipeline.config import ConfigError, load_config
from pipeline.progress import Progress
from tests.route_server import Response, html, ok, route_server

IMG = '<img src="/x.png" width="40" height="40">'  # planted: no alt (axe:image-alt)
WALL = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Wall</title></head><body>
<div id="wall" role="dialog" aria-label="Cookie consent"><p>We use cookies.</p>
<button id="accept" type="button">Accept all</button></div>
<main id="content" hidden><h1>Welcome</h1><p>The real page.</p>{IMG}</main>
<script>document.getElementById("accept").onclick = () => {{
  document.getElementById("content").hidden = false; document.getElementById("wall").remove(); }};</script>
</body></html>"""
LAZY = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Lazy</title></head><body><main>
<h1>Lazy</h1><div style="height:4000px">Scroll down.</div><div id="lazy"></div></main>
<script>new IntersectionObserver((entries, obs) => { if (entries.some((e) => e.isIntersecting)) {
  obs.disconnect(); setTimeout(() => { document.getElementById("lazy").innerHTML =
  '<img id="lazy-img" src="/x.png" width="40" height="40">'; }, 200); } }).observe(document.getElementById("lazy"));
</script></body></html>"""


def _needs(check: str) -> Any:
    def route(h: http.server.BaseHTTPRequestHandler) -> Response:
        if check in (h.headers.get("Cookie") or "") or check in (h.headers.get("X-Api-Key") or ""):
            return ok(html(f"<p>Members only.</p>{IMG}", title="Private"))
        return 401, {"Content-Type": "text/html"}, b"<h1>Log in first</h1>"
    return route


def write_config(path: Path, base: str, pages: list[str], extra: str = "") -> Path:
    table = "".join(f'{p} = "{p}.html"\n' for p in pages)
    path.write_text(f'source_locale = "en"\n[site]\nbase_url = "{base}"\n[pages]\n{table}'
                    f'[locales.en]\nurl = "{{base_url}}/en/{{path}}"\n[run]\nscreenshots = false\n{extra}',
                    encoding="utf-8")
    return path


def scan(config: Path, out: Path) -> dict[str, Any]:
    output = run_scan(load_config(str(config)), out, Progress(quiet=True))
    results: dict[str, Any] = json.loads((output.run_dir / "results.json").read_text(encoding="utf-8"))
    return {t["page"]: t for t in results["targets"]}


def checks(target: dict[str, Any]) -> set[str]:
    return {f["check"] for f in target["findings"]}


@pytest.fixture(scope="module")
def site() -> Any:
    routes: dict[str, Any] = {"/en/wall.html": ok(WALL.encode()), "/en/lazy.html": ok(LAZY.encode()),
                              "/en/plain.html": ok(html("<p>Nothing to do here.</p>")),
                              "/en/private.html": _needs("session=s3cret"), "/en/keyed.html": _needs("k3y"),
                              "/en/saved.html": _needs("state=from-file")}
    with route_server(routes) as server:
        yield server


@pytest.mark.browser
def test_without_actions_the_wall_and_lazy_section_hide_the_defects(site: Any, tmp_path: Path) -> None:
    targets = scan(write_config(tmp_path / "c.toml", site.base_url, ["wall", "lazy"]), tmp_path / "out")
    assert all(t["status"] == "ok" for t in targets.values())
    assert "axe:image-alt" not in checks(targets["wall"]) | checks(targets["lazy"])


@pytest.mark.browser
def test_actions_pass_the_wall_and_load_the_lazy_section(site: Any, tmp_path: Path) -> None:
    actions = """
[[actions]]
click = "#accept"
pages = ["wall"]
[[actions]]
scroll = "bottom"
pages = ["lazy"]
[[actions]]
wait_for = "#lazy-img"
pages = ["lazy"]
[[actions]]
click = "#newsletter-close"
optional = true
[[actions]]
click = "#nope"
pages = ["plain"]
timeout = 1
"""
    targets = scan(write_config(tmp_path / "c.toml", site.base_url, ["wall", "lazy", "plain"], actions),
                   tmp_path / "out")
    assert targets["wall"]["status"] == "ok" and targets["lazy"]["status"] == "ok"
    assert "axe:image-alt" in checks(targets["wall"])
    assert "axe:image-alt" in checks(targets["lazy"])
    assert "actions" in targets["wall"]["timings"]
    plain = targets["plain"]
    assert plain["status"] == "error"
    assert "action 5 (click '#nope')" in plain["error"] and "not found within 1s" in plain["error"]


@pytest.mark.browser
def test_pages_behind_cookie_header_and_storage_state(site: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A11Y_TEST_SESSION", "s3cret")
    monkeypatch.setenv("A11Y_TEST_KEY", "k3y")
    host = site.base_url.split("//")[1].split(":")[0]
    state = {"cookies": [{"name": "state", "value": "from-file", "domain": host, "path": "/", "expires": -1,
                          "httpOnly": False, "secure": False, "sameSite": "Lax"}], "origins": []}
    (tmp_path / "auth.json").write_text(json.dumps(state), encoding="utf-8")
    with route_server({}) as third_party:
        seen: list[str] = []

        def pixel(h: http.server.BaseHTTPRequestHandler) -> Response:
            seen.append(h.headers.get("X-Api-Key") or "")
            return ok(b"GIF89a", "image/gif")

        third_party.routes["/pixel.gif"] = pixel
        site.routes["/en/tracked.html"] = ok(html(f'<img alt="" src="{third_party.base_url}/pixel.gif">'))
        config = tmp_path / "c.toml"
        config.write_text(
            f'source_locale = "en"\n[site]\nbase_url = "{site.base_url}"\n'
            'headers = { X-Api-Key = "${A11Y_TEST_KEY}" }\n'
            'cookies = [{ name = "session", value = "${A11Y_TEST_SESSION}" }]\n'
            '[pages]\nprivate = "private.html"\nkeyed = "keyed.html"\nsaved = "saved.html"\ntracked = "tracked.html"\n'
            '[locales.en]\nurl = "{base_url}/en/{path}"\n[browser]\nstorage_state = "auth.json"\n'
            "[run]\nscreenshots = false\n", encoding="utf-8")
        targets = scan(config, tmp_path / "out")
    for page in ("private", "keyed", "saved"):
        assert targets[page]["status"] == "ok", targets[page]["error"]
        assert "axe:image-alt" in checks(targets[page]), page
    assert targets["tracked"]["status"] == "ok"
    assert seen and all(v == "" for v in seen)  # the secret header never left the configured origin


# ------------------------------------------------------------------ config errors (no browser)

def _config(tmp_path: Path, body: str, site: str = "") -> str:
    path = tmp_path / "c.toml"
    top, body = (body, "") if body.startswith("actions =") else ("", body)  # a top-level key goes first
    path.write_text(f'{top}[site]\nbase_url = "http://127.0.0.1:9"\n{site}[pages]\nhome = "index.html"\n'
                    f'[locales.en]\nurl = "{{base_url}}/{{path}}"\n{body}', encoding="utf-8")
    return str(path)


def test_missing_env_var_is_a_one_line_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("A11Y_NOT_SET", raising=False)
    with pytest.raises(ConfigError) as err:
        load_config(_config(tmp_path, '[site.headers]\nAuthorization = "Bearer ${A11Y_NOT_SET}"\n'))
    message = str(err.value)
    assert "\n" not in message and "A11Y_NOT_SET" in message and "not set in the environment" in message


def test_env_var_is_expanded_in_headers_cookies_and_fill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A11Y_TOKEN", "t0k")
    config = load_config(_config(tmp_path, '[[actions]]\nfill = { selector = "#pw", value = "${A11Y_TOKEN}" }\n',
                                 site='cookies = [{ name = "sid", value = "x-${A11Y_TOKEN}" }]\n'
                                      'headers = { Authorization = "Bearer ${A11Y_TOKEN}" }\n'))
    assert config.auth.headers == (("Authorization", "Bearer t0k"),)
    assert config.actions[0].value == "t0k"
    assert [(c.name, c.value) for c in config.auth.cookies] == [("sid", "x-t0k")]


@pytest.mark.parametrize(("body", "needle"), [
    ('[[actions]]\nclick = "#a"\nwait_ms = 3\n', "exactly one of"),
    ('[[actions]]\nscroll = "top"\n', 'only "bottom"'),
    ('[[actions]]\nfill = { selector = "#a" }\n', "fill needs selector and value"),
    ('[[actions]]\nclik = "#a"\n', "did you mean 'click'"),
    ('[browser]\nstorage_state = "nope.json"\n', "playwright codegen --save-storage"),
    ("actions = 3\n", "must be a list of tables"),
])
def test_bad_action_and_auth_config(tmp_path: Path, body: str, needle: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(_config(tmp_path, body))
    assert needle in str(err.value) and "\n" not in str(err.value)


@pytest.mark.browser
def test_a_step_that_outlasts_the_page_limit_says_so(site: Any, tmp_path: Path) -> None:
    config = write_config(tmp_path / "c.toml", site.base_url, ["plain"], '[[actions]]\nwait_ms = 60000\n')
    config.write_text(config.read_text(encoding="utf-8").replace("[run]\n", "[run]\npage_timeout = 6\nretries = 0\n"),
                      encoding="utf-8")
    plain = scan(config, tmp_path / "out")["plain"]
    assert plain["status"] == "error" and "stuck running the [[actions]]" in plain["error"]
