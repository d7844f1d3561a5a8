"""Train one warta model (a language and a component set) from gold data, resumably.

spaCy has no native resume, so training runs in **rounds**. Each round is an ordinary ``spacy train`` run
capped at ``round_steps`` updates. After a round, its ``model-last`` replaces ``<out>/model-last`` and, if its
best dev score beats every earlier round, its ``model-best`` replaces ``<out>/model-best``; ``state.json``
records the rounds done and the scores. The next round (in this process or after a restart) writes a config in
which every trained component is ``source = "<out>/model-last"``: spaCy then skips initialising those
components and continues from the saved weights (``nlp.resume_training``). What is lost between rounds is
only the Adam moment estimates and the batch-size schedule, which restart; the weights, labels and vocab
carry over. A crash loses at most the round in progress.

Usage (background, one core)::

    OMP_NUM_THREADS=1 nohup nice -n 10 python -m warta.training.train id --component ner \
        --out training/id-ner --rounds 8 > training/logs/id-ner.log 2>&1 &

Run the same command again to resume; ``--rounds`` is the total wanted, not the number still to run.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.pipeline.edit_tree_lemmatizer import EditTreeLemmatizer
from thinc.api import Config

from warta.settings import load_settings
from warta.training.convert import write_docbin
from warta.training.corpora import CORPORA

log = logging.getLogger(__name__)

CONFIG_DIR = Path(__file__).resolve().parent / "configs"


def default_data_path() -> Path:
    """``<Settings.shared>/datasets``: where the gold data lives unless ``--data`` says otherwise."""
    return load_settings().shared / "datasets"


def convert_corpus(lang: str, component: str, *, data: Path, out: Path, force: bool = False) -> dict[str, int]:
    """Write ``train.spacy``, ``dev.spacy`` and one ``<test>.spacy`` per test set into ``out/corpus``.

    Existing files are kept unless ``force``; returns the number of Docs written per split.
    """
    spec = CORPORA[(lang, component)]
    vocab = spacy.blank(lang).vocab
    counts: dict[str, int] = {}
    for split in ("train", "dev", *spec.tests):
        path = out / "corpus" / f"{split}.spacy"
        if path.exists() and not force:
            continue
        counts[split] = write_docbin(spec.docs(split, data, vocab), path)
        log.info("wrote %s docs to %s", counts[split], path)
    return counts


def round_config(
    base: Path,
    *,
    corpus: Path,
    resume_from: Path | None,
    steps: int,
    seed: int,
    init_tok2vec: Path | None = None,
) -> Config:
    """The base config with data paths and step cap set; trained components sourced from ``resume_from``.

    ``init_tok2vec`` (pretrained weights from :mod:`warta.training.pretrain`) seeds the first round only;
    later rounds carry those weights on through ``model-last``.
    """
    config = Config().from_disk(base, interpolate=False)
    config["paths"]["train"] = str(corpus / "train.spacy")
    config["paths"]["dev"] = str(corpus / "dev.spacy")
    config["training"]["max_steps"] = steps
    config["system"]["seed"] = seed
    if init_tok2vec is not None and resume_from is None:
        config = config.merge(Config().from_disk(CONFIG_DIR / "id_pretrain.cfg", interpolate=False))
        config["paths"]["init_tok2vec"] = str(init_tok2vec)
        # spacy pretrain can only train (and init_tok2vec only load) a standalone tok2vec component here:
        # the tok2vec inside a parser/NER model is wrapped in extra layers that the weights do not fit
        if "tok2vec" not in config["nlp"]["pipeline"]:
            raise ValueError(f"{base.name} has no tok2vec component to load pretrained weights into")
        config["pretraining"]["component"] = "tok2vec"
        config["pretraining"]["layer"] = ""
    if resume_from is not None:
        for name in config["nlp"]["pipeline"]:
            config["components"][name] = {"source": str(resume_from)}
    return config


@contextmanager
def _lemmatizer_labels_restored() -> Iterator[None]:
    """Work around spaCy 3.8: a loaded ``trainable_lemmatizer`` forgets its tree -> label map.

    ``EditTreeLemmatizer.from_disk`` restores the trees and labels but not ``tree2label``, which only
    training uses: every gold lemma then maps to label 0 and a resumed round silently un-learns
    lemmatisation (dev lemma accuracy fell from 94 to 76 here). Prediction is unaffected, so this is needed
    only while training; the patch is undone on exit and is not written into any config.
    """
    original = EditTreeLemmatizer.from_disk

    def from_disk(self, path, exclude=tuple()):
        loaded = original(self, path, exclude=exclude)
        loaded.tree2label = {tree: label for label, tree in enumerate(loaded.labels)}
        return loaded

    EditTreeLemmatizer.from_disk = from_disk
    try:
        yield
    finally:
        EditTreeLemmatizer.from_disk = original


def _weighted_score(meta: dict, weights: dict[str, float | None]) -> float:
    performance = meta.get("performance", {})
    # weights of None (per-type breakdowns) are reported by spaCy but not part of the score
    return sum(float(performance.get(key) or 0.0) * weight for key, weight in weights.items() if weight)


def train_model(
    lang: str,
    *,
    data: Path,
    out: Path,
    component: str,
    resume: bool = True,
    rounds: int = 6,
    round_steps: int = 2000,
    config: Path | None = None,
    init_tok2vec: Path | None = None,
) -> dict:
    """Train ``component`` (``ner``, ``syntax`` or ``joint``) for ``lang`` into ``out``; return the state.

    ``data`` is the datasets folder (``<shared>/datasets``); ``out`` is a work folder under ``training/``.
    With ``resume`` the rounds already recorded in ``out/state.json`` are skipped and training continues from
    ``out/model-last``; without it, ``out`` is cleared first. The best model is ``out/model-best``.
    """
    if (lang, component) not in CORPORA:
        known = ", ".join(f"{lang_} {comp}" for lang_, comp in CORPORA)
        raise ValueError(f"no corpus for {lang} {component}; known: {known}")
    config = config or CONFIG_DIR / f"{lang}_{component}.cfg"
    if not resume and out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    convert_corpus(lang, component, data=data, out=out)
    state_path = out / "state.json"
    state = json.loads(state_path.read_text()) if state_path.exists() else {"rounds": [], "best": None}
    weights = dict(Config().from_disk(config, interpolate=False)["training"]["score_weights"])
    for index in range(len(state["rounds"]), rounds):
        last = out / "model-last"
        work = out / "round"
        if work.exists():
            shutil.rmtree(work)  # a round interrupted before it finished: redo it
        cfg = round_config(
            config,
            corpus=out / "corpus",
            resume_from=last if last.exists() else None,
            steps=round_steps,
            seed=index,
            init_tok2vec=init_tok2vec,
        )
        cfg_path = out / "round.cfg"
        cfg.to_disk(cfg_path)
        log.info("round %d/%d from %s", index + 1, rounds, last if last.exists() else "scratch")
        started = time.time()
        with _lemmatizer_labels_restored():
            spacy_train(cfg_path, work, use_gpu=-1)
        meta = json.loads((work / "model-best" / "meta.json").read_text())
        score = _weighted_score(meta, weights)
        record = {"round": index + 1, "score": score, "seconds": round(time.time() - started)}
        if state["best"] is None or score > state["best"]:
            replace_dir(work / "model-best", out / "model-best")
            state["best"] = score
            record["best"] = True
        replace_dir(work / "model-last", last)
        shutil.rmtree(work)
        state["rounds"].append(record)
        state_path.write_text(json.dumps(state, indent=2))
        log.info("round %d done: dev score %.4f (best %.4f)", index + 1, score, state["best"])
    return state


def replace_dir(source: Path, target: Path) -> None:
    """Copy ``source`` over ``target`` through a staging folder, so a crash never leaves it half-written."""
    staging = target.with_name(target.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(source, staging)
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m warta.training.train LANG --component C --out DIR [--rounds N]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lang", choices=sorted({lang for lang, _ in CORPORA}))
    parser.add_argument("--component", required=True, choices=sorted({c for _, c in CORPORA}))
    parser.add_argument("--data", type=Path, default=None, help="datasets folder (default <shared>/datasets)")
    parser.add_argument("--out", type=Path, required=True, help="work folder, e.g. training/id-ner")
    parser.add_argument("--rounds", type=int, default=6, help="total rounds wanted (resume counts done ones)")
    parser.add_argument("--round-steps", type=int, default=2000)
    parser.add_argument("--config", type=Path, default=None)
    parser.add_argument("--init-tok2vec", type=Path, default=None, help="pretrained tok2vec weights (.bin)")
    parser.add_argument("--fresh", action="store_true", help="discard earlier rounds instead of resuming")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stdout)
    state = train_model(
        args.lang,
        data=args.data or default_data_path(),
        out=args.out,
        component=args.component,
        resume=not args.fresh,
        rounds=args.rounds,
        round_steps=args.round_steps,
        config=args.config,
        init_tok2vec=args.init_tok2vec,
    )
    print(json.dumps(state, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
