"""Updating the claims of a bucket around changed events, with the result of merging the whole bucket again.

:func:`warta.claims.ledger.merge_bucket` takes a bucket's events one by one in a fixed order (see
:func:`~warta.claims.ledger.merge_order`), and each joins the nearest compatible claim whose anchor is within
the window of it, or starts one. Segments (events chained by gaps within the window) are independent, but a
bucket of daily events ("Israel menyerang Gaza", Israel attacks Gaza, every day for a year) is one segment,
so re-merging a segment is not enough to make a save cost the same in a store of any size.

The merge is sequential, and the store keeps its outcome: the claim each event joined. Inserting an event
changes nothing before it in the order; after it, an event can decide differently only if a claim it could
join (anchored within the window of it) differs by then: a claim started, lost or gained a member earlier
in the order. :func:`replay` therefore replays the merge from the changed events on, but only for the events
within the window of a claim that changed, reading them from the store by their period, and keeps every other
event's stored decision; it stops when no decision changes any more, typically after the events of a few
days. Each claim that changed is then finished again from its members.

An event that changed its decision is found because a claim in its window changed before it in the order:
every event it could have joined instead is such a claim, and so is the one it joined. So the events never
replayed are exactly those whose view is unchanged, and their stored decisions stand
(``tests/claims/test_claims_properties.py`` checks the result against a full rebuild after every save).
Events without any period join only each other (see :mod:`warta.claims.ledger`) and are merged apart.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from warta.claims.ledger import Period, claim_id_of, event_period, gap_days, merge_order
from warta.records import SYMMETRIC_TYPES
from warta.store.ledger_rows import LedgerItem

#: The stored events of the bucket whose period overlaps the days ``first`` to ``last``.
ReadNear = Callable[[date, date], list[LedgerItem]]
#: The stored events of the bucket linked to any of the claims given.
ReadMembers = Callable[[Sequence[str]], list[LedgerItem]]

#: Before and after every position in the merge order (keys start with 0, 1 or 2).
_START: tuple = (-1,)
_END: tuple = (3,)


@dataclass(frozen=True, slots=True)
class Replayed:
    """What a replay changed: ``members`` of each claim in ``changed`` as the new merge has them (none: the
    claim is gone), in merge order, founder first."""

    changed: frozenset[str]
    members: dict[str, list[LedgerItem]]


@dataclass(frozen=True, slots=True)
class Removed:
    """An event of the bucket that is no longer stored: its id, its period and the claim it had joined."""

    event_id: str
    when: Period
    claim_id: str | None


class _Replay:
    def __init__(self, bucket: str, near: ReadNear, members: ReadMembers, window: int) -> None:
        self.bucket, self._near, self._members, self.window = bucket, near, members, window
        self.items: dict[str, LedgerItem] = {}
        self.keys: dict[str, tuple] = {}
        self.periods: dict[str, Period] = {}
        self.covered: list[tuple[int, int]] = []  # day ordinals read, in order, disjoint
        self.stored_members: dict[str, set[str]] = {}  # claim -> event ids linked to it in the store
        self.decided: dict[str, str] = {}  # event -> claim, for events replayed
        self.dirty: dict[str, tuple] = {}  # claim -> first position in the merge order where it changed
        self.queue: list[tuple[tuple, str]] = []
        self.queued: set[str] = set()
        self.new: set[str] = set()
        self.loaded: set[str] = set()  # claims whose stored members have all been read
        self.flagged: dict[tuple[str, Period], tuple] = {}  # (claim, anchor) -> earliest position flagged from

    # -- reading -------------------------------------------------------------------------------------------

    def _add(self, items: Iterable[LedgerItem]) -> None:
        for item in items:
            if item.event_id in self.items:
                continue
            when = event_period(item.date, item.published)
            if when is None:  # events without a period are merged apart
                continue
            self.items[item.event_id] = item
            self.keys[item.event_id] = merge_order(item)
            self.periods[item.event_id] = when
            if item.claim_id is not None:
                self.stored_members.setdefault(item.claim_id, set()).add(item.event_id)

    def _read(self, low: int, high: int) -> list[str]:
        """Read the days ``low`` to ``high`` (ordinals) not read yet; return every event known there."""
        for start, end in _uncovered(self.covered, low, high):
            self.covered = _cover(self.covered, start, end)
            self._add(self._near(_day(start), _day(end)))
        return [
            event_id
            for event_id, when in self.periods.items()
            if when.start.toordinal() <= high and when.end.toordinal() >= low
        ]

    def _load_members(self, claim_ids: Iterable[str]) -> None:
        """Read every stored member of ``claim_ids`` (a range read may have found only some)."""
        missing = sorted({c for c in claim_ids if c not in self.loaded})
        if missing:
            self._add(self._members(missing))
            self.loaded.update(missing)

    # -- the new merge's state -----------------------------------------------------------------------------

    def claim_of(self, event_id: str) -> str | None:
        """The claim ``event_id`` is in by the new merge (its stored one unless it was replayed)."""
        if event_id in self.decided:
            return self.decided[event_id]
        return None if event_id in self.new else self.items[event_id].claim_id

    def founds(self, event_id: str) -> bool:
        return self.claim_of(event_id) == claim_id_of(self.bucket, event_id)

    def members_of(self, claim_id: str) -> list[str]:
        """The members of ``claim_id`` by the new merge so far, in merge order."""
        self._load_members([claim_id])
        ids = {e for e in self.stored_members.get(claim_id, ()) if e not in self.decided and e not in self.new}
        ids |= {e for e, c in self.decided.items() if c == claim_id}
        return sorted(ids, key=self.keys.__getitem__)

    def _state(self, claim_id: str, before: tuple) -> tuple[str | None, tuple[str, ...]]:
        """Mode and target of ``claim_id`` once the events before position ``before`` have joined it."""
        mode: str | None = None
        target: tuple[str, ...] = ()
        for n, event_id in enumerate(self.members_of(claim_id)):
            if self.keys[event_id] >= before:
                break
            item = self.items[event_id]
            if n == 0:
                mode, target = item.mode, item.target
                continue
            mode = mode or item.mode
            if item.type not in SYMMETRIC_TYPES:
                target = target or item.target
        return mode, target

    # -- replaying -----------------------------------------------------------------------------------------

    def _flag(self, when: Period, after: tuple) -> None:
        """Queue every event after position ``after`` within the window of ``when``."""
        for event_id in self._read(when.start.toordinal() - self.window, when.end.toordinal() + self.window):
            if event_id not in self.queued and self.keys[event_id] > after:
                self.queued.add(event_id)
                heapq.heappush(self.queue, (self.keys[event_id], event_id))

    def mark(self, claim_id: str, at: tuple, anchor: Period | None = None) -> None:
        """``claim_id`` changed from position ``at`` on: queue the events after it that could join it, around
        its anchor by the new merge, else by the store (and around ``anchor`` too when given)."""
        self.dirty[claim_id] = min(self.dirty.get(claim_id, at), at)
        anchors = [self.periods[e] for e in self.members_of(claim_id) if claim_id_of(self.bucket, e) == claim_id]
        if not anchors:
            stored = self.stored_members.get(claim_id, ())
            anchors = [self.periods[e] for e in stored if claim_id_of(self.bucket, e) == claim_id]
        for when in [*anchors, *([anchor] if anchor else [])]:
            # Flagging a range again from a later position finds nothing new: the events after it were queued.
            if self.flagged.get((claim_id, when), _END) > at:
                self.flagged[(claim_id, when)] = at
                self._flag(when, at)

    def decide(self, event_id: str) -> None:
        item, when, key = self.items[event_id], self.periods[event_id], self.keys[event_id]
        # The claims it could join: started before it, by events within the window of it.
        founders = [
            (gap, self.keys[other], claim_id_of(self.bucket, other))
            for other in self._read(when.start.toordinal() - self.window, when.end.toordinal() + self.window)
            if self.keys[other] < key
            and self.founds(other)
            and (gap := gap_days(when, self.periods[other])) <= self.window
        ]
        self._load_members(claim_id for _, _, claim_id in founders)  # one read for all of them
        chosen = None
        for _, _, claim_id in sorted(founders):  # the nearest, the first started among equals
            if _accepts(*self._state(claim_id, key), item):
                chosen = claim_id
                break
        old = self.claim_of(event_id)
        choice = chosen or claim_id_of(self.bucket, event_id)
        self.decided[event_id] = choice
        if choice != old or event_id in self.new:
            self.mark(choice, key)
            if old is not None:
                self.mark(old, key)

    def run(self, added: Sequence[tuple[str, Period]], removed: Sequence[Removed]) -> Replayed:
        for _, when in added:
            self._read(when.start.toordinal() - self.window, when.end.toordinal() + self.window)
        self.new = {event_id for event_id, _ in added if event_id in self.items}
        for item_id in self.new:
            self.queued.add(item_id)
            heapq.heappush(self.queue, (self.keys[item_id], item_id))
        for gone in removed:
            if gone.claim_id is not None:
                self._load_members([gone.claim_id])
                self.mark(gone.claim_id, _START, anchor=gone.when)
        while self.queue:
            _, event_id = heapq.heappop(self.queue)
            self.decide(event_id)
        changed = frozenset(self.dirty)
        self._load_members(changed)
        members = {c: [self.items[e] for e in self.members_of(c)] for c in changed}
        return Replayed(changed, members)


def replay(
    bucket: str, added: Sequence[tuple[str, Period]], removed: Sequence[Removed], *, near: ReadNear,
    members: ReadMembers, window: int,
) -> Replayed:  # fmt: skip
    """Replay the merge of ``bucket`` around the events ``added`` (ids and periods: stored now, not merged yet)
    and ``removed`` (no longer stored), reading the stored events it needs through ``near`` and ``members``;
    return the claims that changed and their members by the new merge (module docstring)."""
    return _Replay(bucket, near, members, window).run(added, removed)


def _accepts(mode: str | None, target: tuple[str, ...], item: LedgerItem) -> bool:
    """Whether a claim of this mode and target accepts ``item`` (as :class:`warta.claims.ledger._Open`)."""
    if mode is not None and item.mode is not None and mode != item.mode:
        return False
    if item.type in SYMMETRIC_TYPES:
        return True
    return not target or not item.target or target == item.target


def _day(ordinal: int) -> date:
    return date.fromordinal(min(max(ordinal, 1), date.max.toordinal()))


def _uncovered(covered: Sequence[tuple[int, int]], low: int, high: int) -> list[tuple[int, int]]:
    """The parts of days ``low`` to ``high`` outside the ``covered`` ranges."""
    out = []
    for start, end in covered:
        if end < low:
            continue
        if start > high:
            break
        if start > low:
            out.append((low, start - 1))
        low = max(low, end + 1)
        if low > high:
            return out
    out.append((low, high))
    return out


def _cover(covered: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """``covered`` with days ``start`` to ``end`` added, ranges that touch joined."""
    out: list[tuple[int, int]] = []
    for low, high in sorted([*covered, (start, end)]):
        if out and low <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out
