"""The downwind sector in the area panel: picked, checked against the outline of the Netherlands,
stored with its parameters, offered for the categories it fits."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from handelingsperspectieven import catalogus
from nlalert.accounts.gebruikers import Rol
from nlalert.opstellen import kaart, rookpluim
from tests.nlalert.conftest import login, maak_gebruiker
from tests.nlalert.opstellen.test_opstellen import nieuw_concept, stuur

MOERDIJK = {"lat": 51.685, "lon": 4.62}


@pytest.fixture
def anna(app: Flask, client: FlaskClient) -> FlaskClient:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    login(client, "anna")
    return client


@pytest.mark.parametrize(
    ("lat", "lon", "binnen"),
    [
        (51.685, 4.62, True),  # Moerdijk
        (52.8, 5.3, True),  # the IJsselmeer: inland water
        (53.2, 5.3, True),  # the Wadden Sea
        (51.6, 3.9, True),  # the Oosterschelde, behind its barrier
        (50.77, 6.02, True),  # Vaals, next to the border
        (12.15, -68.27, True),  # Bonaire
        (51.22, 4.40, False),  # Antwerp
        (50.78, 6.08, False),  # Aachen
        (51.21, 3.22, False),  # Brugge
        (51.79, 6.14, False),  # Kleve
        (52.2, 4.2, False),  # the North Sea, 10 km out
    ],
)
def test_the_outline_knows_the_netherlands_from_its_neighbours(
    lat: float, lon: float, binnen: bool
) -> None:
    assert kaart.in_nederland(lon, lat) is binnen


def test_a_sector_pick_is_stored_with_its_parameters_and_a_description(
    anna: FlaskClient,
) -> None:
    r = stuur(anna, "/kaart/gebied", {"sector": {**MOERDIJK, "wind_uit": "ZW", "lengte_km": 10}})
    assert r.status_code == 200, r.get_json()
    gebied = r.get_json()["gebied"]
    assert gebied["geometry"]["type"] == "Polygon"
    assert gebied["properties"]["sector"]["wind_uit"] == 225.0
    assert r.get_json()["beschrijving"] == "Rookpluim van 10 km, wind uit ZW"
    # Saved with a concept, it comes back on the compose screen to be drawn and edited again.
    bericht_id = nieuw_concept(anna, gebied=gebied)["id"]
    pagina = anna.get(f"/berichten/{bericht_id}/bewerken").get_data(as_text=True)
    staat = re.search(r'id="opstel-staat">(.*?)</script>', pagina, re.S)
    assert staat and '"bron": "sector"' in staat.group(1) and '"lengte_km": 10' in staat.group(1)


@pytest.mark.parametrize(
    ("sector", "reden"),
    [
        ({"lat": 51.22, "lon": 4.40, "wind_uit": "ZW", "lengte_km": 5}, "niet in Nederland"),
        ({**MOERDIJK, "wind_uit": "ZW", "lengte_km": 0}, "lengte"),
        ({**MOERDIJK, "wind_uit": "ZW", "lengte_km": 5, "hoek": 200}, "openingshoek"),
        ({**MOERDIJK, "wind_uit": 400, "lengte_km": 5}, "windrichting"),
    ],
)
def test_a_bad_sector_pick_is_422_with_the_reason(
    anna: FlaskClient, sector: dict[str, object], reden: str
) -> None:
    r = stuur(anna, "/kaart/gebied", {"sector": sector})
    assert r.status_code == 422 and reden in r.get_json()["detail"]
    assert r.get_json()["veld"] == "gebied"


def test_the_compose_screen_offers_the_sector_with_labelled_fields(anna: FlaskClient) -> None:
    pagina = anna.get("/opstellen").get_data(as_text=True)
    for veld in ("bron", "wind", "lengte", "hoek", "windsnelheid"):
        assert f'<label for="sector-{veld}">' in pagina and f'id="sector-{veld}"' in pagina
    assert 'data-stand="sector"' in pagina
    assert "60°" in pagina and "90°" in pagina  # the default opening is stated in the help
    aangeraden = re.search(r'data-sector-categorieen="([^"]*)"', pagina)
    assert aangeraden and set(aangeraden.group(1).split()) == set(rookpluim.CATEGORIEEN)


def test_the_sector_categories_exist_in_the_catalogue() -> None:
    assert set(rookpluim.CATEGORIEEN) <= set(catalogus())
