"""Shared fixtures (keep generic; add yours below, additive edits only)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    """One canned HTTP answer. `delay_s` waits before answering (to provoke timeouts);
    `declare_length=False` streams the body without Content-Length (closing the connection)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    declare_length: bool = True


class LocalHTTPServer:
    """A real threaded HTTP server on 127.0.0.1 with canned replies per path.

    `add(path, r1, r2, ...)`: successive requests get r1, r2, … and then the last one forever
    (so `add("/x", Reply(503), Reply(200, b"..."))` is 503-then-200). `hits[path]` counts requests.
    `Reply` is reachable as `http_server.Reply`, so tests need not import this module.
    """

    Reply = Reply

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def add(self, path: str, *replies: Reply) -> str:
        with self._lock:
            self.routes[path] = list(replies)
        return self.url(path)

    def next_reply(self, path: str) -> Reply:
        with self._lock:
            self.hits[path] += 1
            replies = self.routes.get(path)
            if not replies:
                return Reply(404, b"not found")
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:
                reply = server.next_reply(self.path)
                if reply.delay_s and server._closing.wait(reply.delay_s):
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.declare_length:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


@pytest.fixture
def http_server() -> Iterator[LocalHTTPServer]:
    """A real HTTP server on 127.0.0.1 (see `LocalHTTPServer`)."""
    server = LocalHTTPServer()
    server.start()
    try:
        yield server
    finally:
        server.close()
