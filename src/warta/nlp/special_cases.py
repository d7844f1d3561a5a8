"""Loading a shipped spaCy pipeline fast: its tokenizer's special cases are added when a text could use them.

spaCy adds a tokenizer's special cases one call at a time, each building fused tokens and a phrase-matcher
pattern. The Indonesian pipeline stores 16,002 of them (spaCy's Indonesian exceptions, mostly reduplications
such as "anak-anak", plus warta's abbreviations from ``training/data/id_tokenizer_exceptions.txt``), and
``spacy.load`` added them twice: once for the language's defaults when it built the tokenizer, once more for
the stored ones when it read the folder, about 3.5 s of a one-page ``warta extract`` (docs/benchmarks.md).

A special case can change the tokens of a text only if its string occurs in that text: spaCy applies one where
a whitespace-separated chunk equals it, or where its phrase-matcher pattern matches consecutive tokens, and the
texts of consecutive tokens, joined without the single spaces between them, spell the pattern's string without
its spaces. :func:`load_ner_pipeline` therefore builds the tokenizer empty, reads its settings (prefixes,
suffixes, infixes, URL and token matches) from the folder without the special cases, and wraps it in
:class:`OnDemandSpecialCases`, which adds, before tokenizing a text, every stored case whose string (spaces
removed) occurs in the text (spaces removed). The tokens are the ones the fully loaded tokenizer gives
(``tests/nlp/test_special_cases.py`` compares both on the dev corpus); only the load is cheaper. Looking
for the cases a text needs costs about 0.25 ms per sentence; after a million characters (what adding them all
would have cost) the cases still pending are added at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

#: Name of the spaCy tokenizer factory that builds a tokenizer with no special cases (registered on load).
BARE_TOKENIZER = "warta.bare_tokenizer.v1"
#: Characters looked through after which the cases still pending are added all at once: looking costs about
#: 1.8 s per million characters (the dev corpus: 52 ms for 28,382), about what adding all 16,000 costs (2 s),
#: so a long run stops looking rather than pay it over and over.
BUDGET = 1_000_000
#: Stored special cases are indexed by their first this many characters (spaces removed); shorter ones (178
#: of the Indonesian pipeline's 16,002) are added at load.
_PREFIX = 4


class OnDemandSpecialCases:
    """A spaCy tokenizer that holds the special cases ``rules`` aside and adds those a text could use before
    tokenizing it; once added, a case stays. After ``budget`` characters looked through, all the cases still
    pending are added at once, and texts are no longer looked through."""

    def __init__(self, tokenizer: Tokenizer, rules: dict[str, list[dict[Any, str]]], budget: int = BUDGET) -> None:
        self.tokenizer = tokenizer
        self._pending = dict(rules)
        self._budget = budget
        # first characters of a case's string, spaces removed -> (that string, the case's key)
        self._index: dict[str, list[tuple[str, str]]] = {}
        for key in rules:
            compact = key.replace(" ", "")
            if len(compact) < _PREFIX:  # a few hundred short cases (":)", "'s", "Jl."): cheaper added up front
                self._add(key)
            else:
                self._index.setdefault(compact[:_PREFIX], []).append((compact, key))

    def __call__(self, text: str) -> Doc:
        self.add_needed(text)
        return self.tokenizer(text)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    @property
    def pending(self) -> int:
        """How many stored special cases have not been added yet."""
        return len(self._pending)

    def add_needed(self, text: str) -> None:
        """Add each stored special case whose string (spaces removed) occurs in ``text`` (spaces removed)."""
        if not self._pending:
            return
        self._budget -= len(text)
        if self._budget < 0:
            for key in sorted(self._pending):
                self._add(key)
            self._index.clear()
            return
        compact = text.replace(" ", "")
        grams = {compact[i : i + _PREFIX] for i in range(len(compact) - _PREFIX + 1)}
        for gram in grams.intersection(self._index):
            for string, key in self._index[gram]:
                if key in self._pending and string in compact:
                    self._add(key)

    def _add(self, key: str) -> None:
        self.tokenizer.add_special_case(key, self._pending.pop(key))


def load_ner_pipeline(path: Path, exclude: list[str]) -> Language:
    """The spaCy pipeline at ``path`` without the components ``exclude``, its tokenizer's special cases added on
    demand (:class:`OnDemandSpecialCases`). For running the pipeline: its config names warta's bare tokenizer, so
    save pipelines from :func:`spacy.load` instead."""
    import spacy  # deferred: importing spaCy costs about a second, and many commands never need it
    import srsly

    if BARE_TOKENIZER not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register(BARE_TOKENIZER, func=_bare_tokenizer)
    nlp = spacy.load(
        path, exclude=[*exclude, "tokenizer"], config={"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}}
    )
    tokenizer_file = path / "tokenizer"
    rules: dict[str, list[dict[Any, str]]] = {}
    if tokenizer_file.is_file():
        nlp.tokenizer.from_disk(tokenizer_file, exclude=["vocab", "exceptions"])
        rules = srsly.msgpack_loads(tokenizer_file.read_bytes()).get("exceptions") or {}
    nlp.tokenizer = OnDemandSpecialCases(nlp.tokenizer, rules)
    return nlp


def _bare_tokenizer():  # noqa: ANN202 - a spaCy registry factory returns the tokenizer builder
    """A spaCy tokenizer factory: a tokenizer with no rules at all, for a folder that stores its own."""
    from spacy.tokenizer import Tokenizer

    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return make
