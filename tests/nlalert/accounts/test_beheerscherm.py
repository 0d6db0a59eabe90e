"""The beheer screen: who may see it, what it shows, and each change through a CSRF-checked form."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts.gebruikers import Rol
from tests.nlalert.conftest import login, maak_gebruiker, post, rijen, token


def beheerder(app: Flask) -> FlaskClient:
    maak_gebruiker(app, "bea", Rol.BEHEER)
    client = app.test_client()
    assert login(client, "bea").status_code == 302
    return client


def rij(pagina: str, naam: str) -> str:
    gevonden = re.search(rf'<tr data-naam="{naam}">(.*?)</tr>', pagina, re.S)
    assert gevonden, naam
    return gevonden.group(1)


def test_only_beheer_sees_the_screen_and_its_link(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    assert client.get("/beheer/gebruikers").status_code == 302  # not logged in: to the login
    login(client, "anna")
    assert client.get("/beheer/gebruikers").status_code == 403
    assert "/beheer/gebruikers" not in client.get("/berichten").get_data(as_text=True)
    assert post(client, "/beheer/gebruikers/uitschakelen", naam="anna").status_code == 403
    bea = beheerder(app)
    assert "/beheer/gebruikers" in bea.get("/berichten").get_data(as_text=True)


def test_lists_users_roles_state_and_token(app: Flask) -> None:
    client = beheerder(app)
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER, training=True)
    token(app, "gert")
    pagina = client.get("/beheer/gebruikers").get_data(as_text=True)
    anna, gert, bea = rij(pagina, "anna"), rij(pagina, "gert"), rij(pagina, "bea")
    assert "opsteller" in anna and "actief" in anna and "geen" in anna
    assert "goedkeurder" in gert and "TRAINING" in gert and "sinds" in gert
    # One's own row offers no buttons: nobody disables or deletes themselves here.
    assert "dit bent u" in bea and "<button" not in bea and "<button" in anna


def test_disable_enable_through_the_screen_is_audited_by_name(app: Flask) -> None:
    client = beheerder(app)
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    anna = app.test_client()
    login(anna, "anna")

    r = post(client, "/beheer/gebruikers/uitschakelen", naam="anna")
    assert r.status_code == 302
    pagina = client.get("/beheer/gebruikers").get_data(as_text=True)
    assert "uitgeschakeld" in rij(pagina, "anna") and "anna is uitgeschakeld" in pagina
    assert anna.get("/berichten").status_code == 302  # her session ended at once

    assert post(client, "/beheer/gebruikers/inschakelen", naam="anna").status_code == 302
    acties = rijen(
        app,
        "SELECT gebruiker, actie FROM audit WHERE actie IN"
        " ('gebruiker_uitgeschakeld', 'gebruiker_ingeschakeld') ORDER BY seq",
    )
    assert [tuple(a) for a in acties] == [
        ("bea", "gebruiker_uitgeschakeld"),
        ("bea", "gebruiker_ingeschakeld"),
    ]


def test_a_change_without_the_csrf_token_is_refused(app: Flask) -> None:
    client = beheerder(app)
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    for data in [{"naam": "anna"}, {"naam": "anna", "csrf_token": "vervalst"}]:
        assert client.post("/beheer/gebruikers/uitschakelen", data=data).status_code == 400
    assert rijen(app, "SELECT actief FROM gebruikers WHERE naam = 'anna'")[0][0] == 1


def test_delete_asks_first_then_keeps_the_name(app: Flask) -> None:
    client = beheerder(app)
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    r = post(client, "/beheer/gebruikers/verwijderen", naam="anna")  # not confirmed
    assert r.status_code == 302 and "verwijderen?naam=anna" in r.headers["Location"]
    vraag = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "auditlog" in vraag and 'name="bevestigd" value="ja"' in vraag
    assert rijen(app, "SELECT verwijderd_op FROM gebruikers WHERE naam = 'anna'")[0][0] is None

    r = post(client, "/beheer/gebruikers/verwijderen", naam="anna", bevestigd="ja")
    assert r.status_code == 302
    pagina = client.get("/beheer/gebruikers").get_data(as_text=True)
    assert 'data-naam="anna"' not in pagina and "anna is verwijderd" in pagina
    door = rijen(app, "SELECT gebruiker FROM audit WHERE actie = 'gebruiker_verwijderd'")
    assert [tuple(r) for r in door] == [("bea",)]


def test_refusals_are_shown_on_the_screen_not_as_500(app: Flask) -> None:
    client = beheerder(app)
    eigen = post(client, "/beheer/gebruikers/uitschakelen", naam="bea")
    pagina = eigen.get_data(as_text=True)
    # The refusal is shown above the list itself, so the administrator can go on from there.
    assert eigen.status_code == 403 and "eigen account" in pagina and 'data-naam="bea"' in pagina
    onbekend = post(client, "/beheer/gebruikers/verwijderen", naam="niemand", bevestigd="ja")
    assert onbekend.status_code == 404
    assert client.get("/beheer/gebruikers/verwijderen?naam=niemand").status_code == 404
    assert post(client, "/beheer/gebruikers/opblazen", naam="bea").status_code == 404
    with client.session_transaction() as sessie:
        tok = sessie["_csrf"]
    # A NUL and an encoded lone surrogate (not UTF-8) in the name: 4xx, never a 500.
    vreemd = client.post(
        "/beheer/gebruikers/uitschakelen",
        data=f"csrf_token={tok}&naam=%00%ED%A0%80".encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert 400 <= vreemd.status_code < 500
