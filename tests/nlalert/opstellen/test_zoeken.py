"""Finding a place by name: accents and case folded, prefixes of the name and of its words,
common names that are not the CBS name, and closest names when nothing matches."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from nlalert.accounts.gebruikers import Rol
from nlalert.fouten import OngeldigeInvoer
from nlalert.opstellen import kaart, zoeken
from tests.nlalert.conftest import login, maak_gebruiker


def namen(q: str) -> list[str]:
    return [p.naam for p in zoeken.zoek(q).plaatsen]


@pytest.mark.parametrize(
    ("q", "naam"),
    [
        ("sud", "Súdwest-Fryslân"),  # accent folded
        ("SÚDWEST", "Súdwest-Fryslân"),  # case folded, accent typed
        ("noardeast fryslan", "Noardeast-Fryslân"),  # hyphen typed as a space
        ("moerd", "Moerdijk"),
        ("s-herto", "'s-Hertogenbosch"),  # the apostrophe left out
        ("gravenhage", "'s-Gravenhage"),  # a word inside the name
        ("volendam", "Edam-Volendam"),
        ("hengelo", "Hengelo (O.)"),
        ("nederwetten", "Nuenen, Gerwen en Nederwetten"),
    ],
)
def test_a_prefix_of_the_name_or_of_a_word_in_it_finds_the_gemeente(q: str, naam: str) -> None:
    assert naam in namen(q)


def test_the_start_of_the_name_ranks_before_a_word_inside_it() -> None:
    gevonden = namen("den")
    assert gevonden[0] == "Den Helder"
    assert "Alphen aan den Rijn" in gevonden
    # "Leiden" is not found by "den": matching is on word starts, not anywhere.
    assert "Leiden" not in gevonden


@pytest.mark.parametrize(
    ("q", "naam"),
    [
        ("Den Haag", "'s-Gravenhage"),
        ("den h", "'s-Gravenhage"),
        ("the hague", "'s-Gravenhage"),
        ("Den Bosch", "'s-Hertogenbosch"),
        ("zuidwest", "Súdwest-Fryslân"),
    ],
)
def test_common_names_find_the_cbs_gemeente_and_say_which_alias_matched(q: str, naam: str) -> None:
    plaats = next(p for p in zoeken.zoek(q).plaatsen if p.naam == naam)
    assert plaats.via is not None and zoeken.zoekvorm(plaats.via).startswith(zoeken.zoekvorm(q))


def test_every_alias_points_at_a_bundled_gemeente() -> None:
    bekend = {f["properties"]["gemeentenaam"] for f in kaart.grenzen()["gemeenten"]["features"]}
    assert set(zoeken.ALIASSEN.values()) <= bekend


def test_a_result_carries_what_the_map_needs() -> None:
    (moerdijk,) = zoeken.zoek("Moerdijk").plaatsen
    assert moerdijk.code == "GM1709" and moerdijk.soort == "gemeente"
    assert moerdijk.regio == "Midden- en West-Brabant" and (moerdijk.inwoners or 0) > 30_000
    lon0, lat0, lon1, lat1 = moerdijk.vak
    assert 4.3 < lon0 < 4.62 < lon1 < 4.8 and 51.5 < lat0 < 51.685 < lat1 < 51.8


def test_an_unknown_name_gives_the_closest_names() -> None:
    uitkomst = zoeken.zoek("Moerdjik")
    assert uitkomst.plaatsen == ()
    assert uitkomst.suggesties[0] == "Moerdijk"
    assert "Amsterdam" in zoeken.zoek("Amsterdm").suggesties
    assert zoeken.zoek("qqqqzzzz").suggesties == ()


@pytest.mark.parametrize(
    "q", ["", "   ", "---", "x" * 10_000, "Moer\ud800dijk", "Moer\x00dijk", None, 5]
)
def test_hostile_queries_are_refused_as_invalid_input(q: object) -> None:
    with pytest.raises(OngeldigeInvoer):
        zoeken.zoek(q)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_either_answers_or_is_refused_as_invalid_input(q: str) -> None:
    try:
        uitkomst = zoeken.zoek(q)
    except OngeldigeInvoer:
        return
    assert len(uitkomst.plaatsen) <= zoeken.MAX_RESULTATEN


# ---- the endpoint --------------------------------------------------------------------------


@pytest.fixture
def anna(app: Flask, client: FlaskClient) -> FlaskClient:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    login(client, "anna")
    return client


def test_the_endpoint_answers_places_as_json(anna: FlaskClient) -> None:
    r = anna.get("/kaart/zoek", query_string={"q": "den h"})
    assert r.status_code == 200
    body = r.get_json()
    assert [p["naam"] for p in body["plaatsen"]] == ["Den Helder", "'s-Gravenhage"]
    assert body["plaatsen"][1]["via"] == "Den Haag"
    assert body["plaatsen"][1]["code"] == "GM0518" and len(body["plaatsen"][1]["vak"]) == 4
    assert "melding" not in body


def test_the_endpoint_answers_an_unknown_name_with_a_message_and_suggestions(
    anna: FlaskClient,
) -> None:
    r = anna.get("/kaart/zoek", query_string={"q": "Moerdjik"})
    assert r.status_code == 200
    body = r.get_json()
    assert body["plaatsen"] == [] and body["suggesties"][0] == "Moerdijk"
    assert body["melding"] == "Geen gemeente gevonden voor 'Moerdjik'."


@pytest.mark.parametrize(
    "query",
    ["", "q=", "q=%20%20", "q=" + "x" * 10_000, "q=%ED%A0%80", "q=%00", "q=%FF%FE", "q=a&q=b"],
)
def test_the_endpoint_answers_hostile_queries_without_a_500(anna: FlaskClient, query: str) -> None:
    r = anna.get("/kaart/zoek?" + query)
    assert r.status_code in (200, 400, 422), r.status_code
    # NUL and lone surrogates are refused app-wide (nlalert.http.invoer) before the view runs.
    if r.status_code != 200 and r.is_json:
        assert r.mimetype == "application/problem+json" and r.get_json()["detail"]


def test_the_endpoint_refuses_an_overlong_query_with_the_reason(anna: FlaskClient) -> None:
    r = anna.get("/kaart/zoek", query_string={"q": "x" * 10_000})
    assert r.status_code == 400
    assert r.get_json()["veld"] == "q" and "100" in r.get_json()["detail"]


def test_the_endpoint_needs_a_login(client: FlaskClient) -> None:
    r = client.get("/kaart/zoek", query_string={"q": "Moerdijk"})
    assert r.status_code in (302, 401)
