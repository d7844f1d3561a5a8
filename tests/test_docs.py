"""Docs are code: the generated references match the CLI and the settings, every command is documented, and
the README's promises (two commands, CI runs the test command) hold. Regenerate with
``python scripts/gen_cli_docs.py``."""

from __future__ import annotations

import dataclasses
import re
import shlex
from pathlib import Path
from types import ModuleType

import pytest

from scripts_loader import load_script
from warta.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
REGENERATE = "run `python scripts/gen_cli_docs.py` and commit the result"
#: What docs/ may hold: every other page belongs in one of these or in the README.
DOC_PAGES = {
    "accuracy.md",
    "models.md",
    "benchmarks.md",
    "reliability.md",
    "cli.md",
    "settings.md",
    "quotes.md",
    "coder.md",
    "languages.md",
    "storage.md",
    "serve.md",
    "screenshots",  # the web app's pages, saved by tests/web and shown in the README
}


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    return load_script("gen_cli_docs")


def _section(text: str, heading: str) -> str:
    """The body of the level-2 section ``## heading`` (up to the next level-2 heading)."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    assert match, f"README.md has no '## {heading}' section"
    return match.group(1)


def _code_lines(section: str) -> list[str]:
    """Lines of the fenced code blocks in ``section``, without comments and blank lines."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", section, flags=re.S | re.M)
    lines = [line.split("#", 1)[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def test_docs_cli_reference_is_up_to_date(gen):
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == gen.render_cli(), f"docs/cli.md is stale: {REGENERATE}"


def test_docs_settings_reference_is_up_to_date(gen):
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    assert text == gen.render_settings(), f"docs/settings.md is stale: {REGENERATE}"


def test_docs_every_command_is_in_the_reference_and_the_readme(gen):
    paths = gen.command_paths()
    assert {"extract", "run", "demo", "events", "quotes", "entities", "failures", "export", "eval"} <= set(paths)
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    usage = _code_lines(_section(README.read_text(encoding="utf-8"), "Using it"))
    shown = {" ".join(shlex.split(line)[1:2]) for line in usage if line.startswith("warta ")}
    for path in paths:
        assert f"## warta {path}\n" in reference, f"`warta {path}` is missing from docs/cli.md: {REGENERATE}"
        top = path.split()[0]  # sub-commands (`warta claims show`) are documented in docs/cli.md only
        assert top in shown, f"`warta {top}` has no example in README.md's 'Using it' section; add one"


def test_docs_every_setting_has_help_and_is_documented():
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(Settings):
        assert field.metadata.get("help"), f"Settings.{field.name} has no metadata help text"
        assert f"| `{field.name}` | `WARTA_{field.name.upper()}` |" in text, f"{field.name}: {REGENERATE}"


def test_docs_readme_promises_exactly_two_commands():
    section = _section(README.read_text(encoding="utf-8"), "Two commands")
    assert _code_lines(section) == ["make demo", "make test"]
    targets = re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M)
    assert {"demo", "test", "bench"} <= set(targets)


def test_docs_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "make test" in commands


def test_docs_folder_holds_only_the_agreed_pages():
    pages = {path.name for path in DOCS.iterdir()}
    assert pages <= DOC_PAGES, f"unexpected files in docs/: {sorted(pages - DOC_PAGES)}"


def test_docs_reference_escapes_table_cells(gen):
    assert gen._cell("a | b <c>\n d") == "a \\| b &lt;c&gt; d"


def test_docs_benchmark_report_names_machine_and_commands():
    text = (DOCS / "benchmarks.md").read_text(encoding="utf-8")
    assert "make bench" in text and "**Machine**:" in text
    for heading in ("End to end", "Per stage", "Event coder", "Start-up and memory", "Store"):
        assert f"## {heading}" in text, f"docs/benchmarks.md has no '{heading}' section: run `make bench`"
    assert text.count("Command: `python scripts/benchmark.py --only ") == 5


def test_docs_benchmark_script_still_runs(settings, monkeypatch):
    # The script must keep up with the code it measures; no time is asserted (machines are noisy).
    bench = load_script("benchmark")
    monkeypatch.setattr(bench, "MIN_RUN_SECONDS", 0.0)
    from warta.build import build_pipeline

    pipeline = build_pipeline(settings)
    corpora = {"samples": bench.load_corpora(settings)["samples"]}
    assert len(corpora["samples"]) == 2
    for lines in (
        bench.bench_pipeline(pipeline, corpora, 1),
        bench.bench_stages(pipeline, corpora, 1),
        bench.bench_coder(pipeline, corpora, 1),
        bench.bench_store(corpora, pipeline, 1, copies=1),
    ):
        assert lines[0].startswith("| ") and len(lines) >= 3
    assert "| events |" in "\n".join(bench.bench_stages(pipeline, corpora, 1))
