"""Chart data and geometry for the web pages, drawn as plain SVG by the templates (no chart library, no
script): the timeline (events per day stacked by quad class), the dyad graph (actors as nodes on a circle,
event counts by type as edges) and the map (places as circles sized by their event counts).

Geometry is computed here rather than in the templates so that it can be tested, and so that a template
only writes numbers and escaped text into SVG attributes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from warta.api.filters import QUAD_OF, QUADS
from warta.api.world import project
from warta.errors import UsageError
from warta.records import Place

#: More days than this and the timeline page counts by month (a bar a day would be thinner than a pixel).
MAX_DAYS = 120


def timeline_series(rows: Sequence[tuple[str, str, int]], *, by: str = "day") -> dict:
    """``(day, type, count)`` rows as one count per day (``by="month"``: per month, "2024-06") for each quad
    class; periods without events are left out. ``days`` holds the periods."""
    if by not in ("day", "month"):
        raise UsageError(f"by must be day or month, got {by!r}")
    width = 10 if by == "day" else 7
    days = sorted({day[:width] for day, _, _ in rows})
    index = {day: i for i, day in enumerate(days)}
    counts = {number: [0] * len(days) for number in QUADS}
    for day, event_type, n in rows:
        counts[QUAD_OF[event_type]][index[day[:width]]] += n
    return {
        "by": by,
        "days": days,
        "quads": [{"quad": number, "name": QUADS[number][0], "counts": counts[number]} for number in QUADS],
    }


@dataclass(frozen=True, slots=True)
class Bar:
    """One segment of a stacked bar: its day, quad class and count, and its rectangle."""

    day: str
    quad: int
    count: int
    x: float
    y: float
    width: float
    height: float


def timeline_bars(series: dict, *, width: float = 960, height: float = 240) -> tuple[list[Bar], int]:
    """The stacked bars of a timeline series in a ``width`` x ``height`` plot, and the largest day total."""
    days = series["days"]
    if not days:
        return [], 0
    totals = [sum(q["counts"][i] for q in series["quads"]) for i in range(len(days))]
    top = max(totals)
    step = width / len(days)
    bars: list[Bar] = []
    for i, day in enumerate(days):
        y = height
        for q in series["quads"]:
            n = q["counts"][i]
            if n:
                h = height * n / top
                y -= h
                bars.append(Bar(day, q["quad"], n, round(i * step + step * 0.1, 2), round(y, 2),
                                round(max(step * 0.8, 1.0), 2), round(h, 2)))  # fmt: skip
    return bars, top


@dataclass(frozen=True, slots=True)
class Node:
    name: str
    x: float
    y: float
    events: int
    r: float


@dataclass(frozen=True, slots=True)
class Edge:
    """All events from ``source`` to ``target``: their total and their counts by type."""

    source: str
    target: str
    total: int
    types: tuple[tuple[str, int], ...]
    x1: float
    y1: float
    x2: float
    y2: float
    quad: int  # the quad class of most of its events: the edge's colour


def dyad_graph(
    rows: Sequence[tuple[str, str, str, int]], *, size: float = 600, max_nodes: int = 24
) -> tuple[list[Node], list[Edge]]:
    """Actors on a circle (the most active first, clockwise from the top) and an edge per directed dyad."""
    activity: dict[str, int] = defaultdict(int)
    dyads: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for source, target, event_type, n in rows:
        activity[source] += n
        activity[target] += n
        dyads[(source, target)][event_type] += n
    names = sorted(activity, key=lambda a: (-activity[a], a))[:max_nodes]
    centre, radius = size / 2, size / 2 - 60
    place = {}
    for i, name in enumerate(names):
        angle = 2 * math.pi * i / max(len(names), 1) - math.pi / 2
        place[name] = (round(centre + radius * math.cos(angle), 1), round(centre + radius * math.sin(angle), 1))
    radius_of = {name: 6.0 + min(activity[name], 14) for name in names}
    nodes = [Node(name, *place[name], activity[name], radius_of[name]) for name in names]
    edges: list[Edge] = []
    for (source, target), types in sorted(dyads.items(), key=lambda item: -sum(item[1].values())):
        if source not in place or target not in place or source == target:
            continue
        ordered = tuple(sorted(types.items(), key=lambda item: (-item[1], item[0])))
        by_quad: dict[int, int] = defaultdict(int)
        for event_type, n in ordered:
            by_quad[QUAD_OF[event_type]] += n
        quad = max(sorted(by_quad), key=lambda q: by_quad[q])
        ends = _between(place[source], place[target], radius_of[source], radius_of[target])
        edges.append(Edge(source, target, sum(types.values()), ordered, *ends, quad))
    return nodes, edges


def _between(a: tuple[float, float], b: tuple[float, float], ra: float, rb: float) -> tuple[float, ...]:
    """The line from circle ``a`` to circle ``b``, starting and ending at their rims (so the arrowhead shows)
    and moved 3 units to its left, so that A->B and B->A are two lines side by side."""
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    ox, oy = uy * 3.0, -ux * 3.0
    return (round(x1 + ux * (ra + 2) + ox, 1), round(y1 + uy * (ra + 2) + oy, 1),
            round(x2 - ux * (rb + 2) + ox, 1), round(y2 - uy * (rb + 2) + oy, 1))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Point:
    name: str
    country: str | None
    count: int
    x: float
    y: float
    r: float


def map_points(places: Sequence[tuple[Place, int]]) -> list[Point]:
    """Places with coordinates as circles on the map (area grows with the count), largest drawn first."""
    located = [(p, n) for p, n in places if p.lat is not None and p.lon is not None]
    if not located:
        return []
    top = max(n for _, n in located)
    points = []
    for place, n in sorted(located, key=lambda item: -item[1]):
        x, y = project(place.lon, place.lat)  # type: ignore[arg-type]
        points.append(Point(place.name, place.country, n, round(x, 2), round(y, 2),
                            round(1.2 + 5.0 * math.sqrt(n / top), 2)))  # fmt: skip
    return points
