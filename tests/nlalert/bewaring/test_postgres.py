"""PostgreSQL's side of `nlalert db backup`/`restore`: pg_dump and pg_restore against a
throwaway cluster (tests/pgcluster.py), their failures in one line, the archive's audit rows
read back exactly, and a restore onto a new, empty database."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from nlalert.audit import log as audit
from nlalert.bewaring import postgres
from nlalert.db import transactie, verbind
from tests.nlalert.bewaring.conftest import app_van, nlalert, staat, vul
from tests.pgcluster import Cluster


@pytest.fixture
def instance(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NLALERT_DATABASE_URL", pg_url)
    map_ = tmp_path / "instance"
    map_.mkdir()
    return map_


def een_regel(fout: str) -> str:
    assert fout.startswith("nlalert: fout: ") and fout.count("\n") == 1, fout
    assert "Traceback" not in fout
    return fout.removeprefix("nlalert: fout: ").rstrip("\n")


def test_pg_dump_failing_is_one_line_and_exit_1(
    instance: Path,
    tmp_path: Path,
    pg_cluster: Cluster,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NLALERT_DATABASE_URL", pg_cluster.url("bestaat_niet"))
    backup = tmp_path / "b"
    status, uit, fout = nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))
    assert (status, uit) == (1, "")
    regel = een_regel(fout)
    assert regel.startswith("pg_dump mislukte: ") and '"bestaat_niet" does not exist' in regel
    assert not backup.exists() and list(tmp_path.glob(".b.*")) == []

    status, _, fout = nlalert(
        capsys, "db", "restore", str(backup), "--force", "--instance", str(instance)
    )
    assert status == 2 and een_regel(fout) == f"'{backup}' bestaat niet"


def test_no_pg_dump_installed_is_said_so(
    instance: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(postgres, "DEBIAN", tmp_path / "geen")
    status, _, fout = nlalert(
        capsys, "db", "backup", str(tmp_path / "b"), "--instance", str(instance)
    )
    assert status == 1
    assert een_regel(fout) == "pg_dump is niet gevonden; installeer postgresql-client"


def test_a_damaged_archive_and_an_archive_of_another_database(
    instance: Path,
    tmp_path: Path,
    pg_cluster: Cluster,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vul(app_van(instance))
    args = ("--force", "--instance", str(instance))
    rommel = tmp_path / "rommel"
    rommel.write_bytes(b"PGDMP" + b"\x01" * 200)
    status, _, fout = nlalert(capsys, "db", "restore", str(rommel), *args)
    assert status == 2
    assert een_regel(fout) == f"'{rommel}' is geen nlalert-database: er staat geen auditlog in"
    backup, kapot = tmp_path / "b", tmp_path / "kapot"
    assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))[0] == 0
    kapot.write_bytes(backup.read_bytes()[: backup.stat().st_size * 3 // 4])
    status, _, fout = nlalert(capsys, "db", "restore", str(kapot), *args)
    assert status == 2 and een_regel(fout).startswith(f"'{kapot}' is beschadigd: pg_restore")

    ander = tmp_path / "ander"
    url = pg_cluster.nieuwe_database(gemigreerd=False)
    with closing(verbind(url)) as db:
        db.execute("CREATE TABLE boodschappen (x TEXT)")
    postgres._draai([postgres.programma("pg_dump"), "-Fc", "-f", str(ander), "-d", url])
    status, _, fout = nlalert(capsys, "db", "restore", str(ander), *args)
    assert status == 2
    assert een_regel(fout) == f"'{ander}' is geen nlalert-database: er staat geen auditlog in"


def test_an_unreachable_server_before_restore_changes_nothing(
    instance: Path,
    tmp_path: Path,
    pg_cluster: Cluster,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vul(app_van(instance))
    backup = tmp_path / "b"
    assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))[0] == 0
    monkeypatch.setenv("NLALERT_DATABASE_URL", f"postgresql://nlalert@/x?host={tmp_path}")
    status, _, fout = nlalert(
        capsys, "db", "restore", str(backup), "--force", "--instance", str(instance)
    )
    assert status == 1 and een_regel(fout).startswith("de database is niet bereikbaar: ")


def test_audit_text_survives_the_archive_exactly(
    instance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tabs, newlines, backslashes and non-ASCII in an audit row: the row read back from the
    archive must hash as it was written, or the restore would refuse its own backup."""
    app = app_van(instance)
    vul(app)
    lastig = {"tekst": "a\tb\nc\\d\\N\r é 😀 \\\\t", "leeg": ""}
    with closing(verbind(app.config["DATABASE"])) as db, transactie(db):
        audit.schrijf(db, gebruiker="an\tna\\", actie=audit.Actie.BEWERKEN, details=lastig)
    voor = staat(app)
    backup = tmp_path / "b"
    assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))[0] == 0
    with postgres.audit_uit_archief(backup) as db:
        rijen = [tuple(r) for r in db.execute("SELECT seq, hash FROM audit ORDER BY seq")]
        uitkomst = audit.verify(db, None)
    assert rijen == voor["audit"] and uitkomst.ok
    status, _, _ = nlalert(
        capsys, "db", "restore", str(backup), "--force", "--instance", str(instance)
    )
    assert status == 0


def test_restore_onto_a_new_empty_database_needs_no_force(
    instance: Path,
    tmp_path: Path,
    pg_cluster: Cluster,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = app_van(instance)
    vul(app)
    voor = staat(app)
    backup = tmp_path / "b"
    assert nlalert(capsys, "db", "backup", str(backup), "--instance", str(instance))[0] == 0
    # A new server: an empty database, the instance's keys, no checkpoint file.
    nieuw = tmp_path / "nieuw"
    nieuw.mkdir()
    for naam in ("secret_key", "audit_key"):
        (nieuw / naam).write_bytes((instance / naam).read_bytes())
    monkeypatch.setenv("NLALERT_DATABASE_URL", pg_cluster.nieuwe_database(gemigreerd=False))
    status, uit, fout = nlalert(capsys, "db", "restore", str(backup), "--instance", str(nieuw))
    assert (status, fout) == (0, ""), fout
    assert uit.splitlines()[1].startswith("Auditlog intact:")
    terug = staat(app_van(nieuw))
    assert terug["berichten"] == voor["berichten"]
    assert terug["gebruikers"] == voor["gebruikers"]
    assert nlalert(capsys, "audit", "verify", "--instance", str(nieuw))[0] == 0


def test_the_password_stays_out_of_the_command_line() -> None:
    conninfo, omgeving = postgres.verbinding("postgresql://app:geheim@db.example:5433/nlalert")
    assert "geheim" not in conninfo and omgeving["PGPASSWORD"] == "geheim"
    assert "host=db.example" in conninfo and "port=5433" in conninfo
