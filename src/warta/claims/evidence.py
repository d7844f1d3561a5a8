"""What one article contributes to the claims ledger: each event's stance and the denials it contains.

Everything here is computed from one :class:`~warta.records.AnnotatedArticle` alone, when the article is
saved, so the cross-article merge (:mod:`warta.claims.ledger`) never needs the article text again.

**Stances.** Every event is a stance on the claim it joins, of the kind its status says:

- ``asserted``: the outlet states it as fact; the holder is the outlet (site name, else the URL's host).
- ``reported``: attributed to a source; the holder is the event's ``attributed_to``, else the speaker of
  the quote around the event's trigger (or, failing that, a quote in the same sentence), and ``via`` is the
  intermediary ("menurut layanan berita Interfax").
- ``denied``: the event appears only as something denied; the holder is whoever denies it in its
  sentence (the sources of a REJECT event there), else as for ``reported``.
- ``future`` / ``hypothetical``: planned or possible; the holder as for ``reported``, else the outlet
  (an outlet's own "kemungkinan akan ...", likely will, is the outlet's expectation).

**Denials.** A denial is its own REJECT event (mode allegation) whose sources are the deniers. It attaches
to an event E of the same article, so that the ledger shows it on E's claim, when all of these hold:

1. E is not itself a REJECT, and E's status is asserted, reported or denied: one denies that something
   happened, not a plan or a guess ("Rusia kemungkinan akan mengirimkan teknologi militer", Russia will
   likely send military technology, is not what "membantah adanya transfer senjata" denies);
2. a denier is one of E's actors (source or target): the accused deny, not bystanders;
3. the denied content names E's type, and E's mode when it names one. The denied content is, in order,
   the first of these that names the type of some E passing 1 and 2:

   a. the clause after the denial verb, up to a comma or a conjunction ("Moskow dan Pyongyang membantah
      *adanya transfer senjata tersebut*, meskipun ...": "transfer senjata", an arms transfer, names AID
      military; "Beijing membantah *telah menyerang kapal Filipina* dan menuduh Manila ...": the attack is
      denied, Beijing's own accusation after "dan" is not);
   b. the clause before it ("Tuduhan pengiriman senjata itu dibantah Moskow", the accusation of sending
      weapons was denied by Moscow);
   c. the :data:`CONTEXT_SENTENCES` sentences before the denial ("Moscow denied the accusations" after a
      sentence about sanctions on Russia).

Type words come from the event coder's trigger lexicon, so a type named there is recognised here too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import cache
from urllib.parse import urlsplit

from warta.claims.citations import find_citations
from warta.claims.ledger import event_period, stored_period
from warta.claims.matching import DENIABLE, actor_key, bucket_of, names_type, side_keys, type_mentions
from warta.data import language_words
from warta.records import STATUSES, Actor, AnnotatedArticle, Article, Event, Quote
from warta.store.ledger_rows import Denial, EventEvidence

log = logging.getLogger(__name__)

#: Sentences before a denial searched for what it denies when its own sentence names nothing.
CONTEXT_SENTENCES = 2
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_BREAK_PUNCTUATION = frozenset(',;:()[]"“”«»„')


# -- actors and buckets ------------------------------------------------------------------------------------


def _names(actors: Sequence[Actor]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for a in actors if (name := a.name or a.text)))


# -- stances -----------------------------------------------------------------------------------------------


def outlet_of(article: Article) -> str | None:
    """The outlet that published ``article``: its site name, else its URL's host without ``www.``."""
    return outlet_name(article.outlet, article.url)


def outlet_name(outlet: str | None, url: str | None) -> str | None:
    """An outlet's name from a site name and a URL (see :func:`outlet_of`)."""
    if outlet:
        return outlet
    if url:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:  # a malformed URL ("http://[x") names no host
            return None
        return host.removeprefix("www.") or None
    return None


def sentence_span(doc: AnnotatedArticle, event: Event) -> tuple[int, int]:
    """Offsets of the sentence holding ``event``'s trigger (the trigger's own offsets if none is known)."""
    for s in doc.sentences:
        if s.start <= event.start < s.end:
            return s.start, s.end
    found = doc.article.text.rfind(event.sentence, 0, event.start + 1) if event.sentence else -1
    if found >= 0 and found + len(event.sentence) >= event.end:
        return found, found + len(event.sentence)
    return event.start, event.end


def _quote_for(doc: AnnotatedArticle, event: Event, span: tuple[int, int]) -> Quote | None:
    """The quote around the trigger, else the first quote overlapping the event's sentence."""
    around = [q for q in doc.quotes if q.start <= event.start < q.end]
    if around:
        return min(around, key=lambda q: q.end - q.start)
    start, end = span
    return next((q for q in doc.quotes if q.start < end and start < q.end), None)


def _country_of(doc: AnnotatedArticle, name: str) -> str | None:
    return next((e.country for e in doc.entities if e.country and name in (e.text, e.name)), None)


def _stance(
    doc: AnnotatedArticle, event: Event, span: tuple[int, int]
) -> tuple[str, str | None, str | None, str | None]:
    """Kind, holder, holder's country and intermediary of ``event``'s stance."""
    kind = event.status if event.status in STATUSES else "asserted"
    outlet = outlet_of(doc.article)
    if kind == "asserted":
        return kind, outlet, None, None
    quote = _quote_for(doc, event, span)
    via = quote.via if quote else None
    if kind == "denied" and not event.attributed_to:
        # "Moskow membantah mengirim senjata": the event that is only denied is held, as denied, by whoever
        # denies it in its sentence.
        deniers = [
            a
            for ev in doc.events
            if ev.type == "REJECT" and ev.mode == "allegation" and sentence_span(doc, ev) == span
            for a in ev.source
        ]
        if deniers:
            countries = {a.country for a in deniers}
            names = "; ".join(dict.fromkeys(a.name or a.text or "?" for a in deniers))
            return kind, names, deniers[0].country if len(countries) == 1 else None, via
    if event.attributed_to:
        holder = event.attributed_to
        country = quote.speaker_country if quote and quote.speaker == holder else _country_of(doc, holder)
        return kind, holder, country, via
    if quote is not None and quote.speaker:
        return kind, quote.speaker, quote.speaker_country, via
    if kind in ("future", "hypothetical"):
        return kind, outlet, None, via
    return kind, None, None, via


def article_evidence(doc: AnnotatedArticle, event_ids: Sequence[str]) -> tuple[list[EventEvidence], list[Denial]]:
    """The evidence rows of ``doc``'s events (ids as stored, in event order), the denials among them and the
    evidence it cites for them.

    Events that name no actor are left out: they cannot be matched with anything.
    """
    article_id = doc.article.id
    items: list[EventEvidence] = []
    spans = [sentence_span(doc, ev) for ev in doc.events]
    for event_id, event, span in zip(event_ids, doc.events, spans, strict=True):
        source, target = side_keys(event.source), side_keys(event.target)
        bucket = bucket_of(event.type, source, target)
        if bucket is None:
            continue
        kind, holder, country, via = _stance(doc, event, span)
        period_start, period_end, precision = stored_period(event_period(event.date, doc.article.published))
        items.append(
            EventEvidence(
                event_id=event_id,
                article_id=article_id,
                bucket=bucket,
                kind=kind,
                holder=holder,
                holder_country=country,
                via=via,
                source=source,
                target=target,
                source_names=_names(event.source),
                target_names=_names(event.target),
                sentence_start=span[0],
                sentence_end=span[1],
                period_start=period_start,
                period_end=period_end,
                precision=precision,
            )
        )
    return items, find_denials(doc, event_ids, spans) + find_citations(doc, event_ids, spans)


# -- denials -----------------------------------------------------------------------------------------------


@cache
def _break_words(language: str) -> frozenset[str]:
    return frozenset(w.lower() for w in language_words("denial_scope.yaml", language))


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_break(word: str, language: str) -> bool:
    return word in _BREAK_PUNCTUATION or word in _break_words(language)


def _clauses(text: str, offset: int, reject: Event, language: str) -> tuple[list[str], list[str]]:
    """Words of the clause after the denial's trigger and of the clause before it, in ``text`` (which starts
    at ``offset`` in the article). An unlocatable trigger makes the whole text the clause after it."""
    tokens = _tokens(text)
    start, end = reject.start - offset, reject.end - offset
    inside = [i for i, (_, s, e) in enumerate(tokens) if s < end and start < e]
    if not inside:
        return [w for w, _, _ in tokens], []
    after: list[str] = []
    for word, _, _ in tokens[inside[-1] + 1 :]:
        if _is_break(word, language):
            break
        after.append(word)
    before: list[str] = []
    for word, _, _ in reversed(tokens[: inside[0]]):
        if _is_break(word, language):
            break
        before.insert(0, word)
    return after, before


def _scopes(doc: AnnotatedArticle, reject: Event, span: tuple[int, int]) -> list[tuple[str, list[str]]]:
    """The places to look for what ``reject`` denies, in the order of rule 3."""
    language = doc.article.language or "en"
    text = doc.article.text
    start, end = span
    if 0 <= start < end <= len(text) and start <= reject.start:
        after, before = _clauses(text[start:end], start, reject, language)
    else:
        after, before = [w for w, _, _ in _tokens(reject.sentence)], []
    scopes = [("clause", after), ("clause", before)]
    earlier = sorted(
        (s for s in doc.sentences if s.end <= start and 0 <= s.start < s.end <= len(text)), key=lambda s: s.start
    )
    context = [w for s in earlier[-CONTEXT_SENTENCES:] for w, _, _ in _tokens(text[s.start : s.end])]
    scopes.append(("context", context))
    return scopes


def find_denials(
    doc: AnnotatedArticle, event_ids: Sequence[str], spans: Sequence[tuple[int, int]] | None = None
) -> list[Denial]:
    """Every (denial, denied event, denier) link in ``doc`` by the rules in this module's docstring."""
    events = doc.events
    spans = spans if spans is not None else [sentence_span(doc, ev) for ev in events]
    language = doc.article.language or "en"
    out: list[Denial] = []
    for reject_id, reject, span in zip(event_ids, events, spans, strict=True):
        if reject.type != "REJECT" or reject.mode != "allegation":
            continue
        deniers = [(pos, a, key) for pos, a in enumerate(reject.source) if (key := actor_key(a)) is not None]
        denier_keys = {key for _, _, key in deniers}
        candidates = [
            (event_id, ev)
            for event_id, ev in zip(event_ids, events, strict=True)
            if ev.type != "REJECT"
            and ev.status in DENIABLE
            and denier_keys & (set(side_keys(ev.source)) | set(side_keys(ev.target)))
        ]
        if not candidates:
            continue
        for rule, words in _scopes(doc, reject, span):
            mentions = type_mentions(words, language) if words else {}
            denied = [event_id for event_id, ev in candidates if names_type(ev, mentions)]
            if not denied:
                continue
            for event_id in dict.fromkeys(denied):
                out.extend(
                    Denial(
                        reject_id=reject_id,
                        event_id=event_id,
                        position=pos,
                        article_id=doc.article.id,
                        holder=a.name or a.text,
                        holder_country=a.country,
                        rule=rule,
                        sentence_start=span[0],
                        sentence_end=span[1],
                    )
                    for pos, a, _ in deniers
                )
            log.debug("denial %s in %s attached to %s (%s)", reject_id, doc.article.id, denied, rule)
            break
    return out
