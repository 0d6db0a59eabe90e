"""A throwaway PostgreSQL cluster for the test run: `initdb` and `pg_ctl` in a temporary folder.

The server listens on a Unix socket inside that folder only (no TCP), trusts local connections,
and runs without fsync: it holds test data for minutes. The folder is removed when the run ends,
also when it ends by an exception.

PostgreSQL refuses to run as root; as root the cluster is run as the `postgres` user (Debian's
package creates it), or `nobody`. Tests connect as the cluster's superuser `nlalert` over the
socket, whichever user runs them.

Each test gets a fresh database in a few milliseconds: `CREATE DATABASE ... TEMPLATE` of one
migrated template database, made once per run (`Cluster.nieuwe_database`).

Use from pytest through the fixtures in tests/conftest.py: `pg_cluster` (session) and `pg_url`
(a fresh migrated database per test). Without a PostgreSQL server installed, those skip.
"""

from __future__ import annotations

import atexit
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUPERUSER = "nlalert"
TEMPLATE = "nlalert_sjabloon"


def pg_bin() -> Path | None:
    """The folder with initdb and pg_ctl: $NLALERT_PG_BIN, Debian's newest, or the PATH."""
    if gezet := os.environ.get("NLALERT_PG_BIN"):
        return Path(gezet)
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for kandidaat in reversed(debian):
        if (kandidaat / "initdb").exists():
            return kandidaat
    gevonden = shutil.which("initdb")
    return Path(gevonden).parent if gevonden else None


def _als_gebruiker() -> list[str]:
    """The command prefix that drops root to an unprivileged user; empty when not root."""
    if os.getuid() != 0:
        return []
    for naam in ("postgres", "nobody"):
        with suppress(KeyError):
            pwd.getpwnam(naam)
            return ["runuser", "-u", naam, "--"]
    raise RuntimeError("running as root, and no 'postgres' or 'nobody' user to run PostgreSQL as")


@dataclass
class Cluster:
    """A running throwaway cluster; `url()` names a database in it."""

    map: Path
    _namen: Iterator[int] = field(default_factory=itertools.count)
    _sjabloon_klaar: bool = False

    @property
    def socket(self) -> Path:
        return self.map

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket}"

    def beheer(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) as the superuser."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            cur = conn.execute(sql.encode(), params or None)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description else []

    def _sjabloon(self) -> None:
        """Create the template database once, migrated to the newest schema."""
        if self._sjabloon_klaar:
            return
        from nlalert.db import upgrade

        self.beheer(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        self.beheer(f"CREATE DATABASE {TEMPLATE}")
        upgrade(self.url(TEMPLATE))
        self._sjabloon_klaar = True

    def nieuwe_database(self, *, gemigreerd: bool = True) -> str:
        """A fresh database's URL: a copy of the migrated template, or empty."""
        naam = f"t{os.getpid()}_{next(self._namen)}"
        if gemigreerd:
            self._sjabloon()
            self.beheer(f"CREATE DATABASE {naam} TEMPLATE {TEMPLATE}")
        else:
            self.beheer(f"CREATE DATABASE {naam}")
        return self.url(naam)

    def verwijder_database(self, url: str) -> None:
        """Drop a database made by `nieuwe_database`, closing whatever still connects to it."""
        naam = url.split("@/", 1)[1].split("?", 1)[0]
        self.beheer(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """Start a cluster in a new temporary folder; stop it and remove the folder afterwards."""
    bin_map = pg_bin()
    if bin_map is None:
        raise FileNotFoundError("no PostgreSQL server found (apt-get install postgresql)")
    als = _als_gebruiker()
    map_ = Path(tempfile.mkdtemp(prefix="nlalert-pg-"))
    data = map_ / "data"
    if als:
        eigenaar = pwd.getpwnam(als[2])
        os.chown(map_, eigenaar.pw_uid, eigenaar.pw_gid)
    opties = (
        f"-c listen_addresses='' -c unix_socket_directories='{map_}' -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 "
        "-c shared_buffers=32MB"
    )
    gestart = False

    def opruimen() -> None:
        if gestart:
            subprocess.run(
                [*als, str(bin_map / "pg_ctl"), "stop", "-D", str(data), "-m", "immediate"],
                capture_output=True,
                check=False,
            )
        shutil.rmtree(map_, ignore_errors=True)

    atexit.register(opruimen)
    try:
        subprocess.run(
            [
                *als,
                str(bin_map / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            capture_output=True,
            check=True,
        )
        gestart = True
        subprocess.run(
            [
                *als,
                str(bin_map / "pg_ctl"),
                "start",
                "-w",
                "-D",
                str(data),
                "-l",
                str(map_ / "server.log"),
                "-o",
                opties,
            ],
            capture_output=True,
            check=True,
        )
        yield Cluster(map=map_)
    finally:
        opruimen()
        atexit.unregister(opruimen)
