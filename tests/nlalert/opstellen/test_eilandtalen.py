"""The islands' default languages on the compose screen's server side: the table the screen applies
is the server's own, and the preview and the first save without languages take the island's."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts.gebruikers import Rol
from nlalert.opstellen import kaart
from nlalert.workflow.inhoud import lees_inhoud
from tests.nlalert.conftest import inhoud, login, maak_gebruiker
from tests.nlalert.opstellen.test_opstellen import stuur


@pytest.fixture
def anna(app: Flask, client: FlaskClient) -> FlaskClient:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    login(client, "anna")
    return client


def _zonder_talen(code: str) -> dict[str, object]:
    verzoek = inhoud(gebied=kaart.kies([code]).feature)
    del verzoek["talen"]
    return verzoek


def _staat(pagina: str) -> dict[str, Any]:
    gevonden = re.search(r'id="opstel-staat">(.*?)</script>', pagina, re.S)
    assert gevonden
    staat: dict[str, Any] = json.loads(gevonden.group(1))
    return staat


def test_the_screen_gets_the_servers_island_table(anna: FlaskClient) -> None:
    tabel = _staat(anna.get("/opstellen").get_data(as_text=True))["eilandtalen"]
    assert tabel == {"GM9001": ["pap", "nl"], "GM9002": ["en", "nl"], "GM9003": ["en", "nl"]}
    # Exactly what the server stores for a request on that island alone that names no languages.
    for code, talen in tabel.items():
        assert lees_inhoud(_zonder_talen(code))["talen"] == talen


def test_the_preview_and_the_first_save_without_languages_take_the_islands(
    anna: FlaskClient,
) -> None:
    data = stuur(anna, "/api/voorbeeld", _zonder_talen("GM9001")).get_json()
    assert "fout" not in data, data
    assert {t["taal"] for t in data["talen"]} == {"pap", "nl"}
    r = stuur(anna, "/opstellen", _zonder_talen("GM9001"))
    assert r.status_code == 201, r.get_json()
    staat = _staat(anna.get(r.get_json()["url"]).get_data(as_text=True))
    assert staat["inhoud"]["talen"] == ["pap", "nl"]


def test_the_island_boxes_on_the_screen_give_what_the_server_stores(anna: FlaskClient) -> None:
    # A small square drawn in the middle of each box, stored without languages, takes the box's.
    kaders = _staat(anna.get("/opstellen").get_data(as_text=True))["eilandkaders"]
    assert len(kaders) == 3
    for k in kaders:
        a, b, c, d = k["kader"]
        x, y, r = (a + c) / 2, (b + d) / 2, 0.01
        vierkant = [[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r], [x - r, y - r]]
        verzoek = inhoud(gebied={"type": "Polygon", "coordinates": [vierkant]})
        del verzoek["talen"]
        assert lees_inhoud(verzoek)["talen"] == k["talen"]
