"""A downwind sector over the API: refused with the reason when it makes no sense or lies abroad,
stored as the one polygon that is sent (CAP and ECBE) with its parameters for the screen."""

from __future__ import annotations

import math
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree

from berichten import naar_cap, valideer
from nlalert.accounts.gebruikers import Rol
from nlalert.db import get_db
from nlalert.workflow import opslag, opsteller
from tests.nlalert.api.test_api import keur_goed_en_verzend, probleem
from tests.nlalert.conftest import inhoud, maak_gebruiker, rijen, token

MOERDIJK = {"lat": 51.685, "lon": 4.62}
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"


@pytest.fixture
def koppen(app: Flask) -> dict[str, dict[str, str]]:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    return {naam: token(app, naam) for naam in ("anna", "gert")}


def maak(client: FlaskClient, kop: dict[str, str], sector: object) -> Any:
    return client.post("/api/berichten", json=inhoud(gebied={"sector": sector}), headers=kop)


@pytest.mark.parametrize(
    ("sector", "reden"),
    [
        ({"lat": 51.22, "lon": 4.40, "wind_uit": "ZW", "lengte_km": 5}, "niet in Nederland"),
        ({"lat": 50.78, "lon": 6.08, "wind_uit": 225, "lengte_km": 5}, "niet in Nederland"),
        ({"lat": 52.2, "lon": 4.2, "wind_uit": 270, "lengte_km": 5}, "niet in Nederland"),  # sea
        ({**MOERDIJK, "wind_uit": "ZW", "lengte_km": 0}, "lengte"),
        ({**MOERDIJK, "wind_uit": "ZW", "lengte_km": -3}, "lengte"),
        ({**MOERDIJK, "wind_uit": "ZW", "lengte_km": 5, "hoek": 0}, "openingshoek"),
        ({**MOERDIJK, "wind_uit": "ZW", "lengte_km": 5, "hoek": 181}, "openingshoek"),
        ({**MOERDIJK, "wind_uit": 361, "lengte_km": 5}, "windrichting"),
        ({**MOERDIJK, "wind_uit": -10, "lengte_km": 5}, "windrichting"),
        ({**MOERDIJK, "wind_uit": "ZZZ", "lengte_km": 5}, "windrichting"),
        ({**MOERDIJK, "wind_uit": True, "lengte_km": 5}, "windrichting"),
        ({**MOERDIJK, "wind_uit": "ZW", "lengte_km": "5"}, "lengte"),
        ({**MOERDIJK, "wind_uit": "ZW", "lengte_km": 5, "windsnelheid_ms": -1}, "windsnelheid"),
        ({**MOERDIJK, "wind_uit": "ZW", "lengte_km": 5, "angle": 40}, "angle"),
        ({"lat": 51.685, "wind_uit": "ZW", "lengte_km": 5}, "lon"),
        ("ZW", "lengte_km"),
    ],
)
def test_a_bad_sector_is_422_with_the_reason_and_nothing_is_stored(
    app: Flask,
    client: FlaskClient,
    koppen: dict[str, dict[str, str]],
    sector: object,
    reden: str,
) -> None:
    voor = rijen(app, "SELECT count(*) FROM berichten")[0][0]
    r = maak(client, koppen["anna"], sector)
    assert r.status_code == 422, r.get_json()
    body = probleem(r)
    assert reden in str(body["detail"]) and body["veld"] == "gebied"
    assert rijen(app, "SELECT count(*) FROM berichten")[0][0] == voor


def test_a_refused_source_is_named_whatever_the_language(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    r = client.post(
        "/api/berichten",
        json=inhoud(
            gebied={"sector": {"lat": 51.22, "lon": 4.40, "wind_uit": 225, "lengte_km": 5}}
        ),
        headers={**koppen["anna"], "Accept-Language": "en"},
    )
    assert r.status_code == 422
    # The English text arrives when the catalogue is merged; the source is named either way.
    assert "(51.2200, 4.4000)" in str(probleem(r)["detail"])


def _ring(gebied: dict[str, Any]) -> list[list[float]]:
    assert gebied["type"] == "Feature" and gebied["geometry"]["type"] == "Polygon"
    assert len(gebied["geometry"]["coordinates"]) == 1  # one ring, no holes
    return list(gebied["geometry"]["coordinates"][0])


def test_a_good_sector_is_stored_as_one_polygon_with_its_parameters(
    app: Flask, client: FlaskClient, koppen: dict[str, dict[str, str]], sim_url: str
) -> None:
    r = maak(client, koppen["anna"], {**MOERDIJK, "wind_uit": "ZW", "lengte_km": 10})
    assert r.status_code == 201, r.get_json()
    b = r.get_json()
    gebied = b["inhoud"]["gebied"]
    # The parameters stay with the bericht, so the screen can draw and edit the sector again.
    assert gebied["properties"]["bron"] == "sector"
    assert gebied["properties"]["sector"] == {
        **MOERDIJK,
        "wind_uit": 225.0,
        "lengte_km": 10,
        "hoek": 60.0,
    }
    ring = _ring(gebied)
    # Wind from the south-west: the plume goes north-east, up to 10 km from the source.
    verst = max(
        math.hypot((lon - 4.62) * 111.32 * math.cos(math.radians(51.685)), (lat - 51.685) * 111.32)
        for lon, lat in ring
    )
    assert 9.9 < verst < 10.1
    assert all(lon >= 4.6 and lat >= 51.67 for lon, lat in ring)

    # CAP: one polygon per info, valid against the OASIS schema, starting and ending alike.
    with app.test_request_context():
        record = opslag.lees(get_db(), b["id"])
        xml = naar_cap(opsteller.bericht(record))
    assert valideer(xml) == []
    infos = etree.fromstring(xml).findall(f"{CAP}info")
    assert len(infos) == 2
    for info in infos:
        polygonen = info.findall(f"{CAP}area/{CAP}polygon")
        assert len(polygonen) == 1 and not info.findall(f"{CAP}area/{CAP}circle")
        punten = polygonen[0].text.split()  # type: ignore[union-attr]
        assert punten[0] == punten[-1] and len(punten) == len(ring)
        lat, lon = map(float, punten[1].split(","))  # CAP is lat,lon
        assert [lon, lat] == pytest.approx(ring[1])

    # ECBE: the broadcast carries the same polygon as its area. The simulator loads its reach
    # model on the first area it sees; load it first, so the send stays within the CBC timeout.
    requests.post(f"{sim_url}/api/v1/reach", json={"area": gebied["geometry"]}, timeout=300)
    verzonden = keur_goed_en_verzend(client, koppen, b)
    assert verzonden["status"] == "verzonden"
    for uitzending in verzonden["uitzendingen"]:
        opgeslagen = requests.get(
            f"{sim_url}/api/v1/broadcasts/{uitzending['message_identifier']}", timeout=10
        ).json()
        assert opgeslagen["area"]["type"] == "Polygon"
        assert opgeslagen["area"]["coordinates"] == [ring]


def test_the_stored_sector_is_rebuilt_from_its_parameters(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    b = maak(client, koppen["anna"], {**MOERDIJK, "wind_uit": 225, "lengte_km": 4}).get_json()
    gebied = b["inhoud"]["gebied"]
    # A client sends the Feature back with a changed length and a stale polygon (as the screen's
    # autosave sends what it holds): the polygon follows the parameters, never the other way.
    gebied["properties"]["sector"]["lengte_km"] = 8
    r = client.put(
        f"/api/berichten/{b['id']}",
        json={"versie": b["versie"], "inhoud": inhoud(gebied=gebied)},
        headers=koppen["anna"],
    )
    assert r.status_code == 200, r.get_json()
    nieuw = r.get_json()["inhoud"]["gebied"]
    assert nieuw["properties"]["sector"]["lengte_km"] == 8
    assert max(lat for _, lat in _ring(nieuw)) > max(lat for _, lat in _ring(gebied)) + 0.02
    # A stored sector moved abroad is refused like a new one.
    gebied["properties"]["sector"].update(lat=51.22, lon=4.40)
    r = client.put(
        f"/api/berichten/{b['id']}",
        json={"versie": r.get_json()["versie"], "inhoud": inhoud(gebied=gebied)},
        headers=koppen["anna"],
    )
    assert r.status_code == 422 and "niet in Nederland" in str(probleem(r)["detail"])


def test_light_wind_widens_the_default_opening_and_islands_are_allowed(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    r = maak(
        client,
        koppen["anna"],
        {**MOERDIJK, "wind_uit": "W", "lengte_km": 3, "windsnelheid_ms": 2},
    )
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["inhoud"]["gebied"]["properties"]["sector"]["hoek"] == 90.0
    # Bonaire (Kralendijk) lies in the Caribbean Netherlands.
    r = maak(client, koppen["anna"], {"lat": 12.15, "lon": -68.27, "wind_uit": "O", "lengte_km": 3})
    assert r.status_code == 201, r.get_json()
