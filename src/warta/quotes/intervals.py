"""Is a position inside one of many spans? Answered in logarithmic time.

The quotes stage asks this of every token: is it between quotation marks? Scanning every span for every
token costs tokens x spans, which is nothing for an article with a dozen quotes and minutes for a page of
10,000 quote marks (a forum dump, a table of quoted codes). Sorted starts and a running maximum of the ends
answer the same question exactly with one binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """A fixed set of half-open ``[start, end)`` spans (they may overlap or nest)."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # _reach[i]: the furthest end among the first i + 1 spans by start.
        self._reach = list(accumulate((end for _, end in ordered), max))

    def covers(self, pos: int) -> bool:
        """Whether some span has ``start <= pos < end``."""
        i = bisect_right(self._starts, pos)
        return i > 0 and self._reach[i - 1] > pos

    def covers_inside(self, pos: int) -> bool:
        """Whether some span has ``start < pos < end`` (``pos`` strictly inside, not on its first position)."""
        i = bisect_left(self._starts, pos)
        return i > 0 and self._reach[i - 1] > pos
