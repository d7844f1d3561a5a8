"""URL and feed inputs through :func:`iter_pages`, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
from ingest_support import LocalServer, Reply, html_page

from warta.ingest import iter_pages
from warta.records import Failure, Page
from warta.settings import Settings

PARTS = (
    "<p>Presiden menerima Perdana Menteri Malaysia di Istana Merdeka. BAGIAN-SATU</p>",
    "<p>Kedua pemimpin membahas perbatasan di Kalimantan. BAGIAN-DUA</p>",
    "<p>Pertemuan ditutup dengan penandatanganan nota kesepahaman. BAGIAN-TIGA</p>",
)


def three_page_article(server: LocalServer, style: str) -> str:
    """Serve a three-page article linked in the given style; returns the first page's URL."""
    base = "/nasional/presiden-terima-pm-malaysia"
    if style == "rel-next":
        paths = [base, base + "-2", base + "-3"]
        links = [f'<a rel="next" href="{paths[1]}">»</a>', f'<a rel="next" href="{paths[2]}">»</a>', ""]
    elif style == "halaman":
        paths = [base, base + "/2", base + "/3"]
        links = [
            f'<div>Halaman: <span class="active">1</span> <a href="{paths[1]}">Halaman 2</a></div>',
            f'<div><a href="{paths[0]}">Halaman 1</a> <span class="active">2</span> '
            f'<a href="{paths[2]}">Halaman 3</a></div>',
            f'<div><a href="{paths[0]}">Halaman 1</a> <a href="{paths[1]}">Halaman 2</a></div>',
        ]
    else:  # ?page=N, linked by a bare arrow image: only the URL pattern tells
        paths = [base, base + "?page=2", base + "?page=3"]
        links = [
            f'<a href="{paths[1]}"><img alt=""></a>',
            f'<a href="{paths[0]}">Sebelumnya</a><a href="{paths[2]}"><img alt=""></a>',
            f'<a href="{paths[1]}">Sebelumnya</a>',
        ]
    for path, part, link in zip(paths, PARTS, links, strict=True):
        server.route(path, Reply(200, html_page("Presiden terima PM Malaysia", part + link)))
    return server.url(paths[0])


@pytest.mark.parametrize("style", ["rel-next", "halaman", "page-param"])
def test_web_three_page_article_joined_in_order(
    server: LocalServer, http_client: httpx.Client, settings: Settings, style: str
) -> None:
    url = three_page_article(server, style)
    (page,) = iter_pages([url], settings, client=http_client, language="id")
    assert isinstance(page, Page)
    assert (page.source, page.url, page.language) == (url, url, "id")
    assert len(page.html) == 3
    assert all(part in html for html, part in zip(page.html, PARTS, strict=True))
    # Each page fetched once (after robots.txt), even though the later pages link back.
    assert len(server.paths()) == 4 and len(set(server.paths())) == 4


def test_web_follows_at_most_max_pages(server: LocalServer, http_client: httpx.Client, settings: Settings) -> None:
    url = three_page_article(server, "rel-next")
    (page,) = iter_pages([url], settings.with_overrides({"max_pages": 2}), client=http_client)
    assert isinstance(page, Page) and len(page.html) == 2


def test_web_never_revisits_a_page(server: LocalServer, http_client: httpx.Client, settings: Settings) -> None:
    server.route("/a", Reply(200, html_page("A", '<p>Satu</p><a rel="next" href="/b">2</a>')))
    server.route("/b", Reply(200, html_page("B", '<p>Dua</p><a rel="next" href="/a">1</a>')))
    (page,) = iter_pages([server.url("/a")], settings, client=http_client)
    assert isinstance(page, Page) and len(page.html) == 2
    assert server.paths() == ["/robots.txt", "/a", "/b"]


def test_web_broken_next_link_keeps_pages_read(
    server: LocalServer, http_client: httpx.Client, settings: Settings
) -> None:
    url = server.route("/a", Reply(200, html_page("A", '<p>Satu</p><a href="/a/2">Selanjutnya</a>')))
    (page,) = iter_pages([url], settings, client=http_client)
    assert isinstance(page, Page) and len(page.html) == 1


def test_web_transient_failure_on_next_page_fails_article(
    server: LocalServer, http_client: httpx.Client, settings: Settings
) -> None:
    url = server.route("/a", Reply(200, html_page("A", '<p>Satu</p><a href="/a/2">Selanjutnya</a>')))
    server.route("/a/2", Reply(503, "sibuk", headers={"Retry-After": "0"}))
    (failure,) = iter_pages([url], settings.with_overrides({"http_retries": 1}), client=http_client)
    assert isinstance(failure, Failure) and failure.transient and "page 2" in failure.reason


def test_web_robots_disallow(server: LocalServer, http_client: httpx.Client, settings: Settings) -> None:
    server.route("/robots.txt", Reply(200, "User-agent: *\nDisallow: /\n", content_type="text/plain"))
    url = server.route("/berita", Reply(200, html_page("Berita", "<p>Isi</p>")))
    (failure,) = iter_pages([url], settings, client=http_client)
    assert isinstance(failure, Failure)
    assert (failure.source, failure.url, failure.code, failure.transient) == (url, url, "W221", False)


def test_web_503_then_200(server: LocalServer, http_client: httpx.Client, settings: Settings) -> None:
    # Retry-After: 0 keeps the test from sleeping through the backoff.
    body = html_page("Berita", "<p>Akhirnya berhasil.</p>")
    url = server.route("/berita", Reply(503, "sibuk", headers={"Retry-After": "0"}), Reply(200, body))
    (page,) = iter_pages([url], settings, client=http_client)
    assert isinstance(page, Page) and page.html == (body,)


def test_web_404_terminal(server: LocalServer, http_client: httpx.Client, settings: Settings) -> None:
    (failure,) = iter_pages([server.url("/hilang")], settings, client=http_client)
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.code, failure.transient) == ("ingest", "W220", False)
    assert "404" in failure.reason


def test_web_timeout_transient(server: LocalServer, http_client: httpx.Client, settings: Settings) -> None:
    url = server.route("/lambat", Reply(200, html_page("Lambat", "<p>Terlambat</p>"), stall=5.0))
    fast = settings.with_overrides({"http_timeout": 0.05, "http_retries": 0, "respect_robots": False})
    (failure,) = iter_pages([url], fast, client=http_client)
    assert isinstance(failure, Failure) and failure.transient and "timed out" in failure.reason


def test_web_non_html_terminal(server: LocalServer, http_client: httpx.Client, settings: Settings) -> None:
    url = server.route("/laporan.pdf", Reply(200, b"%PDF-1.7", content_type="application/pdf"))
    (failure,) = iter_pages([url], settings, client=http_client)
    assert isinstance(failure, Failure) and not failure.transient and "application/pdf" in failure.reason


def rss(server: LocalServer) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Berita Terkini</title>
<item><title>Presiden terima PM Malaysia</title><link>{server.url("/satu")}</link>
  <pubDate>Sun, 12 May 2024 06:00:00 +0700</pubDate></item>
<item><title>Ministers meet in Geneva</title><link>/dua</link>
  <pubDate>Mon, 13 May 2024 09:15:00 GMT</pubDate></item>
</channel></rss>""".encode()


def test_web_rss_feed_with_two_entries(server: LocalServer, http_client: httpx.Client, settings: Settings) -> None:
    feed = server.route("/rss", Reply(200, rss(server), content_type="application/rss+xml"))
    server.route("/satu", Reply(200, html_page("Presiden terima PM Malaysia", "<p>Isi satu.</p>")))
    server.route("/dua", Reply(200, html_page("Ministers meet", "<p>Body two.</p>")))
    out = list(iter_pages([feed], settings, client=http_client, language="id"))
    assert [(p.source, p.url, p.title, p.published, p.language, len(p.html)) for p in out] == [
        (server.url("/satu"), server.url("/satu"), "Presiden terima PM Malaysia", "2024-05-12", "id", 1),
        (server.url("/dua"), server.url("/dua"), "Ministers meet in Geneva", "2024-05-13", "id", 1),
    ]


def test_web_feed_served_as_html_and_failed_entry(
    server: LocalServer, http_client: httpx.Client, settings: Settings
) -> None:
    # Some servers send feeds as text/html; the body decides. A dead entry is one Failure, the rest go on.
    feed = server.route("/rss", Reply(200, rss(server)))
    server.route("/dua", Reply(200, html_page("Ministers meet", "<p>Body two.</p>")))
    failure, page = iter_pages([feed], settings, client=http_client)
    assert isinstance(failure, Failure) and failure.source == server.url("/satu") and "404" in failure.reason
    assert isinstance(page, Page) and page.title == "Ministers meet in Geneva"


def test_web_local_feed_file(
    server: LocalServer, http_client: httpx.Client, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "berita.xml"
    path.write_bytes(rss(server))
    server.route("/satu", Reply(200, html_page("Presiden terima PM Malaysia", "<p>Isi satu.</p>")))
    page, failure = iter_pages([str(path)], settings, client=http_client)
    assert isinstance(page, Page) and page.published == "2024-05-12"
    # The relative link "/dua" cannot be resolved without the feed's own address.
    assert isinstance(failure, Failure) and failure.source == "/dua" and "not an http(s) URL" in failure.reason


def test_web_empty_feed(server: LocalServer, http_client: httpx.Client, settings: Settings) -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Kosong</title></channel></rss>'
    feed = server.route("/rss", Reply(200, empty, content_type="application/rss+xml"))
    (failure,) = iter_pages([feed], settings, client=http_client)
    assert isinstance(failure, Failure) and "no entries" in failure.reason


def test_web_connection_refused_is_transient(http_client: httpx.Client, settings: Settings) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/berita"
    quick = settings.with_overrides({"http_retries": 0, "respect_robots": False})
    (failure,) = iter_pages([url], quick, client=http_client)
    assert isinstance(failure, Failure) and failure.transient and failure.url == url
