"""Attribution in the status rules: the quote finder's reporting verbs and hearsay adverbs make a sentence's
events "reported" (GUIDE); short post cues that are also ordinary words attribute only after a comma or a quote."""

from __future__ import annotations

import pytest

from warta.events.status import attributed_at, event_status, is_attributed, status_cues


def _words(text: str) -> list[str]:
    return text.lower().replace(",", " ,").replace('"', ' " ').split()


@pytest.mark.parametrize(
    ("language", "text", "trigger", "attributed"),
    [
        # a reporting verb of data/cues.yaml that the status list does not name: "Budi added that his side agreed"
        ("id", "Budi menambahkan bahwa pihaknya sudah bersepakat dengan Ani", "bersepakat", True),
        ("en", "The minister noted that the two sides had signed the deal", "signed", True),
        # hearsay: "reportedly, a resident asked the mosque to lower the volume"
        ("id", "Kabarnya seorang warga meminta pengurus masjid mengecilkan volume", "meminta", True),
        ("en", "The group allegedly supplied drones to the militia", "supplied", True),
        # "tambah" after a comma reports ("..., he added"); as "more" it does not
        ("id", '"Kami siap berunding," tambah Budi', "berunding", True),
        ("id", "Polisi menambah personel di perbatasan", "menambah", False),
        ("id", "Pasukan tambah banyak di perbatasan", "pasukan", False),
        ("en", "The army seized the town on Monday", "seized", False),
    ],
)
def test_attribution(language, text, trigger, attributed):
    words = _words(text)
    cues = status_cues(language)
    assert is_attributed(words, cues) is attributed
    at = words.index(trigger)
    assert attributed_at(words, at, cues) is attributed
    status = event_status(words, at, cues, speech_act=False, attributed=attributed)
    assert status == ("reported" if attributed else "asserted")
