"""Fixtures for the ingest tests: a real HTTP server on 127.0.0.1 (port 0, in a thread), a proxy-free client
and a fake clock. The helpers they use live in ``ingest_support.py``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from ingest_support import FakeClock, LocalServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # the name http.server dispatches to
        reply = self.server.app.next_reply(self.path, dict(self.headers))
        if reply.stall:
            self.server.app.release.wait(reply.stall)
        body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test): nothing to answer to

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    app: LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A running local HTTP server; nothing is served until routes are added (robots.txt is a 404)."""
    app = LocalServer()
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.app = app
    host, port = httpd.server_address[:2]
    app.base_url = f"http://{host}:{port}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield app
    finally:
        app.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def http_client() -> Iterator[httpx.Client]:
    """An HTTP client that ignores proxy variables in the environment (the server is local)."""
    with httpx.Client(trust_env=False) as client:
        yield client


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
