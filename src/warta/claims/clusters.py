"""Story clusters: the same wire story on several sites, found with MinHash over word shingles.

A syndicated story reaches readers through many outlets, each with its own headline, site furniture and a
few edits. Counted naively it looks like many independent confirmations; grouped into one *story cluster*
it counts once as evidence while every outlet stays visible.

How an article joins a cluster (all of it deterministic, so every database built from the same inputs in
the same order is identical):

1. **Shingles**: the article text is case-folded and split into words; every run of :data:`SHINGLE_WORDS`
   consecutive words is one shingle. Five words is long enough that two different stories on the same
   subject share almost none ("kapal penjaga pantai china menembakkan" is shared, the rest is not) and short
   enough that a light edit ("terluka" -> "mengalami luka") only spoils the five shingles around it.
2. **Signature**: a datasketch MinHash with :data:`NUM_PERM` permutations, a fixed seed and a pinned hashing
   scheme, so a signature stored today compares with one computed next year (:data:`METHOD` names the
   parameters; signatures made another way are never compared).
3. **Candidates** (LSH banding): the signature is cut into :data:`BANDS` bands of :data:`ROWS` values and
   each band is hashed to a key; articles sharing any key are candidates. The store keeps the keys in an
   indexed table, so finding candidates is one indexed query however many articles there are. With 42
   bands of 3 rows, a pair with Jaccard similarity 0.5 becomes a candidate with probability 0.996, one
   with 0.2 with 0.29 and one with 0.05 with 0.005.
4. **Decision**: a candidate counts when the estimated Jaccard similarity of the two signatures (the share
   of equal values) is at least :data:`THRESHOLD`; the article joins the cluster of its most similar such
   candidate (ties: the smaller cluster id), or starts a cluster of its own whose id is its article id.

Calibration (``tests/claims/test_claims_clusters.py`` pins it, fixtures in ``tests/fixtures/claims``): the
three outlets' copies of one wire story score 0.64-0.86 with each other (the lowest pairs involve the copy
that drops the last paragraph); copies edited in the test score 0.6-0.95 (every 25th word replaced: 0.7
exact Jaccard; two of eight paragraphs dropped: 0.65; boilerplate lines added: 0.93); a different story on
the same kind of incident, sharing the wire's stock phrases, scores 0.02, as do unrelated articles. 0.5
sits between them with room on both sides. A copy that keeps about half of the wire's text scores 0.52, and
one that keeps less, or replaces every tenth word, is a different article for this measure: Jaccard
similarity penalises truncation and rewording, the price of a symmetric test that ignores word order
beyond five words.

Clustering is incremental and single-pass: a new article joins an existing cluster and never merges two
clusters, so a cluster id, once given, stays. The order in which articles arrive can therefore matter at
the margins (an article bridging two clusters joins the closer one).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from warta.store.ledger_rows import Assignment, Candidate

log = logging.getLogger(__name__)

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
#: datasketch's hashing scheme, pinned: its default may change between versions, and signatures of two
#: schemes are not comparable.
SCHEME = "affine32"
BANDS = 42
ROWS = 3
THRESHOLD = 0.5
#: Names the signature parameters; stored with each signature so that only like is compared with like.
METHOD = f"minhash:{SCHEME}:w{SHINGLE_WORDS}:p{NUM_PERM}:s{SEED}:b{BANDS}x{ROWS}"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """An article's MinHash signature and its LSH band keys; ``signature`` is empty for a text without
    words, which then never joins another article."""

    signature: tuple[int, ...]
    band_keys: tuple[str, ...]


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The word ``size``-grams of ``text`` (case-folded); a text shorter than ``size`` words is one shingle."""
    words = _WORD.findall(text.casefold())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@cache
def _permutations() -> Any:
    # Drawing the permutation parameters costs more than hashing a short article: draw them once.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def fingerprint(text: str) -> Fingerprint:
    """The MinHash signature and band keys of an article text."""
    grams = shingles(text)
    if not grams:
        return Fingerprint((), ())
    from datasketch import MinHash  # imported here: it pulls in scipy, which query commands never need

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(sorted(g.encode("utf-8") for g in grams))
    signature = tuple(int(v) for v in minhash.hashvalues)
    return Fingerprint(signature, band_keys(signature))


def band_keys(signature: Sequence[int]) -> tuple[str, ...]:
    """One key per LSH band: the band number and a hash of its values (equal bands, equal keys)."""
    keys = []
    for band in range(BANDS):
        values = signature[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.sha1(b"".join(int(v).to_bytes(8, "big") for v in values)).hexdigest()[:16]
        keys.append(f"{band:02d}:{digest}")
    return tuple(keys)


def similarity(one: Sequence[int], other: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures: the share of positions where they agree."""
    if not one or len(one) != len(other):
        return 0.0
    return sum(a == b for a, b in zip(one, other, strict=True)) / len(one)


def assign_cluster(
    article_id: str,
    fp: Fingerprint,
    candidates: Iterable[Candidate],
    *,
    threshold: float = THRESHOLD,
    name_taken: bool = False,
) -> Assignment:
    """The cluster ``article_id`` belongs to: that of its most similar candidate at or above ``threshold``,
    else a new one named after the article.

    ``name_taken`` says that other articles already form a cluster named after this one: it started that
    cluster, then was re-processed into a different text. The cluster keeps its name, and the article's new
    cluster gets the article id with a hash of its new signature.
    """
    best: tuple[float, str, str] | None = None
    for cand in candidates:
        if cand.article_id == article_id:
            continue
        score = similarity(fp.signature, cand.signature)
        if score < threshold:
            continue
        # Highest similarity wins; among equals the smaller cluster id, then article id, so the choice
        # does not depend on the order the database returned the rows in.
        key = (-score, cand.cluster_id, cand.article_id)
        if best is None or key < (-best[0], best[1], best[2]):
            best = (score, cand.cluster_id, cand.article_id)
    if best is None:
        if name_taken:
            digest = hashlib.sha1(repr(fp.signature).encode("ascii")).hexdigest()[:8]
            return Assignment(f"{article_id}~{digest}")
        return Assignment(article_id)
    return Assignment(best[1], round(best[0], 4), best[2])
