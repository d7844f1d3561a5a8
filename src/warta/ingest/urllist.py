"""URL lists: a text file of article or feed addresses, one a line, each fetched as if given on the command line.

    # Politics desk, June 2024
    https://nasional.kompas.example/read/2024/06/19/menlu-bertemu
    https://www.antaranews.example/rss/politik.xml

Blank lines and lines starting with ``#`` are skipped. A file whose name ends in ``.urls`` is always a URL
list. A ``.txt`` file (or standard input) is one when each of its first lines is a single word, with no space
in it, and at least one of them is an http(s) address: the lines of a text article, even a one-line article,
have spaces between their words, so a file of addresses is never mistaken for an article or the reverse.

A line that is not an http(s) URL is one Failure (source ``list.urls:LINE``); a URL that cannot be fetched is
one Failure, as when it is given on the command line (source: the URL); the lines after it are still read.
Fetching goes through the run's :class:`~warta.ingest.http.Fetcher`: its delay per host, retries and
robots.txt apply to every address of the list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from warta.errors import ReadError
from warta.ingest.context import IngestContext, failure_from, guarded
from warta.ingest.web import iter_url
from warta.records import Failure, Page

#: Lines looked at to tell a ``.txt`` URL list from a text article.
SNIFF_LINES = 20
#: A line longer than this is no address (browsers and servers give up on URLs of a few kB).
MAX_URL_CHARS = 8192


def entries(lines: Iterable[bytes]) -> Iterator[tuple[int, str]]:
    """The (line number, stripped text) of every line that is neither blank nor a ``#`` comment. Addresses
    are ASCII or UTF-8 (an IRI); a byte that is neither shows as U+FFFD in the failure's message."""
    for number, raw in enumerate(lines, start=1):
        text = raw.decode("utf-8", errors="replace").strip().removeprefix("\ufeff")
        if text and not text.startswith("#"):
            yield number, text


def is_url(text: str) -> bool:
    """An absolute http(s) address with something after the ``//`` and no whitespace inside."""
    scheme, _, rest = text.partition("://")
    return (
        scheme.lower() in ("http", "https")
        and bool(rest)
        and len(text) <= MAX_URL_CHARS
        and not any(char.isspace() for char in text)
    )


def looks_like_url_list(head: bytes, *, complete: bool) -> bool:
    """Whether the first bytes of a ``.txt`` file or of standard input are a URL list (see the module doc);
    ``complete`` says ``head`` is the whole input, so its last line is whole too."""
    lines = head.split(b"\n")
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # cut by the sniff
    words = [text for _, text in islice(entries(lines), SNIFF_LINES)]
    return bool(words) and all(not any(c.isspace() for c in word) for word in words) and any(map(is_url, words))


def iter_url_list(
    lines: Iterable[bytes], *, source: str, ctx: IngestContext, keep: Callable[[int], bool] | None = None
) -> Iterator[Page | Failure]:
    """The Pages of every address in ``lines`` (a Failure for each bad line or unfetchable address).

    ``keep`` takes an entry's position (0-based, over the lines that are neither blank nor comments) and says
    whether this reader fetches it: a share of a Dask work unit fetches its own addresses only. Raises
    :class:`ReadError` when the list holds no address at all (in the share that keeps position 0).
    """
    count = 0
    for position, (number, text) in enumerate(entries(lines)):
        count += 1
        if keep is not None and not keep(position):
            continue
        if not is_url(text):
            shown = text if len(text) <= 80 else text[:77] + "..."
            error = ReadError(f"{source}:{number}: {shown!r} is not an http(s) URL; the line is skipped")
            yield failure_from(error, source=f"{source}:{number}")
            continue
        yield from guarded(iter_url(text, ctx), source=text, url=text)
    if count == 0 and (keep is None or keep(0)):
        raise ReadError(f"{source}: no URLs in the list (only blank lines and # comments)")


def iter_url_list_file(
    path: Path, *, source: str, ctx: IngestContext, keep: Callable[[int], bool] | None = None
) -> Iterator[Page | Failure]:
    """A URL list file, read line by line (a list of a million addresses is never held in memory)."""
    if not path.is_file():
        raise ReadError(f"{source}: no such file; check the path")
    try:
        with path.open("rb") as handle:
            yield from iter_url_list(handle, source=source, ctx=ctx, keep=keep)
    except OSError as exc:
        raise ReadError(f"{source}: cannot read ({exc.strerror or exc})") from exc


def count_entries(path: Path) -> int:
    """How many addresses (or bad lines) a URL list holds: its entries, not counting blanks and comments."""
    with path.open("rb") as handle:
        return sum(1 for _ in entries(handle))
