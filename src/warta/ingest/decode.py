"""Bytes to text: read a file safely and decode it the way a careful browser would.

The order of evidence is: a byte-order mark, then the charset the server or the page declares, then the bytes
themselves. Declarations are often wrong on Indonesian and English news sites (a CMS template says utf-8 while
the article body was pasted from a Windows editor in cp1252), so a declaration is trusted only when the bytes
agree with it; charset-normalizer is the last resort, with a prior for Windows-1252.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

import charset_normalizer

from warta.errors import ReadError

log = logging.getLogger(__name__)

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of formats that are never articles, caught even when they happen to contain no NUL byte.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"RIFF", "RIFF media file"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/epub?)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\xd0\xcf\x11\xe0", "Office document"),
)

#: How much of a document is inspected for binary content and charset declarations.
SNIFF_BYTES = 8192
# Text has tabs and newlines but almost no other C0 controls; a few stray ones (a form feed, an escape) occur
# in real pages, a few percent do not.
_MAX_CONTROL_RATIO = 0.02
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x0b\x1b")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# Browsers (WHATWG Encoding Standard) read these labels as windows-1252, and so do the pages that use them:
# "iso-8859-1" pages are full of cp1252 curly quotes and dashes in the 0x80-0x9F range.
_WINDOWS_1252_ALIASES = frozenset({"latin_1", "ascii", "cp1252"})
_UTF8 = "utf_8"

# cp1252 leaves five bytes undefined; mapping them through Latin-1 keeps decoding total (never an exception).
_CP1252_TABLE: tuple[str, ...] = tuple(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_CP1252_TABLE[b] for b in bad), exc.end


_FALLBACK_HANDLER = "warta.cp1252"
codecs.register_error(_FALLBACK_HANDLER, _cp1252_fallback)


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """Read a whole file, refusing missing, oversized and empty ones with a :class:`ReadError`.

    The size is checked before reading so a stray multi-gigabyte file costs nothing.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ReadError(f"{path}: no such file or folder; check the path") from exc
    except (OSError, ValueError) as exc:
        raise ReadError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from exc
    if size > max_bytes:
        raise ReadError(f"{path}: file is {size} bytes, larger than max_input_bytes={max_bytes}; raise the limit")
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grew since stat() is still caught.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise ReadError(f"{path}: file is larger than max_input_bytes={max_bytes}; raise the limit")
    return data


def check_not_binary(data: bytes, *, name: str) -> None:
    """Raise :class:`ReadError` ("binary file") when ``data`` is an image, PDF, archive or other non-text."""
    if _bom_encoding(data) is not None:
        return  # UTF-16/32 text is full of NUL bytes but announced by its BOM.
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ReadError(f"{name}: binary file ({kind}), not a news page")
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise ReadError(f"{name}: binary file (contains NUL bytes), not a news page")
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    if head and controls / len(head) > _MAX_CONTROL_RATIO:
        raise ReadError(f"{name}: binary file ({controls} control bytes in the first {len(head)}), not text")


def decode_bytes(data: bytes, *, declared: str | None = None, name: str = "input") -> str:
    """Decode a document to text, refusing empty and binary input with a :class:`ReadError`.

    ``declared`` is a charset from outside the document (an HTTP ``Content-Type`` header or a WARC record's);
    ``<meta charset>``, ``http-equiv`` and ``<?xml encoding?>`` declarations inside it are read too. ``name`` is
    used in error messages. Decoding never fails on bad bytes: the result is the most plausible text.
    """
    if not data.strip():
        raise ReadError(f"{name}: empty file, nothing to read")
    check_not_binary(data, name=name)
    return decode_text(data, declared=declared)


def decode_text(data: bytes, *, declared: str | None = None) -> str:
    """Decode bytes known to be text (see :func:`decode_bytes` for the rules); never raises."""
    bom = _bom_encoding(data)
    if bom is not None:
        # A BOM is the strongest evidence there is; it beats any declaration.
        return data.decode(bom, errors="replace").removeprefix("\ufeff")
    label = _codec_name(declared) or _codec_name(sniff_declared_charset(data))
    try:
        # final=False: a file cut off in the middle of a character (a truncated download) still reads as
        # UTF-8, minus the partial character.
        text = codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        text = None
    if text is not None and not text.isascii():
        # Valid UTF-8 with non-ASCII characters is UTF-8 whatever the page declares: legacy-encoded text that
        # happens to form valid multi-byte sequences throughout is vanishingly rare.
        return text
    if text is not None and data.isascii():
        # The same text in every ASCII-compatible charset; only 7-bit ones like ISO-2022-JP differ.
        return text if label in (None, _UTF8) else _decode_as(data, label)
    # Left: bytes that are not UTF-8, or ASCII ending in one high byte ("... café" in cp1252), which is no
    # evidence of UTF-8 either.
    multibyte, invalid = _utf8_evidence(data)
    if multibyte and (label in (None, _UTF8, "cp1252") or multibyte > invalid):
        # A UTF-8 page with stray Windows bytes (a CMS template in UTF-8, the story pasted from Word): keep the
        # UTF-8 and read each invalid byte as cp1252, so "“kami menolak”" survives in both halves. The cp1252
        # reading is what the legacy path would choose for these pages anyway; a page declaring another legacy
        # charset (cp1251, ...) gets this treatment only when it is mostly UTF-8.
        return data.decode("utf-8", errors=_FALLBACK_HANDLER)
    if label is not None and label != _UTF8:
        decoded = _decode_strict(data, label)
        if decoded is not None:
            return decoded
        log.debug("declared charset %s does not fit the bytes; detecting", label)
    return _detect(data)


def sniff_declared_charset(data: bytes) -> str | None:
    """The charset a document declares about itself (``<meta charset>``, ``http-equiv``, XML declaration)."""
    head = data[:SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` header value, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _codec_name(label: str | None) -> str | None:
    """Python's canonical codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        log.debug("unknown charset label %r ignored", label)
        return None
    name = name.replace("-", "_")
    if name in _WINDOWS_1252_ALIASES or name == "iso8859_1":
        return "cp1252"
    # A document cannot declare itself UTF-16 in an ASCII <meta> tag and mean it (WHATWG: treat as UTF-8).
    if name.startswith(("utf_16", "utf_32")):
        return _UTF8
    return name


def _decode_as(data: bytes, codec: str) -> str:
    decoded = _decode_strict(data, codec)
    return decoded if decoded is not None else data.decode(codec, errors="replace")


def _decode_strict(data: bytes, codec: str) -> str | None:
    if codec == "cp1252":
        # Total by construction (see _CP1252_TABLE): the five undefined bytes become their Latin-1 selves.
        return "".join(_CP1252_TABLE[b] for b in data) if not data.isascii() else data.decode("ascii")
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf8_evidence(data: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 characters, bytes that are not part of valid UTF-8) in ``data``."""
    valid = data.decode("utf-8", errors="ignore")
    invalid_bytes = len(data) - len(valid.encode("utf-8"))
    return sum(1 for ch in valid if ord(ch) > 0x7F), invalid_bytes


def _detect(data: bytes) -> str:
    """Guess a legacy encoding. Ties go to cp1252: Indonesian and English pages in a legacy single-byte
    encoding are almost always Windows-1252 (or Latin-1, its subset), while charset-normalizer, left alone,
    reads a short Latin-1 text as cp1250 ("Genève" -> "Genčve")."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return _decode_as(data, "cp1252")
    least = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= least + 0.01 and {"cp1252", "latin_1", "iso8859_15"} & set(match.could_be_from_charset):
            return _decode_as(data, "cp1252")
    best = min(matches, key=lambda match: match.chaos)
    log.debug("detected charset %s", best.encoding)
    return str(best)
