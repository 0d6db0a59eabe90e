"""Berichten that really went out: drafted, submitted, approved and sent through the service
layer to the real simulator over loopback HTTP (the `app` fixture's)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from berichten.modus import BerichtSoort
from nlalert import koppelingen
from nlalert.accounts.gebruikers import Gebruiker, Rol
from nlalert.app import create_app
from nlalert.db import init_db, verbind
from nlalert.verzending import uitvoering
from nlalert.workflow import opslag, opsteller
from nlalert.workflow.model import BerichtRecord
from tests.nlalert.conftest import inhoud, maak_gebruiker

UTRECHT = {
    "type": "Feature",
    "properties": {"beschrijving": "Utrecht-Oost"},
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[5.12, 52.08], [5.16, 52.08], [5.16, 52.1], [5.12, 52.1], [5.12, 52.08]]],
    },
}


def echt(**anders: Any) -> dict[str, Any]:
    """A real alert about a fire in Utrecht, in Dutch, English and Arabic, with an area."""
    return inhoud(**{"modus": "echt", "talen": ["nl", "en", "ar"], "gebied": UTRECHT, **anders})


@dataclass
class Zender:
    """A drafter (anna) and an approver (gert) working the app's service layer."""

    app: Flask
    db: sqlite3.Connection
    anna: Gebruiker
    gert: Gebruiker

    def concept(self, data: dict[str, Any]) -> BerichtRecord:
        return opslag.maak(self.db, data, self.anna)

    def ingediend(self, data: dict[str, Any]) -> int:
        r = self.concept(data)
        assert r.id is not None
        opslag.dien_in(self.db, r.id, self.anna, versie=r.versie)
        return r.id

    def teruggestuurd(self, data: dict[str, Any]) -> int:
        bericht_id = self.ingediend(data)
        versie = opslag.lees(self.db, bericht_id).versie
        opslag.stuur_terug(self.db, bericht_id, self.gert, reden="anders", versie=versie)
        return bericht_id

    def goedgekeurd(self, data: dict[str, Any]) -> int:
        bericht_id = self.ingediend(data)
        gezien = opslag.lees(self.db, bericht_id).inhoud_hash
        opslag.keur_goed(self.db, bericht_id, self.gert, gezien_hash=gezien)
        return bericht_id

    def verzend(self, bericht_id: int) -> BerichtRecord:
        with self.app.app_context():
            r = uitvoering.verzend(
                self.db, bericht_id, self.gert, koppelingen.koppelingen(), opsteller.bericht
            )
        assert r.status.value == "verzonden", r.cbc_resultaat
        return r

    def verzonden(self, data: dict[str, Any]) -> int:
        """Drafted, approved and sent; its id."""
        bericht_id = self.goedgekeurd(data)
        self.verzend(bericht_id)
        return bericht_id

    def vervolg(
        self, origineel_id: int, soort: BerichtSoort, data: dict[str, Any] | None = None
    ) -> int:
        """An update, all-clear or cancel, approved and sent; its id."""
        with self.app.app_context():
            r = opslag.maak_vervolg(self.db, origineel_id, soort, self.anna, data)
        assert r.id is not None
        opslag.dien_in(self.db, r.id, self.anna, versie=r.versie)
        gezien = opslag.lees(self.db, r.id).inhoud_hash
        opslag.keur_goed(self.db, r.id, self.gert, gezien_hash=gezien)
        self.verzend(r.id)
        return r.id


@pytest.fixture
def app(tmp_path: Path, sim_url: str) -> Flask:
    """The suite's app, with room for a loaded machine: the simulator's first answer can be slow."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-sleutel",
            "DATABASE": str(tmp_path / "t.sqlite"),
            "SIM_URL": sim_url,
            "CBC_TIMEOUT": 30,
            "CBC_RETRIES": 1,
        },
        instance_path=tmp_path,
    )


@pytest.fixture
def zender(app: Flask) -> Iterator[Zender]:
    anna = maak_gebruiker(app, "anna", Rol.OPSTELLER)
    gert = maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    with closing(verbind(app.config["DATABASE"])) as db:
        init_db(db)
        yield Zender(app=app, db=db, anna=anna, gert=gert)
