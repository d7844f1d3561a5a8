"""The people of an article, found before any quote is attributed: who is named, who is introduced as
speaking, and who each sentence is about.

A later "ujarnya" (he/she said) or "kata dia" points back to one of them (``warta.quotes.speakers``), so three
kinds of mention are kept apart:

- people introduced as speaking: a name next to a reporting verb ("Rizal mengatakan, ..." - Rizal said), after
  a post cue or "menurut" ('," kata Benyamin'; "Menurut Romanus, ...") or a passive cue ("Hal senada
  dikemukakan Koordinator DFW Muhammad Abdi Suhufan" - the same was said by ...);
- the subject of a sentence whatever its verb ("Co-Founder Komunitas B2W Toto Sugito yakin, ..." - Toto Sugito
  is confident that ...): the person the next quote usually belongs to;
- everyone else named, the last resort.

Names are read with :class:`~warta.quotes.speaker_names.NameReader`; a name the entity stage did not find is
read off the capitalised words around a cue or an office.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from warta.data import all_language_words, word_alternation
from warta.quotes.intervals import Intervals
from warta.quotes.speaker_names import NAME_CONNECTORS, PUNCT_STOPS, NameReader, calendar_words
from warta.records import Entity, Token

_PREPOSITIONS = all_language_words("speaker_words.yaml", "prepositions")
# Lower-case words that end a sentence's subject: meN- and ber- verbs ("menyayangkan" - regretted, "berharap" -
# hoped; not "mereka" - they, "menurut" - according to, "menteri" - minister: ``data/verb_forms.yaml``) and
# the adverbs, auxiliaries and copulas that follow a subject ("Toto Sugito juga ..." - also; "X adalah ..." - is).
_VERB_LIKE = re.compile(
    rf"^(?!(?:{word_alternation(all_language_words('verb_forms.yaml', 'not_verbs'))})$)"
    rf"(?:{word_alternation(all_language_words('verb_forms.yaml', 'active_verb_prefixes'))})[a-z]{{3,}}$"
)
_AFTER_SUBJECT = all_language_words("speaker_words.yaml", "after_subject")
# Subordinating conjunctions: a sentence opening with one starts with a clause set off by a comma.
_SUBORDINATORS = all_language_words("speaker_words.yaml", "subordinators")
# Plural quantifiers: "para pejabat" (the officials), "sejumlah warga" (a number of residents).
_GROUPS = all_language_words("speaker_words.yaml", "groups")
# Small words inside an office and its body: "Co-Founder sekaligus Pembina Komunitas Bike to Work" (co-founder
# and patron of the Bike to Work community).
_BODY_CONNECTORS = all_language_words("speaker_words.yaml", "body_connectors") | {"&"}
# Words opening a sentence before a name that make it no subject: "Selain Sharron, ..." (besides Sharron).
_SUBJECT_OPENERS = all_language_words("speaker_words.yaml", "subject_openers")


def is_verb_like(word: str) -> bool:
    """Whether a lower-case Indonesian word looks like an active verb: a meN- or ber- word ("menyampaikan" -
    delivering, "berharap" - hoping), not one of the prepositions and pronouns built the same way ("menurut" -
    according to, "mereka" - they)."""
    return _VERB_LIKE.match(word) is not None


_SECOND_OFFICE_RELATIVE = all_language_words("speaker_words.yaml", "second_office_relative")
_SECOND_OFFICE_ALSO = all_language_words("speaker_words.yaml", "second_office_also")


def is_also_office(words: Sequence[str], i: int) -> bool:
    """Whether ``words[i:]`` reads "yang juga" + office: a second office of the same person ("Kepala BNPB yang
    juga Ketua Satgas Covid-19 Doni Monardo" - the head of BNPB, who is also chair of the task force), not a
    relative clause."""
    return words[i] in _SECOND_OFFICE_RELATIVE and i + 1 < len(words) and words[i + 1] in _SECOND_OFFICE_ALSO


def _is_age(word: str) -> bool:
    return word.isdigit() and 10 <= int(word) <= 110


def _word_in(word: str, names: Sequence[str], exact: bool) -> bool:
    return any(w == word or (not exact and len(word) >= 4 and w.startswith(word)) for w in names)


@dataclass(slots=True)
class _Person:
    start: int
    end: int
    name: str
    country: str | None
    speaks: bool = False
    context: tuple[str, ...] = ()  # the office named just before ("menteri", "luar", "negeri", "as")
    subject: bool = False  # the subject of a sentence, whom a later "ujarnya" may point back to
    quoted: bool = False  # named inside quotation marks, by someone else: "Benar, Pak Sekda positif," ujarnya


@dataclass(slots=True)
class People(NameReader):
    """The people named in one article, in text order (filled in by :meth:`find_people`)."""

    people: list[_Person] = field(default_factory=list)

    def find_people(self, sentences: Sequence[Sequence[Token]], quoted: Sequence[tuple[int, int]] = ()) -> None:
        """Collect the people of an article: the entity stage's, then those read off cues, offices and sentence
        subjects. ``quoted`` spans (quotation marks) are the speakers' own words, where nobody is introduced as
        speaking ("”Kasusnya masih dalam penyelidikan,” ucapnya" - the case is still under investigation)."""
        for tokens in sentences:
            tokens = list(tokens)
            for ent in (e for e in self.entities if tokens and tokens[0].start <= e.start < tokens[-1].end):
                if ent.type == "PER" and not self._is_role_only(ent.text) and ent.text not in self.acronyms:
                    self.people.append(self._entity_person(ent, tokens, quoted))
        self.people.sort(key=lambda p: p.start)
        inside = Intervals(quoted)
        for tokens in sentences:
            outside = [t for t in tokens if not inside.covers(t.start)]
            if outside:
                self._find_titled_names(outside)
                self._find_speaking_names(outside)
                self._find_subject(outside)

    def _entity_person(self, ent: Entity, tokens: Sequence[Token], quoted: Sequence[tuple[int, int]]) -> _Person:
        name = self.clean_name(ent.text)
        if ent.kind == "leader" and ent.name and ent.name != name and ent.name in self.text:
            name = ent.name  # "Jokowi" in an article that also says "Joko Widodo"
        first = next(i for i, t in enumerate(tokens) if t.end > ent.start)
        # the office words the entity took in belong to the context: "Menteri [Sosial Juliari Batubara]" is
        # introduced as "menteri sosial" (the social affairs minister)
        head = name.split()[0] if name else ""
        first = next((i for i in range(first, len(tokens)) if tokens[i].text == head), first)
        person = _Person(ent.start, ent.end, name, ent.country, context=self._title(tokens, first))
        person.quoted = any(a <= ent.start < b for a, b in quoted)
        return person

    def _title(self, tokens: Sequence[Token], first: int) -> tuple[str, ...]:
        """The words naming the office just before a name, lower-cased: ("menteri", "luar", "negeri", "as")
        for "Menteri Luar Negeri AS Antony Blinken"; a comma, a verb or a clause word ends it."""
        out: list[str] = []
        for tok in reversed(tokens[max(0, first - 8) : first]):
            word = tok.text
            if word in (",", "(", ")") and not out:
                continue
            if (
                word in PUNCT_STOPS
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
            run = self.name_run(tokens, first, end, last=self.cues.name_after_body)
            # the name set off by commas after the body is the person, not the body's capitalised words
            if end + 1 < len(tokens) and tokens[end].text == ",":
                after = end + 1 + self.phrase_end(tokens[end + 1 :])
                named = self.name_run(tokens, end + 1, after, last=False)
                if named is not None and named[1] == after and named[0] == end + 1:
                    run = named
            if run is not None and run[0] - first <= 8:
                self._add_person(tokens, run, speaks=False)

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
            if self.cues.introduces(tokens[k].text, first=k == 0):
                end = k
                while end > 0 and words[end - 1] in (",", "juga", "pun", "kembali", "also", "then"):
                    end -= 1
                # "Rizal mengatakan, ..." but not "Selain menyampaikan orasi, ..." (besides giving speeches)
                said = k + 1 < len(words) and (words[k + 1] in (",", ":") or words[k + 1] in self.cues.that)
                run = self.name_run(tokens, max(0, end - 5), end, last=True, lenient=said)
                if run is not None and run[1] == end and not self._affiliated(tokens, run[0]):
                    if not (end < k and self._in_apposition(words, run[0])):
                        self._add_person(tokens, run, speaks=True)
            skip = self.cues.according_at(words, k)
            if not skip and not word.endswith("nya"):
                after_mark = k == 0 or words[k - 1] == "," or tokens[k - 1].text in PUNCT_STOPS
                if word in self.cues.passive or (self.cues.is_post(word) and after_mark):
                    skip = 1
            if skip:
                region = tokens[k + skip :]
                first = k + skip
                run = self.name_run(
                    tokens, first, first + self.phrase_end(region), last=self.cues.name_after_body
                )
                if run is not None:
                    self._add_person(tokens, run, speaks=True)
        self._sentence_subject(tokens, words)

    def _in_apposition(self, words: Sequence[str], first: int) -> bool:
        """Whether the name at ``first`` ends an office set off by commas, which describes the name before it:
        "Decky Senduk, sekretaris tim kampanye Vonnie-Hendry, mengaku" (Decky Senduk, secretary of the
        Vonnie-Hendry campaign team, admitted) - Vonnie-Hendry does not speak."""
        comma = next((i for i in range(first - 1, -1, -1) if words[i] == ","), None)
        return comma is not None and comma > 0 and self.is_office(words[comma + 1 : first])

    def _sentence_subject(self, tokens: list[Token], words: list[str]) -> None:
        """Mark the name leading a sentence as speaking when a reporting verb follows it."""
        lo = 0
        comma = next((i for i, w in enumerate(words[:5]) if w == ","), None)
        if comma is not None and self.name_run(tokens, 0, comma, last=True) is None:
            lo = comma + 1  # "Secara terpisah, ..." / "Sementara itu, ..."
        if lo >= len(tokens) or words[lo] in _PREPOSITIONS:
            return
        hi = min(lo + self.phrase_end(tokens[lo:]), lo + 20)
        # "Dedy, Kepala Peleton B ..., menuturkan": a lone first word followed by an office is a name
        office = hi + 1 < len(words) and words[hi] == "," and self._speaker_noun(words, hi + 1) is not None
        run = self.name_run(tokens, lo, hi, last=self.cues.name_after_body, lenient=office)
        if run is not None and run[1] - run[0] == 1 and self._body_led(tokens, lo, run[0]):
            return  # "Satgas Kampung Tangguh akan meminta ..." (the Kampung Tangguh task force will ask ...)
        # Only the subject of a reporting verb speaks: "Decky Senduk, sekretaris tim kampanye Vonnie-Hendry,
        # mengaku ..." (Decky Senduk, the campaign secretary of Vonnie-Hendry, admitted ...).
        if run is not None and any(self.cues.is_reporting(w) for w in words[run[1] : run[1] + 14]):
            self._add_person(tokens, run, speaks=True)

    def _find_subject(self, tokens: list[Token]) -> None:
        """Mark the person a sentence is about, whatever its verb: the antecedent a following "ujarnya" points
        back to when nobody was introduced as speaking since ("Co-Founder Komunitas B2W Toto Sugito yakin,
        ..." - Toto Sugito is confident ...; "Marullah Matali, Wali Kota Jakarta Selatan, juga membenarkan
        ..." - also confirmed ...). The subject is read from the sentence start, after an opener set off by a
        comma ("Sejak dinyatakan positif, Budi ..." - since testing positive, Budi ...), up to its verb; in
        "NAME, OFFICE, VERB" the name comes first, in "OFFICE BODY NAME VERB" last. A name after a preposition
        ("Selain Sharron, ..." - besides Sharron) or after a verb (the object) is not the subject."""
        words = [t.text.lower() for t in tokens]
        lo = self._opener_end(tokens, words)
        segments = self._subject_segments(tokens, words, lo)
        for n, (a, b) in enumerate(segments):
            if a < b and (words[a] in calendar_words() or words[a] == "("):
                continue  # "Ditemui di Banyuwangi, Jumat (4/9/2020), Kepala Dinas ...": a date between
            if a >= b or words[a] in _PREPOSITIONS or words[a] in _SUBJECT_OPENERS or words[a] in _GROUPS:
                return  # "Para pejabat utama Korem ..." (the senior officers of ...): a group, no one person
            office = self._office_at(words, a) or self._speaker_noun(words, a) is not None
            if not tokens[a].text[:1].isupper() and not office:
                return  # "semua koleksi Perpusnas ..." (all of the library's books): no one
            nxt = segments[n + 1] if n + 1 < len(segments) else None
            if office and nxt is not None and nxt[1] > nxt[0] and self.is_bare_name(tokens[nxt[0] : nxt[1]]):
                # "Dosen Fakultas Ekonomika Universitas Gadjah Mada, Rimawan Pradiptyo, juga menyoroti ...":
                # the name in commas after an office and its body
                a, b = nxt
            run = self.name_run(tokens, a, b, last=self.cues.name_after_body, lenient=a > lo)
            if run is not None:
                if self._is_person(tokens, words, run, a, b) or (a, b) == nxt:
                    self._add_person(tokens, run, speaks=False).subject = True
                return
            if not office:
                return  # only an office goes on to the name after it: "Pengamat ... ICT Institute, Heru Sutadi,"

    def _is_person(
        self, tokens: Sequence[Token], words: Sequence[str], run: tuple[int, int], a: int, b: int
    ) -> bool:
        """Whether a name run heading a sentence is a person, not a place or body the capitals also fit
        ("Candi Borobudur", "Kenjeran"): the entity stage says so, an office or title stands before it
        ("Kepala Dinas Perhubungan Kabupaten Bekasi Yana Suyatna"), or an office follows it in commas
        ("Marullah Matali, Wali Kota Jakarta Selatan, ...")."""
        start, end = tokens[run[0]].start, tokens[run[1] - 1].end
        if run[1] - run[0] == 1 and start in self.sentence_starts:
            # "Sungai yang menampung ..." (the river that ...): a lone first word only if known as a person
            return any(p.start <= start and end <= p.end for p in self.people)
        if run[1] < len(tokens) and tokens[run[1]].text in self.cues.not_name_words:
            return False  # the name of a body: "RUU Cipta Kerja" (the job creation bill)
        if any(e.type == "PER" and e.start < end and start < e.end for e in self.entities):
            return True
        if self._office_at(words, a) or (run[0] > 0 and tokens[run[0] - 1].text.rstrip(".") in self.cues.titles):
            return True
        if run[1] + 2 < len(tokens) and tokens[run[1]].text == "(" and _is_age(tokens[run[1] + 1].text):
            return True  # a person's age after the name: "Fikri Nur Fakhmi (29), ..."
        return b + 1 < len(words) and words[b] == "," and self._speaker_noun(list(words), b + 1) is not None

    def _opener_end(self, tokens: Sequence[Token], words: Sequence[str]) -> int:
        """Where the sentence proper starts, after an opener set off by a comma that names nobody ("Sementara
        itu, ..." - meanwhile; "Kepada para nelayan yang memburu telur, ..." - to the fishermen ...)."""
        comma = next((i for i, w in enumerate(words[:16]) if w == ","), None)
        if comma is None or comma == 0:
            return 0
        if words[0] in _SUBORDINATORS:
            return (
                comma + 1
            )  # "Meski RSDC Wisma Atlet sudah siap, Arifin memohon ..." (although ..., Arifin asked)
        relative = next((i for i, w in enumerate(words[:comma]) if w == "yang"), comma)
        if any(_VERB_LIKE.match(w) for w in words[:relative]):
            return 0  # a clause, not an opener: "Rombongan ini menuju kawasan Jalan Nambangan, ..."
        if self.name_run(tokens, 0, comma, last=True) is not None:
            return 0
        if any(p.start >= tokens[0].start and p.end <= tokens[comma].start for p in self.people):
            return 0
        return comma + 1

    def _subject_segments(self, tokens: Sequence[Token], words: Sequence[str], lo: int) -> list[tuple[int, int]]:
        """The comma-separated pieces of the words before a sentence's verb, from ``lo``: the verb is a meN- or
        ber- word ("mengatakan", "berharap") or a word that follows the subject ("juga", "akan", "yang"); after a
        name, any lower-case word ends the subject ("Mimin Dwi Hartono dalam diskusi ..." - in a discussion)."""
        out: list[tuple[int, int]] = []
        start = lo
        named = office = False
        i = lo
        while i < len(tokens) and i - lo < 30:
            word, low = tokens[i].text, words[i]
            office = office or bool(self._office_at(words, i)) or word.rstrip(".") in self.cues.titles
            if word == "(":
                close = next((j for j in range(i, min(len(tokens), i + 8)) if words[j] == ")"), None)
                i = (close if close is not None else i) + 1
                continue
            if word == ",":
                out.append((start, i))
                start, named, office = i + 1, False, False
                i += 1
                continue
            if word in PUNCT_STOPS or word in ("—", "–", "-"):
                break
            if is_also_office(words, i) and i + 2 < len(tokens) and tokens[i + 2].text[:1].isupper():
                i += 2  # "Kepala BNPB yang juga Ketua Satgas Covid-19 Doni Monardo" (who is also chair of ...)
                continue
            # "Center of Reform on Economics": small words inside a body's name before a capitalised word
            inside = low in _BODY_CONNECTORS and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper()
            if word[:1].islower() and low not in NAME_CONNECTORS and not inside:
                if named or _VERB_LIKE.match(low) or low in _AFTER_SUBJECT or self.cues.is_reporting(low):
                    break
                if not office and self._speaker_noun(list(words), i) is None:
                    break  # "Hal itu sebagaimana diatur dalam Pasal 78 Ayat (2)": lower-case words, no office
            named = named or self._name_like(tokens[i])
            i += 1
        out.append((start, i))
        return out

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
