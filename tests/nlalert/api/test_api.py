"""The HTTP API: token auth, the same four-eyes rules, problem+json for every bad request."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts.gebruikers import Rol
from tests.nlalert.conftest import inhoud, maak_gebruiker, rijen, sim_actief, token


@pytest.fixture
def koppen(app: Flask) -> dict[str, dict[str, str]]:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    maak_gebruiker(app, "bea", Rol.BEHEER)
    return {naam: token(app, naam) for naam in ("anna", "gert", "bea")}


def probleem(r: object) -> dict[str, object]:
    assert r.mimetype == "application/problem+json"  # type: ignore[attr-defined]
    body = r.get_json()  # type: ignore[attr-defined]
    assert isinstance(body, dict) and body["detail"] and "Traceback" not in str(body)
    return body


def test_no_or_bad_token_is_401(client: FlaskClient, koppen: dict[str, dict[str, str]]) -> None:
    for kop in [{}, {"Authorization": "Bearer nla_fout"}, {"Authorization": "Basic eDp5"}]:
        r = client.get("/api/berichten", headers=kop)
        assert r.status_code == 401 and "Bearer" in r.headers["WWW-Authenticate"]
        probleem(r)


def test_session_cookie_does_not_authenticate_the_api(
    app: Flask, client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    from tests.nlalert.conftest import login

    login(client, "anna")
    assert client.get("/api/berichten").status_code == 401


def test_four_eyes_over_the_api(
    app: Flask, client: FlaskClient, koppen: dict[str, dict[str, str]], sim_url: str
) -> None:
    r = client.post("/api/berichten", json=inhoud(), headers=koppen["anna"])
    assert r.status_code == 201
    b = r.get_json()
    assert (b["status"], b["opsteller"], b["update_nummer"]) == ("concept", "anna", 0)
    r = client.post(
        f"/api/berichten/{b['id']}/indienen", json={"versie": 1}, headers=koppen["anna"]
    )
    b = r.get_json()
    assert b["status"] == "ingediend"
    gezien = {"inhoud_hash": b["inhoud_hash"]}
    r = client.post(f"/api/berichten/{b['id']}/goedkeuren", json=gezien, headers=koppen["anna"])
    assert r.status_code == 403
    r = client.post(f"/api/berichten/{b['id']}/verzenden", headers=koppen["anna"])
    assert r.status_code == 409
    r = client.post(f"/api/berichten/{b['id']}/goedkeuren", json=gezien, headers=koppen["gert"])
    assert r.get_json()["goedkeurder"] == "gert"
    r = client.post(f"/api/berichten/{b['id']}/verzenden", headers=koppen["gert"])
    assert r.get_json()["status"] == "verzonden"

    # Update: same message code, next update number; sending it replaces the original.
    r = client.post(f"/api/berichten/{b['id']}/update", headers=koppen["anna"])
    u = r.get_json()
    assert r.status_code == 201
    assert (u["soort"], u["origineel_id"], u["message_code"], u["update_nummer"]) == (
        "update",
        b["id"],
        b["message_code"],
        1,
    )
    client.post(f"/api/berichten/{u['id']}/indienen", json={"versie": 1}, headers=koppen["anna"])
    client.post(
        f"/api/berichten/{u['id']}/goedkeuren",
        json={"inhoud_hash": u["inhoud_hash"]},
        headers=koppen["gert"],
    )
    r = client.post(f"/api/berichten/{u['id']}/verzenden", headers=koppen["anna"])
    verzonden = r.get_json()
    assert verzonden["status"] == "verzonden"
    oud = client.get(f"/api/berichten/{b['id']}", headers=koppen["anna"]).get_json()
    assert oud["status"] == "vervangen" and not oud["in_de_lucht"]
    assert [x["toestand"] for x in oud["uitzendingen"]] == ["gestopt"]
    # The simulator holds exactly the update's broadcast now, by its own account (GET).
    assert sim_actief(sim_url) == {
        (x["message_identifier"], x["serial_number"]["waarde"]) for x in verzonden["uitzendingen"]
    }
    assert verzonden["uitzendingen"][0]["serial_number"]["update_nr"] == 1


def keur_goed_en_verzend(
    client: FlaskClient, koppen: dict[str, dict[str, str]], b: dict[str, Any]
) -> dict[str, Any]:
    """Submit as anna, approve as gert, send as gert; the sent bericht's JSON."""
    b = client.post(
        f"/api/berichten/{b['id']}/indienen", json={"versie": b["versie"]}, headers=koppen["anna"]
    ).get_json()
    client.post(
        f"/api/berichten/{b['id']}/goedkeuren",
        json={"inhoud_hash": b["inhoud_hash"]},
        headers=koppen["gert"],
    )
    r = client.post(f"/api/berichten/{b['id']}/verzenden", headers=koppen["gert"])
    assert r.status_code == 200, r.get_json()
    return dict(r.get_json())


def test_every_approved_language_goes_out_as_its_own_broadcast(
    client: FlaskClient, koppen: dict[str, dict[str, str]], sim_url: str
) -> None:
    talen = ["nl", "en", "de", "fr", "ar", "uk", "pap"]
    b = client.post(
        "/api/berichten", json=inhoud(talen=talen, nederlands="b1"), headers=koppen["anna"]
    ).get_json()
    gepland = b["uitzendingen"]
    assert [x["talen"] for x in gepland] == [["nl", "en"], ["de"], ["fr"], ["ar"], ["uk"], ["pap"]]
    assert "Doe ramen en deuren dicht." in gepland[0]["tekst"]  # the B1 choice is what goes out
    verzonden = keur_goed_en_verzend(client, koppen, b)
    assert verzonden["status"] == "verzonden"
    uit = verzonden["uitzendingen"]
    assert [x["toestand"] for x in uit] == ["actief"] * 6
    assert [x["tekst"] for x in uit] != [] and uit[0]["tekst"].startswith("NL-Alert")
    assert {x["message_identifier"] for x in uit} == {4381, 4394}
    # Each its own serial: phones never drop one as a duplicate of another.
    assert len({(x["message_identifier"], x["serial_number"]["waarde"]) for x in uit}) == 6
    assert sim_actief(sim_url) == {
        (x["message_identifier"], x["serial_number"]["waarde"]) for x in uit
    }


def test_alert_update_all_clear_and_the_next_exercise_goes_out(
    client: FlaskClient, koppen: dict[str, dict[str, str]], sim_url: str
) -> None:
    b = client.post("/api/berichten", json=inhoud(talen=["nl", "en", "de"]), headers=koppen["anna"])
    alert = keur_goed_en_verzend(client, koppen, b.get_json())
    u = client.post(f"/api/berichten/{alert['id']}/update", headers=koppen["anna"]).get_json()
    update = keur_goed_en_verzend(client, koppen, u)
    e = client.post(f"/api/berichten/{update['id']}/einde", headers=koppen["anna"]).get_json()
    assert e["soort"] == "einde" and e["update_nummer"] == 2
    einde = keur_goed_en_verzend(client, koppen, e)
    assert einde["status"] == "verzonden"
    assert all(x["eindigt"] for x in einde["uitzendingen"])  # an all-clear ends by itself
    assert sim_actief(sim_url) == {
        (x["message_identifier"], x["serial_number"]["waarde"]) for x in einde["uitzendingen"]
    }
    volgende = client.post("/api/berichten", json=inhoud(), headers=koppen["anna"]).get_json()
    assert keur_goed_en_verzend(client, koppen, volgende)["status"] == "verzonden"
    # The chain's CAP references name every earlier message, oldest first.
    assert len(einde["cbc_resultaat"]["cap"]["identifier"]) > 0


@pytest.mark.parametrize("route", ["update", "einde", "intrekken"])
def test_a_follow_up_in_another_mode_is_refused_at_creation(
    client: FlaskClient, koppen: dict[str, dict[str, str]], route: str
) -> None:
    b = client.post("/api/berichten", json=inhoud(), headers=koppen["anna"]).get_json()
    alert = keur_goed_en_verzend(client, koppen, b)
    r = client.post(
        f"/api/berichten/{alert['id']}/{route}",
        json=inhoud(modus="echt"),
        headers=koppen["anna"],
    )
    assert r.status_code == 422 and probleem(r)["code"] == "ModusWijktAf"


def test_a_follow_up_of_what_is_not_on_air_is_a_409_naming_what_is(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    b = client.post("/api/berichten", json=inhoud(), headers=koppen["anna"]).get_json()
    alert = keur_goed_en_verzend(client, koppen, b)
    u = client.post(f"/api/berichten/{alert['id']}/update", headers=koppen["anna"]).get_json()
    update = keur_goed_en_verzend(client, koppen, u)
    r = client.post(f"/api/berichten/{alert['id']}/intrekken", headers=koppen["anna"])
    assert r.status_code == 409
    assert f"bericht {update['id']}" in str(probleem(r)["detail"])


def test_beheer_cannot_approve_own_bericht_via_api(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    b = client.post("/api/berichten", json=inhoud(), headers=koppen["bea"]).get_json()
    b = client.post(
        f"/api/berichten/{b['id']}/indienen", json={"versie": 1}, headers=koppen["bea"]
    ).get_json()
    r = client.post(
        f"/api/berichten/{b['id']}/goedkeuren",
        json={"inhoud_hash": b["inhoud_hash"]},
        headers=koppen["bea"],
    )
    assert r.status_code == 403 and probleem(r)["code"] == "EigenGoedkeuringVerboden"


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ([], "body"),
        ({**inhoud(), "categorie": "bestaat-niet"}, "categorie"),
        ({**inhoud(), "modus": "<script>"}, "modus"),
        ({**inhoud(), "velden": {"plaats": 3}}, "velden.plaats"),
        ({**inhoud(), "velden": "Utrecht"}, "velden"),
        ({**inhoud(), "talen": []}, "talen"),
        ({**inhoud(), "gebied": {"type": "Point", "coordinates": [5, 52]}}, "gebied"),
        ({**inhoud(), "origineel_id": True}, "origineel_id"),
        ({**inhoud(), "extra": 1}, "extra"),
        ({k: v for k, v in inhoud().items() if k != "modus"}, "modus"),
    ],
)
def test_malformed_bodies_name_the_field(
    client: FlaskClient, koppen: dict[str, dict[str, str]], body: object, veld: str
) -> None:
    r = client.post("/api/berichten", json=body, headers=koppen["anna"])
    assert r.status_code == 400 and probleem(r)["veld"] == veld


def test_hostile_json_is_400_not_500(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    kop = {**koppen["anna"], "Content-Type": "application/json"}
    for data in ["{", "[" * 100_000 + "]" * 100_000, "null", '"tekst"', "\xff"]:
        r = client.post("/api/berichten", data=data, headers=kop)
        assert r.status_code == 400, data[:10]
        probleem(r)
    r = client.post("/api/berichten", data="x=1", headers=koppen["anna"])
    assert r.status_code == 415 and "Content-Type" in probleem(r)["detail"]  # type: ignore[operator]
    diep = {"type": "Polygon", "coordinates": [[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]}
    r = client.post("/api/berichten", json={**inhoud(), "gebied": diep}, headers=koppen["anna"])
    assert r.status_code == 400


def test_unknown_api_route_and_method_are_problem_json(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    assert probleem(client.get("/api/nergens", headers=koppen["anna"]))["status"] == 404
    r = client.delete("/api/berichten", headers=koppen["anna"])
    assert r.status_code == 405 and "GET" in r.headers["Allow"]
    assert client.get("/api/berichten/42", headers=koppen["anna"]).status_code == 404


def test_training_user_over_api_only_exercises(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "tim", Rol.BEHEER, training=True)
    kop = token(app, "tim")
    r = client.post("/api/berichten", json=inhoud(modus="echt"), headers=kop)
    assert r.status_code == 400 and "oefening" in probleem(r)["detail"]  # type: ignore[operator]
    assert rijen(app, "SELECT count(*) FROM berichten")[0][0] == 0


def test_english_problem_detail_falls_back_to_dutch_without_catalogue(
    client: FlaskClient, koppen: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gettext

    from nlalert import taal

    # The English catalogue exists now; take it away to see the fallback.
    monkeypatch.setattr(taal, "vertalingen", lambda _taal: gettext.NullTranslations())
    r = client.get("/api/berichten/42", headers={**koppen["anna"], "Accept-Language": "en"})
    assert "bestaat niet" in probleem(r)["detail"]  # type: ignore[operator]


def test_a_bare_geometry_is_stored_as_the_feature_the_map_reads(
    app: Flask, client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    ring = [[4.58, 51.68], [4.66, 51.68], [4.66, 51.71], [4.58, 51.71], [4.58, 51.68]]
    r = client.post(
        "/api/berichten",
        json=inhoud(gebied={"type": "Polygon", "coordinates": [ring]}),
        headers=koppen["anna"],
    )
    assert r.status_code == 201, r.get_json()
    gebied = r.get_json()["inhoud"]["gebied"]
    assert gebied["type"] == "Feature" and gebied["geometry"]["type"] == "Polygon"
    # The same area with lat,lon swapped is refused with the reason, and nothing is stored.
    voor = rijen(app, "SELECT count(*) FROM berichten")[0][0]
    omgedraaid = [[lat, lon] for lon, lat in ring]
    r = client.post(
        "/api/berichten",
        json=inhoud(gebied={"type": "Polygon", "coordinates": [omgedraaid]}),
        headers=koppen["anna"],
    )
    assert 400 <= r.status_code < 500 and "lat,lon" in probleem(r)["detail"]
    assert rijen(app, "SELECT count(*) FROM berichten")[0][0] == voor


def test_an_incomplete_concept_is_stored_and_answered_201_not_422(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    """A concept may be incomplete; answering 422 after storing it invites a duplicate retry."""
    r = client.post(
        "/api/berichten", json=inhoud(velden={"plaats": "Utrecht"}), headers=koppen["anna"]
    )
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["status"] == "concept" and body["uitzendingen"] == []
    assert "link" in body["nog_niet_samen_te_stellen"]
    assert client.get(f"/api/berichten/{body['id']}", headers=koppen["anna"]).status_code == 200
    # Submitting it is what is refused, naming the missing field.
    r = client.post(
        f"/api/berichten/{body['id']}/indienen", json={"versie": 1}, headers=koppen["anna"]
    )
    assert r.status_code == 422 and "link" in str(probleem(r))
