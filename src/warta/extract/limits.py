"""The size budget of one article's text (``settings.max_article_chars``).

A page may hold far more text than any news article: a 1 MB log pasted into a ``<pre>``, a transcript, a
whole PDF dumped as text. Every later stage takes time at least linear in the text, some more, so the text is
cut before they see it, and the cut is recorded in ``Article.limits`` (and so in the output and the store):
the article is still read, and a user can see that its end was left out and which setting to raise.
"""

from __future__ import annotations

from warta.records import Limit

MAX_ARTICLE_CHARS = "max_article_chars"
#: A cut looks back this far (a share of the limit) for a paragraph end, then for a space, so that no
#: paragraph or word is cut in the middle unless the text has none near the limit (a 1 MB single "word").
_LOOK_BACK = 0.2


def cut_text(text: str, limit: int, *, separator: str) -> tuple[str, Limit | None]:
    """``text`` cut to at most ``limit`` characters, and the :class:`Limit` recorded (None when it fits).

    The cut falls after the last paragraph ``separator`` in the final fifth before the limit, else at the
    last whitespace there, else at the limit itself; trailing whitespace is dropped. A ``limit`` of 0 or less
    means no limit.
    """
    if limit <= 0 or len(text) <= limit:
        return text, None
    floor = int(limit * (1 - _LOOK_BACK))
    cut = text.rfind(separator, floor, limit)
    if cut <= 0:
        cut = max((text.rfind(space, floor, limit) for space in (" ", "\n", "\t")), default=-1)
    if cut <= 0:
        cut = limit
    return text[:cut].rstrip(), Limit(setting=MAX_ARTICLE_CHARS, limit=limit, found=len(text))
