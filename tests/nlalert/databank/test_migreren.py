"""Storage on SQLite and PostgreSQL: one schema, one migration history, `nlalert db upgrade`."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nlalert import db
from nlalert.cli import main
from nlalert.databank import migreren
from tests.pgcluster import Cluster


def kolommen(conn: Any) -> set[tuple[str, str]]:
    """Every (table, column) of the database, whichever kind."""
    if isinstance(conn, sqlite3.Connection):
        tabellen = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {(t, r[1]) for t in tabellen for r in conn.execute(f"PRAGMA table_info({t})")}
    from nlalert.databank import postgres

    return postgres.bestaande(conn)[1]


@pytest.fixture(params=["sqlite", "postgres"])
def leeg_doel(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, never migrated: a new SQLite file or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "nieuw.sqlite")
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    url = cluster.nieuwe_database(gemigreerd=False)
    yield url
    cluster.verwijder_database(url)


def test_sqlite_and_postgresql_have_the_same_tables_and_columns(
    tmp_path: Path, pg_url: str
) -> None:
    db.upgrade(tmp_path / "a.sqlite")
    with db.verbind(tmp_path / "a.sqlite") as lite:
        verwacht = kolommen(lite)
    pg = db.verbind(pg_url)
    try:
        gevonden = kolommen(pg)
    finally:
        pg.close()
    assert ("berichten", "oefening_id") in verwacht
    assert gevonden == verwacht


def test_db_upgrade_migrates_a_new_database_and_is_harmless_again(
    leeg_doel: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for _keer in range(2):
        assert main(["db", "upgrade", "--instance", str(tmp_path), "--database", leeg_doel]) == 0
        assert f"revisie {migreren.head()}" in capsys.readouterr().out
    conn = db.verbind(leeg_doel)
    try:
        assert migreren.versie(conn) == migreren.head()
        assert ("audit", "hmac") in kolommen(conn)
    finally:
        conn.close()


def test_db_upgrade_uses_the_database_url_of_the_environment(
    pg_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_cluster.nieuwe_database(gemigreerd=False)
    monkeypatch.setenv("NLALERT_DATABASE_URL", url)
    assert main(["db", "upgrade", "--instance", str(tmp_path), "--json"]) == 0
    conn = db.verbind(url)
    try:
        assert migreren.versie(conn) == migreren.head()
    finally:
        conn.close()
    assert not (tmp_path / "nlalert.sqlite").exists()
    pg_cluster.verwijder_database(url)


# A version 1 database: no all-clear, no per-language codes, no sender, none of the later columns.
VERSIE_1 = """
CREATE TABLE gebruikers (
    id INTEGER PRIMARY KEY,
    naam TEXT NOT NULL UNIQUE COLLATE NOCASE,
    wachtwoord_hash TEXT NOT NULL,
    rol TEXT NOT NULL,
    training INTEGER NOT NULL DEFAULT 0,
    api_token_hash TEXT UNIQUE,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    aangemaakt_op TEXT NOT NULL
);
CREATE TABLE berichten (
    id INTEGER PRIMARY KEY,
    versie INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL,
    soort TEXT NOT NULL CHECK (soort IN ('alert', 'update', 'cancel')),
    categorie TEXT NOT NULL,
    inhoud TEXT NOT NULL,
    opsteller TEXT NOT NULL,
    auteurs TEXT NOT NULL,
    goedkeurder TEXT,
    teruggestuurd_reden TEXT,
    origineel_id INTEGER REFERENCES berichten (id),
    message_code INTEGER NOT NULL,
    update_nummer INTEGER NOT NULL,
    verzendpogingen INTEGER NOT NULL DEFAULT 0,
    verzonden_op TEXT,
    cbc_resultaat TEXT,
    training INTEGER NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    gewijzigd_op TEXT NOT NULL
);
INSERT INTO gebruikers (naam, wachtwoord_hash, rol, aangemaakt_op)
    VALUES ('anna', 'x', 'opsteller', '2025-01-01');
INSERT INTO berichten (id, status, soort, categorie, inhoud, opsteller, auteurs, message_code,
    update_nummer, training, aangemaakt_op, gewijzigd_op)
    VALUES (7, 'concept', 'alert', 'brand-rook', '{"modus": "oefening"}', 'anna', '["anna"]', 3,
    0, 1, '2025-01-01', '2025-01-01');
PRAGMA user_version = 1;
"""


def test_db_upgrade_brings_a_version_1_sqlite_file_up_keeping_its_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pad = tmp_path / "oud.sqlite"
    with sqlite3.connect(pad) as oud:
        oud.executescript(VERSIE_1)
    oud.close()
    assert main(["db", "upgrade", "--instance", str(tmp_path), "--database", str(pad)]) == 0
    with db.verbind(pad) as conn:
        rij = conn.execute("SELECT id, soort, taalcodes, oefening_id FROM berichten").fetchone()
        assert tuple(rij) == (7, "alert", "{}", None)
        assert conn.execute("SELECT afzender, actief FROM gebruikers").fetchone()[:] == ("", 1)
        assert migreren.versie(conn) == migreren.head()
        # The rebuilt table knows the all-clear now.
        with db.transactie(conn):
            conn.execute("UPDATE berichten SET soort = 'einde' WHERE id = 7")
    conn.close()


@pytest.fixture(params=["sqlite", "postgres"])
def conn(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A migrated database of either kind."""
    if request.param == "sqlite":
        doel = str(tmp_path / "c.sqlite")
        db.upgrade(doel)
    else:
        doel = request.getfixturevalue("pg_url")
    verbinding = db.verbind(doel)
    yield verbinding
    verbinding.close()


def _gebruiker(conn: Any, naam: str) -> int:
    with db.transactie(conn):
        return int(
            conn.execute(
                "INSERT INTO gebruikers (naam, wachtwoord_hash, rol, aangemaakt_op)"
                " VALUES (?, 'x', 'opsteller', 'nu') RETURNING id",
                (naam,),
            ).fetchone()[0]
        )


def test_user_names_are_unique_regardless_of_case(conn: Any) -> None:
    eerste = _gebruiker(conn, "Anna")
    with pytest.raises(db.IntegriteitsFout):
        _gebruiker(conn, "ANNA")
    rij = conn.execute("SELECT id, naam FROM gebruikers WHERE naam = ?", ("anna",)).fetchone()
    assert (rij["id"], rij[1], dict(rij)) == (eerste, "Anna", {"id": eerste, "naam": "Anna"})


def _bericht(conn: Any, inhoud: str, training: int) -> None:
    with db.transactie(conn):
        conn.execute(
            "INSERT INTO berichten (status, soort, categorie, inhoud, opsteller, auteurs,"
            " message_code, update_nummer, training, aangemaakt_op, gewijzigd_op)"
            " VALUES ('concept', 'alert', 'brand-rook', ?, 'anna', '[]', 1, 0, ?, 'nu', 'nu')",
            (inhoud, training),
        )


def test_the_database_refuses_bad_json_and_a_training_bericht_sent_for_real(conn: Any) -> None:
    _bericht(conn, json.dumps({"modus": "oefening"}), training=1)
    with pytest.raises(db.IntegriteitsFout):
        _bericht(conn, "{niet json", training=0)
    with pytest.raises(db.IntegriteitsFout):
        _bericht(conn, json.dumps({"modus": "echt"}), training=1)
    assert conn.execute("SELECT count(*) FROM berichten").fetchone()[0] == 1


def test_a_rolled_back_transaction_stores_nothing_and_placeholders_keep_percent_signs(
    conn: Any,
) -> None:
    with pytest.raises(RuntimeError), db.transactie(conn):
        conn.execute(
            "INSERT INTO gebruikers (naam, wachtwoord_hash, rol, aangemaakt_op)"
            " VALUES ('weg', 'x', 'opsteller', 'nu')"
        )
        raise RuntimeError("halverwege")
    assert conn.execute("SELECT count(*) FROM gebruikers").fetchone()[0] == 0
    _gebruiker(conn, "100%")
    rij = conn.execute(
        # LIKE on a user name is refused by PostgreSQL (its case-insensitive collation).
        "SELECT naam FROM gebruikers WHERE rol LIKE 'op%' AND naam <> '?' AND naam = ?",
        ("100%",),
    ).fetchone()
    assert rij is not None and rij[0] == "100%"


def test_one_writer_at_a_time(conn: Any) -> None:
    """A second transaction waits for the first: what the audit chain and approvals rely on."""
    doel = migreren.doel_van(conn)
    assert doel is not None
    gestart = threading.Event()
    klaar = threading.Event()

    def tweede() -> None:
        ander = db.verbind(doel)
        try:
            gestart.set()
            with db.transactie(ander):
                klaar.set()
        finally:
            ander.close()

    with db.transactie(conn):
        draad = threading.Thread(target=tweede)
        draad.start()
        gestart.wait(5)
        assert not klaar.wait(0.5)
    draad.join(10)
    assert klaar.is_set()


def test_db_upgrade_of_an_unreachable_database_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://nlalert@/nlalert?host={tmp_path}"  # no server listens there
    assert main(["db", "upgrade", "--instance", str(tmp_path), "--database", url]) == 1
    fout = capsys.readouterr().err
    assert fout.startswith("nlalert: fout: de database is niet bereikbaar: ")
    assert fout.count("\n") == 1 and "Traceback" not in fout
