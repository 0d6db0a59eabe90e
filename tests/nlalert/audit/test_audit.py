"""The audit log is an append-only hash chain whose every break is found and named."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from nlalert.audit import log as audit
from nlalert.db import init_db, transactie, verbind


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    conn = verbind(tmp_path / "a.sqlite")
    init_db(conn)
    with transactie(conn):
        for i, gebruiker in enumerate(["anna", "=cmd|' /C calc'!A0", "gert", "bea"]):
            audit.schrijf(
                conn,
                gebruiker=gebruiker,
                actie=audit.Actie.MAKEN,
                bericht_id=i,
                inhoud={"i": i, "tekst": "Sluit ramen en deuren"},
            )
    yield conn
    conn.close()


def ruw(db: sqlite3.Connection) -> sqlite3.Connection:
    """Tamper like an attacker with file access: drop the guards first."""
    db.execute("DROP TRIGGER audit_geen_update")
    db.execute("DROP TRIGGER audit_geen_delete")
    return db


def test_intact_chain_verifies(db: sqlite3.Connection) -> None:
    assert audit.verify(db) == audit.VerifyResult(ok=True, aantal=4)


def test_update_and_delete_are_refused_by_the_database(db: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit SET gebruiker = 'mallory' WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit WHERE seq = 2")


def test_changed_row_is_named(db: sqlite3.Connection) -> None:
    ruw(db).execute("UPDATE audit SET gebruiker = 'mallory' WHERE seq = 3")
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.eerste_fout) == (False, 3)


def test_recomputed_row_hash_still_breaks_the_next_link(db: sqlite3.Connection) -> None:
    rij = db.execute("SELECT * FROM audit WHERE seq = 2").fetchone()
    nieuw = audit._rij_hash(
        rij["vorige_hash"],
        seq=2,
        tijd=rij["tijd"],
        gebruiker="mallory",
        actie=rij["actie"],
        bericht_id=rij["bericht_id"],
        inhoud_hash=rij["inhoud_hash"],
        details=rij["details"],
    )
    ruw(db).execute("UPDATE audit SET gebruiker = 'mallory', hash = ? WHERE seq = 2", (nieuw,))
    assert audit.verify(db).eerste_fout == 3


def test_deleted_row_is_named(db: sqlite3.Connection) -> None:
    ruw(db).execute("DELETE FROM audit WHERE seq = 2")
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.eerste_fout) == (False, 3)
    assert uitkomst.reden and "2" in uitkomst.reden


def test_write_outside_a_transaction_is_a_bug(db: sqlite3.Connection) -> None:
    with pytest.raises(RuntimeError):
        audit.schrijf(db, gebruiker="x", actie=audit.Actie.LOGIN)


def test_csv_export_has_every_row_and_defuses_formulas(db: sqlite3.Connection) -> None:
    uit = io.StringIO()
    assert audit.exporteer_csv(db, uit) == 4
    rijen = list(csv.DictReader(io.StringIO(uit.getvalue())))
    assert [r["seq"] for r in rijen] == ["1", "2", "3", "4"]
    assert rijen[1]["gebruiker"].startswith("'=")
    assert rijen[0]["inhoud_hash"] == audit.inhoud_hash({"i": 0, "tekst": "Sluit ramen en deuren"})


def test_content_hash_is_canonical() -> None:
    assert audit.inhoud_hash({"a": 1, "b": "ë"}) == audit.inhoud_hash({"b": "ë", "a": 1})
