"""A database with a registered audit key and checkpoint file, as the app would set up.

The log's tests run on SQLite and on PostgreSQL (the throwaway cluster of tests/pgcluster.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from nlalert.audit import log as audit
from nlalert.audit import sleutel
from nlalert.audit.sleutel import Ondertekening
from nlalert.db import init_db, is_url, transactie, verbind

SLEUTEL = b"een sleutel die de database niet kent"


@pytest.fixture(params=["sqlite", "postgres"])
def doel(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database under test: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "a.sqlite")


@pytest.fixture
def ondertekening(tmp_path: Path, doel: str) -> Ondertekening:
    o = Ondertekening(sleutel=SLEUTEL, checkpoints=tmp_path / "a-audit-checkpoints.jsonl")
    sleutel.registreer(doel if is_url(doel) else Path(doel), o)
    return o


@pytest.fixture
def leeg(doel: str, ondertekening: Ondertekening) -> Iterator[sqlite3.Connection]:
    conn = verbind(doel)
    if not is_url(doel):
        conn.execute("PRAGMA synchronous = OFF")  # a commit per row; no need to wait for the disk
    init_db(conn)
    yield conn
    conn.close()


def laat_vallen(db: sqlite3.Connection, trigger: str) -> None:
    """Drop one of the audit table's append-only triggers, in the database's dialect."""
    op_tabel = "" if isinstance(db, sqlite3.Connection) else " ON audit"
    db.execute(f"DROP TRIGGER {trigger}{op_tabel}")


def zet_terug(db: sqlite3.Connection) -> None:
    """Put the delete trigger back, as an attacker covering their tracks would."""
    if isinstance(db, sqlite3.Connection):
        db.execute(
            "CREATE TRIGGER audit_geen_delete BEFORE DELETE ON audit"
            " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"
        )
    else:
        db.execute(
            "CREATE TRIGGER audit_geen_delete BEFORE DELETE ON audit"
            " FOR EACH ROW EXECUTE FUNCTION audit_alleen_toevoegen()"
        )


def zonder_bewaking(db: sqlite3.Connection) -> sqlite3.Connection:
    """Tamper like an attacker with write access: drop the append-only triggers first."""
    laat_vallen(db, "audit_geen_update")
    laat_vallen(db, "audit_geen_delete")
    return db


def schrijf_rijen(db: sqlite3.Connection, aantal: int, *, gebruiker: str = "anna") -> None:
    """Append rows one transaction each, as requests do."""
    for i in range(aantal):
        with transactie(db):
            audit.schrijf(
                db, gebruiker=gebruiker, actie=audit.Actie.BEWERKEN, bericht_id=i, inhoud={"i": i}
            )
