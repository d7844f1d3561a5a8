"""Measure warta's speed and memory on this machine and write docs/benchmarks.md.

    python scripts/benchmark.py [--repeat N] [--shared PATH] [--only SECTION ...] [--out docs/benchmarks.md]

Sections: ``pipeline`` (end-to-end ``Pipeline.process``), ``stages`` (each stage of ``build_pipeline(settings)``
timed on its own), ``coder`` (the events stage alone, on documents already segmented and annotated), ``startup``
(gazetteer load, pipeline build, cold start and peak memory, each in a fresh subprocess) and ``store``
(``SqliteStore.save_article`` into a temporary database). Without ``--out`` the Markdown goes to stdout.

Every time is the best of N runs of wall time (``time.perf_counter``) after one warm-up run: the least
disturbed measurement of a noisy machine. The texts are the samples bundled with warta and, when the shared
folder is there, the gold texts of ``corpus/seed`` and ``corpus/dev.jsonl``, read at run time and never copied
into the repository. Everything runs on one core, so every rate is a rate per core.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("pipeline", "stages", "coder", "startup", "store")
WORD = re.compile(r"\w+")
#: Targets from the issues, per core: issue 3 (full Indonesian pipeline) and issue 4 (coding, parsed sentences).
TARGET_ID_WORDS_PER_S = 10_000
TARGET_CODER_SENTENCES_PER_S = 2_000
#: A coder measurement repeats its documents until one run takes at least this long.
MIN_RUN_SECONDS = 0.5


# -- inputs -------------------------------------------------------------------------------------------------


def load_corpora(settings: Any) -> dict[str, list[Any]]:
    """Named lists of Pages: the bundled samples, and the gold texts by language when ``shared`` has them."""
    from warta.evaluation.scoring import load_gold
    from warta.ingest import iter_pages
    from warta.jobs import demo_inputs
    from warta.records import Page

    corpora: dict[str, list[Any]] = {
        "samples": [page for page in iter_pages(demo_inputs(), settings) if isinstance(page, Page)]
    }
    corpus = settings.shared / "corpus"
    if not (corpus / "dev.jsonl").is_file():
        return corpora
    records = [r for path in sorted((corpus / "seed").glob("*.gold.json")) for r in load_gold(path)]
    records += load_gold(corpus / "dev.jsonl")
    # The language is left to the language stage (as for any input without one); the date is the gold's.
    pages = {
        lang: [
            Page(
                source=str(r["id"]),
                url=r.get("url"),
                text=r["text"],
                published=r.get("published"),
                record_id=str(r["id"]),
            )
            for r in records
            if r.get("lang") == lang
        ]
        for lang in ("id", "en")
    }
    corpora["gold, Indonesian"] = pages["id"]
    corpora["gold, English"] = pages["en"]
    corpora["gold, all"] = pages["id"] + pages["en"]
    return corpora


def words_of(result: Any) -> int:
    article = getattr(result, "article", None)
    return len(WORD.findall(article.text)) if article is not None else 0


# -- timing -------------------------------------------------------------------------------------------------


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls of ``run`` after one warm-up call, and the warm-up's result."""
    wall, _, result = best_times(repeat, run)
    return wall, result


def best_times(repeat: int, run: Callable[[], Any]) -> tuple[float, float, Any]:
    """Best wall time and best CPU time (this process's) of ``repeat`` calls of ``run`` after one warm-up
    call, and the warm-up's result. On a machine other jobs share, the CPU time moves less than the wall time:
    it leaves out the time spent waiting for a core."""
    result = run()
    walls, cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return min(walls), min(cpus), result


def run_stages(pipeline: Any, page: Any, spent: dict[str, float], *, stop_before: str | None = None) -> Any:
    """Run the pipeline's stages one by one on ``page``, adding each one's time to ``spent``.

    Returns the last record, or None when a stage refused the input (the pipeline would record a Failure).
    """
    from warta.errors import InputError

    record = page
    for st in pipeline.stages:
        if st.name == stop_before:
            break
        start = time.perf_counter()
        try:
            record = st(record)
        except InputError:
            return None
        finally:
            spent[st.name] = spent.get(st.name, 0.0) + time.perf_counter() - start
    return record


# -- sections -----------------------------------------------------------------------------------------------


def bench_pipeline(pipeline: Any, corpora: dict[str, list[Any]], repeat: int) -> list[str]:
    """End-to-end ``Pipeline.process`` throughput per corpus."""
    from warta.records import Failure

    lines = [
        "| corpus | articles | failed | words | best time (s) | articles/s | words/s | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, pages in corpora.items():
        seconds, results = best_of(repeat, lambda pages=pages: [pipeline.process(p) for p in pages])
        words = sum(words_of(r) for r in results)
        failed = sum(isinstance(r, Failure) for r in results)
        target = ""
        if name == "gold, Indonesian":
            rate = words / seconds
            met = "met" if rate >= TARGET_ID_WORDS_PER_S else "**missed**"
            target = f"issue 3: >= {TARGET_ID_WORDS_PER_S:,} words/s ({met})"
        lines.append(
            f"| {name} | {len(pages)} | {failed} | {words:,} | {seconds:.3f} | {len(pages) / seconds:,.1f} | "
            f"{words / seconds:,.0f} | {target} |"
        )
    return lines


def bench_stages(pipeline: Any, corpora: dict[str, list[Any]], repeat: int) -> list[str]:
    """Time per stage (best of N for each stage separately), per article and as a share of the total."""
    names = list(pipeline.names)
    chosen = {k: v for k, v in corpora.items() if k in ("samples", "gold, Indonesian", "gold, English")}
    best: dict[str, dict[str, float]] = {}
    for corpus, pages in chosen.items():
        runs = []
        for _ in range(repeat + 1):  # the first run is the warm-up
            spent: dict[str, float] = {}
            for page in pages:
                run_stages(pipeline, page, spent)
            runs.append(spent)
        best[corpus] = {stage: min(run.get(stage, 0.0) for run in runs[1:]) for stage in names}
    header = "| stage | " + " | ".join(f"{c}: ms/article | share" for c in chosen) + " |"
    lines = [header, "|---|" + "---|---|" * len(chosen)]
    for stage in names:
        cells = []
        for corpus, pages in chosen.items():
            total = sum(best[corpus].values()) or 1.0
            cells.append(f"{1000 * best[corpus][stage] / len(pages):.2f} | {best[corpus][stage] / total:.0%}")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    totals = [f"**{1000 * sum(best[c].values()) / len(p):.2f}** | 100%" for c, p in chosen.items()]
    lines.append("| all stages | " + " | ".join(totals) + " |")
    return lines


def bench_coder(pipeline: Any, corpora: dict[str, list[Any]], repeat: int) -> list[str]:
    """Sentences per second of the ``events`` stage alone, on documents that went through every earlier stage."""
    events = next(st for st in pipeline.stages if st.name == "events")
    lines = [
        "| corpus | articles | sentences | best time per pass (ms) | sentences/s | target |",
        "|---|---|---|---|---|---|",
    ]
    for name, pages in corpora.items():
        ready = [doc for doc in (run_stages(pipeline, p, {}, stop_before="events") for p in pages) if doc]
        sentences = sum(len(doc.sentences) for doc in ready)
        if not sentences:
            continue
        start = time.perf_counter()
        for doc in ready:
            events(doc)
        passes = max(1, int(MIN_RUN_SECONDS / max(time.perf_counter() - start, 1e-6)))
        seconds, _ = best_of(
            repeat, lambda ready=ready, passes=passes: [events(d) for _ in range(passes) for d in ready]
        )
        per_pass = seconds / passes
        rate = sentences / per_pass
        met = "met" if rate >= TARGET_CODER_SENTENCES_PER_S else "**missed**"
        lines.append(
            f"| {name} | {len(ready)} | {sentences} | {1000 * per_pass:.2f} | {rate:,.0f} | "
            f"issue 4: >= {TARGET_CODER_SENTENCES_PER_S:,} ({met}) |"
        )
    return lines


@contextlib.contextmanager
def _new_store(tmp: str, db: str | None) -> Iterator[Any]:
    """A new SQLite file in ``tmp``, or (``db`` a PostgreSQL URL) a new schema there, dropped afterwards."""
    from warta.store import SqliteStore

    if db is None:
        yield SqliteStore(Path(tmp) / "bench.db")
        return
    import psycopg

    from warta.store.postgres import PostgresStore

    schema = f"bench_{Path(tmp).name.lower().replace('-', '_')}"
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield PostgresStore(f"{db}{'&' if '?' in db else '?'}options=-csearch_path%3D{schema}")
        finally:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _time_saves(batch: Sequence[Any], repeat: int, db: str | None = None) -> tuple[float, float, int]:
    """Best times of saving ``batch`` into a new database and of saving it again, and the file size (of a
    SQLite file; 0 for ``db``, a PostgreSQL URL)."""
    from warta.claims import save_article

    first: list[float] = []
    again: list[float] = []
    size = 0
    for _ in range(repeat + 1):  # the first run is the warm-up
        with tempfile.TemporaryDirectory() as tmp, _new_store(tmp, db) as store:
            try:
                start = time.perf_counter()
                for doc in batch:
                    save_article(store, doc)
                first.append(time.perf_counter() - start)
                start = time.perf_counter()
                for doc in batch:
                    save_article(store, doc)
                again.append(time.perf_counter() - start)
            finally:
                store.close()
            size = sum(f.stat().st_size for f in Path(tmp).iterdir())
    return min(first[1:]), min(again[1:]), size


def bench_store(
    corpora: dict[str, list[Any]], pipeline: Any, repeat: int, *, copies: int = 10, db: str | None = None
) -> list[str]:
    """``save_article`` rates: new articles into an empty database, then the same articles again (no-ops);
    and ``copies`` copies of each article under distinct ids, as when one wire story comes from many outlets.
    With ``db`` (a PostgreSQL URL), the same into that database as well."""
    from warta.records import AnnotatedArticle

    pages = [p for name, ps in corpora.items() if name in ("samples", "gold, all") for p in ps]
    if not pages:
        pages = [p for ps in corpora.values() for p in ps]
    docs = [r for r in (pipeline.process(p) for p in pages) if isinstance(r, AnnotatedArticle)]
    syndicated = [
        dataclasses.replace(doc, article=dataclasses.replace(doc.article, id=f"{doc.article.id}-{k}"))
        for k in range(copies)
        for doc in docs
    ]
    lines = ["| articles | save new (s) | new articles/s | save again, unchanged (s) | unchanged articles/s |",
             "|---|---|---|---|---|"]  # fmt: skip
    sizes = []
    for store in (None, db) if db else (None,):
        for label, batch in (
            (f"{len(docs)} distinct", docs),
            (f"{len(syndicated)}: {copies} copies of each", syndicated),
        ):
            new, again, size = _time_saves(batch, repeat, store)
            sizes.append(size)
            label += ", PostgreSQL" if store else ""
            lines.append(
                f"| {label} | {new:.3f} | {len(batch) / new:,.0f} | {again:.3f} | {len(batch) / again:,.0f} |"
            )
    children = sum(len(d.sentences) + len(d.entities) + len(d.quotes) + len(d.events) for d in docs)
    lines += [
        "",
        f"The {len(docs)} articles are the processed samples and gold texts, {children:,} child rows (sentences, "
        f"entities, quotes, events) in all; the databases end at {sizes[0] / 1e6:.1f} and {sizes[1] / 1e6:.1f} "
        "MB. Each save is one transaction; saving an unchanged article again rewrites nothing. The copies have "
        "the same text under distinct ids, as when one wire story is stored from many outlets.",
    ]
    return lines


def bench_startup(shared: Path, repeat: int) -> list[str]:
    """Cold-start measures, each from a fresh interpreter: import, gazetteer, build, first article, peak RSS."""
    child = [sys.executable, str(Path(__file__).resolve()), "--child-startup", "--shared", str(shared)]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(child, capture_output=True, text=True, check=True).stdout
        measures = json.loads(out.strip().splitlines()[-1])
        measures["process"] = time.perf_counter() - start
        runs.append(measures)
    warta_bin = Path(sys.executable).parent / "warta"
    # One page of each language: an Indonesian page also loads the Indonesian NER pipeline (issue 12's target:
    # under 1.5 s for the whole command), an English one does not (English NER is off by default).
    samples = ROOT / "src" / "warta" / "samples"
    pages = [samples / "id-kunjungan" / "halaman-1.html", samples / "en-talks" / "page-1.html"]
    cli_times: dict[Path, list[float]] = {page: [] for page in pages}
    if warta_bin.exists():
        for _ in range(repeat):
            for page in pages:
                cli = [str(warta_bin), "extract", str(page), "--format", "json"]
                start = time.perf_counter()
                subprocess.run(cli, capture_output=True, check=True, env={**os.environ, "WARTA_CONFIG": ""})
                cli_times[page].append(time.perf_counter() - start)

    def best(key: str) -> str:
        return f"{min(r[key] for r in runs) * 1000:,.1f} ms"

    peak_build = statistics.median(r["rss_after_build_kb"] for r in runs) / 1024
    peak_all = statistics.median(r["rss_peak_kb"] for r in runs) / 1024
    child_cmd = "python scripts/benchmark.py --child-startup"
    rows = [
        ("`import warta` (lazy: names load on first use)", best("import_warta"), f"`{child_cmd}`"),
        ("`import warta.build` (the pipeline's modules)", best("import_build"), f"`{child_cmd}`"),
        ("gazetteer load (`load_gazetteer()`, first call)", best("gazetteer"), f"`{child_cmd}`"),
        ("pipeline build (`build_pipeline(settings)`, gazetteer loaded)", best("build"), f"`{child_cmd}`"),
        ("first article (sample, includes lazy model loads)", best("first_article"), f"`{child_cmd}`"),
        (
            f"whole cold run: interpreter start, build, all {runs[0]['articles']} articles, exit",
            best("process"),
            f"`{child_cmd}`",
        ),
        ("peak RSS after building the pipeline", f"{peak_build:,.0f} MB", f"`{child_cmd}`"),
        (f"peak RSS after processing all {runs[0]['articles']} articles", f"{peak_all:,.0f} MB", f"`{child_cmd}`"),
    ]
    for page, times in cli_times.items():
        if times:
            shown = f"`warta extract {page.relative_to(ROOT)} --format json`"
            rows.append(
                (
                    f"`warta extract` of one page ({page.parent.name}), whole command",
                    f"{min(times) * 1000:,.0f} ms",
                    shown,
                )
            )
    return ["| measure | best | command |", "|---|---|---|", *[f"| {a} | {b} | {c} |" for a, b, c in rows]]


def peak_rss_kb() -> int:
    """This process's peak resident set size in KiB.

    Linux's ``VmHWM`` belongs to the process image, so it starts afresh at exec; ``ru_maxrss`` survives exec
    and would report the parent's peak (the benchmark process) for a child that is smaller.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child_startup(shared: Path) -> None:
    """Run in a fresh interpreter by :func:`bench_startup`; prints its measures as one JSON line."""
    start = time.perf_counter()
    import warta  # noqa: F401 - measuring the import itself

    measures: dict[str, Any] = {"import_warta": time.perf_counter() - start}
    start = time.perf_counter()
    import warta.build

    measures["import_build"] = time.perf_counter() - start
    from warta.nlp.gazetteer_data import load_gazetteer
    from warta.settings import load_settings

    start = time.perf_counter()
    gazetteer = load_gazetteer()
    measures["gazetteer"] = time.perf_counter() - start
    settings = load_settings(env={}, overrides={"shared": shared, "http_delay": 0.0})
    start = time.perf_counter()
    pipeline = warta.build.build_pipeline(settings, gazetteer=gazetteer)
    measures["build"] = time.perf_counter() - start
    measures["rss_after_build_kb"] = peak_rss_kb()
    corpora = load_corpora(settings)
    pages = corpora["samples"] + corpora.get("gold, all", [])
    start = time.perf_counter()
    pipeline.process(pages[0])
    measures["first_article"] = time.perf_counter() - start
    for page in pages[1:]:
        pipeline.process(page)
    measures["articles"] = len(pages)
    measures["rss_peak_kb"] = peak_rss_kb()
    print(json.dumps(measures))


# -- the report ---------------------------------------------------------------------------------------------


def machine() -> str:
    """CPU model, cores, OS, Python, warta version and commit."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    import warta

    commit = "unknown commit"
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()  # fmt: skip
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True,
                               text=True, check=True).stdout.strip()  # fmt: skip
        commit = f"commit {head}" + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        pass
    return (
        f"{model}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; Python "
        f"{platform.python_version()}; warta {warta.__version__} at {commit}"
    )


def shipped_models() -> str:
    """Which trained pipelines warta ships (the issue 3 speed target is for the pipeline with them)."""
    from warta.models import PIPELINES, model_path

    found = [name for lang, name in sorted(PIPELINES.items()) if (model_path(lang) / "meta.json").exists()]
    return ", ".join(found) if found else "none yet, so these are the figures of the rule-based pipeline"


INTRO = """# Benchmarks

Regenerate with `make bench` (that is, `python scripts/benchmark.py --out docs/benchmarks.md`); one section
alone with `python scripts/benchmark.py --only SECTION` (printed, not written), as shown under each heading.
Every time is the best of {repeat} runs of wall time after a warm-up run; everything runs on one core, so each
rate is a rate per core. Machines are noisy: the tests never assert on these numbers.

- **Machine**: {machine}
- **Measured**: {date}, with a 1-minute load average of {load:.2f} on {cores} cores at the start (other work on
  the machine slows everything down; best-of-N only partly hides it)
- **Texts**: the two multi-page samples bundled with warta (`src/warta/samples`){gold}
- **Trained models** in `src/warta/models`: {models}
"""

HEADINGS = {
    "pipeline": "End to end: `Pipeline.process`",
    "stages": "Per stage",
    "coder": "Event coder",
    "startup": "Start-up and memory",
    "store": "Store: `warta.claims.save_article` (the article and its place in the claims ledger)",
}
NOTES = {
    "pipeline": "Page in, `AnnotatedArticle` out: extraction, language, segmentation, entities, quotes and "
    "events. Words are `\\w+` runs of the extracted article text.",
    "stages": "Each stage of `build_pipeline(settings).stages` run one by one on every article, the best of "
    "{repeat} runs taken for each stage separately.",
    "coder": "The `events` stage alone, on documents already segmented and annotated by every earlier stage "
    "(whatever parsing the pipeline does before `events` is not counted; parsing done inside the stage is).",
    "startup": "Each figure comes from a fresh interpreter (best of {repeat}); memory is the process's peak "
    "resident set size (`VmHWM`), the median of the runs.",
    "store": "Into a new SQLite file in a temporary folder (WAL, `synchronous=NORMAL`), as `warta run` writes.",
}


def report(sections: Sequence[str], repeat: int, shared: Path, *, db: str | None = None) -> str:
    from warta.build import build_pipeline
    from warta.settings import load_settings

    settings = load_settings(env={}, overrides={"shared": shared, "http_delay": 0.0})
    pipeline = build_pipeline(settings)
    corpora = load_corpora(settings)
    gold = corpora.get("gold, all")
    gold_note = (
        f"; the {len(gold)} gold texts of `$WARTA_SHARED/corpus` (`seed/` and `dev.jsonl`: "
        f"{len(corpora['gold, Indonesian'])} Indonesian, {len(corpora['gold, English'])} English), "
        "read at run time"
        if gold
        else "; the gold corpus was not found, so only the samples were measured"
    )
    text = INTRO.format(
        repeat=repeat,
        machine=machine(),
        date=dt.date.today().isoformat(),
        load=os.getloadavg()[0],
        cores=os.cpu_count(),
        gold=gold_note,
        models=shipped_models(),
    )
    for section in sections:
        if section == "pipeline":
            body = bench_pipeline(pipeline, corpora, repeat)
        elif section == "stages":
            body = bench_stages(pipeline, corpora, repeat)
        elif section == "coder":
            body = bench_coder(pipeline, corpora, repeat)
        elif section == "startup":
            body = bench_startup(shared, repeat)
        else:
            body = bench_store(corpora, pipeline, repeat, db=db)
        command = f"python scripts/benchmark.py --only {section} --repeat {repeat}"
        if db and section == "store":
            command += " --db postgresql://..."
        note = NOTES[section].format(repeat=repeat)
        text += f"\n## {HEADINGS[section]}\n\nCommand: `{command}`. {note}\n\n" + "\n".join(body) + "\n"
    return text


def other_sections(path: Path) -> str:
    """The sections of an existing report that other scripts write (``scripts/bench_dask.py``), kept as they are
    when this script rewrites its own."""
    if not path.exists():
        return ""
    ours = {f"## {heading}" for heading in HEADINGS.values()}
    sections = re.split(r"(?m)^(?=## )", path.read_text(encoding="utf-8"))[1:]
    return "".join(
        "\n" + section.rstrip("\n") + "\n" for section in sections if section.splitlines()[0] not in ours
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (best is reported)")
    parser.add_argument(
        "--shared", type=Path, default=None, help="shared folder (default: WARTA_SHARED, ../shared)"
    )
    parser.add_argument("--only", action="append", choices=SECTIONS, help="measure only this section")
    parser.add_argument("--out", type=Path, default=None, help="write the report here instead of stdout")
    parser.add_argument(
        "--db", default=None, help="store section: also save into this PostgreSQL database (a schema per run)"
    )
    parser.add_argument("--child-startup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.shared is None:
        from warta.settings import load_settings

        args.shared = load_settings().shared
    if args.child_startup:
        child_startup(args.shared)
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.out is not None and args.only:
        parser.error("--out writes the whole report; drop --only")
    text = report(args.only or SECTIONS, args.repeat, args.shared, db=args.db)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text + other_sections(args.out), encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
