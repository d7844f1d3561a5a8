"""Rule-based sentence and token segmentation for Indonesian and English news.

This is warta's fast default (a trained spaCy pipeline may later replace it for tokens, tags and parses). It
works in two passes over ``Article.text``:

1. **Tokens** come from one regular expression: URLs, e-mail addresses, @handles, web domains ("kemlu.go.id"),
   dotted acronyms ("U.S.", "S.H."), numbers with their separators ("1.000.000", "5,2", "19.30", "28/10/2019"),
   words (hyphenated reduplications such as "isu-isu" stay whole, and so does the suffix "-nya" in
   "negaranya" or "Covid-19-nya"), then any other single character. Known abbreviations ("Dr.", "dll.")
   and initials ("J.") keep their period.
2. **Sentences** end at blank lines, at line breaks, and after ``. ? ! …`` when the next word shows that a new
   sentence starts; closing quotes and brackets right after the mark belong to the sentence they close.

The abbreviation lists (``data/abbreviations_<lang>.txt``) say which abbreviations may end a sentence;
``data/languages.yaml`` names each language's list (Malay uses the Indonesian one) and whether it splits
clitics. Languages it does not list get the language-independent rules only.
Offsets index the text exactly: ``text[token.start:token.end] == token.text``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from importlib import resources

from warta.data import language_settings
from warta.pipeline import Stage, stage
from warta.records import AnnotatedArticle, Limit, Sentence, Token

_QUOTES = "\"'“”‘’«»„‚‹›"
#: Marks that may open a sentence: "Kami siap," kata dia. / (Baca juga: ...)
_OPENERS = frozenset(_QUOTES + "([{")
#: Marks that, right after a full stop, still belong to the sentence: ... ke depan." / ... (bbn).)
_CLOSERS = frozenset(_QUOTES + ")]}")
_TERMINALS = frozenset({".", "?", "!", "…", "。", "？", "！"})
_CURRENCIES = r"(?:Rp|RM|US\$|S\$|A\$|HK\$|NZ\$|C\$|\$|€|£|¥)"
_TLDS = "com|net|org|id|gov|edu|mil|int|io|info|biz|news|tv|co|go|ac|or|sch|web|my|sg|uk|au|ph|jp|cn|ru|eu"
_LETTER = r"[^\W\d_]"
_WORD_CHAR = r"[\w\u0300-\u036f]"

_TOKEN = re.compile(
    "|".join(
        (
            r"(?:https?://|www\.)[^\s<>" + _QUOTES + r"]*[^\s<>.,;:!?)\]}" + _QUOTES + "]",  # URL
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
            r"[@#]" + _WORD_CHAR + "+",  # @handle, #hashtag
            # a domain written without a scheme, "ERA.id", "TRIBUNNEWS.COM" ("said.In" is not one: a
            # capitalised TLD only counts in an all-capital domain)
            r"[\w-]+(?:\.[\w-]+)*\.(?:" + _TLDS + r"|" + _TLDS.upper() + r")(?!\w)",
            # dotted acronyms: "U.S.", "a.m.", "Y.M.", "S.Pd.", "Ph.D."
            _LETTER + r"{1,3}\.(?:" + _LETTER + r"{1,3}\.)+",
            # a currency sign glued to its amount: "Rp16,4 triliun" -> "Rp" "16,4"
            _CURRENCIES + r"(?=\d)",
            # numbers with their separators and an optional suffix: "1.000.000", "5,2", "19.30", "28/10/2019",
            # "2022-07-07", "2000-an" (the 2000s), "2nd"
            r"\d+(?:[.,:/-]\d+)*(?:-?" + _LETTER + _WORD_CHAR + "*)?",
            # words, with inner apostrophes ("Ma'ruf") and hyphens ("isu-isu", "Sun-won", "COVID-19")
            _LETTER + _WORD_CHAR + "*(?:['’]" + _LETTER + _WORD_CHAR + "*)*"
            r"(?:[-‐]" + _WORD_CHAR + "+(?:['’]" + _LETTER + _WORD_CHAR + "*)*)*",
            r"\.{2,}|…",  # ellipsis
            r"\S",  # anything else, one character at a time
        )
    )
)
# English clitics are tokens of their own, as in most English tokenisers: "Trump's" -> "Trump" "'s",
# "don't" -> "do" "n't". Indonesian has none written with an apostrophe ("Ma'ruf Amin" is a name).
_CLITIC = re.compile(r"(?i)(.+?)(n['’]t|['’](?:s|re|ll|ve|d|m))")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")

#: The setting that caps a sentence's length (:func:`split_long`).
MAX_SENTENCE_TOKENS = "max_sentence_tokens"

# Kinds of abbreviation (see the header of the data files).
_TITLE, _NUMBER, _FINAL, _PLAIN = "title", "number", "final", "plain"


@dataclass(frozen=True, slots=True)
class _Rules:
    kinds: dict[str, str]
    starters: frozenset[str]
    split_clitics: bool


@functools.cache
def _rules(language: str) -> _Rules:
    settings = language_settings(language) or {}
    name = settings.get("abbreviations")
    if name is None:
        return _Rules(kinds={}, starters=frozenset(), split_clitics=False)
    kinds: dict[str, str] = {}
    starters: set[str] = set()
    section = None
    for raw in (resources.files("warta") / "data" / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "starter":
            starters.add(line)
        elif section in (_TITLE, _NUMBER, _FINAL, _PLAIN):
            kinds[line] = section
            if line.islower():
                kinds.setdefault(line[0].upper() + line[1:], section)
    return _Rules(kinds=kinds, starters=frozenset(starters), split_clitics=bool(settings.get("split_clitics")))


def tokenize(text: str, language: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into ``(text, start, end)`` tokens covering every non-space character.

    Plain tuples keep this fast; :func:`segment_text` wraps them in :class:`~warta.records.Token`.
    """
    rules = _rules(language)
    kinds = rules.kinds
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        if word == "." and out:
            prev, pstart, pend = out[-1]
            # An abbreviation or an initial keeps its period: "Dr." "J." (but "AS." is a word and a stop).
            if pend == start and (prev + "." in kinds or (len(prev) == 1 and prev.isupper())):
                out[-1] = (prev + ".", pstart, end)
                continue
        elif rules.split_clitics and ("'" in word or "’" in word):
            clitic = _CLITIC.fullmatch(word)
            if clitic is not None:
                cut = start + clitic.end(1)
                out.append((clitic.group(1), start, cut))
                out.append((clitic.group(2), cut, end))
                continue
        out.append((word, start, end))
    return out


def _is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word[-1] == "." and word[-2] != "."


def _capitalised(word: str) -> bool:
    """Whether ``word`` looks like a capitalised word: "Sanksi" yes; "NATO", "iPhone", "sanksi" no."""
    return len(word) > 1 and word[0].isupper() and word[1].islower()


def _ends_sentence(tokens: list[tuple[str, int, int]], mark: int, last: int, rules: _Rules, first: int) -> bool:
    """Whether a sentence ends after ``tokens[last]``: ``tokens[mark]`` is the stop (``. ? ! …`` or an
    abbreviation), ``tokens[mark+1 .. last]`` the closing marks glued to it, ``tokens[first]`` the start of
    the current sentence. The caller has already handled line breaks."""
    stop = tokens[mark][0]
    nxt, nstart, _ = tokens[last + 1]
    glued = nstart == tokens[last][2]
    c = nxt[0]
    if glued:
        # A space lost in extraction: "... Colbert III.Sanksi larangan ..." or '... Gregory J Hayes."Guna
        # mempertahankan ...'. Only a period between a word and a capitalised word counts, so "Kompas.com",
        # "Node.JS" or "1.5" never split.
        if stop != "." or mark == 0 or not tokens[mark - 1][0][0].isalnum():
            return False
        if c in _OPENERS and last + 2 < len(tokens) and tokens[last + 2][1] == tokens[last + 1][2]:
            return _capitalised(tokens[last + 2][0])
        return _capitalised(nxt)
    if c in _OPENERS:
        # A quotation or a bracket opens the next sentence: 'kata dia. "Kami siap."', "... ke depan. (bbn)";
        # but not after a title: "Dr. (H.C.) Megawati".
        return rules.kinds.get(stop) != _TITLE
    if c.islower():
        # Lowercase after a stop continues the sentence: '"Kami siap!" kata dia.', "Budi dkk. menemukan ...".
        # Only a word with a capital inside is clearly a new sentence: "... produk baru. iPhone 15 dijual ...",
        # "... dihapus. e-KTP kini ...".
        return stop == "." and any(ch.isupper() for ch in nxt[1:])
    if not c.isalnum():
        # Other punctuation goes on: "Jakarta. - ..." is rare, "... dll.)" or "etc.," are not stops.
        return False
    if mark - first <= 2 and not any(tok[0][0].isalnum() for tok in tokens[first:mark]):
        # A stop before any word is not the end of a sentence: '"... Kami menolak," kata dia.'
        return False
    if _is_abbreviation(stop):
        kind = rules.kinds.get(stop, _PLAIN)
        if c.isdigit() or kind == _TITLE:
            # "No. 5", "Jan. 5", "Prof. Budi", "Jl. Sudirman", "Y.M. Nasser Bourita": never a stop.
            return False
        if kind in (_NUMBER, _FINAL):
            # "buah, sayur, dll. Harga ..." / "Did they agree? No. The talks ...": a stop.
            return True
        # "Apple Inc. CEO Tim Cook", "Gregory J. Hayes", "the U.S. Navy" go on; "sanctions on the U.S. The
        # move ..." and "at 9 a.m. He said ..." end before a word that typically starts a sentence.
        return nxt in rules.starters
    if stop == "." and mark == first + 1 and tokens[first][0].isdigit() and len(tokens[first][0]) <= 3:
        # A list number at the start of a line is not a sentence: "1. Pendahuluan".
        return False
    return True


def _break_after(text: str, tokens: list[tuple[str, int, int]], i: int) -> int:
    """0 when no line break follows ``tokens[i]``, 1 for a line break, 2 for a blank line (a paragraph)."""
    end = tokens[i][2]
    start = tokens[i + 1][1]
    if start - end < 1 or (start - end == 1 and text[end] == " "):
        return 0
    breaks = len(_LINE_BREAK.findall(text, end, start))
    return 2 if breaks >= 2 or "\u2029" in text[end:start] else breaks


def segment_text(text: str, language: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with their tokens; every offset indexes ``text``.

    Sentences are in order, do not overlap, never start or end with whitespace, and together cover every
    non-space character. ``language`` picks the abbreviation list ("id", "en"; "ms" uses "id"; any other
    language gets the language-independent rules).
    """
    rules = _rules(language)
    tokens = tokenize(text, language)
    n = len(tokens)
    sentences: list[Sentence] = []
    first = 0
    i = 0
    while i < n:
        word = tokens[i][0]
        last = i
        is_stop = word in _TERMINALS or word.startswith("..") or _is_abbreviation(word)
        if is_stop:
            # Swallow glued closing marks and further stops: '?!', '."', '.”)', but not an opening quote
            # glued to the next word ('Hayes."Guna' opens a new quotation).
            while last + 1 < n and tokens[last + 1][1] == tokens[last][2]:
                following = tokens[last + 1][0]
                if following in _CLOSERS:
                    if (
                        last + 2 < n
                        and tokens[last + 2][1] == tokens[last + 1][2]
                        and tokens[last + 2][0][0].isalnum()
                    ):
                        break
                elif not (following in _TERMINALS or following.startswith("..")):
                    break
                last += 1
        if last + 1 >= n:
            end_here = True
        else:
            line_break = _break_after(text, tokens, last)
            if line_break == 2:
                end_here = True  # a paragraph always ends a sentence
            elif line_break == 1:
                # A line break ends a sentence (headlines, datelines and captions are lines of their own),
                # unless a line without a final stop runs on in lowercase: a hard-wrapped paragraph,
                # "The minister said the\ntalks would continue."
                end_here = is_stop or not tokens[last + 1][0][0].islower()
            else:
                end_here = is_stop and _ends_sentence(tokens, i, last, rules, first)
        if end_here:
            sentences.append(_sentence(tokens, first, last))
            first = last + 1
        i = last + 1
    return tuple(sentences)


def _sentence(tokens: list[tuple[str, int, int]], first: int, last: int) -> Sentence:
    return Sentence(
        start=tokens[first][1],
        end=tokens[last][2],
        tokens=tuple(Token(text=w, start=s, end=e) for w, s, e in tokens[first : last + 1]),
    )


def split_long(sentences: tuple[Sentence, ...], max_tokens: int) -> tuple[tuple[Sentence, ...], Limit | None]:
    """``sentences`` with every one longer than ``max_tokens`` tokens cut into consecutive pieces of at most
    ``max_tokens``, and the :class:`~warta.records.Limit` recorded (None when none was that long).

    The stages after this one compare words within a sentence (a trigger with each candidate actor, a quote
    mark with each possible speaker), so their time grows faster than a sentence's length: a "sentence" of
    5,000 tokens (a table or a list flattened into one line) would take minutes. Real sentences stay far
    below the default of 250 (docs/reliability.md, "Limits"). ``max_tokens`` of 0 or less: no limit.
    """
    longest = max((len(s.tokens) for s in sentences), default=0)
    if max_tokens <= 0 or longest <= max_tokens:
        return sentences, None
    out: list[Sentence] = []
    for sentence in sentences:
        tokens = sentence.tokens
        for first in range(0, len(tokens), max_tokens):
            piece = tokens[first : first + max_tokens]
            out.append(Sentence(start=piece[0].start, end=piece[-1].end, tokens=piece))
    return tuple(out), Limit(setting=MAX_SENTENCE_TOKENS, limit=max_tokens, found=longest)


def segment_article(doc: AnnotatedArticle, *, max_tokens: int = 0) -> AnnotatedArticle:
    """The segment stage's work: ``doc`` with its sentences from the rule segmenter, none longer than
    ``max_tokens`` (:func:`split_long`; a split is added to ``doc.article.limits``)."""
    article = doc.article
    sentences, limit = split_long(segment_text(article.text, article.language or ""), max_tokens)
    if limit is not None:
        article = dataclasses.replace(article, limits=(*article.limits, limit))
    return dataclasses.replace(doc, article=article, sentences=sentences)


def make_segment_stage(*, max_tokens: int = 0) -> Stage:
    """The ``segment`` stage: fill ``AnnotatedArticle.sentences`` with the rule segmenter, sentences cut to
    ``max_tokens`` (``settings.max_sentence_tokens``; 0: uncut). A partial of a module-level function: it
    pickles."""
    return stage(name="segment", requires=["document", "article.language"], assigns=["sentences"])(
        functools.partial(segment_article, max_tokens=max_tokens)
    )
