"""Kill ``warta run`` with SIGKILL at random moments during a long ingest, rerun it, and check the store.

::

    python scripts/crash_test.py                          # 1,000 articles, 20 kills, SQLite (a few minutes)
    python scripts/crash_test.py --articles 50 --kills 3  # the short version the test suite runs
    python scripts/crash_test.py --db postgresql://... --clean-db postgresql://...   # another store

What it does:

1. writes ``--articles`` news articles, generated from its own templates (both languages, several outlets
   reporting the same stories, so the claims ledger gets clusters, shared claims and denials), as one JSONL
   file;
2. a **clean run**: ``warta run`` over the file into a fresh database, uninterrupted, timed;
3. the **killed runs**: the same command into a second database, killed with SIGKILL ``--kills`` times, each
   time once it has saved a random number of new articles and a random fraction of a second more, so the
   kills are spread over the whole ingest and land inside saves and between them (each run starts over: what
   is stored is skipped), then run once more to the end;
4. checks the database after every kill (intact, no orphan, each stored article whole and as the clean run
   stored it), then, after the last run, compares the two databases table by table (every column but run
   ids and timestamps): each article stored exactly once, with all its sentences, entities, quotes, events
   and actors, and the same claims ledger (clusters, evidence, denials, claims, stances); no row without its
   article or event; SQLite's ``integrity_check`` and ``foreign_key_check`` pass;
5. **two writers**: two ``warta run`` processes started together on one new SQLite file, on overlapping
   halves of the articles: both must finish (one waits for the other's write lock) or one must fail with a
   clear ``W40x`` error; every article exactly once with the same derived rows as the clean run, the
   ledger consistent (its rows may differ from a sequential run's: which article founded a claim depends on
   the order the two processes saved them in).

Exits 0 when every check passes, 1 otherwise; ``--json`` writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Columns that record when or in which run a row was written, not what it holds: they differ between two
# runs of the same inputs by design.
VOLATILE = frozenset({"run_id", "first_seen", "updated", "last_seen", "attempts", "started", "finished",
                      "applied_at"})  # fmt: skip
# Bookkeeping tables: one row per run or migration, not derived from the articles.
SKIPPED_TABLES = frozenset({"runs", "schema_migrations"})
ARTICLE_TABLES = ("articles", "sentences", "entities", "quotes", "events", "event_actors")
# Child rows and the column naming their parent; a child whose parent is missing is an orphan.
PARENTS = {
    "sentences": ("article_id", "articles"),
    "entities": ("article_id", "articles"),
    "quotes": ("article_id", "articles"),
    "events": ("article_id", "articles"),
    "event_actors": ("event_id", "events"),
    "article_clusters": ("article_id", "articles"),
    "article_bands": ("article_id", "articles"),
    "claim_evidence": ("article_id", "articles"),
    "event_denials": ("article_id", "articles"),
    "claim_stances": ("claim_id", "claims"),
}

# -- the articles ------------------------------------------------------------------------------------------

_LEADERS = [
    ("Joko Widodo", "Presiden Indonesia", "President of Indonesia"),
    ("Anthony Albanese", "Perdana Menteri Australia", "Prime Minister of Australia"),
    ("Vladimir Putin", "Presiden Rusia", "President of Russia"),
    ("Kim Jong Un", "pemimpin Korea Utara", "North Korean leader"),
    ("Antony Blinken", "Menteri Luar Negeri AS", "US Secretary of State"),
    ("Retno Marsudi", "Menteri Luar Negeri Indonesia", "Indonesian Foreign Minister"),
    ("Xi Jinping", "Presiden China", "Chinese President"),
    ("Anwar Ibrahim", "Perdana Menteri Malaysia", "Prime Minister of Malaysia"),
]
_CITIES = ["Jakarta", "Canberra", "Moskow", "Pyongyang", "Beijing", "Kuala Lumpur", "Bogor", "Bali"]
_OUTLETS = ["Kabar Harian", "Warta Kita", "Daily Courier", "Berita Pagi", "The Morning Post"]
_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus"]

_ID_STORY = (
    "{city} - {office_a} {a} bertemu dengan {office_b} {b} di {city} pada {day} {month} 2024. Kedua pemimpin "
    "membahas kerja sama perdagangan dan keamanan kawasan.\n\n"
    "\u201cKami sepakat memperkuat kerja sama di bidang {field},\u201d kata {a_short} kepada wartawan.\n\n"
    "{b_short} menambahkan bahwa negaranya akan mengirim {n} ton bantuan beras. Sementara itu, juru bicara "
    "oposisi menuduh pemerintah {b_short} menyembunyikan isi perjanjian itu.\n\n"
    "Laporan {outlet}, nomor {serial}."
)
_EN_STORY = (
    "{city} - {office_a_en} {a} met {office_b_en} {b} in {city} on {month_en} {day}, 2024, to discuss trade "
    "and regional security.\n\n"
    '"We agreed to deepen our cooperation on {field_en}," {a_short} told reporters.\n\n'
    "{b_short} said his country would send {n} tonnes of rice in aid. Opposition leaders accused "
    "{b_short}'s government of hiding the terms of the deal, which it denied.\n\n"
    "Report by {outlet}, number {serial}."
)
_FIELDS = [("energi", "energy"), ("pertahanan", "defence"), ("pendidikan", "education"), ("maritim", "maritime")]
_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August"]


def make_articles(count: int, *, seed: int) -> list[dict[str, Any]]:
    """``count`` JSONL records: about one story for every four articles, each story told by several outlets
    in either language (so the ledger has clusters and claims with several sources)."""
    rng = random.Random(seed)
    stories = []
    for _ in range(max(1, count // 4)):
        a, b = rng.sample(_LEADERS, 2)
        month = rng.randrange(len(_MONTHS))
        field = rng.choice(_FIELDS)
        stories.append({
            "a": a[0], "office_a": a[1], "office_a_en": a[2], "a_short": a[0].split()[-1],
            "b": b[0], "office_b": b[1], "office_b_en": b[2], "b_short": b[0].split()[-1],
            "city": rng.choice(_CITIES), "day": rng.randint(1, 28), "month": _MONTHS[month],
            "month_en": _MONTHS_EN[month], "field": field[0], "field_en": field[1],
            "n": rng.choice([100, 500, 1000, 2500]),
        })  # fmt: skip
    records = []
    for serial in range(count):
        story = rng.choice(stories)
        language = rng.choice(["id", "id", "en"])
        text = (_ID_STORY if language == "id" else _EN_STORY).format(
            **story, outlet=rng.choice(_OUTLETS), serial=serial
        )
        published = f"2024-{_MONTHS.index(story['month']) + 1:02d}-{story['day']:02d}"
        records.append({"id": f"crash-{serial:05d}", "text": text, "published": published, "lang": language})
    return records


# -- running warta -----------------------------------------------------------------------------------------


def warta_command() -> list[str]:
    """The ``warta`` console script of this Python environment."""
    beside = Path(sys.executable).parent / "warta"
    found = str(beside) if beside.exists() else shutil.which("warta")
    if not found:
        raise SystemExit("cannot find the warta command; install warta (make setup) first")
    return [found]


def run_env(db: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("WARTA_")}
    env["WARTA_DB"] = db
    return env


def start_run(db: str, inputs: Sequence[Path]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*warta_command(), "run", *map(str, inputs)],
        env=run_env(db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, err = process.communicate()
    return process.returncode, err.decode("utf-8", errors="replace")


# -- reading a database ------------------------------------------------------------------------------------


class Database:
    """Read access to a store's tables through DB-API: SQLite files here, PostgreSQL through psycopg."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith(("postgresql://", "postgres://")):
            import psycopg  # only needed for a PostgreSQL store

            self.conn: Any = psycopg.connect(url)
            self.sqlite = False
        else:
            self.conn = sqlite3.connect(sqlite_path(url))
            self.sqlite = True

    def rows(self, sql: str) -> list[tuple]:
        cursor = self.conn.cursor()
        cursor.execute(sql)
        return list(cursor.fetchall())

    def tables(self) -> list[str]:
        if self.sqlite:
            found = self.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        else:
            # the store's own schema (a URL may set search_path), not always "public"
            found = self.rows(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )
        return sorted(name for (name,) in found if name not in SKIPPED_TABLES)

    def columns(self, table: str) -> list[str]:
        if self.sqlite:
            return [row[1] for row in self.rows(f"PRAGMA table_info({table})")]
        return [name for (name,) in self.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            f"AND table_name = '{table}' ORDER BY ordinal_position")]  # fmt: skip

    def content(self, table: str, *, ignore: Sequence[str] = ()) -> Counter[tuple]:
        """The table's rows without their volatile columns (and ``ignore``), as a multiset."""
        kept = [c for c in self.columns(table) if c not in VOLATILE and c not in ignore]
        return Counter(self.rows(f"SELECT {', '.join(kept)} FROM {table}"))

    def close(self) -> None:
        self.conn.close()


def sqlite_path(url: str) -> str:
    return url[len("sqlite:///") :] if url.startswith("sqlite:///") else url


def check_integrity(db: Database) -> list[str]:
    """Problems with one database on its own: orphans, duplicates, SQLite's own checks."""
    problems = []
    if db.sqlite:
        if db.rows("PRAGMA integrity_check") != [("ok",)]:
            problems.append("integrity_check failed")
        if db.rows("PRAGMA foreign_key_check"):
            problems.append("foreign_key_check found rows")
    for child, (column, parent) in PARENTS.items():
        key = "id"
        [(orphans,)] = db.rows(f"SELECT COUNT(*) FROM {child} WHERE {column} NOT IN (SELECT {key} FROM {parent})")
        if orphans:
            problems.append(f"{orphans} {child} rows without their {parent} row")
    [(dupes,)] = db.rows("SELECT COUNT(*) FROM (SELECT id FROM articles GROUP BY id HAVING COUNT(*) > 1) d")
    if dupes:
        problems.append(f"{dupes} articles stored more than once")
    [(bare,)] = db.rows("SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)")
    if bare:
        problems.append(f"{bare} articles without sentences")
    [(unclustered,)] = db.rows(
        "SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article_id FROM article_clusters)"
    )
    if unclustered:
        problems.append(f"{unclustered} articles missing from the ledger (no story cluster)")
    # The ledger's references that carry no foreign key (m002_claims says why): each must still resolve.
    ledger_checks = {
        "evidence rows of an event that is not stored": "SELECT COUNT(*) FROM claim_evidence "
        "WHERE event_id NOT IN (SELECT id FROM events)",
        "evidence rows merged into a claim that does not exist": "SELECT COUNT(*) FROM claim_evidence "
        "WHERE claim_id IS NOT NULL AND claim_id NOT IN (SELECT id FROM claims)",
        "stances on an event that is not stored": "SELECT COUNT(*) FROM claim_stances "
        "WHERE event_id NOT IN (SELECT id FROM events)",
        "claims without a stance": "SELECT COUNT(*) FROM claims c "
        "WHERE NOT EXISTS (SELECT 1 FROM claim_stances s WHERE s.claim_id = c.id)",
    }
    for what, sql in ledger_checks.items():
        [(found,)] = db.rows(sql)
        if found:
            problems.append(f"{found} {what}")
    return problems


def check_partial(clean_url: str, killed_url: str) -> list[str]:
    """Right after a kill: the database is intact, and every article in it is stored whole, exactly as the
    clean run stored it (its rows a subset of the clean run's); the ledger is checked as a whole at the end."""
    if count_articles(killed_url) == 0:
        return []  # killed before the first article was saved (or before the tables were made)
    clean, killed = Database(clean_url), Database(killed_url)
    try:
        problems = check_integrity(killed)
        for table in ARTICLE_TABLES:
            extra = sum((killed.content(table) - clean.content(table)).values())
            if extra:
                problems.append(f"{table}: {extra} rows that the clean run does not have")
        stored = {article_id for (article_id,) in killed.rows("SELECT id FROM articles")}
        for table in ("sentences", "entities", "quotes", "events"):
            expected = Counter(a for (a,) in clean.rows(f"SELECT article_id FROM {table}") if a in stored)
            if Counter(a for (a,) in killed.rows(f"SELECT article_id FROM {table}")) != expected:
                problems.append(f"{table}: a stored article lacks some of its rows")
    finally:
        clean.close()
        killed.close()
    return problems


def compare(clean: Database, other: Database, tables: Sequence[str], *, ignore: Sequence[str] = ()) -> list[str]:
    """Tables whose content differs between the two databases (``ignore``: columns left out), with the size
    of the difference."""
    problems = []
    for table in tables:
        mine, theirs = clean.content(table, ignore=ignore), other.content(table, ignore=ignore)
        if mine != theirs:
            missing, extra = sum((mine - theirs).values()), sum((theirs - mine).values())
            problems.append(f"{table}: {missing} rows of the clean run missing, {extra} rows not in it")
    return problems


# -- the test ----------------------------------------------------------------------------------------------


def new_sqlite(folder: Path, name: str) -> str:
    path = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return str(path)


def kill_test(args: argparse.Namespace, folder: Path, batch: Path) -> dict[str, Any]:
    rng = random.Random(args.seed)
    clean_db = args.clean_db or new_sqlite(folder, "clean.db")
    killed_db = args.db or new_sqlite(folder, "killed.db")
    started = time.monotonic()
    code, err = finish(start_run(clean_db, [batch]))
    clean_seconds = time.monotonic() - started
    print(f"clean run: exit {code} after {clean_seconds:.1f}s", file=sys.stderr, flush=True)
    if code != 0:
        return {"passed": False, "problems": [f"clean run exited {code}: {err[-500:]}"]}
    kills = []
    for number in range(args.kills):
        stored = count_articles(killed_db) or 0
        # Spread the kills over the whole ingest: each run is killed once it has saved a random number of new
        # articles (about as many as leave an even share for the kills still to come), plus a random fraction
        # of a second, so that the kill lands anywhere in an article's save or in the work between two saves.
        share = max(1, 2 * (args.articles - stored) // (args.kills - number + 1))
        target = stored + rng.randint(1, share)
        process = start_run(killed_db, [batch])
        started = time.monotonic()
        while process.poll() is None and (count_articles(killed_db) or 0) < target:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        code, _ = finish(process)
        wait = time.monotonic() - started
        kill = {"after": round(wait, 2), "exit": code, "stored": count_articles(killed_db)}
        kill["problems"] = check_partial(clean_db, killed_db)
        kills.append(kill)
        print(f"kill {len(kills)}/{args.kills}: {kill}", file=sys.stderr, flush=True)
    code, err = finish(start_run(killed_db, [batch]))
    problems = [] if code == 0 else [f"final rerun exited {code}: {err[-500:]}"]
    problems += [f"after kill {n}: {p}" for n, kill in enumerate(kills, start=1) for p in kill["problems"]]
    clean, killed = Database(clean_db), Database(killed_db)
    try:
        problems += [f"clean run: {p}" for p in check_integrity(clean)]
        problems += check_integrity(killed)
        tables = clean.tables()
        if "articles" not in tables:  # a comparison of no tables would pass whatever was stored
            problems.append(f"no warta tables found in the clean database ({len(tables)} tables)")
        problems += compare(clean, killed, tables)
        counts = {table: sum(killed.content(table).values()) for table in tables}
    finally:
        clean.close()
        killed.close()
    return {
        "passed": not problems,
        "problems": problems,
        "clean_run_seconds": round(clean_seconds, 1),
        "kills": kills,
        "killed_mid_run": sum(1 for k in kills if k["exit"] == -signal.SIGKILL),
        "kills_passed": sum(1 for k in kills if not k["problems"]),
        "rows": counts,
    }


def count_articles(db: str) -> int | None:
    try:
        database = Database(db)
    except Exception:  # noqa: BLE001 - a count for the report only; the checks come later
        return None
    try:
        return database.rows("SELECT COUNT(*) FROM articles")[0][0]
    except Exception:  # noqa: BLE001 - the first run may be killed before the tables exist
        return 0
    finally:
        database.close()


def two_writers(args: argparse.Namespace, folder: Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Two processes on one SQLite file, on overlapping halves of the articles."""
    third = len(records) // 3
    halves = [records[: 2 * third], records[third:]]
    paths = []
    for number, half in enumerate(halves, start=1):
        path = folder / f"writer-{number}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in half), encoding="utf-8")
        paths.append(path)
    shared_db = new_sqlite(folder, "two-writers.db")
    processes = [start_run(shared_db, [path]) for path in paths]
    results = [finish(p) for p in processes]
    problems = []
    for number, (code, err) in enumerate(results, start=1):
        if code != 0 and "W40" not in err:
            problems.append(f"writer {number} exited {code} without a clear store error: {err[-300:]}")
    both_succeeded = all(code == 0 for code, _ in results)
    clean_db = args.clean_db or str(folder / "clean.db")
    clean, shared = Database(clean_db), Database(shared_db)
    try:
        problems += check_integrity(shared)
        if both_succeeded:
            # The writers read their own files: an article's source (and so its content hash) names its file.
            problems += compare(clean, shared, ARTICLE_TABLES, ignore=("source", "content_hash"))
        stored = shared.rows("SELECT COUNT(*) FROM articles")[0][0]
    finally:
        clean.close()
        shared.close()
    return {"passed": not problems, "problems": problems, "exits": [c for c, _ in results], "articles": stored}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in the batch")
    parser.add_argument("--kills", type=int, default=20, help="runs killed with SIGKILL before the last one")
    parser.add_argument("--seed", type=int, default=14, help="seed of the articles and of the kill moments")
    parser.add_argument("--db", help="database URL for the killed runs (default: a SQLite file in --workdir)")
    parser.add_argument("--clean-db", help="database URL for the clean run (default: a SQLite file)")
    parser.add_argument("--workdir", type=Path, help="folder for the batch and the databases (default: temp)")
    parser.add_argument("--skip-writers", action="store_true", help="skip the two-writers check")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    folder = args.workdir or Path(tempfile.mkdtemp(prefix="warta-crash-"))
    folder.mkdir(parents=True, exist_ok=True)
    records = make_articles(args.articles, seed=args.seed)
    batch = folder / "batch.jsonl"
    batch.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    report: dict[str, Any] = {"articles": args.articles, "kills": args.kills, "seed": args.seed}
    report["kill_test"] = kill_test(args, folder, batch)
    if not args.skip_writers and (args.db is None or not args.db.startswith("postgres")):
        report["two_writers"] = two_writers(args, folder, records)
    report["passed"] = all(part["passed"] for part in (report["kill_test"], report.get("two_writers")) if part)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
