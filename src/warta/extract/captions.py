"""Image captions: find them among the extracted lines and keep them apart from the body text.

A caption is not a sentence of the story: "Program rudal Kim Jong Un (Sumber: Bloomberg)" between two
paragraphs would give the event coder a verbless fragment and the entity finder a spurious "Bloomberg". The
caption moves to ``Article.captions`` as ``Caption(text="Program rudal Kim Jong Un", credit="Bloomberg")``.

A line is a caption only when its END is a photo credit. Parentheses elsewhere are ordinary prose:
"Menteri Luar Negeri (Menlu) RI, Retno Marsudi, menerima ..." and "... pada Senin, (28/10/2019)." stay in
the body because "Menlu" and "28/10/2019" are not credits. Label and agency lists live in
``warta/data/boilerplate.yaml`` (section ``captions``).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from warta.extract.boilerplate import alternation, load_boilerplate
from warta.records import Caption

log = logging.getLogger(__name__)

# Longer lines are paragraphs; a caption is a sentence or two.
_MAX_LINE_CHARS = 300
_MAX_CAPTION_WORDS = 40
# A bare agency name ("(Reuters)") is weaker evidence than "(Foto: ...)", so the text must be shorter.
_MAX_BARE_CAPTION_WORDS = 25
# The last parenthesised group of the line, optionally followed by a full stop:
# "Program rudal Kim Jong Un (Sumber: Bloomberg)" -> "Sumber: Bloomberg".
_PAREN_AT_END = re.compile(r"\((?P<inner>[^()]{2,120})\)\.?$")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":")


@dataclass(frozen=True, slots=True)
class _Patterns:
    labelled: re.Pattern[str]
    prefixed: re.Pattern[str]
    slashed: re.Pattern[str]
    bare: re.Pattern[str]
    trailing: re.Pattern[str]
    position: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    bp = load_boilerplate()
    labels = alternation(bp.caption_labels)
    sources = alternation(bp.caption_sources)
    return _Patterns(
        # A label and a colon: "Sumber: Bloomberg", "Foto: Reuters". The credit is what follows the colon.
        labelled=re.compile(rf"^(?P<label>{labels})\s*:\s*(?P<credit>\S.*)$", re.IGNORECASE),
        # A label that is part of the credit: "Dok. Kemlu", "Capture Instagram/@kemlu_ri", "Istimewa".
        prefixed=re.compile(rf"^(?:{labels})(?:$|[\s./])", re.IGNORECASE),
        # An agency and the photographer: "REUTERS/Kim Hong-Ji", "ANTARA FOTO/Hafidz Mubarak A",
        # "AP Photo/Lee Jin-man".
        slashed=re.compile(rf"^(?:{sources})\s*/\s*\S", re.IGNORECASE),
        # An agency alone: "Reuters", "Getty Images".
        bare=re.compile(rf"^(?:{sources})$", re.IGNORECASE),
        # A credit after the caption without parentheses: "Retno menyambut Wong di Jakarta. Foto: Kemlu".
        trailing=re.compile(
            rf"^(?P<text>.*?[^\s|\-–—])[\s|\-–—]+(?P<label>{alternation(bp.caption_trailing_labels)})"
            rf"\s*:\s*(?P<credit>[^:]{{1,80}})$",
            re.IGNORECASE,
        ),
        # Who stands where: "Nasser Bourita (kiri) dan Retno Marsudi (kanan)".
        position=re.compile(rf"\((?:{alternation(bp.caption_positions)})\)", re.IGNORECASE),
    )


def split_caption(line: str) -> Caption | None:
    """Return the caption and its credit if ``line`` is an image caption, else None.

    ``Caption.text`` is empty when the line is a credit alone ("(Foto: Reuters)"), which
    :func:`pull_captions` attaches to the caption just before it.
    """
    if len(line) > _MAX_LINE_CHARS:
        return None
    pat = _patterns()
    match = _PAREN_AT_END.search(line)
    if match:
        credit, strong = _read_credit(match["inner"].strip())
        if credit is not None:
            text = line[: match.start()].rstrip(" ,;|-–—")
            if _plausible_caption(text, strong, full_stop=match[0].endswith(".")):
                return Caption(text=text, credit=credit)
    match = pat.trailing.match(line)
    # The label must start with a capital ("Foto: Kemlu"), so that "... difoto: ..." inside a sentence is
    # not a credit; the caption must have two words and the credit at most eight.
    if (
        match
        and match["label"][0].isupper()
        and len(match["text"].split()) >= 2
        and len(match["credit"].split()) <= 8
        and len(match["text"].split()) <= _MAX_CAPTION_WORDS
    ):
        return Caption(text=match["text"], credit=match["credit"].strip())
    # No credit, but positions of the people shown and no sentence ending: a caption.
    if pat.position.search(line) and len(line.split()) <= 30 and not line.endswith(_SENTENCE_END):
        return Caption(text=line)
    return None


def caption_from_element_text(text: str) -> Caption | None:
    """Make a caption from the text of an HTML ``<figcaption>``, splitting off its credit if it has one."""
    text = " ".join(text.split())
    if not text:
        return None
    caption = split_caption(text)
    if caption is None:
        return Caption(text=text)
    return caption if caption.text else None


def pull_captions(lines: Iterable[str]) -> tuple[list[str], list[Caption]]:
    """Split ``lines`` into body lines and captions, both in reading order (captions deduplicated)."""
    body: list[str] = []
    captions: list[Caption] = []
    previous_was_caption = False
    for line in lines:
        caption = split_caption(line)
        if caption is None:
            body.append(line)
            previous_was_caption = False
            continue
        if not caption.text:
            # A credit on its own line under a caption that had none:
            # "Retno Marsudi (kanan) menyambut Penny Wong" / "(Foto: Kemlu)".
            if previous_was_caption and captions and captions[-1].credit is None:
                captions[-1] = replace(captions[-1], credit=caption.credit)
            log.debug("dropped credit line: %s", line)
            continue
        log.debug("caption: %s", line)
        if caption not in captions:
            captions.append(caption)
        previous_was_caption = True
    return body, captions


def _read_credit(inner: str) -> tuple[str | None, bool]:
    """The credit inside a final pair of parentheses, and whether it is a photo credit for sure.

    "Sumber: Bloomberg" -> ("Bloomberg", False): "Sumber" also cites data sources in prose.
    "Foto: Reuters" -> ("Reuters", True); "REUTERS/Kim Hong-Ji" -> ("REUTERS/Kim Hong-Ji", True);
    "Reuters" -> ("Reuters", False); "Menlu" or "28/10/2019" -> (None, False).
    """
    pat = _patterns()
    generic = load_boilerplate().caption_generic_labels
    match = pat.labelled.match(inner)
    if match:
        label = " ".join(match["label"].lower().split())
        return match["credit"].strip(), label not in generic
    if pat.slashed.match(inner) or pat.prefixed.match(inner) or "/@" in inner:
        return inner, True
    if pat.bare.match(inner):
        return inner, False
    return None, False


def _plausible_caption(text: str, strong: bool, *, full_stop: bool) -> bool:
    words = text.split()
    if len(words) > (_MAX_CAPTION_WORDS if strong else _MAX_BARE_CAPTION_WORDS):
        return False
    # An upper-case dateline is not a caption: "BEIJING (Reuters)" opens a story.
    letters = [ch for ch in text if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(words) <= 3:
        return False
    # With a weak credit the text must not read as a finished sentence: "Inflasi naik 3 persen (Sumber: BPS)."
    # and "... kata pejabat itu (Reuters)." are sourced prose, "Program rudal Kim Jong Un (Sumber: Bloomberg)"
    # is a caption.
    return strong or not (full_stop or text.endswith(_SENTENCE_END))
