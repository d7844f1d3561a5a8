from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.ingest.pagination import find_next_page, page_number

BASE = "https://berita.example/nasional/menlu-bertemu-menlu-jepang"


def body(links: str, *, head: str = "") -> str:
    return (
        f"<html><head><title>Menlu bertemu Menlu Jepang</title>{head}</head><body><article>"
        f"<p>Menteri Luar Negeri bertemu mitranya di Tokyo.</p>{links}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (body("", head='<link rel="next" href="?page=2">'), BASE + "?page=2"),
        (body('<a rel="next nofollow" href="/nasional/menlu-bertemu-menlu-jepang/2">lanjut</a>'), BASE + "/2"),
        (body('<a href="hal2">Halaman 2</a>'), "https://berita.example/nasional/hal2"),
        (body('<a href="p2">Halaman berikutnya</a>'), "https://berita.example/nasional/p2"),
        (body('<a href="p2">Selanjutnya »</a>'), "https://berita.example/nasional/p2"),
        (body('<a href="p2"> Berikutnya </a>'), "https://berita.example/nasional/p2"),
        (body('<a href="p2">Next page</a>'), "https://berita.example/nasional/p2"),
        (body('<a href="p2">Next</a>'), "https://berita.example/nasional/p2"),
        (body('<a href="p2">›</a>'), "https://berita.example/nasional/p2"),
        (body('<a href="p2">»</a>'), "https://berita.example/nasional/p2"),
        (body('<a href="p2" aria-label="Next page"><svg></svg></a>'), "https://berita.example/nasional/p2"),
    ],
    ids=[
        "link-rel-next",
        "a-rel-next",
        "halaman-2",
        "halaman-berikutnya",
        "selanjutnya",
        "berikutnya",
        "next-page",
        "next",
        "single-guillemet",
        "double-guillemet",
        "aria-label",
    ],
)
def test_find_next_page_markers(html: str, expected: str) -> None:
    assert find_next_page(html, BASE) == expected


def test_find_next_page_numbered_list_on_first_page() -> None:
    html = body('<div>Halaman <b>1</b> <a href="?page=2">2</a> <a href="?page=3">3</a></div>')
    assert find_next_page(html, BASE) == BASE + "?page=2"


def test_find_next_page_numbered_list_marks_current_page() -> None:
    links = '<a href="?page=1">1</a> <a class="active" href="?page=2">2</a> <a href="?page=3">3</a>'
    assert find_next_page(body(links), BASE + "?page=2") == BASE + "?page=3"


def test_find_next_page_numbered_list_current_page_from_gap() -> None:
    # Page 2 of 3, the current number not linked and not marked: "[1] 2 [3]".
    html = body('<a href="a1">1</a> <span>2</span> <a href="a3">3</a>')
    assert find_next_page(html, "https://berita.example/nasional/a2") == "https://berita.example/nasional/a3"


@pytest.mark.parametrize(
    ("base", "link", "expected"),
    [
        (BASE + "?page=2", "?page=3", BASE + "?page=3"),
        (BASE + "?id=7&page=2", "?page=3&id=7", BASE + "?page=3&id=7"),
        (BASE, BASE + "/2", BASE + "/2"),
        (BASE + "/2", BASE + "/3", BASE + "/3"),
    ],
    ids=["query", "query-other-params", "path-first", "path-second"],
)
def test_find_next_page_url_pattern(base: str, link: str, expected: str) -> None:
    html = body(f'<a href="{link}"><img src="panah.png"></a>')
    assert find_next_page(html, base) == expected


@pytest.mark.parametrize(
    "links",
    [
        "",
        '<a href="https://lain.example/berita?page=2">Selanjutnya</a>',
        '<a href="javascript:next()">Next</a>',
        f'<a href="{BASE}#komentar">Next</a>',
        '<a href="#komentar">2</a>',
        '<a href="/nasional/berita-lain">Berita lain</a>',
        '<a href="?page=3">3</a>',
        '<a href="/berita/13">13</a>',
    ],
    ids=[
        "no-links",
        "other-site",
        "javascript",
        "self",
        "fragment",
        "unrelated",
        "skips-a-page",
        "article-number",
    ],
)
def test_find_next_page_none(links: str) -> None:
    assert find_next_page(body(links), BASE) is None


def test_find_next_page_last_page_of_list() -> None:
    html = body('<a href="?page=1">1</a> <a href="?page=2">2</a> <span class="current">3</span>')
    assert find_next_page(html, BASE + "?page=3") is None


def test_find_next_page_resolves_against_base_tag() -> None:
    html = body('<a href="p2">Berikutnya</a>', head='<base href="https://berita.example/arsip/">')
    assert find_next_page(html, BASE) == "https://berita.example/arsip/p2"


def test_find_next_page_accepts_other_scheme_and_www_of_same_site() -> None:
    assert find_next_page(body('<a href="http://www.berita.example/p2">Next</a>'), BASE) == (
        "http://www.berita.example/p2"
    )


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        # another site's "next" link is passed over (dropped before it is resolved), the site's own taken
        ('<a rel="next" href="https://lain.example/p2">2</a><a rel="next" href="//www.berita.example/p2">2</a>',
         "https://www.berita.example/p2"),
        ('<a rel="next" href="//lain.example/p2">2</a><a rel="next" href="HTTPS://berita.example/p3">3</a>',
         "https://berita.example/p3"),
        ('<a rel="next" href="ftp://berita.example/p2">2</a><a rel="next" href="p4">4</a>',
         "https://berita.example/nasional/p4"),
    ],
)  # fmt: skip
def test_find_next_page_drops_other_sites_links(links: str, expected: str) -> None:
    assert find_next_page(body(links), BASE) == expected


@pytest.mark.parametrize("marker", ['class="Active"', 'class="page IS-CURRENT"', 'aria-current="page"'])
def test_find_next_page_current_page_marker_in_any_case(marker: str) -> None:
    links = f'<a href="?page=1">1</a> <span {marker}>2</span> <a href="?page=3">3</a> <a href="?page=4">4</a>'
    assert find_next_page(body(links), BASE) == BASE + "?page=3"


@pytest.mark.parametrize("html", ["", "   ", "<!-- kosong -->", '<?xml version="1.0" encoding="utf-8"?>'])
def test_find_next_page_empty_documents(html: str) -> None:
    assert find_next_page(html, BASE) is None


def test_find_next_page_xhtml_with_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + body('<a rel="next" href="p2">2</a>')
    assert find_next_page(html, BASE) == "https://berita.example/nasional/p2"


def test_find_next_page_local_file_url() -> None:
    html = body('<a href="berita-2.html">Halaman 2</a>')
    assert find_next_page(html, "file:///data/berita.html") == "file:///data/berita-2.html"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.id/a?id=7&page=3", ("//x.id/a?id=7", 3)),
        ("https://www.x.id/judul-berita/2", ("//x.id/judul-berita", 2)),
        ("https://x.id/tag/page/4/", ("//x.id/tag", 4)),
        ("https://x.id/berita/12", ("//x.id/berita/12", 1)),
        ("https://x.id/a?p=5", ("//x.id/a?p=5", 1)),
    ],
)
def test_page_number(url: str, expected: tuple[str, int]) -> None:
    assert page_number(url) == expected


_TOKENS = st.sampled_from(
    ["<a ", "<link ", "href=", 'rel="next"', ">", "</a>", "?page=2", "/2", "#x", "Next", "2", "http://[::1"]
)
_NOISE = st.text(alphabet=st.sampled_from(list("<>a/ =\"'#?&12xyz\x00\ud800")), max_size=5)


@given(st.lists(st.one_of(_TOKENS, _NOISE), max_size=30).map("".join))
def test_find_next_page_never_raises(html: str) -> None:
    result = find_next_page(html, BASE)
    assert result is None or result.startswith("https://berita.example/")
