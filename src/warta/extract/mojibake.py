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

import ftfy

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


def repair_mojibake(text: str) -> str:
    """``text`` with mojibake undone; the same string when there is none (always so for ASCII text)."""
    if text.isascii():
        return text  # mojibake is made of non-ASCII characters; skip the work for the common case
    return ftfy.fix_text(text, _ENCODING_ONLY)
