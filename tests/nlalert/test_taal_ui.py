"""The web UI in English: chosen in the session or asked for by Accept-Language, pages and errors."""

from __future__ import annotations

import gettext

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert import taal
from nlalert.accounts.gebruikers import Rol
from tests.nlalert.conftest import csrf, inhoud, login, maak_gebruiker, token


def _tekst(r: object) -> str:
    return r.get_data(as_text=True)  # type: ignore[attr-defined,no-any-return]


def _kies_engels(client: FlaskClient) -> None:
    r = client.post("/taal", data={"taal": "en", "next": "/login", "csrf_token": csrf(client)})
    assert r.status_code == 302


def test_the_login_page_is_dutch_by_default(client: FlaskClient) -> None:
    pagina = _tekst(client.get("/login"))
    assert '<html lang="nl">' in pagina and "Inloggen" in pagina and "Log in" not in pagina


def test_chosen_english_shows_the_login_page_in_english(client: FlaskClient) -> None:
    _kies_engels(client)
    # The session's choice wins over the browser's Accept-Language.
    pagina = _tekst(client.get("/login", headers={"Accept-Language": "nl"}))
    assert '<html lang="en">' in pagina
    assert "<h1>Log in</h1>" in pagina and "User name" in pagina and "Password" in pagina
    assert "Inloggen" not in pagina and "Wachtwoord" not in pagina


def test_accept_language_english_shows_the_login_page_in_english(client: FlaskClient) -> None:
    pagina = _tekst(client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}))
    assert "<h1>Log in</h1>" in pagina and "Skip to content" in pagina


def test_a_failed_login_says_why_in_english(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    _kies_engels(client)
    r = login(client, "anna", "fout wachtwoord")
    assert r.status_code == 401
    assert "unknown user name or wrong password" in _tekst(r)


def test_the_berichten_list_in_english_keeps_the_choice_after_login(
    app: Flask, client: FlaskClient
) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    _kies_engels(client)
    assert login(client, "anna").status_code == 302
    pagina = _tekst(client.get("/berichten"))
    assert "<h1>Messages</h1>" in pagina
    assert "New message" in pagina and "There are no messages yet." in pagina
    assert "Log out" in pagina and "Berichten" not in pagina


def test_english_api_errors_in_problem_json(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    engels = {"Accept-Language": "en", **token(app, "anna")}

    r = client.get("/api/berichten/42", headers=engels)
    assert r.status_code == 404 and r.mimetype == "application/problem+json"
    body = r.get_json()
    assert body["title"] == "Not found"
    assert body["detail"] == "message '42' does not exist"

    # The reason inside the error is translated too, with its own placeholder filled in.
    r = client.post("/api/berichten", json=inhoud(categorie="x" * 101), headers=engels)
    assert r.status_code == 400
    assert r.get_json()["detail"] == "'categorie' is invalid: longer than 100 characters"

    r = client.get("/api/berichten", headers={"Accept-Language": "en"})
    assert r.status_code == 401
    assert r.get_json()["detail"] == "log in first (or send a valid API token)"


def test_dutch_api_errors_stay_dutch(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    r = client.post("/api/berichten", json=inhoud(categorie="x" * 101), headers=token(app, "anna"))
    assert r.get_json()["detail"] == "'categorie' is ongeldig: langer dan 100 tekens"


def test_without_a_catalogue_english_falls_back_to_dutch(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(taal, "vertalingen", lambda _taal: gettext.NullTranslations())
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    r = client.get("/api/berichten/42", headers={"Accept-Language": "en", **token(app, "anna")})
    assert r.get_json()["detail"] == "bericht '42' bestaat niet"
