"""Indonesian verb morphology, enough to expand a dictionary root into the surface forms news uses.

Indonesian builds verbs from roots with prefixes and suffixes, and the active prefix ``meN-`` changes shape with
the root's first sound (nasal assimilation), sometimes swallowing it:

=============  =====================  =================================================
root starts    meN- becomes           example
=============  =====================  =================================================
b, f, v        mem-                   bantah -> membantah ("deny")
p              mem- (p dropped)       pukul -> memukul ("hit")
d, c, j, z, sy men-                   dukung -> mendukung ("support")
t              men- (t dropped)       tolak -> menolak ("reject"), tuduh -> menuduh
g, h, kh, a-u  meng-                  gelar -> menggelar ("stage"), ancam -> mengancam
k              meng- (k dropped)      kirim -> mengirim ("send"), kecam -> mengecam
s              meny- (s dropped)      serang -> menyerang ("attack"), sambut -> menyambut
l m n r w y    me-                    larang -> melarang ("ban"), minta -> meminta
=============  =====================  =================================================

Passive ``di-`` never changes the root (``dikirim``, "was sent"), ``ber-`` forms intransitive verbs
(``berkunjung``, "to visit"), ``ter-`` accidental or stative ones (``terjadi``), and ``-kan``/``-i`` add an
object (``mengirimkan``, "send [something]"; ``mengunjungi``, "visit [someone]"). Loanwords beginning with
a consonant cluster keep it (``memprotes`` from protes; ``mentransfer``).

Reciprocal reduplication repeats the root with the active form: ``tembak-menembak`` ("exchange fire"),
``serang-menyerang`` ("attack each other"); the pattern ``rdp+tembak`` expands to it. Particles stick to the
end of a word without changing it: ``-nya`` (his/its), ``-lah``, ``-kah``, ``-pun`` (see :func:`strip_particle`).
"""

from __future__ import annotations

_VOWELS = "aeiou"
_PREFIXES = frozenset({"men", "di", "ber", "ter", "memper", "diper", "rdp"})
_PARTICLES = ("nya", "lah", "kah", "pun")


def men_prefix(root: str) -> str:
    """The ``meN-`` form of a root: ``men_prefix("kirim") == "mengirim"``."""
    r = root.lower()
    if not r:
        return r
    first = r[0]
    cluster = (
        len(r) > 1 and r[1] not in _VOWELS and first not in _VOWELS and not r.startswith(("sy", "kh", "ny", "ng"))
    )
    if first in "bfv":
        return "mem" + r
    if first == "p":
        # "protes" keeps its p ("memprotes") because a cluster follows; "pukul" -> "memukul".
        return "mem" + (r if cluster else r[1:])
    if first in "dcjz" or r.startswith("sy"):
        return "men" + r
    if first == "t":
        return "men" + (r if cluster else r[1:])
    if first in "gh" or r.startswith("kh") or first in _VOWELS:
        return "meng" + r
    if first == "k":
        return "meng" + (r if cluster else r[1:])
    if first == "s":
        return "meny" + r[1:] if not cluster else "men" + r
    if first in "lmnrwy":
        return "me" + r
    return "me" + r


def expand(pattern: str) -> list[str]:
    """Expand a lexicon pattern into surface forms.

    A pattern is a root with affix markers: ``"meN+kirim+kan"`` -> ``["mengirimkan"]``; ``"di+kirim"`` ->
    ``["dikirim"]``; ``"meN|di+kirim+kan|i|"`` -> every combination of the alternatives separated by ``|``
    (an empty alternative means "no affix"). A word without ``+`` is returned as it is, so lexicons can mix
    plain words ("kunjungan") and patterns.
    """
    if "+" not in pattern:
        return [pattern.lower()]
    parts = pattern.split("+")
    prefixes: list[str] = [""]
    suffixes: list[str] = [""]
    tail = ""
    if len(parts) == 3:
        prefixes, root, suffix_part = parts[0].split("|"), parts[1], parts[2]
    elif parts[0].lower() in _PREFIXES or "|" in parts[0]:
        prefixes, root, suffix_part = parts[0].split("|"), parts[1], ""
    else:
        root, suffix_part = parts[0], parts[1]
    if suffix_part:
        # Words after the suffix group stay fixed: "men|di+jatuh+kan sanksi" (impose sanctions),
        # "impose+|s|d sanctions".
        alternatives, _, rest = suffix_part.partition(" ")
        suffixes = alternatives.split("|")
        tail = " " + rest if rest else ""
    forms: list[str] = []
    for prefix in prefixes:
        for suffix in suffixes:
            if prefix.lower() == "rdp":
                stem = root.lower() + "-" + men_prefix(root)
            elif prefix.lower() == "men":
                stem = men_prefix(root)
            elif prefix.lower() == "memper":
                stem = "memper" + root.lower()
            else:
                stem = prefix.lower() + root.lower()
            form = stem + suffix.lower() + tail.lower()
            if form not in forms:
                forms.append(form)
    return forms


def strip_particle(word: str, vocabulary: set[str] | frozenset[str]) -> str:
    """``word`` without a clitic or particle when what remains is in ``vocabulary``: "dukungannya" (its
    support) -> "dukungan", "menyerangnya" (attacked it) -> "menyerang", "merekalah" -> "mereka". A word that
    is itself in the vocabulary is kept ("tanya" stays "tanya")."""
    if word in vocabulary:
        return word
    for particle in _PARTICLES:
        if word.endswith(particle) and word[: -len(particle)] in vocabulary:
            return word[: -len(particle)]
    return word
