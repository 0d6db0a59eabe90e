"""The checkpoint file's restore line (written by `nlalert db restore`): signed, it lets the log
start again from an older head; forged or made from an ordinary line, it changes nothing, so a
database writer cannot use it to hide a truncation."""

from __future__ import annotations

import json
import sqlite3

import pytest

from nlalert.audit import checkpoints
from nlalert.audit import log as audit
from nlalert.audit.sleutel import Ondertekening
from tests.nlalert.audit.conftest import schrijf_rijen, zet_terug
from tests.nlalert.audit.test_aanval import AANTAL, kap_af


@pytest.fixture
def db(leeg: sqlite3.Connection) -> sqlite3.Connection:
    schrijf_rijen(leeg, AANTAL)
    return leeg


def kop(db: sqlite3.Connection) -> tuple[int, str]:
    rij = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return int(rij[0]), str(rij[1])


def test_signed_restore_line_accepts_the_older_head_and_the_rows_after_it(
    db: sqlite3.Connection, ondertekening: Ondertekening
) -> None:
    assert ondertekening.checkpoints is not None
    kap_af(db, 10)  # what a restore of an older backup looks like to the checkpoints
    seq, hash_ = kop(db)
    checkpoints.noteer_herstel(
        ondertekening.checkpoints, ondertekening, seq=seq, hash_=hash_, herstel="b"
    )
    assert audit.verify(db).ok
    zet_terug(db)
    schrijf_rijen(db, 15)  # new rows take seqs the old checkpoints named with other hashes
    uitkomst = audit.verify(db)
    assert (uitkomst.ok, uitkomst.aantal, uitkomst.laatste_checkpoint) == (True, 45, 45)
    # A truncation after the restore is still found.
    kap_af(db, 40)
    uitkomst = audit.verify(db)
    assert not uitkomst.ok and uitkomst.reden is not None and "afgekapt" in uitkomst.reden


def test_a_restore_line_must_name_the_hash_the_checkpoints_know(
    db: sqlite3.Connection, ondertekening: Ondertekening
) -> None:
    assert ondertekening.checkpoints is not None
    kap_af(db, 10)
    checkpoints.noteer_herstel(
        ondertekening.checkpoints, ondertekening, seq=30, hash_="a" * 64, herstel="b"
    )
    uitkomst = audit.verify(db)
    assert not uitkomst.ok and uitkomst.eerste_fout == 30


def test_forged_restore_lines_change_nothing(
    db: sqlite3.Connection, ondertekening: Ondertekening
) -> None:
    assert ondertekening.checkpoints is not None
    kap_af(db, 10)
    seq, hash_ = kop(db)
    ander = Ondertekening(sleutel=b"niet de sleutel van de app")
    vervalst = checkpoints.herstelregel(ander, seq=seq, hash_=hash_, tijd="nu", herstel="b")
    # An ordinary signed line with a restore added: its HMAC does not cover the addition.
    gewoon = json.loads(ondertekening.checkpoints.read_text().splitlines()[seq - 1])
    omgebouwd = json.dumps({**gewoon, "herstel": "b"}) + "\n"
    with ondertekening.checkpoints.open("a", encoding="utf-8") as f:
        f.write(vervalst + omgebouwd)
    uitkomst = audit.verify(db)
    assert not uitkomst.ok and uitkomst.reden is not None and "afgekapt" in uitkomst.reden
    punten = checkpoints.lees(ondertekening.checkpoints, ondertekening)
    assert punten.herstellingen == () and punten.ongeldig == (AANTAL + 1, AANTAL + 2)
