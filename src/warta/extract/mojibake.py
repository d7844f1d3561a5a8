"""Mojibake repair: text that was UTF-8 once and was read as Latin-1 or Windows-1252 somewhere upstream.

Scrapers and CMS exports often do this, and the damage is mechanical: each non-ASCII character becomes two or
three Latin-1 ones. A Qur'an verse quoted in an Indonesian article, "Yā ayyuhallażīna āmanū" in its
transliteration and "يَا أَيُّهَا" in Arabic, arrives as "YÄ\\x81 ayyuhallaÅ¼Ä«na" and "ÙŠÙŽØ§ Ø£ÙŽÙŠÙ\\x8fÙ‘Ù‡ÙŽØ§";
left so, it reads as some European language to a language detector and as noise to everything after it.

ftfy undoes exactly this class of damage. Only its encoding repairs are switched on here: its other fixes
(straightening curly quotes, folding full-width letters, NFC normalisation, dropping control characters)
would change text that is not broken, and warta's cleanup makes its own choices about those. Text that is
already right ("Genève", "“kami menolak”") comes back unchanged.
"""

from __future__ import annotations

import logging
import re

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers ftfy's sloppy-windows-* codecs)

log = logging.getLogger(__name__)

#: The name recorded in ``Article.repairs`` when mojibake was repaired.
MOJIBAKE = "mojibake"

_ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


# Which lines ftfy can change. With the settings above ftfy changes a line only where its badness heuristic
# (``ftfy.badness.BADNESS_RE``) matches, or where the line holds a C1 control (U+0080-U+009F, which
# fix_c1_controls replaces). Every pattern of that heuristic is two or more characters of its mojibake
# categories side by side (all outside ASCII: "Ã©", "â€™", "√©"), except five that need one of a few
# characters alone: "œ" or "Œ" before a non-letter, "Ã" or "Â" before a space ("voilÃ le travail"), "Â"
# between punctuation. So a line without two non-ASCII characters in a row and without one of those
# characters or a C1 control comes back from ftfy unchanged and is not handed to it: "“Kami menolak,” kata
# Menlu", "Genève" and most lines of a page (tests/extract/test_mojibake.py checks the premise against
# ftfy's categories, and the result against ftfy on whole texts). This is what makes the repair cheap on a
# page in English or Indonesian, whose curly quotes and dashes stand alone between ASCII letters: of the
# 200,925 lines of the 181 AEB pages it hands ftfy 1,026, where a filter on the lead bytes of UTF-8 read as
# ftfy's ten single-byte encodings (a curly quote is one in MacRoman) handed it 2,940.
# Written as "a non-ASCII character, then another or nothing if it was one of those few" rather than as the
# alternation "[\x80-\x9fŒœÃÂ]|[^\x00-\x7f]{2}": the same matches, found 3.6 times faster, since the regular
# expression engine can skip straight to the next non-ASCII character.
_NEEDS_FTFY = re.compile(r"[^\x00-\x7f](?:(?<=[\x80-\x9fŒœÃÂ])|[^\x00-\x7f])")


def repair_mojibake(text: str) -> str:
    """``text`` with mojibake undone; the same string when there is none (always so for ASCII text).

    ftfy mends a text line by line; so does this, and it skips the lines in which nothing can need mending
    (``_NEEDS_FTFY``): the same result as ``ftfy.fix_text`` on the whole text (a property test compares
    both), at a small part of the cost on an HTML page of a thousand lines.
    """
    if text.isascii():
        return text
    out: list[str] = []
    pos = 0  # always the start of a line
    # From one line that needs ftfy to the next, found by one search over the text rather than line by line:
    # a page has thousands of lines and few of them need ftfy.
    while (match := _NEEDS_FTFY.search(text, pos)) is not None:
        start = text.rfind("\n", pos, match.start()) + 1 or pos
        end = text.find("\n", match.start()) + 1 or len(text)
        out.append(text[pos:start])
        out.append(ftfy.fix_text(text[start:end], _ENCODING_ONLY))
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)
