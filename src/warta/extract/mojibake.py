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
from ftfy.chardata import CHARMAP_ENCODINGS

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


# Where a repair can start: UTF-8 read through a single-byte encoding turns each multi-byte character's lead
# byte (0xC2-0xF4) into that encoding's character for it ("Ã", "Â", "â" in Latin-1 and cp1252, "¬" in
# MacRoman: "v¬†Oakland" is "v\u00a0Oakland"); ftfy knows ten such encodings (ftfy.chardata). The C1 controls
# (U+0080-U+009F) are what fix_c1_controls replaces. A line with none of these characters ("“kami menolak”",
# most of any page) comes back from ftfy unchanged, so it is not handed to ftfy at all. One exception: the
# no-break space, which is MacRoman's character for the lead byte 0xCA (of U+0280-U+02BF, phonetic letters
# and modifier marks such as "ʻ") but stands in countless lines of ordinary HTML; on the 181 AEB pages and the
# 380 gold texts the repair takes 3.1 s with it counted, 2.1 s without (ftfy on whole texts: 4.9 s), with the
# same results on all of them.
_LEAD_CHARACTERS = {
    ch for encoding in CHARMAP_ENCODINGS for ch in bytes(range(0xC2, 0xF5)).decode(encoding, errors="ignore")
} - {"\xa0"}
_REPAIRABLE = re.compile("[\\x80-\\x9f" + "".join(sorted(re.escape(ch) for ch in _LEAD_CHARACTERS)) + "]")


def repair_mojibake(text: str) -> str:
    """``text`` with mojibake undone; the same string when there is none (always so for ASCII text).

    ftfy mends a text line by line; so does this, and it skips the lines in which nothing can need mending
    (``_REPAIRABLE``): the same result as ``ftfy.fix_text`` on the whole text (a property test compares
    both), at a small part of the cost on an HTML page of a thousand lines.
    """
    if text.isascii() or not _REPAIRABLE.search(text):
        return text
    out: list[str] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        line = text[pos:end]
        out.append(ftfy.fix_text(line, _ENCODING_ONLY) if _REPAIRABLE.search(line) else line)
        pos = end
    return "".join(out)
