"""Named-entity spans (PER/ORG/LOC) from GUM's coreference layer, for training the English NER.

GUM (UD English-GUM) marks every entity *mention* in the MISC column, CorefUD style, under the header
``# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity``::

    6   University  PROPN  1  list   Entity=(8-organization-new-nnnnn-cf3-3,5,6-sgl-University_of_Kaliwangi
    7   of          ADP    8  case   _
    8   Kaliwangi   PROPN  6  nmod   Entity=(9-place-new-nnnnn-cf4-3,4-sgl-Kaliwangi
    9   ,           PUNCT  11 punct  _
    10  East        ADJ    11 amod   Entity=(10-place-new-nnnnn-cf5-1,2-coref-East_Java
    11  Java        PROPN  1  list   Entity=10)9)8)

(columns ID, FORM, UPOS, HEAD, DEPREL, MISC shown; the mentions: an organization over words 6-11, a place
over 8-11, a place over 10-11.) The result: "[University of Kaliwangi]ORG , [East Java]LOC" (an invented example).

``(N-...`` opens mention N on a word, ``N)`` closes it, ``(N-...)`` is a one-word mention; mentions nest.
UniversalNER, which the English NER is scored on, tags only *named* PER/ORG/LOC entities, flat, without
determiners ("the [United States]"), and no demonyms ("Afghan"). GUM marks named, nominal ("the team") and
pronominal ("she") mentions alike, nested, with appositions and modifiers inside the span ("[Kaliwangi,
[East Java]]" above). :func:`named_spans` therefore keeps a mention when

* its type is ``person`` (-> PER), ``organization`` (-> ORG) or ``place`` (-> LOC): GUM's ``event``,
  ``object``, ``abstract`` ... would be UNER's OTH, which warta does not tag;
* its head word (the first word of the span whose syntactic head lies outside it) is a PROPN: this is what
  separates "Obama" / "the White House" from "the president" / "she". The Wikipedia ``identity`` is not
  used as the test: GUM links many nominal mentions too ("the city" -> Paris), and a few names lack one;
* it is not a plural proper noun naming people (``NNPS`` person: "Americans", "Democrats"): UNER treats
  demonyms and group names as O, and they are mostly that in GUM.

The kept span is not the whole mention but its *name*: the head word plus the words attached to it by the
name-forming relations (flat, compound, fixed, goeswith, nummod, PROPN amod, and for ORG/LOC an ``of``-nmod of
PROPN words: "University of Kaliwangi", "Gulf of Mexico"), never appositions, lists, relative clauses or
possessors; leading and trailing punctuation and determiners are trimmed. Overlaps (a place inside an
organization's name) are resolved by keeping the longer span, as UNER does ("[University of Kaliwangi]ORG").
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from warta.training.convert import Sentence, _conllu_blocks, _conllu_sentence

GUM_LABELS: dict[str, str] = {"person": "PER", "organization": "ORG", "place": "LOC"}

# relations that build a name out of several words ("New York", "Apollo 11", "Claire Bailey-Ross")
_NAME_DEPS = frozenset({"flat", "compound", "fixed", "goeswith", "nummod"})
# function words kept inside a name when they sit between its words ("Bank of America")
_INNER_FUNCTION = frozenset({"ADP", "DET", "CCONJ", "PART", "PUNCT"})
_TRIM = frozenset({"DET", "PUNCT", "CCONJ", "ADP", "PART"})
# titles before a person's name: UNER tags "President [Mahmoud Abbas]", and a title alone is no name
_TITLES = frozenset(
    "president vice mr. mr mrs. mrs ms. ms dr. dr prof. professor sir lord lady king queen prince princess tsar "
    "emperor pope saint st. father brother sister rev. reverend senator governor general gen. col. capt. captain "
    "judge justice chief minister prime secretary chairman mayor doctor uncle aunt".split()
)


def _proper(upos: str, xpos: str) -> bool:
    """A proper-noun word: UPOS PROPN, or tagged NNP/NNPS ("United" is VERB/NNP in "United Kingdom")."""
    return upos == "PROPN" or xpos in ("NNP", "NNPS")


@dataclass(frozen=True, slots=True)
class Mention:
    """One GUM mention: first and last word (0-based, inclusive), entity type and Wikipedia identity."""

    start: int
    end: int
    etype: str
    identity: str = ""


def parse_entity_field(value: str) -> list[tuple[str, int, str, str]]:
    """Split the value of ``Entity=`` into events: ``("open", group, etype, identity)`` or ``("close", ...)``.

    A one-word mention ``(5-object-...)`` gives an open and a close event.

    >>> parse_entity_field("(4-abstract-new-sssss-cf2-3-coref(5-object-new-sssss-cf3-1-coref)")
    [('open', 4, 'abstract', ''), ('open', 5, 'object', ''), ('close', 5, '', '')]
    >>> parse_entity_field("10)9)")
    [('close', 10, '', ''), ('close', 9, '', '')]
    """
    events: list[tuple[str, int, str, str]] = []
    pos = 0
    while pos < len(value):
        if value[pos] == "(":
            end = pos + 1
            while end < len(value) and value[end] not in "()":
                end += 1
            fields = value[pos + 1 : end].split("-")
            group = int(fields[0])
            identity = "-".join(fields[7:]) if len(fields) > 7 else ""
            events.append(("open", group, fields[1] if len(fields) > 1 else "", identity))
            if end < len(value) and value[end] == ")":
                events.append(("close", group, "", ""))
                end += 1
            pos = end
        elif value[pos].isdigit():
            end = pos
            while end < len(value) and value[end].isdigit():
                end += 1
            if end < len(value) and value[end] == ")":
                events.append(("close", int(value[pos:end]), "", ""))
                end += 1
            pos = end
        else:
            pos += 1
    return events


def sentence_mentions(miscs: list[str]) -> list[Mention]:
    """The mentions of one sentence from its words' MISC values; mentions left open at its end are dropped."""
    open_: dict[int, list[tuple[int, str, str]]] = {}
    mentions: list[Mention] = []
    for index, misc in enumerate(miscs):
        value = next((item[len("Entity=") :] for item in misc.split("|") if item.startswith("Entity=")), "")
        for kind, group, etype, identity in parse_entity_field(value):
            if kind == "open":
                open_.setdefault(group, []).append((index, etype, identity))
            elif open_.get(group):
                start, etype_, identity_ = open_[group].pop()
                mentions.append(Mention(start, index, etype_, identity_))
    return mentions


def named_spans(
    mentions: list[Mention], words_: list[str], upos: list[str], xpos: list[str], heads: list[int], deps: list[str]
) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end_exclusive, label)`` name spans of the named mentions (module docstring)."""
    children: dict[int, list[int]] = {}
    for index, head in enumerate(heads):
        if head != index:
            children.setdefault(head, []).append(index)
    candidates: list[tuple[int, int, str]] = []
    for mention in mentions:
        label = GUM_LABELS.get(mention.etype)
        if label is None:
            continue
        inside = range(mention.start, mention.end + 1)
        head = next((i for i in inside if heads[i] == i or heads[i] not in inside), None)
        if head is None or not _proper(upos[head], xpos[head]) or words_[head].lower() in _TITLES:
            continue
        if label == "PER" and xpos[head] == "NNPS":
            continue
        words = {head}
        stack = [head]
        while stack:
            word = stack.pop()
            for child in children.get(word, ()):
                if child not in inside or child in words:
                    continue
                dep = deps[child].split(":")[0]
                # a capitalised modifier is part of the name: "Red Sox", "Catholic Church", "Central African"
                keep = dep in _NAME_DEPS or (dep == "amod" and words_[child][:1].isupper())
                proper_nmod = dep == "nmod" and deps[child] != "nmod:poss" and _proper(upos[child], xpos[child])
                if proper_nmod and label != "PER":
                    case = [c for c in children.get(child, ()) if deps[c] == "case"]
                    keep = any(upos[c] == "ADP" for c in case) and all(c in inside for c in case)
                    if keep:
                        words.update(case)
                if keep:
                    words.add(child)
                    stack.append(child)
        start, end = min(words), max(words)
        # the words in between must belong to the name or be function words of it ("of", "&", "-")
        if any(i not in words and upos[i] not in _INNER_FUNCTION for i in range(start, end + 1)):
            start = end = head
        while start < head and upos[start] in _TRIM:
            start += 1
        while end > head and upos[end] in _TRIM:
            end -= 1
        while label == "PER" and start < head and words_[start].lower() in _TITLES:
            start += 1
        candidates.append((start, end + 1, label))
    kept: list[tuple[int, int, str]] = []
    # the same words as two types ("Sweden" the state, GUM organization, around "Sweden" the place): LOC
    # first, as UNER tags countries LOC whatever they stand for
    rank = {"LOC": 0, "PER": 1, "ORG": 2}
    for span in sorted(set(candidates), key=lambda s: (-(s[1] - s[0]), s[0], rank[s[2]])):
        if all(span[1] <= other[0] or span[0] >= other[1] for other in kept):
            kept.append(span)
    return sorted(kept)


def spans_to_iob(spans: list[tuple[int, int, str]], length: int) -> tuple[str, ...]:
    """IOB2 tags of ``length`` words with the given non-overlapping spans."""
    tags = ["O"] * length
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tuple(tags)


def read_gum_entities(path: Path, documents: Collection[str] | None = None) -> Iterator[Sentence]:
    """Yield the sentences of a GUM CoNLL-U file with ``ents`` set from its entity layer (see module docstring).

    ``documents``, when given, keeps only the sentences of those documents (ids ``<doc>-<n>``). Every sentence
    gets ``ents`` (all ``O`` when it names nothing): GUM marks every mention, so a name left untagged is rare.
    """
    for rows, comments in _conllu_blocks(path):
        sentence = _conllu_sentence(rows, comments)
        if documents is not None and sentence.sent_id.rsplit("-", 1)[0] not in documents:
            continue
        words = [cols for cols in rows if cols[0].isdigit()]
        mentions = sentence_mentions([cols[9] for cols in words])
        xpos = [cols[4] for cols in words]
        spans = named_spans(
            mentions,
            list(sentence.words),
            list(sentence.pos or ()),
            xpos,
            list(sentence.heads or ()),
            list(sentence.deps or ()),
        )
        yield replace(sentence, ents=spans_to_iob(spans, len(words)))
