"""The reach API with the real model: the border part and an island area answer as JSON."""

from __future__ import annotations

from pathlib import Path

from sim import Simulator
from tests.sim.service.dienst import maak_app

REACH = "/api/v1/reach"


def test_the_reach_answer_names_the_municipalities_across_the_border(
    tmp_path: Path, simulator: Simulator
) -> None:
    client = maak_app(tmp_path, SIMULATOR=simulator).test_client()
    kerkrade = {"circle": {"lat": 50.866, "lon": 6.06, "radius_km": 3}}
    antwoord = client.post(REACH, json={"area": kerkrade})
    assert antwoord.status_code == 200
    data = antwoord.get_json()
    assert data["gemist"]["buitenlandse_cel"] > 0
    assert data["buitenland"]["per_land"]["DE"] > 0
    assert "Herzogenrath" in [g["naam"] for g in data["buitenland"]["gemeenten"]]


def test_an_island_area_is_estimated_and_one_at_sea_refused(
    tmp_path: Path, simulator: Simulator
) -> None:
    client = maak_app(tmp_path, SIMULATOR=simulator).test_client()
    saba = {"circle": {"lat": 17.63, "lon": -63.24, "radius_km": 1}}
    antwoord = client.post(REACH, json={"area": saba})
    assert antwoord.status_code == 200
    data = antwoord.get_json()
    assert data["per_gemeente"][0]["gemeentenaam"] == "Saba"
    assert data["tijdstip"].endswith("-04:00")
    zee = client.post(REACH, json={"area": {"circle": {"lat": 14.0, "lon": -66.0, "radius_km": 1}}})
    assert zee.status_code in (400, 422)
    assert "op zee" in zee.get_json()["detail"]
