"""The assembled pipeline: every stage is picklable, so a runner can ship it to another process."""

from __future__ import annotations

import pickle

from warta.build import build_pipeline
from warta.ingest import iter_pages
from warta.jobs import demo_inputs
from warta.output import to_contract
from warta.records import AnnotatedArticle
from warta.settings import Settings


def test_build_pipeline_round_trips_through_pickle(settings: Settings) -> None:
    pipeline = build_pipeline(settings)
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy.names == pipeline.names
    pages = [page for page in iter_pages(demo_inputs(), settings) if not hasattr(page, "reason")]
    assert len(pages) == 2
    for page in pages:
        original, unpickled = pipeline.process(page), copy.process(page)
        assert isinstance(original, AnnotatedArticle)
        assert isinstance(unpickled, AnnotatedArticle)
        assert to_contract(unpickled) == to_contract(original)
        assert original.events and original.quotes  # the samples exercise every stage
