"""The per-language word data: one loader, and a clear error for a language warta has no words for."""

from __future__ import annotations

import pytest

from warta.claims.citations import _lexicon
from warta.claims.evidence import _break_words
from warta.data import (
    all_language_words,
    data_path,
    language_setting,
    language_settings,
    language_words,
    load_yaml,
    word_key,
    word_keys,
)
from warta.errors import LanguageError, ModelError
from warta.events.accusations import _accusation_words
from warta.events.arguments import function_words
from warta.events.dates import background_words
from warta.events.lexicon import load_lexicon
from warta.events.quantities import _words, parse_number
from warta.events.status import status_cues
from warta.nlp.segment import tokenize
from warta.quotes.cues import cues_for


def test_word_keys_of_the_supported_languages() -> None:
    assert word_key("id") == "id"
    assert word_key("en") == "en"
    # Malaysian Malay has no lists of its own yet and reads the English ones, as before the move to data.
    assert word_key("ms") == "en"
    assert word_keys() == ("en", "id")


def test_unknown_language_raises_a_language_error_naming_it() -> None:
    with pytest.raises(LanguageError) as info:
        word_key("de")
    assert info.value.code == "W241"
    assert "'de'" in str(info.value)
    assert "en, id, ms" in str(info.value)


@pytest.mark.parametrize(
    "loader",
    [
        cues_for,
        function_words,
        status_cues,
        load_lexicon,
        background_words,
        _words,
        _accusation_words,
        _break_words,
        _lexicon,
    ],
)
def test_every_stage_loader_refuses_an_unknown_language(loader) -> None:
    with pytest.raises(LanguageError) as info:
        loader("fr")
    assert info.value.code == "W241"


def test_language_words_reads_the_entry_of_the_language() -> None:
    assert language_words("dates.yaml", "id", "background") == load_yaml("dates.yaml")["background"]["id"]
    assert language_words("denial_scope.yaml", "en") == load_yaml("denial_scope.yaml")["en"]


def test_a_missing_entry_is_a_model_error() -> None:
    with pytest.raises(ModelError) as info:
        language_words("dates.yaml", "id", "no_such_section")
    assert info.value.code == "W301"
    assert "no_such_section/id" in str(info.value)


def test_every_named_abbreviation_file_exists() -> None:
    for language in load_yaml("languages.yaml")["languages"]:
        name = (language_settings(language) or {}).get("abbreviations")
        if name is not None:
            assert data_path(name).is_file(), name


def test_segmentation_settings_come_from_the_data() -> None:
    # English splits its clitics, Indonesian and Malay keep the apostrophe inside the word; a language with no
    # block gets the language-independent rules, with no error: the splitter needs no words.
    assert [t[0] for t in tokenize("Trump's", "en")] == ["Trump", "'s"]
    assert [t[0] for t in tokenize("Ma'ruf", "id")] == ["Ma'ruf"]
    assert [t[0] for t in tokenize("Ma'ruf", "ms")] == ["Ma'ruf"]
    assert [t[0] for t in tokenize("Trump's", "de")] == ["Trump's"]
    assert language_settings("de") is None


@pytest.mark.parametrize("name", ["speaker_words.yaml", "event_words.yaml"])
def test_every_small_word_list_has_each_language_and_only_lower_case_words(name: str) -> None:
    # YAML reads a bare `on` or `no` as a boolean: the lists must hold those words quoted, as strings.
    keys = {block["words"] for block in load_yaml("languages.yaml")["languages"].values()}
    for section, lists in load_yaml(name).items():
        assert keys <= set(lists), section
        for key in keys:
            words = lists[key]
            assert all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in words), (section, key)
        assert all_language_words(name, section) == frozenset(w for key in keys for w in lists[key])


def test_a_union_list_keeps_both_languages_words() -> None:
    # "Bhima Yudhistira dari Celios" and "a professor at Monash University": both affiliation words count.
    affiliation = all_language_words("speaker_words.yaml", "affiliation")
    assert {"dari", "of", "at"} <= affiliation
    assert "on" in all_language_words("speaker_words.yaml", "of_words")


def test_per_language_settings_keep_the_behaviour_of_each_language() -> None:
    # "1.000 pasukan" (1,000 troops) and "5,2 juta" (5.2 million) in Indonesian; "1,000" and "5.2" in English.
    assert parse_number("5,2", "id") == 5.2
    assert parse_number("5.2", "en") == 5.2
    assert language_setting("ms", "number_separators") == language_setting("en", "number_separators")
    # "Ketua Dewan Komisioner LPS Halim Alamsyah": the Indonesian name follows the office's body.
    assert cues_for("id").name_after_body
    assert not cues_for("en").name_after_body
    assert not cues_for("ms").name_after_body


def test_a_setting_of_an_unknown_language_or_an_unknown_setting_fails_clearly() -> None:
    with pytest.raises(LanguageError) as info:
        parse_number("1.000", "fr")
    assert info.value.code == "W241"
    with pytest.raises(ModelError) as missing:
        language_setting("id", "no_such_setting")
    assert missing.value.code == "W301"
