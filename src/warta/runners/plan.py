"""Cutting a run's inputs into work units that workers can take one at a time.

A unit is one input as :func:`warta.ingest.iter_pages` reads it, and a share of its records: unit ``k`` of
``n`` keeps the records whose position in the input is ``k`` modulo ``n``. Every share reads the whole input
but processes only its own records; reading a WARC or JSONL record costs well under a millisecond, processing it
a few hundred, so a large archive is split this way without an index of its records. Because each share
sees the same sequence (failures included), every record, and every failure of the input itself, lands in
exactly one unit.

- a URL is one unit;
- a WARC or JSONL file gets one share per ``part_bytes`` of its size;
- a URL list (:mod:`warta.ingest.urllist`) gets one share per ``PART_URLS`` addresses, and at least one per
  worker (up to one per address, two per worker): fetching is slow, so even a short list is spread out. Its
  shares count addresses, not records (a feed's address may give many articles), and each share fetches only
  its own: reading a list costs microseconds an address, fetching one a second or more;
- a folder without HTML files becomes its files, each planned as above (the same ``source`` names as when the
  folder is read whole);
- a folder with HTML files stays whole, shared among the workers: a multi-page article is a chain of HTML files
  in one folder, and only a reader of the whole folder knows which files continue another.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from warta.errors import UsageError
from warta.ingest.files import is_url_list, kind_of, walk_folder
from warta.ingest.urllist import count_entries

#: Bytes of a WARC or JSONL file per unit: a few hundred news pages, a minute or two of one worker's time.
PART_BYTES = 4_000_000
SPLITTABLE = frozenset({"warc", "jsonl"})
#: Addresses of a URL list per unit: fetched at the default one request a second per host, a minute or two.
PART_URLS = 100
#: At most this many shares of one file: each share reads the whole file.
MAX_SHARES = 64


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """The records of ``input`` at positions ``part``, ``part + parts``, ...; ``index`` orders the units."""

    index: int
    input: str
    part: int = 0
    parts: int = 1

    def keeps(self, position: int) -> bool:
        """Whether the record at ``position`` (0-based, in the input's reading order) is this unit's."""
        return position % self.parts == self.part

    @property
    def label(self) -> str:
        return self.input if self.parts == 1 else f"{self.input} (share {self.part + 1} of {self.parts})"


def plan_units(inputs: Sequence[str], *, workers: int, part_bytes: int = PART_BYTES) -> list[WorkUnit]:
    """The work units of ``inputs`` in input order (see the module docstring); ``workers`` sets how many
    shares a folder of HTML files is cut into."""
    shares: list[tuple[str, int]] = []
    for item in inputs:
        if item == "-":
            raise UsageError("a Dask run cannot read standard input; give files, folders or URLs", code="W102")
        shares.extend(_shares(item, workers=max(1, workers), part_bytes=part_bytes))
    units: list[WorkUnit] = []
    for name, parts in shares:
        for part in range(parts):
            units.append(WorkUnit(index=len(units), input=name, part=part, parts=parts))
    return units


def _shares(item: str, *, workers: int, part_bytes: int) -> Iterator[tuple[str, int]]:
    if item.lower().startswith(("http://", "https://")):
        yield item, 1
        return
    path = Path(item)
    if not path.is_dir():
        yield item, _file_parts(path, part_bytes, workers)
        return
    files = list(walk_folder(path))
    if not files:
        yield item, 1  # read whole, so the run records why the folder gave nothing
    elif any(kind_of(file) == "html" for file in files):
        yield item, min(len(files), 2 * workers)
    else:
        for file in files:
            yield str(file), _file_parts(file, part_bytes, workers)


def _file_parts(path: Path, part_bytes: int, workers: int) -> int:
    if is_url_list(path):
        try:
            urls = count_entries(path)
        except OSError:
            return 1  # the reader reports it
        return max(1, min(MAX_SHARES, max(math.ceil(urls / PART_URLS), min(urls, 2 * workers))))
    if kind_of(path) not in SPLITTABLE:
        return 1
    try:
        size = path.stat().st_size
    except OSError:
        return 1  # the reader reports it
    return min(MAX_SHARES, max(1, math.ceil(size / part_bytes)))
