"""Rerun and reset against the real simulator over HTTP: each run of an exercise keeps its own
broadcasts, named to the simulator by the `oefening_id` extension, and clearing one exercise's
broadcasts from the simulator's exercise store leaves every other broadcast where it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import requests
from flask import Flask

from nlalert.accounts.gebruikers import Rol
from tests.nlalert.conftest import inhoud, maak_gebruiker, token

TEAM = {"naam": "Rood", "opsteller": "anna", "goedkeurder": "bob"}
TIMEOUT = 10


def _ecbe(message_id: int, code: int, **extra: Any) -> dict[str, Any]:
    return {
        "cbe_name": "test",
        "repetition_period": 10,
        "scope": {"scope_plmn": {}},
        "smscb_message": {
            "message_id": message_id,
            "serial_nr": {
                "serial_nr_decoded": {"geo_scope": "plmn_wide", "msg_code": code, "update_nr": 0}
            },
            "payload": {"payload_decoded": {"data_utf8": f"bericht {code}"}},
        },
        **extra,
    }


def _codes(sim_url: str, soort: str) -> list[int]:
    r = requests.get(f"{sim_url}/api/v1/broadcasts", params={"soort": soort}, timeout=TIMEOUT)
    r.raise_for_status()
    return sorted(b["serial"]["msg_code"] for b in r.json()["broadcasts"])


def test_simulator_clears_one_exercise_and_nothing_else(sim_url: str) -> None:
    post = f"{sim_url}/api/ecbe/v1/message"
    for message_id, code, extra in (
        (4381, 1, {"oefening_id": "a"}),
        (4381, 2, {"oefening_id": "b"}),
        (4381, 3, {}),
        (4370, 4, {}),
    ):
        r = requests.post(post, json=_ecbe(message_id, code, **extra), timeout=TIMEOUT)
        assert r.status_code == 201, r.text
    # An exercise's name on a real channel is refused: a real alert belongs to no exercise.
    r = requests.post(post, json=_ecbe(4370, 5, oefening_id="a"), timeout=TIMEOUT)
    assert r.status_code == 400 and "oefening_id" in r.text
    r = requests.post(post, json=_ecbe(4381, 6, oefening_id=""), timeout=TIMEOUT)
    assert r.status_code == 400

    r = requests.get(f"{sim_url}/api/v1/oefeningen/a", timeout=TIMEOUT)
    assert [b["serial"]["msg_code"] for b in r.json()["broadcasts"]] == [1]
    r = requests.delete(f"{sim_url}/api/v1/oefeningen/a", timeout=TIMEOUT)
    assert r.status_code == 200 and r.json() == {"oefening_id": "a", "gewist": 1}
    assert _codes(sim_url, "oefening") == [2, 3] and _codes(sim_url, "echt") == [4]
    # Clearing again, or an exercise the simulator never saw, clears nothing.
    for naam in ("a", "onbekend"):
        r = requests.delete(f"{sim_url}/api/v1/oefeningen/{naam}", timeout=TIMEOUT)
        assert r.json()["gewist"] == 0
    assert _codes(sim_url, "oefening") == [2, 3] and _codes(sim_url, "echt") == [4]


def _stuur(c: Any, koppen: dict[str, dict[str, str]], oefening_id: int) -> int:
    """anna writes and submits, bob approves and sends: the bericht's id."""
    anna, bob = koppen["anna"], koppen["bob"]
    r = c.post("/api/berichten", json=inhoud(), headers=anna)
    assert r.status_code == 201, r.get_json()
    bid = int(r.get_json()["id"])
    assert (
        c.post(f"/api/berichten/{bid}/indienen", json={"versie": 1}, headers=anna).status_code
        == 200
    )
    h = c.get(f"/api/berichten/{bid}", headers=bob).get_json()["inhoud_hash"]
    r = c.post(f"/api/berichten/{bid}/goedkeuren", json={"inhoud_hash": h}, headers=bob)
    assert r.status_code == 200
    r = c.post(f"/api/berichten/{bid}/verzenden", headers=bob)
    assert r.get_json()["status"] == "verzonden", r.get_json()
    detail = c.get(f"/api/oefeningen/{oefening_id}", headers=koppen["tess"]).get_json()
    assert bid in detail["berichten"]
    return bid


def _in_simulator(sim_url: str, oefening_id: int) -> list[str]:
    r = requests.get(f"{sim_url}/api/v1/oefeningen/nlalert-oefening-{oefening_id}", timeout=TIMEOUT)
    r.raise_for_status()
    return [b["id"] for b in r.json()["broadcasts"]]


def test_each_run_keeps_its_broadcasts_and_clearing_one_touches_no_other(
    app: Flask, sim_url: str, tmp_path: Path
) -> None:
    for naam, rol in (("anna", Rol.OPSTELLER), ("bob", Rol.GOEDKEURDER), ("tess", Rol.BEHEER)):
        maak_gebruiker(app, naam, rol)
    koppen = {naam: token(app, naam) for naam in ("anna", "bob", "tess")}
    c, tess = app.test_client(), koppen["tess"]
    r = c.post(
        "/api/oefeningen",
        json={"scenario": "moerdijk-chemische-brand", "teams": [TEAM]},
        headers=tess,
    )
    eerste = r.get_json()["id"]
    b1 = _stuur(c, koppen, eerste)
    # A running exercise is not cleared: its team may still be sending.
    assert c.post(f"/api/oefeningen/{eerste}/simulator-wissen", headers=tess).status_code == 409
    assert c.post(f"/api/oefeningen/{eerste}/beeindig", headers=tess).status_code == 200
    r = c.post(f"/api/oefeningen/{eerste}/herhaal", headers=tess)
    assert r.status_code == 201, r.get_json()
    tweede = r.get_json()["id"]
    assert c.post(f"/api/oefeningen/{tweede}/start", headers=tess).status_code == 200
    b2 = _stuur(c, koppen, tweede)
    assert b2 != b1
    assert c.post(f"/api/oefeningen/{tweede}/beeindig", headers=tess).status_code == 200
    een, twee = _in_simulator(sim_url, eerste), _in_simulator(sim_url, tweede)
    assert len(een) == 1 and len(twee) == 1 and een != twee

    r = c.post(f"/api/oefeningen/{eerste}/simulator-wissen", headers=tess)
    assert r.status_code == 200 and r.get_json() == {"id": eerste, "gewist": 1}
    assert _in_simulator(sim_url, eerste) == [] and _in_simulator(sim_url, tweede) == twee
    # Here the first run keeps its berichten and its report; the second run has its own.
    rapport = c.get(f"/api/oefeningen/{eerste}/rapport?bereik=nee", headers=tess).get_json()
    assert [b["bericht_id"] for b in rapport["teams"][0]["berichten"]] == [b1]
    rapport = c.get(f"/api/oefeningen/{tweede}/rapport?bereik=nee", headers=tess).get_json()
    assert [b["bericht_id"] for b in rapport["teams"][0]["berichten"]] == [b2]
    assert rapport["run"] == 2 and [run["run"] for run in rapport["runs"]] == [1, 2]
    # Unknown exercise: 404, and nothing asked of the simulator.
    assert c.post("/api/oefeningen/999/simulator-wissen", headers=tess).status_code == 404
    # Every step of both runs is in the audit log, in order.
    from contextlib import closing

    from nlalert.db import verbind

    with closing(verbind(app.config["DATABASE"])) as db:
        acties = [
            (r["actie"], json.loads(r["details"]).get("stap"))
            for r in db.execute("SELECT actie, details FROM audit ORDER BY seq")
            if r["actie"].startswith("oefen")
        ]
    assert acties == [
        ("oefening_aangemaakt", None),
        ("oefenstap", "start"),
        ("oefenstap", "beeindig"),
        ("oefening_herhaald", None),
        ("oefenstap", "start"),
        ("oefenstap", "beeindig"),
        ("oefening_gewist", None),
    ]


def test_clearing_with_the_simulator_down_is_503_and_audits_nothing(
    app: Flask, sim_url: str
) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "bob", Rol.GOEDKEURDER)
    maak_gebruiker(app, "tess", Rol.BEHEER)
    c, tess = app.test_client(), token(app, "tess")
    r = c.post(
        "/api/oefeningen",
        json={"scenario": "moerdijk-chemische-brand", "teams": [TEAM], "start": False},
        headers=tess,
    )
    oefening = r.get_json()["id"]
    app.config["SIM_URL"] = "http://127.0.0.1:9"  # nothing listens there
    r = c.post(f"/api/oefeningen/{oefening}/simulator-wissen", headers=tess)
    assert r.status_code == 503 and "simulator" in r.get_json()["detail"].lower()
    from contextlib import closing

    from nlalert.db import verbind

    with closing(verbind(app.config["DATABASE"])) as db:
        assert (
            db.execute("SELECT COUNT(*) FROM audit WHERE actie = 'oefening_gewist'").fetchone()[0]
            == 0
        )
