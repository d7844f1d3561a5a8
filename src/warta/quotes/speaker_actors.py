"""Who a quote's speaker is as an actor: country, sector, role and the body they speak for.

The quote finder resolves the speaker's name and remembers where it is named (``Quote.speaker_start`` and
``speaker_end``); this module reads the words around that mention:

1. The speaker mention is matched to the sentence's actors (:func:`warta.quotes.actors.actor_mentions`), which
   already know leaders, titles with countries and institutions: "Menteri Pertahanan Korea Selatan Shin
   Wonsik" (South Korea's defence minister Shin Wonsik) -> KOR, GOV, defence minister.
2. The **role** is the title nearest before the name in the attribution phrase when the actor has none:
   "juru bicara Kementerian Luar Negeri China, Lin Jian" (the Chinese foreign ministry's spokesman, Lin Jian)
   -> spokesperson.
3. The **affiliation** is the organisation named in that phrase between the title and the name, or after
   "dari"/"of"/"from"/"at" right behind the name: "Kementerian Luar Negeri China" above; "Sarah Lee of the
   Brookings Institution". Its country and sector stand in for the speaker's when the speaker has none (the
   spokesman of China's foreign ministry speaks for the Chinese government).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from warta.data import all_language_words
from warta.nlp.gazetteer import Gazetteer
from warta.pipeline import Stage, stage
from warta.quotes.actors import actor_mentions
from warta.records import Actor, AnnotatedArticle, Entity, Quote, Sentence

#: Characters before the name searched for its title and affiliation ("juru bicara Kementerian Luar Negeri
#: China, " is 42).
PHRASE_CHARS = 90
_AFFILIATION_WORDS = all_language_words("speaker_words.yaml", "affiliation")
_ARTICLE_GAP = 5  # room for " the " between "of" and the body's name
_BREAKS = frozenset('.;:!?"“”«»()')
# small words inside the names of bodies: "Kementerian Koordinator Bidang Politik dan Keamanan", "Ministry of
# Foreign Affairs"
_NAME_JOINERS = all_language_words("speaker_words.yaml", "name_joiners")


def speaker_actor(doc: AnnotatedArticle, quote: Quote, gazetteer: Gazetteer) -> tuple[Actor | None, str | None]:
    """The speaker of ``quote`` as an actor, and the name of the body they speak for (None where unknown)."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return None, None
    start, end = quote.speaker_start, quote.speaker_end
    sentence = next((s for s in doc.sentences if s.start <= start < s.end), None)
    if sentence is None:
        return None, None
    language = doc.article.language
    text = doc.article.text
    mentions = actor_mentions(text, sentence, doc.entities, gazetteer, language=language)
    mention = next((m for m in mentions if (m.actor.start or 0) < end and start < (m.actor.end or 0)), None)
    if mention is not None:
        actor, is_person = mention.actor, mention.type == "PER"
    else:
        actor = Actor(text[start:end], name=quote.speaker, country=quote.speaker_country, start=start, end=end)
        is_person = " " in text[start:end].strip()  # an unknown single word is as likely a body as a person
    phrase_start = _phrase_start(text, sentence, start)
    affiliation = _affiliation(doc.entities, text, phrase_start, start, end, sentence.end)
    if actor.role is None and is_person:
        roles = gazetteer.find_roles(text[phrase_start:start], language=language)
        # the title must lead into the name: only capitalised words and commas between them ("juru bicara
        # Kementerian Luar Negeri China, Lin Jian"), not a clause ("... kerja sama militer antara Rusia")
        if roles and _only_names(text[phrase_start + roles[-1].end : start]):
            entry = roles[-1].entries[0]
            actor = replace(actor, role=entry.role, sector=actor.sector or entry.sector)
    if affiliation is not None:
        country, sector = actor.country or affiliation.country, actor.sector or affiliation.sector
        actor = replace(actor, country=country, sector=sector)
    return actor, (affiliation.name or affiliation.text) if affiliation else None


def _only_names(gap: str) -> bool:
    return all(word[:1].isupper() or word in _NAME_JOINERS for word in gap.replace(",", " ").split())


def _phrase_start(text: str, sentence: Sentence, start: int) -> int:
    """Where the attribution phrase before the name begins: a sentence start, a break or PHRASE_CHARS back."""
    low = max(sentence.start, start - PHRASE_CHARS)
    for i in range(start - 1, low - 1, -1):
        if text[i] in _BREAKS:
            return i + 1
    return low


def _affiliation(
    entities: Sequence[Entity], text: str, phrase_start: int, start: int, end: int, limit: int
) -> Entity | None:
    """The organisation named between the title and the name, else right after "of"/"dari" behind it."""
    before = [e for e in entities if e.type == "ORG" and phrase_start <= e.start and e.end <= start]
    if before:
        return before[-1]
    after = text[end:limit]
    words = after.lstrip(" ,").split(maxsplit=1)
    if words and words[0].lower() in _AFFILIATION_WORDS:
        offset = end + after.index(words[0]) + len(words[0])
        return next((e for e in entities if e.type == "ORG" and offset <= e.start <= offset + _ARTICLE_GAP), None)
    return None


class AddSpeakerActors:
    """The speakers stage's work bound to a gazetteer: a module-level callable, so the stage pickles."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: AnnotatedArticle) -> AnnotatedArticle:
        quotes = []
        for quote in doc.quotes:
            actor, affiliation = speaker_actor(doc, quote, self.gazetteer)
            quotes.append(replace(quote, speaker_actor=actor, speaker_affiliation=affiliation))
        return replace(doc, quotes=tuple(quotes))


def make_speaker_actors_stage(gazetteer: Gazetteer) -> Stage:
    """The stage that resolves every quote's speaker to an actor with role and affiliation."""
    return stage(name="speakers", requires=["quotes", "entities", "sentences"], assigns=["quotes"])(
        AddSpeakerActors(gazetteer)
    )
