"""Helpers for the ingest tests: canned HTTP replies, the local server's state, a fake clock, page builders.

The server (see ``conftest.py``) answers from a route table the test fills in; each route is a list of replies
served in turn (the last one repeats), so "503 then 200" is ``server.route("/a", Reply(503), Reply(200, body))``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Reply:
    """One canned response. ``stall`` makes the handler wait (up to that many seconds) before answering."""

    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0


class LocalServer:
    """The routes, the requests seen (path, headers) and the address of the running server."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()  # set at teardown so a stalled handler ends at once
        self.base_url = ""
        self._lock = threading.Lock()

    def route(self, path: str, *replies: Reply) -> str:
        """Serve ``replies`` (in turn) at ``path``; returns the full URL."""
        self.routes[path] = list(replies)
        return self.url(path)

    def url(self, path: str) -> str:
        return self.base_url + path

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def next_reply(self, path: str, headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append((path, headers))
            replies = self.routes.get(path)
            if not replies:
                return Reply(404, b"<h1>Not found</h1>")
            return replies.pop(0) if len(replies) > 1 else replies[0]


class FakeClock:
    """A clock that moves only when slept on, recording every wait."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def html_page(title: str, body: str, *, head: str = "") -> str:
    """A small news page."""
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>'
        f"{title}</title>{head}</head>\n<body><article><h1>{title}</h1>\n{body}\n</article></body></html>\n"
    )
