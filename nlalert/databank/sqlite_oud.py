"""SQLite files from before version 2, rebuilt on their first upgrade (`sqlite_init`)."""

from __future__ import annotations

import sqlite3

from nlalert.databank.schema import BERICHTEN_TABEL, LATERE_KOLOMMEN, SCHEMA
from nlalert.databank.verbinding import transactie

SCHEMA_VERSIE = 2


def naar_versie_2(conn: sqlite3.Connection) -> None:
    """Version 1 knew no all-clear (soort 'einde'), no per-language codes and no broadcasts.

    SQLite cannot change a CHECK constraint, so the table is rebuilt (the documented 12 steps),
    keeping every row and id; the audit log refers to those ids.
    """
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with transactie(conn):
            conn.execute("ALTER TABLE berichten RENAME TO berichten_v1")
            conn.execute(BERICHTEN_TABEL)
            kolommen = [r[1] for r in conn.execute("PRAGMA table_info(berichten_v1)").fetchall()]
            lijst = ", ".join(kolommen)
            conn.execute(f"INSERT INTO berichten ({lijst}) SELECT {lijst} FROM berichten_v1")
            conn.execute("DROP TABLE berichten_v1")
            gebruikers = [r[1] for r in conn.execute("PRAGMA table_info(gebruikers)").fetchall()]
            if "afzender" not in gebruikers:
                conn.execute("ALTER TABLE gebruikers ADD COLUMN afzender TEXT NOT NULL DEFAULT ''")
            fout = conn.execute("PRAGMA foreign_key_check").fetchall()
            if fout:
                raise sqlite3.IntegrityError(f"foreign key check after migration: {fout[:3]}")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def sqlite_init(conn: sqlite3.Connection) -> None:
    """SQLite: bring an older database up to this schema, then create what does not exist yet.

    The base Alembic revision runs this; it stays idempotent, so it also adds later columns.
    """
    versie = int(conn.execute("PRAGMA user_version").fetchone()[0])
    bestaat = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'berichten'"
    ).fetchone()
    if bestaat and versie < 2:
        naar_versie_2(conn)
    _kolommen_aanvullen(conn)
    conn.executescript(SCHEMA)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSIE}")


def _kolommen_aanvullen(conn: sqlite3.Connection) -> None:
    for tabel, kolom, definitie in LATERE_KOLOMMEN:
        bestaande = {r[1] for r in conn.execute(f"PRAGMA table_info({tabel})").fetchall()}
        if bestaande and kolom not in bestaande:
            conn.execute(f"ALTER TABLE {tabel} ADD COLUMN {kolom} {definitie}")
