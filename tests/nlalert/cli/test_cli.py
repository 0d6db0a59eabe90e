"""`nlalert gebruiker`, `nlalert audit`, `nlalert run` and the Flask `init-db` command."""

from __future__ import annotations

import argparse
import io
import json
from contextlib import closing
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner

from nlalert import cli
from nlalert.app import create_app
from nlalert.cli import run as run_cli
from nlalert.db import verbind


def nlalert(tmp_path: Path, *args: str) -> int:
    return cli.main([*args, "--instance", str(tmp_path)])


def test_init_db_command_is_idempotent(runner: FlaskCliRunner) -> None:
    for _ in range(2):
        assert "Database klaar" in runner.invoke(args=["init-db"]).output


def test_add_user_prints_one_time_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert nlalert(tmp_path, "gebruiker", "add", "anna", "--rol", "opsteller") == 0
    uit = capsys.readouterr().out
    wachtwoord = uit.split("Eenmalig wachtwoord: ")[1].split()[0]
    assert len(wachtwoord) >= 12
    with closing(verbind(tmp_path / "nlalert.sqlite")) as db:
        rij = db.execute(
            "SELECT rol, must_change_password, wachtwoord_hash FROM gebruikers"
        ).fetchone()
    assert (rij[0], rij[1]) == ("opsteller", 1) and wachtwoord not in rij[2]


def test_add_user_with_password_on_stdin_and_training(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("een lang wachtwoord\n"))
    args = ("gebruiker", "add", "tim", "--rol", "BEHEER", "--training", "--wachtwoord-stdin")
    assert nlalert(tmp_path, *args) == 0
    assert "Eenmalig" not in capsys.readouterr().out
    assert nlalert(tmp_path, "gebruiker", "lijst", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [
        {"naam": "tim", "rol": "beheer", "training": True, "actief": True, "token": False}
    ]


@pytest.mark.parametrize(
    ("args", "woord"),
    [
        (("gebruiker", "add", "anna", "--rol", "koning"), "onbekende rol"),
        (("gebruiker", "add", "<script>", "--rol", "opsteller"), "ongeldig"),
        (("gebruiker", "add", "anna", "--rol", "opsteller"), "bestaat al"),
        (("gebruiker", "token", "niemand"), "bestaat niet"),
        (("gebruiker", "add", "anna"), "--rol"),
    ],
)
def test_bad_input_exits_2_with_one_dutch_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], woord: str
) -> None:
    nlalert(tmp_path, "gebruiker", "add", "anna", "--rol", "opsteller")
    capsys.readouterr()
    try:
        status = nlalert(tmp_path, *args)
    except SystemExit as exit_:  # argparse errors exit from inside parse_args
        status = int(exit_.code or 0)
    fout = capsys.readouterr().err
    assert status == 2 and woord in fout and "Traceback" not in fout
    assert fout.count("\n") == 1 and fout.startswith("nlalert: fout:")


def test_token_authenticates_the_api(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nlalert(tmp_path, "gebruiker", "add", "anna", "--rol", "opsteller")
    capsys.readouterr()
    assert nlalert(tmp_path, "gebruiker", "token", "anna") == 0
    tok = capsys.readouterr().out.strip()
    app = create_app({"TESTING": True}, instance_path=tmp_path)
    r = app.test_client().get("/api/ik", headers={"Authorization": f"Bearer {tok}"})
    assert r.get_json()["naam"] == "anna"


def test_audit_verify_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for naam in ("anna", "gert", "ria"):
        nlalert(tmp_path, "gebruiker", "add", naam, "--rol", "opsteller")
    capsys.readouterr()
    assert nlalert(tmp_path, "audit", "verify") == 0
    assert "intact: 3 regels" in capsys.readouterr().out
    doel = tmp_path / "audit.csv"
    assert nlalert(tmp_path, "audit", "export", "--csv", str(doel)) == 0
    assert len(doel.read_text(encoding="utf-8").splitlines()) == 4

    with closing(verbind(tmp_path / "nlalert.sqlite")) as db:
        db.execute("DROP TRIGGER audit_geen_update")
        db.execute("UPDATE audit SET gebruiker = 'mallory' WHERE seq = 2")
    assert nlalert(tmp_path, "audit", "verify") == 1
    assert "seq 2" in capsys.readouterr().out
    assert nlalert(tmp_path, "audit", "verify", "--json") == 1
    assert json.loads(capsys.readouterr().out)["eerste_fout"] == 2


def _run_args(tmp_path: Path, *extra: str) -> argparse.Namespace:
    parser = cli.build_parser()
    return parser.parse_args(["run", "--instance", str(tmp_path), *extra])


def test_run_prepares_database_and_first_admin_once(tmp_path: Path) -> None:
    app, wachtwoord = run_cli.bereid_voor(_run_args(tmp_path))
    assert wachtwoord and app.config["SESSION_COOKIE_SECURE"] is False  # loopback, plain http
    assert app.config["CBC_URL"] == "http://127.0.0.1:5001"
    assert run_cli.bereid_voor(_run_args(tmp_path))[1] is None
    app, _ = run_cli.bereid_voor(_run_args(tmp_path, "--host", "0.0.0.0"))
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_run_prints_login_and_stops_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gestart: list[object] = []

    def nep_server(host: str, port: int, app: object, **_: object) -> None:
        gestart.append((host, port))
        raise KeyboardInterrupt

    monkeypatch.setattr(run_cli, "run_simple", nep_server)
    monkeypatch.setattr(run_cli, "_sim_beschikbaar", lambda: False)
    assert nlalert(tmp_path, "run", "--port", "5099") == 0
    uitvoer = capsys.readouterr()
    assert gestart == [("127.0.0.1", 5099)]
    assert "http://127.0.0.1:5099" in uitvoer.out and "eenmalig wachtwoord" in uitvoer.out
    assert "simulator" in uitvoer.err and "Traceback" not in uitvoer.err


def test_every_cli_module_is_registered() -> None:
    """A subcommand module that is not in MODULES is a command users cannot reach."""
    from nlalert import cli

    hulp = {"__init__", "fouten", "opties", "uitvoer"}
    # Subcommands that another module adds to its own group: `nlalert oefening rapport|herhaal`.
    onder = {"oefenrapport": "oefening"}
    modules = {p.stem for p in Path(cli.__file__).parent.glob("*.py")} - hulp - set(onder)
    assert modules == set(cli.MODULES)
    for module, groep in onder.items():
        assert f"cli import {module}" in (Path(cli.__file__).parent / f"{groep}.py").read_text()
