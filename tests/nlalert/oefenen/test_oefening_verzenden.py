"""A bericht composed inside an exercise: bound to it, exercise mode, the normal four-eyes flow,
and never a request to a real CBC, even with one configured. Also the API's refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from pytest_httpserver import HTTPServer

from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from tests.contract.test_crash import vrije_poort
from tests.nlalert.conftest import inhoud, login, maak_gebruiker, rijen, sim_actief, token
from tests.nlalert.oefenen.conftest import GOED

MOERDIJK = "moerdijk-chemische-brand"


@pytest.fixture
def echte_cbc_app(tmp_path: Path, sim_url: str, httpserver: HTTPServer) -> Flask:
    """The app with a "real CBC" configured: a server that logs every request it gets."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-sleutel",
            "DATABASE": str(tmp_path / "echt.sqlite"),
            "SIM_URL": sim_url,
            "CBC_URL": httpserver.url_for("/"),
            "CBC_PROFIEL": "nlalert-sim",
            "CBC_RETRIES": 0,
        },
        instance_path=tmp_path,
    )
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "bob", Rol.GOEDKEURDER)
    maak_gebruiker(app, "tess", Rol.BEHEER)
    return app


TEAM = {"naam": "Rood", "opsteller": "anna", "goedkeurder": "bob"}


def test_exercise_bericht_goes_through_four_eyes_to_the_simulator_never_the_real_cbc(
    echte_cbc_app: Flask, sim_url: str, httpserver: HTTPServer
) -> None:
    app, c = echte_cbc_app, echte_cbc_app.test_client()
    anna, bob, tess = (token(app, n) for n in ("anna", "bob", "tess"))
    r = c.post("/api/oefeningen", json={"scenario": MOERDIJK, "teams": [TEAM]}, headers=tess)
    assert r.status_code == 201, r.get_json()
    oefening_id = r.get_json()["id"]
    assert r.get_json()["toestand"] == "loopt"
    assert [i["nummer"] for i in r.get_json()["injects"]] == [1]  # minute 0 is out at once

    # The drafter asks for a real alert: inside the exercise it is one of the exercise.
    r = c.post("/api/berichten", json=inhoud(modus="echt"), headers=anna)
    assert r.status_code == 201, r.get_json()
    b = r.get_json()
    assert b["inhoud"]["modus"] == "oefening" and b["training"] is True
    bid = b["id"]
    assert rijen(app, "SELECT oefening_id FROM berichten WHERE id = ?", bid)[0][0] == oefening_id
    # Editing it back to a real alert is forced back to exercise mode too.
    r = c.put(
        f"/api/berichten/{bid}", json={"versie": 1, "inhoud": inhoud(modus="echt")}, headers=anna
    )
    assert r.status_code == 200 and r.get_json()["inhoud"]["modus"] == "oefening"

    assert (
        c.post(f"/api/berichten/{bid}/indienen", json={"versie": 2}, headers=anna).status_code
        == 200
    )
    h = c.get(f"/api/berichten/{bid}", headers=bob).get_json()["inhoud_hash"]
    # Four eyes hold inside an exercise: the drafter cannot approve.
    assert (
        c.post(
            f"/api/berichten/{bid}/goedkeuren", json={"inhoud_hash": h}, headers=anna
        ).status_code
        == 403
    )
    assert (
        c.post(f"/api/berichten/{bid}/goedkeuren", json={"inhoud_hash": h}, headers=bob).status_code
        == 200
    )
    r = c.post(f"/api/berichten/{bid}/verzenden", headers=bob)
    assert r.status_code == 200 and r.get_json()["status"] == "verzonden", r.get_json()

    assert httpserver.log == []  # not one request reached the real CBC
    assert {m for m, _s in sim_actief(sim_url)} == {4381}  # the exercise channel, in the simulator
    cbcs = {u[0] for u in rijen(app, "SELECT cbc FROM uitzendingen WHERE bericht_id = ?", bid)}
    assert cbcs and not any(httpserver.url_for("/").rstrip("/") in u for u in cbcs)
    # A follow-up stays in the exercise.
    r = c.post(f"/api/berichten/{bid}/update", headers=anna)
    assert r.status_code == 201, r.get_json()
    vervolg = r.get_json()["id"]
    detail = c.get(f"/api/oefeningen/{oefening_id}", headers=tess).get_json()
    assert detail["berichten"] == [bid, vervolg]

    # Once the exercise is over, what anna writes is hers again, in the mode she asks.
    assert c.post(f"/api/oefeningen/{oefening_id}/beeindig", headers=tess).status_code == 200
    r = c.post("/api/berichten", json=inhoud(modus="echt"), headers=anna)
    assert r.get_json()["inhoud"]["modus"] == "echt" and r.get_json()["training"] is False
    assert (
        rijen(app, "SELECT oefening_id FROM berichten WHERE id = ?", r.get_json()["id"])[0][0]
        is None
    )


def _probleem(r: object) -> str:
    return str(r.get_json()["detail"])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("body", "status", "woord"),
    [
        ({"scenario": "nergens", "teams": [TEAM]}, 404, "nergens"),
        ({"scenario": MOERDIJK, "teams": []}, 400, "teams"),
        ({"scenario": MOERDIJK, "teams": [{"naam": "X", "opsteller": "anna"}]}, 400, "goedkeurder"),
        ({"scenario": MOERDIJK, "teams": [{**TEAM, "goedkeurder": "zoe"}]}, 422, "zoe"),
        (
            {
                "scenario_toml": GOED.replace("VR18", "VR99"),
                "bestand": "eigen.toml",
                "teams": [TEAM],
            },
            422,
            "eigen.toml, regel 2",
        ),
        ({"scenario_toml": "titel = ", "teams": [TEAM]}, 422, "scenario.toml: geen geldige TOML"),
        ({"scenario": MOERDIJK, "teams": [TEAM], "start": "ja"}, 400, "start"),
    ],
)
def test_bad_exercise_requests_are_refused_with_one_line(
    echte_cbc_app: Flask, body: dict[str, object], status: int, woord: str
) -> None:
    r = echte_cbc_app.test_client().post(
        "/api/oefeningen", json=body, headers=token(echte_cbc_app, "tess")
    )
    assert r.status_code == status, r.get_json()
    assert woord in _probleem(r)


def test_an_uploaded_scenario_runs_and_only_a_trainer_may_create(echte_cbc_app: Flask) -> None:
    c = echte_cbc_app.test_client()
    upload = {
        "scenario_toml": GOED.replace('bijlagen = ["kaart.txt"]\n', ""),
        "bestand": "eigen.toml",
    }
    r = c.post(
        "/api/oefeningen", json={**upload, "teams": [TEAM]}, headers=token(echte_cbc_app, "anna")
    )
    assert r.status_code == 403
    r = c.post(
        "/api/oefeningen",
        json={**upload, "teams": [TEAM], "start": False},
        headers=token(echte_cbc_app, "tess"),
    )
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["titel"] == "Oefenbrand Dordrecht" and r.get_json()["toestand"] == "klaar"
    oid = r.get_json()["id"]
    assert (
        c.post(f"/api/oefeningen/{oid}/hervat", headers=token(echte_cbc_app, "tess")).status_code
        == 409
    )
    assert (
        c.post(f"/api/oefeningen/{oid}/start", headers=token(echte_cbc_app, "tess")).status_code
        == 200
    )
    lijst = c.get("/api/oefeningen", headers=token(echte_cbc_app, "bob")).get_json()["oefeningen"]
    assert [(o["id"], o["toestand"], o["scenario"]) for o in lijst] == [
        (oid, "loopt", "eigen.toml")
    ]
    assert c.get("/api/oefeningen/999", headers=token(echte_cbc_app, "bob")).status_code == 404


def test_the_board_still_shows_a_sent_bericht_when_the_simulator_is_down(
    echte_cbc_app: Flask, tmp_path: Path
) -> None:
    """The board asks the simulator for each sent bericht's reach; without it, it says why."""
    app, c = echte_cbc_app, echte_cbc_app.test_client()
    anna, bob, tess = (token(app, n) for n in ("anna", "bob", "tess"))
    oefening_id = c.post(
        "/api/oefeningen", json={"scenario": MOERDIJK, "teams": [TEAM]}, headers=tess
    ).get_json()["id"]
    vlak = [[4.60, 51.66], [4.66, 51.66], [4.66, 51.70], [4.60, 51.70], [4.60, 51.66]]
    gebied = {"type": "Polygon", "coordinates": [vlak]}
    bid = c.post("/api/berichten", json=inhoud(gebied=gebied), headers=anna).get_json()["id"]
    c.post(f"/api/berichten/{bid}/indienen", json={"versie": 1}, headers=anna)
    h = c.get(f"/api/berichten/{bid}", headers=bob).get_json()["inhoud_hash"]
    c.post(f"/api/berichten/{bid}/goedkeuren", json={"inhoud_hash": h}, headers=bob)
    assert c.post(f"/api/berichten/{bid}/verzenden", headers=bob).status_code == 200

    # The same database, served by an app whose simulator is gone (nothing listens there).
    zonder_sim = create_app(
        {**app.config, "SIM_URL": f"http://127.0.0.1:{vrije_poort()}"}, instance_path=tmp_path
    )
    trainer = zonder_sim.test_client()
    login(trainer, "tess")
    r = trainer.get(f"/oefeningen/{oefening_id}")
    pagina = r.get_data(as_text=True)
    assert r.status_code == 200
    assert f'href="/berichten/{bid}"' in pagina and "Geen bereikschatting" in pagina
