"""Chart geometry, the map outline and the article highlights, on small inputs whose answers are known."""

from __future__ import annotations

import pytest

from warta.api.charts import dyad_graph, map_points, timeline_bars, timeline_series
from warta.api.filters import event_filter, quad_types
from warta.api.highlight import Span, article_runs
from warta.api.world import outline_path, project
from warta.errors import UsageError
from warta.records import Place


def test_charts_timeline_stacks_quad_classes_per_day():
    rows = [("2024-06-01", "CONSULT", 2), ("2024-06-01", "ASSAULT", 1), ("2024-06-03", "AID", 4)]
    series = timeline_series(rows)
    assert series["days"] == ["2024-06-01", "2024-06-03"]
    counts = {q["quad"]: q["counts"] for q in series["quads"]}
    assert counts == {1: [2, 0], 2: [0, 4], 3: [0, 0], 4: [1, 0]}
    bars, top = timeline_bars(series, width=100, height=40)
    assert top == 4
    first_day = [b for b in bars if b.day == "2024-06-01"]
    assert [b.quad for b in first_day] == [1, 4]
    assert first_day[0].y + first_day[0].height == 40  # stacked from the axis up
    assert first_day[1].y + first_day[1].height == first_day[0].y
    assert sum(b.height for b in first_day) == pytest.approx(30)
    assert timeline_bars(timeline_series([])) == ([], 0)
    monthly = timeline_series(rows + [("2024-07-09", "AID", 1)], by="month")
    assert monthly["days"] == ["2024-06", "2024-07"] and monthly["quads"][1]["counts"] == [4, 1]
    with pytest.raises(UsageError):
        timeline_series(rows, by="year")


def test_charts_dyads_put_actors_on_a_circle_and_sum_types():
    rows = [("USA", "CHN", "ACCUSE", 3), ("USA", "CHN", "SANCTION", 1), ("IDN", "AUS", "AID", 2),
            ("CHN", "CHN", "ACCUSE", 5)]  # fmt: skip
    nodes, edges = dyad_graph(rows, size=200)
    assert [n.name for n in nodes][:2] == ["CHN", "USA"]  # most active first
    for n in nodes:
        assert (n.x - 100) ** 2 + (n.y - 100) ** 2 == pytest.approx(40**2, rel=1e-3)
    by_pair = {(e.source, e.target): e for e in edges}
    assert ("CHN", "CHN") not in by_pair  # a loop has no line to draw
    assert by_pair[("USA", "CHN")].total == 4 and by_pair[("USA", "CHN")].types == (("ACCUSE", 3), ("SANCTION", 1))
    assert by_pair[("USA", "CHN")].quad == 3 and by_pair[("IDN", "AUS")].quad == 2
    usa = next(n for n in nodes if n.name == "USA")
    edge = by_pair[("USA", "CHN")]
    assert (edge.x1 - usa.x) ** 2 + (edge.y1 - usa.y) ** 2 > usa.r**2  # starts at the rim, not the centre


def test_charts_map_points_project_and_scale():
    places = [(Place("Jakarta", "Jakarta", "IDN", "capital", -6.2, 106.8), 4),
              (Place("Laut", "Laut", None, None, None, None), 9),
              (Place("Quito", "Quito", "ECU", "capital", -0.2, -78.5), 1)]  # fmt: skip
    points = map_points(places)
    assert [p.name for p in points] == ["Jakarta", "Quito"]  # unlocated places are left out
    assert (points[0].x, points[0].y) == pytest.approx((286.8, 96.2))
    assert points[0].r > points[1].r
    assert project(0, 0) == (180, 90)


def test_world_outline_decodes_quantised_arcs_and_antimeridian_rings():
    # One square of arcs quantised on a 1-degree grid from (10, 10), and a ring crossing 180 degrees.
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [10, 10]},
        "arcs": [[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, 0], [0, -10]],
                 [[169, 0], [2, 0], [-360, 5], [0, 5], [358, 0]]],
        "objects": {"land": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]]}, {"type": "MultiPolygon", "arcs": [[[2]]]}]}},
    }  # fmt: skip
    path = outline_path(topology)
    rings = path.split("M")[1:]
    assert rings[0] == "190.0,80.0L200.0,80.0L200.0,70.0L190.0,70.0L190.0,80.0Z"
    # The ring from 179 to 181 degrees east is drawn at the right edge and once more at the left.
    assert len(rings) == 3 and rings[1].startswith("359.0,80.0") and rings[2].startswith("-1.0,80.0")
    assert outline_path({"arcs": [], "objects": {}}) == ""


def test_highlight_runs_link_to_the_narrowest_span():
    text = "Retno said the talks went well."
    spans = [Span(0, 31, "quote", "quote-q1", "quote"), Span(0, 5, "entity", "entity-0", "PER Retno"),
             Span(15, 20, "trigger", "event-e1", "CONSULT talks")]  # fmt: skip
    runs = article_runs(text, spans, [0])
    assert "".join(r.text for r in runs) == text
    assert [(r.text, r.anchor) for r in runs] == [
        ("Retno", "entity-0"), (" said the ", "quote-q1"), ("talks", "event-e1"), (" went well.", "quote-q1")]
    assert runs[0].sentence_ids == ["s-0"] and runs[2].kinds == ["quote", "trigger"]


def test_filters_quad_classes_are_their_types():
    assert quad_types(["1"]) == ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")
    with pytest.raises(UsageError):
        quad_types(["5"])
    f = event_filter(type=["CONSULT,ASSAULT"], quad=["4"])
    assert f.types == ("ASSAULT",)
    with pytest.raises(UsageError, match="nothing can match"):
        event_filter(type=["CONSULT"], quad=["4"])
    assert event_filter(q="  ", country="idn").text is None and event_filter(country="idn").country == "IDN"
