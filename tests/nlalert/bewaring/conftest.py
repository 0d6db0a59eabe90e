"""An instance folder with users, berichten and audit rows, on SQLite or on a throwaway
PostgreSQL database (tests/pgcluster.py), driven through the real `nlalert` command line."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from nlalert import cli
from nlalert.accounts import beheer, gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.db import init_db, verbind
from nlalert.workflow import opslag
from tests.nlalert.conftest import WACHTWOORD, inhoud


@pytest.fixture(params=["sqlite", "postgresql"])
def instance(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An instance folder; its database is SQLite in it, or PostgreSQL by NLALERT_DATABASE_URL."""
    if request.param == "postgresql":
        monkeypatch.setenv("NLALERT_DATABASE_URL", request.getfixturevalue("pg_url"))
    map_ = tmp_path / "instance"
    map_.mkdir()
    return map_


def app_van(instance: Path) -> Flask:
    """The app as a command builds it (environment included)."""
    return create_app(instance_path=instance)


def nlalert(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the real `nlalert` main; exit status, stdout and stderr."""
    status = cli.main(list(args))
    uit = capsys.readouterr()
    return status, uit.out, uit.err


def vul(app: Flask) -> None:
    """Two users and two berichten, one submitted: audit rows for each step."""
    with closing(verbind(app.config["DATABASE"])) as db:
        init_db(db)
        anna = gebruikers.voeg_toe(db, "anna", Rol.OPSTELLER, WACHTWOORD, door="test")
        gebruikers.voeg_toe(db, "gert", Rol.GOEDKEURDER, WACHTWOORD, door="test")
        eerste = opslag.maak(db, inhoud(), anna)
        opslag.dien_in(db, eerste.id or 0, anna, versie=eerste.versie)
        opslag.maak(db, inhoud(velden={"plaats": "Zwolle", "link": "crisis.nl"}), anna)


def wijzig(app: Flask) -> None:
    """What happens after the backup: a new bericht, a step, a deleted user, a deleted row."""
    with closing(verbind(app.config["DATABASE"])) as db:
        anna = gebruikers.zoek(db, "anna")
        assert anna is not None
        opslag.maak(db, inhoud(velden={"plaats": "Assen", "link": "crisis.nl"}), anna)
        opslag.dien_in(db, 2, anna, versie=opslag.lees(db, 2).versie)
        beheer.verwijder(db, "gert", door="test")
        db.execute("DELETE FROM berichten WHERE id = 1")


def staat(app: Flask) -> dict[str, Any]:
    """What a restore must bring back: berichten, users and the audit log's rows."""
    with closing(verbind(app.config["DATABASE"])) as db:
        return {
            "berichten": [
                tuple(r)
                for r in db.execute("SELECT id, status, versie, inhoud FROM berichten ORDER BY id")
            ],
            "gebruikers": [
                tuple(r)
                for r in db.execute(
                    "SELECT naam, rol, actief, wachtwoord_hash FROM gebruikers ORDER BY naam"
                )
            ],
            "audit": [tuple(r) for r in db.execute("SELECT seq, hash FROM audit ORDER BY seq")],
        }
