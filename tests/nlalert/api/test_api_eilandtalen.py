"""The islands' default languages over the API: a bericht for an area on Bonaire, Sint Eustatius
or Saba that names no languages gets that island's; named languages are kept as given."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts.gebruikers import Rol
from nlalert.api.openapi import document
from nlalert.opstellen import kaart
from tests.nlalert.conftest import inhoud, maak_gebruiker, token

MOERDIJK = {
    "type": "Polygon",
    "coordinates": [[[4.58, 51.68], [4.66, 51.68], [4.66, 51.71], [4.58, 51.71], [4.58, 51.68]]],
}


@pytest.fixture
def anna(app: Flask) -> dict[str, str]:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    return token(app, "anna")


def zonder_talen(**anders: Any) -> dict[str, Any]:
    """A compose request that names no languages."""
    verzoek = inhoud(**anders)
    del verzoek["talen"]
    return verzoek


def eiland(code: str) -> dict[str, Any]:
    """The island's bundled outline, as the compose screen picks it (GM9001-GM9003)."""
    return kaart.kies([code]).feature


def maak(client: FlaskClient, kop: dict[str, str], verzoek: dict[str, Any]) -> dict[str, Any]:
    r = client.post("/api/berichten", json=verzoek, headers=kop)
    assert r.status_code == 201, r.get_json()
    body: dict[str, Any] = r.get_json()
    return body


@pytest.mark.parametrize(
    ("code", "talen"),
    [("GM9001", ["pap", "nl"]), ("GM9003", ["en", "nl"]), ("GM9002", ["en", "nl"])],
    ids=["Bonaire", "Saba", "Sint Eustatius"],
)
def test_an_island_area_without_languages_takes_the_islands(
    client: FlaskClient, anna: dict[str, str], code: str, talen: list[str]
) -> None:
    b = maak(client, anna, zonder_talen(gebied=eiland(code)))
    assert b["inhoud"]["talen"] == talen
    # A broadcast per language: the bericht composes in the island's languages.
    gepland = {taal for u in b["uitzendingen"] for taal in u["talen"]}
    assert gepland == set(talen), b["uitzendingen"]


def test_named_languages_on_bonaire_are_kept(client: FlaskClient, anna: dict[str, str]) -> None:
    b = maak(client, anna, inhoud(gebied=eiland("GM9001"), talen=["nl", "en"]))
    assert b["inhoud"]["talen"] == ["nl", "en"]


def test_a_mainland_area_without_languages_keeps_dutch_and_english(
    client: FlaskClient, anna: dict[str, str]
) -> None:
    assert maak(client, anna, zonder_talen(gebied=MOERDIJK))["inhoud"]["talen"] == ["nl", "en"]
    assert maak(client, anna, zonder_talen())["inhoud"]["talen"] == ["nl", "en"]  # no area yet


def test_replacing_a_concept_without_languages_takes_the_islands(
    client: FlaskClient, anna: dict[str, str]
) -> None:
    b = maak(client, anna, inhoud(gebied=MOERDIJK, talen=["nl", "en", "de"]))
    r = client.put(
        f"/api/berichten/{b['id']}",
        json={"versie": b["versie"], "inhoud": zonder_talen(gebied=eiland("GM9003"))},
        headers=anna,
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["inhoud"]["talen"] == ["en", "nl"]


def test_the_openapi_description_states_the_island_default() -> None:
    talen = document()["components"]["schemas"]["Opstelverzoek"]["properties"]["talen"]
    assert talen["default"] == ["nl", "en"]
    assert "Bonaire: pap, nl" in talen["description"]
    assert "Saba: en, nl" in talen["description"]
