"""A private PostgreSQL server for the tests: a throwaway cluster on loopback in a temporary folder.

``initdb`` and ``pg_ctl`` come from the Debian package (``/usr/lib/postgresql/<version>/bin``; ``.ci/run``
installs it). PostgreSQL refuses to run as root, so when the tests run as root (as CI does) the cluster
belongs to the ``postgres`` user the package creates and its commands run through ``runuser``. The server
listens on 127.0.0.1 only, trusts local connections, and is stopped and deleted at the end of the session.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

#: The one database the tests use; each test gets schemas of its own in it (see :meth:`PgServer.url`).
DATABASE = "warta_test"
USER = "warta"


class PgServerError(RuntimeError):
    """The test server could not be found or started (the message says why)."""


def find_bindir() -> Path:
    """The newest ``/usr/lib/postgresql/*/bin`` holding ``initdb``, or the folder of ``initdb`` on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise PgServerError(
        "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH); "
        "install it with: apt-get install -y postgresql"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """A cluster in a temporary folder; :meth:`start` it, ask for :meth:`url`\\ s, and :meth:`stop` it."""

    def __init__(self, bindir: Path | None = None) -> None:
        self.bindir = bindir or find_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="warta-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._prefix: list[str] = []
        if os.geteuid() == 0:
            # initdb: "cannot be run as root"; the Debian package's postgres user owns the cluster instead.
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PgServerError("running as root and there is no postgres user to own the cluster") from exc
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        command = [*self._prefix, str(self.bindir / args[0]), *args[1:]]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            output = f"{done.stderr}{done.stdout}{tail}"
            raise PgServerError(f"{' '.join(command)} failed ({done.returncode}):\n{output}")

    def start(self, *, durable: bool = False) -> None:
        """Create the cluster, start it on a free loopback port and create the test database. ``durable``
        keeps PostgreSQL's defaults of fsync and synchronous commit (a benchmark measures a real server)."""
        # C locale: the store must not depend on the server's; fsync off: a test cluster needs no durability.
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale")
        options = "-c max_connections=40"
        if not durable:
            options = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off " + options
        for attempt in range(3):
            self.port = _free_port()
            try:
                self._run(
                    "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "60",
                    "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} {options}", "start",
                )  # fmt: skip
                break
            except PgServerError:
                if attempt == 2:
                    raise
        import psycopg

        with psycopg.connect(self.url(database="postgres", schema=None), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")

    def url(self, *, schema: str | None = None, database: str = DATABASE) -> str:
        """A URL of the test database, whose tables go in ``schema`` (created when first asked for)."""
        base = f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"
        if schema is None:
            return base
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        return f"{base}?options=-csearch_path%3D{schema}"

    def fresh_url(self) -> str:
        """A URL of an empty schema of its own."""
        return self.url(schema=f"t_{uuid.uuid4().hex[:16]}")

    def stop(self) -> None:
        """Stop the server at once and delete the cluster; stopping twice is harmless."""
        if (self.data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except PgServerError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)
