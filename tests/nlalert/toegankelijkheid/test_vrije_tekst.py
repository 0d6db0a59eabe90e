"""The reviewers' translation memory: free values per language, and a translation added once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts.gebruikers import Rol
from tests.nlalert.conftest import inhoud, login, maak_gebruiker, post, rijen
from tests.nlalert.opstellen.test_opstellen import stuur

URL = "/toegankelijkheid/vrije-tekst"


def _stoffen(stof: str) -> dict[str, Any]:
    return inhoud(
        categorie="gevaarlijke-stoffen",
        velden={"plaats": "Moerdijk", "link": "crisis.nl", "stof": stof},
        talen=["nl", "de", "fr"],
    )


@pytest.fixture
def team(app: Flask) -> Flask:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "ria", Rol.REVIEWER)
    return app


def _als(client: FlaskClient, naam: str) -> FlaskClient:
    post(client, "/logout")
    login(client, naam)
    return client


def _concept(client: FlaskClient, stof: str) -> dict[str, Any]:
    r = stuur(_als(client, "anna"), "/opstellen", _stoffen(stof))
    assert r.status_code == 201, r.get_json()
    return dict(r.get_json())


def _sectie(pagina: str, taal: str) -> str:
    begin = pagina.find(f'data-taal="{taal}"')
    if begin < 0:
        return ""
    einde = pagina.find("</section>", begin)
    return pagina[begin:einde]


def test_the_review_screen_lists_free_values_per_language(team: Flask, client: FlaskClient) -> None:
    eerste = _concept(client, "fosgeen")
    tweede = _concept(client, "Fosgeen")
    _concept(client, "chloor")  # from the list: translated, not listed
    pagina = _als(client, "ria").get(URL).get_data(as_text=True)
    for taal in ("de", "fr"):
        sectie = _sectie(pagina, taal)
        assert 'data-waarde="fosgeen"' in sectie.lower()  # the newest spelling is shown
        assert f"#{eerste['id']}" in sectie and f"#{tweede['id']}" in sectie
        assert "chloor" not in sectie
    assert _sectie(pagina, "nl") == ""


def test_a_reviewer_adds_a_translation_and_the_next_message_uses_it(
    team: Flask, client: FlaskClient
) -> None:
    oud = _concept(client, "fosgeen")
    _als(client, "ria")
    r = post(
        client,
        "/toegankelijkheid/woordenschat",
        veld="stof",
        taal="de",
        waarde="fosgeen",
        vertaling="Phosgen",
    )
    assert r.status_code == 302
    audit = rijen(team, "SELECT gebruiker, details FROM audit WHERE actie = 'woord_toegevoegd'")
    assert [(a["gebruiker"], "Phosgen" not in a["details"]) for a in audit] == [("ria", True)]
    pagina = client.get(URL).get_data(as_text=True)
    assert "fosgeen" not in _sectie(pagina, "de") and "fosgeen" in _sectie(pagina, "fr")

    # The next compose uses it; German is no longer flagged, French still is.
    _als(client, "anna")
    data = stuur(client, "/api/voorbeeld", _stoffen("Fosgeen")).get_json()
    tekst = {t["taal"]: t["varianten"]["standaard"]["tekst"] for t in data["talen"]}
    assert "Es handelt sich um Phosgen." in tekst["de"]
    vlag = [w["tekst"] for w in data["waarschuwingen"] if w["code"] == "niet-vertaald"]
    assert vlag == ["'Fosgeen' is niet vertaald in: fr"]
    nieuw = _concept(client, "fosgeen")
    opgeslagen = {
        r["id"]: json.loads(r["inhoud"]) for r in rijen(team, "SELECT id, inhoud FROM berichten")
    }
    assert opgeslagen[nieuw["id"]]["woorden"] == [["stof", "de", "fosgeen", "Phosgen"]]
    # A bericht saved before keeps what its author (and any approver) saw: its hash holds.
    assert "woorden" not in opgeslagen[oud["id"]]


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"veld": "plaats", "taal": "de", "waarde": "x", "vertaling": "y"}, "kies uit: stof"),
        ({"veld": "stof", "taal": "nl", "waarde": "x", "vertaling": "y"}, "kies uit: en"),
        ({"veld": "stof", "taal": "de", "waarde": "x", "vertaling": ""}, "vul een woord in"),
        ({"veld": "stof", "taal": "de", "waarde": "x", "vertaling": "y %(z)s"}, "procentteken"),
        (
            {"veld": "stof", "taal": "de", "waarde": "chloor", "vertaling": "Chlorgas"},
            "staat al in de lijst",
        ),
    ],
)
def test_bad_input_is_a_400_with_one_line(
    team: Flask, client: FlaskClient, data: dict[str, str], fout: str
) -> None:
    _als(client, "ria")
    r = post(client, "/toegankelijkheid/woordenschat", **data)
    assert r.status_code == 400
    assert fout in r.get_data(as_text=True)
    assert rijen(team, "SELECT * FROM woordenschat") == []


def test_only_a_reviewer_may_add_a_translation(team: Flask, client: FlaskClient) -> None:
    _als(client, "anna")
    r = post(
        client,
        "/toegankelijkheid/woordenschat",
        veld="stof",
        taal="de",
        waarde="fosgeen",
        vertaling="Phosgen",
    )
    assert r.status_code == 403
    assert rijen(team, "SELECT * FROM woordenschat") == []
    assert rijen(team, "SELECT * FROM audit WHERE actie = 'woord_toegevoegd'") == []


def test_a_reviewer_in_training_cannot_add_a_translation(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "tim", Rol.REVIEWER, training=True)
    login(client, "tim")
    r = post(
        client,
        "/toegankelijkheid/woordenschat",
        veld="stof",
        taal="de",
        waarde="fosgeen",
        vertaling="Phosgen",
    )
    assert r.status_code == 403
    assert "trainingsmodus" in r.get_data(as_text=True)
    assert rijen(app, "SELECT * FROM woordenschat") == []
