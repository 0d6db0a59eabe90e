"""A communicator's whole chain in one process: the app's service layer, a fault-injecting proxy
and the real simulator over loopback HTTP.

The invariant every lifecycle test asserts: once the CBC has been asked again, the broadcasts
the app believes are on air are exactly those the simulator says it holds (its own GET).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from flask import Flask

from berichten.modus import BerichtSoort
from nlalert import koppelingen
from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Gebruiker, Rol
from nlalert.app import create_app
from nlalert.db import init_db, verbind
from nlalert.verzending import herstel, uitzendingen
from nlalert.verzending import uitvoering as verzending
from nlalert.workflow import opslag, opsteller
from nlalert.workflow.model import BerichtRecord, Status
from tests.simulator import draaiende_simulator
from tests.storing import StoringProxy

WACHTWOORD = "correct horse battery"


def inhoud(**anders: Any) -> dict[str, Any]:
    """An exercise about a fire, in Dutch, English and German unless told otherwise."""
    return {
        "categorie": "brand-rook",
        "velden": {"plaats": "Utrecht", "link": "crisis.nl"},
        "talen": ["nl", "en", "de"],
        "modus": "oefening",
        **anders,
    }


def sim_actief(sim_url: str) -> set[tuple[int, int]]:
    """(message identifier, serial number) of every broadcast the simulator holds active."""
    antwoord = requests.get(f"{sim_url}/api/ecbe/v1/message", timeout=10)
    antwoord.raise_for_status()
    return {
        (m["message_id"], m["serial_nr"]["serial_nr_encoded"]) for m in antwoord.json()["messages"]
    }


@dataclass
class Keten:
    """The app (through its service layer) wired to the simulator through a proxy."""

    app: Flask
    db: sqlite3.Connection
    proxy: StoringProxy
    sim_url: str
    anna: Gebruiker
    gert: Gebruiker

    # --- the communicator's steps ---------------------------------------------------------

    def goedgekeurd(self, data: dict[str, Any]) -> int:
        """A concept by anna, submitted and approved by gert; its id."""
        record = opslag.maak(self.db, data, self.anna)
        assert record.id is not None
        opslag.dien_in(self.db, record.id, self.anna, versie=record.versie)
        gezien = opslag.lees(self.db, record.id).inhoud_hash
        opslag.keur_goed(self.db, record.id, self.gert, gezien_hash=gezien)
        return record.id

    def verzend(self, bericht_id: int) -> BerichtRecord:
        """Send (or go on with) a bericht as gert."""
        with self.app.app_context():
            return verzending.verzend(
                self.db, bericht_id, self.gert, koppelingen.koppelingen(), opsteller.bericht
            )

    def vervolg(self, origineel_id: int, soort: BerichtSoort) -> int:
        """An approved update, all-clear or cancel of a bericht on air; its id."""
        with self.app.app_context():
            record = opslag.maak_vervolg(self.db, origineel_id, soort, self.anna)
        assert record.id is not None
        opslag.dien_in(self.db, record.id, self.anna, versie=record.versie)
        gezien = opslag.lees(self.db, record.id).inhoud_hash
        opslag.keur_goed(self.db, record.id, self.gert, gezien_hash=gezien)
        return record.id

    def controleer(self, bericht_id: int) -> BerichtRecord:
        """Ask the CBC again about unknown broadcasts."""
        with self.app.app_context():
            return herstel.controleer(self.db, bericht_id, koppelingen.koppelingen(), "test")

    def stop(self, bericht_id: int) -> BerichtRecord:
        """Stop a stuck send's broadcasts."""
        with self.app.app_context():
            return herstel.stop(self.db, bericht_id, self.gert, koppelingen.koppelingen())

    def status(self, bericht_id: int) -> Status:
        return opslag.lees(self.db, bericht_id).status

    # --- what each side holds -------------------------------------------------------------

    def app_actief(self) -> set[tuple[int, int]]:
        """What the app believes is on air (active, not ended) at the simulator."""
        nu = datetime.now(UTC)
        return {
            (u.message_id, u.serial)
            for url in {self.proxy.url}
            for u in uitzendingen.mogelijk_in_de_lucht(self.db, url)
            if u.toestand is uitzendingen.Toestand.ACTIEF and u.in_de_lucht(nu)
        }

    def app_mogelijk(self) -> set[tuple[int, int]]:
        """What may be on air by the app's account: active or unknown."""
        nu = datetime.now(UTC)
        return {
            (u.message_id, u.serial)
            for u in uitzendingen.mogelijk_in_de_lucht(self.db, self.proxy.url)
            if u.in_de_lucht(nu)
        }

    def onbekend(self) -> list[int]:
        """The berichten whose state at the CBC is unknown."""
        rijen = self.db.execute("SELECT id FROM berichten WHERE status = 'onbekend'").fetchall()
        return [int(r[0]) for r in rijen]

    def vereffen(self) -> None:
        """With the faults gone: ask the CBC about everything unknown."""
        for bericht_id in self.onbekend():
            self.controleer(bericht_id)

    def klopt(self) -> None:
        """The invariant, after asking the CBC again: app's on-air set == the simulator's."""
        self.vereffen()
        assert self.app_actief() == sim_actief(self.sim_url)
        assert self.app_mogelijk() == self.app_actief()


@contextmanager
def keten(tmp_path: Path, *, timeout: float = 1.0, profiel: str = "nlalert-sim") -> Iterator[Keten]:
    """A fresh app and simulator, with a proxy between them; short timeouts so faults are quick.
    With `profiel="osmo-cbc-0.4"` the app treats the simulator as it treats osmo-cbc: no GET."""
    with (
        draaiende_simulator(tmp_path / "sim", warm_laden=False) as sim_url,
        StoringProxy(doel=sim_url) as proxy,
    ):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test",
                "DATABASE": str(tmp_path / "keten.sqlite"),
                "SIM_URL": proxy.url,
                "CBC_TIMEOUT": timeout,
                "CBC_RETRIES": 1,
                "CBC_PROFIEL": profiel,
            },
            instance_path=tmp_path,
        )
        with closing(verbind(app.config["DATABASE"])) as db:
            init_db(db)
            # scrypt is slow by design; these users never log in.
            methode, gebruikers.HASH_METHODE = gebruikers.HASH_METHODE, "pbkdf2:sha256:1000"
            try:
                anna = gebruikers.voeg_toe(db, "anna", Rol.OPSTELLER, WACHTWOORD, door="test")
                gert = gebruikers.voeg_toe(db, "gert", Rol.GOEDKEURDER, WACHTWOORD, door="test")
            finally:
                gebruikers.HASH_METHODE = methode
            yield Keten(app=app, db=db, proxy=proxy, sim_url=sim_url, anna=anna, gert=gert)
