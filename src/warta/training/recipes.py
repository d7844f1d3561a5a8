"""Whole-language training recipes behind ``warta models train LANG``.

A recipe is the chain of resumable steps that produced a shipped pipeline, with the settings used for it:

- ``id``: pretrain the tok2vec on raw text of the training sides (:mod:`warta.training.pretrain`), train the
  NER and the syntax (tagger, morphology, parser) from those weights (:mod:`warta.training.train`), assemble
  ``id_warta`` (:mod:`warta.training.package`).
- ``en``: train the joint English pipeline (tagger, lemmas, parser, NER) and an NER-only pipeline, assemble
  ``en_warta`` from the first with the second's NER (it scores higher).

Every step resumes: running the same command again after a crash or the end of a session continues where it
stopped (finished steps are skipped, a training continues from its last round). The assembled pipeline goes to
``<work>/<name>`` (a candidate, :func:`warta.training.package.train_language`);
:func:`warta.evaluation.models.install_if_better` copies it over the shipped one only when it scores better on
the test sets, so a retrained model is committed only when it beats the one in the repository.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

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
