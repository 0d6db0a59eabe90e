"""One table from error class to HTTP status, one builder of the answer, used by every route."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

import sim.fouten
from sim.fouten import (
    AlActief,
    EcbeError,
    GebiedBuitenNederland,
    GebiedError,
    GebiedNietMeerGeldig,
    GeenActief,
    InvoerError,
    KalibratieError,
    NietInGsm7,
    OnbekendeDCS,
    OngeldigeJSON,
    SimError,
)
from sim.service.foutantwoord import status_van
from tests.sim.service.dienst import ECBE, NepSimulator, bericht, maak_app

SERVICE = Path(__file__).resolve().parents[3] / "sim" / "service"


@pytest.mark.parametrize(
    ("fout", "status", "titel"),
    [
        (EcbeError("x"), 400, "Ongeldig verzoek"),
        (OngeldigeJSON("x"), 400, "Ongeldige JSON"),  # more specific than EcbeError
        (NietInGsm7("ë", 0), 400, "Ongeldig verzoek"),  # no entry of its own: its family's
        (OnbekendeDCS(0x44), 400, "Ongeldig verzoek"),
        (GebiedError("x"), 400, "Ongeldig gebied"),
        (GebiedNietMeerGeldig(GebiedError("x")), 422, "Gebied niet meer geldig"),
        (AlActief(4370, 5), 409, "Conflict"),
        (GeenActief(4370, None), 404, "Niet gevonden"),
        (InvoerError("x"), 500, "Interne fout"),  # never raised by the service: a bug if it is
    ],
)
def test_the_most_specific_class_in_the_table_wins(fout: SimError, status: int, titel: str) -> None:
    assert status_van(fout) == (status, titel)


def test_every_error_a_request_can_cause_is_a_4xx() -> None:
    niet_van_de_dienst = {SimError, InvoerError, KalibratieError}
    klassen = [k for _, k in inspect.getmembers(sim.fouten, inspect.isclass)]
    for klasse in klassen:
        if issubclass(klasse, SimError) and klasse not in niet_van_de_dienst:
            fout = klasse.__new__(klasse)  # an instance without its data: only the class counts
            assert 400 <= status_van(fout)[0] < 500, klasse.__name__


def test_no_route_builds_its_own_error_answer() -> None:
    # Only foutantwoord.py calls `probleem`, and no module passes an error status to `tekst`.
    for pad in SERVICE.glob("*.py"):
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if not isinstance(knoop, ast.Call) or not isinstance(knoop.func, ast.Name):
                continue
            if knoop.func.id == "probleem":
                assert pad.name == "foutantwoord.py", f"{pad.name}:{knoop.lineno}"
            if knoop.func.id == "tekst" and knoop.args:
                status = knoop.args[0]
                if isinstance(status, ast.Constant) and isinstance(status.value, int):
                    assert status.value < 400, f"{pad.name}:{knoop.lineno}"
                else:
                    assert pad.name == "foutantwoord.py", f"{pad.name}:{knoop.lineno}"


def test_an_error_is_plain_text_on_ecbe_paths_and_a_problem_on_the_api(
    client: FlaskClient,
) -> None:
    ecbe = client.get(f"{ECBE}/4370")
    assert (ecbe.status_code, ecbe.mimetype) == (404, "text/plain")
    assert ecbe.get_data(as_text=True) == GeenActief(4370, None).reden

    api = client.post("/api/v1/reach", data=b"{", content_type="application/json")
    assert (api.status_code, api.mimetype) == (400, "application/problem+json")
    assert api.get_json()["title"] == "Ongeldige JSON"
    assert api.get_json()["detail"].startswith("de body is geen geldige JSON")


def test_a_stored_area_the_model_now_refuses_is_422_on_its_map(tmp_path: Path) -> None:
    class Strenger(NepSimulator):
        """A model that, after an update, refuses every area."""

        def gebied_uit_geojson(self, obj: Any) -> Any:
            raise GebiedBuitenNederland("het gebied raakt Nederland niet")

    locatie = maak_app(tmp_path).test_client().post(ECBE, json=bericht()).headers["Location"]
    na_herstart = maak_app(tmp_path, SIMULATOR=Strenger()).test_client()
    antwoord = na_herstart.get(f"{locatie}/kaart.png")
    assert (antwoord.status_code, antwoord.mimetype) == (422, "application/problem+json")
    assert antwoord.get_json() == {
        "title": "Gebied niet meer geldig",
        "detail": "het gebied raakt Nederland niet",
        "status": 422,
    }
