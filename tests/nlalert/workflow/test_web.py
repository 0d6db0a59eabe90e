"""The web pages: four eyes end to end, training mode, escaping, error pages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_httpserver import HTTPServer

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.audit.log import inhoud_hash
from nlalert.db import init_db, verbind
from nlalert.workflow import opslag
from tests.nlalert.conftest import csrf, inhoud, login, maak_gebruiker, post, rijen, sim_actief
from tests.storing import Status as Storingsstatus
from tests.storing import StoringProxy

Status503 = Storingsstatus(503)


def concept(app: Flask, naam: str, **anders: object) -> int:
    """Store a concept by `naam` straight through the service layer; returns its id."""
    with closing(verbind(app.config["DATABASE"])) as db:
        door = gebruikers.zoek(db, naam)
        assert door is not None
        record = opslag.maak(db, inhoud(**anders), door)
    assert record.id is not None
    return record.id


def status(app: Flask, bericht_id: int) -> str:
    return str(rijen(app, "SELECT status FROM berichten WHERE id = ?", bericht_id)[0][0])


@pytest.fixture
def team(app: Flask) -> Flask:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    maak_gebruiker(app, "ria", Rol.REVIEWER)
    return app


def test_unauthenticated_pages_redirect_to_login(client: FlaskClient) -> None:
    for url in ["/berichten", "/berichten/1", "/audit"]:
        r = client.get(url)
        assert r.status_code == 302 and r.headers["Location"].startswith("/login")


def test_four_eyes_through_the_web(team: Flask, client: FlaskClient) -> None:
    bericht_id = concept(team, "anna")
    login(client, "anna")
    assert post(client, f"/berichten/{bericht_id}/indienen", versie=1).status_code == 302
    gezien = inhoud_hash(json.loads(rijen(team, "SELECT inhoud FROM berichten")[0][0]))
    # The author sees no approve form and cannot approve by posting anyway.
    pagina = client.get(f"/berichten/{bericht_id}").get_data(as_text=True)
    assert f"/berichten/{bericht_id}/goedkeuren" not in pagina
    assert (
        post(client, f"/berichten/{bericht_id}/goedkeuren", inhoud_hash=gezien).status_code == 403
    )
    post(client, "/logout")

    login(client, "gert")
    pagina = client.get(f"/berichten/{bericht_id}").get_data(as_text=True)
    assert "Utrecht" in pagina and gezien in pagina  # the approver sees what goes out
    r = post(client, f"/berichten/{bericht_id}/goedkeuren", inhoud_hash=gezien)
    assert r.status_code == 302 and status(team, bericht_id) == "goedgekeurd"
    # Sending needs the confirmation step: a bare POST only leads back to it.
    r = post(client, f"/berichten/{bericht_id}/verzenden")
    assert r.headers["Location"].endswith(f"/berichten/{bericht_id}/verzenden")
    assert status(team, bericht_id) == "goedgekeurd"
    bevestiging = client.get(f"/berichten/{bericht_id}/verzenden").get_data(as_text=True)
    assert "Utrecht" in bevestiging and gezien in bevestiging
    r = post(client, f"/berichten/{bericht_id}/verzenden", bevestigd=gezien)
    assert r.status_code == 302 and status(team, bericht_id) == "verzonden"
    acties = [r[0] for r in rijen(team, "SELECT actie FROM audit WHERE bericht_id = ?", bericht_id)]
    # Pinning what went out for the public side is audited between the broadcast and "verzonden".
    assert acties == [
        "maken",
        "indienen",
        "goedkeuren",
        "verzenden",
        "cbc",
        "vastgelegd",
        "verzonden",
    ]


def test_beheer_cannot_approve_own_bericht_via_web(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "bea", Rol.BEHEER)
    bericht_id = concept(app, "bea")
    login(client, "bea")
    post(client, f"/berichten/{bericht_id}/indienen", versie=1)
    with closing(verbind(app.config["DATABASE"])) as db:
        gezien = opslag.lees(db, bericht_id).inhoud_hash
    r = post(client, f"/berichten/{bericht_id}/goedkeuren", inhoud_hash=gezien)
    assert r.status_code == 403
    assert "niet goedkeuren" in r.get_data(as_text=True)
    assert status(app, bericht_id) == "ingediend"


def test_return_without_reason_is_a_400_with_a_message(team: Flask, client: FlaskClient) -> None:
    bericht_id = concept(team, "anna")
    login(client, "anna")
    post(client, f"/berichten/{bericht_id}/indienen", versie=1)
    post(client, "/logout")
    login(client, "gert")
    r = post(client, f"/berichten/{bericht_id}/terugsturen", versie=2, reden="  ")
    assert r.status_code == 400 and "reden" in r.get_data(as_text=True)
    r = post(client, f"/berichten/{bericht_id}/terugsturen", versie=2, reden="geen plaats")
    assert r.status_code == 302 and status(team, bericht_id) == "teruggestuurd"


def test_stale_version_is_a_409(team: Flask, client: FlaskClient) -> None:
    bericht_id = concept(team, "anna")
    login(client, "anna")
    assert post(client, f"/berichten/{bericht_id}/indienen", versie=99).status_code == 409


def goedgekeurd(app: Flask, **anders: object) -> tuple[int, str]:
    """A concept by anna, approved by gert; returns its id and the hash to confirm."""
    bericht_id = concept(app, "anna", **anders)
    with closing(verbind(app.config["DATABASE"])) as db:
        anna, gert = gebruikers.zoek(db, "anna"), gebruikers.zoek(db, "gert")
        assert anna and gert
        opslag.dien_in(db, bericht_id, anna, versie=1)
        opslag.keur_goed(db, bericht_id, gert, gezien_hash=opslag.lees(db, bericht_id).inhoud_hash)
        return bericht_id, opslag.lees(db, bericht_id).inhoud_hash


@pytest.fixture
def via_proxy(tmp_path: Path, sim_url: str) -> Iterator[tuple[Flask, StoringProxy]]:
    """The app with a fault-injecting proxy between it and the real simulator."""
    with StoringProxy(doel=sim_url) as proxy:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-sleutel",
                "DATABASE": str(tmp_path / "p.sqlite"),
                "SIM_URL": proxy.url,
                "CBC_TIMEOUT": 2,
                "CBC_RETRIES": 1,
            },
            instance_path=tmp_path,
        )
        maak_gebruiker(app, "anna", Rol.OPSTELLER)
        maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
        yield app, proxy


def test_failed_send_is_kept_and_retried_with_the_same_serial(
    via_proxy: tuple[Flask, StoringProxy], sim_url: str
) -> None:
    app, proxy = via_proxy
    client = app.test_client()
    bericht_id, gezien = goedgekeurd(app, talen=["nl", "en", "de"])
    login(client, "gert")
    # Two refused connections' worth of failure: the CBC answers 503 to both attempts of the
    # first broadcast, then says (GET) it holds nothing.
    proxy.plan_voor("POST", "/api/ecbe/v1/message", Status503)
    proxy.plan_voor("POST", "/api/ecbe/v1/message", Status503)
    r = post(client, f"/berichten/{bericht_id}/verzenden", bevestigd=gezien)
    pagina = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Traceback" not in pagina and "Opnieuw verzenden" in pagina
    assert status(app, bericht_id) == "verzendfout"
    eerste = {(m, s) for m, s in sim_actief(sim_url)}
    assert len(eerste) == 1  # the German broadcast went out; the primary did not
    r = post(client, f"/berichten/{bericht_id}/verzenden", bevestigd=gezien)
    assert r.status_code == 302 and status(app, bericht_id) == "verzonden"
    serials = rijen(
        app, "SELECT message_id, serial FROM uitzendingen WHERE bericht_id = ?", bericht_id
    )
    assert {(m, s) for m, s in serials} == sim_actief(sim_url)  # one each, same serials
    assert len(serials) == 2
    # Sending again after success is refused: a bericht goes out once.
    assert post(client, f"/berichten/{bericht_id}/verzenden", bevestigd=gezien).status_code == 409


def test_training_bericht_reaches_only_the_simulator_whatever_the_cbc_url(
    tmp_path: Path, sim_url: str, httpserver: HTTPServer
) -> None:
    # A "real CBC" that must never be contacted: any request to it would be logged.
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-sleutel",
            "DATABASE": str(tmp_path / "t2.sqlite"),
            "SIM_URL": sim_url,
            "CBC_URL": httpserver.url_for("/"),
            "CBC_RETRIES": 0,
        },
        instance_path=tmp_path,
    )
    client = app.test_client()
    maak_gebruiker(app, "tim", Rol.BEHEER, training=True)
    bericht_id = concept(app, "tim")
    login(client, "tim")
    for url in ["/berichten", f"/berichten/{bericht_id}", "/audit", "/wachtwoord", "/nergens"]:
        assert "TRAINING" in client.get(url).get_data(as_text=True), url
    post(client, f"/berichten/{bericht_id}/indienen", versie=1)
    with closing(verbind(app.config["DATABASE"])) as db:
        gezien = opslag.lees(db, bericht_id).inhoud_hash
    assert (
        post(client, f"/berichten/{bericht_id}/goedkeuren", inhoud_hash=gezien).status_code == 302
    )
    assert post(client, f"/berichten/{bericht_id}/verzenden", bevestigd=gezien).status_code == 302
    assert status(app, bericht_id) == "verzonden"
    assert {m for m, _s in sim_actief(sim_url)} == {4381}
    assert httpserver.log == []


def test_training_with_modus_echt_is_refused_by_the_compose_screen(
    app: Flask, client: FlaskClient
) -> None:
    maak_gebruiker(app, "tim", Rol.OPSTELLER, training=True)
    login(client, "tim")
    token = csrf(client)
    r = client.post("/opstellen", json=inhoud(modus="echt"), headers={"X-CSRF-Token": token})
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert "oefening" in r.get_json()["detail"] and r.get_json()["code"] == "TrainingAlleenOefening"
    assert rijen(app, "SELECT * FROM berichten") == []


def test_script_in_fields_and_names_is_shown_escaped(team: Flask, client: FlaskClient) -> None:
    bericht_id = concept(
        team, "anna", velden={"plaats": "<script>alert(1)</script>", "link": "crisis.nl"}
    )
    login(client, "<script>alert(2)</script>")  # a failed login lands in the audit log
    login(client, "ria")
    for url in [f"/berichten/{bericht_id}", "/audit"]:
        pagina = client.get(url).get_data(as_text=True)
        assert "<script>" not in pagina
    assert "&lt;script&gt;alert(1)" in client.get(f"/berichten/{bericht_id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(2)" in client.get("/audit").get_data(as_text=True)


def test_reviewer_reads_audit_but_opsteller_may_not(team: Flask, client: FlaskClient) -> None:
    login(client, "anna")
    assert client.get("/audit").status_code == 403
    post(client, "/logout")
    login(client, "ria")
    assert "intact" in client.get("/audit").get_data(as_text=True)
    csv_ = client.get("/audit.csv")
    assert csv_.status_code == 200 and csv_.mimetype == "text/csv"
    assert csv_.get_data(as_text=True).startswith("seq,tijd,gebruiker")


def test_error_pages_never_show_a_traceback(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)

    @app.get("/stuk")
    def stuk() -> str:
        raise RuntimeError("geheim detail")

    login(client, "anna")
    r = client.get("/stuk")
    tekst = r.get_data(as_text=True)
    assert r.status_code == 500 and "Traceback" not in tekst and "geheim detail" not in tekst
    assert client.get("/berichten/999").status_code == 404
    assert client.get("/berichten/abc").status_code == 404
    assert client.put("/berichten").status_code in (400, 405)


def test_first_admin_must_change_one_time_password(app: Flask, client: FlaskClient) -> None:
    with closing(verbind(app.config["DATABASE"])) as db:
        init_db(db)
        eenmalig = gebruikers.eerste_beheerder(db)
        assert eenmalig and gebruikers.eerste_beheerder(db) is None
    r = login(client, "beheer", eenmalig)
    assert r.headers["Location"] == "/wachtwoord"
    assert client.get("/berichten").headers["Location"] == "/wachtwoord"
    r = post(client, "/wachtwoord", huidig=eenmalig, nieuw="kort", herhaal="kort")
    assert r.status_code == 400
    nieuw = "een veel langer wachtwoord"
    r = post(client, "/wachtwoord", huidig=eenmalig, nieuw=nieuw, herhaal=nieuw)
    assert r.status_code == 302
    assert client.get("/berichten").status_code == 200


def test_english_on_request(client: FlaskClient) -> None:
    r = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in r.get_data(as_text=True)


def test_the_confirm_page_says_what_a_cbc_keyed_on_the_channel_cannot_carry(
    tmp_path: Path, sim_url: str
) -> None:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-sleutel",
            "DATABASE": str(tmp_path / "o.sqlite"),
            "SIM_URL": sim_url,
            "CBC_PROFIEL": "osmo-cbc-0.4",
        },
        instance_path=tmp_path,
    )
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    bericht_id, _gezien = goedgekeurd(app, talen=["nl", "en", "de", "ar"])
    client = app.test_client()
    login(client, "gert")
    pagina = client.get(f"/berichten/{bericht_id}/verzenden").get_data(as_text=True)
    assert 'id="niet-mee"' in pagina and "osmo-cbc-0.4" in pagina
    assert pagina.count("gaat niet mee") == 1 and "kanaal 4394 is bezet" in pagina
    rijen = re.findall(r'class="uitzending toestand-(\w+)" data-talen="([^"]+)"', pagina)
    assert rijen == [("gepland", "nl+en"), ("gepland", "de"), ("niet_mee", "ar")]
