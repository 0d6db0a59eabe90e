"""Field vocabularies on the compose screen, in the API and on the approval page."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts.gebruikers import Rol
from tests.nlalert.conftest import inhoud, login, maak_gebruiker, token
from tests.nlalert.opstellen.test_opstellen import stuur

TALEN = ["nl", "en", "de", "fr", "tr"]


def _stoffen(stof: str) -> dict[str, Any]:
    return inhoud(
        categorie="gevaarlijke-stoffen",
        velden={"plaats": "Moerdijk", "link": "crisis.nl", "stof": stof},
        talen=TALEN,
    )


@pytest.fixture
def anna(app: Flask, client: FlaskClient) -> FlaskClient:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    login(client, "anna")
    return client


def test_the_screen_offers_the_substances_to_pick_from(anna: FlaskClient) -> None:
    pagina = anna.get("/opstellen").get_data(as_text=True)
    blok = re.search(r'id="opstel-catalogus">(.*?)</script>', pagina, re.S)
    assert blok
    stoffen = next(c for c in json.loads(blok.group(1)) if c["id"] == "gevaarlijke-stoffen")
    keuzes = {v["id"]: v["keuzes"] for v in stoffen["velden"]}
    assert {"waarde": "chloor", "label": "chloor"} in keuzes["stof"]
    assert len(keuzes["stof"]) >= 11 and keuzes["plaats"] == []


def test_the_preview_puts_a_picked_substance_in_each_language(anna: FlaskClient) -> None:
    data = stuur(anna, "/api/voorbeeld", _stoffen("chloor")).get_json()
    tekst = {t["taal"]: t["varianten"]["standaard"]["tekst"] for t in data["talen"]}
    assert "Es handelt sich um Chlor." in tekst["de"]
    assert "chlore" in tekst["fr"] and "klor" in tekst["tr"]
    assert all(not t["varianten"]["standaard"]["niet_vertaald"] for t in data["talen"])
    assert not [w for w in data["waarschuwingen"] if w["code"] == "niet-vertaald"]


def test_the_preview_flags_a_free_value_per_language(anna: FlaskClient) -> None:
    data = stuur(anna, "/api/voorbeeld", _stoffen("fosgeen")).get_json()
    vrij = {t["taal"]: t["varianten"]["standaard"]["niet_vertaald"] for t in data["talen"]}
    assert vrij == {
        "nl": [],
        "en": ["fosgeen"],
        "de": ["fosgeen"],
        "fr": ["fosgeen"],
        "tr": ["fosgeen"],
    }
    vlag = [w["tekst"] for w in data["waarschuwingen"] if w["code"] == "niet-vertaald"]
    assert vlag == ["'fosgeen' is niet vertaald in: en, de, fr, tr"]


def test_the_api_composes_a_picked_substance_in_each_language(
    app: Flask, client: FlaskClient
) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    r = client.post("/api/berichten", json=_stoffen("chloor"), headers=token(app, "anna"))
    assert r.status_code == 201
    tekst = {u["talen"][-1]: u["tekst"] for u in r.get_json()["uitzendingen"]}
    assert "Es handelt sich um Chlor." in tekst["de"]
    assert "chlore" in tekst["fr"] and "klor" in tekst["tr"]


def test_the_approval_page_shows_the_flag(anna: FlaskClient) -> None:
    r = stuur(anna, "/opstellen", _stoffen("fosgeen"))
    assert r.status_code == 201
    pagina = anna.get(f"/berichten/{r.get_json()['id']}").get_data(as_text=True)
    assert "&#39;fosgeen&#39; is niet vertaald in: en, de, fr, tr" in pagina
