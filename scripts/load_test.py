"""The read API under load while ingest writes: concurrent clients on loopback against a live `warta serve`.

    nice -n 10 python scripts/load_test.py --out docs/reliability.md     # 50 clients x 40 requests
    python scripts/load_test.py --clients 10 --requests 10 --synthetic 0  # a quick look, writes nothing

What it does, bounded in count and in time (``--time-limit``, default 600 s, after which clients stop asking):

1. fills a new SQLite store by running the pipeline on the bundled samples and ``--synthetic`` articles of
   the synthetic corpus (``scripts/synthetic_corpus.py``), as ``warta run`` does;
2. starts ``warta serve`` on 127.0.0.1 at a free port with an ``api_token`` (``WARTA_API_TOKEN``);
3. starts one writer that posts a new text article to ``POST /api/v1/ingest`` (with the token) again and
   again, then ``--clients`` threads that each make ``--requests`` requests to the read endpoints (events
   with filters, facets, articles, quotes, claims, aggregates, exports), drawn at random (seeded);
4. stops the writer when the readers are done and reports, per endpoint group, requests, errors (anything
   but a complete 200 answer) and p50/p99 latency, and how many ingests succeeded.

The exit code is 0 only with no error and at least one successful ingest. With ``--out`` the section
"API under load" of that page is replaced (or appended) with the command, the machine's load average and
the figures. Nothing leaves the machine: the server listens on loopback and ingest posts text, not URLs.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from report_section import replace_section  # a sibling in scripts/

HEADING = "## API under load"

#: The read endpoints, by group. ``{article}`` and ``{claim}`` are filled with stored ids at the start.
ENDPOINTS: dict[str, tuple[str, ...]] = {
    "events": ("/api/v1/events", "/api/v1/events?type=CONSULT", "/api/v1/events?quad=4&limit=100",
               "/api/v1/events?country=IDN", "/api/v1/events?q=presiden", "/api/v1/events?status=asserted",
               "/api/v1/events?date_from=2024-01-01&date_to=2024-12-31", "/api/v1/events?actor=menteri"),
    "facets": ("/api/v1/events/facets", "/api/v1/events/facets?newest=500&quad=1"),
    "articles": ("/api/v1/articles", "/api/v1/articles?limit=200", "/api/v1/articles/{article}"),
    "quotes": ("/api/v1/quotes", "/api/v1/quotes?q=kami", "/api/v1/quotes?country=IDN"),
    "claims": ("/api/v1/claims", "/api/v1/claims?contested=true", "/api/v1/claims/{claim}"),
    "aggregates": ("/api/v1/aggregates/timeline", "/api/v1/aggregates/timeline?by=month",
                   "/api/v1/aggregates/dyads", "/api/v1/aggregates/places?quad=3"),
    "exports": ("/api/v1/events/export?format=csv", "/api/v1/quotes/export?format=json",
                "/api/v1/claims/export?format=csv", "/api/v1/articles/export?format=json"),
}  # fmt: skip


@dataclass
class Timings:
    """Latencies (seconds) of the complete 200 answers and the errors of one group of requests."""

    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.seconds) + len(self.errors)


@dataclass
class LoadReport:
    groups: dict[str, Timings]
    ingests: Timings
    reads_during_ingest: int
    skipped: int  # requests not made because the time limit was reached
    wall_seconds: float
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]

    @property
    def requests(self) -> int:
        return sum(t.count for t in self.groups.values())

    @property
    def errors(self) -> list[str]:
        return [e for t in self.groups.values() for e in t.errors]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.skipped and bool(self.ingests.seconds) and not self.ingests.errors


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1): a value that was observed, never an interpolation."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def build_store(db: Path, *, synthetic: int = 0, seed: int = 7) -> None:
    """Fill ``db`` by running the pipeline on the bundled samples and ``synthetic`` synthetic articles."""
    from warta.jobs import demo_inputs, run_into_store
    from warta.settings import load_settings
    from warta.store import open_store

    inputs = demo_inputs()
    with tempfile.TemporaryDirectory(prefix="warta-load-") as folder:
        if synthetic:
            corpus = _synthetic_corpus()
            inputs += [str(p) for p in corpus.write_corpus(Path(folder), articles=synthetic, per_file=100,
                                                           fmt="jsonl", seed=seed)]  # fmt: skip
        settings = load_settings(env={}, overrides={"db": db, "http_delay": 0.0})
        with open_store(db) as store:
            run_into_store(inputs, settings, store, command="load test")


def _synthetic_corpus():  # noqa: ANN202 - the sibling script, imported by path
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    import synthetic_corpus

    return synthetic_corpus


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _warta_command() -> list[str]:
    script = Path(sys.executable).with_name("warta")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from warta.cli.main import app; app()"]


@contextlib.contextmanager
def running_server(db: Path, token: str, *, log: Path, startup: float = 60.0) -> Iterator[str]:
    """``warta serve --db DB`` on 127.0.0.1 at a free port with ``token``; yields its base URL, stops it after."""
    port = _free_port()
    # The server reads its settings from the environment: keep only where the shared data is, so that a
    # WARTA_* setting of the caller's shell does not change what is measured.
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_") or k == "WARTA_SHARED"}
    env["WARTA_API_TOKEN"] = token
    with log.open("wb") as out:
        server = subprocess.Popen([*_warta_command(), "serve", "--db", str(db), "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT, env=env)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"warta serve exited with {server.returncode}:\n{log.read_text()[-2000:]}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base}/api/v1/counts", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"warta serve did not answer within {startup:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _stored_ids(base: str) -> dict[str, str]:
    with httpx.Client(base_url=base, timeout=30) as client:
        article = client.get("/api/v1/articles?limit=1").json()["items"]
        claim = client.get("/api/v1/claims?limit=1").json()["items"]
    if not article or not claim:
        raise RuntimeError("the store has no article or no claim to ask for")
    return {"article": article[0]["id"], "claim": claim[0]["id"]}


class _Writer(threading.Thread):
    """Posts a new text article to ``/api/v1/ingest`` every ``every`` seconds (at once when the previous one
    took longer) until told to stop, or until an ingest fails (a 200 answer whose text was not stored counts)."""

    def __init__(self, base: str, token: str, *, seed: int, timeout: float, every: float) -> None:
        super().__init__(name="ingest", daemon=True)
        self.base, self.token, self.seed, self.timeout, self.every = base, token, seed, timeout, every
        self.stop = threading.Event()
        self.busy = threading.Event()  # set while a POST is in flight
        self.first_done = threading.Event()
        self.timings = Timings()

    def run(self) -> None:
        corpus = _synthetic_corpus()
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(base_url=self.base, timeout=self.timeout, headers=headers) as client:
            next_start = time.monotonic()
            for article in corpus.generate(100_000, seed=self.seed):
                if self.stop.wait(max(0.0, next_start - time.monotonic())):
                    break
                next_start = time.monotonic() + self.every
                body = {"text": article.text, "title": article.title, "url": article.url,
                        "published": article.published[:10], "language": article.language}  # fmt: skip
                self.busy.set()
                started = time.perf_counter()
                try:
                    answer = client.post("/api/v1/ingest", json=body)
                    elapsed = time.perf_counter() - started
                    if answer.status_code != 200:
                        self.timings.errors.append(f"ingest: {answer.status_code} {answer.text[:200]}")
                    elif answer.json()["processed"] != 1:
                        self.timings.errors.append(f"ingest: not processed: {answer.text[:200]}")
                    else:
                        self.timings.seconds.append(elapsed)
                except httpx.HTTPError as exc:
                    self.timings.errors.append(f"ingest: {type(exc).__name__}: {exc}")
                finally:
                    self.busy.clear()
                    self.first_done.set()
                if self.timings.errors:
                    break  # a refused or failed ingest ends the writer: the report fails anyway


def _reader(base: str, paths: list[tuple[str, str]], writer: _Writer, deadline: float,
            out: dict[str, Timings], counters: dict[str, int], lock: threading.Lock) -> None:  # fmt: skip
    with httpx.Client(base_url=base, timeout=60) as client:
        for number, (group, path) in enumerate(paths):
            if time.monotonic() > deadline:
                with lock:
                    counters["skipped"] += len(paths) - number
                return
            during = writer.busy.is_set()
            started = time.perf_counter()
            error = None
            try:
                answer = client.get(path)
                body = answer.content  # the whole body: an export is timed until its last row
                if answer.status_code != 200:
                    error = f"{path}: {answer.status_code} {body[:200]!r}"
            except httpx.HTTPError as exc:
                error = f"{path}: {type(exc).__name__}: {exc}"
            elapsed = time.perf_counter() - started
            with lock:
                counters["during"] += during
                if error:
                    out[group].errors.append(error)
                else:
                    out[group].seconds.append(elapsed)


def run_load(base: str, token: str, *, clients: int, requests: int, time_limit: float, seed: int = 14,
             ingest_every: float = 0.0) -> LoadReport:  # fmt: skip
    """Run ``clients`` readers of ``requests`` requests each against ``base`` while one writer ingests a new
    article every ``ingest_every`` seconds (or right after the previous one, when that takes longer)."""
    ids = _stored_ids(base)
    choices = [(group, path.format(**ids)) for group, paths in ENDPOINTS.items() for path in paths]
    rng = random.Random(seed)
    plans = [[rng.choice(choices) for _ in range(requests)] for _ in range(clients)]
    load_before = os.getloadavg()
    started = time.monotonic()
    deadline = started + time_limit
    writer = _Writer(base, token, seed=seed, timeout=max(30.0, time_limit), every=ingest_every)
    writer.start()
    while not writer.busy.is_set() and not writer.first_done.is_set():
        time.sleep(0.01)  # readers start once the first ingest is on its way
    out = {group: Timings() for group in ENDPOINTS}
    counters, lock = {"skipped": 0, "during": 0}, threading.Lock()
    readers = [threading.Thread(target=_reader, args=(base, plan, writer, deadline, out, counters, lock))
               for plan in plans]  # fmt: skip
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    writer.first_done.wait(timeout=max(1.0, deadline - time.monotonic()))  # at least one ingest ends
    writer.stop.set()
    writer.join(timeout=max(30.0, time_limit))
    return LoadReport(groups=out, ingests=writer.timings,
                      reads_during_ingest=counters["during"], skipped=counters["skipped"],
                      wall_seconds=time.monotonic() - started, load_before=load_before,
                      load_after=os.getloadavg())  # fmt: skip


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def render(report: LoadReport, *, command: str, clients: int, requests: int, articles: int,
           ingest_every: float = 0.0) -> str:  # fmt: skip
    """The markdown section of docs/reliability.md for ``report``."""
    load = ", ".join(f"{x:.2f}" for x in report.load_before)
    lines = [
        HEADING, "",
        f"Measured with `{command}` (`scripts/load_test.py`): a SQLite store of {articles} articles (the bundled "
        f"samples and synthetic ones), `warta serve` on 127.0.0.1, {clients} concurrent clients x {requests} "
        "requests to the read endpoints, drawn at random (seeded) from the groups below, while one writer posts "
        + (f"a new text article every {ingest_every:g} s (or as soon as the previous one is stored)"
           if ingest_every else "one new text article after another")
        + " to `POST /api/v1/ingest` with the token. An error is any answer but "
        "a complete 200. Client, server and ingest share the machine (2 cores, shared with other work: load "
        f"average {load} over 1, 5 and 15 minutes at the start, {report.load_after[0]:.2f} at the end).", "",
        f"- **{report.requests:,} requests, {len(report.errors)} errors**, in {report.wall_seconds:.0f} s; "
        f"{report.reads_during_ingest:,} of them started while an ingest was running"
        + (f"; {report.skipped} not made (time limit)" if report.skipped else ""),
        f"- **ingests: {len(report.ingests.seconds)} succeeded, {len(report.ingests.errors)} failed**"
        + (f" (p50 {_ms(percentile(report.ingests.seconds, 0.5))} ms each)" if report.ingests.seconds else ""),
        "", "| endpoint group | requests | errors | p50 ms | p99 ms |", "|---|---:|---:|---:|---:|",
    ]  # fmt: skip
    for group, timings in report.groups.items():
        done = timings.seconds or [math.nan]
        lines.append(f"| {group} | {timings.count} | {len(timings.errors)} | {_ms(percentile(done, 0.5))} | "
                     f"{_ms(percentile(done, 0.99))} |")  # fmt: skip
    paths = "; ".join(f"{group}: " + ", ".join(f"`{p.removeprefix('/api/v1')}`" for p in ps)
                      for group, ps in ENDPOINTS.items())  # fmt: skip
    lines += ["", f"The requests of each group: {paths}.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=40, help="requests per client")
    parser.add_argument("--synthetic", type=int, default=60, help="synthetic articles in the store")
    parser.add_argument("--time-limit", type=float, default=600.0, help="seconds after which clients stop")
    parser.add_argument("--ingest-every", type=float, default=1.0,
                        help="seconds from one ingest's start to the next (a crawler's pace, not a flood)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--out", type=Path, default=None, help="the page to put the section in")
    args = parser.parse_args(argv)
    command = "nice -n 10 python scripts/load_test.py" + "".join(
        f" --{name.replace('_', '-')} {getattr(args, name)}" for name, default in
        (("clients", 50), ("requests", 40), ("synthetic", 60), ("time_limit", 600.0), ("ingest_every", 1.0),
         ("seed", 14))
        if getattr(args, name) != default)  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="warta-load-"))
    try:
        db = folder / "load.db"
        print(f"filling {db} ...", file=sys.stderr)
        build_store(db, synthetic=args.synthetic)
        token = os.urandom(24).hex()
        with running_server(db, token, log=folder / "serve.log") as base:
            print(f"warta serve at {base}; {args.clients} clients x {args.requests} requests ...", file=sys.stderr)
            report = run_load(base, token, clients=args.clients, requests=args.requests,
                              time_limit=args.time_limit, seed=args.seed,
                              ingest_every=args.ingest_every)  # fmt: skip
        section = render(report, command=command + (f" --out {args.out}" if args.out else ""),
                         clients=args.clients, requests=args.requests, articles=_count_articles(db, report),
                         ingest_every=args.ingest_every)  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(section)
    for error in report.errors[:20] + report.ingests.errors[:5]:
        print("error:", error, file=sys.stderr)
    if args.out is not None:
        replace_section(args.out, HEADING, section)
    return 0 if report.ok else 1


def _count_articles(db: Path, report: LoadReport) -> int:
    """Articles in the store before the load test (the ingested ones are counted in the report)."""
    from warta.store import open_store

    with open_store(db) as store:
        return store.counts()["articles"] - len(report.ingests.seconds)


if __name__ == "__main__":
    raise SystemExit(main())
