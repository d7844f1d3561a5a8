"""Who is speaking: the speaker named in an attribution phrase, resolved to the fullest name in the article.

The quote finder hands this module the few words that name a speaker ('kata **juru bicara Kementerian Luar
Negeri China, Lin Jian**, di Beijing' - said the Chinese foreign ministry spokesman, Lin Jian, in Beijing) and
gets back one :class:`Speaker`. The phrase is read in this order:

1. a pronoun ("kata dia", "he said", "ujarnya") stands for the person who last spoke, was introduced as
   speaking or was the subject of a sentence since ("Ketua Koperasi Siti Aminah yakin, ... "...," ujarnya" - the
   cooperative's chair Siti Aminah is confident ...; she said); "it said" / "the report said" / "bunyi
   pernyataan itu" for the organisation or outlet last quoted;
2. a person's name, from the entity stage or read off the capitalised words next to the cue: Indonesian puts
   title, office and body before the name, all capitalised ("Kepala Bidang Humas Polda Metro Jaya Komisaris
   Besar Yusri Yunus"), so the name is the run of name-like words nearest the end, stopping at office words,
   acronyms and ranks;
3. a definite description stands for a person named earlier: "kata anggota parlemen itu" (said that lawmaker),
   "the minister said", or "kata Presiden" after "Presiden Joko Widodo";
4. an organisation, then a place ("Rusia mengatakan" - Russia said), then an unnamed speaker described by a
   speaker noun ("an Israeli official", "seorang pejabat senior"), reported by its description.

People are reported under their fullest name in the article ("Retno" -> "Retno Marsudi"), without titles. The
people of the article are found beforehand (``warta.quotes.people``), their names read off capitalised words
(``warta.quotes.speaker_names``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from warta.data import all_language_words
from warta.nlp.gazetteer import Gazetteer
from warta.quotes.cues import Cues
from warta.quotes.people import People, _Person, is_also_office, is_verb_like
from warta.quotes.speaker_names import AFFILIATION, calendar_words
from warta.records import Entity, Token

__all__ = ["Speaker", "Speakers", "calendar_words", "is_also_office", "is_verb_like"]

# Words that make a different office of the one after them ("Wakil Presiden" - vice-president).
_OFFICE_MODIFIERS = all_language_words("speaker_words.yaml", "office_modifiers")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: ``kind`` is person, org, place, outlet or description."""

    name: str
    country: str | None
    start: int
    end: int
    kind: str


_WEAK_VIA = all_language_words("speaker_words.yaml", "weak_via")
_VIA_SKIPS = all_language_words("speaker_words.yaml", "via_skips")


@dataclass(slots=True)
class Speakers(People):
    """Speaker lookups over one article; ``said`` remembers who was quoted so far, in order."""

    said: list[tuple[int, Speaker]] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        text: str,
        sentences: Sequence[Sequence[Token]],
        entities: Sequence[Entity],
        cues: Cues,
        gaz: Gazetteer,
        quoted: Sequence[tuple[int, int]] = (),
    ) -> Speakers:
        """The speakers of an article: its words and people read once (``quoted`` spans are the speakers' own
        words, see :meth:`~warta.quotes.people.People.find_people`)."""
        calendar = calendar_words()
        ents = sorted((e for e in entities if e.text.lower() not in calendar), key=lambda e: e.start)
        found = cls(text, cues, gaz, ents)
        found.read_words(sentences)
        found.find_people(sentences, quoted)
        return found

    def _person_speaker(self, person: _Person) -> Speaker:
        country = person.country
        if country is None:
            country = next((p.country for p in self.people if p.country and p.name == self.fullest(person)), None)
        return Speaker(self.fullest(person), country, person.start, person.end, "person")

    def previous(self, pos: int, *, person: bool) -> Speaker | None:
        """The last speaker quoted before ``pos`` (a person, or an organisation / outlet / place)."""
        for at, sp in reversed(self.said):
            if at < pos and (sp.kind == "person") == person:
                return sp
        return None

    def pronoun(self, pos: int) -> Speaker | None:
        """Who "dia", "he" or "-nya" stands for: the person quoted or introduced as speaking most recently
        ("Ia menambahkan, ..." after "Retno mengatakan ..."), else the last person named."""
        best: tuple[int, Speaker] | None = None
        for p in self.people:
            if (p.speaks or p.subject) and p.end <= pos and (best is None or p.start > best[0]):
                best = (p.start, self._person_speaker(p))
        for at, sp in self.said:
            if at < pos and sp.kind == "person" and (best is None or at >= best[0]):
                best = (at, sp)
        if best is not None:
            return best[1]
        named = [p for p in self.people if p.end <= pos and not p.quoted]
        return self._person_speaker(named[-1]) if named else None

    def _role_anaphor(self, head: str, pos: int) -> Speaker | None:
        """The last person introduced with the same office: "kata Presiden" after "Presiden Joko Widodo", but
        not after "Wakil Presiden Ma'ruf Amin" (the vice-president)."""
        # a short office name also finds the office spelt out: "kata Mensos" after "Menteri Sosial Juliari
        # Batubara" (said the social affairs minister)
        forms = [tuple(head.split())]
        full = self.cues.office_words(head) if " " not in head else None
        if full is not None:
            forms.append(full)
        for p in reversed([p for p in self.people if p.end <= pos]):
            ctx = p.context
            for head_words in forms:
                for i in range(len(ctx) - len(head_words) + 1):
                    if ctx[i : i + len(head_words)] == head_words and (
                        i == 0 or ctx[i - 1] not in _OFFICE_MODIFIERS
                    ):
                        return self._person_speaker(p)
        return None

    def record(self, pos: int, speaker: Speaker) -> None:
        self.said.append((pos, speaker))

    def resolve(self, tokens: Sequence[Token], *, subject: bool) -> Speaker | None:
        """The speaker named by ``tokens``: a subject before the cue ("Menlu Retno Marsudi mengatakan") or a
        phrase after it ("kata Menlu Retno Marsudi")."""
        words = [t.text.lower() for t in tokens]
        lo = 0
        while lo < len(tokens) and words[lo] in self.cues.articles:
            lo += 1
        if lo >= len(tokens):
            return None
        pos = tokens[lo].start
        if words[lo] in self.cues.pronouns:
            return self.pronoun(pos)
        if words[lo] in self.cues.things or (lo > 0 and words[lo - 1] == "the" and words[lo] in self.cues.things):
            thing = self.previous(pos, person=False)
            if thing is not None:
                return thing
        person = self._person_in(tokens, lo, subject=subject)
        if person is not None:
            return person
        described = self._described(tokens, lo, words)
        if described is not None and described.kind == "person":
            return described
        ents = [e for e in self.entities if tokens[lo].start <= e.start and e.end <= tokens[-1].end]
        orgs = [e for e in ents if e.type == "ORG"]
        places = [e for e in ents if e.type == "LOC"]
        if described is not None:
            # "Kementerian Pertahanan Taiwan menyebut": the body itself; "juru bicara Kementerian Luar Negeri
            # China" or "senior Hamas official": a person described by the body they speak for.
            if orgs and orgs[0].start <= described.start:
                return self._org_speaker(orgs[0])
            return described
        typed = orgs or places
        if not typed:
            return None
        # A subject's head is its last body where the head comes last ("the Taiwanese Defence Ministry"), else
        # its first ("Kementerian Pertahanan Taiwan").
        return self._org_speaker(typed[-1] if (not self.cues.head_first and subject) else typed[0])

    def _org_speaker(self, ent: Entity) -> Speaker:
        """An organisation or place as speaker, under its fullest name in the article: "DK PBB" after "Dewan
        Keamanan (DK) PBB" is "Dewan Keamanan PBB"; "KCNA" is "Korean Central News Agency" when the article
        spells that out."""
        name = ent.text
        if ent.type == "ORG":
            if ent.name and ent.name != name and ent.name in self.text:
                name = ent.name
            else:
                name = " ".join(self.acronyms.get(w, w) for w in name.split())
        kind = "outlet" if ent.kind == "outlet" else ("org" if ent.type == "ORG" else "place")
        return Speaker(name, ent.country, ent.start, ent.end, kind)

    def _person_in(self, tokens: Sequence[Token], lo: int, *, subject: bool) -> Speaker | None:
        if subject:
            # "Reynaldi dari PT House of Rattan mengatakan" (Reynaldi of PT House of Rattan said): the person is
            # named before the body he speaks for
            cut = next((i for i in range(lo + 1, len(tokens)) if tokens[i].text.lower() in AFFILIATION), None)
            run = self.name_run(tokens, lo, cut, last=True, lenient=True) if cut is not None else None
            if run is not None and run[0] == lo and run[1] == cut:
                return self._person_speaker(self._add_person(tokens, run, speaks=True))
        # After the cue, a language that names the person right after the office takes the first name: '"...,"
        # said Foreign Minister Wang Yi of China, ...'; as the subject, and where the name follows the office's
        # body ("name_after_body": "kata Menteri Luar Negeri China Wang Yi"), the last.
        first_name = not subject and not self.cues.name_after_body
        start, end = tokens[lo].start, tokens[-1].end
        inside = [p for p in self.people if start <= p.start and p.end <= end]
        if inside:
            pick = inside[0] if first_name else inside[-1]
            return self._person_speaker(pick)
        run = self.name_run(tokens, lo, len(tokens), last=not first_name)
        if run is None:
            return None
        single = run[1] - run[0] == 1
        # A lone capitalised word opening a sentence is a name only next to the cue ("Rizal mengatakan").
        if single and subject and run[0] == 0 and len(tokens) > 1:
            return None
        if single and self._body_led(tokens, lo, run[0]):
            return None  # "Satgas Kampung Tangguh akan meminta": a body
        return self._person_speaker(self._add_person(tokens, run, speaks=True))

    def _described(self, tokens: Sequence[Token], lo: int, words: list[str]) -> Speaker | None:
        """A speaker described, not named: anaphoric ("anggota parlemen itu" - that lawmaker; "the minister")
        -> the person meant; otherwise the description itself ("Israeli official", "militer China")."""
        head = self._speaker_noun(words, lo)
        if head is None:
            return None
        hi = len(tokens)
        definite = False
        while hi > lo + 1 and words[hi - 1] in self.cues.demonstratives:
            hi -= 1
            definite = True
        definite = definite or (lo > 0 and words[lo - 1] == "the") or (hi - lo <= len(head.split()))
        pos = tokens[lo].start
        if definite:
            found = self._role_anaphor(head, pos)
            if found is None and hi < len(tokens):
                found = self.pronoun(pos)
            if found is not None:
                return found
        start, end = tokens[lo].start, tokens[hi - 1].end
        country = next(
            (e.country for e in self.entities if start <= e.start and e.end <= end and e.country), None
        ) or next(
            (c for m in self.gazetteer.find(self.text[start:end]) for e in m.entries if (c := e.country)), None
        )
        return Speaker(self.text[start:end], country, start, end, "description")

    def via(self, tokens: Sequence[Token]) -> str | None:
        """The intermediary named with a via cue: "dikutip Reuters", "according to AP", "told the BBC"."""
        words = [t.text.lower() for t in tokens]
        for k in range(len(tokens)):
            n = self.cues.via_at(words, k)
            if not n:
                continue
            weak = words[k] in _WEAK_VIA
            j = k + n
            while j < len(tokens) and words[j] in _VIA_SKIPS:
                j += 1
            if j >= len(tokens):
                continue
            ent = self._entity_at(tokens[j])
            if ent is not None and (ent.kind == "outlet" or (not weak and ent.type == "ORG")):
                return ent.text
            if not weak and tokens[j].text[:1].isupper():
                return tokens[j].text
        return None
