"""``warta models``: the shipped spaCy pipelines on the command line (a thin shell over :mod:`warta.training`).

::

    warta models list                       # shipped pipelines: size, components, licence, sources
    warta models evaluate [LANG...]         # UPOS, lemma, LAS, sentence F1, NER F1 per label, words/s
    warta models train LANG [--data PATH]   # run or resume the recipe; install only if it beats the shipped one
    warta models train events               # the event model: cross-validate, train, install if better
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from warta.cli.common import ConfigOpt, check_table_or_json, command_settings, guard
from warta.errors import ModelError, ReadError, UsageError
from warta.models import MODELS_DIR, PIPELINES

app = typer.Typer(
    help="Shipped language pipelines: list them, score them on the gold test sets, retrain them.",
    no_args_is_help=True,
    add_completion=False,
)

_out = Console(soft_wrap=False)

DataOpt = Annotated[
    Path | None, typer.Option("--data", help="datasets folder (default: <shared>/datasets from the settings)")
]
ModelsOpt = Annotated[
    Path | None, typer.Option("--models", help="folder of pipelines (default: the shipped ones)")
]


def _data_folder(data: Path | None, config: Path | None) -> Path:
    folder = data or command_settings(config).shared / "datasets"
    if not folder.is_dir():
        raise ReadError(f"no datasets folder at {folder}: pass --data or set WARTA_SHARED")
    return folder


def _languages(langs: list[str] | None) -> list[str]:
    chosen = langs or sorted(PIPELINES)
    unknown = [lang for lang in chosen if lang not in PIPELINES]
    if unknown:
        raise UsageError(f"unknown language {', '.join(unknown)}; known: {', '.join(sorted(PIPELINES))}")
    return chosen


@app.command("list")
def list_(models: ModelsOpt = None, fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table"):
    """The pipelines in the models folder with their size, components, licence and data sources."""
    from warta.evaluation.models import model_size_mb

    def body() -> int:
        check_table_or_json(fmt)
        rows = []
        for lang, name in sorted(PIPELINES.items()):
            folder = (models or MODELS_DIR) / name
            meta_path = folder / "meta.json"
            if not meta_path.is_file():
                rows.append({"lang": lang, "name": name, "path": str(folder), "installed": False})
                continue
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            rows.append({
                "lang": lang, "name": name, "path": str(folder), "installed": True,
                "size_mb": model_size_mb(folder), "pipeline": meta.get("pipeline", []),
                "license": meta.get("license"), "sources": meta.get("sources", []),
            })  # fmt: skip
        if fmt == "json":
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return 0
        table = Table("lang", "pipeline", "MB", "components", "licence", "sources")
        for row in rows:
            if not row["installed"]:
                table.add_row(row["lang"], row["name"], "", "(not installed)", "", "")
                continue
            sources = "; ".join(s["name"].split(" (")[0] for s in row["sources"])
            table.add_row(row["lang"], row["name"], f"{row['size_mb']:.1f}", ", ".join(row["pipeline"]),
                          row["license"] or "", sources)  # fmt: skip
        _out.print(table)
        return 0

    guard(body)


@app.command()
def evaluate(
    langs: Annotated[list[str] | None, typer.Argument(help="languages (default: all)", show_default=False)] = None,
    model: Annotated[Path | None, typer.Option("--model", help="score this pipeline folder instead")] = None,
    test: Annotated[list[str] | None, typer.Option("--test", help="only this test set (repeatable)")] = None,
    limit: Annotated[int, typer.Option(help="score only the first N documents of each test set")] = 0,
    data: DataOpt = None,
    models: ModelsOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table (markdown) or json")] = "table",
    config: ConfigOpt = None,
) -> None:
    """Score pipelines on the gold test sets: UPOS, lemma, LAS, sentence F1, NER F1 per label, words/second."""
    from warta.evaluation.models import evaluate_model, markdown_table

    def body() -> int:
        check_table_or_json(fmt)
        chosen = _languages(langs)
        if model is not None and len(chosen) != 1:
            raise UsageError("--model needs exactly one language")
        folder = _data_folder(data, config)
        results = {}
        for lang in chosen:
            path = model or (models or MODELS_DIR) / PIPELINES[lang]
            if not (path / "meta.json").is_file():
                raise ModelError(f"no pipeline at {path}")
            results[lang] = evaluate_model(path, lang=lang, data=folder, tests=test, limit=limit)
        if fmt == "json":
            print(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            print("\n\n".join(markdown_table(result) for result in results.values()))
        return 0

    guard(body)


@app.command()
def train(
    lang: Annotated[str, typer.Argument(help="id or en (a language pipeline), or events (the event model)")],
    data: DataOpt = None,
    work: Annotated[Path, typer.Option(help="work folder for the runs (resumed when present)")] = Path("training"),
    rounds: Annotated[int | None, typer.Option(help="total rounds per training (default: the recipe's)")] = None,
    round_steps: Annotated[int | None, typer.Option(help="updates per round (default: the recipe's)")] = None,
    install: Annotated[bool, typer.Option(help="install the result if it beats the shipped pipeline")] = True,
    force: Annotated[bool, typer.Option(help="install even if it scores lower")] = False,
    models: ModelsOpt = None,
    log_file: Annotated[Path | None, typer.Option("--log", help="also log to this file")] = None,
    config: ConfigOpt = None,
) -> None:
    """Train (or resume training) the pipeline of LANG from the gold data, then install it only if it is better.

    Long: hours on two cores. Run it in the background (``nohup warta models train id --log train.log &``);
    run the same command again to resume after an interruption.
    """
    from warta.evaluation.models import install_if_better
    from warta.training.package import train_language

    if lang == "events":
        _train_events(work, install, force, log_file, config)
        return

    def body() -> int:
        (chosen,) = _languages([lang])
        folder = _data_folder(data, config)
        _configure_logging(log_file)
        try:
            candidate = train_language(chosen, data=folder, work=work, rounds=rounds, round_steps=round_steps)
        except (OSError, ValueError) as exc:
            raise ModelError(f"training {chosen} failed: {exc}") from exc
        _out.print(f"assembled {candidate}")
        if not install:
            return 0
        decision = install_if_better(candidate, chosen, data=folder, models=models or MODELS_DIR, force=force)
        shipped = "none" if decision.shipped_score is None else f"{decision.shipped_score:.2f}"
        verdict = "installed to" if decision.installed else "kept the shipped pipeline at"
        _out.print(f"mean score {decision.candidate_score:.2f} vs shipped {shipped}: {verdict} {decision.target}")
        return 0

    guard(body)


def _train_events(work: Path, install: bool, force: bool, log_file: Path | None, config: Path | None) -> None:
    """``warta models train events``: cross-validate and train the event model from corpus/train.jsonl."""
    from warta.evaluation.event_folds import run

    def body() -> int:
        _configure_logging(log_file)
        settings = command_settings(config)
        corpus = settings.shared / "corpus" / "train.jsonl"
        if not corpus.exists():
            raise ReadError(f"no gold corpus at {corpus} (set WARTA_SHARED)")
        score, shipped, installed = run(settings, work / "events", install=install, force=force)
        was = "none" if shipped is None else f"{shipped:.4f}"
        verdict = "installed" if installed else "kept the shipped model"
        _out.print(f"cross-validated event F1 (mean of id, en) {score:.4f} vs shipped {was}: {verdict}")
        return 0

    guard(body)


def _configure_logging(log_file: Path | None) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s %(message)s", handlers=handlers, force=True
    )
