"""The verifier: article-level features of coded mentions, the tree ensemble, storage, and its place in coding."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from warta.build import build_pipeline
from warta.events.event_model import code_mentions, code_with_model, load_event_model
from warta.events.event_verifier import FEATURES, Mention, Trees, Verifier, features, from_arrays, to_arrays
from warta.records import Actor, AnnotatedArticle, Event, Page
from warta.settings import load_settings


def _mention(etype: str, source: str, target: str | None, sentence: int, word: str = "attack") -> Mention:
    event = Event(
        type=etype, mode=None, source=(Actor(text=source, country=source),),
        target=(Actor(text=target, country=target),) if target else (), status="asserted", trigger=word,
        sentence="", start=sentence * 10, end=sentence * 10 + 5,
    )  # fmt: skip
    return Mention(event, sentence, mass=0.9, share=0.8, source_margin=2.0, source_origin="sentence",
                   target_origin="sentence" if target else "none", rule="dyad", lexicon=True, quoted=False,
                   attributed=False, noun=True, words=12, home="QAT", word=word)  # fmt: skip


def _value(x: np.ndarray, row: int, name: str) -> float:
    return float(x[row, FEATURES.index(name)])


def test_features_count_what_the_article_says_elsewhere():
    # a report on a strike in Doha: the strike told twice as Israel on Qatar, once as Israel on Hamas, and Qatar's
    # condemnation of Israel
    mentions = [
        _mention("ASSAULT", "ISR", "QAT", 0, "strikes"),
        _mention("ACCUSE", "QAT", "ISR", 0, "condemns"),
        _mention("ASSAULT", "ISR", "PSE", 2, "strike"),
        _mention("ASSAULT", "ISR", "QAT", 4, "strike"),
    ]
    x = features(mentions)
    assert x.shape == (4, len(FEATURES))
    assert _value(x, 0, "type=ASSAULT") == 1.0 and _value(x, 0, "type=ACCUSE") == 0.0
    assert [_value(x, r, "type_count") for r in range(4)] == [3, 1, 3, 3]
    assert [_value(x, r, "dyad_count") for r in range(4)] == [2, 1, 1, 2]
    assert [_value(x, r, "type_rank") for r in range(4)] == [1, 1, 2, 3]
    assert [_value(x, r, "same_sentence") for r in range(4)] == [1, 1, 0, 0]
    assert [_value(x, r, "word_count") for r in range(4)] == [1, 1, 2, 2]
    # Israel and Qatar are the countries the article names most; Hamas's Palestine is not among them
    assert _value(x, 0, "target_top") == 1.0 and _value(x, 2, "target_top") == 0.0
    assert _value(x, 1, "source_home") == 1.0 and _value(x, 0, "target_home") == 1.0
    assert _value(x, 3, "position") == 1.0 and _value(x, 2, "position") == 0.5
    assert features([]).shape == (0, len(FEATURES))


def _two_trees() -> Trees:
    # tree 1 (nodes 0-2): "mass" <= 0.5 -> -2, else +1; tree 2 (nodes 3-5): "type_count" <= 2 -> +0.5, else -0.5
    mass, count = FEATURES.index("mass"), FEATURES.index("type_count")
    return Trees(
        feature=np.array([mass, 0, 0, count, 0, 0], dtype=np.int32),
        threshold=np.array([0.5, 0, 0, 2.0, 0, 0]),
        left=np.array([1, -1, -1, 4, -1, -1], dtype=np.int32),
        right=np.array([2, -1, -1, 5, -1, -1], dtype=np.int32),
        value=np.array([0, -2.0, 1.0, 0, 0.5, -0.5]),
        roots=np.array([0, 3], dtype=np.int32),
        bias=0.25,
    )


def test_trees_add_their_leaves():
    x = np.zeros((3, len(FEATURES)))
    x[0, FEATURES.index("mass")], x[0, FEATURES.index("type_count")] = 0.9, 1
    x[1, FEATURES.index("mass")], x[1, FEATURES.index("type_count")] = 0.9, 5
    x[2, FEATURES.index("mass")], x[2, FEATURES.index("type_count")] = 0.2, 1
    assert np.allclose(_two_trees().log_odds(x), [0.25 + 1 + 0.5, 0.25 + 1 - 0.5, 0.25 - 2 + 0.5])


def test_verifier_keeps_mentions_at_its_bar():
    mentions = [_mention("ASSAULT", "ISR", "QAT", 0), replace(_mention("ASSAULT", "ISR", "QAT", 1), mass=0.3)]
    verifier = Verifier(_two_trees(), threshold=0.5)
    # both ASSAULT (type_count 2): log-odds 1.75 and -1.25
    assert np.allclose(verifier.probabilities(mentions), 1 / (1 + np.exp(-np.array([1.75, -1.25]))))
    assert verifier.keep(mentions) == [True, False]
    assert verifier.keep([]) == []


def test_verifier_arrays_round_trip_and_refuse_other_features():
    verifier = Verifier(_two_trees(), threshold=0.3)
    arrays = to_arrays(verifier)
    loaded = from_arrays(arrays)
    assert loaded is not None and loaded.threshold == 0.3
    x = features([_mention("ASSAULT", "ISR", "QAT", 0)])
    assert np.allclose(loaded.trees.log_odds(x), verifier.trees.log_odds(x))
    assert from_arrays({}) is None
    with pytest.raises(ValueError, match="other features"):
        from_arrays({**arrays, "verifier_features": np.array(["mass"], dtype=str)})


def test_exported_trees_predict_as_scikit_learn_does():
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the test extra installs it)")
    from warta.training.event_verifier import VerifierExamples, fit_verifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, len(FEATURES)))
    y = (x[:, 3] + x[:, 7] * x[:, 9] > 0).astype(int)
    ex = VerifierExamples(list(x), y.tolist(), [f"a{k % 10}" for k in range(400)])
    verifier = fit_verifier(ex, None, trees=30, threshold=0.5)
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(
        max_iter=30, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=20, l2_regularization=1.0,
        early_stopping=False, random_state=0,
    ).fit(x, y)  # fmt: skip
    probs = 1 / (1 + np.exp(-verifier.trees.log_odds(x)))
    assert np.allclose(probs, clf.predict_proba(x)[:, 1])
    # articles left out are not trained on
    few = fit_verifier(ex, {"a1", "a2"}, trees=30, threshold=0.5)
    assert not np.allclose(few.trees.log_odds(x), verifier.trees.log_odds(x))


def test_the_coder_keeps_what_the_verifier_keeps():
    from warta.nlp.gazetteer_data import load_gazetteer

    model = load_event_model()
    if model is None:
        pytest.fail("no event model shipped (run: warta models train events)")
    gazetteer = load_gazetteer()
    settings = replace(load_settings(env={}), min_article_chars=1, learned_events=False)
    pipeline = build_pipeline(settings, gazetteer=gazetteer)
    text = ("Russia launched a massive missile attack on Ukraine on Monday. "
            "Japan imposed new sanctions on North Korea on Tuesday.")  # fmt: skip
    doc = pipeline.process(Page(source="test", text=text, language="en", published="2024-06-19"))
    assert isinstance(doc, AnnotatedArticle)
    bare = replace(model, verifier=None)
    mentions, _ = code_mentions(doc, gazetteer, bare)
    assert {m.event.type for m in mentions} >= {"ASSAULT", "SANCTION"}
    everything = Verifier(_two_trees(), threshold=0.0)
    nothing = Verifier(_two_trees(), threshold=1.0)
    unverified = code_with_model(doc, gazetteer, bare)
    assert code_with_model(doc, gazetteer, replace(model, verifier=everything)) == unverified
    # nothing passes the bar: only what the rule coder coded with the same type and dyad stays
    agreed = {(m.event.start, m.event.type) for m in mentions if m.rule == "dyad"}
    kept = code_with_model(doc, gazetteer, replace(model, verifier=nothing))
    assert {(e.start, e.type) for e in kept} == agreed


def test_held_out_mentions_are_labelled_by_the_scorers_match():
    from warta.evaluation.scoring import event_matches
    from warta.training.event_verifier import mention_labels

    gold = {
        "events": [
            {"type": "ASSAULT", "source": [{"country": "ISR"}], "target": [{"country": "QAT"}]},
            {"type": "ACCUSE", "source": [{"country": "QAT"}], "target": [{"country": "ISR"}], "optional": True},
        ]
    }
    mentions = [
        _mention("ASSAULT", "ISR", "QAT", 0),  # a required event: 1
        _mention("ASSAULT", "ISR", "PSE", 1),  # no gold event: 0
        _mention("ACCUSE", "QAT", "ISR", 2),  # an optional one only: left out
    ]
    assert mention_labels(mentions, gold, event_matches) == [1, 0, None]
