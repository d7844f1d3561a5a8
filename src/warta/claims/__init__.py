"""Story clusters and the claims ledger: who asserts, reports and denies each event, across sources.

Modules: ``clusters`` (near-duplicate and syndicated articles grouped with MinHash/LSH), ``evidence`` (what
one article contributes: each event's stance, and which events its denials deny) and ``ledger`` (events of
all articles merged into claims). They are pure functions over records; the store runs them inside each
article's save transaction and keeps their results in tables (migration ``m002_claims``), and
:mod:`warta.query` asks for claims with :class:`~warta.query.ClaimQuery`.
"""
