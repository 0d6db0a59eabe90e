"""The audit log is an append-only hash chain whose every break is found and named."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator

import pytest

from nlalert.audit import export
from nlalert.audit import log as audit
from nlalert.audit.sleutel import Ondertekening
from nlalert.db import IntegriteitsFout, transactie
from tests.nlalert.audit.conftest import zonder_bewaking


@pytest.fixture
def db(leeg: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    with transactie(leeg):
        for i, gebruiker in enumerate(["anna", "=cmd|' /C calc'!A0", "gert", "bea"]):
            audit.schrijf(
                leeg,
                gebruiker=gebruiker,
                actie=audit.Actie.MAKEN,
                bericht_id=i,
                inhoud={"i": i, "tekst": "Sluit ramen en deuren"},
            )
    yield leeg


ruw = zonder_bewaking


def test_intact_chain_verifies(db: sqlite3.Connection) -> None:
    assert audit.verify(db) == audit.VerifyResult(ok=True, aantal=4, laatste_checkpoint=4)


def test_update_and_delete_are_refused_by_the_database(db: sqlite3.Connection) -> None:
    with pytest.raises(IntegriteitsFout, match="append-only"):
        db.execute("UPDATE audit SET gebruiker = 'mallory' WHERE seq = 2")
    with pytest.raises(IntegriteitsFout, match="append-only"):
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
    uitkomst = audit.verify(db)
    # The HMAC, which needs the key, already gives the edited row away.
    assert (uitkomst.eerste_fout, uitkomst.reden and "HMAC" in uitkomst.reden) == (2, True)


def test_deleted_row_is_named(db: sqlite3.Connection) -> None:
    ruw(db).execute("DELETE FROM audit WHERE seq = 2")
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.eerste_fout) == (False, 3)
    assert uitkomst.reden and "2" in uitkomst.reden


def test_every_row_is_signed_and_checkpointed(
    db: sqlite3.Connection, ondertekening: Ondertekening
) -> None:
    rijen = db.execute("SELECT seq, hash, hmac FROM audit ORDER BY seq").fetchall()
    assert [r["hmac"] for r in rijen] == [ondertekening.rij_hmac(r["hash"]) for r in rijen]
    assert ondertekening.checkpoints is not None
    assert len(ondertekening.checkpoints.read_text(encoding="utf-8").splitlines()) == 4


def test_write_outside_a_transaction_is_a_bug(db: sqlite3.Connection) -> None:
    with pytest.raises(RuntimeError):
        audit.schrijf(db, gebruiker="x", actie=audit.Actie.LOGIN)


def test_write_to_a_database_without_a_key_is_a_bug(tmp_path: object) -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE audit (seq INTEGER PRIMARY KEY, hash TEXT)")
    conn.execute("BEGIN")
    with pytest.raises(RuntimeError, match="auditsleutel"):
        audit.schrijf(conn, gebruiker="x", actie=audit.Actie.LOGIN)


def test_csv_export_has_every_row_and_defuses_formulas(db: sqlite3.Connection) -> None:
    uit = io.StringIO()
    assert export.exporteer_csv(db, uit) == 4
    rijen = list(csv.DictReader(io.StringIO(uit.getvalue())))
    assert [r["seq"] for r in rijen] == ["1", "2", "3", "4"]
    assert rijen[1]["gebruiker"].startswith("'=")
    assert rijen[0]["inhoud_hash"] == audit.inhoud_hash({"i": 0, "tekst": "Sluit ramen en deuren"})
    assert rijen[0]["hmac"] and rijen[0]["request_id"] == ""


@pytest.mark.parametrize(
    "gevaarlijk",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        " =cmd|' /C calc'!A0",
        '\n=HYPERLINK("http://x")',
        "  \t +1",
        "\u3000=1",  # an ideographic space
        "＝cmd|' /C calc'!A0",
        "＋1",
        "－1",
        "＠SUM(A1)",
        " ＝1",
        "﹦1",  # the small form of =
    ],
)
def test_csv_cell_that_a_spreadsheet_would_run_is_quoted(gevaarlijk: str) -> None:
    assert export.cel(gevaarlijk) == "'" + gevaarlijk


@pytest.mark.parametrize("gewoon", ["anna", "", "1", "a=b", "e-mail", " anna", '{"a":1}'])
def test_csv_cell_of_plain_text_is_unchanged(gewoon: str) -> None:
    assert export.cel(gewoon) == gewoon


def test_csv_export_defuses_a_user_name_with_a_leading_blank_or_fullwidth_sign(
    leeg: sqlite3.Connection,
) -> None:
    with transactie(leeg):
        for naam in (" =cmd", "\n+1", "＝cmd"):
            audit.schrijf(leeg, gebruiker=naam, actie=audit.Actie.LOGIN)
    uit = io.StringIO()
    export.exporteer_csv(leeg, uit)
    namen = [r["gebruiker"] for r in csv.DictReader(io.StringIO(uit.getvalue()))]
    assert namen == ["' =cmd", "'\n+1", "'＝cmd"]


def test_content_hash_is_canonical() -> None:
    assert audit.inhoud_hash({"a": 1, "b": "ë"}) == audit.inhoud_hash({"b": "ë", "a": 1})
