"""Borders and islands on the compose screen and the approval page: the border flag with its
hand-over, the islands on the map and in the search, an island area not refused as abroad."""

from __future__ import annotations

from contextlib import closing
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

from berichten.gebied import cirkel
from berichten.grens import buren
from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.db import verbind
from nlalert.opstellen import kaart, zoeken
from nlalert.opstellen.grens import landgrens
from nlalert.workflow import opslag
from tests.nlalert.conftest import inhoud, login, maak_gebruiker
from tests.nlalert.opstellen.test_opstellen import stuur


def _cirkel(lat: float, lon: float) -> dict[str, Any]:
    """A circle as the compose screen stores it: a Feature whose properties hold it."""
    kring = cirkel(lat, lon, 2.0)
    return {
        "type": "Feature",
        "properties": {"cirkel": {"lat": lat, "lon": lon, "radius_km": 2.0}},
        "geometry": kring.geometrie().__geo_interface__,
    }


KERKRADE = _cirkel(50.866, 6.06)
BAARLE = _cirkel(51.44, 4.93)
UTRECHT = _cirkel(52.09, 5.12)


@pytest.fixture
def anna(app: Flask, client: FlaskClient) -> FlaskClient:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    login(client, "anna")
    return client


def _grens(data: dict[str, Any]) -> list[dict[str, str]]:
    return [w for w in data["waarschuwingen"] if w["code"].startswith("grens")]


@pytest.mark.parametrize(
    ("lat", "lon", "land"),
    [(50.866, 6.06, "DE"), (51.44, 4.93, "BE"), (52.22, 6.95, "DE"), (51.28, 4.05, "BE")],
)
def test_the_bundled_land_border_lies_where_the_neighbours_are(
    lat: float, lon: float, land: str
) -> None:
    assert [b.land for b in buren(cirkel(lat, lon, 1.0), landgrens())] == [land]


@pytest.mark.parametrize(("lat", "lon"), [(52.09, 5.12), (53.2, 5.8), (52.37, 4.9), (51.9, 4.0)])
def test_the_coast_and_the_middle_are_no_land_border(lat: float, lon: float) -> None:
    # Utrecht, Leeuwarden, Amsterdam, Maasvlakte: the coast is not a border with a neighbour.
    assert buren(cirkel(lat, lon, 1.0), landgrens()) == ()


def test_the_preview_flags_an_area_at_the_german_border(anna: FlaskClient) -> None:
    data = stuur(anna, "/api/voorbeeld", inhoud(gebied=KERKRADE)).get_json()
    (w,) = _grens(data)
    assert w["code"] == "grens-de"
    assert "MoWaS" in w["tekst"] and "DE-Alert" in w["tekst"] and "Voeg Duits toe." in w["tekst"]
    belgie = stuur(anna, "/api/voorbeeld", inhoud(gebied=BAARLE, talen=["nl", "fr"])).get_json()
    assert [w["code"] for w in _grens(belgie)] == ["grens-be"]
    assert "BE-Alert" in _grens(belgie)[0]["tekst"]
    assert _grens(stuur(anna, "/api/voorbeeld", inhoud(gebied=UTRECHT)).get_json()) == []


def test_the_approval_page_offers_the_german_text_and_the_cap_for_hand_over(app: Flask) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    with closing(verbind(app.config["DATABASE"])) as db:
        anna = gebruikers.zoek(db, "anna")
        assert anna is not None
        record = opslag.maak(db, inhoud(gebied=KERKRADE, talen=["nl", "en", "de"]), anna)
        assert record.id is not None
        opslag.dien_in(db, record.id, anna, versie=record.versie)
    client = app.test_client()
    login(client, "gert")
    pagina = client.get(f"/berichten/{record.id}").get_data(as_text=True)
    overdracht = pagina.split('id="grens-overdracht"', 1)[1].split("</section>", 1)[0]
    assert "MoWaS" in overdracht
    assert 'href="#uitzending-de"' in overdracht and 'id="uitzending-de"' in pagina
    assert "CAP-bestand" in overdracht
    assert "MoWaS" in pagina.split('id="grens-overdracht"', 1)[0]  # also in the checklist


def test_the_islands_are_on_the_map_and_in_the_search(anna: FlaskClient) -> None:
    grenzen = anna.get("/kaart/grenzen.json").get_json()
    codes = {f["properties"]["gemeentecode"] for f in grenzen["gemeenten"]["features"]}
    assert {"GM9001", "GM9002", "GM9003"} <= codes
    (bonaire,) = zoeken.zoek("bonaire").plaatsen
    assert bonaire.code == "GM9001" and bonaire.vak[0] < -68
    assert [p.naam for p in zoeken.zoek("sint eus").plaatsen] == ["Sint Eustatius"]
    keuze = kaart.kies(["GM9003"])
    assert keuze.beschrijving == "Saba"
    assert kaart.in_nederland(-63.24, 17.63) and not kaart.in_nederland(-66.0, 14.0 + 10)


def test_an_area_on_an_island_is_not_refused_and_its_header_is_island_time(
    anna: FlaskClient,
) -> None:
    gebied = kaart.kies(["GM9001"]).feature
    data = stuur(anna, "/api/voorbeeld", inhoud(gebied=gebied, talen=["nl", "pap"])).get_json()
    assert "fout" not in data, data
    assert data["gebied"]["beschrijving"] == "Bonaire"
    assert _grens(data) == []
    eilandtijd = datetime.fromisoformat(data["tijd"]).astimezone(ZoneInfo("America/Kralendijk"))
    assert data["uitzending"]["tekst"].startswith(f"NL-Alert {eilandtijd:%d-%m-%Y %H:%M}")
