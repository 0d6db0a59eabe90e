"""The compose screen offers the incident's public page as the message's link: the real or the
exercise page by mode, the original's page for an update, never for training."""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from lxml import html

from berichten.modus import BerichtSoort
from nlalert.accounts.gebruikers import Rol
from nlalert.publiek import adressen
from nlalert.workflow import opslag
from tests.nlalert.conftest import csrf, inhoud, login, maak_gebruiker
from tests.nlalert.publiek.conftest import Zender, echt

PUBLIEK = "https://www.vr.example.nl/nl-alert/"


def _staat(client: FlaskClient, url: str) -> dict[str, Any]:
    r = client.get(url)
    assert r.status_code == 200
    doc = html.fromstring(r.get_data(as_text=True))
    return dict(json.loads(doc.get_element_by_id("opstel-staat").text))


def _stuur(client: FlaskClient, url: str, data: Any) -> Any:
    with client.session_transaction() as sessie:
        tok = sessie.get("_csrf")
    return client.post(url, json=data, headers={"X-CSRF-Token": tok or csrf(client)})


def test_the_link_is_the_public_address_without_https_and_only_when_it_can_be_one(
    app: Flask,
) -> None:
    app.config["PUBLIEK_URL"] = PUBLIEK
    with app.app_context():
        assert adressen.als_link(12) == {
            "echt": "www.vr.example.nl/nl-alert/12/",
            "oefening": "www.vr.example.nl/nl-alert/oefening/12/",
        }
        # CAP's web keeps an http:// address whole: only https:// is implied.
        app.config["PUBLIEK_URL"] = "http://www.vr.example.nl/"
        assert adressen.als_link(3) == {
            "echt": "http://www.vr.example.nl/3/",
            "oefening": "http://www.vr.example.nl/oefening/3/",
        }
        # Longer than the link field takes: not offered.
        app.config["PUBLIEK_URL"] = "https://www.vr.example.nl/" + "a" * 80 + "/"
        assert adressen.als_link(3) is None
    # Unset, the app names its own address; localhost is no address a phone can open.
    app.config.pop("PUBLIEK_URL")
    with app.test_request_context("/"):
        assert adressen.als_link(12) is None


def test_a_new_concept_gets_its_own_incident_page_and_the_preview_counts_it(
    zender: Zender, client: FlaskClient
) -> None:
    zender.app.config["PUBLIEK_URL"] = PUBLIEK
    login(client, "anna")
    assert _staat(client, "/opstellen")["publiek"] is None  # no id yet: no incident
    r = _stuur(client, "/opstellen", inhoud())
    assert r.status_code == 201
    nieuw = r.get_json()
    assert nieuw["publiek"]["oefening"] == f"www.vr.example.nl/nl-alert/oefening/{nieuw['id']}/"
    assert _staat(client, nieuw["url"])["publiek"] == nieuw["publiek"]
    # Accepted, it is the message's link in every language, and in its page count.
    tellen = {}
    for link in ("crisis.nl", nieuw["publiek"]["oefening"]):
        v = _stuur(client, "/api/voorbeeld", inhoud(velden={"plaats": "Utrecht", "link": link}))
        assert v.status_code == 200, v.get_json()
        for t in v.get_json()["talen"]:
            assert link in t["varianten"]["standaard"]["tekst"]
        tellen[link] = v.get_json()["talen"][0]["varianten"]["standaard"]["cb"]["tekens"]
    verschil = len(nieuw["publiek"]["oefening"]) - len("crisis.nl")
    assert tellen[nieuw["publiek"]["oefening"]] - tellen["crisis.nl"] == verschil


def test_an_update_keeps_the_page_of_its_incident(zender: Zender, client: FlaskClient) -> None:
    zender.app.config["PUBLIEK_URL"] = PUBLIEK
    alert = zender.verzonden(echt())
    with zender.app.app_context():
        update = opslag.maak_vervolg(zender.db, alert, BerichtSoort.UPDATE, zender.anna)
    login(client, "anna")
    staat = _staat(client, f"/berichten/{update.id}/bewerken")
    assert staat["publiek"]["echt"] == f"www.vr.example.nl/nl-alert/{alert}/"


def test_training_is_never_public_so_no_link_is_offered(app: Flask, client: FlaskClient) -> None:
    app.config["PUBLIEK_URL"] = PUBLIEK
    maak_gebruiker(app, "tim", Rol.OPSTELLER, training=True)
    login(client, "tim")
    r = _stuur(client, "/opstellen", inhoud())
    assert r.status_code == 201 and r.get_json()["publiek"] is None
