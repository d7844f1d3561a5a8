"""Readers for the gold training data, and their conversion into spaCy ``DocBin`` files.

Each reader yields :class:`Sentence` records; :func:`sentences_to_docs` turns them into ``Doc`` objects
(optionally several sentences per ``Doc``, so the parser learns sentence boundaries) and
:func:`write_docbin` stores them for ``spacy train``.

Formats read here:

* **CoNLL-U** (:func:`read_conllu`): UD treebanks. Ten TAB columns per word, ``#`` comment lines
  (``# sent_id = ...`` is kept), blank line between sentences. Multiword tokens (``3-4``) are expanded into
  their syntactic words, which become the spaCy tokens (as UD and UniversalNER count them); the range line's
  ``SpaceAfter=No`` moves to the last word. Empty nodes (``8.1``, enhanced graphs only) are skipped.
* **Column IOB/BIO** (:func:`read_iob`): one token per line, columns split on whitespace (TAB or spaces;
  CRLF tolerated), blank line between sentences. The token and tag columns are arguments:
  idner-news-2k is ``token UPOS tag`` (space separated), IndoLEM NER-UI and NERGrit are ``token<TAB>tag``,
  UniversalNER is ``index<TAB>token<TAB>tag<TAB>-<TAB>annotator`` with ``# sent_id``/``# text`` comments
  (``comments=True``; the preliminary EWT train has 3 columns on ``O`` lines).
* **Tagged text** (:func:`read_tagged`): ``token<TAB>tag`` lines, blank line between sentences: the nlp-id
  POS corpus (kumparan news, tags ADV CC DT ... VB). Its clitic ``nya`` is a token of its own ("ada / nya");
  :func:`read_tagged` glues it back onto the word before, which keeps its tag, because UD Indonesian-GSD
  legacy and warta's tokenizer keep ``-nya`` attached ("adanya"). The tags go to ``Sentence.tags`` only.

Entity labels are mapped with :func:`map_tags`: a label missing from the mapping becomes ``O`` (so OTH,
MISC and the bogus ``B-O`` of the preliminary UNER train drop out), and a stray ``I-`` that does not continue
an entity of its type becomes ``B-``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

# Source label -> warta label. Used for all NER corpora; labels not listed (OTH, MISC, B-O ...) become O.
NER_LABELS: Mapping[str, str] = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "PLACE": "LOC",
    "GPE": "LOC",
}

# Corpora without original spacing get a space between tokens except before closing and after opening
# punctuation, so that the text of a Doc reads like the source ("Jakarta, (Antara)").
_NO_SPACE_BEFORE = re.compile(r"^[,.;:!?%)\]}]+$|^'s$|^n't$")
_NO_SPACE_AFTER = re.compile(r"^[(\[{]$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One gold sentence: words with their spacing and whatever layers the source annotates (or None)."""

    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    sent_id: str = ""
    pos: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    morphs: tuple[str, ...] | None = None
    lemmas: tuple[str, ...] | None = None
    heads: tuple[int, ...] | None = None  # 0-based index of the head within the sentence; root points at itself
    deps: tuple[str, ...] | None = None
    ents: tuple[str, ...] | None = None  # IOB2 strings, already mapped
    comments: tuple[str, ...] = field(default=())


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file (see the module docstring for multiword tokens)."""
    for rows, comments in _conllu_blocks(path):
        yield _conllu_sentence(rows, comments)


def _conllu_blocks(path: Path) -> Iterator[tuple[list[list[str]], list[str]]]:
    """The raw sentences of a CoNLL-U file: (rows split on TAB, comment lines)."""
    comments: list[str] = []
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line:
                if rows:
                    yield rows, comments
                comments, rows = [], []
            elif line.startswith("#"):
                comments.append(line)
            else:
                rows.append(line.split("\t"))
    if rows:
        yield rows, comments


def _conllu_sentence(rows: list[list[str]], comments: list[str]) -> Sentence:
    words: list[str] = []
    spaces: list[bool] = []
    pos: list[str] = []
    tags: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    mwt_end = 0
    mwt_space = True
    for cols in rows:
        if len(cols) != 10:
            raise ValueError(f"CoNLL-U line with {len(cols)} columns: {cols!r}")
        ident = cols[0]
        if "." in ident:
            continue  # empty node of the enhanced graph
        if "-" in ident:
            start, end = ident.split("-")
            mwt_end = int(end)
            mwt_space = "SpaceAfter=No" not in cols[9]
            continue
        index = int(ident)
        words.append(cols[1])
        if mwt_end and index < mwt_end:
            spaces.append(False)
        elif mwt_end and index == mwt_end:
            spaces.append(mwt_space)
            mwt_end = 0
        else:
            spaces.append("SpaceAfter=No" not in cols[9])
        lemmas.append(cols[2])
        pos.append(cols[3])
        tags.append(cols[4])
        morphs.append("" if cols[5] == "_" else cols[5])
        heads.append(int(cols[6]) - 1 if cols[6] not in ("_", "0") else index - 1)
        deps.append(cols[7])
    sent_id = next((c.split("=", 1)[1].strip() for c in comments if c.startswith("# sent_id")), "")
    has_lemmas = any(lemma != "_" for lemma in lemmas)
    has_tags = any(tag != "_" for tag in tags)
    return Sentence(
        words=tuple(words),
        spaces=tuple(spaces),
        sent_id=sent_id,
        pos=tuple(pos),
        tags=tuple(tags) if has_tags else None,
        morphs=tuple(morphs),
        lemmas=tuple(lemmas) if has_lemmas else None,
        heads=tuple(heads),
        deps=tuple(deps),
        comments=tuple(comments),
    )


def read_iob(
    path: Path,
    *,
    token_col: int = 0,
    tag_col: int = -1,
    comments: bool = False,
    labels: Mapping[str, str] = NER_LABELS,
) -> Iterator[Sentence]:
    """Yield the sentences of a token-per-line IOB2 file, tags mapped through ``labels``.

    ``comments=True`` treats lines starting with ``#`` as comments (UniversalNER); leave it off for corpora
    where ``#`` is an ordinary token.
    """
    words: list[str] = []
    tags: list[str] = []
    sent_id = ""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if comments and line.startswith("#"):
                if line.startswith("# sent_id"):
                    sent_id = line.split("=", 1)[1].strip()
                continue
            if not line.strip():
                if words:
                    yield _iob_sentence(words, tags, sent_id, labels)
                words, tags, sent_id = [], [], ""
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            words.append(cols[token_col])
            tags.append(cols[tag_col])
    if words:
        yield _iob_sentence(words, tags, sent_id, labels)


# Clitics that the nlp-id POS corpus splits off but GSD legacy keeps on the host word.
ATTACHED_CLITICS = frozenset({"nya"})


def read_tagged(path: Path, *, attach: frozenset[str] = ATTACHED_CLITICS) -> Iterator[Sentence]:
    """Yield the sentences of a ``token<TAB>tag`` file as ``Sentence.tags`` (tags upper-cased).

    A token in ``attach`` (compared lower-cased) is glued to the preceding word when that word ends in a
    letter or digit: "ada"/VB + "nya"/DT becomes "adanya"/VB. Elsewhere (sentence start, after punctuation)
    it stays a token of its own.
    """
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line.strip():
                if words:
                    yield Sentence(words=tuple(words), spaces=guess_spaces(words), tags=tuple(tags))
                words, tags = [], []
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            word, tag = cols[0], cols[1].upper()
            if word.lower() in attach and words and words[-1][-1:].isalnum():
                words[-1] += word
            else:
                words.append(word)
                tags.append(tag)
    if words:
        yield Sentence(words=tuple(words), spaces=guess_spaces(words), tags=tuple(tags))


def _iob_sentence(words: list[str], tags: list[str], sent_id: str, labels: Mapping[str, str]) -> Sentence:
    return Sentence(
        words=tuple(words),
        spaces=guess_spaces(words),
        sent_id=sent_id,
        ents=map_tags(tags, labels),
    )


def map_tags(tags: Iterable[str], labels: Mapping[str, str] = NER_LABELS) -> tuple[str, ...]:
    """Map IOB/BIO tags to warta's labels; unknown labels become ``O``; the result is valid IOB2.

    >>> map_tags(["B-PERSON", "I-PERSON", "B-OTH", "B-O", "I-PLACE"])
    ('B-PER', 'I-PER', 'O', 'O', 'B-LOC')
    """
    out: list[str] = []
    previous = "O"
    for tag in tags:
        prefix, _, label = tag.partition("-")
        mapped = labels.get(label) if prefix in ("B", "I", "E", "S", "U", "L") else None
        if mapped is None:
            new = "O"
        elif prefix == "I" and previous in (f"B-{mapped}", f"I-{mapped}"):
            new = f"I-{mapped}"
        elif prefix in ("E", "L") and previous in (f"B-{mapped}", f"I-{mapped}"):
            new = f"I-{mapped}"
        else:
            new = f"B-{mapped}"
        out.append(new)
        previous = new
    return tuple(out)


def guess_spaces(words: Iterable[str]) -> tuple[bool, ...]:
    """Spacing for corpora that lost it: a space after each word except around punctuation."""
    words = list(words)
    spaces = []
    for i, word in enumerate(words):
        if i == len(words) - 1:
            spaces.append(False)
        elif _NO_SPACE_BEFORE.match(words[i + 1]) or _NO_SPACE_AFTER.match(word):
            spaces.append(False)
        else:
            spaces.append(True)
    return tuple(spaces)


def add_entities(sentences: Iterable[Sentence], entities: Iterable[Sentence]) -> Iterator[Sentence]:
    """Copy ``ents`` onto treebank sentences with the same ``sent_id`` and the same words.

    Sentences without a matching entity sentence keep ``ents=None`` (missing, not "no entities"), so the
    NER learns nothing from them instead of learning that they hold no names.
    """
    by_id = {s.sent_id: s for s in entities if s.sent_id}
    for sentence in sentences:
        match = by_id.get(sentence.sent_id)
        if match is not None and match.words == sentence.words:
            yield replace(sentence, ents=match.ents)
        else:
            yield sentence


def sentences_to_docs(sentences: Iterable[Sentence], vocab: Vocab, *, n_sents: int = 1) -> Iterator[Doc]:
    """Build Docs of ``n_sents`` consecutive sentences each, with every annotation layer the data has."""
    batch: list[Sentence] = []
    for sentence in sentences:
        batch.append(sentence)
        if len(batch) >= n_sents:
            yield _make_doc(batch, vocab)
            batch = []
    if batch:
        yield _make_doc(batch, vocab)


def _make_doc(batch: list[Sentence], vocab: Vocab) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool] = []
    for sentence in batch:
        sent_starts.extend([True] + [False] * (len(sentence.words) - 1))
        words.extend(sentence.words)
        # sentences inside one Doc are separated by a space, as in running text
        spaces.extend(sentence.spaces[:-1] + (True,))
    spaces[-1] = False
    kwargs: dict[str, object] = {}

    def joined(name: str) -> list | None:
        layers = [getattr(s, name) for s in batch]
        if all(layer is None for layer in layers):
            return None
        out: list = []
        for sentence, layer in zip(batch, layers, strict=True):
            out.extend(layer if layer is not None else [None] * len(sentence.words))
        return out

    for name in ("pos", "tags", "morphs", "lemmas", "deps", "ents"):
        value = joined(name)
        if value is not None and (name == "ents" or None not in value):
            kwargs[name] = value
    if all(s.heads is not None for s in batch):
        heads: list[int] = []
        offset = 0
        for sentence in batch:
            heads.extend(h + offset for h in sentence.heads or ())
            offset += len(sentence.words)
        kwargs["heads"] = heads
    else:
        kwargs["sent_starts"] = sent_starts
    return Doc(vocab, words=words, spaces=spaces, **kwargs)


def write_docbin(docs: Iterable[Doc], path: Path) -> int:
    """Store ``docs`` as a spaCy DocBin at ``path`` (parents created); return the number of docs."""
    docbin = DocBin(store_user_data=False)
    count = 0
    for doc in docs:
        docbin.add(doc)
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return count
