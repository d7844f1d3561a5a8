"""Stages and the pipeline that chains them.

A stage is a plain callable ``record -> record`` with three attributes: ``name``, ``requires`` (what it reads)
and ``assigns`` (what it adds). The pipeline checks when it is built that every requirement is assigned by an
earlier stage, so a misordered pipeline fails at once, not halfway through a batch. Stages know nothing about
how they are executed: runners (``warta.runners``) call :meth:`Pipeline.process` one page at a time, locally or
on Dask workers.

The record names used in ``requires``/``assigns``:

- ``page``: the input :class:`~warta.records.Page` (given)
- ``article``: the :class:`~warta.records.Article` (from extraction), ``article.language`` once detected
- ``sentences``, ``entities``, ``quotes``, ``events``: fields of :class:`~warta.records.AnnotatedArticle`
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from warta.errors import BudgetError, InputError, UsageError
from warta.records import AnnotatedArticle, Article, Failure, Page

log = logging.getLogger(__name__)


class Stage(Protocol):
    """What the pipeline needs of a stage."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, record: Any, /) -> Any: ...


@dataclass(frozen=True, slots=True)
class FunctionStage:
    """A stage made from a plain function (see :func:`stage`)."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[[Any], Any]

    def __call__(self, record: Any, /) -> Any:
        return self.func(record)


def stage(
    *, name: str, requires: Sequence[str], assigns: Sequence[str]
) -> Callable[[Callable[[Any], Any]], FunctionStage]:
    """Decorator turning ``func(record) -> record`` into a stage with declared inputs and outputs."""

    def wrap(func: Callable[[Any], Any]) -> FunctionStage:
        return FunctionStage(name=name, requires=tuple(requires), assigns=tuple(assigns), func=func)

    return wrap


def wrap_article(article: Article) -> AnnotatedArticle:
    """Wrap an article so the annotating stages can add sentences, entities, quotes and events."""
    return AnnotatedArticle(article=article)


#: The ``annotate`` stage. Built from a function of another name: a decorated ``def`` would hide the
#: function behind the stage, and pickle finds a function by its name.
start_annotation = stage(name="annotate", requires=["article"], assigns=["document"])(wrap_article)


class Pipeline:
    """An ordered, checked chain of stages from a :class:`Page` to an :class:`AnnotatedArticle`."""

    def __init__(self, stages: Sequence[Stage], *, seconds: float = 0.0) -> None:
        available = {"page"}
        for st in stages:
            missing = [req for req in st.requires if req not in available]
            if missing:
                raise UsageError(
                    f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                    f"reorder the stages (available so far: {', '.join(sorted(available))})",
                    code="W110",
                )
            available.update(st.assigns)
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.assigns = frozenset(available)
        #: The time budget of one article (``settings.article_seconds``); 0: none.
        self.seconds = seconds

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(st.name for st in self.stages)

    def process(self, page: Page) -> AnnotatedArticle | Failure:
        """Run every stage on one page. Bad input becomes a :class:`Failure`; nothing is raised.

        An unexpected exception inside a stage is a bug, but one bad record must not stop a batch of
        thousands: it is logged with its traceback and recorded as a failure with code W999, terminal unless
        it is an :class:`OSError` (which a retry may not meet again).

        With a time budget (``seconds``), an article that has used it up when a stage ends, with stages
        still to run, becomes a terminal failure with code W250 (:class:`~warta.errors.BudgetError`) at that
        stage. The budget is checked between stages, which is why the size limits
        (``max_article_chars``, ``max_sentence_tokens``) keep each stage's own work bounded.
        """
        record: Any = page
        started = time.monotonic()
        for position, st in enumerate(self.stages, start=1):
            try:
                record = st(record)
                if self.seconds > 0 and position < len(self.stages):
                    self._check_budget(st.name, time.monotonic() - started)
            except InputError as exc:
                return self._failure(page, record, st.name, exc.code, exc.message, exc.transient)
            except Exception as exc:  # noqa: BLE001 - a crash in one record must not stop the batch
                log.exception("stage %s crashed on %s", st.name, page.source)
                # An OSError (a model file on a network disk that hiccupped, a timeout) may not happen again:
                # transient, so a runner may retry the record; anything else is a bug that will recur.
                transient = isinstance(exc, OSError)
                return self._failure(page, record, st.name, "W999", f"internal error: {exc!r}", transient)
        if not isinstance(record, AnnotatedArticle):
            raise UsageError(
                f"pipeline ended with {type(record).__name__}, not AnnotatedArticle; add the annotating stages",
                code="W111",
            )
        return record

    def _check_budget(self, stage_name: str, elapsed: float) -> None:
        if elapsed > self.seconds:
            raise BudgetError(
                f"still unfinished after {elapsed:.1f}s, at the end of stage {stage_name} (article_seconds is "
                f"{self.seconds:g}); raise article_seconds, or lower max_article_chars or max_sentence_tokens "
                "to read less of such an article"
            )

    @staticmethod
    def _failure(page: Page, record: Any, stage_name: str, code: str, reason: str, transient: bool) -> Failure:
        article = record.article if isinstance(record, AnnotatedArticle) else record
        record_id = article.id if isinstance(article, Article) else page.record_id
        return Failure(
            source=page.source,
            url=page.url,
            stage=stage_name,
            code=code,
            reason=reason,
            transient=transient,
            record_id=record_id,
        )
