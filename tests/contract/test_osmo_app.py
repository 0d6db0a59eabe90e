"""The app's whole send path (outbox, profile, retries) against a real osmo-cbc 0.4.0.

An exercise with Dutch + English and German, then its update, then its withdrawal: what osmo-cbc
holds by its own VTY is what the app says is on air, and every page on the wire is ours. osmo-cbc
loses REST answers often (docs/osmo-cbc.md); the app then says `onbekend`, and going on with the
send (its safe repeat: withdraw and send the same serial again) ends it on air.

Runs when OSMO_CBC_URL and OSMO_CBC_WORKDIR name a running kit; skips, saying why, otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from berichten.modus import BerichtSoort
from nlalert import koppelingen
from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Gebruiker, Rol
from nlalert.app import create_app
from nlalert.db import init_db, verbind
from nlalert.verzending import uitvoering as verzending
from nlalert.verzending import uitzendingen
from nlalert.workflow import opslag, opsteller
from nlalert.workflow.model import Status
from tests.contract.keten import inhoud
from tests.contract.osmo import (
    CbspLog,
    OsmoKit,
    actieve_berichten,
    cbsp,
    oefenkanalen,
    op_de_lucht,
    osmo_kit,
    verwacht,
)

pytestmark = pytest.mark.osmo
__all__ = ["cbsp", "oefenkanalen", "osmo_kit"]  # fixtures, named so pytest finds them

POGINGEN = 6  # a lost answer costs one attempt; several in a row do happen


class App:
    """The app wired to osmo-cbc with the osmo-cbc-0.4 profile, driven through its services."""

    def __init__(self, tmp_path: Path, kit: OsmoKit) -> None:
        self.app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "osmo",
                "DATABASE": str(tmp_path / "osmo.sqlite"),
                "SIM_URL": "http://127.0.0.1:9",  # never used: nothing here is training
                "CBC_URL": kit.url,
                "CBC_PROFIEL": "osmo-cbc-0.4",
                "CBC_TIMEOUT": 5,
                "CBC_RETRIES": 1,
            },
            instance_path=tmp_path,
        )
        self.db = verbind(self.app.config["DATABASE"])
        init_db(self.db)
        methode, gebruikers.HASH_METHODE = gebruikers.HASH_METHODE, "pbkdf2:sha256:1000"
        try:
            self.anna = gebruikers.voeg_toe(self.db, "anna", Rol.OPSTELLER, "x" * 12, door="t")
            self.gert: Gebruiker = gebruikers.voeg_toe(
                self.db, "gert", Rol.GOEDKEURDER, "x" * 12, door="t"
            )
        finally:
            gebruikers.HASH_METHODE = methode

    def keur_goed(self, bericht_id: int) -> None:
        record = opslag.lees(self.db, bericht_id)
        opslag.dien_in(self.db, bericht_id, self.anna, versie=record.versie)
        gezien = opslag.lees(self.db, bericht_id).inhoud_hash
        opslag.keur_goed(self.db, bericht_id, self.gert, gezien_hash=gezien)

    def verzend_tot_in_de_lucht(self, bericht_id: int) -> None:
        """Send, and go on while osmo-cbc's answers are lost, until the send is done."""
        for _ in range(POGINGEN):
            with self.app.app_context():
                record = verzending.verzend(
                    self.db, bericht_id, self.gert, koppelingen.koppelingen(), opsteller.bericht
                )
            if record.status is Status.VERZONDEN:
                return
            assert record.status is Status.ONBEKEND, record.cbc_resultaat  # never refused here
        pytest.fail(f"bericht {bericht_id} not on air after {POGINGEN} attempts")

    def in_de_lucht(self) -> dict[int, int]:
        """Message id -> serial of what the app says is on air at osmo-cbc."""
        nu = datetime.now(UTC)
        return {
            u.message_id: u.serial
            for u in uitzendingen.mogelijk_in_de_lucht(self.db, self.app.config["CBC_URL"])
            if u.in_de_lucht(nu)
        }


@pytest.fixture
def app(tmp_path: Path, osmo_kit: OsmoKit, oefenkanalen: frozenset[int]) -> Iterator[App]:
    a = App(tmp_path, osmo_kit)
    with closing(a.db):
        yield a


def _op_de_draad_klopt(a: App, cbsp_: CbspLog, vanaf: int, bericht_id: int) -> None:
    """Every broadcast of the bericht went on the wire with exactly our pages."""
    for u in uitzendingen.van_bericht(a.db, bericht_id):
        records = cbsp_.wacht_op(vanaf, "WRITE-REPLACE", u.message_id, u.serial)
        assert op_de_lucht(records[-1]) == verwacht(u.als_uitzending()), u.talen


def test_alert_update_and_withdrawal_through_the_outbox_match_osmo_cbc(
    app: App, osmo_kit: OsmoKit, cbsp: CbspLog
) -> None:
    alert = opslag.maak(app.db, inhoud(talen=["nl", "en", "de"]), app.anna)
    assert alert.id is not None
    app.keur_goed(alert.id)
    vanaf = cbsp.einde()
    app.verzend_tot_in_de_lucht(alert.id)
    assert set(app.in_de_lucht()) == {4381, 4394}
    assert actieve_berichten(osmo_kit.vty) == app.in_de_lucht()
    _op_de_draad_klopt(app, cbsp, vanaf, alert.id)

    with app.app.app_context():
        update = opslag.maak_vervolg(app.db, alert.id, BerichtSoort.UPDATE, app.anna)
    assert update.id is not None
    app.keur_goed(update.id)
    vanaf = cbsp.einde()
    app.verzend_tot_in_de_lucht(update.id)
    assert actieve_berichten(osmo_kit.vty) == app.in_de_lucht()
    assert {s & 0xF for s in app.in_de_lucht().values()} == {1}  # update number 1 on both
    _op_de_draad_klopt(app, cbsp, vanaf, update.id)

    with app.app.app_context():
        intrekking = opslag.maak_vervolg(app.db, update.id, BerichtSoort.CANCEL, app.anna)
    assert intrekking.id is not None
    app.keur_goed(intrekking.id)
    app.verzend_tot_in_de_lucht(intrekking.id)
    assert app.in_de_lucht() == {} and actieve_berichten(osmo_kit.vty) == {}
    assert opslag.lees(app.db, update.id).status is Status.INGETROKKEN


def test_a_channel_osmo_cbc_cannot_share_is_shown_not_dropped(app: App) -> None:
    # osmo-cbc keys on the message id alone: German and Arabic both need 4394.
    alert = opslag.maak(app.db, inhoud(talen=["nl", "en", "de", "ar"]), app.anna)
    assert alert.id is not None
    app.keur_goed(alert.id)
    app.verzend_tot_in_de_lucht(alert.id)
    staat = {u.talen: u.toestand for u in uitzendingen.van_bericht(app.db, alert.id)}
    assert staat == {
        ("nl", "en"): uitzendingen.Toestand.ACTIEF,
        ("de",): uitzendingen.Toestand.ACTIEF,
        ("ar",): uitzendingen.Toestand.NIET_MEE,
    }
    reden = next(u.reden for u in uitzendingen.van_bericht(app.db, alert.id) if u.talen == ("ar",))
    assert reden is not None and "4394" in str(reden)
