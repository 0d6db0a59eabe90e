"""What `nlalert db restore` refuses before it changes anything, and how `backup` and `restore`
say so: one Dutch line, exit 2 for a file that cannot be used, never a traceback."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from nlalert.db import verbind
from tests.nlalert.bewaring.conftest import app_van, nlalert, staat, vul, wijzig


def geweigerd(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run a command that must be refused with exit 2; its one line."""
    status, uit, fout = nlalert(capsys, *args)
    assert (status, uit) == (2, ""), fout
    assert fout.startswith("nlalert: fout: ") and fout.count("\n") == 1, fout
    return fout.removeprefix("nlalert: fout: ").rstrip("\n")


@pytest.fixture
def gevuld(instance: Path) -> Path:
    vul(app_van(instance))
    return instance


def test_files_that_are_no_backup(
    gevuld: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    voor = staat(app_van(gevuld))
    tekst = tmp_path / "boodschappen.txt"
    tekst.write_text("melk\nbrood\n")
    leeg = tmp_path / "leeg.sqlite"
    with closing(sqlite3.connect(leeg)) as db:
        db.execute("CREATE TABLE iets (x)")
    args = ("--force", "--instance", str(gevuld))
    assert "bestaat niet" in geweigerd(capsys, "db", "restore", str(tmp_path / "weg"), *args)
    assert "is geen" in geweigerd(capsys, "db", "restore", str(tekst), *args)
    assert "geen" in geweigerd(capsys, "db", "restore", str(tmp_path), *args)
    if not str(app_van(gevuld).config["DATABASE"]).startswith("postgresql"):
        assert geweigerd(capsys, "db", "restore", str(leeg), *args) == (
            f"'{leeg}' is geen nlalert-database: er staat geen auditlog in"
        )
    assert staat(app_van(gevuld)) == voor


def test_a_backup_of_the_other_database_kind_is_named(
    gevuld: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = app_van(gevuld)
    postgres = str(app.config["DATABASE"]).startswith("postgresql")
    andere = tmp_path / "andere"
    if postgres:
        andere.write_bytes(b"SQLite format 3\x00" + bytes(100))
        verwacht = f"'{andere}' is een SQLite-backup; deze app gebruikt PostgreSQL"
    else:
        andere.write_bytes(b"PGDMP" + bytes(100))
        verwacht = f"'{andere}' is geen SQLite-database"
    regel = geweigerd(capsys, "db", "restore", str(andere), "--force", "--instance", str(gevuld))
    assert regel == verwacht


def test_a_backup_with_a_rewritten_log_is_refused(
    gevuld: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone changed an audit row in the database before the backup was taken."""
    app = app_van(gevuld)
    with closing(verbind(app.config["DATABASE"])) as db:
        if str(app.config["DATABASE"]).startswith("postgresql"):
            db.execute("ALTER TABLE audit DISABLE TRIGGER audit_geen_update")
        else:
            db.execute("DROP TRIGGER audit_geen_update")
        db.execute("UPDATE audit SET gebruiker = 'mallory' WHERE seq = 2")
    backup = tmp_path / "b"
    assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(gevuld))[0] == 0
    voor = staat(app)
    regel = geweigerd(capsys, "db", "restore", str(backup), "--force", "--instance", str(gevuld))
    assert regel == (
        f"'{backup}' wordt niet teruggezet: het auditlog erin klopt niet"
        " (seq 2: inhoud van de rij is gewijzigd)"
    )
    assert staat(app) == voor


def test_a_backup_signed_with_another_audit_key_is_refused(
    gevuld: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b"
    assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(gevuld))[0] == 0
    ander = tmp_path / "ander"
    ander.mkdir()
    (ander / "audit_key").write_text("een andere sleutel\n")
    regel = geweigerd(capsys, "db", "restore", str(backup), "--force", "--instance", str(ander))
    assert "seq 1: HMAC klopt niet" in regel and "andere auditsleutel" in regel


def test_a_backup_from_a_replaced_history_is_refused(
    gevuld: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Back up, work on, back up again; restore the first and work on: the second backup's
    rows after the first's head now contradict the checkpoints of the log as it went on."""
    app = app_van(gevuld)
    eerste, tweede = tmp_path / "eerste", tmp_path / "tweede"
    assert nlalert(capsys, "db", "backup", str(eerste), "--instance", str(gevuld))[0] == 0
    kop = len(staat(app)["audit"])
    wijzig(app)
    assert nlalert(capsys, "db", "backup", str(tweede), "--instance", str(gevuld))[0] == 0
    args = ("--force", "--instance", str(gevuld))
    assert nlalert(capsys, "db", "restore", str(eerste), *args)[0] == 0
    regel = geweigerd(capsys, "db", "restore", str(tweede), *args)
    assert f"seq {kop + 1} wijkt af van checkpoint regel" in regel
    assert "hoort niet bij deze database" in regel


def test_backup_does_not_overwrite_without_force(
    gevuld: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b"
    backup.write_text("iets anders\n")
    regel = geweigerd(capsys, "db", "backup", str(backup), "--instance", str(gevuld))
    assert regel == f"'{backup}' bestaat al; kies een nieuwe naam of gebruik --force"
    assert backup.read_text() == "iets anders\n"
    status, _, _ = nlalert(
        capsys, "db", "backup", str(backup), "--force", "--instance", str(gevuld)
    )
    assert status == 0 and backup.read_bytes()[:5] in (b"SQLit", b"PGDMP")
    weg = tmp_path / "geen-map" / "b"
    assert geweigerd(capsys, "db", "backup", str(weg), "--instance", str(gevuld)) == (
        f"de map van '{weg}' bestaat niet"
    )
