"""Assemble trained components into the pipelines warta ships under ``src/warta/models/<name>``.

``id_warta`` = the UD-trained tok2vec + morphologizer + parser, plus the NER sourced from its own training
run (it carries its own tok2vec, so the two never share weights), plus warta's tokenizer exceptions. The syntax
run is the one of ``RECIPES["id"]`` (``id-syntax`` or the multi-task ``id-syntax-mt``) unless ``--syntax`` names
another; an auxiliary ``tagger`` trained only to shape the shared tok2vec (nlp-id tags) is removed.
``en_warta`` = the jointly trained English pipeline with the NER of the NER-only English run sourced in.
Both get a ``meta.json`` naming every data source with its licence and the CC BY-SA attribution and
share-alike notice; no training data is copied.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from pathlib import Path

import spacy
from spacy.language import Language

from warta.models import MODELS_DIR
from warta.training.corpora import MODEL_SOURCES, SOURCES
from warta.training.pretrain import pretrain_tok2vec
from warta.training.recipes import RECIPES
from warta.training.tokenizer import add_warta_exceptions
from warta.training.train import train_model

log = logging.getLogger(__name__)

MAX_MODEL_MB = 50

SHARE_ALIKE_NOTICE = (
    "This model was trained on data licensed CC BY-SA 4.0 (see sources). It is a derived work and is "
    "distributed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/): credit the sources "
    "listed here and share any adaptation under the same licence. It contains no training text."
)


def model_meta(lang: str, components: tuple[str, ...], *, name: str, extra: dict | None = None) -> dict:
    """The ``meta.json`` fields warta sets: name, licence, sources with licences, share-alike notice."""
    keys: list[str] = []
    for component in components:
        keys.extend(k for k in MODEL_SOURCES[(lang, component)] if k not in keys)
    meta = {
        "name": name,
        "version": "0.1.0",
        "description": f"warta's {lang} pipeline, trained from scratch on public gold data",
        "author": "warta developers",
        "license": "CC BY-SA 4.0",
        "sources": [{"name": SOURCES[k]["name"], "license": SOURCES[k]["license"]} for k in keys],
        "notice": SHARE_ALIKE_NOTICE,
    }
    meta.update(extra or {})
    return meta


def assemble(base: Path, ner: Path | None) -> Language:
    """``base`` with the NER of the separately trained pipeline ``ner`` sourced in (replacing any NER)."""
    nlp = spacy.load(base)
    if ner is None:
        return nlp
    ner_nlp = spacy.load(ner)
    if "tok2vec" in ner_nlp.pipe_names:
        # give the NER its own copy of its tok2vec: the base pipeline's "tok2vec" is the UD-trained one
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    if "ner" in nlp.pipe_names:
        nlp.remove_pipe("ner")
    nlp.add_pipe("ner", source=ner_nlp)
    return nlp


# Components of a syntax run that only served training: the multi-task run's tagger of nlp-id tags.
AUXILIARY_PIPES = ("tagger",)


def assemble_id(syntax: Path, ner: Path) -> Language:
    """The Indonesian pipeline: syntax model with the NER sourced in and warta's tokenizer exceptions.

    Auxiliary components (:data:`AUXILIARY_PIPES`) are removed; the tok2vec they listened to stays with the
    morphologizer and parser.
    """
    nlp = assemble(syntax, ner)
    for name in AUXILIARY_PIPES:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    add_warta_exceptions(nlp)
    return nlp


def id_syntax_component() -> str:
    """The syntax component of ``RECIPES["id"]`` (``syntax`` or ``syntax-mt``): its run is ``id-<component>``."""
    return next(step.component for step in RECIPES["id"].steps if step.component != "ner")


def assemble_language(
    lang: str, work: Path, *, ner: Path | None = None, syntax: str | None = None
) -> tuple[Language, dict]:
    """The pipeline of ``lang`` from the best models of its training runs in ``work``, and its metadata.

    ``id``: ``id-<syntax>`` (by default the recipe's syntax component, :func:`id_syntax_component`) with the NER
    of ``id-ner``; ``en``: ``en-joint`` with the NER of ``ner``, by default the NER-only run ``en-ner`` when
    there is one (it scores higher than the joint model's NER: docs/models.md).
    """
    if lang == "id":
        syntax = syntax or id_syntax_component()
        nlp = assemble_id(work / f"id-{syntax}" / "model-best", work / "id-ner" / "model-best")
        return nlp, model_meta("id", (syntax, "ner"), name="id_warta")
    if lang == "en":
        separate = work / "en-ner" / "model-best"
        ner = ner or (separate if (separate / "meta.json").is_file() else None)
        return assemble(work / "en-joint" / "model-best", ner), model_meta("en", ("joint",), name="en_warta")
    raise ValueError(f"no pipeline to assemble for {lang!r}")


def save_model(nlp: Language, out: Path, meta: dict) -> float:
    """Write ``nlp`` with ``meta`` to ``out`` (replacing it); return its size in MB; refuse over 50 MB."""
    name = meta["name"]
    nlp.meta.update(meta)
    nlp.meta["name"] = name.split("_", 1)[-1] if name.startswith(f"{nlp.lang}_") else name
    nlp.meta.pop("performance", None)  # scores of the last training round: misleading for the assembly
    staging = out.with_name(out.name + ".new")
    out.parent.mkdir(parents=True, exist_ok=True)  # `--out` may name a folder that does not exist yet
    if staging.exists():
        shutil.rmtree(staging)
    nlp.to_disk(staging)
    size = sum(f.stat().st_size for f in staging.rglob("*") if f.is_file()) / 1e6
    if size > MAX_MODEL_MB:
        shutil.rmtree(staging)
        raise ValueError(f"{out.name} is {size:.1f} MB, over the {MAX_MODEL_MB} MB limit: use smaller tables")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    return round(size, 2)


def write_readme(folder: Path, meta: dict, scores: str | None = None) -> Path:
    """Write ``README.md`` into a model folder: what it is, its sources and licences, and its ``scores`` (a
    markdown table of :func:`warta.evaluation.models.markdown_table`) when given."""
    lines = [f"# {meta['lang']}_{meta['name']}", "", meta["description"] + ".", ""]
    lines += [f"Pipeline: {', '.join(meta.get('pipeline', []))}", "", "## Sources and licences", ""]
    lines += [f"- {source['name']}: {source['license']}" for source in meta["sources"]]
    lines += ["", "## Licence", "", meta["notice"], ""]
    if scores is not None:
        lines += ["## Evaluation (gold tokens; `python -m warta.evaluation.models`)", "", scores, ""]
    path = folder / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def train_language(
    lang: str, *, data: Path, work: Path, rounds: int | None = None, round_steps: int | None = None
) -> Path:
    """Run (or resume) the recipe of ``lang`` and assemble its pipeline; return the candidate's folder.

    ``rounds`` and ``round_steps``, when given, replace every step's own (``rounds`` is the total wanted, so a
    higher number than before continues a finished training).
    """
    if lang not in RECIPES:
        raise ValueError(f"no training recipe for {lang!r}; known: {', '.join(sorted(RECIPES))}")
    recipe = RECIPES[lang]
    weights = None
    if recipe.pretrain_epochs:
        log.info("%s: pretraining the tok2vec (%d epochs)", lang, recipe.pretrain_epochs)
        weights = pretrain_tok2vec(
            data=data, out=work / f"{lang}-pretrain", epochs=recipe.pretrain_epochs, lang=lang
        )
    for step in recipe.steps:
        log.info("%s: training %s into %s", lang, step.component, work / step.folder)
        train_model(
            lang,
            data=data,
            out=work / step.folder,
            component=step.component,
            rounds=rounds or step.rounds,
            round_steps=round_steps or step.round_steps,
            init_tok2vec=weights if step.pretrained else None,
        )
    nlp, meta = assemble_language(lang, work)
    candidate = work / meta["name"]
    size = save_model(nlp, candidate, meta)
    write_readme(candidate, nlp.meta)
    log.info("%s: assembled %s (%s MB)", lang, candidate, size)
    return candidate



def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m warta.training.package id|en --work training [--out src/warta/models]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lang", choices=["id", "en"])
    parser.add_argument("--work", type=Path, default=Path("training"), help="folder of the training runs")
    parser.add_argument("--out", type=Path, default=MODELS_DIR)
    parser.add_argument("--ner", type=Path, default=None, help="en: the NER of this separately trained model")
    parser.add_argument(
        "--syntax", default=None, help="id: syntax component whose run id-<syntax> to use (default: the recipe's)"
    )
    args = parser.parse_args(argv)
    nlp, meta = assemble_language(args.lang, args.work, ner=args.ner, syntax=args.syntax)
    target = args.out / meta["name"]
    size = save_model(nlp, target, meta)
    write_readme(target, json.loads((target / "meta.json").read_text(encoding="utf-8")))
    print(f"wrote {target} ({size} MB): {', '.join(nlp.pipe_names)}")
    scoring = f"python -m warta.evaluation.models {target} --lang {args.lang} --record"
    print(f"to score it and record its scores: {scoring}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
