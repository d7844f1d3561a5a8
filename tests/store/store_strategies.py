"""Hypothesis strategies for every record the store keeps."""

from __future__ import annotations

from hypothesis import strategies as st

from warta.records import (
    ENTITY_TYPES,
    EVENT_TYPES,
    STATUSES,
    Actor,
    AnnotatedArticle,
    Article,
    Caption,
    Entity,
    Event,
    Limit,
    Place,
    Quantity,
    Quote,
    Sentence,
    Token,
)

# Any unicode except lone surrogates (real text is decoded from bytes, so it has none) and NUL (which
# PostgreSQL cannot store in TEXT; the SQLite backend happens to accept it).
texts = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
optional_texts = st.none() | texts
# Mostly a few small values, so that two children often share offsets (and would share a naive id).
offsets = st.integers(0, 3) | st.integers(0, 2**40)
optional_offsets = st.none() | offsets
countries = st.none() | st.sampled_from(["IDN", "PRK", "RUS", "USA", "KOR"])
dates = st.none() | st.sampled_from(["2024", "2024-06", "2024-06-19", "2023-12-31T23:00:00"]) | texts


def small_tuples(strategy: st.SearchStrategy, max_size: int = 3) -> st.SearchStrategy:
    return st.lists(strategy, max_size=max_size).map(tuple)


tokens = st.builds(
    Token,
    text=texts,
    start=offsets,
    end=offsets,
    pos=optional_texts,
    lemma=optional_texts,
    head=st.none() | st.integers(-1, 40),
    dep=optional_texts,
)
sentences = st.builds(Sentence, start=offsets, end=offsets, tokens=small_tuples(tokens))
entities = st.builds(
    Entity,
    text=texts,
    type=st.sampled_from(ENTITY_TYPES),
    start=offsets,
    end=offsets,
    country=countries,
    name=optional_texts,
    kind=optional_texts,
    sector=optional_texts,
    role=optional_texts,
)
actors = st.builds(
    Actor,
    text=optional_texts,
    name=optional_texts,
    country=countries,
    sector=optional_texts,
    role=optional_texts,
    start=optional_offsets,
    end=optional_offsets,
)
quotes = st.builds(
    Quote,
    speaker=optional_texts,
    text=texts,
    start=offsets,
    end=offsets,
    direct=st.booleans(),
    speaker_country=countries,
    cue=optional_texts,
    via=optional_texts,
    speaker_start=optional_offsets,
    speaker_end=optional_offsets,
    speaker_actor=st.none() | actors,
    speaker_affiliation=optional_texts,
)
quantities = st.builds(
    Quantity,
    value=st.floats(allow_nan=False, allow_infinity=False),
    unit=optional_texts,
    approx=st.booleans(),
    text=optional_texts,
)
places = st.builds(
    Place,
    text=texts,
    name=texts,
    country=countries,
    kind=st.sampled_from([None, "country", "capital", "place", "seat"]),
    lat=st.none() | st.floats(min_value=-90, max_value=90),
    lon=st.none() | st.floats(min_value=-180, max_value=180),
    start=optional_offsets,
    end=optional_offsets,
)
events = st.builds(
    Event,
    type=st.sampled_from(EVENT_TYPES),
    source=small_tuples(actors),
    target=small_tuples(actors),
    status=st.sampled_from(STATUSES),
    trigger=texts,
    sentence=texts,
    start=offsets,
    end=offsets,
    mode=optional_texts,
    date=dates,
    location=optional_texts,
    attributed_to=optional_texts,
    quantity=st.none() | quantities,
    place=st.none() | places,
)
articles = st.builds(
    Article,
    id=st.sampled_from(["a1", "a2"]) | texts.filter(bool),
    source=texts,
    text=st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=200),
    url=optional_texts,
    title=optional_texts,
    published=dates,
    language=st.none() | st.sampled_from(["id", "en"]),
    outlet=optional_texts,
    authors=small_tuples(texts),
    captions=small_tuples(st.builds(Caption, text=texts, credit=optional_texts)),
    repairs=st.sampled_from([(), ("mojibake",)]),
    limits=small_tuples(
        st.builds(
            Limit,
            setting=st.sampled_from(["max_article_chars", "max_sentence_tokens"]),
            limit=st.integers(1, 10**6),
            found=st.integers(1, 10**7),
        ),
        2,
    ),
)
documents = st.builds(
    AnnotatedArticle,
    article=articles,
    sentences=small_tuples(sentences, 4),
    entities=small_tuples(entities, 4),
    quotes=small_tuples(quotes),
    events=small_tuples(events),
)
