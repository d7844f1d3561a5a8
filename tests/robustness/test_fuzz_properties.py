"""Hostile inputs through every layer, as property tests: the fuzzing harness's targets (``fuzz/targets.py``),
a few dozen examples each.

Each target runs its input through one layer (decoding, ingest of every file kind, JSONL, dates, quote
marks, segmentation, language identification, extraction, the whole pipeline saved into a store and read
back) and checks the invariants of ``fuzz/checks.py``: no exception but a typed refusal, every failure a
``W2xx`` record, the output valid against the JSON Schema, every offset inside the text, the budgets kept.

The counts below are for the default hypothesis profile (about 30 s in all on the development machine);
``pytest --hypothesis-profile=fuzz tests/robustness`` multiplies them by 20. Long runs use the harness
itself: ``python -m fuzz.run`` (docs/reliability.md).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from fuzz.targets import TARGETS

#: Examples per target under the default profile: many for the layers that take a millisecond, few for the
#: whole pipeline (a fifth of a second an input).
EXAMPLES = {
    "decode": 100,
    "ingest": 40,
    "jsonl": 40,
    "dates": 80,
    "quote_marks": 80,
    "segment": 60,
    "language": 20,
    "extract": 25,
    "pipeline": 20,
}


def _scaled(count: int) -> int:
    # Hypothesis's default is 100 examples; a profile asking for more scales every target alike.
    return max(1, count * hypothesis_settings().max_examples // 100)


def test_fuzz_properties_cover_every_target() -> None:
    assert set(EXAMPLES) == set(TARGETS)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_fuzz_target_keeps_its_invariants(name: str) -> None:
    target = TARGETS[name]

    @hypothesis_settings(
        max_examples=_scaled(EXAMPLES[name]),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    @given(target.strategy)
    def check(value: Any) -> None:
        target.run(value)

    check()
