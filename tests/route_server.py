"""A tiny HTTP server for tests (127.0.0.1, free port) whose routes are Python functions.

A route gets the request handler and returns (status, headers, body). Routes that must hang
wait on `stopping`, which stop() sets, so the server always ends by itself.
"""

from __future__ import annotations

import http.server
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Response = tuple[int, dict[str, str], bytes]
Route = Callable[[http.server.BaseHTTPRequestHandler], Response | None]  # None: the route answered itself


def html(body: str, lang: str = "en", title: str = "Test page", head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
            f"<body><main><h1>{title}</h1>{body}</main></body></html>").encode()


def ok(data: bytes, ctype: str = "text/html; charset=utf-8") -> Response:
    return 200, {"Content-Type": ctype}, data


class RouteServer:
    def __init__(self, routes: dict[str, Route | Response]) -> None:
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.stopping = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                outer.hits[path] += 1
                route = outer.routes.get(path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"
                elif callable(route):
                    answer = route(self)
                    if answer is None:
                        return
                    status, headers, body = answer
                else:
                    status, headers, body = route
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the browser gave up on a hanging route: that is the point of it

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def hang(self, seconds: float = 60) -> Route:
        def route(_: http.server.BaseHTTPRequestHandler) -> Response:
            self.stopping.wait(seconds)
            return ok(html("<p>late</p>"))
        return route

    def drip(self) -> Route:
        """Promise a megabyte, then send one byte every 0.1 s until the server stops."""
        def route(h: http.server.BaseHTTPRequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "application/xml")
            h.send_header("Content-Length", str(1024 * 1024))
            h.end_headers()
            try:
                h.wfile.write(b"<urlset>")
                while not self.stopping.wait(0.1):
                    h.wfile.write(b" ")
                    h.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
        return route

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def route_server(routes: dict[str, Route | Response]) -> Iterator[RouteServer]:
    server = RouteServer(routes)
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.stop()
