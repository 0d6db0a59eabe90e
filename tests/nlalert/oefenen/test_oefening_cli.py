"""`nlalert oefening start|pauzeer|hervat|beeindig|lijst` on a real instance folder."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from nlalert import cli
from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.app import open_db
from tests.nlalert.oefenen.conftest import GOED

MOERDIJK = "moerdijk-chemische-brand"


def nlalert(tmp_path: Path, *args: str) -> int:
    return cli.main([*args, "--instance", str(tmp_path)])


@pytest.fixture
def instance(tmp_path: Path) -> Path:
    with closing(open_db(tmp_path)) as db:
        for naam, rol, training in (
            ("anna", Rol.OPSTELLER, False),
            ("bob", Rol.GOEDKEURDER, False),
            ("tim", Rol.OPSTELLER, True),
        ):
            gebruikers.voeg_toe(db, naam, rol, "correct horse battery", training=training, door="t")
    return tmp_path


def test_start_pause_resume_end_and_list(
    instance: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        nlalert(
            instance,
            "oefening",
            "start",
            MOERDIJK,
            "--team",
            "Rood:anna,bob",
            "--team",
            "Blauw:tim",
        )
        == 0
    )
    oefening_id = capsys.readouterr().out.strip()
    assert oefening_id == "1"
    assert nlalert(instance, "oefening", "pauzeer", oefening_id) == 0
    assert capsys.readouterr().out.strip() == "oefening 1: gepauzeerd"
    assert nlalert(instance, "oefening", "lijst", "--json") == 0
    (o,) = json.loads(capsys.readouterr().out)
    assert o["toestand"] == "gepauzeerd" and o["titel"]
    assert [(t["naam"], [lid["rol"] for lid in t["leden"]]) for t in o["teams"]] == [
        ("Rood", ["opsteller", "goedkeurder"]),
        ("Blauw", ["alleen"]),
    ]
    assert nlalert(instance, "oefening", "hervat", oefening_id) == 0
    assert nlalert(instance, "oefening", "beeindig", oefening_id) == 0
    capsys.readouterr()
    assert nlalert(instance, "oefening", "lijst") == 0
    regel = capsys.readouterr().out.strip()
    assert regel.startswith("1  beeindigd") and "Rood: anna, bob; Blauw: tim" in regel


@pytest.mark.parametrize(
    ("args", "woord"),
    [
        (("start", MOERDIJK, "--team", "Rood"), "NAAM:opsteller,goedkeurder"),
        (("start", MOERDIJK, "--team", "Rood:anna,zoe"), "zoe"),
        (("start", MOERDIJK, "--team", "Rood:anna"), "trainingsmodus"),
        (("start", "nergens.toml", "--team", "Rood:anna,bob"), "nergens.toml"),
        (("pauzeer", "7"), "oefening"),
    ],
)
def test_bad_input_is_exit_2_with_one_line(
    instance: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], woord: str
) -> None:
    assert nlalert(instance, "oefening", *args) == 2
    fout = capsys.readouterr().err.strip()
    assert len(fout.splitlines()) == 1 and woord in fout and "Traceback" not in fout


def test_a_refused_scenario_file_names_line_and_reason(
    instance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pad = tmp_path / "fout.toml"
    pad.write_text(GOED.replace("VR18", "VR99"), encoding="utf-8")
    assert nlalert(instance, "oefening", "start", str(pad), "--team", "Rood:anna,bob") == 2
    assert "fout.toml, regel 2" in capsys.readouterr().err
