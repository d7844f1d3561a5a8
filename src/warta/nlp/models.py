"""Statistical NER as a source of entity candidates (issue 3), below warta's dictionaries.

The trained pipelines are plain spaCy folders: ``<models>/<lang>_warta`` where ``models`` is
:attr:`Settings.models <warta.settings.Settings.models>`, by default the folder shipped inside the package
(``warta/models``). :func:`load_pipeline` loads one lazily, once per process and folder, without network, with
only the components the entity stage runs (the NER and the embedding it listens to, if any), and with the
tokenizer's special cases added as the texts need them (:mod:`warta.nlp.special_cases`: loading them all took
seconds). A missing pipeline is not an error: English has none yet, and warta then finds entities with its
dictionaries and rules alone (a warning is logged once).

:class:`NerCandidates` is what the entity stage holds: a small picklable callable (it keeps the settings, not
the loaded model, so Dask workers load their own copy) that returns the model's PER/ORG/LOC spans of an
article as :class:`~warta.records.Entity` candidates with article offsets; the entity stage runs it only on the
sentences where it could add something (:func:`warta.nlp.entities.sentences_for_ner`), and
:func:`warta.nlp.entities.find_entities` then cleans the candidates (titles off, no weekdays) and lets the
dictionaries win wherever they match.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from warta.nlp.special_cases import load_ner_pipeline
from warta.records import AnnotatedArticle, Entity, Sentence
from warta.settings import PACKAGE_DIR, Settings

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

#: Entity labels warta takes from a model, mapped to its own (NERGrit-style names are accepted too).
LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANISATION": "ORG", "LOC": "LOC", "PLACE": "LOC",
          "GPE": "LOC"}  # fmt: skip
_NEEDED = ("ner",)


def pipeline_path(language: str, settings: Settings) -> Path:
    """Folder of the pipeline for ``language``: ``<settings.models>/<language>_warta``."""
    return (settings.models or PACKAGE_DIR / "models") / f"{language}_warta"


def load_pipeline(language: str, settings: Settings) -> Language | None:
    """The spaCy pipeline for ``language`` with only its NER enabled, loaded once per process; None (with one
    logged warning) when the folder has no pipeline or it cannot be loaded."""
    return _load(pipeline_path(language, settings).resolve())


@cache
def _load(path: Path) -> Language | None:
    meta_path = path / "meta.json"
    if not meta_path.is_file():
        log.warning("no NER pipeline at %s: entities come from the dictionaries and rules alone", path)
        return None
    try:
        import spacy  # deferred: importing spaCy costs about a second, and many commands never need it

        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        components = list(meta.get("pipeline") or [])
        if "ner" not in components:
            log.warning("the pipeline at %s has no ner component: not used for entities", path)
            return None
        config = spacy.util.load_config(path / "config.cfg")
        needed = _needed_components(config, components)
        return load_ner_pipeline(path, exclude=[c for c in components if c not in needed])
    except (OSError, ValueError, KeyError) as exc:
        log.warning("the NER pipeline at %s cannot be loaded (%s): entities come from the dictionaries alone",
                    path, exc)  # fmt: skip
        return None


def _needed_components(config: dict, components: list[str]) -> set[str]:
    """The NER and the shared embedding layer it listens to, if it does not embed tokens itself."""
    needed = set(_NEEDED)
    for name in _NEEDED:
        tok2vec = config.get("components", {}).get(name, {}).get("model", {}).get("tok2vec", {})
        if "Listener" in str(tok2vec.get("@architectures", "")):
            upstream = tok2vec.get("upstream", "*")
            needed.update(
                c for c in components
                if c == upstream or (upstream == "*" and config["components"][c].get("factory") in
                                     ("tok2vec", "transformer"))
            )  # fmt: skip
    return needed


@dataclass(frozen=True, slots=True)
class NerCandidates:
    """Entity candidates from the statistical NER of the article's language (none where there is no model)."""

    settings: Settings

    def __call__(self, doc: AnnotatedArticle, sentences: Sequence[Sentence] | None = None) -> tuple[Entity, ...]:
        """PER/ORG/LOC spans in ``sentences`` (default: all of the article's) with article offsets."""
        language = doc.article.language
        sentences = doc.sentences if sentences is None else sentences
        if not language or language not in self.settings.ner or not sentences:
            return ()
        nlp = load_pipeline(language, self.settings)
        if nlp is None:
            return ()
        text = doc.article.text
        # One sentence at a time, as warta segmented it: a name never runs across a sentence boundary, and
        # offsets map back by adding the sentence start.
        texts = [text[s.start : s.end] for s in sentences]
        out: list[Entity] = []
        for sentence, parsed in zip(sentences, nlp.pipe(texts, batch_size=64), strict=True):
            for span in parsed.ents:
                label = LABELS.get(span.label_)
                if label is None:
                    continue
                start, end = sentence.start + span.start_char, sentence.start + span.end_char
                out.append(Entity(text[start:end], label, start, end, kind="ner"))
        return tuple(out)
