"""ACCUSE events read from the words of a statement.

A speaker whose quoted or reported words call another actor's deeds a "perang agresi" (war of aggression)
accuses that actor: the first actor of another country named after the speaker in the statement's sentence,
not after a place preposition ("di Ukraina" - in Ukraine). The phrases are data, in
``data/accusation_words.yaml``. The event is reported rather than asserted when the sentence relays other
media.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from warta.data import language_words
from warta.events import arguments as args
from warta.events.arguments import SentenceView
from warta.events.dates import event_date, reference_date
from warta.events.event_speech import _relayed_by_media, _speaker_actor
from warta.nlp.gazetteer import Gazetteer
from warta.quotes.actors import actor_mentions
from warta.records import AnnotatedArticle, Event


@cache
def _accusation_words(language: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.lower().split()) for w in language_words("accusation_words.yaml", language))


def _contains(words: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> bool:
    present = set(words)
    for phrase in phrases:
        if phrase[0] not in present:
            continue
        n = len(phrase)
        if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
            return True
    return False


def _accusations(doc: AnnotatedArticle, gazetteer: Gazetteer, language: str) -> list[tuple[Event, int]]:
    """ACCUSE events from statements whose words accuse another actor (see ``data/accusation_words.yaml``)."""
    phrases = _accusation_words(language)
    out: list[tuple[Event, int]] = []
    for quote in doc.quotes:
        if not quote.speaker_country:
            continue
        qwords = [w.lower() for w in quote.text.replace(",", " ").replace(".", " ").split()]
        if not _contains(qwords, phrases):
            continue
        index, sentence = next(
            ((i, s) for i, s in enumerate(doc.sentences) if s.start <= quote.start < s.end), (None, None)
        )
        if sentence is None or index is None:
            continue
        mentions = actor_mentions(doc.article.text, sentence, doc.entities, gazetteer, language=language)
        speaker_end = max(
            (m.actor.end or 0 for m in mentions if m.actor.text == quote.speaker), default=sentence.start
        )
        targets = [
            m.actor
            for m in mentions
            if (m.actor.start or 0) >= speaker_end
            and m.actor.country != quote.speaker_country
            and m.first > 0
            and sentence.tokens[m.first - 1].text.lower() not in args.function_words(language).place_prepositions
        ]
        if not targets:
            continue
        source = _speaker_actor(doc, quote)
        if source is None:
            continue
        targets = [a for a in targets if a.country != source.country]
        if not targets:
            continue
        sentence_text = doc.article.text[sentence.start : sentence.end]
        words = [t.text.lower() for t in sentence.tokens]
        relayed = _relayed_by_media(SentenceView(sentence, words, mentions, False, language))
        cue_at = sentence_text.find(quote.cue) if quote.cue else -1
        trigger_start = sentence.start + (cue_at if cue_at >= 0 else 0)
        trigger = quote.cue if cue_at >= 0 and quote.cue else sentence_text.split()[0]
        reference = reference_date(doc.article.text, doc.article.published)
        date = event_date(sentence_text, trigger_start - sentence.start, reference, future=False)
        out.append(
            (
                Event(
                    type="ACCUSE",
                    mode="disapprove",
                    source=(source,),
                    target=(targets[0],),
                    status="reported" if relayed else "asserted",
                    trigger=trigger,
                    sentence=sentence_text,
                    start=trigger_start,
                    end=trigger_start + len(trigger),
                    date=date,
                ),
                index,
            )
        )
    return out
