"""`nlalert db backup` and `nlalert db restore` on SQLite and PostgreSQL: berichten and audit
rows are made, backed up, changed and deleted, and the restore brings them back with an audit
log that `nlalert audit verify` passes, also after more work on the restored database."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from nlalert.accounts import gebruikers
from nlalert.audit import checkpoints, sleutel
from nlalert.db import verbind
from nlalert.workflow import opslag
from tests.nlalert.bewaring.conftest import app_van, nlalert, staat, vul, wijzig
from tests.nlalert.conftest import inhoud


def test_restore_brings_back_what_was_backed_up_and_the_log_verifies(
    instance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = app_van(instance)
    vul(app)
    voor = staat(app)
    backup = tmp_path / "nacht.backup"

    status, uit, _ = nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))
    assert status == 0
    assert uit == f"Backup geschreven naar {backup} (auditlog tot seq {len(voor['audit'])}).\n"
    assert backup.stat().st_mode & 0o777 == 0o600  # it holds password hashes

    wijzig(app)
    na_wijziging = staat(app)
    assert na_wijziging != voor

    # A database with data is only replaced on purpose.
    status, uit, fout = nlalert(capsys, "db", "restore", str(backup), "--instance", str(instance))
    assert (status, uit) == (2, "")
    assert fout == (
        "nlalert: fout: de database bevat al gegevens; stop de app en gebruik --force om haar"
        " te vervangen\n"
    )
    assert staat(app) == na_wijziging

    status, uit, fout = nlalert(
        capsys, "db", "restore", str(backup), "--force", "--instance", str(instance)
    )
    regels = uit.splitlines()
    assert status == 0 and fout == ""
    aantal, toen = len(voor["audit"]), len(na_wijziging["audit"])
    assert regels[0] == (
        f"Database teruggezet uit {backup} (auditlog tot seq {aantal}; daarvoor tot seq {toen})."
    )
    # The restore is itself an audit row, after the restored head.
    assert (
        regels[1]
        == f"Auditlog intact: {aantal + 1} regels, laatste checkpoint bij seq {aantal + 1}."
    )
    terug = staat(app)
    assert terug["berichten"] == voor["berichten"]
    assert terug["gebruikers"] == voor["gebruikers"]
    assert terug["audit"][:aantal] == voor["audit"]
    with closing(verbind(app.config["DATABASE"])) as db:
        rij = db.execute("SELECT gebruiker, actie, details FROM audit ORDER BY seq DESC").fetchone()
    assert (rij[0], rij[1]) == ("cli", "database_hersteld")
    assert json.loads(rij[2]) == {
        "backup": backup.name,
        "vorige_seq": toen,
        "vorige_hash": na_wijziging["audit"][-1][1],
    }

    status, uit, _ = nlalert(capsys, "audit", "verify", "--instance", str(instance))
    assert (status, uit) == (0, regels[1] + "\n")

    # Work goes on: new rows take the seqs the restore freed, and the log still verifies.
    with closing(verbind(app.config["DATABASE"])) as db:
        anna = gebruikers.zoek(db, "anna")
        assert anna is not None
        opslag.maak(db, inhoud(velden={"plaats": "Lelystad", "link": "crisis.nl"}), anna)
    status, uit, _ = nlalert(capsys, "audit", "verify", "--instance", str(instance))
    assert status == 0 and uit.startswith(f"Auditlog intact: {aantal + 2} regels")


def test_the_checkpoint_file_keeps_the_replaced_history_and_notes_the_restore(
    instance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = app_van(instance)
    vul(app)
    backup = tmp_path / "b"
    assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))[0] == 0
    wijzig(app)
    ondertekening = sleutel.van_app(app)
    assert ondertekening.checkpoints is not None
    voor = ondertekening.checkpoints.read_text().splitlines()
    assert (
        nlalert(capsys, "db", "restore", str(backup), "--force", "--instance", str(instance))[0]
        == 0
    )
    na = ondertekening.checkpoints.read_text().splitlines()
    assert na[: len(voor)] == voor  # append-only
    herstel = json.loads(na[len(voor)])
    assert herstel["herstel"] == "b"
    punten = checkpoints.lees(ondertekening.checkpoints, ondertekening)
    assert [p.seq for p in punten.herstellingen] == [herstel["seq"]]
    assert punten.ongeldig == () and punten.tegenstrijdig == ()
