"""Held-out event F1 of the learned coder by topic of article (issue 11 reported the coder near zero on courts,
elections and Papua; this shows where it stands now).

    python scripts/events_by_topic.py [--shared PATH] [--json]

Cross-validates the coder over ``corpus/folds.tsv`` exactly as ``warta eval --folds`` does (each fold coded by
a model trained on the other four) and scores the articles of each topic group together. An article belongs to
every group whose words appear in its ``topic`` line (whole Indonesian and English words; an article may be in
several groups or in none). The groups are a reading aid, not a taxonomy: they follow the topic areas of
issue 11.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

# Words of an article's topic line that put it in a group (lower case, whole words).
TOPICS = {
    "courts": r"court|courts|mk|mkmk|vonis|divonis|putusan|pengadilan|judge|judges|verdict|sentenced|sentences"
    r"|hakim|jaksa|kejaksaan|kejati|kejari|kejagung|tipikor",
    "corruption": r"kpk|korupsi|suap|corruption|bribe|bribery|ott",
    "elections and parliament": r"pemilu|pilpres|pilkada|kpu|bawaslu|election|elections|vote|dpr|dprd|dprk"
    r"|parliament|parliamentary|caleg|capres|koalisi|angket|paripurna",
    "Papua and armed groups": r"papua|kkb|tpnpb|opm|separatis|rebel|rebels|insurgents|insurgency",
    "protests": r"demo|protest|protests|protesters|unjuk rasa|berunjuk rasa|ricuh|kericuhan|riot|riots|mogok"
    r"|rally|rallies",
    "police and arrests": r"polisi|polri|polda|polres|bareskrim|police|tangkap|ditangkap|menangkap|arrest"
    r"|arrests|detain|detains|detained",
    "diplomacy": r"visit|visits|kunjungan|berkunjung|mengunjungi|summit|ktt|meet|meets|meeting|bertemu|mou|deal"
    r"|agree|agrees|sepakat|kesepakatan",
    "war and strikes": r"strike|strikes|airstrike|airstrikes|attack|attacks|serang|serangan|menyerang|missile"
    r"|missiles|rudal|drone|drones|bomb|bombs|artillery|war|perang",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from warta.evaluation.event_folds import cross_validated, rule_coded
    from warta.evaluation.scoring import ArticleScores, load_gold, score_article
    from warta.nlp.gazetteer_data import load_gazetteer
    from warta.output import to_contract
    from warta.settings import load_settings
    from warta.training.event_model import read_folds

    settings = load_settings(overrides={"shared": args.shared})
    corpus = settings.shared / "corpus"
    records = load_gold(corpus / "train.jsonl")
    gazetteer = load_gazetteer()
    docs = rule_coded(records, settings, gazetteer)
    coded = cross_validated(records, docs, read_folds(corpus / "folds.tsv"), gazetteer)
    groups: dict[tuple[str, str], ArticleScores] = {}
    counts: dict[tuple[str, str], int] = {}
    for record in records:
        scores = score_article(record, to_contract(coded[record["id"]]))
        for name, words in TOPICS.items():
            if re.search(rf"\b(?:{words})\b", record["topic"].lower()):
                key = (name, record["lang"])
                groups.setdefault(key, ArticleScores()).add(scores)
                counts[key] = counts.get(key, 0) + 1
    rows = [
        {"topic": name, "lang": lang, "articles": counts[name, lang], **groups[name, lang].as_dict()["events"]}
        for name in TOPICS
        for lang in ("id", "en")
        if (name, lang) in groups
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| topic | language | articles | event P | event R | event F1 (held-out) |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['topic']} | {row['lang']} | {row['articles']} | {row['precision']:.3f} | {row['recall']:.3f} "
            f"| **{row['f1']:.3f}** |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
