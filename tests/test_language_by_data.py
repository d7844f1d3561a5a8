"""Issue 10: a language is added by data alone.

A toy third language is written into a copy of warta's data folder (a ``languages.yaml`` block, and for
the learned event coder a ``stems.yaml`` entry) under a code such as ``tl`` (any ISO 639-1 code the language
stage can detect will do: the toy is not Tagalog): it reads the word lists of English or Indonesian and takes that
language's settings. Every stage must then code an article in it exactly as in the language it copies,
which fails as soon as stage code asks for a language by its code (``if language == "en"``) instead of by
its data. A language with no data at all is refused with ``LanguageError`` ``W241``, by the pipeline (a
recorded failure, not a crash) and by every loader.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

import warta.data
from warta.build import build_pipeline
from warta.data import grammar, language_words, word_key
from warta.errors import LanguageError
from warta.events.arguments import function_words
from warta.events.event_lexicon import load_event_lexicon
from warta.events.lexicon import load_lexicon
from warta.events.places import _words as place_words
from warta.events.status import status_cues
from warta.ingest import iter_pages
from warta.jobs import demo_inputs
from warta.nlp.verb_forms import verb_forms
from warta.output import to_contract
from warta.quotes.cues import cues_for
from warta.records import AnnotatedArticle, Failure, Page
from warta.settings import Settings

SHIPPED = Path(warta.data.__file__).parent
TOY = "tl"  # the toy language's code
# Toy languages that copy English and Indonesian, for coding a corpus of both.
TOYS = {"en": TOY, "id": "vi"}
NO_DATA = "de"  # a language warta has no data for


def _clear_caches() -> None:
    """Forget everything warta has read from its data files (loaders cache per process)."""
    for name, module in list(sys.modules.items()):
        if name == "warta" or name.startswith("warta."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of warta's data files that every loader reads instead of the shipped ones."""
    folder = tmp_path / "data"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    original = warta.data.data_path
    for name, module in list(sys.modules.items()):
        if name.startswith("warta") and getattr(module, "data_path", None) is original:
            monkeypatch.setattr(module, "data_path", lambda file, _folder=folder: _folder / file)
    _clear_caches()
    yield folder
    monkeypatch.undo()
    _clear_caches()


def _edit_yaml(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _add_language(folder: Path, code: str, *, like: str) -> None:
    """Add ``code`` to the data folder as a language with the word lists and settings of ``like``."""
    _edit_yaml(folder / "languages.yaml", lambda d: d["languages"].__setitem__(code, dict(d["languages"][like])))
    # The learned event coder's stemmer reads stems.yaml by language code, not by word-list key.
    _edit_yaml(folder / "stems.yaml", lambda d: d.__setitem__(code, d[like]))


def _sample(name: str, settings: Settings) -> Page:
    pages = [p for p in iter_pages(demo_inputs(), settings) if isinstance(p, Page) and name in p.source]
    assert len(pages) == 1
    return pages[0]


def _coded(result: AnnotatedArticle | Failure) -> dict[str, Any]:
    assert isinstance(result, AnnotatedArticle), result
    out = to_contract(result)
    out["article"] = {k: v for k, v in out["article"].items() if k != "language"}
    return out


@pytest.mark.parametrize(("sample", "like"), [("en-talks", "en"), ("id-kunjungan", "id")])
def test_a_language_added_by_data_codes_as_the_language_it_copies(
    data_folder: Path, settings: Settings, sample: str, like: str
) -> None:
    _add_language(data_folder, TOY, like=like)
    # A trained spaCy pipeline is not data: the toy has none, so neither language runs the statistical NER.
    settings = replace(settings, languages=("id", "en", TOY), ner=())
    pipeline = build_pipeline(settings)
    page = _sample(sample, settings)
    as_copied = pipeline.process(replace(page, language=like))
    as_new = pipeline.process(replace(page, language=TOY))
    assert isinstance(as_new, AnnotatedArticle) and as_new.article.language == TOY
    assert as_new.entities and as_new.quotes and as_new.events  # every stage had something to do
    assert _coded(as_new) == _coded(as_copied)


@pytest.mark.parametrize("learned", [False, True])
def test_a_language_added_by_data_codes_the_dev_corpus_as_the_language_it_copies(
    data_folder: Path, settings: Settings, shared: Path, require: Any, learned: bool
) -> None:
    """The same on the gold dev articles of both languages (more sentences, so more of the rules), with the
    rule coder alone and with the learned event coder on top."""
    from warta.evaluation.scoring import gold_page, load_gold

    records = load_gold(require(shared / "corpus" / "dev.jsonl", "the gold dev corpus"))
    for like, code in TOYS.items():
        _add_language(data_folder, code, like=like)
    settings = replace(settings, languages=("id", "en", *TOYS.values()), ner=(), learned_events=learned)
    pipeline = build_pipeline(settings)
    for record in records:
        page = gold_page(record)
        as_copied = pipeline.process(page)
        as_new = pipeline.process(replace(page, language=TOYS[record["lang"]]))
        assert _coded(as_new) == _coded(as_copied), record["id"]


def test_a_language_with_its_own_word_lists_reads_them(data_folder: Path) -> None:
    """A language with a word-list key of its own (``words`` is its own code) reads the lists under that key:
    here a copy of the English ones, so every loader gives what it gives for English."""

    def copy_english(node: Any) -> None:
        if isinstance(node, dict):
            if "en" in node and "id" in node:
                node[TOY] = node["en"]
            for key in [k for k in node if isinstance(k, str) and k.endswith("_en")]:
                node[f"{key[:-3]}_{TOY}"] = node[key]
            for value in node.values():
                copy_english(value)

    for path in data_folder.glob("*.yaml"):
        if path.name != "languages.yaml":
            _edit_yaml(path, copy_english)
    _edit_yaml(
        data_folder / "languages.yaml",
        lambda d: d["languages"].__setitem__(TOY, {**d["languages"]["en"], "words": TOY}),
    )
    shutil.copy(data_folder / "triggers_en.yaml", data_folder / f"triggers_{TOY}.yaml")
    for table in (data_folder / "event_lexicon").glob("en*.tsv"):
        shutil.copy(table, table.with_name(TOY + table.name[2:]))

    assert word_key(TOY) == TOY
    assert language_words("event_words.yaml", TOY, "attribution") == language_words(
        "event_words.yaml", "en", "attribution"
    )
    assert grammar(TOY) == grammar("en")
    assert verb_forms(TOY) == verb_forms("en")
    assert function_words(TOY) == function_words("en")
    assert status_cues(TOY) == status_cues("en")
    assert replace(cues_for(TOY), language="en") == cues_for("en")
    assert vars(load_lexicon(TOY)) == vars(load_lexicon("en"))
    assert replace(load_event_lexicon(TOY), language="en") == load_event_lexicon("en")
    assert place_words(TOY) == place_words("en")


def test_a_language_without_data_is_a_recorded_w241_failure(settings: Settings) -> None:
    settings = replace(settings, languages=("id", "en", NO_DATA))
    page = _sample("en-talks", settings)
    result = build_pipeline(settings).process(replace(page, language=NO_DATA))
    assert isinstance(result, Failure)
    assert result.code == "W241", result
    assert result.stage not in ("extract", "language")  # the language stage let it through; a loader refused it


@pytest.mark.parametrize(
    "loader",
    [grammar, verb_forms, function_words, status_cues, cues_for, load_lexicon, load_event_lexicon, place_words],
)
def test_every_loader_refuses_a_language_without_data(loader: Any) -> None:
    with pytest.raises(LanguageError) as info:
        loader(NO_DATA)
    assert info.value.code == "W241"
