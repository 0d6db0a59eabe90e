"""The compose screen: live preview, autosave, training mode, the area and the reach proxy."""

from __future__ import annotations

import json
import re
import socket
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_httpserver import HTTPServer

from nlalert.accounts.gebruikers import Rol
from tests.nlalert.conftest import csrf, inhoud, login, maak_gebruiker, rijen

MOERDIJK = "GM1709"


def stuur(client: FlaskClient, url: str, data: Any, *, token: bool = True) -> Any:
    """A JSON POST as the screen's fetch sends it: the session's CSRF token in the header."""
    with client.session_transaction() as sessie:
        tok = sessie.get("_csrf")
    headers = {"X-CSRF-Token": tok or csrf(client)} if token else {}
    return client.post(url, json=data, headers=headers)


@pytest.fixture
def anna(app: Flask, client: FlaskClient) -> FlaskClient:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    login(client, "anna")
    return client


def nieuw_concept(client: FlaskClient, **anders: Any) -> dict[str, Any]:
    r = stuur(client, "/opstellen", inhoud(**anders))
    assert r.status_code == 201, r.get_json()
    return dict(r.get_json())


def test_preview_has_every_language_and_variant_with_pages_and_encoding(
    anna: FlaskClient,
) -> None:
    r = stuur(anna, "/api/voorbeeld", inhoud(talen=["nl", "en", "ar"]))
    assert r.status_code == 200
    data = r.get_json()
    assert [t["taal"] for t in data["talen"]] == ["nl", "en", "ar"]
    for taal in data["talen"]:
        verwacht = {"standaard", "kort", "beeld"} | ({"b1"} if taal["taal"] == "nl" else set())
        assert set(taal["varianten"]) == verwacht
        for variant in taal["varianten"].values():
            assert variant["cb"]["encoding"] in ("gsm7", "ucs2")
            assert 1 <= variant["cb"]["pages"] <= variant["cb"]["max_pages"] == 15
    assert data["talen"][0]["varianten"]["standaard"]["cb"]["encoding"] == "gsm7"
    assert data["talen"][2]["richting"] == "rtl"
    assert (
        data["uitzending"]["tekst"].startswith("NL-Alert ")
        and " *** " in data["uitzending"]["tekst"]
    )
    assert set(data["volledigheid"]) >= {"wat_waar", "actie", "meer_info", "bron", "tijd"}
    assert "standaard" in data["leesbaarheid"] and "b1" in data["leesbaarheid"]


def test_a_diaeresis_comes_back_as_culprit_with_its_gsm7_spelling(anna: FlaskClient) -> None:
    velden = {"plaats": "Zuidoost, café Noël", "link": "crisis.nl"}
    data = stuur(anna, "/api/voorbeeld", inhoud(velden=velden)).get_json()
    nl = data["talen"][0]["varianten"]["standaard"]
    assert nl["cb"]["encoding"] == "ucs2"
    tekst = nl["tekst"]
    culprits = nl["cb"]["culprits"]
    assert {"teken": "ë", "voorstel": "e"} in [
        {"teken": c["teken"], "voorstel": c["voorstel"]} for c in culprits
    ]
    # Positions are code points into the text shown, so the screen can mark the right character.
    assert all(tekst[c["positie"]] == c["teken"] for c in culprits)


def test_a_bad_field_is_a_400_problem_naming_the_field_in_dutch(anna: FlaskClient) -> None:
    r = stuur(anna, "/api/voorbeeld", inhoud(velden={"plaats": "Breda", "link": "geen adres"}))
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    body = r.get_json()
    assert body["veld"] == "velden.link"
    assert "'link'" in body["detail"] and "geen webadres" in body["detail"]
    r = stuur(anna, "/api/voorbeeld", inhoud(velden={"link": "crisis.nl"}))
    assert r.status_code == 400 and r.get_json()["veld"] == "velden.plaats"
    assert "verplicht" in r.get_json()["detail"]


def test_script_in_a_field_is_escaped_in_pages_and_plain_text_in_json(
    app: Flask, anna: FlaskClient
) -> None:
    script = "<script>alert(1)</script>"
    velden = {"plaats": script, "link": "crisis.nl"}
    data = stuur(anna, "/api/voorbeeld", inhoud(velden=velden)).get_json()
    assert script in data["talen"][0]["varianten"]["standaard"]["tekst"]  # text, not markup
    bericht_id = nieuw_concept(anna, velden=velden)["id"]
    for url in [f"/berichten/{bericht_id}/bewerken", f"/berichten/{bericht_id}"]:
        pagina = anna.get(url).get_data(as_text=True)
        assert "<script>alert" not in pagina
        # Every script tag is an external file or inert JSON: nothing inline can run (CSP).
        for tag in re.findall(r"<script[^>]*>", pagina):
            assert "src=" in tag or 'type="application/json"' in tag
    assert "&lt;script&gt;alert(1)" in anna.get(f"/berichten/{bericht_id}").get_data(as_text=True)


def test_autosave_with_a_stale_version_is_a_409_and_nothing_is_lost(
    app: Flask, anna: FlaskClient
) -> None:
    nieuw = nieuw_concept(anna)
    url = nieuw["concept_url"]
    eerste = inhoud(velden={"plaats": "Eerste", "link": "crisis.nl"})
    r = stuur(anna, url, {"versie": nieuw["versie"], "inhoud": eerste})
    assert r.status_code == 200 and r.get_json()["versie"] == nieuw["versie"] + 1
    # A second tab still holds the old version: its save must not overwrite the first.
    oud = inhoud(velden={"plaats": "Tweede", "link": "crisis.nl"})
    r = stuur(anna, url, {"versie": nieuw["versie"], "inhoud": oud})
    assert r.status_code == 409 and r.mimetype == "application/problem+json"
    assert "gewijzigd" in r.get_json()["detail"]
    opgeslagen = json.loads(rijen(app, "SELECT inhoud FROM berichten")[0][0])
    assert opgeslagen["velden"]["plaats"] == "Eerste"
    # With the current version the same content is saved.
    r = stuur(anna, url, {"versie": nieuw["versie"] + 1, "inhoud": oud})
    assert r.status_code == 200


def test_autosave_needs_the_csrf_header(anna: FlaskClient) -> None:
    nieuw = nieuw_concept(anna)
    r = stuur(anna, nieuw["concept_url"], {"versie": 1, "inhoud": inhoud()}, token=False)
    assert r.status_code == 400
    r = stuur(anna, "/api/voorbeeld", inhoud(), token=False)
    assert r.status_code == 400 and "formulier" in r.get_json()["detail"]


def test_preview_needs_a_login(client: FlaskClient) -> None:
    r = client.post("/api/voorbeeld", json=inhoud())
    assert r.status_code == 401 and r.mimetype == "application/problem+json"


def test_a_training_user_cannot_choose_echt(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "tim", Rol.OPSTELLER, training=True)
    login(client, "tim")
    pagina = client.get("/opstellen").get_data(as_text=True)
    echt = re.search(r'<input type="radio" name="modus" value="echt"[^>]*>', pagina)
    assert echt and "disabled" in echt.group(0)
    r = stuur(client, "/api/voorbeeld", inhoud(modus="echt"))
    assert r.status_code == 400 and r.get_json()["veld"] == "modus"
    r = stuur(client, "/opstellen", inhoud(modus="echt"))
    assert r.status_code == 400 and "oefening" in r.get_json()["detail"]
    assert rijen(app, "SELECT count(*) FROM berichten")[0][0] == 0
    nieuw = nieuw_concept(client)
    r = stuur(client, nieuw["concept_url"], {"versie": 1, "inhoud": inhoud(modus="echt")})
    assert r.status_code == 400
    assert json.loads(rijen(app, "SELECT inhoud FROM berichten")[0][0])["modus"] == "oefening"


def test_the_list_links_to_a_new_bericht_for_opstellers_only(app: Flask, anna: FlaskClient) -> None:
    assert 'href="/opstellen"' in anna.get("/berichten").get_data(as_text=True)
    maak_gebruiker(app, "ria", Rol.REVIEWER)
    anna.post("/logout", data={"csrf_token": csrf(anna)})
    login(anna, "ria")
    assert 'href="/opstellen"' not in anna.get("/berichten").get_data(as_text=True)
    assert anna.get("/opstellen").status_code == 403


def test_the_approval_page_shows_every_language_the_area_and_identifiers(
    anna: FlaskClient,
) -> None:
    gebied = stuur(anna, "/kaart/gebied", {"gemeenten": [MOERDIJK]}).get_json()["gebied"]
    bericht_id = nieuw_concept(anna, talen=["nl", "en", "de"], gebied=gebied)["id"]
    pagina = anna.get(f"/berichten/{bericht_id}").get_data(as_text=True)
    # One row per broadcast: Dutch with English, and German on the additional-language channel.
    for verwacht in ['data-talen="nl+en"', 'data-talen="de"', "<td>4381</td>", "<td>4394</td>"]:
        assert verwacht in pagina
    assert "Moerdijk" in pagina and "NLALERT-" in pagina
    assert "geen cell-broadcastteksten" in pagina  # short text and card: for screens, not phones


def test_boundaries_for_the_map_carry_the_attribution(anna: FlaskClient) -> None:
    r = anna.get("/kaart/grenzen.json")
    data = r.get_json()
    # 342 gemeenten and the three islands of the Caribbean Netherlands.
    assert len(data["gemeenten"]["features"]) == 345 and len(data["regios"]["features"]) == 25
    assert "Kadaster / Centraal Bureau voor de Statistiek" in data["bron"]
    assert "OpenStreetMap" in data["bron"]
    assert "Kadaster / Centraal Bureau voor de Statistiek" in anna.get("/opstellen").get_data(
        as_text=True
    )


def test_picked_gemeenten_and_a_region_become_a_multipolygon(anna: FlaskClient) -> None:
    r = stuur(anna, "/kaart/gebied", {"gemeenten": [MOERDIJK, "GM0777"]})
    gebied = r.get_json()["gebied"]
    assert gebied["geometry"]["type"] == "MultiPolygon"
    assert gebied["properties"]["codes"] == [MOERDIJK, "GM0777"]
    assert "Moerdijk" in r.get_json()["beschrijving"]
    r = stuur(anna, "/kaart/gebied", {"regio": "VR19"})  # Zeeland: islands, many parts
    assert r.status_code == 200 and r.get_json()["gebied"]["geometry"]["type"] == "MultiPolygon"
    r = stuur(anna, "/kaart/gebied", {"gemeenten": ["GM9999"]})
    assert r.status_code == 400 and r.get_json()["veld"] == "gemeenten"


def test_uploaded_geojson_is_checked_by_berichten_with_a_dutch_error(anna: FlaskClient) -> None:
    omgedraaid = {
        "type": "Polygon",
        "coordinates": [[[51.6, 4.6], [51.7, 4.6], [51.7, 4.7], [51.6, 4.6]]],
    }
    r = stuur(anna, "/kaart/gebied", {"geojson": omgedraaid, "naam": "rook"})
    assert r.status_code == 422 and "lat,lon" in r.get_json()["detail"]
    goed = {
        "type": "Polygon",
        "coordinates": [[[4.6, 51.6], [4.6, 51.7], [4.7, 51.7], [4.6, 51.6]]],
    }
    r = stuur(anna, "/kaart/gebied", {"geojson": goed, "naam": "rook"})
    assert r.status_code == 200 and r.get_json()["beschrijving"] == "rook"
    r = stuur(anna, "/kaart/gebied", {"cirkel": {"lat": 51.68, "lon": 4.61, "radius_km": 80}})
    assert r.status_code == 422 and "straal" in r.get_json()["detail"]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_reach_with_the_simulator_down_is_a_503_in_dutch(app: Flask, anna: FlaskClient) -> None:
    app.config["SIM_URL"] = f"http://127.0.0.1:{_vrije_poort()}"
    cirkel = stuur(anna, "/kaart/gebied", {"cirkel": {"lat": 51.68, "lon": 4.61, "radius_km": 2}})
    r = stuur(anna, "/api/bereik", {"gebied": cirkel.get_json()["gebied"]})
    assert r.status_code == 503 and r.mimetype == "application/problem+json"
    assert "simulator is niet bereikbaar" in r.get_json()["detail"]


def test_reach_numbers_and_map_pass_through_from_the_simulator(
    app: Flask, anna: FlaskClient, httpserver: HTTPServer
) -> None:
    rapport = {
        "inwoners": 12000,
        "bereikt": 9100,
        "overshoot": 640,
        "gemist": {"geen_dekking": 20, "geen_geschikte_telefoon": 2500},
        "per_gemeente": [
            {
                "gemeentecode": MOERDIJK,
                "gemeentenaam": "Moerdijk",
                "inwoners_in_gebied": 12000.0,
                "bereikt": 9100.0,
                "overshoot": 0.0,
            }
        ],
        "per_eenheid": [{"code": "x"}] * 50,
        "bronvermelding": "Bron: CBS",
    }
    cirkel = {"circle": {"lat": 51.68, "lon": 4.61, "radius_km": 2.0}}
    httpserver.expect_request(
        "/api/v1/reach", method="POST", json={"area": cirkel}, query_string=""
    ).respond_with_json(rapport)
    httpserver.expect_request(
        "/api/v1/reach", method="POST", query_string="format=png"
    ).respond_with_data(b"\x89PNG\r\n\x1a\nxyz", content_type="image/png")
    app.config["SIM_URL"] = httpserver.url_for("/")
    gebied = stuur(anna, "/kaart/gebied", {"cirkel": cirkel["circle"]}).get_json()["gebied"]

    r = stuur(anna, "/api/bereik", {"gebied": gebied})
    assert r.status_code == 200
    data = r.get_json()
    for sleutel in ("inwoners", "bereikt", "overshoot", "gemist", "per_gemeente"):
        assert data[sleutel] == rapport[sleutel]
    assert "per_eenheid" not in data  # the screen does not need the heavy part
    r = stuur(anna, "/api/bereik?format=png", {"gebied": gebied})
    assert r.get_json()["kaart"].startswith("data:image/png;base64,")


def test_reach_refused_area_shows_the_simulators_reason(
    app: Flask, anna: FlaskClient, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/api/v1/reach", method="POST").respond_with_json(
        {"title": "Ongeldig gebied", "detail": "het gebied ligt buiten het netwerkmodel"},
        status=400,
    )
    app.config["SIM_URL"] = httpserver.url_for("/")
    gebied = stuur(anna, "/kaart/gebied", {"regio": "VR20"}).get_json()["gebied"]
    r = stuur(anna, "/api/bereik", {"gebied": gebied})
    assert r.status_code == 422 and "buiten het netwerkmodel" in r.get_json()["detail"]
