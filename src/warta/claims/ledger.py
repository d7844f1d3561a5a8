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
- An **undated** event (the text gave no date, and the coder gave none either: it leaves reported, planned,
  possible and background events undated) stands at its article's publication date: it joins the nearest
  compatible claim whose anchor lies within :data:`WINDOW_DAYS` of that date, and otherwise starts a claim
  anchored there (a claim without a date of its own). Dated events are merged first, so an undated event
  joins a dated claim before an undated one. An event with neither a date nor a publication date joins, or
  starts, a claim of such events only. Until issue 12 an undated event joined the nearest compatible dated
  claim however far away it was; limiting it to the window keeps every event's influence local, which is
  what makes a save cost the same in a store of any size (below), and an article that reports "Russia has
  sent weapons" without a date is about what happened around its publication, not years before.

The merge is a pure function of its inputs, run per bucket in a fixed order, so the same stored events
always give the same claims. A claim's id is a content hash of its bucket and the event that started it:
stable while that event stands, identical for identical inputs.

**Segments.** An event joins only a claim whose anchor is within the window of its own period (its date, else
its publication date), so events interact only through chains of periods each within the window of the next.
A bucket's events therefore split into *segments* (:func:`segments`): connect two events whose periods are at
most :data:`WINDOW_DAYS` apart (:func:`gap_days`); each connected group is a segment, plus one segment of the
events with no period at all. A claim's founder and members lie in one segment, and the claims an event can
join are those of its own segment, so merging each segment alone, in the same order, gives exactly the claims
of merging the whole bucket: :func:`merge_bucket` does that (a rebuild then costs the sum of its segments'
merges, not the square of the bucket). Year and month dates are long periods and join the segments they
overlap, as they should. A save goes further: it replays the merge only around its own events
(:mod:`warta.claims.replay`), since a bucket of daily events is one long segment.

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


def event_period(event_date: str | None, published: str | None) -> Period | None:
    """Where an event stands in time for the merge: its date's period, else its article's publication date's
    (see the module docstring); None when it has neither."""
    return period(event_date) or period(published)


def stored_period(when: Period | None) -> tuple[str, str, int]:
    """A period as the store keeps it with an event's evidence: first and last day (ISO dates) and precision;
    empty and 0 for none."""
    return (when.start.isoformat(), when.end.isoformat(), when.precision) if when else ("", "", 0)


def claim_id_of(bucket: str, founder: str) -> str:
    """The id of the claim that the event ``founder`` starts in ``bucket``."""
    return stable_id("claim", bucket, founder)


def merge_order(item: LedgerItem) -> tuple:
    """The order events are merged in: dated ones most precise first, then in date order; then undated ones
    by publication date, likewise; then those with neither (ties by article and position)."""
    when = period(item.date)
    rank = 0
    if when is None:
        when, rank = period(item.published), 1
    if when is None:
        return (2, 0, 0, item.article_id, item.idx)
    return (rank, -when.precision, when.start.toordinal(), item.article_id, item.idx)


def segments(items: Iterable[LedgerItem], *, window_days: int = WINDOW_DAYS) -> list[list[LedgerItem]]:
    """The bucket's events split into segments that cannot influence each other's claims (module docstring):
    periods chained by gaps of at most ``window_days`` days, in time order, then the events with no period."""
    placed: list[tuple[Period, LedgerItem]] = []
    unplaced: list[LedgerItem] = []
    for item in items:
        when = event_period(item.date, item.published)
        if when is None:
            unplaced.append(item)
        else:
            placed.append((when, item))
    placed.sort(key=lambda pair: (pair[0].start, pair[0].end, pair[1].article_id, pair[1].idx))
    out: list[list[LedgerItem]] = []
    reach = None  # the latest end of the current segment: the next period joins it within the window
    for when, item in placed:
        if reach is None or (when.start - reach).days > window_days:
            out.append([])
            reach = when.end
        out[-1].append(item)
        reach = max(reach, when.end)
    if unplaced:
        out.append(unplaced)
    return out


@dataclass(slots=True)
class _Open:
    """A claim being built; ``rank`` is its founder's place in the merge order of the whole bucket."""

    founder: LedgerItem
    anchor: Period | None
    mode: str | None
    target: tuple[str, ...]
    rank: tuple = ()
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


def _nearest(claims: Sequence[_Open], when: Period, *, limit: int) -> _Open | None:
    """The claim whose anchor is nearest ``when`` within ``limit`` days (first created among equals); claims
    without an anchor are never near."""
    best: tuple[int, int] | None = None
    chosen = None
    for order, claim in enumerate(claims):
        if claim.anchor is None:
            continue
        gap = gap_days(when, claim.anchor)
        if gap > limit:
            continue
        if best is None or (gap, order) < best:
            best, chosen = (gap, order), claim
    return chosen


def _merge_segment(items: Sequence[LedgerItem], *, window_days: int) -> list[_Open]:
    """The claims of events taken in merge order (one segment, or any union of whole segments)."""
    claims: list[_Open] = []
    for item in sorted(items, key=merge_order):
        when = event_period(item.date, item.published)
        compatible = [c for c in claims if c.accepts(item)]
        if when is None:
            claim = next((c for c in compatible if c.anchor is None), None)
        else:
            claim = _nearest(compatible, when, limit=window_days)
        if claim is None:
            claim = _Open(founder=item, anchor=when, mode=item.mode, target=item.target, rank=merge_order(item))
            claims.append(claim)
        claim.add(item)
    return claims


def merge_bucket(
    items: Iterable[LedgerItem], denials: Iterable[Denial] = (), *, window_days: int = WINDOW_DAYS
) -> list[LedgerClaim]:
    """Merge the events of one bucket (or of whole segments of it) into claims, rules in the module docstring,
    with their stances; the claims come in the order a merge of all events at once would create them."""
    claims = [
        claim
        for part in segments(items, window_days=window_days)
        for claim in _merge_segment(part, window_days=window_days)
    ]
    claims.sort(key=lambda claim: claim.rank)
    by_event = _by_event(denials)
    return [_finish(claim, by_event) for claim in claims]


def finish_claim(members: Sequence[LedgerItem], denials: Iterable[Denial] = ()) -> LedgerClaim:
    """The claim of ``members`` (in merge order, its founder first) as :func:`merge_bucket` would make it, with
    the stances of ``denials`` on them."""
    founder = members[0]
    claim = _Open(
        founder=founder, anchor=event_period(founder.date, founder.published), mode=founder.mode,
        target=founder.target, rank=merge_order(founder),
    )  # fmt: skip
    for item in members:
        claim.add(item)
    return _finish(claim, _by_event(denials))


def _by_event(denials: Iterable[Denial]) -> dict[str, list[Denial]]:
    by_event: dict[str, list[Denial]] = {}
    for denial in denials:
        by_event.setdefault(denial.event_id, []).append(denial)
    return by_event


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
    claim_id = claim_id_of(founder.bucket, founder.event_id)
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
