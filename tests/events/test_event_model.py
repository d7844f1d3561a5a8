"""The learned event coder: its linear scoring, argument choice, features, training on a small gold set of our
own, the shipped model, and the pipeline with it on sentences of our own."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from warta.build import build_pipeline
from warta.events.arguments import actor_list, function_words
from warta.events.event_features import Candidate, SentenceContext, stems
from warta.events.event_model import (
    MODEL_DIR,
    EventModel,
    LinearModel,
    _inside_phrases,
    _lexicon_mode,
    candidates,
    choose_arguments,
    find_triggers,
    load_event_model,
)
from warta.events.status import status_cues
from warta.quotes.actors import ActorMention
from warta.records import Actor, AnnotatedArticle, Article, Page, Sentence, Token
from warta.settings import load_settings


def _linear() -> LinearModel:
    weights = np.array([[0.0, 2.0], [1.0, -1.0]], dtype=np.float32)  # feature "a" favours class y, "b" class x
    return LinearModel(("x", "y"), {"a": 0, "b": 1}, weights, np.zeros(2, dtype=np.float32))


def test_linear_model_scores_are_softmax_of_summed_weights():
    probs = _linear().scores([["a"], ["b"], ["unknown"], ["a", "b"]])
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert probs[0][1] > 0.85  # "a" -> y
    assert probs[1][0] > 0.85  # "b" -> x
    assert np.allclose(probs[2], [0.5, 0.5])  # unseen features add nothing
    assert np.allclose(probs[3], [0.5, 0.5])  # 1 - 1 vs 0 + 2 - ... : x gets 1, y gets 1


def _cand(country: str | None, origin: str = "sentence", start: int | None = 0) -> Candidate:
    return Candidate(Actor(text=country, country=country, start=start, end=None if start is None else start + 1),
                     None, origin)  # fmt: skip


def _model(source: dict[str, float], target: dict[str, float]) -> EventModel:
    names = sorted(source.keys() | target.keys())
    weights = np.array([[source.get(f, 0.0), target.get(f, 0.0)] for f in names], dtype=np.float32)
    rankers = LinearModel(("SOURCE", "TARGET"), {f: i for i, f in enumerate(names)}, weights.reshape(-1, 2),
                          np.zeros(2, dtype=np.float32))  # fmt: skip
    return EventModel(_linear(), rankers, 0.6, 0.1)


def test_choose_arguments_takes_one_source_and_one_target_by_rank():
    cands = [_cand("RUS", start=0), _cand("BLR", start=2), _cand("UKR", start=6), _cand(None, "domestic", None)]
    rows = [["left"], ["left", "far"], ["right"], []]
    # "left" makes a source, "right" a target; the nearer of two left-hand candidates wins the source, and a
    # second one never joins it however well it scores
    model = _model({"left": 2.0, "far": -1.0}, {"right": 2.0, "left": -1.0, "none": 0.5})
    chosen = choose_arguments(model, _CTX, rows, cands, "ASSAULT")
    assert [a.country for a in chosen.source] == ["RUS"] and [a.country for a in chosen.target] == ["UKR"]
    # the verifier reads where they came from and by how much the source beat its runner-up (2.0 against 1.0)
    assert (chosen.source_origin, chosen.target_origin, chosen.margin) == ("sentence", "sentence", 1.0)


def test_choose_arguments_domestic_stand_in_and_no_target():
    cands = [_cand("IDN", start=0), _cand("MYS", start=5), _cand(None, "domestic", None)]
    rows = [["left"], ["right"], []]
    # the stand-in leads the targets when the source's country is favoured: it takes that country ("KPK menahan
    # tersangka", the commission detained a suspect, is Indonesian on both sides)
    model = _model({"left": 2.0}, {"T|same=COERCE|True": 3.0, "right": 1.0, "none": 0.5})
    source, target, _, origin, _ = choose_arguments(model, _CTX, rows, cands, "COERCE")
    assert [a.country for a in source] == ["IDN"] and [a.country for a in target] == ["IDN"]
    assert origin == "domestic"
    # "no target" leads: none is taken
    model = _model({"left": 2.0}, {"right": 0.2, "none": 1.0})
    assert choose_arguments(model, _CTX, rows, cands, "PROTEST")[:2] == ([cands[0].actor], [])


def test_choose_arguments_no_source_is_no_event():
    cands = [_cand("USA", start=0), _cand(None, "domestic", None)]
    model = _model({"left": 0.5, "none": 1.0}, {})
    assert choose_arguments(model, _CTX, [["left"], []], cands, "ASSAULT")[:2] == ([], [])
    # the stand-in is never a source
    assert choose_arguments(_model({}, {}), _CTX, [[]], cands[1:], "ASSAULT")[:2] == ([], [])


def _context(words: list[str], mentions: list[ActorMention], language: str = "id") -> SentenceContext:
    return SentenceContext(words, words, language, mentions, (), (), (), [False] * len(words), False,
                           status_cues(language))  # fmt: skip


_CTX = _context(["w"] * 8, [])


def _mention(first: int, last: int, country: str) -> ActorMention:
    actor = Actor(text=country, country=country, start=first, end=last + 1)
    return ActorMention(first, last, actor, "name", "GPE")


def test_actor_list_takes_the_whole_list_from_any_member():
    # "Burkina Faso , Mali dan Niger keluar dari ECOWAS" (Burkina Faso, Mali and Niger leave ECOWAS)
    words = "burkina faso , mali dan niger keluar dari ecowas".split()
    ms = [_mention(0, 1, "BFA"), _mention(3, 3, "MLI"), _mention(5, 5, "NER"), _mention(8, 8, "IGO")]
    fw = function_words("id")
    for member in ms[:3]:
        assert [m.actor.country for m in actor_list(words, ms, fw, member)] == ["BFA", "MLI", "NER"]
    assert actor_list(words, ms, fw, ms[3]) == [ms[3]]
    # a comma alone joins no list: "AS jual senjata ke Taiwan , China jatuhi sanksi" (two clauses)
    words = "taiwan , china menolak".split()
    ms = [_mention(0, 0, "TWN"), _mention(2, 2, "CHN")]
    assert actor_list(words, ms, fw, ms[0]) == [ms[0]]
    # the list of Jepang ends where a comma is not followed by "dan": "Jepang dan Korea , China ..."
    words = "jepang dan korea , china menolak".split()
    ms = [_mention(0, 0, "JPN"), _mention(2, 2, "KOR"), _mention(4, 4, "CHN")]
    assert [m.actor.country for m in actor_list(words, ms, fw, ms[0])] == ["JPN", "KOR"]


def test_choose_arguments_a_listed_actor_brings_its_list():
    words = "burkina faso , mali dan niger keluar dari ecowas".split()
    ms = [_mention(0, 1, "BFA"), _mention(3, 3, "MLI"), _mention(5, 5, "NER"), _mention(8, 8, "IGO")]
    cands = [Candidate(m.actor, m, "sentence") for m in ms]
    rows = [["a"], ["b"], ["a"], ["c"]]
    model = _model({"b": 2.0}, {"c": 2.0})
    source, target, *_ = choose_arguments(model, _context(words, ms), rows, cands, "SANCTION")
    assert [a.country for a in source] == ["MLI", "BFA", "NER"] and [a.country for a in target] == ["IGO"]


def test_choose_arguments_a_list_that_consults_is_both_sides():
    # "Kim Jong Un dan Putin memulai pembicaraan ; Kremlin" (Kim Jong Un and Putin began talks): a symmetric
    # type splits the list, first-named as source, the rest as target, whatever the target ranker prefers
    words = "kim jong un dan putin memulai pembicaraan ; kremlin".split()
    ms = [_mention(0, 2, "PRK"), _mention(4, 4, "RUS"), _mention(8, 8, "RUS")]
    cands = [Candidate(m.actor, m, "sentence") for m in ms]
    rows = [["a"], ["b"], ["c"]]
    model = _model({"a": 2.0}, {"c": 5.0})
    source, target, *_ = choose_arguments(model, _context(words, ms), rows, cands, "CONSULT")
    assert [a.country for a in source] == ["PRK"] and [a.country for a in target] == ["RUS"]
    assert target[0] is ms[1].actor
    # a directed type keeps the list as its source, and no country of the list is its target: "Moskow dan
    # Pyongyang membantah ..." (Moscow and Pyongyang denied ...), with Kremlin and the stand-in ruled out
    cands.append(Candidate(Actor(text=None), None, "domestic"))
    rows.append(["d"])
    model = _model({"a": 2.0}, {"c": 5.0, "d": 5.0, "none": 1.0})
    source, target, *_ = choose_arguments(model, _context(words, ms), rows, cands, "REJECT")
    assert [a.country for a in source] == ["PRK", "RUS"] and target == []


def test_choose_arguments_one_actor_is_one_side():
    cands = [_cand("USA", start=0)]
    model = _model({"x": 1.0}, {"x": 5.0})
    source, target, *_ = choose_arguments(model, _CTX, [["x"]], cands, "ACCUSE")
    assert [a.country for a in source] == ["USA"] and target == []


@pytest.mark.parametrize(
    ("word", "language", "stem"),
    [
        ("menyerang", "id", "serang"),  # meN- swallowed the s of serang (attack)
        ("diserang", "id", "serang"),  # passive
        ("serangan", "id", "serang"),  # the noun
        ("mengirimkan", "id", "kirim"),  # meng- swallowed the k of kirim (send)
        ("dukungannya", "id", "dukung"),  # -nya (its) and -an
        ("imposed", "en", "impose"),
        ("shipped", "en", "ship"),
        ("sanctions", "en", "sanction"),
        ("strikes", "en", "strike"),  # -es of a word ending in e: the -s form too
        ("marches", "en", "march"),
    ],
)
def test_stems(word, language, stem):
    assert stem in stems(word, language)


def test_shipped_model_loads_and_names_its_data():
    model = load_event_model()
    if model is None:
        pytest.fail(f"no event model shipped at {MODEL_DIR} (run: warta models train events)")
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert "corpus/train.jsonl" in meta["data"] and "Apache-2.0" in meta["data"]["corpus/train.jsonl"]
    assert (MODEL_DIR / "model.npz").stat().st_size <= 20 * 1024 * 1024
    assert set(model.trigger.labels) >= {"NONE", "ASSAULT", "ACCUSE", "CONSULT"}
    assert model.rankers.labels == ("SOURCE", "TARGET")
    assert pickle.loads(pickle.dumps(model)).trigger.labels == model.trigger.labels


@pytest.fixture(scope="module")
def code():
    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1))

    def run(text: str, language: str) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        doc = pipeline.process(Page(source="test", text=text, language=language, published="2024-06-19"))
        assert isinstance(doc, AnnotatedArticle)
        return {(e.type, tuple(a.country for a in e.source), tuple(a.country for a in e.target))
                for e in doc.events}  # fmt: skip

    return run


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("id", "Rusia melancarkan serangan besar-besaran ke Ukraina pada Senin.", ("ASSAULT", ("RUS",), ("UKR",))),
        ("en", "Russia launched a massive missile attack on Ukraine on Monday.", ("ASSAULT", ("RUS",), ("UKR",))),
        ("en", "Japan imposed new sanctions on North Korea on Tuesday.", ("SANCTION", ("JPN",), ("PRK",))),
    ],
)
def test_learned_coder_on_sentences_of_our_own(code, language, text, expected):
    assert expected in code(text, language)


def test_learned_coder_can_be_switched_off():
    def model_of(learned: bool):
        settings = replace(load_settings(env={}), learned_events=learned)
        stage = build_pipeline(settings).stages[-1]
        return pickle.loads(pickle.dumps(stage)).func.model

    assert model_of(False) is None
    assert model_of(True) is not None


# A small gold set of our own, in the GUIDE's format: enough for both models to see every label.
_ARTICLES = [
    ("id", "Rusia menyerang Ukraina pada Senin. Pemerintah Jerman mengecam serangan Rusia itu.",
     [("ASSAULT", "RUS", "UKR", "menyerang", 0), ("ACCUSE", "DEU", "RUS", "mengecam", 1)]),
    ("id", "Jepang menjatuhkan sanksi kepada Korea Utara. Korea Utara menolak sanksi tersebut.",
     [("SANCTION", "JPN", "PRK", "sanksi", 0), ("REJECT", "PRK", "JPN", "menolak", 1)]),
    ("en", "China attacked Taiwan on Monday. The United States condemned China on Tuesday.",
     [("ASSAULT", "CHN", "TWN", "attacked", 0), ("ACCUSE", "USA", "CHN", "condemned", 1)]),
    ("en", "Australia imposed sanctions on Iran. Iran rejected the sanctions.",
     [("SANCTION", "AUS", "IRN", "sanctions", 0), ("REJECT", "IRN", "AUS", "rejected", 1)]),
]  # fmt: skip


def _gold() -> list[dict]:
    records = []
    for n, (lang, text, events) in enumerate(_ARTICLES):
        sentences = [s if s.endswith(".") else s + "." for s in text.split(". ")]
        records.append({
            "id": f"t{n}", "lang": lang, "text": text, "published": "2024-06-19",
            "events": [
                {"type": t, "source": [{"country": s, "text": None}], "target": [{"country": g, "text": None}],
                 "trigger": trig, "sentence": sentences[k], "status": "asserted"}
                for t, s, g, trig, k in events
            ],
        })  # fmt: skip
    return records


def test_training_on_a_small_gold_set(tmp_path):
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the test extra installs it)")
    from warta.evaluation.event_folds import rule_coded
    from warta.nlp.gazetteer_data import load_gazetteer
    from warta.training.event_model import code_docs, collect, train

    records = _gold()
    gazetteer = load_gazetteer()
    docs = rule_coded(records, replace(load_settings(env={}), min_article_chars=1), gazetteer)
    ex = collect(records, docs, gazetteer)
    assert ex.aligned == 8 and ex.unaligned == 0
    assert {"ASSAULT", "SANCTION", "ACCUSE", "REJECT", "NONE"} <= set(ex.trigger_labels)
    assert {"SOURCE", "TARGET"} <= {label for group in ex.groups for label in group.labels}
    model = train(ex)
    assert "menyerang" in model.vocabulary and "attacked" in model.vocabulary  # trigger words seen in training
    # saved and loaded back, the model scores the same
    model.save(tmp_path, {"name": "test"})
    loaded = load_event_model(tmp_path)
    row = [["w=menyerang", "s=serang", "rl=ASSAULT"]]
    assert np.allclose(loaded.trigger.scores(row), model.trigger.scores(row))
    row = [["T=ASSAULT", "d=L0", "rank=L1"]]
    assert np.allclose(loaded.rankers.raw(row), model.rankers.raw(row))
    assert loaded.vocabulary == model.vocabulary and loaded.trigger_threshold == model.trigger_threshold
    coded = code_docs(docs, model, gazetteer)
    found = {(e.type, e.source[0].country) for doc in coded.values() for e in doc.events}
    assert ("ASSAULT", "RUS") in found or ("ASSAULT", "CHN") in found


def test_one_event_per_phrase():
    # "Uni Eropa menjatuhkan sanksi kepada Belarus": a trigger of another type inside the SANCTION frame goes
    words = "uni eropa menjatuhkan sanksi kepada belarus".split()
    ctx = replace(_context(words, []), proposals=((2, 3, 3, "SANCTION", "frame", None),))
    assert _inside_phrases(ctx, [(2, "ASSAULT"), (3, "SANCTION")]) == [(3, "SANCTION")]
    # without a trigger of the phrase's own type, nothing is dropped
    assert _inside_phrases(ctx, [(2, "ASSAULT")]) == [(2, "ASSAULT")]
    # a trigger outside the phrase stays
    assert _inside_phrases(ctx, [(3, "SANCTION"), (5, "ACCUSE")]) == [(3, "SANCTION"), (5, "ACCUSE")]


def test_learned_event_mode_comes_from_the_lexicon():
    # "Polisi menangkap dua orang" (the police arrested two people): COERCE, mode arrest, whichever coder found it
    words = "polisi menangkap dua orang".split()
    ctx = replace(_context(words, []), proposals=((1, 1, 1, "COERCE", "verb", "arrest"),))
    assert _lexicon_mode(ctx, 1, "COERCE") == "arrest"
    assert _lexicon_mode(ctx, 1, "ASSAULT") is None  # not the mode of another type
    assert _lexicon_mode(ctx, 2, "COERCE") is None


def _one_word_model(word: str, probabilities: dict[str, float]) -> EventModel:
    """A model that gives ``word`` these probabilities (NONE first) and every other word mostly "none", with
    the bars 0.6 and 0.1."""
    labels = tuple(probabilities)
    none = probabilities[labels[0]]
    # a bias of 3 for "none" (with two types, 0.91 for any other word), taken back for the word itself
    weights = np.array([[-3.0, *(np.log(p / none) for p in list(probabilities.values())[1:])]], dtype=np.float32)
    bias = np.array([3.0] + [0.0] * (len(labels) - 1), dtype=np.float32)
    return EventModel(LinearModel(labels, {"w=" + word: 0}, weights, bias), _linear(), 0.6, 0.1)


def test_a_word_split_between_two_types_is_still_an_event():
    # "Pemerintah menolak tuduhan itu" (the government rejected the accusation): the model reads "menolak" as a
    # refusal (0.40) or an accusation (0.35), neither alone at the bar (0.6); together they outweigh "none"
    # (0.25), so it is an event of the likelier type
    words = "pemerintah menolak tuduhan itu".split()
    model = _one_word_model("menolak", {"NONE": 0.25, "REJECT": 0.40, "ACCUSE": 0.35})
    found = find_triggers(SimpleNamespace(ctx=_context(words, [])), model)
    assert [(t.index, t.type) for t in found] == [(1, "REJECT")]
    assert found[0].mass == pytest.approx(0.75) and found[0].share == pytest.approx(0.40)
    # at a bar above the two together, nothing
    assert find_triggers(SimpleNamespace(ctx=_context(words, [])), replace(model, trigger_threshold=0.8)) == []


def test_a_word_the_lexicon_proposes_passes_a_lower_bar_where_the_model_has_one():
    # "the army deployed troops": the model gives "deployed" 0.5 (MOBILIZE), under its bar (0.6); the English
    # lexicon proposes it as MOBILIZE, and English words so proposed pass at 0.45 (languages.yaml)
    words = "the army deployed troops".split()
    model = _one_word_model("deployed", {"NONE": 0.5, "MOBILIZE": 0.35, "ASSAULT": 0.15})
    proposed = ((2, 2, 2, "MOBILIZE", "verb", None),)
    english = replace(_context(words, [], language="en"), proposals=proposed)
    assert [(t.index, t.type) for t in find_triggers(SimpleNamespace(ctx=english), model)] == [(2, "MOBILIZE")]
    # not without the proposal, nor when the lexicon proposes another type than the model's likeliest
    assert find_triggers(SimpleNamespace(ctx=_context(words, [], language="en")), model) == []
    other = replace(english, proposals=((2, 2, 2, "ASSAULT", "verb", None),))
    assert find_triggers(SimpleNamespace(ctx=other), model) == []
    # nor in a language without a lexicon bar
    indonesian = replace(_context(words, [], language="id"), proposals=proposed)
    assert find_triggers(SimpleNamespace(ctx=indonesian), model) == []


def test_no_candidate_across_a_semicolon():
    # "Israel strikes Hamas leaders in Doha; Qatar condemns attack": the condemnation's clause names Qatar alone
    words = "israel strikes hamas leaders in doha ; qatar condemns attack".split()
    mentions = [_mention(0, 0, "ISR"), _mention(2, 2, "PSE"), _mention(5, 5, "QAT"), _mention(7, 7, "QAT")]
    ctx = _context(words, mentions, language="en")
    tokens = tuple(Token(w, k * 10, k * 10 + len(w)) for k, w in enumerate(words))
    sentence = Sentence(0, 200, tokens)
    cs = SimpleNamespace(ctx=ctx, sentence=sentence, previous=())
    doc = AnnotatedArticle(Article(id="t", source="t", text=" " * 200, language="en"))
    named = {c.actor.country for c in candidates(doc, cs, 8) if c.origin == "sentence"}
    assert named == {"QAT"}
    # the strike's own clause: Israel, Hamas and Doha, not Qatar
    assert {c.actor.country for c in candidates(doc, cs, 1) if c.origin == "sentence"} == {"ISR", "PSE", "QAT"}
    assert not any(c.mention is not None and c.mention.first == 7 for c in candidates(doc, cs, 1))
