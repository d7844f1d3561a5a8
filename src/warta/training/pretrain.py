"""Pretrain the Indonesian tok2vec on raw news text, resumably, before the NER and syntax training.

No pretrained Indonesian vectors are available offline, so the CNN's word knowledge would come only from the
~120K words of NER gold. ``spacy pretrain`` teaches the same tok2vec on ~800K words of cased text taken from
the training sides of the gold corpora (words only, labels ignored): the kumparan POS corpus, the NER
training files and the UD training treebanks. Test and dev files are never read here.

spaCy's pretraining saves ``model<N>.bin`` after every epoch and can resume from one; this module finds the
newest and continues from it. The result (``<out>/model-last.bin``, or the newest epoch) goes to training as
``[initialize] init_tok2vec`` (``--init-tok2vec`` of ``warta.training.train``).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from spacy.training.pretrain import pretrain
from thinc.api import Config

from warta.training.corpora import Source
from warta.training.train import CONFIG_DIR, default_data_path

log = logging.getLogger(__name__)

# Training sides only: pretraining on a test set's words would leak them into the evaluation.
RAW_SOURCES: dict[str, tuple[Source, ...]] = {
    "id": (
        Source("iob", "pos/id_nlp_id_postag/dataset_postag.txt"),
        Source("iob", "ner/id_idner_news_2k/train.txt"),
        Source("iob", "ner/id_indolem_nerui/train.01.tsv"),
        Source("iob", "ner/id_nergrit/train_preprocess.txt"),
        Source("conllu", "ud/id_gsd/legacy_r2.1/id-ud-train.conllu"),
        Source("conllu", "ud/id_csui/id_csui-ud-train.conllu"),
    ),
    # the words of EWT train (= UNER train) and of GUM train's commercially usable documents (~334K words)
    "en": (
        Source("conllu", "ud/en_ewt/en_ewt-ud-train.conllu"),
        Source(
            "conllu", "ud/en_gum/ud/en_gum-ud-train.REBUILT.conllu", commercial_docs="ud/en_gum/license_by_doc.tsv"
        ),
    ),
}
# the config whose tok2vec is pretrained; its NER/syntax configs have the same tok2vec shape
BASE_CONFIGS: dict[str, str] = {"id": "id_syntax.cfg", "en": "en_ner.cfg"}


def iter_raw_sentences(data: Path, lang: str = "id") -> Iterator[str]:
    """The text of every sentence in the raw sources of ``lang`` (labels dropped, spacing restored or guessed)."""
    for source in RAW_SOURCES[lang]:
        for sentence in source.read(data):
            yield "".join(w + (" " if s else "") for w, s in zip(sentence.words, sentence.spaces, strict=True))


def write_raw_text(data: Path, path: Path, lang: str = "id") -> int:
    """Write the raw sentences as spaCy JSONL (``{"text": ...}``); return the number of sentences."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for text in iter_raw_sentences(data, lang):
            handle.write(json.dumps({"text": text.strip()}, ensure_ascii=False) + "\n")
            count += 1
    return count


def latest_epoch(out: Path) -> tuple[Path, int] | None:
    """The newest ``model<N>.bin`` in ``out`` and N, or None."""
    pattern = re.compile(r"model(\d+)\.bin")
    found = [(int(m.group(1)), p) for p in out.glob("model*.bin") if (m := pattern.fullmatch(p.name))]
    if not found:
        return None
    epoch, path = max(found)
    return path, epoch


def pretrain_tok2vec(*, data: Path, out: Path, epochs: int = 4, base: str | None = None, lang: str = "id") -> Path:
    """Pretrain (or continue pretraining) to ``epochs`` epochs in ``out``; return the weights file."""
    raw = out / "raw.jsonl"
    if not raw.exists():
        log.info("wrote %d sentences of raw text to %s", write_raw_text(data, raw, lang), raw)
    config = Config().from_disk(CONFIG_DIR / (base or BASE_CONFIGS[lang]), interpolate=False)
    config = config.merge(Config().from_disk(CONFIG_DIR / "id_pretrain.cfg", interpolate=False))
    config["paths"]["raw_text"] = str(raw)
    config["pretraining"]["max_epochs"] = epochs
    resume = latest_epoch(out)
    if resume is not None and resume[1] + 1 >= epochs:
        return resume[0]
    pretrain(
        config.interpolate(),
        out,
        resume_path=resume[0] if resume else None,
        epoch_resume=resume[1] + 1 if resume else None,
        silent=False,
    )
    done = latest_epoch(out)
    assert done is not None, "spacy pretrain wrote no weights"
    return done[0]


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m warta.training.pretrain --out training/id-pretrain [--epochs N]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="datasets folder (default <shared>/datasets)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lang", choices=sorted(BASE_CONFIGS), default="id")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stdout)
    weights = pretrain_tok2vec(
        data=args.data or default_data_path(), out=args.out, epochs=args.epochs, lang=args.lang
    )
    print(f"pretrained weights: {weights}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
