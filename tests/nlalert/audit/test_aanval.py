"""The attack of issue 10, done for real on the database (SQLite file and PostgreSQL): drop the triggers, rewrite a row
and recompute every later hash with the chain's own SHA-256, or cut off the last 20 rows. The
HMAC (a key the database does not hold) and the checkpoints outside the database find both."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from nlalert.audit import log as audit
from nlalert.audit.sleutel import Ondertekening
from nlalert.db import transactie
from tests.nlalert.audit.conftest import laat_vallen, schrijf_rijen, zet_terug

AANTAL = 40


@pytest.fixture
def db(leeg: sqlite3.Connection) -> sqlite3.Connection:
    schrijf_rijen(leeg, AANTAL)
    return leeg


def herschrijf(db: sqlite3.Connection, vanaf: int, *, hmac_weg: bool = False) -> None:
    """Change row `vanaf`, then recompute its hash and every later one, as an attacker who can
    write the file (but has not the key) would."""
    laat_vallen(db, "audit_geen_update")
    db.execute("UPDATE audit SET gebruiker = 'mallory' WHERE seq = ?", (vanaf,))
    vorige = audit.GENESIS
    for rij in db.execute("SELECT * FROM audit ORDER BY seq").fetchall():
        if rij["seq"] >= vanaf:
            nieuw = audit._rij_hash(
                vorige,
                seq=rij["seq"],
                tijd=rij["tijd"],
                gebruiker=rij["gebruiker"],
                actie=rij["actie"],
                bericht_id=rij["bericht_id"],
                inhoud_hash=rij["inhoud_hash"],
                details=rij["details"],
                request_id=rij["request_id"],
            )
            db.execute(
                "UPDATE audit SET vorige_hash = ?, hash = ?, hmac = CASE WHEN ? = 1 THEN NULL"
                " ELSE hmac END WHERE seq = ?",
                (vorige, nieuw, int(hmac_weg), rij["seq"]),
            )
            vorige = nieuw
        else:
            vorige = rij["hash"]


def kap_af(db: sqlite3.Connection, rijen: int) -> None:
    laat_vallen(db, "audit_geen_delete")
    db.execute("DELETE FROM audit WHERE seq > ?", (AANTAL - rijen,))


def test_untouched_log_is_ok(db: sqlite3.Connection) -> None:
    assert audit.verify(db) == audit.VerifyResult(ok=True, aantal=AANTAL, laatste_checkpoint=AANTAL)


def test_rewritten_chain_with_recomputed_hashes_is_found_at_the_edited_row(
    db: sqlite3.Connection,
) -> None:
    herschrijf(db, 17)
    # The attacker's chain is whole: without the HMAC this would pass.
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.eerste_fout, uitkomst.laatste_checkpoint) == (False, 17, AANTAL)
    assert uitkomst.reden is not None and "HMAC" in uitkomst.reden


def test_rewrite_that_removes_the_hmacs_is_found(db: sqlite3.Connection) -> None:
    herschrijf(db, 17, hmac_weg=True)
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.eerste_fout) == (False, 17)


def test_whole_log_rewritten_as_if_from_before_signing_is_caught_by_the_checkpoints(
    db: sqlite3.Connection,
) -> None:
    herschrijf(db, 1, hmac_weg=True)
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.eerste_fout) == (False, 1)
    assert uitkomst.reden is not None and "checkpoint" in uitkomst.reden


def test_truncated_tail_is_found(db: sqlite3.Connection) -> None:
    kap_af(db, 20)
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.eerste_fout, uitkomst.laatste_checkpoint) == (False, 21, AANTAL)
    assert (
        uitkomst.reden is not None and "afgekapt" in uitkomst.reden and "20 rijen" in uitkomst.reden
    )


def test_truncated_tail_then_new_rows_is_found(db: sqlite3.Connection) -> None:
    kap_af(db, 20)
    zet_terug(db)
    schrijf_rijen(db, 5, gebruiker="mallory")  # the app writes on, over the gap
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.eerste_fout) == (False, 21)


def test_forged_checkpoint_line_is_refused(
    db: sqlite3.Connection, ondertekening: Ondertekening
) -> None:
    assert ondertekening.checkpoints is not None
    with ondertekening.checkpoints.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"seq": 99, "hash": "0" * 64, "tijd": "nu", "hmac": "f" * 64}) + "\n")
    uitkomst = audit.verify(db)
    assert (
        not uitkomst.ok and uitkomst.reden is not None and f"regel {AANTAL + 1}" in uitkomst.reden
    )
    assert uitkomst.laatste_checkpoint == AANTAL  # the forged line counts for nothing


def test_removed_checkpoint_file_is_reported(
    db: sqlite3.Connection, ondertekening: Ondertekening
) -> None:
    assert ondertekening.checkpoints is not None
    ondertekening.checkpoints.unlink()
    uitkomst = audit.verify(db)
    assert not uitkomst.ok and uitkomst.reden is not None and "geen checkpoints" in uitkomst.reden


def test_another_key_does_not_verify(db: sqlite3.Connection, ondertekening: Ondertekening) -> None:
    ander = replace(ondertekening, sleutel=b"een andere sleutel")
    uitkomst = audit.verify(db, ander)
    assert (uitkomst.ok, uitkomst.eerste_fout) == (False, 1)


def test_rolled_back_row_leaves_no_checkpoint(
    db: sqlite3.Connection, ondertekening: Ondertekening
) -> None:
    assert ondertekening.checkpoints is not None
    voor = ondertekening.checkpoints.read_bytes()
    with pytest.raises(ZeroDivisionError), transactie(db):
        audit.schrijf(db, gebruiker="anna", actie=audit.Actie.LOGIN)
        1 / 0  # noqa: B018 - the step after the audit row fails
    assert ondertekening.checkpoints.read_bytes() == voor
    schrijf_rijen(db, 1)
    assert audit.verify(db).ok


def test_rows_from_before_signing_are_reported_as_such(
    leeg: sqlite3.Connection, tmp_path: Path
) -> None:
    # Rows as the code before signing wrote them: chained, no HMAC, no checkpoint.
    vorige = audit.GENESIS
    for seq in range(1, 6):
        velden = dict(
            seq=seq,
            tijd=f"2026-01-0{seq}T12:00:00+00:00",
            gebruiker="anna",
            actie="login",
            bericht_id=None,
            inhoud_hash=audit.inhoud_hash(None),
            details="{}",
        )
        hash_ = audit._rij_hash(vorige, **velden)  # type: ignore[arg-type]
        leeg.execute(
            "INSERT INTO audit (seq, tijd, gebruiker, actie, bericht_id, inhoud_hash, details,"
            " vorige_hash, hash) VALUES (:seq, :tijd, :gebruiker, :actie, :bericht_id,"
            " :inhoud_hash, :details, :vorige, :hash)",
            {**velden, "vorige": vorige, "hash": hash_},
        )
        vorige = hash_
    uitkomst = audit.verify(leeg)
    assert (uitkomst.ok, uitkomst.zonder_hmac, uitkomst.aantal) == (True, 5, 5)
    schrijf_rijen(leeg, 3)  # the upgraded app signs on
    uitkomst = audit.verify(leeg)
    assert (uitkomst.ok, uitkomst.zonder_hmac, uitkomst.aantal) == (True, 5, 8)
    assert uitkomst.laatste_checkpoint == 8


def test_changed_request_id_is_found(db: sqlite3.Connection) -> None:
    laat_vallen(db, "audit_geen_update")
    db.execute("UPDATE audit SET request_id = 'een-ander-verzoek' WHERE seq = 5")
    assert audit.verify(db).eerste_fout == 5


@pytest.mark.parametrize("hmac_weg", [False, True])
def test_rows_after_the_last_checkpoint_are_held_by_their_hmac(
    db: sqlite3.Connection, ondertekening: Ondertekening, hmac_weg: bool
) -> None:
    # A crash between commit and checkpoint leaves the newest rows without one.
    assert ondertekening.checkpoints is not None
    regels = ondertekening.checkpoints.read_text(encoding="utf-8").splitlines(keepends=True)
    ondertekening.checkpoints.write_text("".join(regels[:-5]), encoding="utf-8")
    herschrijf(db, AANTAL - 2, hmac_weg=hmac_weg)
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.eerste_fout, uitkomst.laatste_checkpoint) == (
        False,
        AANTAL - 2,
        AANTAL - 5,
    )
