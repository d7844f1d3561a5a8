"""The content of a demand, threat, refusal or offer is not an event of its own (both coders)."""

import pytest

from warta.events.event_speech import speech_contents
from warta.events.status import status_cues


@pytest.mark.parametrize(
    ("language", "sentence", "triggers", "dropped"),
    [
        # "Iran threatened to launch a new offensive": the launch is the threat's content
        (
            "en",
            "iran threatened to launch a new offensive",
            [(1, 1, "THREATEN", False), (3, 3, "ASSAULT", False)],
            {1},
        ),
        # only a verb is taken for the content: an event noun after the purpose word stays (as in the rule coder)
        (
            "en",
            "iran threatened to launch an offensive",
            [(1, 1, "THREATEN", False), (4, 4, "ASSAULT", True)],
            set(),
        ),
        # "AS meminta China agar menghentikan latihan" - the US asked China to stop the drills
        (
            "id",
            "as meminta china agar menghentikan latihan",
            [(1, 1, "REQUEST", False), (4, 4, "RETREAT", False)],
            {1},
        ),
        # no purpose word between: two events ("Russia threatened and attacked Kyiv")
        (
            "en",
            "russia threatened and attacked kyiv",
            [(1, 1, "THREATEN", False), (3, 3, "ASSAULT", False)],
            set(),
        ),
        # an accusation's content is coded too (GUIDE: the underlying event, reported)
        ("en", "china accused manila to provoke", [(1, 1, "ACCUSE", False), (4, 4, "COERCE", False)], set()),
        # too far from the speech act
        (
            "en",
            "they refused to say whether at a later point of the talks they would attack",
            [(1, 1, "REJECT", False), (14, 14, "ASSAULT", False)],
            set(),
        ),
    ],
)
def test_speech_contents(language, sentence, triggers, dropped):
    words = sentence.split()
    assert speech_contents(triggers, words, status_cues(language).purpose) == dropped
