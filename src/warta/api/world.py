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


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring with longitudes made continuous: a ring that crosses the antimeridian (Chukotka, Fiji) jumps
    from 179 to -179, which drawn as is would be a band across the whole map."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for i, (lon, lat) in enumerate(ring):
        if i and abs(lon - ring[i - 1][0]) > 180:
            shift += 360.0 if ring[i - 1][0] > lon else -360.0
        out.append((lon + shift, lat))
    return out


def outline_path(topology: dict[str, Any]) -> str:
    """Every polygon of every object of a TopoJSON topology as one SVG path in the map's view box.

    A ring that runs past 180 degrees east (or west) once unwrapped is drawn again one turn over, so both of
    its ends show; the view box clips what falls outside."""
    arcs = _decode_arcs(topology)
    parts: list[str] = []
    for obj in topology.get("objects", {}).values():
        for polygon in _polygons(obj):
            for indexes in polygon:
                ring = _unwrapped(_ring(arcs, indexes))
                if len(ring) < 3:
                    continue
                lons = [lon for lon, _ in ring]
                shifts = [0.0] + ([-360.0] if max(lons) > 180 else []) + ([360.0] if min(lons) < -180 else [])
                for shift in shifts:
                    points = [project(lon + shift, lat) for lon, lat in ring]
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
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
