"""The claims ledger: events from every stored article merged into claims, each with all its stances.

A *claim* is one real-world event as the news tells it ("North Korea supplies munitions to Russia"),
however many articles, outlets and sentences mention it. Events merge into one claim when they have

- the same PLOVER **type**;
- compatible **modes**: equal, or either one None (None is "not said", so it matches any);
- the same **actors**: a directed type needs the same source countries and the same target countries,
  where an empty target is unspecified and matches any; a symmetric type (CONSULT, AGREE, COOPERATE) needs
  the same participants in any role (see :func:`warta.claims.matching.bucket_of`). Actors are compared by
  country, and by name only when they have none;
- compatible **dates**. A date is a period at its granularity ("2024-06" is all of June). Dated events are
  taken most precise first (days, then months, then years), then in date order; each joins the compatible
  claim whose *anchor* (the date of the event that started it) overlaps it or lies within
  :data:`WINDOW_DAYS` days of it, the nearest first, and otherwise starts a claim anchored at its own date.
  Comparing with the anchor rather than with every member keeps claims from chaining: daily attacks over a
  month are many claims, not one. Three days absorbs what outlets disagree on for one event (time zones,
  "Sabtu" vs the day the statement came), and is too short to join two rounds of talks.
- An **undated** event (the text gave no date and the coder no publication date) joins the compatible
  claim whose anchor is nearest to its article's publication date (the first compatible claim when that
  is unknown too); only if the bucket has no compatible dated claim does it join, or start, an undated one.

The merge is a pure function of its inputs, run per bucket in a fixed order, so the same stored events
always give the same claims. A claim's id is a content hash of its bucket and the event that started it:
stable while that event stands, identical for identical inputs. Re-processing an article rebuilds the
claims of every bucket it touches from the stored events, so nothing is counted twice.

Counts on a claim: ``mentions`` (events), ``articles``, ``outlets``, ``clusters`` (story clusters: a wire
story on five sites is one), and the distinct holders of each stance kind: ``asserting`` outlets,
``reporting`` sources, ``denying`` actors, and those holding it ``future`` or ``hypothetical``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from warta.claims.matching import stable_id
from warta.records import SYMMETRIC_TYPES
from warta.store.ledger_rows import Denial, LedgerClaim, LedgerItem, Stance

log = logging.getLogger(__name__)

#: Days between an event's date and a claim's anchor that still make them one event (see module docstring).
WINDOW_DAYS = 3

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")
_MONTH_ENDS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True, slots=True)
class Period:
    """A date at its granularity: first and last day, and precision (3 day, 2 month, 1 year)."""

    start: date
    end: date
    precision: int


@lru_cache(maxsize=4096)
def period(value: str | None) -> Period | None:
    """The period of an ISO date ("2024", "2024-06", "2024-06-19", with or without a time); None if it is
    missing or not a date."""
    match = _DATE.match(value.strip()) if value else None
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return Period(date(year, 1, 1), date(year, 12, 31), 1)
        if day is None:
            last = _MONTH_ENDS[month - 1] if month != 2 else (29 if _leap(year) else 28)
            return Period(date(year, month, 1), date(year, month, last), 2)
        return Period(date(year, month, day), date(year, month, day), 3)
    except (ValueError, IndexError):  # month 13, 30 February, year 0
        return None


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def gap_days(one: Period, other: Period) -> int:
    """Days between two periods; 0 when they overlap ("2024-06" and "2024-06-19")."""
    return max(0, (other.start - one.end).days, (one.start - other.end).days)


@dataclass(slots=True)
class _Open:
    """A claim being built."""

    founder: LedgerItem
    anchor: Period | None
    mode: str | None
    target: tuple[str, ...]
    members: list[LedgerItem] = field(default_factory=list)

    def accepts(self, item: LedgerItem) -> bool:
        if self.mode is not None and item.mode is not None and self.mode != item.mode:
            return False
        if item.type in SYMMETRIC_TYPES:
            return True
        return not self.target or not item.target or self.target == item.target

    def add(self, item: LedgerItem) -> None:
        self.members.append(item)
        self.mode = self.mode or item.mode
        if item.type not in SYMMETRIC_TYPES:
            self.target = self.target or item.target


def _nearest(claims: Sequence[_Open], when: Period | None, *, limit: int | None) -> _Open | None:
    """The claim whose anchor is nearest ``when`` (first created among equals); only dated claims, and
    only within ``limit`` days when one is given. Without ``when``, the first dated claim."""
    best: tuple[int, int] | None = None
    chosen = None
    for order, claim in enumerate(claims):
        if claim.anchor is None:
            continue
        gap = gap_days(when, claim.anchor) if when is not None else 0
        if limit is not None and gap > limit:
            continue
        if best is None or (gap, order) < best:
            best, chosen = (gap, order), claim
    return chosen


def merge_bucket(
    items: Iterable[LedgerItem], denials: Iterable[Denial] = (), *, window_days: int = WINDOW_DAYS
) -> list[LedgerClaim]:
    """Merge the events of one bucket into claims (rules in the module docstring), with their stances."""
    dated: list[tuple[Period, LedgerItem]] = []
    undated: list[LedgerItem] = []
    for item in items:
        when = period(item.date)
        if when is None:
            undated.append(item)
        else:
            dated.append((when, item))
    dated.sort(key=lambda pair: (-pair[0].precision, pair[0].start, pair[1].article_id, pair[1].idx))
    undated.sort(key=lambda item: (item.article_id, item.idx))
    claims: list[_Open] = []
    for when, item in dated:
        compatible = [c for c in claims if c.accepts(item)]
        claim = _nearest(compatible, when, limit=window_days)
        if claim is None:
            claim = _Open(founder=item, anchor=when, mode=item.mode, target=item.target)
            claims.append(claim)
        claim.add(item)
    for item in undated:
        compatible = [c for c in claims if c.accepts(item)]
        claim = _nearest(compatible, period(item.published), limit=None)
        if claim is None:
            claim = next((c for c in compatible if c.anchor is None), None)
        if claim is None:
            claim = _Open(founder=item, anchor=None, mode=item.mode, target=item.target)
            claims.append(claim)
        claim.add(item)
    by_event: dict[str, list[Denial]] = {}
    for denial in denials:
        by_event.setdefault(denial.event_id, []).append(denial)
    return [_finish(claim, by_event) for claim in claims]


def merge_claims(
    items: Iterable[LedgerItem], denials: Iterable[Denial] = (), *, window_days: int = WINDOW_DAYS
) -> list[LedgerClaim]:
    """Merge events of any buckets: :func:`merge_bucket` per bucket, buckets in sorted order."""
    buckets: dict[str, list[LedgerItem]] = {}
    for item in items:
        buckets.setdefault(item.bucket, []).append(item)
    denials = list(denials)
    out: list[LedgerClaim] = []
    for bucket in sorted(buckets):
        out.extend(merge_bucket(buckets[bucket], denials, window_days=window_days))
    return out


def _holder_key(holder: str | None, article_id: str, unnamed: str) -> str:
    # An outlet or source without a name is still one per article: two unnamed sources in two articles
    # are not known to be the same.
    return holder.casefold() if holder else f"{unnamed}@{article_id}"


def _finish(claim: _Open, denials_of: dict[str, list[Denial]]) -> LedgerClaim:
    founder = claim.founder
    claim_id = stable_id("claim", founder.bucket, founder.event_id)
    members = claim.members
    rows: list[tuple[tuple, dict]] = []
    for item in members:
        rows.append(
            (
                (item.seen, item.article_id, item.sentence_start, item.event_id, 0),
                dict(kind=item.kind, event_id=item.event_id, article_id=item.article_id, holder=item.holder,
                     holder_country=item.holder_country, via=item.via, rule=None,
                     sentence_start=item.sentence_start, sentence_end=item.sentence_end),
            )
        )  # fmt: skip
    seen_denials: set[tuple[str, int]] = set()
    for item in members:
        for d in denials_of.get(item.event_id, ()):
            if (d.reject_id, d.position) in seen_denials:
                continue  # one denial of two mentions of the claim is still one denial
            seen_denials.add((d.reject_id, d.position))
            rows.append(
                (
                    (d.seen or item.seen, d.article_id, d.sentence_start, d.reject_id, d.position + 1),
                    dict(kind=d.kind, event_id=d.reject_id, article_id=d.article_id, holder=d.holder,
                         holder_country=d.holder_country, via=None, rule=d.rule,
                         sentence_start=d.sentence_start, sentence_end=d.sentence_end),
                )
            )  # fmt: skip
    rows.sort(key=lambda row: row[0])
    stances = tuple(
        Stance(id=stable_id("stance", claim_id, key[3], key[4], data["kind"]), claim_id=claim_id, idx=i, **data)
        for i, (key, data) in enumerate(rows)
    )

    def holders(kind: str, *, by_country: bool = False) -> int:
        keys = {
            (s.holder_country if by_country and s.holder_country else _holder_key(s.holder, s.article_id, kind))
            for s in stances
            if s.kind == kind
        }
        return len(keys)

    if founder.type in SYMMETRIC_TYPES:
        source, target = founder.source, founder.target
        source_names, target_names = founder.source_names, founder.target_names
    else:
        source, target = founder.source, claim.target
        named = next((m for m in members if m.target == claim.target and m.target_names), founder)
        source_names, target_names = founder.source_names, named.target_names
    merged = LedgerClaim(
        id=claim_id, bucket=founder.bucket, type=founder.type, mode=claim.mode,
        symmetric=founder.type in SYMMETRIC_TYPES, source=source, target=target, source_names=source_names,
        target_names=target_names, date=founder.date if claim.anchor is not None else None,
        first_seen=min(m.seen for m in members), founder=founder.event_id, mentions=len(members),
        articles=len({m.article_id for m in members}),
        outlets=len({_holder_key(m.outlet, m.article_id, "outlet") for m in members}),
        clusters=len({m.cluster_id for m in members}),
        asserting=holders("asserted"), reporting=holders("reported"), denying=holders("denied", by_country=True),
        future=holders("future"), hypothetical=holders("hypothetical"),
        event_ids=tuple(m.event_id for m in members), stances=stances,
    )  # fmt: skip
    # Every field, spelled out: dataclasses.astuple deep-copies and costs more than the whole merge.
    stance_fields = [
        (s.id, s.idx, s.kind, s.event_id, s.article_id, s.holder, s.holder_country, s.via, s.rule,
         s.sentence_start, s.sentence_end)
        for s in stances
    ]  # fmt: skip
    claim_fields = [getattr(merged, name) for name in _DIGESTED]
    return replace(merged, digest=stable_id("digest", claim_fields, stance_fields))


#: The fields of a claim its digest covers, in the order they are hashed (changing it changes every stored
#: digest, and the next save of each bucket rewrites all its claims).
_DIGESTED = (
    "id", "bucket", "type", "mode", "symmetric", "source", "target", "source_names", "target_names", "date",
    "first_seen", "founder", "mentions", "articles", "outlets", "clusters", "asserting", "reporting", "denying",
    "future", "hypothetical", "event_ids",
)  # fmt: skip
