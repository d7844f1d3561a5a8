"""Would the trained parser help the event coder find sources? A measurement on corpus/dev.jsonl.

    python scripts/parse_fallback_check.py [--shared PATH]

For every trigger the coder drops because its surface rules find no source actor, the sentence is parsed by
the shipped pipeline of its language (on warta's own tokens) and the parser's subject of the trigger (or of
the verb a trigger noun depends on) is looked up among the sentence's actors. Each such fallback is printed
with the gold events of the same type in that sentence, so one can count how many would be right. The result
is recorded in docs/models.md (section "What was tried").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc

from warta.build import build_pipeline
from warta.evaluation.scoring import load_gold
from warta.events import events
from warta.models import model_path
from warta.records import Page
from warta.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args(argv)
    settings = load_settings(overrides={"shared": args.shared})
    pipeline = build_pipeline(settings)
    parsers = {lang: spacy.load(model_path(lang), exclude=["ner"]) for lang in ("id", "en")}
    dropped: list = []
    participants = events._participants

    def spy(view, match, *rest, **kw):  # records the triggers left without a source
        source, target = participants(view, match, *rest, **kw)
        if not source:
            dropped.append((view, match))
        return source, target

    events._participants = spy
    total = found = 0
    for record in load_gold(settings.shared / "corpus" / "dev.jsonl"):
        dropped.clear()
        page = Page(source=record["id"], text=record["text"], published=record.get("published"),
                    record_id=record["id"], language=record["lang"])  # fmt: skip
        result = pipeline.process(page)
        nlp = parsers[record["lang"]]
        for view, match in dropped:
            total += 1
            tokens = view.sentence.tokens
            doc = Doc(nlp.vocab, words=[t.text for t in tokens], spaces=[True] * len(tokens))
            for _, component in nlp.pipeline:
                doc = component(doc)
            trigger = doc[match.first]
            head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
            subjects = [c.i for c in head.children if c.dep_.startswith("nsubj")]
            actor = next((m.actor for m in view.mentions for i in subjects if m.first <= i <= m.last), None)
            if actor is None:
                continue
            found += 1
            sentence = result.article.text[view.sentence.start : view.sentence.end]
            gold = [[a.get("country") for a in e["source"]] for e in record["events"]
                    if e["type"] == match.entry.type and e["sentence"][:40] in sentence]  # fmt: skip
            print(f"{record['id']} {match.entry.type}: parser subject {actor.text} ({actor.country}); "
                  f"gold sources {gold or 'none'} | {sentence[:100]}")  # fmt: skip
    print(f"{total} triggers without a source; the parser names an actor as subject for {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
