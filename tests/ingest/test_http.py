from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import httpx
import pytest
from ingest_support import FakeClock, LocalServer, Reply, html_page

from warta.errors import FetchError, RobotsDisallowed
from warta.ingest.http import Fetcher
from warta.settings import Settings

ARTICLE = html_page("Menlu bertemu Menlu Jepang", "<p>Menteri Luar Negeri bertemu mitranya di Tokyo.</p>")
Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def mock_fetcher(settings: Settings, clock: FakeClock) -> Iterator[Callable[..., Fetcher]]:
    """Build a Fetcher over an httpx.MockTransport; the client is closed at teardown."""
    clients: list[httpx.Client] = []

    def build(handler: Handler, **overrides: object) -> Fetcher:
        client = httpx.Client(transport=httpx.MockTransport(handler))
        clients.append(client)
        return Fetcher(replace(settings, **overrides), client=client, clock=clock, sleep=clock.sleep)

    yield build
    for client in clients:
        client.close()


def html_response(status: int = 200, body: str = ARTICLE, **headers: str) -> httpx.Response:
    return httpx.Response(status, text=body, headers={"Content-Type": "text/html; charset=utf-8", **headers})


def routes(table: dict[str, list[httpx.Response]], seen: list[str]) -> Handler:
    """A MockTransport handler serving each path's responses in turn (the last repeats); 404 elsewhere."""

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        replies = table.get(request.url.path)
        if not replies:
            return httpx.Response(404)
        return replies.pop(0) if len(replies) > 1 else replies[0]

    return handle


def test_fetch_sends_user_agent_and_returns_text(mock_fetcher: Callable[..., Fetcher]) -> None:
    agents = []

    def handle(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["User-Agent"])
        return html_response()

    document = mock_fetcher(handle, user_agent="warta-test/1.0").fetch("https://berita.example/a")
    assert document.text == ARTICLE
    assert document.media_type == "text/html" and document.charset == "utf-8"
    assert agents == ["warta-test/1.0", "warta-test/1.0"]  # robots.txt, then the page


def test_fetch_404_is_terminal_and_not_retried(mock_fetcher: Callable[..., Fetcher]) -> None:
    seen: list[str] = []
    fetcher = mock_fetcher(routes({}, seen), respect_robots=False, http_retries=3)
    with pytest.raises(FetchError, match="404") as info:
        fetcher.fetch("https://berita.example/hilang")
    assert info.value.transient is False
    assert seen == ["/hilang"]


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_fetch_retries_transient_status_with_backoff(
    mock_fetcher: Callable[..., Fetcher], clock: FakeClock, status: int
) -> None:
    seen: list[str] = []
    table = {"/a": [html_response(status), html_response(status), html_response()]}
    fetcher = mock_fetcher(routes(table, seen), respect_robots=False, http_retries=2)
    assert fetcher.fetch("https://berita.example/a").text == ARTICLE
    assert seen == ["/a", "/a", "/a"]
    assert clock.waits == [1.0, 2.0]


def test_fetch_gives_up_with_transient_error(mock_fetcher: Callable[..., Fetcher], clock: FakeClock) -> None:
    seen: list[str] = []
    fetcher = mock_fetcher(routes({"/a": [html_response(503)]}, seen), respect_robots=False, http_retries=1)
    with pytest.raises(FetchError, match="503") as info:
        fetcher.fetch("https://berita.example/a")
    assert info.value.transient is True
    assert len(seen) == 2 and clock.waits == [1.0]


def test_fetch_honours_retry_after(mock_fetcher: Callable[..., Fetcher], clock: FakeClock) -> None:
    table = {"/a": [html_response(429, **{"Retry-After": "7"}), html_response()]}
    fetcher = mock_fetcher(routes(table, []), respect_robots=False)
    fetcher.fetch("https://berita.example/a")
    assert clock.waits == [7.0]


@pytest.mark.parametrize(
    "error", [httpx.ReadTimeout("slow"), httpx.ConnectError("refused"), httpx.RemoteProtocolError("eof")]
)
def test_fetch_transport_errors_are_transient(
    mock_fetcher: Callable[..., Fetcher], clock: FakeClock, error: httpx.TransportError
) -> None:
    calls = []

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        raise error

    with pytest.raises(FetchError, match="retry later") as info:
        mock_fetcher(handle, respect_robots=False, http_retries=2).fetch("https://berita.example/a")
    assert info.value.transient is True
    assert len(calls) == 3 and clock.waits == [1.0, 2.0]


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "text/plain", "application/json"])
def test_fetch_refuses_non_html(mock_fetcher: Callable[..., Fetcher], content_type: str) -> None:
    response = httpx.Response(200, content=b"x", headers={"Content-Type": content_type})
    fetcher = mock_fetcher(lambda request: response)
    with pytest.raises(FetchError, match="not a news page") as info:
        fetcher.fetch("https://berita.example/a")
    assert info.value.transient is False


def test_fetch_allows_feeds_when_asked(mock_fetcher: Callable[..., Fetcher]) -> None:
    rss = httpx.Response(200, content=b"<rss/>", headers={"Content-Type": "application/rss+xml"})
    fetcher = mock_fetcher(lambda request: rss, respect_robots=False)
    assert fetcher.fetch("https://berita.example/rss", allow_feed=True).media_type == "application/rss+xml"
    with pytest.raises(FetchError):
        fetcher.fetch("https://berita.example/rss")


def test_fetch_refuses_body_over_limit(mock_fetcher: Callable[..., Fetcher]) -> None:
    fetcher = mock_fetcher(lambda request: html_response(), respect_robots=False, max_input_bytes=100)
    with pytest.raises(FetchError, match="max_input_bytes=100") as info:
        fetcher.fetch("https://berita.example/a")
    assert info.value.transient is False


def test_fetch_refuses_streamed_body_over_limit(mock_fetcher: Callable[..., Fetcher]) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        # No Content-Length: the limit must be enforced while reading.
        chunks = iter([b"<p>" + b"a" * 60, b"b" * 60 + b"</p>"])
        return httpx.Response(200, content=chunks, headers={"Content-Type": "text/html"})

    fetcher = mock_fetcher(handle, respect_robots=False, max_input_bytes=100)
    with pytest.raises(FetchError, match="exceeds max_input_bytes=100"):
        fetcher.fetch("https://berita.example/a")


def test_fetch_rejects_non_http_url(mock_fetcher: Callable[..., Fetcher]) -> None:
    with pytest.raises(FetchError, match="not an http"):
        mock_fetcher(lambda request: html_response()).fetch("ftp://berita.example/a")


def test_robots_disallow_and_cache_per_host(mock_fetcher: Callable[..., Fetcher]) -> None:
    seen: list[str] = []
    robots = httpx.Response(200, text="User-agent: *\nDisallow: /rahasia/\n")
    table = {"/robots.txt": [robots], "/a": [html_response()], "/b": [html_response()]}
    fetcher = mock_fetcher(routes(table, seen))
    fetcher.fetch("https://berita.example/a")
    fetcher.fetch("https://berita.example/b")
    with pytest.raises(RobotsDisallowed) as info:
        fetcher.fetch("https://berita.example/rahasia/dokumen")
    assert info.value.transient is False
    assert seen == ["/robots.txt", "/a", "/b"]


def test_robots_rules_for_our_agent(mock_fetcher: Callable[..., Fetcher]) -> None:
    robots = "User-agent: warta\nDisallow: /\n\nUser-agent: *\nDisallow:\n"
    table = {"/robots.txt": [httpx.Response(200, text=robots)], "/a": [html_response()]}
    with pytest.raises(RobotsDisallowed):
        mock_fetcher(routes(table, [])).fetch("https://berita.example/a")
    table = {"/robots.txt": [httpx.Response(200, text=robots)], "/a": [html_response()]}
    assert mock_fetcher(routes(table, []), user_agent="other-bot/2").fetch("https://berita.example/a")


def test_robots_ignored_when_settings_say_so(mock_fetcher: Callable[..., Fetcher]) -> None:
    seen: list[str] = []
    table = {"/robots.txt": [httpx.Response(200, text="User-agent: *\nDisallow: /\n")], "/a": [html_response()]}
    mock_fetcher(routes(table, seen), respect_robots=False).fetch("https://berita.example/a")
    assert seen == ["/a"]


def test_robots_unreachable_is_transient_and_remembered(mock_fetcher: Callable[..., Fetcher]) -> None:
    seen: list[str] = []
    table = {"/robots.txt": [httpx.Response(503)], "/a": [html_response()]}
    fetcher = mock_fetcher(routes(table, seen), http_retries=0)
    for _ in range(2):
        with pytest.raises(FetchError, match="robots.txt") as info:
            fetcher.fetch("https://berita.example/a")
        assert info.value.transient is True
    assert seen == ["/robots.txt"]


def test_rate_limit_waits_between_requests_to_one_host(
    mock_fetcher: Callable[..., Fetcher], clock: FakeClock
) -> None:
    fetcher = mock_fetcher(lambda request: html_response(), respect_robots=False, http_delay=2.5)
    fetcher.fetch("https://berita.example/a")
    fetcher.fetch("https://lain.example/a")  # another host: no wait
    clock.now += 1.0  # time spent elsewhere counts towards the delay
    fetcher.fetch("https://berita.example/b")
    fetcher.fetch("https://berita.example/c")
    assert clock.waits == [1.5, 2.5]


def test_fetcher_closes_only_its_own_client(settings: Settings) -> None:
    client = httpx.Client(transport=httpx.MockTransport(lambda request: html_response()))
    with Fetcher(settings, client=client):
        pass
    assert not client.is_closed
    client.close()
    owned = Fetcher(settings)
    owned_client = owned.client
    owned.close()
    assert owned_client.is_closed


# The same behaviour against a real server on 127.0.0.1.


@pytest.fixture
def local_fetcher(settings: Settings, http_client: httpx.Client, clock: FakeClock) -> Callable[..., Fetcher]:
    def build(**overrides: object) -> Fetcher:
        return Fetcher(replace(settings, **overrides), client=http_client, clock=clock, sleep=clock.sleep)

    return build


def test_local_server_503_then_200(
    server: LocalServer, local_fetcher: Callable[..., Fetcher], clock: FakeClock
) -> None:
    url = server.route("/berita", Reply(503, "sibuk"), Reply(200, ARTICLE))
    assert local_fetcher(http_retries=2).fetch(url).text == ARTICLE
    assert server.paths() == ["/robots.txt", "/berita", "/berita"]
    assert clock.waits == [1.0]


def test_local_server_404_terminal(server: LocalServer, local_fetcher: Callable[..., Fetcher]) -> None:
    with pytest.raises(FetchError, match="404") as info:
        local_fetcher().fetch(server.url("/hilang"))
    assert info.value.transient is False


def test_local_server_timeout_transient(server: LocalServer, local_fetcher: Callable[..., Fetcher]) -> None:
    url = server.route("/lambat", Reply(200, ARTICLE, stall=5.0))
    with pytest.raises(FetchError, match="timed out") as info:
        local_fetcher(http_timeout=0.05, http_retries=0, respect_robots=False).fetch(url)
    assert info.value.transient is True


def test_local_server_robots_disallow(server: LocalServer, local_fetcher: Callable[..., Fetcher]) -> None:
    server.route("/robots.txt", Reply(200, "User-agent: *\nDisallow: /internal/\n", content_type="text/plain"))
    url = server.route("/internal/a", Reply(200, ARTICLE))
    with pytest.raises(RobotsDisallowed):
        local_fetcher().fetch(url)
    assert server.paths() == ["/robots.txt"]


def test_local_server_rate_limit(
    server: LocalServer, local_fetcher: Callable[..., Fetcher], clock: FakeClock
) -> None:
    urls = [server.route(f"/a{n}", Reply(200, ARTICLE)) for n in range(3)]
    fetcher = local_fetcher(http_delay=3.0)
    for url in urls:
        fetcher.fetch(url)
    # robots.txt, a0, a1, a2: every request after the first waits the full delay on the fake clock.
    assert clock.waits == [3.0, 3.0, 3.0]
    assert [headers.get("User-Agent") for _, headers in server.requests] == [fetcher.settings.user_agent] * 4
