"""The simulator service: osmo-cbc status codes, persistence across a restart, exercises apart,
and never a 500 for malformed input. The reach core is a small stand-in here; the contract tests
in tests/contract use the real one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.service import create_app
from tests.sim.service.dienst import (
    ECBE,
    PNG,
    UTRECHT,
    NepSimulator,
    bericht,
    gsm7_pagina,
    maak_app,
)


def test_post_answers_201_created_and_stores_the_decoded_broadcast(client: FlaskClient) -> None:
    antwoord = client.post(ECBE, json=bericht())
    assert antwoord.status_code == 201
    assert antwoord.mimetype == "text/plain"
    assert antwoord.get_data(as_text=True) == "Created"
    locatie = antwoord.headers["Location"]

    detail = client.get(locatie).get_json()
    assert detail["status"] == "actief"
    assert detail["tekst"] == "Brand in Utrecht"
    assert detail["message_id"] == 4370
    assert detail["serial"] == {"geo_scope": "plmn_wide", "msg_code": 5, "update_nr": 0} | {
        "encoded": (1 << 14) | (5 << 4)
    }
    assert detail["dcs"] == 5
    assert detail["taal"] == "nl"
    assert detail["pages"] == [gsm7_pagina("Brand in Utrecht")]
    assert detail["oefening"] is False
    assert detail["ontvangen"].endswith(("+01:00", "+02:00"))
    assert detail["bereik"] == {"bereikte_personen": 1234, "gemodelleerd": True}
    assert client.get("/api/v1/broadcasts/4370").get_json()["id"] == detail["id"]


def test_duplicate_active_id_is_409_and_free_again_after_delete(client: FlaskClient) -> None:
    assert client.post(ECBE, json=bericht()).status_code == 201
    dubbel = client.post(ECBE, json=bericht())
    assert dubbel.status_code == 409
    assert "al actief" in dubbel.get_data(as_text=True)

    gestopt = client.delete(f"{ECBE}/4370")
    assert (gestopt.status_code, gestopt.get_data(as_text=True)) == (200, "OK")
    assert client.get("/api/v1/broadcasts/4370").get_json()["status"] == "gestopt"
    assert client.delete(f"{ECBE}/4370").status_code == 404

    assert client.post(ECBE, json=bericht()).status_code == 201
    lijst = client.get("/api/v1/broadcasts").get_json()["broadcasts"]
    assert [b["status"] for b in lijst] == ["actief", "gestopt"]


@pytest.mark.parametrize("pad", ["abc", "-1", "65536", "4370x"])
def test_delete_with_a_bad_id_is_400(client: FlaskClient, pad: str) -> None:
    assert client.delete(f"{ECBE}/{pad}").status_code == 400


def test_delete_unknown_is_404(client: FlaskClient) -> None:
    assert client.delete(f"{ECBE}/1234").status_code == 404


ENCODED = "smscb_message.payload.payload_encoded"


def aangepast(pad: str, waarde: Any) -> dict[str, Any]:
    data = bericht()
    *ouders, laatste = pad.split(".")
    doel = data
    for sleutel in ouders:
        doel = doel[sleutel]
    doel[laatste] = waarde
    return data


@pytest.mark.parametrize(
    ("data", "in_reden"),
    [
        (aangepast(f"{ENCODED}.pages", [gsm7_pagina("x")] * 16), "niet 16"),
        (aangepast(f"{ENCODED}.pages", ["00" * 83]), "langer dan 82 octets"),
        (aangepast(f"{ENCODED}.dcs", 0x44), "onbekende DCS 0x44"),
        (
            aangepast("area", {"circle": {"lat": 52.1, "lon": 5.1, "radius_km": -2}}),
            "straal van de cirkel is negatief",
        ),
        (aangepast("area", {"type": "Point", "coordinates": [5, 52]}), "polygoon"),
        (
            aangepast("area", {"type": "Polygon", "coordinates": [[[52, 5], [52, 6], [53, 5]]]}),
            "buiten",
        ),
        (aangepast("repetition_period", 0), "repetition_period"),
    ],
)
def test_bad_input_is_400_with_a_plain_text_reason(
    client: FlaskClient, data: Any, in_reden: str
) -> None:
    antwoord = client.post(ECBE, json=data)
    assert antwoord.status_code == 400
    assert antwoord.mimetype == "text/plain"
    assert in_reden in antwoord.get_data(as_text=True)
    assert client.get("/api/v1/broadcasts").get_json()["broadcasts"] == []


@pytest.mark.parametrize(
    "body", [b"", b"{", b"[1, 2]", b"null", b"\xff\xfe", b'{"a": NaN}', b"[" * 100_000]
)
def test_body_that_is_not_a_json_object_is_400(client: FlaskClient, body: bytes) -> None:
    antwoord = client.post(ECBE, data=body, content_type="application/json")
    assert antwoord.status_code == 400
    assert antwoord.get_data(as_text=True)


def test_json_without_the_json_content_type_is_400_as_at_osmo_cbc(client: FlaskClient) -> None:
    antwoord = client.post(ECBE, data=json.dumps(bericht()), content_type="text/plain")
    assert antwoord.status_code == 400
    assert "Content-Type" in antwoord.get_data(as_text=True)


def test_broadcasts_survive_a_restart_with_the_same_data_dir(tmp_path: Path) -> None:
    eerste = maak_app(tmp_path).test_client()
    assert eerste.post(ECBE, json=bericht()).status_code == 201
    assert eerste.post(ECBE, json=bericht(4381)).status_code == 201

    tweede = maak_app(tmp_path).test_client()
    lijst = tweede.get("/api/v1/broadcasts").get_json()["broadcasts"]
    assert sorted(b["message_id"] for b in lijst) == [4370, 4381]
    assert tweede.get("/api/v1/broadcasts/4370").get_json()["tekst"] == "Brand in Utrecht"
    assert tweede.post(ECBE, json=bericht()).status_code == 409  # still active after restart
    assert tweede.get("/api/v1/broadcasts/4370/kaart.png").data == PNG


def test_data_dir_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIM_DATA_DIR", str(tmp_path / "elders"))
    client = create_app({"SIMULATOR": NepSimulator()}).test_client()
    assert client.post(ECBE, json=bericht()).status_code == 201
    assert (tmp_path / "elders" / "sim.sqlite3").is_file()


@pytest.mark.parametrize("message_id", [4380, 4381, 4393, 4394])
def test_exercises_are_kept_apart(client: FlaskClient, message_id: int) -> None:
    assert client.post(ECBE, json=bericht()).status_code == 201
    assert client.post(ECBE, json=bericht(message_id)).status_code == 201

    oefeningen = client.get("/api/v1/broadcasts?soort=oefening").get_json()["broadcasts"]
    echt = client.get("/api/v1/broadcasts?soort=echt").get_json()["broadcasts"]
    assert [(b["message_id"], b["oefening"]) for b in oefeningen] == [(message_id, True)]
    assert [(b["message_id"], b["oefening"]) for b in echt] == [(4370, False)]
    assert oefeningen[0]["id"].startswith("oefening-")
    assert len(client.get("/api/v1/broadcasts").get_json()["broadcasts"]) == 2


def test_unknown_soort_is_a_problem(client: FlaskClient) -> None:
    antwoord = client.get("/api/v1/broadcasts?soort=alles")
    assert antwoord.status_code == 400
    assert antwoord.mimetype == "application/problem+json"
    assert set(antwoord.get_json()) == {"title", "detail", "status"}


def test_unknown_broadcast_is_404_problem(client: FlaskClient) -> None:
    for pad in ("/api/v1/broadcasts/echt-99", "/api/v1/broadcasts/x", "/api/v1/broadcasts/9"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 404
        assert antwoord.get_json()["status"] == 404


def test_map_of_a_broadcast(client: FlaskClient) -> None:
    locatie = client.post(ECBE, json=bericht()).headers["Location"]
    antwoord = client.get(f"{locatie}/kaart.png")
    assert (antwoord.status_code, antwoord.mimetype, antwoord.data) == (200, "image/png", PNG)


def test_no_map_without_an_area(client: FlaskClient) -> None:
    data = bericht()
    del data["area"]
    locatie = client.post(ECBE, json=data).headers["Location"]
    assert client.get(f"{locatie}/kaart.png").status_code == 404
    detail = client.get(locatie).get_json()
    assert detail["bereik"] is None
    assert any("scope_plmn" in w for w in detail["waarschuwingen"])


def test_reach_preview_does_not_broadcast(client: FlaskClient) -> None:
    antwoord = client.post("/api/v1/reach", json={"area": UTRECHT})
    assert antwoord.status_code == 200
    assert antwoord.get_json() == {"bereikte_personen": 1234, "gemodelleerd": True}
    cirkel = {"circle": {"lat": 52.09, "lon": 5.12, "radius_km": 3}}
    assert client.post("/api/v1/reach", json=cirkel).status_code == 200
    png = client.post("/api/v1/reach?format=png", json={"area": UTRECHT})
    assert (png.mimetype, png.data) == ("image/png", PNG)
    assert client.get("/api/v1/broadcasts").get_json()["broadcasts"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"area": {"type": "Polygon", "coordinates": [[[52, 5], [52, 6], [53, 5], [52, 5]]]}},
        {"area": {"circle": {"lat": 52, "lon": 5, "radius_km": -1}}},
        {"area": "Utrecht"},
        {},
        [],
    ],
)
def test_reach_with_a_bad_area_is_400_problem(client: FlaskClient, body: Any) -> None:
    antwoord = client.post("/api/v1/reach", json=body)
    assert antwoord.status_code == 400
    assert antwoord.mimetype == "application/problem+json"
    assert antwoord.get_json()["detail"]


def test_routing_errors_follow_the_style_of_the_path(client: FlaskClient) -> None:
    ecbe = client.put(ECBE)
    assert (ecbe.status_code, ecbe.mimetype) == (405, "text/plain")
    api = client.get("/api/v1/onbekend")
    assert (api.status_code, api.mimetype) == (404, "application/problem+json")


def test_huge_body_is_refused_without_500(client: FlaskClient) -> None:
    antwoord = client.post(ECBE, data=b" " * 2_000_000, content_type="application/json")
    assert antwoord.status_code == 413


json_waarden = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(codec="utf-8")),
    lambda kinderen: (
        st.lists(kinderen, max_size=4) | st.dictionaries(st.text(max_size=12), kinderen, max_size=4)
    ),
    max_leaves=12,
)
VELDEN = [
    "cbe_name",
    "category",
    "repetition_period",
    "scope",
    "area",
    "smscb_message.message_id",
    "smscb_message.serial_nr",
    "smscb_message.payload",
    f"{ENCODED}.dcs",
    f"{ENCODED}.pages",
]
GEEN_FIXTURE_CHECK = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60, deadline=None
)


@GEEN_FIXTURE_CHECK
@given(json_waarden)
def test_garbage_json_never_gets_a_500(client: FlaskClient, data: Any) -> None:
    for pad in (ECBE, "/api/v1/reach"):
        assert client.post(pad, json=data).status_code < 500


@GEEN_FIXTURE_CHECK
@given(st.sampled_from(VELDEN), json_waarden)
def test_garbage_in_any_field_never_gets_a_500(client: FlaskClient, veld: str, waarde: Any) -> None:
    data = aangepast(veld, waarde)
    data["smscb_message"]["message_id"] = 1000  # keep the store from filling with 409s
    antwoord = client.post(ECBE, json=data)
    assert antwoord.status_code < 500
    if antwoord.status_code == 201:
        assert client.delete(f"{ECBE}/1000").status_code == 200


@GEEN_FIXTURE_CHECK
@given(st.binary(max_size=200))
def test_garbage_bytes_never_get_a_500(client: FlaskClient, body: bytes) -> None:
    for pad in (ECBE, "/api/v1/reach"):
        assert client.post(pad, data=body, content_type="application/json").status_code < 500


@GEEN_FIXTURE_CHECK
@given(st.text(max_size=20))
def test_garbage_paths_never_get_a_500(client: FlaskClient, pad: str) -> None:
    pad = pad.replace("?", "").replace("#", "")
    assert client.delete(f"{ECBE}/{pad}").status_code < 500
    assert client.get(f"/api/v1/broadcasts/{pad}").status_code < 500


def test_the_request_of_a_stored_broadcast_is_kept_across_a_restart(tmp_path: Path) -> None:
    verzonden = bericht(category="background", repetition_period=7, num_of_bcast=0, alert="a-1")
    locatie = maak_app(tmp_path).test_client().post(ECBE, json=verzonden).headers["Location"]

    na_herstart = maak_app(tmp_path).test_client()
    detail = na_herstart.get(locatie).get_json()
    assert detail["area"] == UTRECHT
    assert detail["alert"] == "a-1"
    assert detail["pages"] == verzonden["smscb_message"]["payload"]["payload_encoded"]["pages"]
    [bewaard] = na_herstart.get(f"{ECBE}/4370").get_json()["messages"]
    assert (bewaard["category"], bewaard["repetition_period"], bewaard["num_of_bcast"]) == (
        "background",
        7,
        0,
    )
    assert bewaard["serial_nr"]["serial_nr_decoded"] == {
        "geo_scope": "plmn_wide",
        "msg_code": 5,
        "update_nr": 0,
    }


@pytest.mark.parametrize(
    "pad", ["echt-\u00b2", "oefening-99999999999999999999999", "echt--1", "echt-\u0661"]
)
def test_odd_broadcast_ids_are_404_never_500(client: FlaskClient, pad: str) -> None:
    for url in (f"/api/v1/broadcasts/{pad}", f"/api/v1/broadcasts/{pad}/kaart.png"):
        assert client.get(url).status_code == 404, url
