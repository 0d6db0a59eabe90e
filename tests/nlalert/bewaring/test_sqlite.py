"""SQLite's online backup: taken while another connection keeps writing, every backup is one
consistent state whose audit log verifies; a restore is seen at once by a connection that was
open before it (a running app's)."""

from __future__ import annotations

import json
import threading
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from nlalert.audit import bestand, sleutel
from nlalert.audit import log as audit
from nlalert.db import transactie, verbind
from tests.nlalert.bewaring.conftest import app_van, nlalert, staat, vul


def test_backups_taken_while_the_app_writes_are_consistent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = tmp_path / "instance"
    app = app_van(instance)
    vul(app)
    klaar = threading.Event()
    geschreven = 0

    def schrijver() -> None:
        nonlocal geschreven
        with closing(verbind(app.config["DATABASE"])) as db:
            while not klaar.is_set():
                with transactie(db):
                    audit.schrijf(
                        db, gebruiker="anna", actie=audit.Actie.BEWERKEN, inhoud="x" * 500
                    )
                    db.execute("UPDATE berichten SET versie = versie + 1 WHERE id = 2")
                geschreven += 1

    draad = threading.Thread(target=schrijver)
    draad.start()
    koppen = []
    try:
        for i in range(4):
            backup = tmp_path / f"b{i}"
            assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))[0] == 0
            with closing(bestand.open_alleen_lezen(backup)) as db:
                uitkomst = audit.verify(db, replace(sleutel.van_app(app), checkpoints=None))
                koppen.append(uitkomst.aantal)
                assert uitkomst.ok
                # The bericht's version and its edits in the log come from the same moment.
                versie = db.execute("SELECT versie FROM berichten WHERE id = 2").fetchone()[0]
                bewerkingen = db.execute(
                    "SELECT count(*) FROM audit WHERE actie = 'bewerken'"
                ).fetchone()[0]
                assert versie == 1 + bewerkingen
    finally:
        klaar.set()
        draad.join(30)
    assert geschreven > 0 and koppen == sorted(koppen)


def test_a_connection_open_before_the_restore_sees_the_restored_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = tmp_path / "instance"
    app = app_van(instance)
    vul(app)
    backup = tmp_path / "b"
    assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))[0] == 0
    with closing(verbind(app.config["DATABASE"])) as draaiend:
        draaiend.execute("DELETE FROM berichten")
        assert draaiend.execute("SELECT count(*) FROM berichten").fetchone()[0] == 0
        args = ("--force", "--instance", str(instance))
        assert nlalert(capsys, "db", "restore", str(backup), *args)[0] == 0
        assert draaiend.execute("SELECT count(*) FROM berichten").fetchone()[0] == 2


def test_restore_onto_a_new_machine_needs_no_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new machine: the same keys, no database, no checkpoint file, and the backup."""
    instance = tmp_path / "instance"
    app = app_van(instance)
    vul(app)
    voor = staat(app)
    backup = tmp_path / "b"
    assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))[0] == 0
    nieuw = tmp_path / "nieuw"
    nieuw.mkdir()
    for naam in ("secret_key", "audit_key"):
        (nieuw / naam).write_bytes((instance / naam).read_bytes())
    status, _, fout = nlalert(capsys, "db", "restore", str(backup), "--instance", str(nieuw))
    assert (status, fout) == (0, "")
    assert staat(app_van(nieuw))["berichten"] == voor["berichten"]
    assert nlalert(capsys, "audit", "verify", "--instance", str(nieuw))[0] == 0


def test_json_for_machines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    instance = tmp_path / "instance"
    vul(app_van(instance))
    backup = tmp_path / "b"
    status, uit, _ = nlalert(
        capsys, "db", "backup", str(backup), "--json", "--instance", str(instance)
    )
    assert status == 0
    assert json.loads(uit) == {"soort": "sqlite", "bestand": str(backup), "seq": 5}
    args = ("--force", "--json", "--instance", str(instance))
    status, uit, _ = nlalert(capsys, "db", "restore", str(backup), *args)
    assert status == 0
    assert json.loads(uit) == {
        "soort": "sqlite",
        "bestand": str(backup),
        "seq": 5,
        "vorige_seq": 5,
        "audit_ok": True,
    }
