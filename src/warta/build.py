"""Assemble warta's default pipeline from its stages.

::

    page -> extract -> language -> annotate -> segment -> entities -> quotes -> speakers -> events
         -> AnnotatedArticle

Each stage comes from its own package (``warta.extract``, ``warta.nlp``, ``warta.quotes``, ``warta.events``);
this module only orders them. Shared resources (the gazetteer) are loaded once here and handed to the stages that
need them.
"""

from __future__ import annotations

from warta.events.events import make_events_stage
from warta.extract import make_extract_stage
from warta.nlp.entities import make_entities_stage
from warta.nlp.gazetteer import Gazetteer
from warta.nlp.gazetteer_data import load_gazetteer
from warta.nlp.language import make_language_stage
from warta.nlp.models import NerCandidates
from warta.nlp.segment import make_segment_stage
from warta.pipeline import Pipeline, start_annotation
from warta.quotes.quotes import make_quotes_stage
from warta.quotes.speaker_actors import make_speaker_actors_stage
from warta.settings import Settings


def build_pipeline(settings: Settings, *, gazetteer: Gazetteer | None = None) -> Pipeline:
    """The full pipeline from a :class:`~warta.records.Page` to an :class:`~warta.records.AnnotatedArticle`."""
    gazetteer = gazetteer or load_gazetteer()
    return Pipeline(
        [
            make_extract_stage(settings),
            make_language_stage(settings),
            start_annotation,
            make_segment_stage(max_tokens=settings.max_sentence_tokens),
            make_entities_stage(gazetteer, candidates=NerCandidates(settings) if settings.ner else None),
            make_quotes_stage(),
            make_speaker_actors_stage(gazetteer),
            make_events_stage(gazetteer, learned=settings.learned_events),
        ],
        seconds=settings.article_seconds,
    )
