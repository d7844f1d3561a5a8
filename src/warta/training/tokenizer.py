"""warta's additions to spaCy's Indonesian tokenizer, stored in the shipped pipeline's tokenizer.

spaCy's blank ``id`` tokenizer already keeps "Dr.", "No.", "dll.", "5,2" and "14.30" whole; it splits other
abbreviations common in Indonesian news ("Jl. Sudirman" -> "Jl" "." "Sudirman"), which then look like sentence
ends to the parser. The list lives in ``data/id_tokenizer_exceptions.txt``.
"""

from __future__ import annotations

from pathlib import Path

from spacy.attrs import ORTH
from spacy.language import Language

EXCEPTIONS_FILE = Path(__file__).resolve().parent / "data" / "id_tokenizer_exceptions.txt"


def read_exceptions(path: Path = EXCEPTIONS_FILE) -> list[str]:
    """The abbreviations listed in ``path`` (blank lines and ``#`` comments skipped)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def add_warta_exceptions(nlp: Language, path: Path = EXCEPTIONS_FILE) -> list[str]:
    """Add each abbreviation that ``nlp`` would split as a one-token special case; return those added."""
    added = []
    for abbreviation in read_exceptions(path):
        if len(nlp.tokenizer(abbreviation)) > 1:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
            added.append(abbreviation)
    return added
