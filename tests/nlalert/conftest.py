"""Fixtures per the Flask tutorial: `app`, `client`, `runner`, on a temporary instance folder."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from nlalert import gebruikers
from nlalert.app import create_app
from nlalert.db import verbind
from nlalert.gebruikers import Gebruiker, Rol
from nlalert.opslag import OEFENVERZENDER, VERZENDER
from nlalert.verzender import Doel
from nlalert.workflow import BerichtRecord

WACHTWOORD = "correct horse battery"
CATEGORIE = "brand-rook"


def inhoud(**anders: Any) -> dict[str, Any]:
    """A minimal valid compose request."""
    return {
        "categorie": CATEGORIE,
        "velden": {"plaats": "Utrecht", "link": "crisis.nl"},
        "talen": ["nl", "en"],
        "modus": "oefening",
        "register": "je",
        **anders,
    }


@dataclass
class NepVerzender:
    """A Verzender that records calls and fails the first `faal` sends."""

    doel: Doel
    faal: int = 0
    verzonden: list[tuple[int | None, int, int]] = field(default_factory=list)
    ingetrokken: list[int | None] = field(default_factory=list)

    def verzend(self, bericht: BerichtRecord) -> Mapping[str, Any]:
        self.verzonden.append((bericht.id, bericht.message_code, bericht.update_nummer))
        if self.faal > 0:
            self.faal -= 1
            raise ConnectionError("CBC niet bereikbaar")
        return {"status": "ok", "serial": bericht.message_code << 4 | bericht.update_nummer}

    def trek_in(self, bericht: BerichtRecord) -> Mapping[str, Any]:
        self.ingetrokken.append(bericht.id)
        return {"status": "ingetrokken"}


@pytest.fixture(autouse=True)
def _snel_en_schoon(monkeypatch: pytest.MonkeyPatch) -> None:
    # scrypt is slow by design; a cheap method keeps the suite fast. No NLALERT_* leaks in.
    monkeypatch.setattr(gebruikers, "HASH_METHODE", "pbkdf2:sha256:1000")
    for sleutel in [k for k in os.environ if k.startswith("NLALERT_")]:
        monkeypatch.delenv(sleutel)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "test-sleutel", "DATABASE": str(tmp_path / "t.sqlite")},
        instance_path=tmp_path,
    )
    app.extensions[VERZENDER] = NepVerzender(Doel.CBC)
    app.extensions[OEFENVERZENDER] = NepVerzender(Doel.SIMULATOR)
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def maak_gebruiker(app: Flask, naam: str, rol: Rol, *, training: bool = False) -> Gebruiker:
    """Create a user directly in the app's database."""
    with closing(verbind(app.config["DATABASE"])) as db:
        from nlalert.db import init_db

        init_db(db)
        return gebruikers.voeg_toe(db, naam, rol, WACHTWOORD, training=training, door="test")


def token(app: Flask, naam: str) -> dict[str, str]:
    """Authorization header with a fresh API token."""
    with closing(verbind(app.config["DATABASE"])) as db:
        return {"Authorization": f"Bearer {gebruikers.maak_token(db, naam, door='test')}"}


def csrf(client: FlaskClient) -> str:
    """The CSRF token of the client's session (fetching a page creates it)."""
    pagina = client.get("/login").get_data(as_text=True)
    gevonden = re.search(r'name="csrf_token" value="([^"]+)"', pagina)
    assert gevonden
    return gevonden.group(1)


def login(client: FlaskClient, naam: str, wachtwoord: str = WACHTWOORD) -> Any:
    """Log in through the form."""
    return client.post(
        "/login", data={"naam": naam, "wachtwoord": wachtwoord, "csrf_token": csrf(client)}
    )


def post(client: FlaskClient, url: str, **data: Any) -> Any:
    """A form POST with this session's CSRF token."""
    with client.session_transaction() as sessie:
        tok = sessie.get("_csrf")
    return client.post(url, data={"csrf_token": tok or csrf(client), **data})


def rijen(app: Flask, sql: str, *args: Any) -> list[Any]:
    """Rows of a raw query on the app's database."""
    with closing(verbind(app.config["DATABASE"])) as db:
        return list(db.execute(sql, args))
