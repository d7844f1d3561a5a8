"""Whole-language training recipes behind ``warta models train LANG`` and the "only if it beats" install.

A recipe is the chain of resumable steps that produced a shipped pipeline, with the settings used for it:

- ``id``: pretrain the tok2vec on raw text of the training sides (:mod:`warta.training.pretrain`), train the
  NER and the syntax (tagger, morphology, parser) from those weights (:mod:`warta.training.train`), assemble
  ``id_warta`` (:mod:`warta.training.package`).
- ``en``: train the joint English pipeline (tagger, lemmas, parser, NER) and an NER-only pipeline, assemble
  ``en_warta`` from the first with the second's NER (it scores higher).

Every step resumes: running the same command again after a crash or the end of a session continues where it
stopped (finished steps are skipped, a training continues from its last round). The assembled pipeline goes to
``<work>/<name>`` (a candidate); :func:`install_if_better` copies it over the shipped one only when it scores
better on the test sets, so a retrained model is committed only when it beats the one in the repository.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from warta.models import MODELS_DIR, PIPELINES

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Step:
    """One training run of a recipe: a component trained into ``<work>/<folder>`` for ``rounds`` rounds."""

    component: str
    folder: str
    rounds: int
    round_steps: int = 1500
    pretrained: bool = False  # start from the recipe's pretrained tok2vec weights


@dataclass(frozen=True, slots=True)
class Recipe:
    """The steps that build one language's pipeline (see the module docstring)."""

    lang: str
    steps: tuple[Step, ...]
    pretrain_epochs: int = 0  # 0: no pretraining step


RECIPES: dict[str, Recipe] = {
    "id": Recipe(
        "id",
        (Step("ner", "id-ner", rounds=6, pretrained=True), Step("syntax", "id-syntax", rounds=5, pretrained=True)),
        pretrain_epochs=4,
    ),
    # en-ner: UNER EWT + GUM's named mentions, from a tok2vec pretrained on EWT + GUM (commercial) train text
    "en": Recipe(
        "en",
        (Step("joint", "en-joint", rounds=7), Step("ner", "en-ner", rounds=3, round_steps=2000, pretrained=True)),
        pretrain_epochs=10,
    ),
}


def train_language(
    lang: str, *, data: Path, work: Path, rounds: int | None = None, round_steps: int | None = None
) -> Path:
    """Run (or resume) the recipe of ``lang`` and assemble its pipeline; return the candidate's folder.

    ``rounds`` and ``round_steps``, when given, replace every step's own (``rounds`` is the total wanted, so a
    higher number than before continues a finished training).
    """
    from warta.training.package import assemble_language, save_model, write_readme
    from warta.training.pretrain import pretrain_tok2vec
    from warta.training.train import train_model

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


def overall_score(evaluation: dict) -> float:
    """One number to compare two pipelines of a language: the mean of every score over every test set.

    Each metric counts once per test set it is measured on (UPOS, lemma, LAS, sentence F1, NER F1), so a
    pipeline that trades a point of NER for a point of LAS is neither better nor worse.
    """
    keys = ("upos", "lemma", "las", "sents_f", "ents_f")
    values = [scores[k] for scores in evaluation["tests"].values() for k in keys if scores.get(k) is not None]
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True, slots=True)
class InstallDecision:
    """What :func:`install_if_better` found and did."""

    installed: bool
    candidate_score: float
    shipped_score: float | None  # None: nothing was installed before
    target: Path


def install_if_better(
    candidate: Path, lang: str, *, data: Path, models: Path = MODELS_DIR, force: bool = False
) -> InstallDecision:
    """Copy the pipeline at ``candidate`` to ``<models>/<lang>_warta`` if it scores better than the one there.

    Both are scored on all test sets of ``lang`` (:func:`overall_score`); the installed copy records its
    evaluation in ``meta.json`` and its README. ``force`` installs regardless of the scores.
    """
    from warta.training.evaluate import evaluate_model
    from warta.training.package import record_evaluation
    from warta.training.train import replace_dir

    target = models / PIPELINES[lang]
    new = evaluate_model(candidate, lang=lang, data=data)
    old = evaluate_model(target, lang=lang, data=data) if (target / "meta.json").exists() else None
    new_score, old_score = overall_score(new), (overall_score(old) if old else None)
    better = old_score is None or new_score > old_score
    if better or force:
        replace_dir(candidate, target)
        new["model"] = str(target)
        record_evaluation(target, new)
    return InstallDecision(better or force, new_score, old_score, target)
