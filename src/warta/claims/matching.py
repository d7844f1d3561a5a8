"""How the ledger matches events: actor keys, merge buckets, and the event types a stretch of words names.

Shared by :mod:`warta.claims.evidence` (stances and denials) and :mod:`warta.claims.citations` (cited
evidence). Type words come from the event coder's trigger lexicon: one vocabulary for both, so a type the
coder recognises is recognised here too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from warta.events.lexicon import load_lexicon
from warta.records import SYMMETRIC_TYPES, Actor, Event

#: Statuses of an event that a denial can deny (see :mod:`warta.claims.evidence`, rule 1).
DENIABLE = frozenset({"asserted", "reported", "denied"})
#: Words after an object-taking trigger searched for its object, as the event coder does.
_OBJECT_WINDOW = 8


def stable_id(*parts: object) -> str:
    """A 20-hex-digit content hash of ``parts`` (anything JSON can encode), like the store's row ids."""
    text = json.dumps(list(parts), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def actor_key(actor: Actor) -> str | None:
    """Who an actor is for matching: its country code, else ``~`` and its case-folded name or mention."""
    if actor.country:
        return actor.country
    name = (actor.name or actor.text or "").strip().casefold()
    return f"~{name}" if name else None


def side_keys(actors: Sequence[Actor]) -> tuple[str, ...]:
    """The distinct keys of one side, sorted."""
    return tuple(sorted({key for a in actors if (key := actor_key(a)) is not None}))


def bucket_of(event_type: str, source: Sequence[str], target: Sequence[str]) -> str | None:
    """The merge bucket of an event: claims form only among events of one bucket.

    A directed type's bucket is its type and source; its target is matched during the merge, where an empty
    target is unspecified and matches any ("Beijing membantah" and "Beijing membantah tuduhan Filipina"
    are the same denial). A symmetric type's bucket is its type and all its participants, in any role ("Kim
    dan Putin bertemu" = "Kim bertemu Putin" = "Putin bertemu Kim"). None: the event names no actor and
    joins no claim.
    """
    if event_type in SYMMETRIC_TYPES:
        people = tuple(sorted(set(source) | set(target)))
        return stable_id("bucket", event_type, people, "~") if people else None
    return stable_id("bucket", event_type, list(source)) if source else None


def _mode_of(event_type: str, object_class: str) -> str | None:
    # The coder's convention: troops and warships sent to a partner are military aid.
    if event_type == "AID":
        return "military" if object_class in ("troops", "ships") else object_class
    return None


def type_mentions(words: Sequence[str], language: str) -> dict[str, set[str | None]]:
    """Event types named in lower-cased ``words`` with the modes named for each (None: no mode named).

    A trigger that needs an object ("mengirim" - to send) names its type only with one ("mengirim senjata",
    sending weapons: AID military), exactly as for the event coder.
    """
    lexicon = load_lexicon(language)
    found: dict[str, set[str | None]] = {}
    for match in lexicon.match(list(words)):
        entry = match.entry
        if entry.type == "REJECT":
            continue
        mode = entry.mode
        if entry.objects:
            after = list(words[match.last + 1 : match.last + 1 + _OBJECT_WINDOW])
            object_class = lexicon.object_class(after, entry.objects)
            if object_class is None:
                continue
            mode = mode or _mode_of(entry.type, object_class)
        found.setdefault(entry.type, set()).add(mode)
    return found


def names_type(event: Event, mentions: dict[str, set[str | None]]) -> bool:
    """Whether ``mentions`` (from :func:`type_mentions`) name ``event``'s type, and its mode if it has one."""
    modes = mentions.get(event.type)
    if modes is None:
        return False
    return event.mode is None or None in modes or event.mode in modes
