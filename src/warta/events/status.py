"""Event status from the words around a trigger (precedence: hypothetical > future > denied > reported >
asserted, as in ``corpus/GUIDE.md``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warta.data import all_language_words, load_yaml, word_key
from warta.quotes.cues import cues_for

PRECEDENCE = ("asserted", "reported", "denied", "future", "hypothetical")
# How many tokens before a trigger a modal or future word may stand: "kemungkinan besar akan mengirimkan"
# ("will most likely send") puts "kemungkinan" three tokens before the verb.
_MODAL_WINDOW = 5
_NEGATION_WINDOW = 2
_DENIAL_WINDOW = 8
_CLAUSE_BREAKS = all_language_words("event_words.yaml", "clause_breaks") | {",", ":", ";"}


@dataclass(frozen=True, slots=True)
class StatusCues:
    hypothetical: frozenset[str]
    future: frozenset[str]
    negation: frozenset[str]
    denial: frozenset[str]
    purpose: frozenset[str]
    refusal: frozenset[str]
    condition: frozenset[str]
    statement: frozenset[str]
    reported_future: frozenset[str]
    # Words that attribute wherever they stand, and words that attribute only right after a comma or a
    # quotation mark ("..., jelas dia" - ..., he explained; "tidak jelas" - unclear): those of
    # data/status_cues.yaml and the quote finder's reporting verbs (data/cues.yaml): "Putin menambahkan bahwa
    # pihaknya sudah bersepakat" (Putin added that his side had agreed) reports the agreement. Its short post
    # cues and their -nya forms ("tambah", "terang": also "more", "clear") count only after a comma or a quote.
    attributing: frozenset[str]
    attributing_after_quote: frozenset[str]

    def attributes(self, words: Sequence[str], k: int) -> bool:
        """Whether word ``k`` attributes its sentence to a source ("kata", "menurut", "said", "..., tegas X")."""
        w = words[k]
        return w in self.attributing or (
            w in self.attributing_after_quote and k > 0 and words[k - 1] in _AFTER_QUOTE
        )


@cache
def status_cues(language: str) -> StatusCues:
    """The status cue words of ``language`` (``data/status_cues.yaml``)."""
    data = load_yaml("status_cues.yaml")
    lang = word_key(language)
    speech = cues_for(language)
    own, after_comma = set(data[f"attribution_{lang}"]), set(data[f"attribution_after_comma_{lang}"])
    verbs = {w for w in speech.speech if speech.post_cues_introduce or not speech.is_post(w)}
    post = speech.post | {w + "nya" for w in speech.post}
    return StatusCues(
        *(
            frozenset(data[f"{key}_{lang}"])
            for key in (
                "hypothetical",
                "future",
                "negation",
                "denial",
                "purpose",
                "refusal",
                "condition",
                "statement",
                "reported_future",
            )
        ),
        attributing=frozenset((own - after_comma) | verbs),
        attributing_after_quote=frozenset((after_comma | post) - (own - after_comma) - verbs),
    )


def _window_before(words: Sequence[str], index: int, size: int) -> list[str]:
    """Up to ``size`` words before ``index``, not crossing a clause break."""
    out: list[str] = []
    for k in range(index - 1, max(-1, index - 1 - size), -1):
        if words[k] in _CLAUSE_BREAKS:
            break
        out.append(words[k])
    return out


def has_future_cue(words: Sequence[str], index: int, cues: StatusCues) -> bool:
    """Whether a future word ("akan", "will", "plans") stands before token ``index`` in its clause, and no
    modal of possibility ("would", "kemungkinan") makes it hypothetical."""
    before = _window_before(words, index, _MODAL_WINDOW)
    return any(w in cues.future for w in before) and not any(w in cues.hypothetical for w in before)


def has_reported_future_cue(words: Sequence[str], index: int, cues: StatusCues) -> bool:
    """Whether the future of reported speech stands before token ``index``: "Palestinian leaders said they
    would boycott ..." - "would" is the backshifted "will", not a possibility."""
    before = _window_before(words, index, _MODAL_WINDOW)
    return any(w in cues.reported_future for w in before) and not any(
        w in cues.hypothetical and w not in cues.reported_future for w in before
    )


def is_negated(words: Sequence[str], index: int, cues: StatusCues) -> bool:
    """ "tidak mengirim" (did not send), "belum akan menandatangani" (will not yet sign), "did not attack"."""
    window = _window_before(words, index, _NEGATION_WINDOW + 1)
    return any(w in cues.negation for w in window)


_DENIED_THAT = all_language_words("event_words.yaml", "denied_that")


def event_status(
    words: Sequence[str],
    index: int,
    cues: StatusCues,
    *,
    speech_act: bool,
    attributed: bool,
    noun: bool = False,
) -> str:
    """The status of the event whose trigger starts at token ``index``.

    ``speech_act``: the trigger is a statement by its own source (a pledge, accusation, demand...); GUIDE:
    "X said it will support ..." is an asserted SUPPORT, so a future word does not make it future.
    ``attributed``: the sentence reports the event on someone's word ("kata X", "menurut X", "X said").
    ``noun``: the trigger is an event noun. A denial covers its object - a noun ("membantah adanya transfer
    senjata", denied that there were arms transfers) or a "bahwa"/"that" clause - but not a verb that merely
    follows it ("Wang rejected the criticism and accused Manila": the accusation is made, not denied).
    A verb right after "untuk"/"to" is a purpose not yet carried out: "mengundang Retno untuk berkunjung ke
    Canberra" (invited Retno to visit Canberra) is a future visit.
    """
    before = _window_before(words, index, _MODAL_WINDOW)
    if any(w in cues.hypothetical and not (attributed and w in cues.reported_future) for w in before):
        return "hypothetical"
    if attributed and any(w in cues.reported_future for w in before) and not speech_act:
        return "future"
    purpose = index > 0 and words[index - 1] in cues.purpose and not noun
    if not speech_act and (any(w in cues.future for w in before) or purpose):
        return "future"
    denial_zone = words[max(0, index - _DENIAL_WINDOW) : index]
    denial_at = max((k for k, w in enumerate(denial_zone) if w in cues.denial), default=None)
    if denial_at is not None and (noun or any(w in _DENIED_THAT for w in denial_zone[denial_at:])):
        return "denied"
    if attributed and not speech_act:
        return "reported"
    return "asserted"


def stronger(a: str, b: str) -> str:
    """The status that wins when two mentions of the same event are merged within a sentence."""
    return a if PRECEDENCE.index(a) >= PRECEDENCE.index(b) else b


def is_attributed(words: Sequence[str], cues: StatusCues) -> bool:
    """Whether a sentence attributes what it says to a source: "kata X", "menurut X", "X said"."""
    if not cues.attributing.isdisjoint(words):
        return True
    return any(cues.attributes(words, k) for k, w in enumerate(words) if w in cues.attributing_after_quote)


_AFTER_QUOTE = frozenset({",", '"', "”", "’", "'"})
_RELATIVE = all_language_words("event_words.yaml", "relative")


def attributed_at(words: Sequence[str], index: int, cues: StatusCues) -> bool:
    """Whether the event at token ``index`` is told on someone's word. An attribution inside a relative clause
    after the trigger describes the noun, not the event: "Kim Jong Un dan Putin kemudian memulai pembicaraan
    empat mata yang menurut ajudan Kremlin ..." (Kim and Putin then began talks which, according to a Kremlin
    aide, ...) - the talks themselves are asserted."""
    for k in range(len(words)):
        if not cues.attributes(words, k):
            continue
        if k > index and any(x in _RELATIVE for x in words[index + 1 : k]):
            continue
        return True
    return False
