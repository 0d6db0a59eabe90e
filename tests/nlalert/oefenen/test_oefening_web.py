"""The exercise pages: a trainer creates and steers an exercise, team members see the panel,
and the board shows what each team did."""

from __future__ import annotations

import io
import re
from contextlib import closing

import pytest
from flask import Flask
from flask.testing import FlaskClient

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.db import verbind
from nlalert.workflow import opslag as berichten
from tests.nlalert.conftest import csrf, inhoud, login, maak_gebruiker, post, rijen
from tests.nlalert.oefenen.conftest import GOED

MOERDIJK = "moerdijk-chemische-brand"
EERSTE_INJECT = "meldkamer"  # a word of the Moerdijk scenario's first inject, released at once


@pytest.fixture
def gestart(app: Flask, client: FlaskClient) -> int:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "bob", Rol.GOEDKEURDER)
    maak_gebruiker(app, "tess", Rol.BEHEER)
    login(client, "tess")
    r = post(client, "/oefeningen", scenario=MOERDIJK, teams="Rood: anna, bob\n", starten="1")
    assert r.status_code == 302, r.get_data(as_text=True)
    return int(rijen(app, "SELECT max(id) FROM oefeningen")[0][0])


def test_trainer_starts_and_team_sees_the_panel_with_clock_and_inject(
    app: Flask, client: FlaskClient, gestart: int
) -> None:
    bord = client.get(f"/oefeningen/{gestart}?bereik=nee").get_data(as_text=True)
    assert "Team Rood" in bord and "anna, bob" in bord
    inject = rijen(app, "SELECT count(*) FROM oefeninjects WHERE oefening_id = ?", gestart)[0][0]
    assert inject == 1
    anna = app.test_client()
    login(anna, "anna")
    for url in ("/berichten", "/opstellen", "/oefeningen/paneel"):
        pagina = anna.get(url).get_data(as_text=True)
        assert "Oefening: " in pagina and "Team Rood" in pagina, url
        assert EERSTE_INJECT in pagina.lower(), url
        assert "Oefentijd 17 sep 2026" in pagina, url  # the scenario's clock, not today's
    assert anna.get("/oefeningen").status_code == 403  # not a trainer
    # The compose screen is locked to exercise mode for a team member.
    assert re.search(r'value="echt"[^>]*disabled', anna.get("/opstellen").get_data(as_text=True))

    # What anna composes shows up on the board's timeline with a link to it.
    with closing(verbind(app.config["DATABASE"])) as db:
        door = gebruikers.zoek(db, "anna")
        assert door is not None
        record = berichten.maak(db, inhoud(), door)
    bord = client.get(f"/oefeningen/{gestart}?bereik=nee").get_data(as_text=True)
    assert f'href="/berichten/{record.id}"' in bord and "anna" in bord

    # Paused: the panel says so; ended: the panel is gone.
    assert post(client, f"/oefeningen/{gestart}/pauzeer").status_code == 302
    assert "gepauzeerd" in anna.get("/oefeningen/paneel").get_data(as_text=True)
    assert post(client, f"/oefeningen/{gestart}/beeindig").status_code == 302
    assert "Oefening: " not in anna.get("/berichten").get_data(as_text=True)
    assert post(client, f"/oefeningen/{gestart}/hervat").status_code == 409


def test_an_uploaded_scenario_with_a_fault_is_refused_naming_file_and_line(
    app: Flask, client: FlaskClient
) -> None:
    maak_gebruiker(app, "tess", Rol.BEHEER)
    maak_gebruiker(app, "tim", Rol.OPSTELLER, training=True)
    login(client, "tess")
    tok = csrf(client)
    fout = GOED.replace("VR18", "VR99").encode()
    r = client.post(
        "/oefeningen",
        data={"csrf_token": tok, "teams": "T: tim", "bestand": (io.BytesIO(fout), "mijn.toml")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 422
    assert "mijn.toml, regel 2" in r.get_data(as_text=True)
    goed = GOED.replace('bijlagen = ["kaart.txt"]\n', "").encode()
    r = client.post(
        "/oefeningen",
        data={"csrf_token": tok, "teams": "T: tim", "bestand": (io.BytesIO(goed), "mijn.toml")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
    assert rijen(app, "SELECT scenario, toestand FROM oefeningen")[0][:] == ("mijn.toml", "klaar")


def test_the_board_and_the_list_show_the_exercise_state_in_the_ui_language(
    client: FlaskClient, gestart: int
) -> None:
    assert "loopt" in client.get("/oefeningen").get_data(as_text=True)
    client.post("/taal", data={"taal": "en", "next": "/oefeningen", "csrf_token": csrf(client)})
    for url in ("/oefeningen", f"/oefeningen/{gestart}?bereik=nee"):
        pagina = client.get(url).get_data(as_text=True)
        assert "running" in pagina and "loopt" not in pagina, url
