"""The accessibility review screen: the grid, sign-off per version, its status on the compose screen."""

from __future__ import annotations

import json
import re
from contextlib import closing

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from werkzeug.test import TestResponse

from berichten import versie
from berichten.versie import teksten_versie
from handelingsperspectieven import perspectief
from nlalert import cli
from nlalert.accounts.gebruikers import Rol
from nlalert.audit import log as audit
from nlalert.db import verbind
from tests.nlalert.conftest import CATEGORIE, login, maak_gebruiker, post, rijen
from vertalingen import TALEN, catalogi

URL = f"/toegankelijkheid/{CATEGORIE}"


@pytest.fixture
def team(app: Flask) -> Flask:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    maak_gebruiker(app, "ria", Rol.REVIEWER)
    return app


def getoonde_versie(client: FlaskClient) -> str:
    """The version the sign-off form on the grid page carries."""
    pagina = client.get(URL).get_data(as_text=True)
    gevonden = re.search(r'name="versie" value="([0-9a-f]+)"', pagina)
    assert gevonden
    return gevonden.group(1)


def teken_af(client: FlaskClient, **velden: str) -> TestResponse:
    """Post the sign-off form with the version shown on the grid."""
    data = {"versie": getoonde_versie(client), "oordeel": "akkoord", "opmerking": "", **velden}
    return post(client, f"{URL}/aftekenen", **data)


def andere_vertaling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Change one English translation of the category, as a new .po would."""
    echt = catalogi._vertalingen
    msgid = perspectief(CATEGORIE).acties[0].tekst.je

    def nep(locale: str, domein: str) -> dict[str, str]:
        uit = dict(echt(locale, domein))
        if locale == "en":
            uit[msgid] = "Stay well away from the smoke."
        return uit

    monkeypatch.setattr(catalogi, "_vertalingen", nep)


def status(client: FlaskClient) -> dict[str, object]:
    r = client.get(f"{URL}/status.json")
    assert r.status_code == 200
    data: dict[str, object] = r.get_json()
    return data


def test_reviewer_sees_every_language_and_variant_side_by_side(
    team: Flask, client: FlaskClient
) -> None:
    login(client, "ria")
    r = client.get(URL)
    assert r.status_code == 200
    pagina = r.get_data(as_text=True)
    assert re.findall(r'<tr data-taal="([a-z]+)">', pagina) == list(TALEN)
    varianten = re.findall(r'data-variant="([a-z0-9]+)"', pagina)
    # B1 is easy Dutch: one cell; every other variant exists in all nine languages.
    assert {v: varianten.count(v) for v in set(varianten)} == {
        "standaard": 9,
        "b1": 1,
        "kort": 9,
        "beeld": 9,
    }
    assert 'lang="ar" dir="rtl"' in pagina
    assert pagina.count('src="data:image/svg+xml;base64,') == 9
    assert re.search(r'<img class="kaart" src="data:[^"]+" alt="NL-Alert [^"]+"', pagina)
    assert "Flesch-Douma" in pagina and "GSM-7" in pagina
    assert f'name="versie" value="{teksten_versie(CATEGORIE)}"' in pagina
    assert 'name="csrf_token"' in pagina
    lijst = client.get("/toegankelijkheid").get_data(as_text=True)
    assert teksten_versie(CATEGORIE) in lijst and "nog niet bekeken" in lijst
    assert 'href="/toegankelijkheid"' in lijst  # the nav link for reviewers


@pytest.mark.parametrize("naam", ["anna", "gert"])
def test_other_roles_cannot_sign_off_and_nothing_is_stored(
    team: Flask, client: FlaskClient, naam: str
) -> None:
    login(client, naam)
    assert client.get("/toegankelijkheid").status_code == 403
    assert client.get(URL).status_code == 403
    r = post(client, f"{URL}/aftekenen", versie=teksten_versie(CATEGORIE), oordeel="akkoord")
    assert r.status_code == 403
    assert "alleen een reviewer mag de toegankelijkheid aftekenen" in r.get_data(as_text=True)
    assert rijen(team, "SELECT * FROM aftekeningen") == []
    assert rijen(team, "SELECT * FROM audit WHERE actie = 'aftekenen'") == []
    assert 'href="/toegankelijkheid"' not in client.get("/berichten").get_data(as_text=True)


def test_sign_off_is_audited_and_the_chain_stays_intact(
    team: Flask,
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login(client, "ria")
    r = teken_af(client, opmerking="Goed leesbaar.")
    assert r.status_code == 302
    [rij] = rijen(team, "SELECT categorie, versie, reviewer, oordeel, opmerking FROM aftekeningen")
    assert tuple(rij) == (CATEGORIE, teksten_versie(CATEGORIE), "ria", "akkoord", "Goed leesbaar.")
    [regel] = rijen(team, "SELECT gebruiker, details FROM audit WHERE actie = 'aftekenen'")
    assert regel[0] == "ria"
    assert json.loads(regel[1]) | {"aftekening": 1} == {
        "aftekening": 1,
        "categorie": CATEGORIE,
        "oordeel": "akkoord",
        "versie": teksten_versie(CATEGORIE),
    }
    with closing(verbind(team.config["DATABASE"])) as db:
        assert audit.verify(db).ok
    # And through the command line, as an auditor would check it.
    monkeypatch.setenv("NLALERT_DATABASE", team.config["DATABASE"])
    capsys.readouterr()
    assert cli.main(["audit", "verify", "--instance", team.instance_path]) == 0
    assert "intact" in capsys.readouterr().out


def test_changed_translation_makes_the_sign_off_stale(
    team: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, "ria")
    teken_af(client)
    assert status(client)["staat"] == "akkoord"
    andere_vertaling(monkeypatch)
    assert status(client)["staat"] == "verouderd"
    assert "verouderd" in client.get("/toegankelijkheid").get_data(as_text=True)
    assert "Stay well away from the smoke." in client.get(URL).get_data(as_text=True)


def test_a_new_version_function_makes_the_sign_off_stale(
    team: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, "ria")
    teken_af(client)
    monkeypatch.setattr(versie, "teksten_versie", lambda categorie: "0123456789abcdef")
    data = status(client)
    assert data["staat"] == "verouderd" and data["versie"] == "0123456789abcdef"
    assert "nog niet afgetekend" in str(data["tekst"])


def test_stale_version_in_the_form_is_refused(
    team: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, "ria")
    gezien = getoonde_versie(client)
    andere_vertaling(monkeypatch)  # a translator commits while the reviewer reads
    r = post(client, f"{URL}/aftekenen", versie=gezien, oordeel="akkoord")
    assert r.status_code == 409
    assert "gewijzigd sinds u ze bekeek" in r.get_data(as_text=True)
    assert rijen(team, "SELECT * FROM aftekeningen") == []
    assert rijen(team, "SELECT * FROM audit WHERE actie = 'aftekenen'") == []


def test_remark_is_escaped_on_every_page(team: Flask, client: FlaskClient) -> None:
    login(client, "ria")
    boos = "<script>alert(1)</script>"
    assert teken_af(client, oordeel="afgekeurd", opmerking=boos).status_code == 302
    for url in [URL, "/toegankelijkheid"]:
        pagina = client.get(url).get_data(as_text=True)
        assert boos not in pagina
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pagina
    assert client.get(f"{URL}/status.json").mimetype == "application/json"


def test_status_json_reflects_the_sign_off_for_every_user(team: Flask, client: FlaskClient) -> None:
    login(client, "anna")
    voor = status(client)
    assert voor["staat"] == "niet_bekeken" and voor["reviewer"] is None
    assert voor["url"] is None  # an opsteller cannot open the review
    assert "nog niet afgetekend" in str(voor["tekst"])
    post(client, "/logout")
    login(client, "ria")
    teken_af(client, opmerking="Prima.")
    post(client, "/logout")
    login(client, "anna")
    na = status(client)
    assert na["staat"] == "akkoord" and na["reviewer"] == "ria" and na["opmerking"] == "Prima."
    assert na["versie"] == na["afgetekende_versie"] == teksten_versie(CATEGORIE)
    assert "akkoord (ria," in str(na["tekst"]) and "voor deze versie" in str(na["tekst"])


def test_a_later_rejection_overrules_an_approval_of_the_same_version(
    team: Flask, client: FlaskClient
) -> None:
    login(client, "ria")
    teken_af(client)
    teken_af(client, oordeel="afgekeurd", opmerking="Arabisch ontbreekt in de kaart.")
    data = status(client)
    assert data["staat"] == "afgekeurd"
    assert "afgekeurd (ria," in str(data["tekst"]) and "Arabisch ontbreekt" in str(data["tekst"])
    historie = client.get(URL).get_data(as_text=True)
    assert historie.count("(deze versie)") == 2


@pytest.mark.parametrize(
    ("velden", "status_code"),
    [
        ({"oordeel": "afgekeurd", "opmerking": "  "}, 400),  # a rejection says what to fix
        ({"oordeel": "misschien"}, 400),
        ({"opmerking": "x" * 2001}, 400),
        ({"versie": "geen-versie"}, 409),  # the version the form carries is the field here
        ({"versie": ""}, 409),
    ],
)
def test_invalid_sign_off_is_refused(
    team: Flask, client: FlaskClient, velden: dict[str, str], status_code: int
) -> None:
    login(client, "ria")
    assert teken_af(client, **velden).status_code == status_code
    assert rijen(team, "SELECT * FROM aftekeningen") == []


def test_training_reviewer_cannot_sign_off(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "tim", Rol.REVIEWER, training=True)
    login(client, "tim")
    assert 'name="versie"' not in client.get(URL).get_data(as_text=True)  # no form to fill in
    r = post(client, f"{URL}/aftekenen", versie=teksten_versie(CATEGORIE), oordeel="akkoord")
    assert r.status_code == 403 and "trainingsmodus" in r.get_data(as_text=True)
    assert rijen(app, "SELECT * FROM aftekeningen") == []


def test_unknown_category_and_anonymous_access(team: Flask, client: FlaskClient) -> None:
    assert client.get(f"{URL}/status.json").status_code == 302  # to the login page
    login(client, "ria")
    assert client.get("/toegankelijkheid/bestaat-niet").status_code == 404
    assert client.get("/toegankelijkheid/bestaat-niet/status.json").status_code == 404


def test_compose_screen_asks_for_the_status(team: Flask, client: FlaskClient) -> None:
    login(client, "anna")
    pagina = client.get("/opstellen").get_data(as_text=True)
    assert 'id="toegankelijkheid-status"' in pagina
    assert 'data-toegankelijkheid-url="/toegankelijkheid/__categorie__/status.json"' in pagina


def test_existing_database_gets_the_table(app: Flask, runner: FlaskCliRunner) -> None:
    runner.invoke(args=["init-db"])
    with closing(verbind(app.config["DATABASE"])) as db:
        db.execute("DROP TABLE aftekeningen")  # a database from before this table existed
    for _ in range(2):
        assert "Database klaar" in runner.invoke(args=["init-db"]).output
    assert rijen(app, "SELECT name FROM sqlite_master WHERE name = 'aftekeningen'")
