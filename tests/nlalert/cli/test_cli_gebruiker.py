"""`nlalert gebruiker disable|enable|delete` and what `lijst` shows of them."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from nlalert import cli
from nlalert.app import create_app
from nlalert.db import verbind


def nlalert(tmp_path: Path, *args: str) -> int:
    try:
        return cli.main([*args, "--instance", str(tmp_path)])
    except SystemExit as exit_:  # argparse errors exit from inside parse_args
        return int(exit_.code or 0)


def met_token(tmp_path: Path, capsys: pytest.CaptureFixture[str], naam: str) -> str:
    assert nlalert(tmp_path, "gebruiker", "token", naam) == 0
    return capsys.readouterr().out.strip()


def api_ik(tmp_path: Path, token: str) -> int:
    app = create_app({"TESTING": True}, instance_path=tmp_path)
    return (
        app.test_client().get("/api/ik", headers={"Authorization": f"Bearer {token}"}).status_code
    )


@pytest.fixture
def team(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    for naam, rol in (("bea", "beheer"), ("anna", "opsteller")):
        assert nlalert(tmp_path, "gebruiker", "add", naam, "--rol", rol) == 0
    capsys.readouterr()
    return tmp_path


def lijst(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    assert nlalert(tmp_path, "gebruiker", "lijst", "--json") == 0
    return {g["naam"]: g for g in json.loads(capsys.readouterr().out)}


def test_disable_stops_the_token_and_enable_needs_a_new_one(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    oud = met_token(team, capsys, "anna")
    assert lijst(team, capsys)["anna"]["token"] is True
    assert nlalert(team, "gebruiker", "disable", "anna") == 0
    assert "uitgeschakeld" in capsys.readouterr().out
    assert api_ik(team, oud) == 401
    assert lijst(team, capsys)["anna"] == {
        "naam": "anna",
        "rol": "opsteller",
        "training": False,
        "actief": False,
        "token": False,
    }
    assert nlalert(team, "gebruiker", "enable", "anna") == 0
    assert "gebruiker token anna" in capsys.readouterr().out
    assert api_ik(team, oud) == 401
    assert api_ik(team, met_token(team, capsys, "anna")) == 200


def test_the_plain_list_shows_state_and_token(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nlalert(team, "gebruiker", "disable", "anna")
    capsys.readouterr()
    assert nlalert(team, "gebruiker", "lijst") == 0
    regels = capsys.readouterr().out.splitlines()
    assert regels == [
        "anna\topsteller\tuitgeschakeld\tgeen token",
        "bea\tbeheer\tactief\tgeen token",
    ]


def test_delete_keeps_the_name_taken_and_in_the_audit_log(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert nlalert(team, "gebruiker", "delete", "ANNA") == 0
    assert "verwijderd" in capsys.readouterr().out
    assert "anna" not in lijst(team, capsys)
    assert nlalert(team, "gebruiker", "add", "anna", "--rol", "opsteller") == 2
    fout = capsys.readouterr().err
    assert "verwijderd" in fout and fout.count("\n") == 1
    with closing(verbind(team / "nlalert.sqlite")) as db:
        acties = db.execute("SELECT gebruiker, actie FROM audit ORDER BY seq").fetchall()
    assert ("cli", "gebruiker_verwijderd") in [tuple(a) for a in acties]
    assert nlalert(team, "audit", "verify") == 0


@pytest.mark.parametrize(
    ("args", "woord"),
    [
        (("gebruiker", "disable", "niemand"), "bestaat niet"),
        (("gebruiker", "enable", "niemand"), "bestaat niet"),
        (("gebruiker", "delete", "niemand"), "bestaat niet"),
        (("gebruiker", "disable", "bea"), "laatste actieve beheer-account"),
        (("gebruiker", "delete", "bea"), "laatste actieve beheer-account"),
        (("gebruiker", "disable"), "naam"),
    ],
)
def test_refusals_exit_2_with_one_dutch_line(
    team: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], woord: str
) -> None:
    status = nlalert(team, *args)
    fout = capsys.readouterr().err
    assert status == 2 and woord in fout and "Traceback" not in fout
    assert fout.count("\n") == 1 and fout.startswith("nlalert: fout:")
