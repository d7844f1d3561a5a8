"""Speech and attribution cues (``data/cues.yaml``, titles from ``data/titles.yaml``) as quick lookups for the
quote finder and status rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from warta.data import grammar, load_yaml, word_key


@dataclass(frozen=True, slots=True)
class Cues:
    """Cue words of one language, lower-cased; multi-word cues are kept as tuples of words.

    The first five fields are shared with the event coder and the entity rules; the rest serve the quote
    finder (see ``data/cues.yaml`` for what each list means, with examples).
    """

    speech: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    via: tuple[tuple[str, ...], ...]
    that: frozenset[str]
    pronouns: frozenset[str]
    post: frozenset[str] = frozenset()
    weak: frozenset[str] = frozenset()
    needs_that: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()
    things: frozenset[str] = frozenset()
    passive: frozenset[str] = frozenset()
    speaker_nouns: tuple[tuple[str, ...], ...] = ()
    speaker_noun_heads: frozenset[str] = frozenset()  # their first words ("juru" of "juru bicara")
    demonstratives: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    stops: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    offices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    not_name_words: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    title_markers: frozenset[str] = frozenset()
    language: str = field(default="en")
    #: the person's name follows the office's body ("name_after_body" in ``data/languages.yaml``)
    name_after_body: bool = False
    #: a noun before its modifiers ("head_first": "pejabat senior Hamas", a senior Hamas official)
    head_first: bool = False
    #: a post cue may also introduce a clause ("post_cues_introduce": "said" does, "kata" does not)
    post_cues_introduce: bool = True
    #: capitalised names hold verbs ("verbs_in_names": "UU tentang Kemerdekaan Menyampaikan Pendapat")
    verbs_in_names: bool = False

    def is_speech(self, word: str) -> bool:
        return word.lower() in self.speech

    def is_post(self, word: str) -> bool:
        """A cue that attributes the words before it: "kata", "ujarnya", "said" ('"...," kata Retno')."""
        low = word.lower()
        return low in self.post or (low.endswith("nya") and low[:-3] in self.post)

    def is_reporting(self, word: str) -> bool:
        """Any verb that can introduce reported words, strong ("mengatakan") or weak ("mengumumkan")."""
        low = word.lower()
        return low in self.speech or low in self.weak

    def introduces(self, token: str, *, first: bool = False) -> bool:
        """A reporting verb with its speaker before it and the words it reports after it: "Retno mengatakan,
        ...", "Wang said ...". Not Indonesian's short post cues, which attribute the words before them and are
        adjectives before a verb ("Pemprov DKI tegas menegakkan aturan" - the city firmly enforces the rule),
        nor their -nya forms ("BPJS Ketenagakerjaan, lanjutnya, ..." - he went on), nor a capitalised word
        inside a sentence, which is part of a name ("UU tentang Kemerdekaan Menyampaikan Pendapat" - the law
        on the freedom to express opinions)."""
        low = token.lower()
        if not self.is_reporting(low) or (token[:1].isupper() and not first):
            return False
        return self.post_cues_introduce or not self.is_post(low)

    def office_words(self, word: str) -> tuple[str, ...] | None:
        """The office a short office name stands for: "Mensos" -> ("menteri", "sosial"), else None."""
        low = word.lower()
        return next((full for short, full in self.offices if short == low), None)

    def according_at(self, words: list[str], k: int) -> int:
        """Length of an "according to" cue starting at ``words[k]`` ("menurut", "according to"), else 0."""
        for cue in self.according:
            if tuple(words[k : k + len(cue)]) == cue:
                return len(cue)
        return 0

    def via_at(self, words: list[str], k: int) -> int:
        """Length of an intermediary cue starting at ``words[k]`` ("dikutip dari", "quoted by"), else 0."""
        best = 0
        for cue in self.via:
            if tuple(words[k : k + len(cue)]) == cue:
                best = max(best, len(cue))
        return best


@cache
def cues_for(language: str) -> Cues:
    """The cues of ``language`` (a :class:`~warta.errors.LanguageError` for one without word lists)."""
    data = load_yaml("cues.yaml")
    lang = word_key(language)
    rules = grammar(language)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(str(w).lower().split()) for w in data.get(key) or ())

    speaker_nouns = phrases(f"speaker_nouns_{lang}")
    return Cues(
        speech=frozenset(w.lower() for w in data[f"speech_{lang}"] if " " not in w),
        according=phrases(f"according_{lang}"),
        via=phrases(f"via_{lang}"),
        that=frozenset(data[f"that_{lang}"]),
        pronouns=frozenset(data[f"person_pronouns_{lang}"]),
        post=words(f"post_cues_{lang}"),
        weak=words(f"weak_{lang}"),
        needs_that=words(f"needs_that_{lang}"),
        clause_words=words(f"clause_words_{lang}"),
        things=words(f"thing_pronouns_{lang}"),
        passive=words(f"passive_{lang}"),
        speaker_nouns=speaker_nouns,
        speaker_noun_heads=frozenset(noun[0] for noun in speaker_nouns if noun),
        demonstratives=words(f"demonstratives_{lang}"),
        articles=words(f"articles_{lang}"),
        stops=words(f"speaker_stops_{lang}"),
        titles=_titles(),
        offices=_offices(),
        not_name_words=frozenset(str(w) for w in data.get("not_name_words") or ()),
        function_words=words("function_words"),
        title_markers=words(f"title_markers_{lang}"),
        language=lang,
        name_after_body=rules.name_after_body,
        head_first=rules.head_first,
        post_cues_introduce=rules.post_cues_introduce,
        verbs_in_names=rules.verbs_in_names,
    )


def _titles() -> frozenset[str]:
    """Ranks, honorifics, degrees and short office names: words around a name that are not part of it."""
    data = load_yaml("titles.yaml")
    words = [w for key in ("police_ranks", "military_ranks", "honorifics", "degrees") for w in data[key]]
    return frozenset(str(w).rstrip(".") for w in [*words, *data["offices"]]) | {"Y.M."}


def _offices() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Short office names, lower-cased, with the office words they stand for ("mensos" -> menteri sosial)."""
    data = load_yaml("titles.yaml")["offices"]
    return tuple((str(k).lower(), tuple(str(v).lower().split())) for k, v in data.items())
