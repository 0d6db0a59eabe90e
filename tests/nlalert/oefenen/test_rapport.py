"""The after-action report against a hand-worked case, and its bad input.

The simulator's model numbers cannot be derived by hand, so the hand-worked case puts a fixed
stand-in behind the simulator's reach API (a real HTTP server, the real client): what is checked
is the report's own arithmetic on known inputs. The real simulator is checked for the relations
that must hold whatever its model says in `test_rapport_simulator.py`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from pytest_httpserver import HTTPServer
from shapely.geometry import shape
from werkzeug import Request, Response

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Rol
from nlalert.app import create_app
from nlalert.audit import log as audit
from nlalert.db import transactie, verbind
from nlalert.oefenen import opslag
from nlalert.oefenen.opslag import Lid, Team
from nlalert.workflow import opslag as berichtopslag
from tests.nlalert.conftest import inhoud, login, maak_gebruiker, post, token

# The hazard area H: lon 4.60-4.62, lat 51.80-51.82 (Zwijndrecht, VR18).
H = [[4.60, 51.80], [4.62, 51.80], [4.62, 51.82], [4.60, 51.82], [4.60, 51.80]]
# The message area M: the same latitudes, lon 4.61-4.63: its western half covers H's eastern half.
M = [[4.61, 51.80], [4.63, 51.80], [4.63, 51.82], [4.61, 51.82], [4.61, 51.80]]

SCENARIO = f"""\
titel = "Handwerk"
regio = "VR18"
tempo = 1
duur = 120

[[inject]]
id = "melding"
tijd = 0
tekst = "Brand in een loods; veel rook."

[[inject]]
tijd = "01:00"
tekst = "Het vuur is uit."

[grondwaarheid]
categorieen = ["brand-rook"]

[grondwaarheid.gebied]
polygoon = {json.dumps(H)}

[grondwaarheid.eerste_alert]
uiterlijk = 15

[[grondwaarheid.taal]]
code = "en"
reden = "Toeristen in de jachthaven."

[[grondwaarheid.taal]]
code = "de"
reden = "Duitse schippers."

[[grondwaarheid.vervolg]]
soort = "einde"
uiterlijk = "01:30"
"""

# The stand-in's reports, by the western edge of the area asked about.
RAPPORTEN = {
    4.60: {  # H
        "inwoners": 1000,
        "bereikt": 900,
        "overshoot": 300,
        "per_leeftijd": [{"leeftijd": "75+", "inwoners_in_gebied": 100, "bereikt": 70}],
    },
    4.61: {  # M, and H∩M: told apart by the eastern edge
        "inwoners": 800,
        "bereikt": 720,
        "overshoot": 200,
        "per_leeftijd": [{"leeftijd": "75+", "inwoners_in_gebied": 90, "bereikt": 60}],
    },
    "overlap": {
        "inwoners": 500,
        "bereikt": 450,
        "overshoot": 999,
        "per_leeftijd": [{"leeftijd": "75+", "inwoners_in_gebied": 40, "bereikt": 30}],
    },
}


def _bereik(request: Request) -> Response:
    area = request.get_json()["area"]
    west, _s, oost, _n = shape(area).bounds
    if math.isclose(west, 4.61) and math.isclose(oost, 4.62):
        rapport = RAPPORTEN["overlap"]
    else:
        rapport = RAPPORTEN[round(west, 2)]
    return Response(json.dumps(rapport), content_type="application/json")


@pytest.fixture
def stand_in(httpserver: HTTPServer) -> Iterator[HTTPServer]:
    """The simulator's reach API with fixed answers."""
    httpserver.expect_request("/api/v1/reach", method="POST").respond_with_handler(_bereik)
    yield httpserver


@pytest.fixture
def hand_app(tmp_path: Path, stand_in: HTTPServer) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-sleutel",
            "DATABASE": str(tmp_path / "r.sqlite"),
            "SIM_URL": stand_in.url_for("/").rstrip("/"),
        },
        instance_path=tmp_path,
    )
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "bob", Rol.GOEDKEURDER)
    maak_gebruiker(app, "tess", Rol.BEHEER)
    return app


def _hand_worked(app: Flask) -> tuple[int, int, datetime]:
    """The exercise of the hand-worked case, its one bericht, and when inject 1 came out."""
    t0 = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
    with closing(verbind(app.config["DATABASE"])) as db, app.app_context():
        tess = gebruikers.zoek(db, "tess")
        anna = gebruikers.zoek(db, "anna")
        assert tess and anna
        scenario = opslag.scenario_uit_upload(SCENARIO, "handwerk.toml")
        o = opslag.maak(
            db,
            scenario=scenario,
            naam="handwerk.toml",
            toml=SCENARIO,
            teams=(
                Team(
                    naam="Rood",
                    leden=(
                        Lid(gebruiker="anna", rol="opsteller"),
                        Lid(gebruiker="bob", rol="goedkeurder"),
                    ),
                ),
            ),
            door=tess,
            moment=t0,
        )
        opslag.stap(db, o.id, "start", tess, t0)
        gebied = {"type": "Polygon", "coordinates": [M]}
        record = berichtopslag.maak(db, inhoud(gebied=gebied, talen=["nl", "en"]), anna)
        assert record.id is not None
        # The steps at known moments: submitted at 14:00, approved at 16:30, on air at 19:00
        # after inject 1 (the audit log is where the report reads them).
        with transactie(db):
            for actie, minuten, wie in (
                (audit.Actie.INDIENEN, 14, "anna"),
                (audit.Actie.GOEDKEUREN, 16.5, "bob"),
                (audit.Actie.VERZONDEN, 19, "bob"),
            ):
                audit.schrijf(
                    db,
                    gebruiker=wie,
                    actie=actie,
                    bericht_id=record.id,
                    inhoud=record.inhoud,
                    nu=t0 + timedelta(minutes=minuten),
                )
            db.execute(
                "UPDATE berichten SET status = 'verzonden', goedkeurder = 'bob', verzonden_op = ?"
                " WHERE id = ?",
                ((t0 + timedelta(minutes=19)).isoformat(), record.id),
            )
        return o.id, record.id, t0


def _rapport(app: Flask, oefening_id: int) -> dict[str, Any]:
    c = app.test_client()
    login(c, "tess")
    r = c.get(f"/oefeningen/{oefening_id}/rapport.json")
    assert r.status_code == 200, r.get_data(as_text=True)
    data: dict[str, Any] = r.get_json()
    return data


def test_report_figures_match_the_hand_worked_case(hand_app: Flask) -> None:
    """Every figure of the hand-worked case, worked out by hand.

    Scenario: inject 1 at exercise minute 0, first alert due by minute 15 (tempo 1: 15 real
    minutes); an all-clear due by 01:30 after inject 2 at 01:00; languages besides Dutch: en
    (tourists) and de (German skippers). Hazard area H = lon 4.60-4.62 x lat 51.80-51.82.

    Team Rood sends one alert in nl+en over M = lon 4.61-4.63 x the same latitudes. Inject 1 came
    out at t0; the bericht was submitted at t0+14:00, approved at t0+16:30, on air at t0+19:00.

    - minutes to submit 14.0, to approval 16.5, to broadcast 19.0; first alert 19.0 min;
    - due at t0+15:00, sent at t0+19:00: late. The all-clear answers inject 2, which has not come
      out (the exercise is 10 minutes in): not due yet, and missing;
    - languages sent nl, en; expected nl, en, de: de is missing;
    - area share: a lon/lat quadrangle's area on the ellipsoid is proportional to its width in
      longitude, so H∩M (0.01 deg wide) is half of H (0.02 deg): 50 % covered, and half of M lies
      outside H. H's size: 0.02 deg lon x cos(51.81 deg) x 111.32 km = 1.377 km, times 0.02 deg
      lat x 111.2 km = 2.224 km: 3.06 km2;
    - the stand-in says: H has 1,000 inhabitants, 100 of them 75+; H∩M: 450 reached, 30 of the
      75+ reached; M: 720 reached inside, 200 outside (overshoot). So: people in the hazard area
      1,000; reached in it 450; alerted outside it 720 + 200 - 450 = 470; 75+ in the hazard area
      expected to miss it 100 - 30 = 70;
    - pages: the primary broadcast is GSM-7, 93 septets a page: ceil(characters / 93) pages
      (no extension characters in this text, so a character is a septet);
    - completeness: wat/waar (plaats Utrecht in the text), actie, meer informatie (crisis.nl),
      tijd (the header) are there; bron is not: no sender is configured.
    """
    oefening_id, bericht_id, t0 = _hand_worked(hand_app)
    r = _rapport(hand_app, oefening_id)
    assert r["run"] == 1 and r["opmerkingen"] == ""
    assert r["gevaarsgebied_km2"] == pytest.approx(3.06, abs=0.01)
    (team,) = r["teams"]
    assert team["naam"] == "Rood" and team["eerste_alert_minuten"] == 19.0
    (b,) = team["berichten"]
    assert b["bericht_id"] == bericht_id and b["inject"] == 1
    assert b["inject_vrijgegeven_op"] == t0.isoformat()
    assert b["minuten"] == {"indienen": 14.0, "goedkeuren": 16.5, "verzonden": 19.0}
    alert, einde = team["verwacht"]
    assert alert["soort"] == "alert" and alert["bericht_id"] == bericht_id
    assert alert["uiterlijk"] == (t0 + timedelta(minutes=15)).isoformat()
    assert alert["op_tijd"] is False
    assert einde == {
        "soort": "einde",
        "uiterlijk": None,
        "bericht_id": None,
        "verzonden_op": None,
        "op_tijd": False,
        "reden": None,
    }
    assert b["talen"] == ["nl", "en"] and team["talen_ontbrekend"] == ["de"]
    assert [t["code"] for t in team["talen_verwacht"]] == ["nl", "en", "de"]
    fit = b["gebiedsfit"]
    assert fit["aandeel_gedekt"] == 0.5 and fit["aandeel_buiten"] == 0.5
    assert fit["inwoners_gevaar"] == 1000
    assert fit["bereikt_in_gevaar"] == 450
    assert fit["gealarmeerd_buiten"] == 470
    assert fit["ouderen_gevaar"] == 100 and fit["ouderen_gemist"] == 70
    assert fit["bereik_fout"] == ""
    (u,) = b["uitzendingen"]
    assert u["talen"] == ["nl", "en"] and u["codering"] == "gsm7"
    assert u["paginas"] == math.ceil(u["tekens"] / 93)
    assert b["volledigheid"] == {
        "wat_waar": True,
        "actie": True,
        "meer_info": True,
        "bron": False,
        "tijd": True,
    }
    # Readability is the project's own measure of the Dutch text (and of easy Dutch).
    assert set(b["leesbaarheid"]) == {"standaard", "b1"}
    assert all(
        v["flesch_douma"] > 0 and v["woorden_per_zin"] > 0 for v in b["leesbaarheid"].values()
    )
    # The comparison between runs holds this one run, with the same minutes.
    assert r["runs"] == [
        {
            "oefening_id": oefening_id,
            "run": 1,
            "toestand": "loopt",
            "teams": [{"naam": "Rood", "eerste_alert_minuten": 19.0, "verzonden": 1}],
        }
    ]


def test_report_as_page_pdf_csv_and_from_the_command_line(
    hand_app: Flask,
    stand_in: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    oefening_id, bericht_id, _t0 = _hand_worked(hand_app)
    c = hand_app.test_client()
    login(c, "tess")
    pagina = c.get(f"/oefeningen/{oefening_id}/rapport").get_data(as_text=True)
    assert "data:image/svg+xml;base64," in pagina  # the timeline chart
    assert "19,0" in pagina and "50,0 %" in pagina and "470" in pagina
    pdf = c.get(f"/oefeningen/{oefening_id}/rapport.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert pdf.data.count(b"/Type /Page\n") + pdf.data.count(b"/Type /Page ") >= 2
    regels = c.get(f"/oefeningen/{oefening_id}/rapport.csv").get_data(as_text=True).splitlines()
    assert regels[0].startswith("team,bericht_id,soort")
    assert regels[1].startswith(f"Rood,{bericht_id},alert,verzonden,1,14.0,16.5,19.0,False,bron")

    monkeypatch.setenv("NLALERT_DATABASE", hand_app.config["DATABASE"])
    monkeypatch.setenv("NLALERT_SIM_URL", hand_app.config["SIM_URL"])
    from nlalert import cli

    uit = tmp_path / "rapport.pdf"
    csv_uit = tmp_path / "rapport.csv"
    args = ["oefening", "rapport", str(oefening_id), "--instance", str(tmp_path)]
    assert cli.main([*args, "--pdf", str(uit), "--csv", str(csv_uit), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["teams"][0]["berichten"][0]["gebiedsfit"]["gealarmeerd_buiten"] == 470
    assert uit.read_bytes().startswith(b"%PDF-")
    assert csv_uit.read_text(encoding="utf-8").splitlines()[1].startswith(f"Rood,{bericht_id},")
    assert cli.main(args) == 0
    tekst = capsys.readouterr().out
    assert "uitzending 19.0 min; gevaarsgebied gedekt 50 %" in tekst
    assert "verwacht einde: ontbreekt" in tekst and "niet verzonden in: de" in tekst
    assert cli.main(["oefening", "rapport", "999", "--instance", str(tmp_path)]) == 2
    assert "999" in capsys.readouterr().err


def test_report_without_the_simulator_says_why(hand_app: Flask, stand_in: HTTPServer) -> None:
    oefening_id, _b, _t0 = _hand_worked(hand_app)
    stand_in.clear()  # every reach request now fails
    fit = _rapport(hand_app, oefening_id)["teams"][0]["berichten"][0]["gebiedsfit"]
    assert fit["aandeel_gedekt"] == 0.5  # geometry needs no simulator
    assert fit["inwoners_gevaar"] is None and "simulator" in fit["bereik_fout"]


def _leeg(app: Flask) -> int:
    """An exercise with one team that sent nothing."""
    with closing(verbind(app.config["DATABASE"])) as db, app.app_context():
        tess = gebruikers.zoek(db, "tess")
        assert tess
        o = opslag.maak(
            db,
            scenario=opslag.scenario_uit_upload(SCENARIO, "handwerk.toml"),
            naam="handwerk.toml",
            toml=SCENARIO,
            teams=(
                Team(
                    naam="Rood",
                    leden=(
                        Lid(gebruiker="anna", rol="opsteller"),
                        Lid(gebruiker="bob", rol="goedkeurder"),
                    ),
                ),
            ),
            door=tess,
            moment=datetime.now(UTC),
        )
        return o.id


def test_unknown_exercise_is_404_everywhere(hand_app: Flask) -> None:
    c = hand_app.test_client()
    login(c, "tess")
    for pad in (
        "/oefeningen/999/rapport",
        "/oefeningen/999/rapport.pdf",
        "/oefeningen/999/rapport.json",
        "/oefeningen/999/rapport.csv",
    ):
        assert c.get(pad).status_code == 404, pad
    kop = token(hand_app, "tess")
    for pad in ("rapport", "rapport.csv", "rapport.pdf"):
        r = c.get(f"/api/oefeningen/999/{pad}", headers=kop)
        assert r.status_code == 404 and "999" in r.get_json()["detail"]
    r = c.put("/api/oefeningen/999/opmerkingen", json={"opmerkingen": "x"}, headers=kop)
    assert r.status_code == 404


def test_a_team_member_cannot_read_the_report(hand_app: Flask) -> None:
    oefening_id = _leeg(hand_app)
    c = hand_app.test_client()
    login(c, "anna")
    assert c.get(f"/oefeningen/{oefening_id}/rapport").status_code == 403
    r = c.get(f"/api/oefeningen/{oefening_id}/rapport", headers=token(hand_app, "anna"))
    assert r.status_code == 403


def test_exercise_without_berichten_still_has_a_valid_report(hand_app: Flask) -> None:
    oefening_id = _leeg(hand_app)
    r = _rapport(hand_app, oefening_id)
    (team,) = r["teams"]
    assert team["berichten"] == [] and team["eerste_alert_minuten"] is None
    assert [v["bericht_id"] for v in team["verwacht"]] == [None, None]
    assert team["talen_ontbrekend"] == ["nl", "en", "de"]
    c = hand_app.test_client()
    login(c, "tess")
    assert c.get(f"/oefeningen/{oefening_id}/rapport.pdf").data.startswith(b"%PDF-")
    assert c.get(f"/oefeningen/{oefening_id}/rapport.csv").get_data(as_text=True).count("\n") == 1
    pagina = c.get(f"/oefeningen/{oefening_id}/rapport").get_data(as_text=True)
    assert "data:image/svg+xml" in pagina


def test_remarks_are_stored_escaped_and_audited(hand_app: Flask) -> None:
    oefening_id = _leeg(hand_app)
    c = hand_app.test_client()
    login(c, "tess")
    r = post(
        c, f"/oefeningen/{oefening_id}/opmerkingen", opmerkingen="<script>alert(1)</script> ok"
    )
    assert r.status_code == 302
    pagina = c.get(f"/oefeningen/{oefening_id}/rapport").get_data(as_text=True)
    assert "<script>alert(1)" not in pagina and "&lt;script&gt;alert(1)&lt;/script&gt; ok" in pagina
    assert _rapport(hand_app, oefening_id)["opmerkingen"] == "<script>alert(1)</script> ok"
    with closing(verbind(hand_app.config["DATABASE"])) as db:
        (details,) = [
            json.loads(d)
            for (d,) in db.execute("SELECT details FROM audit WHERE actie = 'oefenopmerking'")
        ]
    assert details == {"oefening_id": oefening_id, "opmerkingen": "<script>alert(1)</script> ok"}
    kop = token(hand_app, "tess")
    # A lone surrogate (valid JSON escape, not encodable text) and the wrong type: 400, one line.
    for body in ('{"opmerkingen": "\\ud800 kapot"}', '{"opmerkingen": 12}'):
        r = c.put(
            f"/api/oefeningen/{oefening_id}/opmerkingen",
            data=body,
            content_type="application/json",
            headers=kop,
        )
        assert r.status_code == 400 and "opmerkingen" in r.get_json()["detail"], body
    r = c.put(
        f"/api/oefeningen/{oefening_id}/opmerkingen",
        json={"opmerkingen": "x" * 10_001},
        headers=kop,
    )
    assert r.status_code == 400
    r = c.put(
        f"/api/oefeningen/{oefening_id}/opmerkingen", json={"opmerkingen": " goed "}, headers=kop
    )
    assert r.status_code == 200 and r.get_json()["opmerkingen"] == "goed"


def test_remarks_from_the_command_line_refuse_text_that_is_no_text(
    hand_app: Flask, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """argv can carry lone surrogates (undecodable bytes, surrogateescape): no edge checks
    them there, so the remarks' own check must."""
    from nlalert import cli

    oefening_id = _leeg(hand_app)
    monkeypatch.setenv("NLALERT_DATABASE", hand_app.config["DATABASE"])
    instance = str(Path(hand_app.config["DATABASE"]).parent)
    args = ["oefening", "opmerkingen", str(oefening_id)]
    assert cli.main([*args, "kapot \udcff", "--instance", instance]) == 2
    assert "opmerkingen" in capsys.readouterr().err
    assert cli.main([*args, "Goed gedaan.", "--instance", instance]) == 0
    assert _rapport(hand_app, oefening_id)["opmerkingen"] == "Goed gedaan."


def test_a_rerun_keeps_its_own_berichten_and_report(hand_app: Flask) -> None:
    oefening_id, bericht_id, _t0 = _hand_worked(hand_app)
    kop = token(hand_app, "tess")
    c = hand_app.test_client()
    # A running exercise cannot be rerun: its team members are still in it.
    assert c.post(f"/api/oefeningen/{oefening_id}/herhaal", headers=kop).status_code == 409
    assert c.post(f"/api/oefeningen/{oefening_id}/beeindig", headers=kop).status_code == 200
    r = c.post(f"/api/oefeningen/{oefening_id}/herhaal", headers=kop)
    assert r.status_code == 201, r.get_json()
    nieuw = r.get_json()
    assert nieuw["toestand"] == "klaar" and nieuw["berichten"] == []
    assert [t["naam"] for t in nieuw["teams"]] == ["Rood"]
    data = _rapport(hand_app, nieuw["id"])
    assert data["run"] == 2 and data["vorige_id"] == oefening_id
    assert data["teams"][0]["berichten"] == []
    assert [(run["run"], run["teams"][0]["eerste_alert_minuten"]) for run in data["runs"]] == [
        (1, 19.0),
        (2, None),
    ]
    # The first run's report is unchanged.
    oud = _rapport(hand_app, oefening_id)
    assert [b["bericht_id"] for b in oud["teams"][0]["berichten"]] == [bericht_id]
