"""Run a pipeline in this process, one page after another.

The runners are the only place that knows how stages are executed; :mod:`warta.runners.dask` runs the same
pipeline over work units on a cluster.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from warta.pipeline import Pipeline
from warta.records import AnnotatedArticle, Failure, Page

log = logging.getLogger(__name__)


class LocalRunner:
    """Sequential execution: pages in, annotated articles or failures out, in input order."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def run(self, items: Iterable[Page | Failure]) -> Iterator[AnnotatedArticle | Failure]:
        """Process every page; failures from ingestion pass straight through."""
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            yield self.pipeline.process(item)
