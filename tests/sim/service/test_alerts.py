"""Broadcasts grouped by alert (`"alert"` in the POST): listed together, each with its own reach,
and the alert's reach counting a person reached on two channels once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.sim.service.dienst import ECBE, Klok, NepSimulator, bericht, maak_app

ALERT = "2.49.0.0.528.0.NL.261122143000.vr09/42"  # a CAP identifier, slash included


class KanaalRapport:
    def __init__(self, kanaal: int) -> None:
        self.kanaal = kanaal

    def to_dict(self) -> dict[str, Any]:
        # Unit A: 4383 reaches more than 4370; unit B the other way round.
        bereikt = {"A": 60.0, "B": 30.0} if self.kanaal == 4383 else {"A": 50.0, "B": 40.0}
        eenheden = [
            {"code": code, "inwoners_in_gebied": 100.0, "bereikt": b, "overshoot": 2.0}
            for code, b in bereikt.items()
        ]
        return {
            "kanaal": self.kanaal,
            "inwoners": 200,
            "bereikt": round(sum(bereikt.values())),
            "overshoot": 4,
            "via_anderen": 8,
            "per_eenheid": eenheden,
            "aannames": ["Alle getallen zijn verwachtingen uit een model, geen metingen."],
        }


class KanaalSimulator(NepSimulator):
    def bereik(self, geom: Any, *, tijdstip: Any = None, kanaal: int = 4370) -> Any:
        self.kanalen.append(kanaal)
        return KanaalRapport(kanaal)


@pytest.fixture
def client(tmp_path: Path, klok: Klok) -> FlaskClient:
    return maak_app(tmp_path, KLOK=klok, SIMULATOR=KanaalSimulator()).test_client()


def test_an_alert_lists_its_broadcasts_with_their_own_reach_and_counts_people_once(
    client: FlaskClient, klok: Klok
) -> None:
    assert client.post(ECBE, json=bericht(4370, alert=ALERT)).status_code == 201
    klok.verzet(120)
    assert client.post(ECBE, json=bericht(4383, alert=ALERT)).status_code == 201
    assert client.post(ECBE, json=bericht(4370, msg_code=9, alert="ander")).status_code == 201
    assert client.post(ECBE, json=bericht(4371, msg_code=9)).status_code == 201

    antwoord = client.get(f"/api/v1/alerts/{ALERT}")
    assert (antwoord.status_code, antwoord.mimetype) == (200, "application/json")
    data = antwoord.get_json()
    assert data["alert"] == ALERT
    assert [(b["message_id"], b["alert"]) for b in data["broadcasts"]] == [
        (4370, ALERT),
        (4383, ALERT),
    ]
    assert [b["bereik"]["bereikt"] for b in data["broadcasts"]] == [90, 90]
    assert data["broadcasts"][1]["bereik"]["kanaal"] == 4383

    bereik = data["bereik"]
    assert bereik["kanalen"] == [4370, 4383]
    assert bereik["inwoners"] == 200  # one area: its people once, not per broadcast
    assert bereik["bereikt"] == 60 + 40  # per unit the most any broadcast reached
    assert bereik["niet_bereikt"] == 100
    assert bereik["overshoot"] == 4
    assert any("hoogste verwachte bereik" in a for a in bereik["aannames"])
    assert any("ondergrens" in a for a in bereik["aannames"])
    assert (
        bereik["aannames"].count("Alle getallen zijn verwachtingen uit een model, geen metingen.")
        == 1
    )


def test_lists_show_alert_serial_and_end(client: FlaskClient, klok: Klok) -> None:
    client.post(ECBE, json=bericht(alert=ALERT, num_of_bcast=1, repetition_period=1))
    klok.verzet(1)
    client.post(ECBE, json=bericht(4381, msg_code=3))
    lijst = client.get("/api/v1/broadcasts").get_json()["broadcasts"]
    for samenvatting in lijst:
        assert {"alert", "serial", "eindigt"} <= set(samenvatting)
    assert [(b["alert"], b["serial"]["msg_code"]) for b in lijst] == [(None, 3), (ALERT, 5)]
    assert lijst[1]["eindigt"] == "2026-06-01T12:00:01.883000+02:00"
    detail = client.get(f"/api/v1/broadcasts/{lijst[1]['id']}").get_json()
    assert (detail["alert"], detail["serial"]["msg_code"]) == (ALERT, 5)


def test_an_alert_without_areas_has_no_reach(client: FlaskClient) -> None:
    data = bericht(alert="zonder-gebied")
    del data["area"]
    client.post(ECBE, json=data)
    antwoord = client.get("/api/v1/alerts/zonder-gebied").get_json()
    assert antwoord["bereik"] is None
    assert antwoord["broadcasts"][0]["bereik"] is None


def test_an_unknown_alert_is_404_problem(client: FlaskClient) -> None:
    client.post(ECBE, json=bericht(alert=ALERT))
    for alert in ("onbekend", ALERT[:-1], "%20"):
        antwoord = client.get(f"/api/v1/alerts/{alert}")
        assert (antwoord.status_code, antwoord.mimetype) == (404, "application/problem+json")
        assert antwoord.get_json()["status"] == 404


def test_an_exercise_alert_is_found_too(client: FlaskClient) -> None:
    client.post(ECBE, json=bericht(4381, alert="oefening-7"))
    [b] = client.get("/api/v1/alerts/oefening-7").get_json()["broadcasts"]
    assert (b["message_id"], b["oefening"]) == (4381, True)
