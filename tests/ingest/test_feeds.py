from __future__ import annotations

import pytest

from warta.errors import ReadError
from warta.ingest.feeds import FeedEntry, looks_like_feed, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Berita Nasional</title>
<item><title>  Presiden  menerima PM Malaysia </title><link>/nasional/presiden-pm-malaysia</link>
  <pubDate>Sun, 12 May 2024 06:00:00 +0700</pubDate></item>
<item><title>Unjuk rasa di depan DPR</title><link>https://berita.example/unjuk-rasa</link></item>
<item><title>Tanpa tautan</title></item>
</channel></rss>
"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- generated -->
<feed xmlns="http://www.w3.org/2005/Atom"><title>World</title>
<entry><title>Ministers meet in Geneva</title><link href="https://news.example/geneva"/>
  <updated>2024-05-13T01:30:00+07:00</updated></entry>
</feed>
"""


def test_parse_feed_rss_entries() -> None:
    entries = parse_feed(RSS, base_url="https://berita.example/rss")
    assert entries == [
        # 06:00 WIB on 12 May is 11 May in UTC: the publisher's own date is kept.
        FeedEntry(
            "https://berita.example/nasional/presiden-pm-malaysia", "Presiden menerima PM Malaysia", "2024-05-12"
        ),
        FeedEntry("https://berita.example/unjuk-rasa", "Unjuk rasa di depan DPR", None),
        FeedEntry(None, "Tanpa tautan", None),
    ]


def test_parse_feed_atom_updated_date() -> None:
    assert parse_feed(ATOM) == [FeedEntry("https://news.example/geneva", "Ministers meet in Geneva", "2024-05-13")]


def test_parse_feed_from_file_resolves_links_against_site_link() -> None:
    rss = b"""<rss version="2.0"><channel><title>Berita</title><link>https://berita.example/</link>
    <item><title>Satu</title><link>/nasional/satu</link></item></channel></rss>"""
    assert parse_feed(rss) == [FeedEntry("https://berita.example/nasional/satu", "Satu", None)]


def test_parse_feed_refuses_html() -> None:
    with pytest.raises(ReadError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>Bukan feed</p></body></html>", base_url="https://berita.example/")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RSS, True),
        (ATOM, True),
        (b'<rdf:RDF xmlns:rdf="x"><item/></rdf:RDF>', True),
        (b"\xef\xbb\xbf<rss version='2.0'/>", True),
        (b"<!DOCTYPE html><html></html>", False),
        (b"rss", False),
    ],
)
def test_looks_like_feed(data: bytes, expected: bool) -> None:
    assert looks_like_feed(data) is expected
