"""The event lexicon: table format, English inflection, matching of verbs, nouns, frames and phrases."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from warta.data import data_path
from warta.errors import LanguageError, ModelError
from warta.events.event_lexicon import (
    HEADER,
    KINDS,
    EventLexicon,
    EventRow,
    Proposal,
    english_plurals,
    english_verb_forms,
    load_event_lexicon,
    read_event_table,
    table_paths,
)
from warta.records import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[2]
TABLES = sorted(data_path("event_lexicon").glob("*.tsv"))


def _words(sentence: str) -> list[str]:
    return sentence.lower().split()


def _found(lexicon: EventLexicon, sentence: str) -> set[tuple[str, str, str, str]]:
    """(matched words, head word, type, kind) of every proposal."""
    words = _words(sentence)
    return {(" ".join(words[p.first : p.last + 1]), words[p.head], p.type, p.kind) for p in lexicon.propose(words)}


def _lexicon(language: str, *rows: tuple[str, str, str, str]) -> EventLexicon:
    entries = [EventRow(t, m or None, k, p, None, "", "test") for t, m, k, p in rows]
    return EventLexicon.from_rows(language, entries)


# --- the tables ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", TABLES, ids=[p.name for p in TABLES])
def test_event_lexicon_table_is_well_formed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "a table opens with a comment naming its source"
    rows = read_event_table(path)  # raises on an unknown type or kind, an upper-case mode, a bad frame
    assert rows
    assert {r.type for r in rows} <= set(EVENT_TYPES)
    assert {r.kind for r in rows} <= set(KINDS)
    assert all(r.mode is None or (r.mode == r.mode.lower() and " " not in r.mode) for r in rows)
    assert all(r.pattern == r.pattern.strip() and "\t" not in r.pattern for r in rows)


@pytest.mark.parametrize("language", sorted({p.name.split("_")[0].removesuffix(".tsv") for p in TABLES}))
def test_event_lexicon_tables_have_no_duplicate_rows(language: str) -> None:
    rows = [r for path in table_paths(language) for r in read_event_table(path)]
    counts = Counter((r.type, r.mode, r.kind, r.pattern) for r in rows)
    assert [key for key, n in counts.items() if n > 1] == []


def test_event_lexicon_every_plover_type_has_english_entries() -> None:
    rows = [r for path in table_paths("en") for r in read_event_table(path)]
    by_type = Counter(r.type for r in rows)
    assert set(by_type) == set(EVENT_TYPES)
    # Each type also has a word that stands alone (a verb or a noun), not only frames.
    assert {r.type for r in rows if r.kind in ("verb", "noun")} == set(EVENT_TYPES)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("TALK\t\tverb\tspeak\t\t", "unknown PLOVER type"),
        ("ASSAULT\t\tadverb\tfiercely\t\t", "unknown kind"),
        ("ASSAULT\tAerial\tnoun\tairstrike\t\t", "lower-case"),
        ("ASSAULT\t\tverb\tfire * missile\t\t", "only frames"),
        ("ASSAULT\t\tframe\tfire missile\t\t", "a frame is"),
        ("ASSAULT\t\tnoun\tairstrike", "columns"),
    ],
)
def test_event_lexicon_rejects_a_malformed_row(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "xx.tsv"
    path.write_text("# test table\n" + "\t".join(HEADER) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ModelError, match=problem):
        read_event_table(path)


def test_event_lexicon_requires_the_header(tmp_path: Path) -> None:
    path = tmp_path / "xx.tsv"
    path.write_text("# no header\nASSAULT\t\tnoun\tairstrike\t\t\n", encoding="utf-8")
    with pytest.raises(ModelError, match="header"):
        read_event_table(path)


@pytest.mark.shared
def test_event_lexicon_english_table_is_what_the_script_builds(shared: Path) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "WARTA_SHARED": str(shared)}
    script = ROOT / "scripts" / "build_event_lexicon_en.py"
    done = subprocess.run([sys.executable, str(script), "--check"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# --- English inflection -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("impose", {"imposes", "imposed", "imposing"}),
        ("hold", {"holds", "held", "holding"}),
        ("seek", {"seeks", "sought", "seeking"}),
        ("withdraw", {"withdrew", "withdrawn", "withdrawing"}),
        ("strike", {"strikes", "struck", "striking"}),
        ("ban", {"bans", "banned", "banning"}),
        ("deny", {"denies", "denied", "denying"}),
        ("reach", {"reaches", "reached"}),
        ("veto", {"vetoes", "vetoed"}),
        ("agree", {"agreed", "agreeing"}),
        ("tie", {"tied", "tying"}),
        ("commit", {"committed", "committing"}),
        ("equip", {"equipped"}),
        ("cancel", {"cancelled", "canceled"}),
    ],
)
def test_event_lexicon_inflects_english_verbs(base: str, expected: set[str]) -> None:
    forms = english_verb_forms(base)
    assert forms[0] == base
    assert expected <= set(forms)


def test_event_lexicon_does_not_double_after_two_vowels() -> None:
    assert "stopped" in english_verb_forms("stop")
    assert "heatted" not in english_verb_forms("heat")
    assert "visited" in english_verb_forms("visit")


@pytest.mark.parametrize(
    ("noun", "plural"),
    [("invasion", "invasions"), ("crisis", "crises"), ("embargo", "embargoes"), ("ally", "allies"),
     ("sanctions", "sanctions"), ("talks", "talks"), ("march", "marches")],
)  # fmt: skip
def test_event_lexicon_pluralises_english_nouns(noun: str, plural: str) -> None:
    assert english_plurals(noun)[-1] == plural


# --- matching -----------------------------------------------------------------------------------------------

_TOY = (
    ("ASSAULT", "", "frame", "launch * strike"),
    ("ASSAULT", "", "noun", "strike"),
    ("PROTEST", "boycott", "noun", "strike"),
    ("ASSAULT", "aerial", "noun", "air strike"),
    ("SANCTION", "", "frame", "impose * tariff"),
    ("ASSAULT", "", "frame", "carry out * raid"),
    ("COERCE", "arrest", "verb", "detain"),
    ("CONSULT", "visit", "phrase", "travel to"),
)


def test_event_lexicon_frame_allows_words_between_light_verb_and_noun() -> None:
    found = _found(_lexicon("en", *_TOY), "The navy launched a massive air strike on the port")
    assert ("launched a massive air strike", "strike", "ASSAULT", "frame") in found


def test_event_lexicon_frame_allows_at_most_three_words_between() -> None:
    lexicon = _lexicon("en", *_TOY)
    assert any(k == "frame" for *_, k in _found(lexicon, "They imposed steep new import tariffs"))
    assert not any(k == "frame" for *_, k in _found(lexicon, "They imposed a steep and sudden import tariff"))


def test_event_lexicon_frame_inflects_a_multiword_light_verb() -> None:
    found = _found(_lexicon("en", *_TOY), "Police carried out dawn raids in three towns")
    assert ("carried out dawn raids", "raids", "ASSAULT", "frame") in found


def test_event_lexicon_returns_overlapping_proposals_sorted() -> None:
    lexicon = _lexicon("en", *_TOY)
    words = _words("Rebels launched an air strike")
    proposals = lexicon.propose(words)
    assert proposals == sorted(proposals, key=lambda p: (p.first, p.last))
    spans = {(p.first, p.last, p.type, p.kind) for p in proposals}
    assert (1, 4, "ASSAULT", "frame") in spans  # the frame ...
    assert (3, 4, "ASSAULT", "noun") in spans  # ... the compound noun inside it ...
    assert {(4, 4, "ASSAULT", "noun"), (4, 4, "PROTEST", "noun")} <= spans  # ... and the bare noun, twice
    assert all(p.head == 4 for p in proposals)


def test_event_lexicon_verbs_and_phrases_inflect() -> None:
    lexicon = _lexicon("en", *_TOY)
    proposals = lexicon.propose(_words("Officers detained two men before the minister travelled to Oslo"))
    assert [(p.first, p.last, p.head, p.type, p.mode, p.kind) for p in proposals] == [
        (1, 1, 1, "COERCE", "arrest", "verb"),
        (7, 8, 7, "CONSULT", "visit", "phrase"),
    ]


def test_event_lexicon_indonesian_frames_strip_clitics() -> None:
    # "Rusia melancarkan serangannya ke Kyiv" (Russia launched its attack on Kyiv): the light verb is
    # expanded with warta's morphology, the clitic -nya leaves the noun "serangan".
    lexicon = _lexicon(
        "id", ("ASSAULT", "", "frame", "men|di+lancar+kan * serangan"), ("ASSAULT", "", "noun", "serangan")
    )
    found = _found(lexicon, "Rusia melancarkan serangannya ke Kyiv")
    assert ("melancarkan serangannya", "serangannya", "ASSAULT", "frame") in found
    assert ("serangannya", "serangannya", "ASSAULT", "noun") in found
    plural = ("serangan-serangan", "serangan-serangan", "ASSAULT", "noun")  # "attacks": reduplication
    assert plural in _found(lexicon, "serangan-serangan itu")


def test_event_lexicon_indonesian_noun_head_is_its_first_word() -> None:
    # "serangan udara" (air attack): Indonesian puts the head noun first.
    lexicon = _lexicon("id", ("ASSAULT", "aerial", "noun", "serangan udara"))
    [proposal] = lexicon.propose(_words("serangan udara Israel"))
    assert (proposal.first, proposal.last, proposal.head) == (0, 1, 0)


def test_event_lexicon_english_table_codes_common_constructions() -> None:
    lexicon = load_event_lexicon("en")
    found = _found(lexicon, "The army launched a massive air strike on the border town")
    assert ("launched a massive air strike", "strike", "ASSAULT", "frame") in found
    found = _found(lexicon, "Washington imposed sweeping tariffs on steel imports")
    assert ("imposed sweeping tariffs", "tariffs", "SANCTION", "frame") in found
    found = _found(lexicon, "The ministry summoned the ambassador and condemned the raid")
    assert {("summoned", "summoned", "ACCUSE", "verb"), ("condemned", "condemned", "ACCUSE", "verb")} <= found


def test_event_lexicon_unknown_language_raises() -> None:
    with pytest.raises(LanguageError, match="no event lexicon for language 'xx'") as error:
        load_event_lexicon("xx")
    assert error.value.code == "W241"


def test_event_lexicon_pickles() -> None:
    lexicon = load_event_lexicon("en")
    copy = pickle.loads(pickle.dumps(lexicon))
    words = _words("Troops seized the vessel after the coast guard fired water cannon at it")
    assert copy.propose(words) == lexicon.propose(words)
    assert all(isinstance(p, Proposal) for p in copy.propose(words))


def test_event_lexicon_english_matching_is_fast() -> None:
    # One dict lookup per token: well over 20,000 news sentences a second on one core. The floor here is
    # ten times lower so that a busy machine does not fail it; a per-entry scan would still fall below it.
    lexicon = load_event_lexicon("en")
    sentences = [
        _words(s)
        for s in (
            "The foreign minister said on Tuesday that both countries would hold further talks in Geneva",
            "Police arrested three protesters after clashes near the parliament building in the capital",
            "The government announced new tariffs on imported steel and aluminium from several countries",
            "Officials from the two sides met in Doha to discuss a possible exchange of prisoners and aid",
        )
    ] * 500
    started = time.perf_counter()
    for words in sentences:
        lexicon.propose(words)
    assert len(sentences) / (time.perf_counter() - started) > 2_000
