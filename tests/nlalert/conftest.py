"""Fixtures per the Flask tutorial: `app`, `client`, `runner`, on a temporary instance folder."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from nlalert.accounts import gebruikers, tokens
from nlalert.accounts.gebruikers import Gebruiker, Rol
from nlalert.app import create_app
from nlalert.db import verbind
from tests.simulator import draaiende_simulator

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


@pytest.fixture(autouse=True)
def _snel_en_schoon(monkeypatch: pytest.MonkeyPatch) -> None:
    # scrypt is slow by design; a cheap method keeps the suite fast. No NLALERT_* leaks in.
    monkeypatch.setattr(gebruikers, "HASH_METHODE", "pbkdf2:sha256:1000")
    for sleutel in [k for k in os.environ if k.startswith("NLALERT_")]:
        monkeypatch.delenv(sleutel)


@pytest.fixture
def sim_url(tmp_path: Path) -> Iterator[str]:
    """A real simulator over HTTP on loopback, with its own store; its reach model loads only
    when a test asks for reach."""
    with draaiende_simulator(tmp_path / "sim", warm_laden=False) as url:
        yield url


@pytest.fixture
def database() -> str:
    """The database the app runs on. The storage, workflow, audit and API tests run on both
    (their conftest parametrizes this with `beide_databases`); the rest on SQLite, or on
    PostgreSQL with PYTEST_NLALERT_DATABASE=postgres."""
    return os.environ.get("PYTEST_NLALERT_DATABASE", "sqlite")


def beide_databases(request: pytest.FixtureRequest) -> str:
    """The `database` fixture of a folder whose tests run on SQLite and on PostgreSQL."""
    return str(request.param)


BEIDE = {"params": ["sqlite", "postgres"]}


@pytest.fixture
def doel(request: pytest.FixtureRequest, database: str, tmp_path: Path) -> str:
    """The app's database: a SQLite file, or a fresh database in the throwaway PostgreSQL
    cluster (tests/pgcluster.py)."""
    if database == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "t.sqlite")


@pytest.fixture
def app(tmp_path: Path, sim_url: str, doel: str) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-sleutel",
            "DATABASE": doel,
            "SIM_URL": sim_url,
            "CBC_TIMEOUT": 5,
            "CBC_RETRIES": 1,
        },
        instance_path=tmp_path,
    )
    yield app


def sim_actief(sim_url: str) -> set[tuple[int, int]]:
    """What the simulator holds active: (message identifier, serial number) pairs, by GET."""
    antwoord = requests.get(f"{sim_url}/api/ecbe/v1/message", timeout=10)
    antwoord.raise_for_status()
    return {
        (m["message_id"], m["serial_nr"]["serial_nr_encoded"]) for m in antwoord.json()["messages"]
    }


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
        return {"Authorization": f"Bearer {tokens.maak_token(db, naam, door='test')}"}


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
