"""CSRF, login rate limiting, cookies and headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from tests.nlalert.conftest import WACHTWOORD, csrf, login, maak_gebruiker, rijen
from tests.nlalert.workflow.test_web import concept


def test_post_without_csrf_token_is_400_and_changes_nothing(
    app: Flask, client: FlaskClient
) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    bericht_id = concept(app, "anna")
    login(client, "anna")
    voor = rijen(app, "SELECT count(*) FROM audit")[0][0]
    for data in [{"versie": "1"}, {"versie": "1", "csrf_token": "vervalst"}]:
        r = client.post(f"/berichten/{bericht_id}/indienen", data=data)
        assert r.status_code == 400 and "formulier" in r.get_data(as_text=True)
    assert rijen(app, "SELECT status FROM berichten")[0][0] == "concept"
    assert rijen(app, "SELECT count(*) FROM audit")[0][0] == voor


def test_login_form_itself_needs_the_token(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    r = client.post("/login", data={"naam": "anna", "wachtwoord": WACHTWOORD})
    assert r.status_code == 400


def test_sixth_failed_login_is_429_and_audited(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    for _ in range(5):
        assert login(client, "anna", "fout wachtwoord!").status_code == 401
    r = login(client, "anna", WACHTWOORD)  # even the right password waits
    assert r.status_code == 429 and "Retry-After" in r.headers
    acties = [r[0] for r in rijen(app, "SELECT actie FROM audit WHERE gebruiker = 'anna'")]
    assert acties.count("login_mislukt") == 5 and acties[-1] == "login_geblokkeerd"
    # Another user from the same address is not locked out by anna's failures.
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    assert login(client, "gert").status_code == 302


def test_session_cookie_flags_and_security_headers(client: FlaskClient) -> None:
    r = client.get("/login")
    cookie = r.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    csp = r.headers["Content-Security-Policy"]
    assert (
        "frame-ancestors 'none'" in csp
        and "script-src 'self'" in csp
        and "unsafe-inline" not in csp
    )
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script" not in r.get_data(as_text=True)


def test_login_redirect_only_to_this_site(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    for doel in ["https://evil.example/", "//evil.example/", "/\\evil.example"]:
        r = client.post(
            "/login",
            data={
                "naam": "anna",
                "wachtwoord": WACHTWOORD,
                "next": doel,
                "csrf_token": csrf(client),
            },
        )
        assert r.headers["Location"] == "/berichten"


def test_password_change_ends_other_sessions(app: Flask) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    eerste, tweede = app.test_client(), app.test_client()
    login(eerste, "anna")
    login(tweede, "anna")
    nieuw = "een heel nieuw wachtwoord"
    r = eerste.post(
        "/wachtwoord",
        data={"huidig": WACHTWOORD, "nieuw": nieuw, "herhaal": nieuw, "csrf_token": csrf(eerste)},
    )
    assert r.status_code == 302
    assert eerste.get("/berichten").status_code == 200
    assert tweede.get("/berichten").status_code == 302


def test_secret_key_is_generated_once_with_0600(tmp_path: Path) -> None:
    a = create_app({"TESTING": True}, instance_path=tmp_path)
    b = create_app({"TESTING": True}, instance_path=tmp_path)
    assert a.config["SECRET_KEY"] == b.config["SECRET_KEY"] and len(a.config["SECRET_KEY"]) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_environment_overrides_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NLALERT_SECRET_KEY", "uit-de-omgeving")
    monkeypatch.setenv("NLALERT_SESSION_COOKIE_SECURE", "false")
    monkeypatch.setenv("NLALERT_SIM_URL", "http://sim.test:9")
    app = create_app(instance_path=tmp_path)
    assert app.config["SECRET_KEY"] == "uit-de-omgeving"
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["CBC_URL"] == "http://sim.test:9"
    assert app.config["DATABASE"] == str(tmp_path / "nlalert.sqlite")
    assert not (tmp_path / "secret_key").exists()


def test_hostile_form_input_gets_4xx(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    bericht_id = concept(app, "anna", velden={"plaats": "x"})
    login(client, "anna")
    tok = csrf(client)
    for versie in ["", "abc", "-1", "9" * 40, "1e9"]:
        r = client.post(
            f"/berichten/{bericht_id}/indienen", data={"versie": versie, "csrf_token": tok}
        )
        assert 400 <= r.status_code < 500, versie
    r = client.post(
        f"/berichten/{bericht_id}/indienen",
        data={"versie": "1", "csrf_token": tok, "x": "y" * (3 * 1024 * 1024)},
    )
    assert r.status_code == 413
