"""A database with a registered audit key and checkpoint file, as the app would set up."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from nlalert.audit import log as audit
from nlalert.audit import sleutel
from nlalert.audit.sleutel import Ondertekening
from nlalert.db import init_db, transactie, verbind

SLEUTEL = b"een sleutel die de database niet kent"


@pytest.fixture
def ondertekening(tmp_path: Path) -> Ondertekening:
    o = Ondertekening(sleutel=SLEUTEL, checkpoints=tmp_path / "a-audit-checkpoints.jsonl")
    sleutel.registreer(tmp_path / "a.sqlite", o)
    return o


@pytest.fixture
def leeg(tmp_path: Path, ondertekening: Ondertekening) -> Iterator[sqlite3.Connection]:
    conn = verbind(tmp_path / "a.sqlite")
    conn.execute("PRAGMA synchronous = OFF")  # a commit per row; no need to wait for the disk
    init_db(conn)
    yield conn
    conn.close()


def schrijf_rijen(db: sqlite3.Connection, aantal: int, *, gebruiker: str = "anna") -> None:
    """Append rows one transaction each, as requests do."""
    for i in range(aantal):
        with transactie(db):
            audit.schrijf(
                db, gebruiker=gebruiker, actie=audit.Actie.BEWERKEN, bericht_id=i, inhoud={"i": i}
            )
