"""Records <-> table rows, and the content hashes that make ids stable.

Nothing here knows SQL or a database driver: every backend turns an :class:`AnnotatedArticle` into the same
rows (plain tuples in table column order) and builds it back from them, so SQLite and PostgreSQL store
byte-identical data. Nested values (authors, captions, tokens, quantities) are compact JSON text.

Ids are content hashes: an entity is "this article, these offsets, this type", so re-processing an article
that finds the same entity gives it the same id, and an export or a link made last week still points at it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields, is_dataclass
from functools import cache
from typing import Any

from warta.records import (
    Actor,
    AnnotatedArticle,
    Article,
    Caption,
    Entity,
    Event,
    Failure,
    Limit,
    Place,
    Quantity,
    Quote,
    Sentence,
    Token,
)
from warta.store.rows import EntityRow, EventRow, QuoteRow, row_of
from warta.store.selects import ARTICLE_FIELDS

log = logging.getLogger(__name__)

#: Hex digits kept from a SHA-256: 80 bits, so a birthday collision needs ~10^12 rows.
ID_LENGTH = 20

#: Table columns in insert order; the row tuples below follow them exactly.
ARTICLE_COLUMNS = (
    "id", "url", "source", "title", "published", "language", "outlet", "authors", "text", "captions",
    "content_hash", "run_id", "first_seen", "updated", "repairs", "limits",
)  # fmt: skip
SENTENCE_COLUMNS = ("article_id", "idx", "start_char", "end_char", "tokens")
ENTITY_COLUMNS = (
    "id", "article_id", "idx", "text", "type", "country", "name", "kind", "sector", "role", "start_char",
    "end_char",
)  # fmt: skip
QUOTE_COLUMNS = (
    "id", "article_id", "idx", "speaker", "speaker_country", "text", "direct", "cue", "via", "start_char",
    "end_char", "speaker_start", "speaker_end", "speaker_actor", "speaker_affiliation",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "article_id", "idx", "type", "mode", "status", "date", "location", "trigger", "sentence",
    "start_char", "end_char", "attributed_to", "quantity", "place", "place_country",
)  # fmt: skip
FAILURE_COLUMNS = (
    "id", "source", "url", "stage", "code", "reason", "transient", "record_id", "run_id", "first_seen",
    "last_seen", "attempts",
)  # fmt: skip
ACTOR_COLUMNS = (
    "event_id", "side", "position", "text", "name", "country", "sector", "role", "start_char", "end_char",
)  # fmt: skip


def dumps(value: Any) -> str:
    """Canonical compact JSON: sorted keys and real unicode, so equal values give equal text (and hashes)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def hash_text(*parts: Any) -> str:
    """A short stable id from ``parts`` (anything JSON can encode)."""
    return hashlib.sha256(dumps(list(parts)).encode("utf-8")).hexdigest()[:ID_LENGTH]


def content_hash(doc: AnnotatedArticle) -> str:
    """Hash of everything in ``doc``; an article whose stored hash matches is not rewritten.

    The text hashed is the canonical JSON of ``dataclasses.asdict(doc)``, written without building that copy:
    JSON's encoder asks :func:`_record_fields` for each record's fields as it goes (``asdict`` deep-copies
    every value and took most of a save's time). ``article.repairs`` and ``article.limits`` count only when
    set: they were added to the records later, and an article that needed neither keeps the hash it had
    before, so upgrading warta does not rewrite every stored article.
    """
    text = json.dumps(
        doc, default=_record_fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


def _record_fields(value: Any) -> dict[str, Any]:
    """A record's fields by name (one level: the encoder comes back for the records inside)."""
    if not is_dataclass(value) or isinstance(value, type):
        raise TypeError(f"cannot hash a {type(value).__name__} inside an article")
    found = {name: getattr(value, name) for name in _field_names(type(value))}
    if isinstance(value, Article):
        for added_later in ("repairs", "limits"):
            if not found[added_later]:
                del found[added_later]
    return found


def unique_ids(keys: Iterable[Sequence[Any]]) -> list[str]:
    """Hash each key; a key seen before in the same article gets ``#2``, ``#3``... appended.

    A stage may legitimately emit two children with the same identity (two events of one type on one
    trigger with the same actors but different dates): they must not collide on the primary key, and the
    suffix depends only on order, so saving the same article again gives the same ids.
    """
    seen: dict[str, int] = {}
    ids = []
    for key in keys:
        base = hash_text(*key)
        n = seen.get(base, 0) + 1
        seen[base] = n
        ids.append(base if n == 1 else hash_text(*key, f"#{n}"))
    return ids


def _actor_key(actor: Actor) -> list[str | None]:
    return [actor.text, actor.name, actor.country]


def entity_ids(article_id: str, entities: Sequence[Entity]) -> list[str]:
    """Ids of an article's entities: article id, offsets and type."""
    return unique_ids(("entity", article_id, e.start, e.end, e.type) for e in entities)


def quote_ids(article_id: str, quotes: Sequence[Quote]) -> list[str]:
    """Ids of an article's quotes: article id, offsets and speaker."""
    return unique_ids(("quote", article_id, q.start, q.end, q.speaker) for q in quotes)


def event_ids(article_id: str, events: Sequence[Event]) -> list[str]:
    """Ids of an article's events: article id, type, trigger offsets and who the actors are.

    Sectors and roles are left out on purpose: a better actor dictionary may refine them without the event
    becoming a different event.
    """
    return unique_ids(
        (
            "event",
            article_id,
            ev.type,
            ev.start,
            ev.end,
            [_actor_key(a) for a in ev.source],
            [_actor_key(a) for a in ev.target],
        )
        for ev in events
    )


def failure_id(source: str, stage: str) -> str:
    """A failure is "this input failed at this stage": repeats of it count attempts on one row."""
    return hash_text("failure", source, stage)


# -- records -> rows ---------------------------------------------------------------------------------------


def article_row(
    doc: AnnotatedArticle, *, content_hash: str, run_id: str | None, first_seen: str, updated: str
) -> tuple:
    """The ``articles`` row of ``doc`` (see :data:`ARTICLE_COLUMNS`); ``content_hash`` is
    :func:`content_hash` of ``doc``, computed once by the caller to decide whether to write at all."""
    a = doc.article
    captions = [[c.text, c.credit] for c in a.captions]
    return (
        a.id, a.url, a.source, a.title, a.published, a.language, a.outlet, dumps(list(a.authors)), a.text,
        dumps(captions), content_hash, run_id, first_seen, updated, dumps(list(a.repairs)) if a.repairs else None,
        dumps([[x.setting, x.limit, x.found] for x in a.limits]) if a.limits else None,
    )  # fmt: skip


def sentence_rows(doc: AnnotatedArticle) -> list[tuple]:
    """``sentences`` rows; tokens are kept as one JSON list of ``[text, start, end, pos, lemma, head, dep]``."""
    return [
        (
            doc.article.id,
            i,
            s.start,
            s.end,
            dumps([[t.text, t.start, t.end, t.pos, t.lemma, t.head, t.dep] for t in s.tokens]),
        )
        for i, s in enumerate(doc.sentences)
    ]


def entity_rows(doc: AnnotatedArticle) -> list[tuple]:
    """``entities`` rows (see :data:`ENTITY_COLUMNS`)."""
    aid = doc.article.id
    return [
        (eid, aid, i, e.text, e.type, e.country, e.name, e.kind, e.sector, e.role, e.start, e.end)
        for i, (eid, e) in enumerate(zip(entity_ids(aid, doc.entities), doc.entities, strict=True))
    ]


def quote_rows(doc: AnnotatedArticle) -> list[tuple]:
    """``quotes`` rows (see :data:`QUOTE_COLUMNS`)."""
    aid = doc.article.id
    return [
        (qid, aid, i, q.speaker, q.speaker_country, q.text, q.direct, q.cue, q.via, q.start, q.end,
         q.speaker_start, q.speaker_end, actor_json(q.speaker_actor), q.speaker_affiliation)
        for i, (qid, q) in enumerate(zip(quote_ids(aid, doc.quotes), doc.quotes, strict=True))
    ]


def actor_json(actor: Actor | None) -> str | None:
    """An actor as JSON text (None stays None)."""
    return None if actor is None else dumps(asdict(actor))


def actor_from_json(text: str | None) -> Actor | None:
    """The inverse of :func:`actor_json`."""
    return None if text is None else Actor(**json.loads(text))


def place_json(place: Place | None) -> str | None:
    """A place as JSON text (None stays None)."""
    return None if place is None else dumps(asdict(place))


def quantity_json(quantity: Quantity | None) -> str | None:
    """A quantity as JSON text (None stays None)."""
    return None if quantity is None else dumps(asdict(quantity))


def event_rows(doc: AnnotatedArticle) -> tuple[list[tuple], list[tuple]]:
    """``events`` rows and ``event_actors`` rows (one per actor, with side and position)."""
    aid = doc.article.id
    events, actors = [], []
    for i, (eid, ev) in enumerate(zip(event_ids(aid, doc.events), doc.events, strict=True)):
        events.append(
            (
                eid,
                aid,
                i,
                ev.type,
                ev.mode,
                ev.status,
                ev.date,
                ev.location,
                ev.trigger,
                ev.sentence,
                ev.start,
                ev.end,
                ev.attributed_to,
                quantity_json(ev.quantity),
                place_json(ev.place),
                ev.place.country if ev.place else None,
            )
        )
        for side, group in (("source", ev.source), ("target", ev.target)):
            actors.extend(
                (eid, side, pos, a.text, a.name, a.country, a.sector, a.role, a.start, a.end)
                for pos, a in enumerate(group)
            )
    return events, actors


# -- rows -> records ---------------------------------------------------------------------------------------
# Rows come back as mappings (column name -> value) so the backends' cursor types do not matter.


def article_from_row(row: Any) -> Article:
    """Build an :class:`Article` from an ``articles`` row."""
    return Article(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        url=row["url"],
        title=row["title"],
        published=row["published"],
        language=row["language"],
        outlet=row["outlet"],
        authors=tuple(json.loads(row["authors"])),
        captions=tuple(Caption(text, credit) for text, credit in json.loads(row["captions"])),
        repairs=tuple(json.loads(row["repairs"])) if row["repairs"] else (),
        limits=tuple(Limit(*fields) for fields in json.loads(row["limits"])) if row["limits"] else (),
    )


def sentence_from_row(row: Any) -> Sentence:
    """Build a :class:`Sentence` (with its tokens) from a ``sentences`` row."""
    tokens = tuple(Token(*fields) for fields in json.loads(row["tokens"]))
    return Sentence(start=row["start_char"], end=row["end_char"], tokens=tokens)


def entity_from_row(row: Any) -> Entity:
    """Build an :class:`Entity` from an ``entities`` row."""
    return Entity(
        text=row["text"],
        type=row["type"],
        start=row["start_char"],
        end=row["end_char"],
        country=row["country"],
        name=row["name"],
        kind=row["kind"],
        sector=row["sector"],
        role=row["role"],
    )


def quote_from_row(row: Any) -> Quote:
    """Build a :class:`Quote` from a ``quotes`` row."""
    return Quote(
        speaker=row["speaker"],
        text=row["text"],
        start=row["start_char"],
        end=row["end_char"],
        direct=bool(row["direct"]),  # SQLite hands booleans back as 0/1
        speaker_country=row["speaker_country"],
        cue=row["cue"],
        via=row["via"],
        speaker_start=row["speaker_start"],
        speaker_end=row["speaker_end"],
        speaker_actor=actor_from_json(row["speaker_actor"]),
        speaker_affiliation=row["speaker_affiliation"],
    )


def actor_from_row(row: Any) -> Actor:
    """Build an :class:`Actor` from an ``event_actors`` row."""
    return Actor(
        text=row["text"],
        name=row["name"],
        country=row["country"],
        sector=row["sector"],
        role=row["role"],
        start=row["start_char"],
        end=row["end_char"],
    )


def place_from_json(text: str | None) -> Place | None:
    """The inverse of :func:`place_json`."""
    return None if text is None else Place(**json.loads(text))


def quantity_from_json(text: str | None) -> Quantity | None:
    """The inverse of :func:`quantity_json`."""
    if text is None:
        return None
    data = json.loads(text)
    return Quantity(value=data["value"], unit=data["unit"], approx=data["approx"], text=data["text"])


def event_from_row(row: Any, source: Sequence[Actor], target: Sequence[Actor]) -> Event:
    """Build an :class:`Event` from an ``events`` row and its actors."""
    return Event(
        type=row["type"],
        source=tuple(source),
        target=tuple(target),
        status=row["status"],
        trigger=row["trigger"],
        sentence=row["sentence"],
        start=row["start_char"],
        end=row["end_char"],
        mode=row["mode"],
        date=row["date"],
        location=row["location"],
        attributed_to=row["attributed_to"],
        quantity=quantity_from_json(row["quantity"]),
        place=place_from_json(row["place"]),
    )


# -- selected rows: a record with its stored id and its article's metadata ---------------------------------

def _article_fields(row: Any) -> dict[str, Any]:
    return {name: row[name] for name in ARTICLE_FIELDS}


def selected_event(row: Any, source: Sequence[Actor], target: Sequence[Actor]) -> EventRow:
    """An :class:`EventRow` from an ``events`` row joined with its article, and its actors."""
    event = event_from_row(row, source, target)
    return row_of(EventRow, event, id=row["id"], article_id=row["article_id"], **_article_fields(row))


def selected_quote(row: Any) -> QuoteRow:
    """A :class:`QuoteRow` from a ``quotes`` row joined with its article."""
    quote = quote_from_row(row)
    return row_of(QuoteRow, quote, id=row["id"], article_id=row["article_id"], **_article_fields(row))


def selected_entity(row: Any) -> EntityRow:
    """An :class:`EntityRow` from an ``entities`` row joined with its article."""
    entity = entity_from_row(row)
    return row_of(EntityRow, entity, id=row["id"], article_id=row["article_id"], **_article_fields(row))


def failure_from_row(row: Any) -> Failure:
    """Build a :class:`Failure` from a ``failures`` row."""
    return Failure(
        source=row["source"], stage=row["stage"], code=row["code"], reason=row["reason"], url=row["url"],
        transient=bool(row["transient"]), record_id=row["record_id"],
    )  # fmt: skip


def failure_row(failure: Failure, *, run_id: str | None, now: str) -> tuple:
    """The ``failures`` row of a first failure (see :data:`FAILURE_COLUMNS`)."""
    f = failure
    return (
        failure_id(f.source, f.stage), f.source, f.url, f.stage, f.code, f.reason, f.transient, f.record_id,
        run_id, now, now, 1,
    )  # fmt: skip
