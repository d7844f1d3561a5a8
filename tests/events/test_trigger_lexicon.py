"""The trigger lexicon's memos: the same sentence matched again gives the same matches, however it is used."""

from warta.events import lexicon as lexicon_module
from warta.events.lexicon import load_lexicon


def test_trigger_lexicon_matches_again_from_its_memo():
    # "Polisi menangkap dua orang dan menyita senjatanya" - the police arrested two people and seized their
    # weapons: "senjatanya" loses its clitic only for matching.
    lex = load_lexicon("id")
    words = "polisi menangkap dua orang dan menyita senjatanya".split()
    first = lex.match(words)
    first.clear()  # a caller may change the list it got
    again = lex.match(list(words))
    assert again and again == lex.match(words)
    assert [w for m in again for w in m.words][:1] == ["menangkap"]


def test_trigger_lexicon_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(lexicon_module, "_MATCH_MEMO", 3)
    monkeypatch.setattr(lexicon_module, "_WORD_MEMO", 5)
    lex = load_lexicon("en")
    expected = lex.match(["russia", "attacked", "ukraine"])
    for n in range(10):
        lex.match(["sentence", str(n), "protested"])
    assert len(lex._matched) <= 3 and len(lex._plain) <= 5 + 3
    assert lex.match(["russia", "attacked", "ukraine"]) == expected
