"""`nlalert send` as a user runs it, against the real simulator served over HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from nlalert.cli import main
from tests.simulator import draaiende_simulator

BASIS = [
    "send",
    "brand-rook",
    "--veld",
    "plaats=Rotterdam-Centrum",
    "--veld",
    "link=crisis.nl",
    "--tijd",
    "2026-11-22T14:30",
]


@pytest.fixture(scope="module")
def sim_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with draaiende_simulator(tmp_path_factory.mktemp("sim-send")) as url:
        yield url


def test_exercise_is_composed_sent_decoded_and_reached(
    sim_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*BASIS, "--cbc", sim_url, "--cirkel", "51.92,4.475,1.5", "--json"])
    uit = json.loads(capsys.readouterr().out)
    assert code == 0 and uit["status"] == 201
    assert uit["bericht"]["cb"]["message_identifier"] == 4381  # send defaults to an exercise
    status = requests.get(
        sim_url + uit["locatie"] if uit["locatie"].startswith("/") else uit["locatie"], timeout=10
    ).json()
    assert status["tekst"] == uit["bericht"]["tekst"]  # the simulator decoded exactly our pages
    assert status["oefening"] is True
    assert status["bereik"]["inwoners"] > 0


def test_resending_the_same_exercise_is_refused_not_duplicated(
    sim_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*BASIS, "--cbc", sim_url, "--modus", "test", "--berichtcode", "77"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 1  # the CBC keeps one active message per identifier: 409, said plainly
    assert "al actief" in capsys.readouterr().err


def test_real_alerts_cannot_be_sent_from_the_command_line(
    sim_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main([*BASIS, "--cbc", sim_url, "--modus", "echt"]) == 2
    assert "tweede persoon" in capsys.readouterr().err
    lijst = requests.get(sim_url + "/api/v1/broadcasts?soort=echt", timeout=10).json()
    assert not (lijst if isinstance(lijst, list) else lijst.get("broadcasts", []))
