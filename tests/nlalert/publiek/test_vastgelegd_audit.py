"""`audit verify` compares every pinned public text with the SHA-256 its audit row holds: the
chain protects the audit row, and this check carries that to the `berichten.vastgelegd` column.
A text changed, removed or slipped in after the send is named, through the command line too."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from nlalert import cli
from nlalert.accounts.gebruikers import Rol
from nlalert.audit import log as audit
from tests.nlalert.conftest import login, maak_gebruiker
from tests.nlalert.publiek.conftest import Zender, echt


def _seq_van_vastleggen(zender: Zender, bericht_id: int) -> int:
    (rij,) = zender.db.execute(
        "SELECT seq FROM audit WHERE actie = 'vastgelegd' AND bericht_id = ?", (bericht_id,)
    ).fetchall()
    return int(rij["seq"])


def _zet(zender: Zender, bericht_id: int, waarde: str | None) -> None:
    zender.db.execute("UPDATE berichten SET vastgelegd = ? WHERE id = ?", (waarde, bericht_id))
    zender.db.commit()


def test_a_sent_bericht_verifies(zender: Zender) -> None:
    alert = zender.verzonden(echt())
    assert zender.db.execute("SELECT vastgelegd FROM berichten WHERE id = ?", (alert,)).fetchone()[
        0
    ]
    assert audit.verify(zender.db).ok


def test_a_changed_pinned_text_is_named_with_its_audit_row(zender: Zender) -> None:
    alert = zender.verzonden(echt())
    waarde = zender.db.execute(
        "SELECT vastgelegd FROM berichten WHERE id = ?", (alert,)
    ).fetchone()[0]
    _zet(zender, alert, waarde.replace("Utrecht", "Uterecht"))
    uitkomst = audit.verify(zender.db)
    assert not uitkomst.ok
    # The chain itself is intact: no first bad row; the reason names the bericht and its row.
    assert uitkomst.eerste_fout is None
    assert f"bericht {alert} wijkt af" in str(uitkomst.reden)
    assert f"auditregel {_seq_van_vastleggen(zender, alert)}" in str(uitkomst.reden)


def test_a_removed_pinned_text_is_named(zender: Zender) -> None:
    alert = zender.verzonden(echt())
    _zet(zender, alert, None)
    uitkomst = audit.verify(zender.db)
    assert not uitkomst.ok and "verwijderd" in str(uitkomst.reden)
    assert f"auditregel {_seq_van_vastleggen(zender, alert)}" in str(uitkomst.reden)


def test_a_pinned_text_without_an_audit_row_is_named(zender: Zender) -> None:
    concept = zender.concept(echt())
    assert concept.id is not None
    _zet(zender, concept.id, '{"cap": null, "teksten": {}, "kaarten": {}}')
    uitkomst = audit.verify(zender.db)
    assert not uitkomst.ok and "zonder auditregel" in str(uitkomst.reden)


def test_the_command_line_exits_1_with_the_reason(
    zender: Zender, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alert = zender.verzonden(echt())
    verify = [
        "audit",
        "verify",
        "--instance",
        str(tmp_path),
        "--database",
        str(tmp_path / "t.sqlite"),
        "--checkpoints",
        str(tmp_path / "t-audit-checkpoints.jsonl"),
    ]
    assert cli.main(verify) == 0
    capsys.readouterr()
    _zet(zender, alert, "{}")
    assert cli.main(verify) == 1
    uit = capsys.readouterr()
    assert f"bericht {alert} wijkt af" in uit.out + uit.err


def test_the_audit_page_says_the_log_does_not_check_out_without_a_row_number(
    zender: Zender, client: FlaskClient
) -> None:
    alert = zender.verzonden(echt())
    _zet(zender, alert, "{}")
    maak_gebruiker(zender.app, "bea", Rol.BEHEER)
    login(client, "bea")
    pagina = client.get("/audit").get_data(as_text=True)
    assert "Het auditlog klopt niet: de vastgelegde tekst van bericht" in pagina
    assert "regel None" not in pagina
