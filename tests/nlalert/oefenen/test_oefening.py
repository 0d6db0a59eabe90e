"""Running an exercise: the stored clock, released injects, teams, and a restart of the app."""

from __future__ import annotations

from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Gebruiker, GeenRecht, Rol
from nlalert.app import create_app
from nlalert.db import verbind
from nlalert.oefenen import opslag
from nlalert.oefenen.fouten import OngeldigeOefenstap, TeamOngeldig
from nlalert.oefenen.klok import Toestand, oefentijd
from nlalert.oefenen.opslag import Lid, Team
from nlalert.oefenen.scenario import meegeleverd
from tests.nlalert.conftest import maak_gebruiker, token

MOERDIJK = "moerdijk-chemische-brand"  # tempo 1; injects at 0, 5, 12, 20, 40 and 100 minutes


def duo(naam: str = "A", opsteller: str = "anna", goedkeurder: str = "bob") -> Team:
    return Team(
        naam=naam,
        leden=(
            Lid(gebruiker=opsteller, rol="opsteller"),
            Lid(gebruiker=goedkeurder, rol="goedkeurder"),
        ),
    )


@pytest.fixture
def trainer(app: Flask) -> Gebruiker:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "bob", Rol.GOEDKEURDER)
    return maak_gebruiker(app, "tess", Rol.BEHEER)


def test_clock_and_released_injects_survive_a_restart(
    app: Flask, trainer: Gebruiker, tmp_path: Path, sim_url: str
) -> None:
    """Started 30 real minutes ago, paused from minute 6 to 16: 20 exercise minutes have run.

    Inject 3 (minute 12) came 6 exercise minutes into the second stretch (started at real
    minute 16): real minute 22. Inject 4 (minute 20): real minute 30.
    """
    t0 = opslag.nu() - timedelta(minutes=30)
    with closing(verbind(app.config["DATABASE"])) as db:
        o = opslag.maak(
            db,
            scenario=meegeleverd(MOERDIJK),
            naam=MOERDIJK,
            toml=None,
            teams=(duo(),),
            door=trainer,
            moment=t0,
        )
        opslag.stap(db, o.id, "start", trainer, t0)
        opslag.stap(db, o.id, "pauzeer", trainer, t0 + timedelta(minutes=6))
        opslag.stap(db, o.id, "hervat", trainer, t0 + timedelta(minutes=16))
    # A second app on the same database: nothing is held in the first one's memory.
    tweede = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "andere",
            "DATABASE": app.config["DATABASE"],
            "SIM_URL": sim_url,
        },
        instance_path=tmp_path / "tweede",
    )
    with closing(verbind(tweede.config["DATABASE"])) as db:
        herlezen = opslag.lees(db, o.id)
        assert herlezen.toestand is Toestand.LOOPT
        assert herlezen.klok.opgebouwd == timedelta(minutes=6)
        moment = t0 + timedelta(minutes=30)
        assert oefentijd(herlezen.klok, meegeleverd(MOERDIJK), moment) == timedelta(minutes=20)
        vrij = opslag.vrijgegeven(db, herlezen, "A", moment)
    assert [(i.nummer, t - t0) for i, t in vrij] == [
        (4, timedelta(minutes=30)),
        (3, timedelta(minutes=22)),
        (2, timedelta(minutes=5)),
        (1, timedelta(0)),
    ]
    antwoord = tweede.test_client().get(f"/api/oefeningen/{o.id}", headers=token(tweede, "anna"))
    data = antwoord.get_json()
    assert antwoord.status_code == 200, data
    assert 20 <= data["oefentijd_minuten"] < 21
    assert [i["nummer"] for i in data["injects"]] == [4, 3, 2, 1]
    assert data["klok"].startswith("2026-09-17T14:30")  # scenario start 14:10 + 20 minutes


def test_a_paused_exercise_keeps_its_time_and_releases_nothing(
    app: Flask, trainer: Gebruiker
) -> None:
    t0 = opslag.nu() - timedelta(hours=2)
    with closing(verbind(app.config["DATABASE"])) as db:
        o = opslag.maak(
            db,
            scenario=meegeleverd(MOERDIJK),
            naam=MOERDIJK,
            toml=None,
            teams=(duo(),),
            door=trainer,
            moment=t0,
        )
        opslag.stap(db, o.id, "start", trainer, t0)
        gepauzeerd = opslag.stap(db, o.id, "pauzeer", trainer, t0 + timedelta(minutes=7))
        later = t0 + timedelta(hours=2)
        assert oefentijd(gepauzeerd.klok, meegeleverd(MOERDIJK), later) == timedelta(minutes=7)
        assert [i.nummer for i, _ in opslag.vrijgegeven(db, gepauzeerd, "A", later)] == [2, 1]
        with pytest.raises(OngeldigeOefenstap):
            opslag.stap(db, o.id, "pauzeer", trainer, later)
        klaar = opslag.stap(db, o.id, "beeindig", trainer, later)
        assert klaar.toestand is Toestand.BEEINDIGD
        with pytest.raises(OngeldigeOefenstap):
            opslag.stap(db, o.id, "hervat", trainer, later)


@pytest.mark.parametrize(
    ("team", "reden"),
    [
        (duo(opsteller="niemand"), "bestaat niet"),
        (duo(opsteller="bob", goedkeurder="anna"), "kan geen"),
        (Team(naam="A", leden=(Lid(gebruiker="anna", rol="alleen"),)), "trainingsmodus"),
        (Team(naam="A", leden=(Lid(gebruiker="anna", rol="opsteller"),)), "één persoon"),
    ],
)
def test_a_team_that_cannot_take_part_is_refused(
    app: Flask, trainer: Gebruiker, team: Team, reden: str
) -> None:
    with closing(verbind(app.config["DATABASE"])) as db, pytest.raises(TeamOngeldig) as fout:
        opslag.maak(
            db,
            scenario=meegeleverd(MOERDIJK),
            naam=MOERDIJK,
            toml=None,
            teams=(team,),
            door=trainer,
            moment=opslag.nu(),
        )
    assert reden in str(fout.value)


def test_one_person_in_training_mode_is_a_team_and_nobody_is_in_two_exercises(
    app: Flask, trainer: Gebruiker
) -> None:
    maak_gebruiker(app, "tim", Rol.OPSTELLER, training=True)
    alleen = Team(naam="T", leden=(Lid(gebruiker="tim", rol="alleen"),))
    with closing(verbind(app.config["DATABASE"])) as db:
        o = opslag.maak(
            db,
            scenario=meegeleverd(MOERDIJK),
            naam=MOERDIJK,
            toml=None,
            teams=(alleen,),
            door=trainer,
            moment=opslag.nu(),
        )
        assert opslag.actief_voor(db, "TIM") == o  # names are case-insensitive
        with pytest.raises(TeamOngeldig, match="doet al mee"):
            opslag.maak(
                db,
                scenario=meegeleverd(MOERDIJK),
                naam=MOERDIJK,
                toml=None,
                teams=(alleen,),
                door=trainer,
                moment=opslag.nu(),
            )


def test_only_a_trainer_leads_an_exercise(app: Flask, trainer: Gebruiker) -> None:
    with closing(verbind(app.config["DATABASE"])) as db:
        anna = gebruikers.zoek(db, "anna")
        assert anna is not None
        with pytest.raises(GeenRecht):
            opslag.maak(
                db,
                scenario=meegeleverd(MOERDIJK),
                naam=MOERDIJK,
                toml=None,
                teams=(duo(),),
                door=anna,
                moment=opslag.nu(),
            )


def test_an_older_database_gets_the_exercise_column_and_tables(tmp_path: Path) -> None:
    from nlalert import db as schema

    oud = schema.BERICHTEN_TABEL.replace(
        "    oefening_id INTEGER REFERENCES oefeningen (id),"
        "  -- composed inside this exercise (oefenen)\n",
        "",
    ).replace(
        ",\n    -- A bericht of an exercise is a training bericht: it only ever reaches the simulator."
        "\n    CHECK (oefening_id IS NULL OR training = 1)",
        "",
    )
    assert "oefening_id" not in oud
    with closing(verbind(tmp_path / "oud.sqlite")) as db:
        db.executescript(oud)
        db.execute("PRAGMA user_version = 2")
        schema.init_db(db)
        kolommen = {r[1] for r in db.execute("PRAGMA table_info(berichten)")}
        tabellen = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "oefening_id" in kolommen
    assert {"oefeningen", "oefenteams", "oefenleden", "oefeninjects"} <= tabellen
