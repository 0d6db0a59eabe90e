"""Hostile input at the HTTP edge gets a 4xx with one clear line, never a 500 (issue 10, line 4).

Ids beyond the 64-bit range storage holds, text that is no text (a lone surrogate, NUL), numbers
too large for a float, content that can never be sent, and a compose-screen body over its limit.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st

from nlalert.accounts.gebruikers import Rol
from nlalert.http.invoer import tot_en_met
from tests.nlalert.conftest import csrf, inhoud, login, maak_gebruiker, post, rijen, token

TE_GROOT = 2**63  # one beyond SQLite's INTEGER (and PostgreSQL's bigint)
METHODEN = ("GET", "POST", "PUT")


@pytest.fixture
def bea(app: Flask, client: FlaskClient) -> FlaskClient:
    """Beheer, logged in through the form (every right, so no 403 hides a 500)."""
    maak_gebruiker(app, "bea", Rol.BEHEER)
    login(client, "bea")
    return client


@pytest.fixture
def kop(app: Flask, bea: FlaskClient) -> dict[str, str]:
    """Bea's API token (a new token replaces the old one, so there is one per test)."""
    return token(app, "bea")


def stuur(client: FlaskClient, url: str, data: Any = None, *, raw: str | None = None) -> Any:
    """A JSON POST as the compose screen sends it: session cookie plus the CSRF header."""
    with client.session_transaction() as sessie:
        tok = sessie.get("_csrf")
    headers = {"X-CSRF-Token": tok or csrf(client)}
    if raw is not None:
        return client.post(url, data=raw, content_type="application/json", headers=headers)
    return client.post(url, json=data, headers=headers)


def probleem(r: Any, status: int) -> dict[str, Any]:
    """The problem+json body of an answer with this status, checked to be one clear line."""
    assert r.status_code == status, r.get_data(as_text=True)[:500]
    assert r.mimetype == "application/problem+json"
    body = r.get_json()
    assert isinstance(body, dict) and body["detail"] and "Traceback" not in str(body)
    return dict(body)


def _routes_met_id(app: Flask) -> list[tuple[str, str]]:
    """(method, url) of every route that takes an id, with an id beyond 64 bits filled in."""
    uit = []
    for regel in app.url_map.iter_rules():
        url, aantal = re.subn(r"<int:\w+>", str(TE_GROOT), regel.rule)
        if aantal:
            uit += [(m, url) for m in sorted(regel.methods or ()) if m in METHODEN]
    return uit


def test_ids_beyond_64_bits_are_404_on_every_route(
    app: Flask, bea: FlaskClient, kop: dict[str, str]
) -> None:
    routes = _routes_met_id(app)
    # The probe's count: 7 API routes, 3 web GETs and 7 web POSTs at least.
    assert len([r for r in routes if r[1].startswith("/api/")]) >= 7
    web = [methode for methode, url in routes if not url.startswith("/api/")]
    assert web.count("GET") >= 3 and web.count("POST") >= 7
    with bea.session_transaction() as sessie:
        tok = sessie.setdefault("_csrf", "token-van-deze-sessie")
    for methode, url in routes:
        if url.startswith("/api/"):
            r = bea.open(url, method=methode, json={"versie": 1}, headers=kop)
            probleem(r, 404)
        else:
            r = bea.open(url, method=methode, data={"csrf_token": tok, "versie": "1"})
            assert r.status_code == 404, (methode, url, r.status_code)


@pytest.mark.parametrize("waarde", [TE_GROOT, 2**63 - 1, 10**30])
def test_an_id_at_or_beyond_the_storage_limit_is_not_found(
    app: Flask, bea: FlaskClient, kop: dict[str, str], waarde: int
) -> None:
    r = bea.get(f"/api/berichten/{waarde}", headers=kop)
    probleem(r, 404)
    assert bea.get(f"/berichten/{waarde}").status_code == 404
    assert bea.get(f"/berichten/{'9' * 5000}").status_code == 404  # beyond int()'s digit limit


@given(grens=st.integers(1, 2**70), getal=st.integers(0, 2**71))
def test_the_id_pattern_matches_exactly_the_numbers_up_to_its_bound(grens: int, getal: int) -> None:
    patroon = re.compile(tot_en_met(grens))
    for n in (getal, grens, grens + 1, getal % (grens + 2)):
        assert bool(patroon.fullmatch(str(n))) == (1 <= n <= grens), (grens, n)
    assert not patroon.fullmatch(f"0{grens}")  # no leading zeros: one spelling per id


def test_preview_with_an_original_beyond_64_bits_is_404(bea: FlaskClient) -> None:
    r = stuur(bea, "/api/voorbeeld", inhoud(origineel_id=TE_GROOT))
    probleem(r, 404)


# --- text that is no text ----------------------------------------------------------------

SURROGAAT = "\ud800"


def _nieuw(client: FlaskClient, kop: dict[str, str]) -> dict[str, Any]:
    r = client.post("/api/berichten", json=inhoud(), headers=kop)
    assert r.status_code == 201
    return dict(r.get_json())


def _gebied(beschrijving: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"beschrijving": beschrijving, "bron": "geojson"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[4.6, 51.6], [4.6, 51.7], [4.7, 51.7], [4.6, 51.6]]],
        },
    }


@pytest.mark.parametrize(
    ("soort", "veld"),
    [
        ("veldwaarde", "velden.plaats"),
        ("veldnaam", "velden.\ufffd"),
        ("gebied", "gebied.properties.beschrijving"),
        ("categorie", "categorie"),
    ],
)
def test_a_lone_surrogate_in_a_compose_request_is_400_naming_the_field(
    app: Flask, bea: FlaskClient, kop: dict[str, str], soort: str, veld: str
) -> None:
    verzoek = {
        "veldwaarde": inhoud(velden={"plaats": f"Utr{SURROGAAT}cht", "link": "crisis.nl"}),
        "veldnaam": inhoud(velden={"plaats": "Utrecht", SURROGAAT: "x"}),
        "gebied": inhoud(gebied=_gebied(f"rook {SURROGAAT}")),
        "categorie": inhoud(categorie=SURROGAAT),
    }[soort]
    bericht = _nieuw(bea, kop)
    pogingen = [
        ("/api/berichten", "POST", verzoek, kop, ""),
        (
            f"/api/berichten/{bericht['id']}",
            "PUT",
            {"versie": 1, "inhoud": verzoek},
            kop,
            "inhoud.",
        ),
    ]
    for url, methode, body, headers, voor in pogingen:
        r = bea.open(url, method=methode, json=body, headers=headers)
        fout = probleem(r, 400)
        assert fout["veld"] == voor + veld
        assert "U+D800" in fout["detail"] and voor + veld in fout["detail"]
    for url, body in [
        ("/opstellen", verzoek),
        (f"/berichten/{bericht['id']}/concept", {"versie": 1, "inhoud": verzoek}),
        ("/api/voorbeeld", verzoek),
    ]:
        fout = probleem(stuur(bea, url, body), 400)
        assert "U+D800" in fout["detail"]
    # Nothing was stored, and the bericht is still what it was.
    assert len(rijen(app, "SELECT id FROM berichten")) == 1
    assert bea.get(f"/api/berichten/{bericht['id']}", headers=kop).get_json()["versie"] == 1


def test_a_lone_surrogate_as_area_name_is_refused_and_the_draft_still_saves(
    bea: FlaskClient,
) -> None:
    geojson = _gebied("")["geometry"]
    fout = probleem(stuur(bea, "/kaart/gebied", {"geojson": geojson, "naam": SURROGAAT}), 400)
    assert fout["veld"] == "naam" and "U+D800" in fout["detail"]
    # Raw JSON with the escape, exactly as a hostile client writes it.
    raw = json.dumps({"geojson": geojson, "naam": "a"}).replace('"a"', '"a\\udfffb"')
    assert "U+DFFF" in probleem(stuur(bea, "/kaart/gebied", raw=raw), 400)["detail"]
    # A good name gives an area the draft can be saved with.
    gebied = stuur(bea, "/kaart/gebied", {"geojson": geojson, "naam": "rook"}).get_json()["gebied"]
    r = stuur(bea, "/opstellen", inhoud(gebied=gebied))
    assert r.status_code == 201
    r = stuur(bea, r.get_json()["concept_url"], {"versie": 1, "inhoud": inhoud(gebied=gebied)})
    assert r.status_code == 200


def test_a_lone_surrogate_in_a_return_reason_is_400(
    app: Flask, bea: FlaskClient, kop: dict[str, str]
) -> None:
    b = _nieuw(bea, kop)
    b = bea.post(f"/api/berichten/{b['id']}/indienen", json={"versie": 1}, headers=kop).get_json()
    r = bea.post(
        f"/api/berichten/{b['id']}/terugsturen",
        json={"versie": b["versie"], "reden": f"fout {SURROGAAT}"},
        headers=kop,
    )
    assert probleem(r, 400)["veld"] == "reden"
    assert bea.get(f"/api/berichten/{b['id']}", headers=kop).get_json()["status"] == "ingediend"


def test_a_nul_in_a_form_or_query_is_400_naming_the_field(
    app: Flask, bea: FlaskClient, kop: dict[str, str]
) -> None:
    b = _nieuw(bea, kop)
    bea.post(f"/api/berichten/{b['id']}/indienen", json={"versie": 1}, headers=kop)
    r = post(bea, f"/berichten/{b['id']}/terugsturen", versie="2", reden="fout\x00hier")
    assert r.status_code == 400 and "reden" in r.get_data(as_text=True)
    assert "U+0000" in r.get_data(as_text=True)
    assert bea.get("/berichten?x=a%00b").status_code == 400
    r = bea.get(f"/api/berichten/{b['id']}", headers=kop)
    assert r.get_json()["status"] == "ingediend"


# --- numbers and areas that can never be used --------------------------------------------


def test_a_radius_of_ten_to_the_400_is_422(bea: FlaskClient) -> None:
    for raw in [
        '{"cirkel": {"lat": 51.68, "lon": 4.61, "radius_km": 1' + "0" * 400 + "}}",
        '{"cirkel": {"lat": 51.68, "lon": 4.61, "radius_km": 1e400}}',
    ]:
        fout = probleem(stuur(bea, "/kaart/gebied", raw=raw), 422)
        assert "straal" in fout["detail"]
    # The same circle stored straight into a draft is refused when it is stored, not later.
    cirkel = {"lat": 51.68, "lon": 4.61, "radius_km": 10**400}
    feature = {
        "type": "Feature",
        "properties": {"beschrijving": "", "bron": "cirkel", "cirkel": cirkel},
        "geometry": {"type": "Point", "coordinates": [4.61, 51.68]},
    }
    assert "straal" in probleem(stuur(bea, "/opstellen", inhoud(gebied=feature)), 422)["detail"]
    assert "straal" in probleem(stuur(bea, "/api/voorbeeld", inhoud(gebied=feature)), 400)["detail"]


@pytest.mark.parametrize(
    ("anders", "woord"),
    [
        ({"categorie": "controlebericht", "velden": {}, "modus": "echt"}, "modus"),
        (
            {"gebied": {"type": "Feature", "properties": {}, "geometry": "junk"}},
            "GeoJSON",
        ),
    ],
)
def test_content_that_can_never_be_sent_is_refused_when_created(
    app: Flask, bea: FlaskClient, kop: dict[str, str], anders: dict[str, Any], woord: str
) -> None:
    fout = probleem(bea.post("/api/berichten", json=inhoud(**anders), headers=kop), 422)
    assert woord in fout["detail"]
    probleem(stuur(bea, "/opstellen", inhoud(**anders)), 422)
    b = _nieuw(bea, kop)
    r = bea.put(
        f"/api/berichten/{b['id']}", json={"versie": 1, "inhoud": inhoud(**anders)}, headers=kop
    )
    probleem(r, 422)
    assert len(rijen(app, "SELECT id FROM berichten")) == 1


def test_a_draft_that_cannot_compose_is_refused_at_submit(
    app: Flask, bea: FlaskClient, kop: dict[str, str]
) -> None:
    # A draft may be incomplete while it is written (the screen autosaves as you type);
    # submitting it is the promise that it is done.
    r = stuur(bea, "/opstellen", inhoud(velden={"link": "crisis.nl"}))
    assert r.status_code == 201
    b = r.get_json()
    r = bea.post(f"/api/berichten/{b['id']}/indienen", json={"versie": 1}, headers=kop)
    assert probleem(r, 422)["veld"] == "velden.plaats"
    r = post(bea, f"/berichten/{b['id']}/indienen", versie="1")
    assert r.status_code == 422 and "plaats" in r.get_data(as_text=True)
    assert [tuple(x) for x in rijen(app, "SELECT status, versie FROM berichten")] == [
        ("concept", 1)
    ]


# --- body limits ---------------------------------------------------------------------------


def _grote_polygoon(octetten: int) -> dict[str, Any]:
    """A valid area near Moerdijk whose JSON is about `octetten` long: a circle of many points."""
    n = octetten // 40
    ring = [
        [4.62 + 0.02 * math.cos(2 * math.pi * i / n), 51.68 + 0.02 * math.sin(2 * math.pi * i / n)]
        for i in range(n)
    ]
    return {"gebied": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}}


@pytest.mark.parametrize("octetten", [1_500_000, 1_990_000, 2_500_000])
def test_a_large_reach_request_is_413_with_a_session_as_with_a_token(
    app: Flask, bea: FlaskClient, kop: dict[str, str], octetten: int
) -> None:
    body = json.dumps(_grote_polygoon(octetten))
    assert len(body) > 1024 * 1024
    probleem(stuur(bea, "/api/bereik", raw=body), 413)
    r = bea.post("/api/bereik", data=body, content_type="application/json", headers=kop)
    probleem(r, 413)
