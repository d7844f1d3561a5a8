"""Reading personal names off capitalised words, for the quote finder's speakers.

Indonesian news puts title, office and body before a name, all capitalised ("Kepala Bidang Humas Polda Metro
Jaya Kombes Yusri Yunus" - head of public relations of the Jakarta police, senior commissioner Yusri Yunus), so
a name is the run of name-like words nearest the end of such a phrase, stopping at office and body words,
acronyms, ranks and titles (``data/cues.yaml``, ``data/titles.yaml``). :class:`NameReader` knows the words of
one article that are not names (ordinary words also written in lower case, dictionary places and outlets,
acronyms the article defines) and reads names, offices and speaker phrases from its tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from warta.data import all_language_words, load_yaml, word_alternation
from warta.nlp.gazetteer import Gazetteer
from warta.quotes.cues import Cues
from warta.records import Entity, Token

_NAME_TOKEN = re.compile(r"^[A-Z\u00C0-\u00DE][^\W\d_]*(?:['’.-][^\W\d_]*)*\.?$")
# "Long Name (ACR)": up to seven capitalised words, with the small words names contain.
_ACRONYM_NAME_WORDS = word_alternation(all_language_words("speaker_words.yaml", "acronym_name_words"))
_ACRONYM = re.compile(
    rf"((?:[A-Z][\w’'-]*\s+(?:(?:{_ACRONYM_NAME_WORDS})\s+)?){{1,7}})" r"\(([A-Z][A-Za-z0-9]{1,9})\)"
)
PUNCT_STOPS = frozenset({".", ";", ":", "!", "?", '"', "“", "”", "‘", "’", "«", "»", "—", "–"})
AFFILIATION = all_language_words("speaker_words.yaml", "affiliation")
# Name particles (``name_heads.yaml``), with those read only inside a speaker's name ("Luigi di Maio").
NAME_CONNECTORS = frozenset(
    str(w) for key in ("name_particles", "speaker_name_particles") for w in load_yaml("name_heads.yaml")[key]
)
# Small words inside the name of a body, before a capitalised word: "Center of Reform on Economics".
OF_WORDS = all_language_words("speaker_words.yaml", "of_words") | {"&"}


@cache
def calendar_words() -> frozenset[str]:
    """Weekday and month names: capitalised, next to cues ("kata Presiden, Senin"), never speakers."""
    dates = load_yaml("dates.yaml")
    return frozenset(str(w).lower() for w in [*dates["weekdays"], *dates["months"]])


@cache
def body_heads() -> frozenset[str]:
    """Words that open the name of a body or place ("Kementerian", "Satgas", "Kampung"; ``name_heads.yaml``
    and ``cues.yaml``)."""
    heads = load_yaml("name_heads.yaml")
    extra = load_yaml("cues.yaml")["body_heads"]
    return frozenset(str(w) for w in [*heads["org_first"], *heads["place_first"], *extra])


@cache
def place_heads() -> frozenset[str]:
    """Words that open a place's name ("Provinsi", "Kota", "Desa"; ``name_heads.yaml``)."""
    return frozenset(str(w) for w in load_yaml("name_heads.yaml")["place_first"])


_OFFICE_COORDINATORS = all_language_words("speaker_words.yaml", "office_coordinators")
_NAME_COORDINATORS = all_language_words("speaker_words.yaml", "name_coordinators")


@dataclass(slots=True)
class NameReader:
    """The words of one article and what they say about names (filled in by :meth:`read_words`)."""

    text: str
    cues: Cues
    gazetteer: Gazetteer
    entities: list[Entity]
    lower_words: frozenset[str] = frozenset()
    sentence_starts: frozenset[int] = frozenset()
    mid_caps: frozenset[str] = frozenset()
    acronyms: dict[str, str] = field(default_factory=dict)
    dictionary_tokens: frozenset[int] = frozenset()  # starts of tokens inside dictionary names
    _swallowed: frozenset[int] | None = None

    def read_words(self, sentences: Sequence[Sequence[Token]]) -> None:
        """Note the article's lower-case words, sentence starts, capitalised words inside sentences, defined
        acronyms and the tokens inside dictionary names (countries, capitals, outlets)."""
        text = self.text
        self.lower_words = frozenset(re.findall(r"\b[a-z]+\b", text))
        self.sentence_starts = frozenset(t[0].start for t in sentences if t)
        self.mid_caps = frozenset(t.text for ts in sentences for t in list(ts)[1:] if t.text[:1].isupper())
        self.acronyms = self._find_acronyms()
        spans = [
            (m.start, m.end)
            for m in self.gazetteer.find(text, language=self.cues.language)
            if any(e.kind not in ("leader", "role") for e in m.entries)
        ]
        starts = [a for a, _ in spans]
        self.dictionary_tokens = frozenset(
            t.start
            for ts in sentences
            for t in ts
            if (i := bisect_right(starts, t.start) - 1) >= 0 and t.start < spans[i][1]
        )

    def _find_acronyms(self) -> dict[str, str]:
        """Acronyms the article defines: "Penjaga Pantai Filipina (PCG)", "Dewan Keamanan (DK) PBB"."""
        out: dict[str, str] = {}
        for m in _ACRONYM.finditer(self.text):
            words = m.group(1).split()
            while words and (
                words[0].lower() in self.cues.articles
                or self.cues.according_at([words[0].lower()], 0)
                or self.cues.is_reporting(words[0])
                or words[0].lower() in self.cues.function_words
            ):
                words = words[1:]
            if len(words) >= 2:
                out.setdefault(m.group(2), " ".join(words))
        return out

    def _office_at(self, words: Sequence[str], k: int) -> int:
        """Length of an office word or phrase for a person starting at ``words[k]`` ("menteri luar negeri",
        "juru bicara", "ketua"), else 0."""
        if not self.gazetteer.may_start_role(words[k]) and words[k] not in self.cues.speaker_noun_heads:
            return 0
        for n in (3, 2, 1):
            if k + n > len(words):
                continue
            phrase = tuple(words[k : k + n])
            entry = self.gazetteer.role(" ".join(phrase), language=self.cues.language)
            if (entry is not None and entry.type == "PER") or phrase in self.cues.speaker_nouns:
                return n
        return 0

    def is_office(self, words: Sequence[str]) -> bool:
        """Whether these lower-cased words open with an office or a speaker noun ("ketua ...", "sekretaris
        tim kampanye ...", "warga kota ...", "peneliti senior ..."): a description, not a name."""
        return bool(words) and (bool(self._office_at(words, 0)) or self._speaker_noun(list(words), 0) is not None)

    def _speaker_noun(self, words: list[str], lo: int) -> str | None:
        """The speaker noun a description starts with, after up to three adjectives where they stand before the
        noun (English "senior Hamas official"; Indonesian puts them after it: "pejabat senior Hamas")."""
        nouns = self.cues.speaker_nouns
        span = range(lo, min(len(words), lo + (1 if self.cues.head_first else 4)))
        for k in span:
            if words[k] not in self.cues.speaker_noun_heads:
                continue
            for noun in nouns:
                if tuple(words[k : k + len(noun)]) == noun:
                    return " ".join(noun)
        role = self.gazetteer.find_roles(" ".join(words[lo : lo + 3]), language=self.cues.language)
        if role and role[0].start == 0:
            return role[0].text
        if lo < len(words) and self.cues.office_words(words[lo]) is not None:
            return words[lo]  # "kata Mensos" (said the social affairs minister)
        return None

    def is_bare_name(self, tokens: Sequence[Token]) -> bool:
        """Whether these tokens are a name and nothing else, an age in brackets aside ("Andi Anwar (36)")."""
        run = self.name_run(tokens, 0, len(tokens), last=False, lenient=True)
        if run is None or run[0] != 0:
            return False
        return all(t.text in "()" or t.text.isdigit() for t in tokens[run[1] :])

    def _body_led(self, tokens: Sequence[Token], lo: int, first: int) -> bool:
        """Whether the words from ``lo`` to a name at ``first`` open with a body and hold no office: the
        capitalised word after them is the body's name, not a person ("Satgas Kampung Tangguh" - the Kampung
        Tangguh task force; but "Kepala Satgas Budi" has an office, and Budi is its holder)."""
        if tokens[lo].text not in body_heads():
            return False
        words = [t.text.lower() for t in tokens]
        return not any(self._office_at(words, i) or tokens[i].text in self.cues.titles for i in range(lo, first))

    def _affiliated(self, tokens: Sequence[Token], first: int) -> bool:
        """Whether the name starting at ``first`` ends a body named after "dari"/"of": "Reynaldi dari PT House
        of Rattan mengatakan" (Reynaldi of PT House of Rattan said) - the body is not the speaker."""
        k = first
        while k > 0 and (tokens[k - 1].text[:1].isupper() or tokens[k - 1].text.lower() in OF_WORDS):
            k -= 1
        # but "Pengamat politik dari Universitas Lampung Robi Cahyadi" (a political analyst of the University of
        # Lampung, Robi Cahyadi): an office before "dari" is the person's, named after the body
        return k > 1 and tokens[k - 1].text.lower() in AFFILIATION and self._name_like(tokens[k - 2])

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
            elif first in self.cues.function_words or first in self.lower_words:
                words = words[1:]  # "Sementara Fetty" (meanwhile Fetty); office words also written in lower case
            elif len(words[0]) > 1 and words[0].isupper():
                words = words[1:]  # an acronym left of the name: "BMKG Dwikorita Karnawati"
            elif any(c.isdigit() for c in words[0]):
                words = words[1:]  # the end of a body's name: "Satgas Covid-19 Doni Monardo"
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
        low = word.lower()
        if not _NAME_TOKEN.match(word) or low in self.cues.function_words or low in self.cues.articles:
            return False
        if tok.start in self.dictionary_tokens:
            return False  # a country, capital, adjective or outlet: "Israeli", "China", "Reuters"
        if len(word.rstrip(".")) > 1 and word.isupper():
            return False  # an acronym: "HAM", "BNPB", "KPU"
        if word in self.acronyms:
            return False  # a body's short name the article defines: "Dinas Perhubungan (Dishub)"
        if word.rstrip(".") in self.cues.titles or word in self.cues.not_name_words:
            return False
        if low in calendar_words() or self.gazetteer.role(word) is not None:
            return False
        if self.cues.is_reporting(low) or self.cues.is_post(low) or self.cues.according_at([low], 0):
            return False  # "Menurut pendataan ...", "Kata dia"
        ent = self._entity_at(tok)
        # A body typed by its head word may have swallowed the name after it: "Universitas Lampung Robi
        # Cahyadi Kurniawan" is a university and a lecturer; the name is read off its end.
        if ent is None or ent.type == "PER" or (ent.kind == "org" and tok.start > ent.start):
            return True
        return ent.type == "LOC" and tok.start in self._swallowed_by_places()

    def _swallowed_by_places(self) -> frozenset[int]:
        """Starts of the name-like words a place swallowed: after a place head and one word, or after a place
        the dictionary knows, a run of two or more capitalised words is a person ("Provinsi Kalsel Nurul Fajar
        Desira" - the province of South Kalimantan, and Nurul Fajar Desira; "Stasiun Klimatologi Bogor Leni
        Jantika Haswan" - the Bogor climatology station, and Leni Jantika Haswan)."""
        if self._swallowed is None:
            heads = place_heads()
            out: set[int] = set()
            for ent in self.entities:
                words = [(m.start() + ent.start, m.group()) for m in re.finditer(r"\S+", ent.text)]
                if ent.type != "LOC" or len(words) < 4:
                    continue
                known = [i for i, (at, _) in enumerate(words) if at in self.dictionary_tokens]
                first = 2 if words[0][1] in heads else (known[-1] + 1 if known else len(words))
                tail = words[first:]
                if len(tail) >= 2 and all(
                    _NAME_TOKEN.match(w) and w not in self.cues.not_name_words for _, w in tail
                ):
                    out.update(at for at, _ in tail)
            self._swallowed = frozenset(out)
        return self._swallowed

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

    def _apposed_at(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether a name set off by commas starts at ``i``: "..., Windhu Purnomo, di Surabaya"."""
        j = i
        while j < len(tokens) and self._name_like(tokens[j]):
            j += 1
        return j - i >= 2 and (j == len(tokens) or tokens[j].text in (",", *PUNCT_STOPS))

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
        office = bool(tokens) and (
            self.is_office([t.text.lower() for t in tokens[:3]]) or tokens[0].text in cues.titles
        )
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
            # a capitalised stop word is part of a name: "Kementerian Dalam Negeri" (home ministry), not "dalam"
            if word in PUNCT_STOPS or (i > 0 and low in cues.stops and word[:1].islower()) or low in calendar:
                return i
            if word == ",":
                nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
                if office and (self._apposed_at(tokens, i + 1) or nxt in _OFFICE_COORDINATORS):
                    continue  # "kata ahli epidemiologi Universitas Airlangga, Windhu Purnomo, di Surabaya"
                if named or not nxt[:1].isupper() or nxt.lower() in calendar:
                    return i
                continue
            if low in _NAME_COORDINATORS:
                # "Asosiasi Logistik dan Forwarder Indonesia" goes on, and so does an office's body: "Kepala Seksi
                # Pasca Panen dan Pengolahan Hasil Pertanian Eti Rohaeti"; "kata Retno dan ..." ends
                if i + 1 >= len(tokens) or not tokens[i + 1].text[:1].isupper() or (named and not office):
                    return i
                continue
            nxt_cap = i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper()
            if named and word[:1].islower() and low not in NAME_CONNECTORS and not (low in OF_WORDS and nxt_cap):
                return i  # but "Center of Reform on Economics" goes on
            named = named or self._name_like(tok)
            if i >= (24 if office else 14):  # an office and its body run long before the name
                return i
        return len(tokens)
