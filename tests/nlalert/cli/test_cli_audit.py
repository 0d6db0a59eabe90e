"""`nlalert audit verify` against the attack of issue 10, through the command line: exit status
and the one line; and a file that is not a database gets one Dutch line and exit 2."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from nlalert import cli
from nlalert.app import create_app
from nlalert.audit import log as audit
from nlalert.db import init_db, transactie, verbind

AANTAL = 40


def schrijf_rijen(instance: Path, aantal: int) -> Path:
    """Build the app as a process would, then append rows one transaction each."""
    app = create_app(instance_path=instance)
    with closing(verbind(app.config["DATABASE"])) as db:
        db.execute("PRAGMA synchronous = OFF")
        init_db(db)
        for i in range(aantal):
            with transactie(db):
                audit.schrijf(db, gebruiker="anna", actie=audit.Actie.BEWERKEN, bericht_id=i)
    return Path(app.config["DATABASE"])


def verify(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(["audit", "verify", *args])
    uit = capsys.readouterr()
    return status, uit.out, uit.err


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return schrijf_rijen(tmp_path, AANTAL)


def test_untouched_log_exits_0(
    tmp_path: Path, database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, uit, _ = verify(capsys, "--instance", str(tmp_path))
    assert (status, uit) == (0, "Auditlog intact: 40 regels, laatste checkpoint bij seq 40.\n")


def test_rewritten_chain_exits_1_naming_the_row_and_the_last_checkpoint(
    tmp_path: Path, database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with closing(verbind(database)) as db:
        db.execute("DROP TRIGGER audit_geen_update")
        db.execute("UPDATE audit SET gebruiker = 'mallory' WHERE seq = 17")
        vorige = audit.GENESIS
        for rij in db.execute("SELECT * FROM audit ORDER BY seq").fetchall():
            if rij["seq"] >= 17:
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
                    "UPDATE audit SET vorige_hash = ?, hash = ? WHERE seq = ?",
                    (vorige, nieuw, rij["seq"]),
                )
                vorige = nieuw
            else:
                vorige = rij["hash"]
    status, uit, _ = verify(capsys, "--instance", str(tmp_path))
    assert status == 1 and uit.count("\n") == 1
    assert uit.startswith("Auditlog verbroken bij seq 17: HMAC klopt niet")
    assert uit.endswith("; laatste checkpoint bij seq 40.\n")
    status, uit, _ = verify(capsys, "--instance", str(tmp_path), "--json")
    assert status == 1
    assert json.loads(uit) | {"reden": None} == {
        "ok": False,
        "aantal": 16,
        "eerste_fout": 17,
        "reden": None,
        "zonder_hmac": 0,
        "laatste_checkpoint": 40,
    }


def test_truncated_tail_exits_1(
    tmp_path: Path, database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with closing(verbind(database)) as db:
        db.execute("DROP TRIGGER audit_geen_delete")
        db.execute("DELETE FROM audit WHERE seq > 20")
    status, uit, _ = verify(capsys, "--instance", str(tmp_path))
    assert status == 1
    assert uit == (
        "Auditlog verbroken bij seq 21: afgekapt: de checkpoint (regel 40) noemt seq 40,"
        " de database eindigt bij seq 20 (20 rijen verdwenen); laatste checkpoint bij seq 40.\n"
    )


def test_copy_of_the_database_is_checked_against_the_instance_checkpoints(
    tmp_path: Path, database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kopie = tmp_path / "kopie.sqlite"
    with closing(sqlite3.connect(database)) as bron, closing(sqlite3.connect(kopie)) as doel:
        bron.backup(doel)
    schrijf_rijen(tmp_path, 2)  # the live log moves on; the copy now lacks its tail
    status, uit, _ = verify(capsys, "--instance", str(tmp_path), "--database", str(kopie))
    assert status == 1 and "afgekapt" in uit and "seq 41" in uit


def test_key_from_the_environment_is_the_one_that_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NLALERT_AUDIT_KEY", "0123456789")  # arrives parsed as a number
    schrijf_rijen(tmp_path, 3)
    assert not (tmp_path / "audit_key").exists()
    assert verify(capsys, "--instance", str(tmp_path))[0] == 0
    monkeypatch.setenv("NLALERT_AUDIT_KEY", "een andere sleutel")
    status, uit, _ = verify(capsys, "--instance", str(tmp_path))
    assert status == 1 and uit.startswith("Auditlog verbroken bij seq 1: HMAC klopt niet")


def test_checkpoint_file_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    elders = tmp_path / "elders" / "checkpoints.jsonl"
    monkeypatch.setenv("NLALERT_AUDIT_CHECKPOINTS", str(elders))
    schrijf_rijen(tmp_path / "instance", 3)
    assert len(elders.read_text(encoding="utf-8").splitlines()) == 3
    assert verify(capsys, "--instance", str(tmp_path / "instance"))[0] == 0


def _geen_database(tmp_path: Path, soort: str) -> Path:
    pad = tmp_path / f"{soort}.sqlite"
    if soort == "tekst":
        pad.write_text("dit is geen database\n" * 100, encoding="utf-8")
    elif soort == "leeg":
        pad.write_bytes(b"")
    elif soort == "map":
        pad.mkdir()
    elif soort == "andere-sqlite":
        with closing(sqlite3.connect(pad)) as db:
            db.execute("CREATE TABLE audit (x)")
    return pad


@pytest.mark.parametrize(
    ("soort", "woorden"),
    [
        ("tekst", "is geen SQLite-database"),
        ("leeg", "is geen nlalert-database"),
        ("ontbreekt", "bestaat niet"),
        ("map", "is een map, geen database"),
        ("andere-sqlite", "is geen nlalert-database"),
    ],
)
@pytest.mark.parametrize("opdracht", ["verify", "export"])
def test_file_that_is_not_a_database_gets_one_dutch_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    soort: str,
    woorden: str,
    opdracht: str,
) -> None:
    pad = _geen_database(tmp_path, soort)
    voor = pad.read_bytes() if pad.is_file() else None
    extra = ["--csv", "-"] if opdracht == "export" else []
    for args, omgeving in (
        (["--instance", str(tmp_path), "--database", str(pad)], None),
        (["--instance", str(tmp_path)], str(pad)),  # NLALERT_DATABASE names it
    ):
        if omgeving:
            monkeypatch.setenv("NLALERT_DATABASE", omgeving)
        status = cli.main(["audit", opdracht, *args, *extra])
        fout = capsys.readouterr().err
        assert status == 2 and "Traceback" not in fout
        assert fout == f"nlalert: fout: '{pad}' {woorden}" + fout.split(woorden, 1)[1]
        assert fout.count("\n") == 1
    # Checking writes nothing: a missing or empty file is not made into a database.
    assert (pad.read_bytes() if pad.is_file() else None) == voor


@pytest.mark.parametrize("soort", ["bestand", "ontbreekt"])
def test_instance_that_is_not_a_folder_gets_one_dutch_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], soort: str
) -> None:
    pad = tmp_path / "instance"
    if soort == "bestand":
        pad.write_text("x", encoding="utf-8")
    status, _, fout = verify(capsys, "--instance", str(pad))
    assert status == 2 and fout.startswith("nlalert: fout: ") and fout.count("\n") == 1
    assert pad.exists() == (soort == "bestand")  # nothing created where nothing was


OUD_SCHEMA = """
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY, tijd TEXT NOT NULL, gebruiker TEXT NOT NULL, actie TEXT NOT NULL,
    bericht_id INTEGER, inhoud_hash TEXT NOT NULL, details TEXT NOT NULL,
    vorige_hash TEXT NOT NULL, hash TEXT NOT NULL
)"""


def test_database_from_before_signing_says_so_and_is_not_tampering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    oud = tmp_path / "nlalert.sqlite"
    with closing(sqlite3.connect(oud, isolation_level=None)) as db:
        db.execute(OUD_SCHEMA)  # the table as the code before signing made it
        vorige = audit.GENESIS
        for seq in (1, 2, 3):
            velden = ("2026-01-01T12:00:00+00:00", "anna", "login", None, "h", "{}")
            hash_ = audit._rij_hash(
                vorige,
                seq=seq,
                tijd=velden[0],
                gebruiker=velden[1],
                actie=velden[2],
                bericht_id=velden[3],
                inhoud_hash=velden[4],
                details=velden[5],
            )
            db.execute(
                "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, *velden, vorige, hash_),
            )
            vorige = hash_
    status, uit, _ = verify(capsys, "--instance", str(tmp_path))
    assert (status, uit) == (
        0,
        "Auditlog intact: 3 regels, geen checkpoint; de oudste 3 regels zijn van voor de"
        " ondertekening (zonder HMAC).\n",
    )
    schrijf_rijen(tmp_path, 2)  # the upgraded app adds the columns and signs on
    status, uit, _ = verify(capsys, "--instance", str(tmp_path))
    assert status == 0 and uit.startswith(
        "Auditlog intact: 5 regels, laatste checkpoint bij seq 5;"
    )


@pytest.mark.parametrize("opdracht", ["verify", "export"])
def test_an_unreachable_postgresql_is_named_without_its_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opdracht: str
) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    url = f"postgresql://nlalert:geheim@127.0.0.1:{poort}/nlalert?connect_timeout=2"
    extra = ["--csv", "-"] if opdracht == "export" else []
    status = cli.main(["audit", opdracht, "--instance", str(tmp_path), "--database", url, *extra])
    fout = capsys.readouterr().err
    assert status == 2 and fout.count("\n") == 1
    assert "is niet te openen" in fout and "127.0.0.1" in fout
    assert "geheim" not in fout
