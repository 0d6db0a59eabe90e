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
    assert code == 0
    eerste = uit["uitzendingen"][0]
    assert eerste["uitkomst"] == "gedaan" and eerste["message_identifier"] == 4381
    locatie = eerste["locatie"]
    status = requests.get(sim_url + locatie if locatie.startswith("/") else locatie, timeout=10)
    detail = status.json()
    assert detail["tekst"] == uit["bericht"]["tekst"]  # the simulator decoded exactly our pages
    assert detail["oefening"] is True
    assert detail["bereik"]["inwoners"] > 0
    assert detail["alert"] == uit["bericht"]["identifier"]


def test_resending_the_same_exercise_is_refused_not_duplicated(
    sim_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*BASIS, "--cbc", sim_url, "--modus", "test", "--berichtcode", "77"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 1  # the same broadcast is still on air: 409, said plainly
    assert "al een actieve uitzending op kanaal 4380" in capsys.readouterr().out


def test_every_language_goes_out_then_an_update_and_a_cancel_replace_them(
    sim_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    talen = ["--taal", "nl", "--taal", "en", "--taal", "de", "--taal", "ar"]
    args = [*BASIS, "--cbc", sim_url, "--berichtcode", "300", *talen, "--json"]
    assert main(args) == 0
    alert = json.loads(capsys.readouterr().out)
    assert [u["talen"] for u in alert["uitzendingen"]] == [["nl", "en"], ["de"], ["ar"]]
    assert all(u["uitkomst"] == "gedaan" for u in alert["uitzendingen"])
    origineel = tmp_path / "alert.json"
    origineel.write_text(json.dumps(alert), encoding="utf-8")

    update = [*args, "--type", "update", "--origineel", str(origineel), "--veld", "sinds=14:05"]
    assert main(update) == 0
    bijgewerkt = json.loads(capsys.readouterr().out)
    assert [i["uitkomst"] for i in bijgewerkt["ingetrokken"]] == ["gedaan"] * 3
    assert {u["serial_number"]["update_nr"] for u in bijgewerkt["uitzendingen"]} == {1}
    actief = requests.get(f"{sim_url}/api/ecbe/v1/message/4394", timeout=10).json()["messages"]
    assert {m["serial_nr"]["serial_nr_decoded"]["update_nr"] for m in actief} == {1}

    vorig = tmp_path / "update.json"
    vorig.write_text(json.dumps(bijgewerkt), encoding="utf-8")
    assert main([*args, "--type", "cancel", "--origineel", str(vorig)]) == 0
    ingetrokken = json.loads(capsys.readouterr().out)
    assert ingetrokken["uitzendingen"] == []
    antwoord = requests.get(f"{sim_url}/api/ecbe/v1/message/4394", timeout=10)
    assert antwoord.status_code == 404  # nothing of it on air any more


def test_a_malformed_original_is_bad_input(
    sim_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kapot = {
        "uitzendingen": [
            {
                "message_identifier": 4381,
                "serial_number": {"waarde": 99999},
                "dcs": 5,
                "page_hex": ["d4"],
            }
        ]
    }
    bestand = tmp_path / "kapot.json"
    bestand.write_text(json.dumps(kapot), encoding="utf-8")
    code = main([*BASIS, "--cbc", sim_url, "--type", "update", "--origineel", str(bestand)])
    assert code == 2  # not a send's output: bad input, one line, no traceback
    assert "--origineel" in capsys.readouterr().err


def test_update_without_the_original_is_bad_input(
    sim_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*BASIS, "--cbc", sim_url, "--type", "update"]) == 2
    assert "--origineel" in capsys.readouterr().err


def test_real_alerts_cannot_be_sent_from_the_command_line(
    sim_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main([*BASIS, "--cbc", sim_url, "--modus", "echt"]) == 2
    assert "tweede persoon" in capsys.readouterr().err
    lijst = requests.get(sim_url + "/api/v1/broadcasts?soort=echt", timeout=10).json()
    assert lijst["broadcasts"] == []
