"""Who is speaking: the speaker named in an attribution phrase, resolved to the fullest name in the article.

The quote finder hands this module the few words that name a speaker ('kata **juru bicara Kementerian Luar
Negeri China, Lin Jian**, di Beijing' - said the Chinese foreign ministry spokesman, Lin Jian, in Beijing) and
gets back one :class:`Speaker`. The phrase is read in this order:

1. a pronoun ("kata dia", "he said", "ujarnya") stands for the person who last spoke or was introduced as
   speaking; "it said" / "the report said" / "bunyi pernyataan itu" for the organisation or outlet last quoted;
2. a person's name, from the entity stage or read off the capitalised words next to the cue: Indonesian puts
   title, office and body before the name, all capitalised ("Kepala Bidang Humas Polda Metro Jaya Komisaris
   Besar Yusri Yunus"), so the name is the run of name-like words nearest the end, stopping at office words,
   acronyms and ranks;
3. a definite description stands for a person named earlier: "kata anggota parlemen itu" (said that lawmaker),
   "the minister said", or "kata Presiden" after "Presiden Joko Widodo";
4. an organisation, then a place ("Rusia mengatakan" - Russia said), then an unnamed speaker described by a
   speaker noun ("an Israeli official", "seorang pejabat senior"), reported by its description.

People are reported under their fullest name in the article ("Retno" -> "Retno Marsudi"), without titles.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from warta.coding.cues import Cues
from warta.data import load_yaml
from warta.nlp.gazetteer import Gazetteer
from warta.records import Entity, Token

_NAME_TOKEN = re.compile(r"^[A-Z\u00C0-\u00DE][^\W\d_]*(?:['’.-][^\W\d_]*)*\.?$")
# "Long Name (ACR)": up to seven capitalised words, with the small words names contain.
_ACRONYM = re.compile(
    r"((?:[A-Z][\w’'-]*\s+(?:(?:dan|of|for|and|the|untuk|dari)\s+)?){1,7})\(([A-Z][A-Za-z0-9]{1,9})\)"
)
_PUNCT_STOPS = frozenset({".", ";", ":", "!", "?", '"', "“", "”", "‘", "’", "«", "»", "—", "–"})
_FUNCTION_WORDS = frozenset(
    {"ini", "itu", "hal", "namun", "sementara", "kami", "saya", "kita", "mereka", "pihaknya", "they", "we", "i",
     "it", "this", "that", "there", "ia", "dia", "beliau", "he", "she", "but", "and", "dan", "tetapi", "jika"}
)  # fmt: skip


_AFFILIATION = frozenset({"dari", "of", "from", "at"})
_PREPOSITIONS = frozenset({"di", "ke", "dari", "kepada", "dengan", "oleh", "untuk", "bagi", "terhadap", "pada"})
_NAME_CONNECTORS = frozenset({"bin", "binti", "al", "van", "von", "der", "de", "da", "di", "la", "le", "el", "jr"})
# Words that make a different office of the one after them ("Wakil Presiden" - vice-president).
_OFFICE_MODIFIERS = frozenset({"wakil", "mantan", "eks", "vice", "deputy", "former", "acting", "plt", "pelaksana"})


def _word_in(word: str, names: Sequence[str], exact: bool) -> bool:
    return any(w == word or (not exact and len(word) >= 4 and w.startswith(word)) for w in names)


@cache
def calendar_words() -> frozenset[str]:
    """Weekday and month names: capitalised, next to cues ("kata Presiden, Senin"), never speakers."""
    dates = load_yaml("dates.yaml")
    return frozenset(str(w).lower() for w in [*dates["weekdays"], *dates["months"]])


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: ``kind`` is person, org, place, outlet or description."""

    name: str
    country: str | None
    start: int
    end: int
    kind: str


@dataclass(slots=True)
class _Person:
    start: int
    end: int
    name: str
    country: str | None
    speaks: bool = False
    context: tuple[str, ...] = ()  # the office named just before ("menteri", "luar", "negeri", "as")


@dataclass(slots=True)
class Speakers:
    """Speaker lookups over one article; ``said`` remembers who was quoted so far, in order."""

    text: str
    cues: Cues
    gazetteer: Gazetteer
    entities: list[Entity]
    people: list[_Person] = field(default_factory=list)
    said: list[tuple[int, Speaker]] = field(default_factory=list)
    lower_words: frozenset[str] = frozenset()
    sentence_starts: frozenset[int] = frozenset()
    mid_caps: frozenset[str] = frozenset()
    acronyms: dict[str, str] = field(default_factory=dict)
    dictionary_tokens: frozenset[int] = frozenset()  # starts of tokens inside dictionary names

    # -- building ---------------------------------------------------------------------------------------------
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
        """Collect the people of an article; ``quoted`` spans (quotation marks) are the speakers' own words,
        where nobody is introduced as speaking ("”Kasusnya masih dalam penyelidikan,” ucapnya")."""
        calendar = calendar_words()
        ents = sorted((e for e in entities if e.text.lower() not in calendar), key=lambda e: e.start)
        found = cls(text, cues, gaz, ents)
        found.lower_words = frozenset(re.findall(r"\b[a-z]+\b", text))
        found.sentence_starts = frozenset(t[0].start for t in sentences if t)
        found.mid_caps = frozenset(t.text for ts in sentences for t in list(ts)[1:] if t.text[:1].isupper())
        found.acronyms = found._find_acronyms()
        spans = [
            (m.start, m.end)
            for m in gaz.find(text, language=cues.language)
            if any(e.kind not in ("leader", "role") for e in m.entries)
        ]
        starts = [a for a, _ in spans]
        found.dictionary_tokens = frozenset(
            t.start
            for ts in sentences
            for t in ts
            if (i := bisect_right(starts, t.start) - 1) >= 0 and t.start < spans[i][1]
        )
        for tokens in sentences:
            tokens = list(tokens)
            for ent in (e for e in ents if tokens and tokens[0].start <= e.start < tokens[-1].end):
                if ent.type == "PER" and not found._is_role_only(ent.text):
                    name = found.clean_name(ent.text)
                    if ent.kind == "leader" and ent.name and ent.name != name and ent.name in text:
                        name = ent.name  # "Jokowi" in an article that also says "Joko Widodo"
                    first = next(i for i, t in enumerate(tokens) if t.end > ent.start)
                    person = _Person(ent.start, ent.end, name, ent.country, context=found._title(tokens, first))
                    found.people.append(person)
        found.people.sort(key=lambda p: p.start)
        for tokens in sentences:
            outside = [t for t in tokens if not any(a <= t.start < b for a, b in quoted)]
            if outside:
                found._find_titled_names(outside)
                found._find_speaking_names(outside)
        return found

    def _find_acronyms(self) -> dict[str, str]:
        """Acronyms the article defines: "Penjaga Pantai Filipina (PCG)", "Dewan Keamanan (DK) PBB"."""
        out: dict[str, str] = {}
        for m in _ACRONYM.finditer(self.text):
            words = m.group(1).split()
            while words and (
                words[0].lower() in self.cues.articles
                or self.cues.according_at([words[0].lower()], 0)
                or self.cues.is_reporting(words[0])
                or words[0].lower() in _FUNCTION_WORDS
            ):
                words = words[1:]
            if len(words) >= 2:
                out.setdefault(m.group(2), " ".join(words))
        return out

    def _title(self, tokens: Sequence[Token], first: int) -> tuple[str, ...]:
        """The words naming the office just before a name, lower-cased: ("menteri", "luar", "negeri", "as")
        for "Menteri Luar Negeri AS Antony Blinken"; a comma, a verb or a clause word ends it."""
        out: list[str] = []
        for tok in reversed(tokens[max(0, first - 8) : first]):
            word = tok.text
            if word in (",", "(", ")") and not out:
                continue
            if (
                word in _PUNCT_STOPS
                or word == ","
                or word.lower() in self.cues.post
                or self.cues.is_reporting(word)
            ):
                break
            out.append(word.lower())
        return tuple(reversed(out))

    def _find_titled_names(self, tokens: list[Token]) -> None:
        """People named after an office, which the entity stage may not know: "Foreign Minister Maria Lopez";
        "juru bicara Kementerian Luar Negeri China, Lin Jian" (the spokesman of China's foreign ministry);
        "Ketua Himpunan Kerukunan Tani Jawa Tengah, Sutrisno Hadi, ..." (the chair of the farmers' union)."""
        words = [t.text.lower() for t in tokens]
        for k in range(len(tokens)):
            size = self._office_at(words, k)
            if not size:
                continue
            first = k + size
            end = first + self.phrase_end(tokens[first:])
            # Indonesian puts the body between office and name ("Ketua Dewan Komisioner LPS Halim Alamsyah"),
            # English the name right after the office ("Foreign Minister Maria Lopez of Chile")
            run = self.name_run(tokens, first, end, last=self.cues.language == "id")
            # the name set off by commas after the body is the person, not the body's capitalised words
            if end + 1 < len(tokens) and tokens[end].text == ",":
                after = end + 1 + self.phrase_end(tokens[end + 1 :])
                named = self.name_run(tokens, end + 1, after, last=False)
                if named is not None and named[1] == after and named[0] == end + 1:
                    run = named
            if run is not None and run[0] - first <= 8:
                self._add_person(tokens, run, speaks=False)

    def _office_at(self, words: Sequence[str], k: int) -> int:
        """Length of an office word or phrase for a person starting at ``words[k]`` ("menteri luar negeri",
        "juru bicara", "ketua"), else 0."""
        for n in (3, 2, 1):
            if k + n > len(words):
                continue
            phrase = tuple(words[k : k + n])
            entry = self.gazetteer.role(" ".join(phrase), language=self.cues.language)
            if (entry is not None and entry.type == "PER") or phrase in self.cues.speaker_nouns:
                return n
        return 0

    def _find_speaking_names(self, tokens: list[Token]) -> None:
        """Mark the people who speak or lead a sentence, the antecedents a later "ujarnya" points back to:

        - a name right before a reporting verb: "Rizal mengatakan, ...", "Benyamin Davnie juga menuturkan";
        - a name after a post cue, "menurut" or a passive cue: '," kata Benyamin'; "Menurut Romanus, ...";
          "Hal senada dikemukakan Koordinator DFW Muhammad Abdi Suhufan" (the same was said by ...);
        - the name leading a sentence with a reporting verb, after an optional adverbial: "Dedy, Kepala
          Peleton B ..., menuturkan, ..."; "Secara terpisah, Pengamat politik ... Robi Cahyadi Kurniawan
          menilai, ...".
        """
        words = [t.text.lower() for t in tokens]
        for k, word in enumerate(words):
            if self.cues.is_reporting(word):
                end = k
                while end > 0 and words[end - 1] in (",", "juga", "pun", "kembali", "also", "then"):
                    end -= 1
                # "Rizal mengatakan, ..." but not "Selain menyampaikan orasi, ..." (besides giving speeches)
                said = k + 1 < len(words) and (words[k + 1] in (",", ":") or words[k + 1] in self.cues.that)
                run = self.name_run(tokens, max(0, end - 5), end, last=True, lenient=said)
                # "Reynaldi dari PT House of Rattan mengatakan": the body after "dari" is not the speaker
                if run is not None and run[1] == end and (run[0] == 0 or words[run[0] - 1] not in _AFFILIATION):
                    self._add_person(tokens, run, speaks=True)
            skip = self.cues.according_at(words, k)
            if not skip and not word.endswith("nya"):
                after_mark = k == 0 or words[k - 1] == "," or tokens[k - 1].text in _PUNCT_STOPS
                if word in self.cues.passive or (self.cues.is_post(word) and after_mark):
                    skip = 1
            if skip:
                region = tokens[k + skip :]
                first = k + skip
                run = self.name_run(
                    tokens, first, first + self.phrase_end(region), last=self.cues.language == "id"
                )
                if run is not None:
                    self._add_person(tokens, run, speaks=True)
        self._sentence_subject(tokens, words)

    def _sentence_subject(self, tokens: list[Token], words: list[str]) -> None:
        lo = 0
        comma = next((i for i, w in enumerate(words[:5]) if w == ","), None)
        if comma is not None and self.name_run(tokens, 0, comma, last=True) is None:
            lo = comma + 1  # "Secara terpisah, ..." / "Sementara itu, ..."
        if lo >= len(tokens) or words[lo] in _PREPOSITIONS:
            return
        hi = min(lo + self.phrase_end(tokens[lo:]), lo + 12)
        # "Dedy, Kepala Peleton B ..., menuturkan": a lone first word followed by an office is a name
        office = hi + 1 < len(words) and words[hi] == "," and self._speaker_noun(words, hi + 1) is not None
        run = self.name_run(tokens, lo, hi, last=self.cues.language == "id", lenient=office)
        # Only the subject of a reporting verb speaks: "Decky Senduk, sekretaris tim kampanye Vonnie-Hendry,
        # mengaku ..." (Decky Senduk, the campaign secretary of Vonnie-Hendry, admitted ...).
        if run is not None and any(self.cues.is_reporting(w) for w in words[run[1] : run[1] + 14]):
            self._add_person(tokens, run, speaks=True)

    def _add_person(self, tokens: Sequence[Token], run: tuple[int, int], *, speaks: bool) -> _Person:
        start, end = tokens[run[0]].start, tokens[run[1] - 1].end
        for p in self.people:
            if p.start <= start and end <= p.end or (start <= p.start and p.end <= end):
                p.speaks = p.speaks or speaks
                return p
        ent = next((e for e in self.entities if e.start <= start < e.end and e.type == "PER"), None)
        person = _Person(start, end, self.clean_name(self.text[start:end]), ent.country if ent else None, speaks)
        person.context = self._title(tokens, run[0])
        self.people.append(person)
        self.people.sort(key=lambda p: p.start)
        return person

    # -- names ------------------------------------------------------------------------------------------------
    def _is_role_only(self, text: str) -> bool:
        """ "Presiden", "Juru Bicara": a title the entity stage took for a name."""
        words = text.split()
        return all(w in self.cues.titles or w in self.cues.not_name_words for w in words) or (
            self.gazetteer.role(text) is not None
        )

    def clean_name(self, name: str) -> str:
        """A person's name without leading titles and offices: "Jenderal Keith Kellogg" -> "Keith Kellogg"."""
        words = name.split()
        while len(words) > 1:
            first = words[0].lower()
            if words[0].rstrip(".") in self.cues.titles or words[0] in self.cues.not_name_words:
                words = words[1:]
            elif first in _FUNCTION_WORDS or first in self.lower_words:
                words = words[1:]  # "Sementara Fetty" (meanwhile Fetty); office words also written in lower case
            elif len(words[0]) > 1 and words[0].isupper():
                words = words[1:]  # an acronym left of the name: "BMKG Dwikorita Karnawati"
            elif size := next((n for n in (3, 2, 1) if n < len(words) and self._is_role(words[:n])), 0):
                words = words[size:]  # "Prime Minister John Smith"
            else:
                break
        return " ".join(words)

    def _is_role(self, words: Sequence[str]) -> bool:
        return self.gazetteer.role(" ".join(words)) is not None

    def _entity_at(self, tok: Token) -> Entity | None:
        for e in self.entities:
            if e.start <= tok.start < e.end:
                return e
            if e.start > tok.start:
                break
        return None

    def _name_like(self, tok: Token) -> bool:
        word = tok.text
        if not _NAME_TOKEN.match(word) or word.lower() in _FUNCTION_WORDS or word.lower() in self.cues.articles:
            return False
        if tok.start in self.dictionary_tokens:
            return False  # a country, capital, adjective or outlet: "Israeli", "China", "Reuters"
        if len(word.rstrip(".")) > 1 and word.isupper():
            return False  # an acronym: "HAM", "BNPB", "KPU"
        if word.rstrip(".") in self.cues.titles or word in self.cues.not_name_words:
            return False
        low = word.lower()
        if low in calendar_words() or self.gazetteer.role(word) is not None:
            return False
        if self.cues.is_reporting(low) or self.cues.is_post(low) or self.cues.according_at([low], 0):
            return False  # "Menurut pendataan ...", "Kata dia"
        ent = self._entity_at(tok)
        # A body typed by its head word may have swallowed the name after it: "Universitas Lampung Robi
        # Cahyadi Kurniawan" is a university and a lecturer; the name is read off its end.
        return ent is None or ent.type == "PER" or (ent.kind == "org" and tok.start > ent.start)

    def name_run(
        self, tokens: Sequence[Token], lo: int, hi: int, *, last: bool, lenient: bool = False
    ) -> tuple[int, int] | None:
        """The run of name-like tokens in ``tokens[lo:hi]`` nearest its end (``last``) or start: at most four
        words, at least one of three letters ("Imam B Prasodjo", "Bahtiar"). A word that also occurs in lower
        case in the article is an ordinary word when it opens the run at a sentence start or stands alone
        ("Penyalahgunaan Mas Achmad menambahkan" under a subheading; "Selain menyampaikan orasi"). A lone word
        opening a sentence is a name only if it is capitalised elsewhere too, or ``lenient`` (the caller saw a
        sign: "Rizal mengatakan, ...")."""
        runs: list[tuple[int, int]] = []
        i = lo
        while i < hi:
            if not self._name_like(tokens[i]):
                i += 1
                continue
            j = i
            while j < hi and self._name_like(tokens[j]):
                j += 1
            runs.append((i, j))
            i = j
        if not runs:
            return None
        a, b = runs[-1] if last else runs[0]
        if b - a > 4:
            a, b = (b - 4, b) if last else (a, a + 4)
        while b - a > 1 and self._ordinary(tokens[a]):
            a += 1  # "Penanggulangan Kemiskinan Vivi Yulaswati": office words also written in lower case
        if b - a == 1 and self._ordinary(tokens[a]) and (a == 0 or tokens[a - 1].text[:1].isupper()):
            return None
        if (
            b - a == 1
            and tokens[a].start in self.sentence_starts
            and tokens[a].text not in self.mid_caps
            and not lenient
        ):
            return None  # "Padahal, ...", "Permintaan membuka data ...": capitalised only as the first word
        if not any(len(tokens[k].text) >= 3 for k in range(a, b)):
            return None
        if (
            b + 2 < len(tokens)
            and tokens[b].text == "("
            and tokens[b + 2].text == ")"
            and tokens[b + 1].text[:1].isupper()
        ):
            return None  # "Otoritas Jasa Keuangan (OJK)": a body with its acronym, not a person
        return a, b

    def _ordinary(self, tok: Token) -> bool:
        ent = self._entity_at(tok)
        return tok.text.lower() in self.lower_words and not (ent is not None and ent.type == "PER")

    def fullest(self, person: _Person) -> str:
        """The longest name in the article that contains all the words of this one ("Retno" -> "Retno
        Marsudi"); a word may also be the start of one of its words, as Indonesian short names are ("Risma" ->
        "Tri Rismaharini")."""
        words = person.name.split()
        for exact in (True, False):
            best = person.name
            for p in self.people:
                if len(p.name) > len(best) and all(_word_in(w, p.name.split(), exact) for w in words):
                    best = p.name
            if best != person.name:
                return best
        return person.name

    def _person_speaker(self, person: _Person) -> Speaker:
        country = person.country
        if country is None:
            country = next((p.country for p in self.people if p.country and p.name == self.fullest(person)), None)
        return Speaker(self.fullest(person), country, person.start, person.end, "person")

    # -- anaphora ---------------------------------------------------------------------------------------------
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
            if p.speaks and p.end <= pos and (best is None or p.start > best[0]):
                best = (p.start, self._person_speaker(p))
        for at, sp in self.said:
            if at < pos and sp.kind == "person" and (best is None or at >= best[0]):
                best = (at, sp)
        if best is not None:
            return best[1]
        named = [p for p in self.people if p.end <= pos]
        return self._person_speaker(named[-1]) if named else None

    def _role_anaphor(self, head: str, pos: int) -> Speaker | None:
        """The last person introduced with the same office: "kata Presiden" after "Presiden Joko Widodo", but
        not after "Wakil Presiden Ma'ruf Amin" (the vice-president)."""
        head_words = tuple(head.split())
        for p in reversed([p for p in self.people if p.end <= pos]):
            ctx = p.context
            for i in range(len(ctx) - len(head_words) + 1):
                if ctx[i : i + len(head_words)] == head_words and (i == 0 or ctx[i - 1] not in _OFFICE_MODIFIERS):
                    return self._person_speaker(p)
        return None

    def record(self, pos: int, speaker: Speaker) -> None:
        self.said.append((pos, speaker))

    # -- phrases ----------------------------------------------------------------------------------------------
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
        return self._org_speaker(typed[-1] if (self.cues.language == "en" and subject) else typed[0])

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
        start, end = tokens[lo].start, tokens[-1].end
        inside = [p for p in self.people if start <= p.start and p.end <= end]
        if inside:
            pick = inside[0] if (self.cues.language == "en" and not subject) else inside[-1]
            return self._person_speaker(pick)
        run = self.name_run(tokens, lo, len(tokens), last=not (self.cues.language == "en" and not subject))
        if run is None:
            return None
        single = run[1] - run[0] == 1
        # A lone capitalised word opening a sentence is a name only next to the cue ("Rizal mengatakan").
        if single and subject and run[0] == 0 and len(tokens) > 1:
            return None
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

    def _speaker_noun(self, words: list[str], lo: int) -> str | None:
        """The speaker noun a description starts with (after adjectives in English: "senior Hamas official")."""
        nouns = self.cues.speaker_nouns
        span = range(lo, min(len(words), lo + (4 if self.cues.language == "en" else 1)))
        for k in span:
            for noun in nouns:
                if tuple(words[k : k + len(noun)]) == noun:
                    return " ".join(noun)
        role = self.gazetteer.find_roles(" ".join(words[lo : lo + 3]), language=self.cues.language)
        if role and role[0].start == 0:
            return role[0].text
        return None

    def via(self, tokens: Sequence[Token]) -> str | None:
        """The intermediary named with a via cue: "dikutip Reuters", "according to AP", "told the BBC"."""
        words = [t.text.lower() for t in tokens]
        for k in range(len(tokens)):
            n = self.cues.via_at(words, k)
            if not n:
                continue
            weak = words[k] in ("kepada", "to", "told", "by", "menurut", "according", "melalui", "via")
            j = k + n
            while j < len(tokens) and words[j] in ("the", "dari", "oleh", "kantor", "berita", "layanan", "news"):
                j += 1
            if j >= len(tokens):
                continue
            ent = self._entity_at(tokens[j])
            if ent is not None and (ent.kind == "outlet" or (not weak and ent.type == "ORG")):
                return ent.text
            if not weak and tokens[j].text[:1].isupper():
                return tokens[j].text
        return None

    def phrase_end(self, tokens: Sequence[Token]) -> int:
        """Length of the speaker phrase at the start of ``tokens``: up to punctuation, a preposition or time word
        ("kata Presiden dalam rapat" -> "Presiden"), or a lower-case word after the name ("kata Aji yang ...").
        An apposition after an office continues it ("kata ajudan ... Kremlin, Yuri Ushakov, di ..."), but not
        after a name or pronoun ("Menurut Kusnawan, Blue Water Express beroperasi ..."), nor before a lower-case
        word or a weekday."""
        cues = self.cues
        calendar = calendar_words()
        depth = 0
        named = False
        for i, tok in enumerate(tokens):
            word = tok.text
            low = word.lower()
            if word == "(":
                depth += 1
                continue
            if word == ")":
                depth = max(0, depth - 1)
                continue
            if depth:
                continue
            if i == 0 and (low in cues.pronouns or low in cues.things):
                return 1
            if word in _PUNCT_STOPS or (i > 0 and low in cues.stops) or low in calendar:
                return i
            if word == ",":
                nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
                if named or not nxt[:1].isupper() or nxt.lower() in calendar:
                    return i
                continue
            if low in ("dan", "and"):
                # "Asosiasi Logistik dan Forwarder Indonesia" goes on; "kata Retno dan ..." ends
                if named or i + 1 >= len(tokens) or not tokens[i + 1].text[:1].isupper():
                    return i
                continue
            if named and word[:1].islower() and low not in _NAME_CONNECTORS:
                return i
            named = named or self._name_like(tok)
            if i >= 14:
                return i
        return len(tokens)
