"""What one article contributes to the ledger: stances, holders, and which events its denials deny."""

from __future__ import annotations

import pytest
from claims_support import ARMS, Ev, Qu, Story, build

from warta.claims.evidence import (
    article_evidence,
    bucket_of,
    find_denials,
    outlet_name,
    side_keys,
    type_mentions,
)
from warta.records import Actor
from warta.store.codec import event_ids


def _evidence(doc):
    return article_evidence(doc, event_ids(doc.article.id, doc.events))


def _denied(doc) -> list[tuple[int, int, str | None, str]]:
    """(REJECT index, denied event index, denier country, rule) for every denial link in ``doc``."""
    ids = event_ids(doc.article.id, doc.events)
    index = {event_id: i for i, event_id in enumerate(ids)}
    return [(index[d.reject_id], index[d.event_id], d.holder_country, d.rule) for d in find_denials(doc, ids)]


def test_evidence_stance_holders_follow_status_attribution_and_quotes():
    doc = build(ARMS)
    items, _ = _evidence(doc)
    by_sentence = {doc.article.text[i.sentence_start : i.sentence_end][:20]: i for i in items}
    satellite = by_sentence["Citra satelit menunj"]
    assert (satellite.kind, satellite.holder) == ("reported", "Citra satelit")
    outlet = by_sentence["Pyongyang telah mema"]
    assert (outlet.kind, outlet.holder) == ("asserted", "Kabar Contoh")
    # No attributed_to on the event: the speaker of the quote around it holds it.
    shin = by_sentence["Rusia telah mengirim"]
    assert (shin.kind, shin.holder, shin.holder_country) == ("reported", "Shin Wonsik", "KOR")
    guess = by_sentence["Rusia kemungkinan ak"]
    assert (guess.kind, guess.holder) == ("hypothetical", "Kabar Contoh")
    for item in items:
        assert doc.article.text[item.sentence_start : item.sentence_end] in ARMS.paragraphs


def test_evidence_via_is_kept_apart_from_the_speaker():
    story = Story(
        ["Korea Utara mengirim rudal ke Rusia, kata seorang pejabat menurut kantor berita Yonhap."],
        events=[Ev(0, "mengirim", "AID", ["Korea Utara"], ["Rusia"], status="reported", mode="military")],
        quotes=[Qu(0, "seorang pejabat", via="Yonhap")],
    )
    (item,), _ = _evidence(build(story))
    assert (item.holder, item.via) == ("seorang pejabat", "Yonhap")


def test_evidence_an_only_denied_event_is_held_by_its_denier():
    story = Story(
        ["Moskow membantah mengirim senjata ke Pyongyang."],
        events=[
            Ev(0, "membantah", "REJECT", ["Moskow"], mode="allegation"),
            Ev(0, "mengirim", "AID", ["Moskow"], ["Pyongyang"], status="denied", mode="military"),
        ],
    )
    doc = build(story)
    items, _ = _evidence(doc)
    aid = next(i for i in items if i.kind == "denied")
    assert (aid.holder, aid.holder_country) == ("Moskow", "RUS")
    # The denial itself attaches too: an event that is only denied can be denied.
    assert _denied(doc) == [(0, 1, "RUS", "clause")]


def test_evidence_outlet_falls_back_to_the_url_host():
    assert outlet_name(None, "https://www.kabar.example/berita/1") == "kabar.example"
    assert outlet_name("Kabar", "https://x.example/") == "Kabar"
    assert outlet_name(None, None) is None
    assert outlet_name(None, "http://[broken") is None


def test_evidence_seed_shaped_denial_attaches_to_the_arms_transfer_only():
    # "Moskow dan Pyongyang membantah adanya pengiriman senjata itu": both deny; what they deny is the
    # weapons shipment (AID military) from North Korea to Russia, in both its mentions; not Russia's
    # technology transfer (another mode) and not the possible future shipment (hypothetical).
    links = _denied(build(ARMS))
    assert sorted(links) == [(1, 0, "PRK", "clause"), (1, 0, "RUS", "clause"), (1, 2, "PRK", "clause"),
                             (1, 2, "RUS", "clause")]  # fmt: skip


def test_evidence_denial_stops_at_the_conjunction():
    # Beijing denies attacking; its own accusation after "dan" (and) is not what it denies.
    story = Story(
        [
            "Kapal China menyerang kapal Filipina pada Sabtu.",
            "Filipina menuduh China melanggar hukum internasional.",
            "Beijing membantah telah menyerang kapal Filipina dan menuduh Manila memasuki perairannya.",
        ],
        events=[
            Ev(0, "menyerang", "ASSAULT", ["China"], ["Filipina"]),
            Ev(1, "menuduh", "ACCUSE", ["Filipina"], ["China"], mode="disapprove"),
            Ev(2, "membantah", "REJECT", ["Beijing"], mode="allegation"),
            Ev(2, "menuduh", "ACCUSE", ["Beijing"], ["Manila"], mode="allege"),
        ],
    )
    assert _denied(build(story)) == [(2, 0, "CHN", "clause")]


def test_evidence_denial_falls_back_to_earlier_sentences():
    story = Story(
        [
            "The United States imposed sanctions on Russia on Tuesday.",
            "Moscow denied the claims and called the measures illegal.",
        ],
        events=[
            Ev(0, "imposed sanctions", "SANCTION", ["United States"], ["Russia"]),
            Ev(1, "denied", "REJECT", ["Moscow"], mode="allegation"),
        ],
    )
    assert _denied(build(story, language="en")) == [(1, 0, "RUS", "context")]


@pytest.mark.parametrize(
    ("denier", "status", "reason"),
    [
        ("Filipina", "asserted", "the denier is not one of the event's actors"),
        ("Beijing", "future", "a plan is not denied"),
        ("Beijing", "hypothetical", "a guess is not denied"),
    ],
)
def test_evidence_denial_needs_a_party_and_a_fact(denier, status, reason):
    story = Story(
        [
            "China mengirim senjata ke Rusia.",
            f"{denier} membantah adanya pengiriman senjata tersebut.",
        ],
        events=[
            Ev(0, "mengirim", "AID", ["China"], ["Rusia"], status=status, mode="military"),
            Ev(1, "membantah", "REJECT", [denier], mode="allegation"),
        ],
    )
    assert _denied(build(story)) == [], reason


def test_evidence_a_reject_that_is_not_a_denial_attaches_nothing():
    story = Story(
        ["China mengirim senjata ke Rusia.", "Rusia menolak pengiriman senjata tersebut."],
        events=[
            Ev(0, "mengirim", "AID", ["China"], ["Rusia"], mode="military"),
            Ev(1, "menolak", "REJECT", ["Rusia"]),  # refusing a delivery is no denial of it
        ],
    )
    assert _denied(build(story)) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("adanya transfer senjata tersebut", {"AID": {"military"}}),
        ("telah mengirim teknologi ke korea utara", {"AID": {"technology"}}),
        ("telah mengirim surat", {}),  # sending a letter names no event, as for the coder
    ],
)
def test_evidence_type_mentions_use_the_coder_lexicon(words, expected):
    assert type_mentions(words.split(), "id") == expected


def test_evidence_buckets_ignore_roles_of_symmetric_types_only():
    russia, korea = side_keys([Actor("Rusia", country="RUS")]), side_keys([Actor("Korea Utara", country="PRK")])
    assert bucket_of("CONSULT", russia, korea) == bucket_of("CONSULT", korea, russia)
    assert bucket_of("CONSULT", russia + korea, ()) == bucket_of("CONSULT", russia, korea)
    assert bucket_of("AID", russia, korea) != bucket_of("AID", korea, russia)
    # A directed type's target is matched in the merge, not in the bucket.
    assert bucket_of("AID", russia, korea) == bucket_of("AID", russia, ())
    assert bucket_of("AID", (), korea) is None
    assert side_keys([Actor("Hamas"), Actor(None)]) == ("~hamas",)
