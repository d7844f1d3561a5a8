"""The world outline of the map page: Natural Earth's land polygons (1:110m) from the npm package world-atlas,
installed by ``make setup`` (never copied into the repository), drawn as one SVG path.

The map is equirectangular in a 360 x 180 view box, ``x = lon + 180`` and ``y = 90 - lat``, so a place's
coordinates need no projection library to land on the outline. TopoJSON stores each ring as a list of
shared *arcs*, quantised and delta-encoded: the n-th point of an arc is the sum of its first n deltas,
scaled by the topology's ``transform``; a negative arc index ``~i`` means arc ``i`` walked backwards.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

WIDTH = 360
HEIGHT = 180


def project(lon: float, lat: float) -> tuple[float, float]:
    """A longitude and latitude as a point of the map's view box."""
    return lon + 180.0, 90.0 - lat


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        points: list[tuple[float, float]] = []
        x = y = 0.0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their meeting point: keep it once.
        ring.extend(points[1:] if ring else points)
    return ring


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["arcs"])
    if geometry.get("type") == "GeometryCollection":
        return [p for g in geometry.get("geometries", []) for p in _polygons(g)]
    return []


def outline_path(topology: dict[str, Any]) -> str:
    """Every polygon of every object of a TopoJSON topology as one SVG path in the map's view box."""
    arcs = _decode_arcs(topology)
    parts: list[str] = []
    for obj in topology.get("objects", {}).values():
        for polygon in _polygons(obj):
            for indexes in polygon:
                ring = [project(lon, lat) for lon, lat in _ring(arcs, indexes)]
                if len(ring) >= 3:
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + "Z")
    return "".join(parts)


@lru_cache(maxsize=4)
def load_outline(path: Path) -> str | None:
    """The outline in the TopoJSON file ``path``, or None (logged) when it is not installed or unreadable:
    the map then shows its places on a graticule alone."""
    try:
        return outline_path(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        log.warning("no world outline for the map (%s): %s; run `make setup` to install it", path, exc)
        return None
