from warta.evaluation.scoring import collapse_entities, score_entities, score_events, score_quotes


def _event(type_, src, tgt, **extra):
    return {
        "type": type_,
        "source": [{"country": c} for c in src],
        "target": [{"country": c} for c in tgt],
        **extra,
    }


def test_evaluate_entities_collapse_to_fullest_mention():
    pred = [
        {"text": "Kim Jong Un", "type": "PER", "name": "Kim Jong Un"},
        {"text": "Kim", "type": "PER", "name": "Kim Jong Un"},
        {"text": "Rusia", "type": "LOC", "name": "Russia"},
    ]
    assert collapse_entities(pred) == [("kim jong un", "PER"), ("rusia", "LOC")]
    gold = [
        {"text": "Kim Jong Un", "type": "PER"},
        {"text": "Rusia", "type": "LOC"},
        {"text": "AS", "type": "LOC"},
    ]
    score = score_entities(gold, pred)
    assert (score.tp, score.fp, score.fn) == (2, 0, 1)


def test_evaluate_events_symmetric_types_match_either_way():
    gold = [_event("CONSULT", ["PRK"], ["RUS"]), _event("AID", ["PRK"], ["RUS"])]
    pred = [_event("CONSULT", ["RUS"], ["PRK"]), _event("AID", ["RUS"], ["PRK"])]
    scores = score_events(gold, pred)
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (1, 1, 1)
    assert scores.dyads.tp == 2  # ignoring type, every dyad matches either way


def test_evaluate_events_duplicates_are_false_positives_and_optional_is_neutral():
    gold = [_event("REJECT", ["RUS", "PRK"], []), _event("ASSAULT", ["RUS"], ["UKR"], optional=True)]
    pred = [
        _event("REJECT", ["PRK", "RUS"], []),
        _event("REJECT", ["RUS", "PRK"], []),
        _event("ASSAULT", ["RUS"], ["UKR"]),
    ]
    scores = score_events(gold, pred)
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (1, 1, 0)


def test_evaluate_status_and_date_accuracy_on_matched_events():
    gold = [_event("SUPPORT", ["PRK"], ["RUS"], status="asserted", date="2024-06-19")]
    pred = [_event("SUPPORT", ["PRK"], ["RUS"], status="reported", date="2024-06-19")]
    scores = score_events(gold, pred)
    assert scores.status.value == 0.0 and scores.date.value == 1.0


def test_evaluate_quotes_need_speaker_and_half_the_words():
    gold = [{"speaker": "Retno Marsudi", "text": "Maroko adalah sahabat lama Indonesia"}]
    assert score_quotes(gold, [{"speaker": "Retno", "text": "Maroko adalah sahabat lama"}]).tp == 1
    assert score_quotes(gold, [{"speaker": "Nasser Bourita", "text": "Maroko adalah sahabat lama"}]).tp == 0
    assert score_quotes(gold, [{"speaker": "Retno", "text": "Maroko adalah"}]).tp == 0
