"""A local HTTP server (127.0.0.1, free port) whose routes misbehave on purpose.

Every path is `/<locale>/<fault>`; the locale is ignored. Hits are counted per path so tests
can prove what a resumed run did (not) fetch again. Hanging responses wait on an event that
shutdown sets, so the server always stops by itself.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

CLEAN = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1><p>{body}</p></main></body></html>"""
TEXT = {"en": ("Fault test page", "This page loads normally."),
        "es": ("Página de prueba", "Esta página carga con normalidad.")}


def _huge_page() -> bytes:
    # About 10 MB of DOM: many paragraphs in nested sections.
    row = "<p>Row {i}: the quick brown fox jumps over the lazy dog, again and again and again.</p>"
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Huge</title></head><body><main>"]
    for i in range(110_000):
        parts.append(row.format(i=i))
    parts.append("</main></body></html>")
    return "".join(parts).encode()


class FaultServer:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.offsite = ""  # where /offsite redirects: another origin
        self.stopping = threading.Event()
        self._huge: bytes | None = None
        self._lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                outer.handle(self)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def huge(self) -> bytes:
        with self._lock:
            if self._huge is None:
                self._huge = _huge_page()
            return self._huge

    def handle(self, h: http.server.BaseHTTPRequestHandler) -> None:
        parts = h.path.split("?")[0].strip("/").split("/")
        locale, fault = (parts[0], parts[-1]) if len(parts) > 1 else ("en", parts[0])
        with self._lock:
            self.hits[h.path] += 1
            count = self.hits[h.path]
        lang = locale if locale in TEXT else "en"
        title, body = TEXT[lang]

        def send(status: int, data: bytes, ctype: str = "text/html; charset=utf-8",
                 extra: dict[str, str] | None = None) -> None:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(data)))
            for k, v in (extra or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(data)

        page = CLEAN.format(lang=lang, title=title, body=body).encode()
        if fault.startswith("ok") or fault == "favicon.ico":
            send(200, page)
        elif fault.startswith("slow"):
            self.stopping.wait(1.0)
            send(200, page)
        elif fault == "404":
            send(404, b"<h1>Not found</h1>")
        elif fault == "500":
            send(500, b"<h1>Server error</h1>")
        elif fault == "flaky500":
            send(500 if count == 1 else 200, b"<h1>Server error</h1>" if count == 1 else page)
        elif fault in ("hang", "hangimg"):
            h.send_response(200)
            h.send_header("Content-Type", "image/png" if fault == "hangimg" else "text/html; charset=utf-8")
            h.send_header("Content-Length", "100000")
            h.end_headers()
            h.wfile.write(b"\x89PNG\r\n\x1a\n" if fault == "hangimg" else b"<!DOCTYPE html><html><head><title>Hang")
            h.wfile.flush()
            self.stopping.wait(120)
        elif fault == "thirdparty" and self.offsite:
            send(200, (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
                       f"</head><body><main><h1>{title}</h1><img alt='ad' src='{self.offsite}'></main></body>"
                       "</html>").encode())
        elif fault == "offsite" and self.offsite:
            send(302, b"", extra={"Location": self.offsite})
        elif fault == "redirect":
            send(302, b"", extra={"Location": h.path})
        elif fault == "pdf":
            send(200, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
        elif fault == "dialogs":
            send(200, (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
                       "<script>alert('hi'); confirm('sure?'); prompt('name?');"
                       "addEventListener('beforeunload', e => { e.preventDefault(); e.returnValue = ''; });"
                       f"</script></head><body><main><h1>{title}</h1><p>{body}</p></main></body></html>").encode())
        elif fault == "neverload":
            send(200, (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
                       f"</head><body><main><h1>{title}</h1><img alt='x' src='/{locale}/hangimg'></main></body>"
                       "</html>").encode())
        elif fault == "cpu":
            send(200, (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
                       "</head><body><main><h1>spin</h1><script>for(;;){}</script></main></body></html>").encode())
        elif fault == "huge":
            send(200, self.huge())
        else:
            send(404, b"<h1>Unknown fault</h1>")

    def start(self) -> None:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def fault_server() -> Iterator[FaultServer]:
    server = FaultServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


if __name__ == "__main__":
    with fault_server() as s:
        print(s.base_url, flush=True)
        time.sleep(3600)
