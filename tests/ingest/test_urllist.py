"""URL lists (``.urls`` files, ``.txt`` files of addresses, standard input) through :func:`iter_pages` and a
Dask share's :func:`iter_share`, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import httpx
import pytest
from ingest_support import LocalServer, Reply, html_page

from warta.ingest import iter_pages
from warta.ingest.files import is_url_list, sniff_kind
from warta.ingest.inputs import iter_share
from warta.ingest.urllist import is_url, looks_like_url_list
from warta.records import Failure, Page
from warta.settings import Settings

ARTICLE = "<p>Menteri Luar Negeri bertemu Duta Besar Jepang di Jakarta pada Senin untuk membahas kerja sama.</p>"


def _closed_port() -> int:
    with socket.socket() as probe:  # free a moment ago: nothing listens there now
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"# politik\nhttps://a.example/1\n\nhttp://b.example/2\n", True),
        (b"https://a.example/1", True),  # one address, no newline
        (b"https://a.example/1\nwww.b.example/2\n", True),  # a bad line among addresses: a failure row later
        (b"\xef\xbb\xbfhttps://a.example/1\r\nhttps://a.example/2\r\n", True),  # BOM and Windows line ends
        (b"Presiden menerima tamu di Istana.\nhttps://a.example/1\n", False),  # an article citing its source
        (b"https://a.example/1\nSumber: Antara\n", False),  # a line of words is text
        (b"Jakarta\n", False),  # one word, no address
        (b"# only a comment\n\n", False),
        (b"", False),
    ],
)
def test_urllist_recognised_by_its_lines(head: bytes, expected: bool) -> None:
    assert looks_like_url_list(head, complete=True) is expected
    assert (sniff_kind(head) == "urls") is expected


def test_urllist_sniff_ignores_the_line_cut_by_the_head() -> None:
    head = b"https://a.example/1\nhttps://a.example/2\nthe rest of this line was cut by the sn"
    assert looks_like_url_list(head, complete=False)
    assert not looks_like_url_list(head, complete=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("https://a.example/x?q=1", True), ("HTTP://A.EXAMPLE", True), ("https://", False),
     ("ftp://a.example/x", False), ("https://a.example/x y", False), ("a.example/x", False)],
)  # fmt: skip
def test_urllist_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


def test_urllist_file_kinds(tmp_path: Path) -> None:
    named = tmp_path / "daftar.urls"
    named.write_text("Jakarta\n")  # named .urls: a list whatever it holds (its bad line is a failure)
    listed = tmp_path / "daftar.txt"
    listed.write_text("https://a.example/1\n")
    article = tmp_path / "artikel.txt"
    article.write_text("Presiden menerima tamu di Istana Merdeka.\n")
    assert [is_url_list(p) for p in (named, listed, article, tmp_path / "missing.urls")] == [
        True,
        True,
        False,
        False,
    ]


def test_urllist_every_line_fetched_and_bad_ones_are_failures(
    server: LocalServer, http_client: httpx.Client, settings: Settings, tmp_path: Path
) -> None:
    first = server.route("/berita/1", Reply(200, html_page("Menlu bertemu Dubes Jepang", ARTICLE)))
    second = server.route("/berita/2", Reply(200, html_page("Kedua", ARTICLE)))
    missing = server.url("/berita/hilang")  # a 404
    unreachable = f"http://127.0.0.1:{_closed_port()}/berita"
    listing = tmp_path / "daftar.urls"
    listing.write_text(f"# politik, Juni 2024\n{first}\n\nwww.example.com/no-scheme\n{missing}\n"
                       f"{unreachable}\n  {second}  \n")  # fmt: skip
    quick = settings.with_overrides({"http_retries": 0})
    items = list(iter_pages([str(listing)], quick, client=http_client, language="id"))
    assert [type(item) for item in items] == [Page, Failure, Failure, Failure, Page]
    assert [(p.source, p.url, p.language) for p in items if isinstance(p, Page)] == [
        (first, first, "id"), (second, second, "id")
    ]  # fmt: skip
    bad_line, not_found, refused = items[1:4]
    assert (
        isinstance(bad_line, Failure)
        and bad_line.source == f"{listing}:4"
        and "not an http(s) URL" in bad_line.reason
    )
    assert isinstance(not_found, Failure) and (not_found.source, not_found.url) == (missing, missing)
    assert isinstance(refused, Failure) and refused.transient and refused.source == unreachable


def test_urllist_txt_file_and_stdin(
    server: LocalServer, http_client: httpx.Client, settings: Settings, tmp_path: Path
) -> None:
    url = server.route("/berita/1", Reply(200, html_page("Menlu bertemu Dubes Jepang", ARTICLE)))
    listing = tmp_path / "daftar.txt"
    listing.write_text(f"{url}\n")
    (page,) = iter_pages([str(listing)], settings, client=http_client)
    assert isinstance(page, Page) and page.url == url
    (page,) = iter_pages(["-"], settings, client=http_client, stdin=io.BytesIO(f"{url}\n".encode()))
    assert isinstance(page, Page) and page.url == url
    article = tmp_path / "artikel.txt"  # a line of words next to an address: a text article, nothing fetched
    article.write_text(f"Menlu bertemu Dubes Jepang di Jakarta.\n{url}\n")
    (page,) = iter_pages([str(article)], settings, client=http_client)
    assert isinstance(page, Page) and page.url is None and "Dubes Jepang" in (page.text or "")


def test_urllist_without_addresses_is_one_failure(settings: Settings, tmp_path: Path) -> None:
    listing = tmp_path / "kosong.urls"
    listing.write_text("# nothing yet\n\n")
    (failure,) = iter_pages([str(listing)], settings)
    assert isinstance(failure, Failure) and "no URLs" in failure.reason and failure.source == str(listing)


def test_urllist_share_fetches_only_its_own_addresses(
    server: LocalServer, settings: Settings, tmp_path: Path
) -> None:
    urls = [server.route(f"/berita/{n}", Reply(200, html_page(f"Berita {n}", ARTICLE))) for n in range(5)]
    listing = tmp_path / "daftar.urls"
    listing.write_text("# lima berita\n" + "\n".join(urls[:2]) + "\nbukan-alamat\n" + "\n".join(urls[2:]) + "\n")
    shares = [list(iter_share(str(listing), settings, keep=lambda n, k=k: n % 2 == k)) for k in range(2)]
    seen = [[item.source for item in share] for share in shares]
    assert seen == [[urls[0], f"{listing}:4", urls[3]], [urls[1], urls[2], urls[4]]]
    fetched = [path for path in server.paths() if path != "/robots.txt"]
    assert sorted(fetched) == [f"/berita/{n}" for n in range(5)]  # each address once, by its own share
    empty = tmp_path / "kosong.urls"
    empty.write_text("\n")
    assert [len(list(iter_share(str(empty), settings, keep=lambda n, k=k: n % 2 == k))) for k in range(2)] == [
        1,
        0,
    ]
