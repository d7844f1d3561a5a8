"""The Indonesian event lexicon table (data/event_lexicon/id.tsv), checked as data, independently of the matcher:
its shape, its morphology patterns, its PLOVER types and modes, and its coverage of the CAMEO codebook."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from warta.data import data_path
from warta.events.morphology import expand

HEADER = ("type", "mode", "kind", "pattern", "cameo", "gloss")
KINDS = frozenset({"verb", "noun", "frame", "phrase"})

# Modes per type: the PLOVER manual's mode tables plus the modes the corpus guide (GUIDE.md) lists.
MODES: dict[str, frozenset[str]] = {
    type_: frozenset(modes.split())
    for type_, modes in {
        "AGREE": "settle sign",
        "CONSULT": "visit third-party multilateral phone meet",
        "SUPPORT": "",
        "CONCEDE": "",
        "COOPERATE": "military economic intelligence diplomatic",
        "AID": "military economic humanitarian technology",
        "RETREAT": "withdraw release disarm ceasefire access resign",
        "REQUEST": "assist change yield meet",
        "ACCUSE": "disapprove investigate allege",
        "REJECT": "assist change yield meet allegation",
        "THREATEN": "restrict arrest relations expel territory violence sanction",
        "PROTEST": "demo riot strike hunger boycott obstruct vandalize",
        "SANCTION": "convict expel withdraw discontinue",
        "MOBILIZE": "troops weapons police militia",
        "COERCE": "seize restrict censor curfew martial-law arrest deport withhold misinformation cyber",
        "ASSAULT": "abduct beat torture sexual targeted destroy primitive firearms explosives suicide-attack "
        "aerial drone heavy-weapons crowd-control unconventional",
    }.items()
}

_OVERRIDE = re.compile(r"^# override ([0-9,]+) ([A-Z]+): \S")


@dataclass(frozen=True)
class Row:
    line: int
    type: str
    mode: str
    kind: str
    pattern: str
    cameo: tuple[str, ...]
    gloss: str


@cache
def _lines() -> tuple[str, ...]:
    path = Path(data_path("event_lexicon/id.tsv"))
    return tuple(path.read_text(encoding="utf-8").split("\n"))


@cache
def _table() -> tuple[tuple[str, ...], tuple[Row, ...]]:
    """The header and the rows; a row with the wrong number of columns is kept with its fields padded, so the
    column test reports it instead of the parser failing."""
    header: tuple[str, ...] = ()
    rows = []
    for number, line in enumerate(_lines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        if not header:
            header = fields
            continue
        padded = (fields + ("",) * 6)[:6]
        cameo = tuple(code for code in padded[4].split(",") if code)
        rows.append(Row(number, padded[0], padded[1], padded[2], padded[3], cameo, padded[5]))
    return header, tuple(rows)


def _rows() -> tuple[Row, ...]:
    return _table()[1]


def _overrides() -> dict[str, set[str]]:
    """CAMEO codes the table codes differently from CAMEO2PLOVER, with the type each may take instead."""
    out: dict[str, set[str]] = defaultdict(set)
    for line in _lines():
        match = _OVERRIDE.match(line)
        if match:
            for code in match.group(1).split(","):
                out[code].add(match.group(2))
    return out


def _surface_forms(row: Row) -> list[str]:
    if row.kind == "frame":
        light, _, noun = row.pattern.partition(" * ")
        return [f"{form} * {noun}" for form in expand(light)]
    return expand(row.pattern)


def test_event_lexicon_id_header_is_first_line():
    assert _table()[0] == HEADER


def test_event_lexicon_id_header_comment_names_sources():
    head = "\n".join(line for line in _lines()[:40] if line.startswith("#"))
    assert "written for warta from general knowledge of indonesian" in head.lower()
    assert "Copyright (c) 2014 Open Event Data" in head
    assert "CAMEO2PLOVER" in head


def test_event_lexicon_id_rows_have_six_clean_columns():
    bad = [line for line in _lines()[1:] if line and not line.startswith("#") and line.count("\t") != 5]
    assert not bad
    untrimmed = [r.line for r in _rows() for f in (r.type, r.mode, r.kind, r.pattern, r.gloss) if f != f.strip()]
    assert not untrimmed


def test_event_lexicon_id_types_and_kinds_are_known():
    assert {r.type for r in _rows()} == set(MODES)
    assert not [r.line for r in _rows() if r.kind not in KINDS]


def test_event_lexicon_id_modes_are_plover_modes_of_their_type():
    wrong = [(r.line, r.type, r.mode) for r in _rows() if r.mode and r.mode not in MODES[r.type]]
    assert not wrong
    assert all(r.mode == r.mode.lower() for r in _rows())


def test_event_lexicon_id_every_row_has_a_gloss():
    assert not [r.line for r in _rows() if len(r.gloss) < 3]


def test_event_lexicon_id_every_type_has_ten_rows():
    counts = Counter(r.type for r in _rows())
    assert min(counts[t] for t in MODES) >= 10, counts


def test_event_lexicon_id_no_duplicate_rows():
    keys = Counter((r.kind, r.pattern) for r in _rows())
    assert not [key for key, n in keys.items() if n > 1]


def test_event_lexicon_id_one_row_per_surface_form():
    # A word (or a light verb with its noun) has one row, so the table never gives one form two types.
    owners: dict[str, list[int]] = defaultdict(list)
    for row in _rows():
        for form in _surface_forms(row):
            owners[form].append(row.line)
    assert not {form: lines for form, lines in owners.items() if len(lines) > 1}


def test_event_lexicon_id_verb_patterns_expand():
    for row in _rows():
        if row.kind not in ("verb", "frame"):
            continue
        light = row.pattern.partition(" * ")[0]
        forms = expand(light)
        assert forms, row
        assert all("+" not in f and "|" not in f and "*" not in f and f == f.strip() for f in forms), row


def test_event_lexicon_id_nouns_and_phrases_are_written_out():
    # Nominalisations are listed as words ("penyerangan"), not built by a pattern the matcher may not know.
    assert not [r.line for r in _rows() if r.kind in ("noun", "phrase") and re.search(r"[+|*]", r.pattern)]


def test_event_lexicon_id_frames_are_light_verb_star_noun():
    for row in (r for r in _rows() if r.kind == "frame"):
        assert row.pattern.count("*") == 1, row
        light, star, noun = row.pattern.partition(" * ")
        assert star and light and noun, row
        assert not re.search(r"[+|*]", noun), row


def test_event_lexicon_id_no_frame_or_verb_elsewhere_has_a_star():
    assert not [r.line for r in _rows() if r.kind != "frame" and "*" in r.pattern]


def _cameo2plover(shared: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    path = shared / "datasets/events/en_plover_gsr/CAMEO2PLOVER-2021.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if match:
            table[match.group(1)] = match.group(2)
    return table


def test_event_lexicon_id_cameo_codes_agree_with_cameo2plover(shared):
    table = _cameo2plover(shared)
    overrides = _overrides()
    assert overrides, "the header lists its CAMEO overrides"
    wrong = []
    for row in _rows():
        for code in row.cameo:
            allowed = ({table[code]} if code in table else set()) | overrides.get(code, set())
            if row.type not in allowed:
                wrong.append((row.line, code, row.type, sorted(allowed)))
    assert not wrong


def test_event_lexicon_id_covers_every_cameo_code(shared):
    covered = {code[:3] for r in _rows() for code in r.cameo}
    missing = sorted({code[:3] for code in _cameo2plover(shared)} - covered)
    assert not missing


def test_event_lexicon_id_covers_every_petrarch_verb_block(shared):
    # Verb blocks of CAMEO 01 (public statements) are dropped by PLOVER; all others need a row with their code.
    path = shared / "datasets/events/en_petrarch2_dictionaries/CAMEO.2.0.txt"
    blocks = re.findall(r"^---\s+(\S+)\s+\[(\d{3,4})", path.read_text(encoding="utf-8", errors="replace"), re.M)
    assert len(blocks) > 150
    covered = {code[:3] for r in _rows() for code in r.cameo}
    missing = sorted({(name, code) for name, code in blocks if code[:2] != "01" and code[:3] not in covered})
    assert not missing


def test_event_lexicon_id_copyright_line_is_the_licence_file_line(shared):
    licence = (shared / "datasets/events/en_petrarch2_dictionaries/LICENSE").read_text(encoding="utf-8")
    line = next(x.strip() for x in licence.splitlines() if x.startswith("Copyright"))
    assert line in "\n".join(_lines()[:40])


@pytest.mark.parametrize(
    ("pattern", "form", "type_"),
    [
        ("men|di+serang", "diserang", "ASSAULT"),  # passive: "Kyiv diserang" (Kyiv was attacked)
        ("men|di+tangkap", "menangkap", "COERCE"),  # t drops after meN-: tangkap -> menangkap (arrest)
        ("men|di+geledah", "menggeledah", "COERCE"),  # search, raid
        ("men|di+selidik+i", "menyelidiki", "ACCUSE"),  # s -> ny: investigate
        ("men|di+vonis", "divonis", "COERCE"),  # sentenced
        ("ber+unjuk rasa", "berunjuk rasa", "PROTEST"),  # demonstrate
        ("men|di+kunjung+i", "mengunjungi", "CONSULT"),  # k drops: visit
    ],
)
def test_event_lexicon_id_core_rows_expand_to_news_forms(pattern, form, type_):
    rows = [r for r in _rows() if r.pattern == pattern]
    assert rows and rows[0].type == type_
    assert form in expand(pattern)
