"""warta's fuzzing harness: hostile inputs for every layer, and a runner for long runs.

``python -m fuzz.run --help`` (from the repository root) says how to run it; docs/reliability.md has the
counts of the last long run. The same strategies and invariants drive the property tests in
``tests/robustness/``.
"""
