"""Events derived from how an act is announced: refusals, pledges and threats.

The coder codes the act a sentence names; these rules add or replace it when the way it is announced is an
event of its own (PLOVER codes what the speaker does by saying it): a cooperative act refused for the future
is a REJECT, one promised is also an AGREE, a coercive act announced is a THREATEN, and any act announced on
a condition the other side must meet is a THREATEN.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from warta.events.lexicon import TriggerEntry
from warta.events.status import StatusCues, has_future_cue, has_reported_future_cue
from warta.records import Event

# What a refusal of each cooperative type refuses (GUIDE: REJECT assist|change|yield|meet).
_REFUSAL_MODES = {
    "CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "AGREE": "yield",
    "CONCEDE": "yield", "RETREAT": "yield",
}  # fmt: skip
_COOPERATIVE = frozenset(_REFUSAL_MODES)


def refusal_mode(entry: TriggerEntry, words: Sequence[str], index: int, cues: StatusCues) -> str | None:
    """The REJECT mode of a negated cooperative act announced as a stance ("will not", "would not", "tidak
    akan"); None for a plain negated fact ("did not send weapons" is no event)."""
    if entry.type not in _COOPERATIVE:
        return None
    window = words[max(0, index - 4) : index]
    if any(w in cues.future or w in cues.hypothetical or w in cues.refusal for w in window):
        return _REFUSAL_MODES[entry.type]
    return None


def pledge(event: Event, words: Sequence[str], index: int, cues: StatusCues, attributed: bool) -> Event | None:
    """A cooperative act its source announces for the future is also a pledge, AGREE (GUIDE: "Offers,
    pledges, promises ... -> AGREE"): "Finland will give Tanzania a grant ..., a statement said"; "Rusia
    menyatakan akan mendukung ..." (Russia stated it will support ...). Without a statement a plan is only a
    plan, and so is a travel schedule ("Putin akan bertolak ke Vietnam pada Rabu ..., menurut Ushakov" - Putin
    will leave for Vietnam on Wednesday, according to Ushakov)."""
    if event.type not in _COOPERATIVE or event.type == "AGREE" or event.mode == "visit" or not attributed:
        return None
    if event.status not in ("future", "asserted"):
        return None
    if not (has_future_cue(words, index, cues) or has_reported_future_cue(words, index, cues)):
        return None
    return replace(event, type="AGREE", mode=None, status="asserted")


# Coercive acts whose announcement for the future is a threat (PLOVER THREATEN: threaten to impose sanctions,
# a blockade, martial law, a boycott).
_COERCIVE = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})


def announced_threat(
    event: Event, words: Sequence[str], index: int, cues: StatusCues, stated: bool
) -> Event | None:
    """A coercive act its source announces it will do is also a threat: "Palestinian leaders said they would
    boycott all official contact with the United States", "NATO confirmed it would tighten the naval blockade
    of Serbia", "Iraq's government announced that it is prepared to impose martial law"."""
    if event.type not in _COERCIVE or not stated:
        return None
    before = words[max(0, index - 5) : index]
    intent = (
        has_future_cue(words, index, cues)
        or has_reported_future_cue(words, index, cues)
        or any(w in cues.refusal for w in before)
    )
    if not intent:
        return None
    return replace(event, type="THREATEN", mode=None, status="asserted")


def conditional_threat(event: Event, words: Sequence[str], index: int, cues: StatusCues) -> Event | None:
    """An act announced on a condition the other side must meet is a threat: "Nigeria announced it will
    withdraw its peacekeeping force from Chad unless ...", "akan memboikot ... kecuali" (will boycott unless)."""
    if event.type == "THREATEN" or not has_future_cue(words, index, cues):
        return None
    if not any(w in cues.condition for w in words[index + 1 :]):
        return None
    return replace(event, type="THREATEN", mode=None, status="asserted")
