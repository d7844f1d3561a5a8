"""The output contract (``"schema": "warta/1"``): annotated articles as plain JSON objects.

The contract is documented as a JSON Schema in ``warta/schema/warta-1.schema.json``; :func:`validate_output`
checks a document against it. Later versions only add fields, so consumers may ignore what they do not know.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Any

from warta.records import SCHEMA, Actor, AnnotatedArticle, Event


def actor_to_dict(actor: Actor) -> dict[str, Any]:
    """An actor as the contract's ``{text, name, country, sector, role}`` plus its offsets."""
    return {
        "text": actor.text,
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
        "role": actor.role,
        "start": actor.start,
        "end": actor.end,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    """One event in contract form."""
    return {
        "type": event.type,
        "mode": event.mode,
        "source": [actor_to_dict(a) for a in event.source],
        "target": [actor_to_dict(a) for a in event.target],
        "status": event.status,
        "date": event.date,
        "location": event.location,
        "trigger": event.trigger,
        "sentence": event.sentence,
        "start": event.start,
        "end": event.end,
        "attributed_to": event.attributed_to,
        "quantity": asdict(event.quantity) if event.quantity else None,
        "place": asdict(event.place) if event.place else None,
    }


def to_contract(doc: AnnotatedArticle) -> dict[str, Any]:
    """The ``warta/1`` JSON object for one annotated article.

    ``article.repairs`` (added to ``warta/1`` after its first release, so optional) appears only when the
    input had to be mended: the output of an intact input is what it always was. ``article.limits`` (added
    later still) likewise appears only when the article reached a budget (``max_article_chars``,
    ``max_sentence_tokens``).
    """
    art = doc.article
    article: dict[str, Any] = {
        "id": art.id,
        "url": art.url,
        "source": art.source,
        "title": art.title,
        "published": art.published,
        "language": art.language,
        "outlet": art.outlet,
        "authors": list(art.authors),
        "text": art.text,
        "captions": [{"text": c.text, "credit": c.credit} for c in art.captions],
    }
    if art.repairs:
        article["repairs"] = list(art.repairs)
    if art.limits:
        article["limits"] = [asdict(limit) for limit in art.limits]
    return {
        "schema": SCHEMA,
        "article": article,
        "entities": [
            {
                "text": e.text,
                "type": e.type,
                "country": e.country,
                "start": e.start,
                "end": e.end,
                "name": e.name,
                "kind": e.kind,
                "sector": e.sector,
                "role": e.role,
            }
            for e in doc.entities
        ],
        "quotes": [
            {
                "speaker": q.speaker,
                "speaker_country": q.speaker_country,
                "text": q.text,
                "direct": q.direct,
                "cue": q.cue,
                "via": q.via,
                "start": q.start,
                "end": q.end,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "speaker_actor": actor_to_dict(q.speaker_actor) if q.speaker_actor else None,
                "speaker_affiliation": q.speaker_affiliation,
            }
            for q in doc.quotes
        ],
        "events": [event_to_dict(ev) for ev in doc.events],
    }


@cache
def contract_schema() -> dict[str, Any]:
    """The JSON Schema of the contract, loaded once."""
    text = resources.files("warta").joinpath("schema/warta-1.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_output(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``document`` does not follow the contract."""
    import jsonschema

    jsonschema.Draft202012Validator(contract_schema()).validate(document)
