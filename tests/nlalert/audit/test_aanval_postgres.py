"""The attack of issue 10 on PostgreSQL, by someone who can write the database but has not the
key: drop the trigger, rewrite a row and recompute every later hash, or cut off the last 20
rows. `nlalert audit verify` names the seq where the log went wrong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from nlalert.audit import log as audit
from nlalert.audit import sleutel
from nlalert.audit.sleutel import Ondertekening
from nlalert.cli import main
from nlalert.db import IntegriteitsFout, transactie, verbind
from tests.nlalert.audit.conftest import SLEUTEL, schrijf_rijen

AANTAL = 40


@pytest.fixture
def checkpoints(tmp_path: Path) -> Path:
    return tmp_path / "pg-audit-checkpoints.jsonl"


@pytest.fixture
def pg(pg_url: str, checkpoints: Path) -> Iterator[str]:
    """A PostgreSQL database with 40 signed and checkpointed audit rows."""
    sleutel.registreer(pg_url, Ondertekening(sleutel=SLEUTEL, checkpoints=checkpoints))
    conn = verbind(pg_url)
    try:
        schrijf_rijen(conn, AANTAL)
    finally:
        conn.close()
    yield pg_url


def verify(url: str) -> audit.VerifyResult:
    conn = verbind(url)
    try:
        return audit.verify(conn)
    finally:
        conn.close()


def cli_verify(
    url: str, checkpoints: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    status = main(
        [
            "audit",
            "verify",
            "--instance",
            str(tmp_path),
            "--database",
            url,
            "--checkpoints",
            str(checkpoints),
        ]
    )
    return status, capsys.readouterr().out


@pytest.fixture
def sleutel_in_omgeving(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NLALERT_AUDIT_KEY", SLEUTEL.decode())


def test_the_trigger_refuses_update_delete_and_truncate(pg: str) -> None:
    conn = verbind(pg)
    try:
        for sql in ("UPDATE audit SET gebruiker = 'x'", "DELETE FROM audit", "TRUNCATE audit"):
            with pytest.raises(IntegriteitsFout, match="append-only"), transactie(conn):
                conn.execute(sql)
    finally:
        conn.close()
    assert verify(pg).ok


def test_rewritten_chain_with_recomputed_hashes_is_named(
    pg: str,
    checkpoints: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sleutel_in_omgeving: None,
) -> None:
    with psycopg.connect(pg, autocommit=True) as aanvaller:
        aanvaller.execute("DROP TRIGGER audit_geen_update ON audit")
        aanvaller.execute("UPDATE audit SET gebruiker = 'mallory' WHERE seq = 17")
        vorige = audit.GENESIS
        rijen = aanvaller.execute(
            "SELECT seq, tijd, gebruiker, actie, bericht_id, inhoud_hash, details, hash,"
            " request_id FROM audit ORDER BY seq"
        ).fetchall()
        for seq, tijd, gebruiker, actie, bericht_id, ihash, details, hash_, rid in rijen:
            if seq < 17:
                vorige = hash_
                continue
            nieuw = audit._rij_hash(
                vorige,
                seq=seq,
                tijd=tijd,
                gebruiker=gebruiker,
                actie=actie,
                bericht_id=bericht_id,
                inhoud_hash=ihash,
                details=details,
                request_id=rid,
            )
            aanvaller.execute(
                "UPDATE audit SET vorige_hash = %s, hash = %s WHERE seq = %s", (vorige, nieuw, seq)
            )
            vorige = nieuw
    uitkomst = verify(pg)
    assert (uitkomst.ok, uitkomst.eerste_fout) == (False, 17)
    status, uit = cli_verify(pg, checkpoints, tmp_path, capsys)
    assert status == 1
    assert "seq 17" in uit


def test_truncated_tail_is_named(
    pg: str,
    checkpoints: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sleutel_in_omgeving: None,
) -> None:
    with psycopg.connect(pg, autocommit=True) as aanvaller:
        aanvaller.execute("DROP TRIGGER audit_geen_delete ON audit")
        aanvaller.execute("DELETE FROM audit WHERE seq > %s", (AANTAL - 20,))
    uitkomst = verify(pg)
    assert (uitkomst.ok, uitkomst.eerste_fout, uitkomst.laatste_checkpoint) == (False, 21, AANTAL)
    status, uit = cli_verify(pg, checkpoints, tmp_path, capsys)
    assert status == 1
    assert "seq 21" in uit and "20 rijen" in uit


def test_an_intact_log_verifies_from_the_command_line(
    pg: str,
    checkpoints: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sleutel_in_omgeving: None,
) -> None:
    status, uit = cli_verify(pg, checkpoints, tmp_path, capsys)
    assert (status, uit.startswith(f"Auditlog intact: {AANTAL} regels")) == (0, True), uit
