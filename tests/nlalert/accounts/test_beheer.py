"""Disabling, enabling and deleting accounts, and what happens to their sessions and tokens."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts import beheer, gebruikers, tokens
from nlalert.accounts.beheer import EigenAccount, LaatsteBeheerder
from nlalert.accounts.gebruikers import GebruikerBestaat, NaamVerwijderd, Rol, Uitgeschakeld
from nlalert.db import init_db, verbind
from nlalert.fouten import NietGevonden
from tests.nlalert.conftest import WACHTWOORD, csrf, login, maak_gebruiker, rijen, token
from tests.nlalert.workflow.test_web import concept


@pytest.fixture
def db(app: Flask) -> Iterator[sqlite3.Connection]:
    with closing(verbind(app.config["DATABASE"])) as conn:
        init_db(conn)
        yield conn


def ingelogd(app: Flask, naam: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, naam).status_code == 302
    assert client.get("/berichten").status_code == 200
    return client


def test_disabling_ends_sessions_and_tokens_at_once(app: Flask, db: sqlite3.Connection) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    sessie = ingelogd(app, "anna")
    kop = token(app, "anna")
    assert app.test_client().get("/api/ik", headers=kop).status_code == 200

    beheer.schakel_uit(db, "anna", door="cli")

    # The very next request, without logging in again: the session is gone, the token refused.
    r = sessie.get("/berichten")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    assert app.test_client().get("/api/ik", headers=kop).status_code == 401
    rij = rijen(app, "SELECT actief, api_token_hash FROM gebruikers WHERE naam = 'anna'")[0]
    assert tuple(rij) == (0, None)


def test_a_disabled_user_cannot_log_in_and_only_the_password_holder_learns_why(
    app: Flask, db: sqlite3.Connection
) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    beheer.schakel_uit(db, "anna", door="cli")
    client = app.test_client()
    fout = login(client, "anna", "verkeerd wachtwoord")
    assert fout.status_code == 401 and "uitgeschakeld" not in fout.get_data(as_text=True)
    goed = login(client, "anna")
    assert goed.status_code == 403 and "uitgeschakeld" in goed.get_data(as_text=True)
    assert client.get("/berichten").status_code == 302
    with pytest.raises(Uitgeschakeld):
        tokens.maak_token(db, "anna", door="cli")


def test_enabling_does_not_bring_old_sessions_or_tokens_back(
    app: Flask, db: sqlite3.Connection
) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    oud = ingelogd(app, "anna")
    kop = token(app, "anna")
    beheer.schakel_uit(db, "anna", door="cli")
    beheer.schakel_in(db, "anna", door="cli")
    # A stolen cookie or token from before the disable stays dead (the session epoch moved on).
    assert oud.get("/berichten").status_code == 302
    assert app.test_client().get("/api/ik", headers=kop).status_code == 401
    ingelogd(app, "anna")
    assert app.test_client().get("/api/ik", headers=token(app, "anna")).status_code == 200


def test_disable_and_enable_are_audited_once_each(app: Flask, db: sqlite3.Connection) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    for _ in range(2):  # a repeat changes nothing and writes nothing
        beheer.schakel_uit(db, "anna", door="cli")
    beheer.schakel_in(db, "anna", door="cli")
    acties = rijen(
        app, "SELECT gebruiker, actie FROM audit WHERE actie LIKE 'gebruiker_%' ORDER BY seq"
    )
    assert [tuple(r) for r in acties] == [
        ("test", "gebruiker_toegevoegd"),
        ("cli", "gebruiker_uitgeschakeld"),
        ("cli", "gebruiker_ingeschakeld"),
    ]


def test_deleting_keeps_history_and_the_name_is_never_reused(
    app: Flask, db: sqlite3.Connection
) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    bericht_id = concept(app, "anna")
    sessie = ingelogd(app, "anna")
    kop = token(app, "anna")

    beheer.verwijder(db, "Anna", door="cli")

    assert sessie.get("/berichten").status_code == 302
    assert app.test_client().get("/api/ik", headers=kop).status_code == 401
    assert login(app.test_client(), "anna").status_code == 401  # as if unknown
    assert gebruikers.zoek(db, "anna") is None
    assert [g.naam for g in gebruikers.alle(db)] == []
    # The history keeps the name: the bericht, and the audit rows that name anna.
    assert rijen(app, "SELECT opsteller FROM berichten WHERE id = ?", bericht_id)[0][0] == "anna"
    assert rijen(app, "SELECT count(*) FROM audit WHERE gebruiker = 'anna'")[0][0] >= 2
    verwijderd = rijen(app, "SELECT details FROM audit WHERE actie = 'gebruiker_verwijderd'")
    assert len(verwijderd) == 1
    # Nobody else ever answers to "anna", whatever the case.
    with pytest.raises(NaamVerwijderd) as fout:
        gebruikers.voeg_toe(db, "ANNA", Rol.OPSTELLER, WACHTWOORD, door="cli")
    assert isinstance(fout.value, GebruikerBestaat) and "nooit" in str(fout.value)
    rij = rijen(app, "SELECT wachtwoord_hash, api_token_hash FROM gebruikers")[0]
    assert tuple(rij) == ("", None)  # no credential material is kept
    with pytest.raises(NietGevonden):
        beheer.schakel_in(db, "anna", door="cli")


def test_nobody_disables_or_deletes_themselves(app: Flask, db: sqlite3.Connection) -> None:
    bea = maak_gebruiker(app, "bea", Rol.BEHEER)
    maak_gebruiker(app, "bob", Rol.BEHEER)
    for actie in (beheer.schakel_uit, beheer.verwijder):
        with pytest.raises(EigenAccount):
            actie(db, "bea", door=bea)
    assert gebruikers.zoek(db, "bea") == gebruikers.haal(db, bea.id)
    assert gebruikers.haal(db, bea.id).actief


def test_the_last_active_beheer_account_stays(app: Flask, db: sqlite3.Connection) -> None:
    maak_gebruiker(app, "bea", Rol.BEHEER)
    bob = maak_gebruiker(app, "bob", Rol.BEHEER)
    beheer.schakel_uit(db, "bob", door="cli")  # another active beheer account remains: fine
    for actie in (beheer.schakel_uit, beheer.verwijder):
        with pytest.raises(LaatsteBeheerder):
            actie(db, "bea", door="cli")
    # A disabled beheer account is not the last active one: it may go.
    beheer.verwijder(db, "bob", door="cli")
    assert gebruikers.zoek_id(db, bob.id) is None
    assert gebruikers.zoek(db, "bea") is not None


def test_password_change_revokes_the_api_token_and_says_so(app: Flask) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    kop = token(app, "anna")
    client = ingelogd(app, "anna")
    pagina = client.get("/wachtwoord").get_data(as_text=True)
    assert "API-token niet meer" in pagina
    nieuw = "een heel nieuw wachtwoord"
    r = client.post(
        "/wachtwoord",
        data={"huidig": WACHTWOORD, "nieuw": nieuw, "herhaal": nieuw, "csrf_token": csrf(client)},
        follow_redirects=True,
    )
    assert r.status_code == 200 and "API-token is ingetrokken" in r.get_data(as_text=True)
    assert app.test_client().get("/api/ik", headers=kop).status_code == 401
    details = rijen(app, "SELECT details FROM audit WHERE actie = 'wachtwoord_gewijzigd'")
    assert '"token_ingetrokken":true' in details[0][0]
    assert client.get("/berichten").status_code == 200  # this session goes on


def test_sessions_end_on_a_new_epoch_alone(app: Flask) -> None:
    # The server-side revocation of signed cookies: raising the epoch in the database (as any
    # worker does on disable or password change) ends every session made before.
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    sessie = ingelogd(app, "anna")
    with closing(verbind(app.config["DATABASE"])) as db:
        db.execute("UPDATE gebruikers SET sessie_epoch = sessie_epoch + 1")
    assert sessie.get("/berichten").status_code == 302


def test_the_disabled_flag_alone_stops_sessions_and_tokens(app: Flask) -> None:
    # Every request reads the account's state, not only the login: a flag cleared by another
    # worker (or by hand in the database) takes effect on the next request.
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    sessie = ingelogd(app, "anna")
    kop = token(app, "anna")
    with closing(verbind(app.config["DATABASE"])) as db:
        db.execute("UPDATE gebruikers SET actief = 0")
    assert sessie.get("/berichten").status_code == 302
    assert app.test_client().get("/api/ik", headers=kop).status_code == 401


def test_an_older_database_gets_the_new_columns(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "oud.sqlite"
    with closing(verbind(pad)) as db:
        db.executescript(
            """
            CREATE TABLE gebruikers (
                id INTEGER PRIMARY KEY, naam TEXT NOT NULL UNIQUE COLLATE NOCASE,
                wachtwoord_hash TEXT NOT NULL, rol TEXT NOT NULL,
                training INTEGER NOT NULL DEFAULT 0, api_token_hash TEXT UNIQUE,
                afzender TEXT NOT NULL DEFAULT '',
                must_change_password INTEGER NOT NULL DEFAULT 0, aangemaakt_op TEXT NOT NULL);
            INSERT INTO gebruikers (naam, wachtwoord_hash, rol, aangemaakt_op)
                VALUES ('anna', 'x', 'opsteller', '2025-01-01T00:00:00+00:00');
            """
        )
        init_db(db)
        anna = gebruikers.zoek(db, "anna")
    assert anna is not None and anna.actief and anna.sessie_epoch == 0 and not anna.heeft_token
