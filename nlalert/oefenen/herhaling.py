"""Around an exercise's report: the trainer's remarks (stored and audited), reruns, and clearing
an exercise's broadcasts from the simulator.

A rerun is a new exercise with the same scenario and teams that names the run it repeats
(`vorige_id`). It has its own id, so its berichten, its broadcasts and its report are its own;
the runs of one scenario are compared in the report.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from nlalert.accounts.gebruikers import Gebruiker
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.http.invoer import controleer_tekst
from nlalert.koppelingen.ecbe import oefening_label
from nlalert.koppelingen.simulator import SimulatorClient
from nlalert.oefenen import opslag
from nlalert.oefenen.fouten import OngeldigeOefenstap
from nlalert.oefenen.klok import Toestand
from nlalert.oefenen.opslag import Oefening

MAX_OPMERKINGEN = 10_000


def _schoon(tekst: object) -> str:
    """Remarks as stored: text, within the limit, encodable (no lone surrogates), no NUL."""
    if not isinstance(tekst, str):
        raise OngeldigeInvoer("opmerkingen", N_("verwacht tekst"))
    if len(tekst) > MAX_OPMERKINGEN:
        raise OngeldigeInvoer("opmerkingen", N_("hoogstens %(max)s tekens"), max=MAX_OPMERKINGEN)
    controleer_tekst(tekst, "opmerkingen")
    return tekst.replace("\r\n", "\n").strip()


def bewaar_opmerkingen(
    db: sqlite3.Connection, oefening_id: int, tekst: object, door: Gebruiker, moment: datetime
) -> Oefening:
    """Store the trainer's remarks on the report, with an audit row holding them."""
    opslag.mag_trainen(door)
    schoon = _schoon(tekst)
    with transactie(db):
        opslag.lees(db, oefening_id)  # NietGevonden for an unknown id
        db.execute("UPDATE oefeningen SET opmerkingen = ? WHERE id = ?", (schoon, oefening_id))
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.OEFENOPMERKING,
            inhoud={"oefening_id": oefening_id, "opmerkingen": schoon},
            details={"oefening_id": oefening_id, "opmerkingen": schoon},
            nu=moment,
        )
    return opslag.lees(db, oefening_id)


def herhaal(
    db: sqlite3.Connection, oefening_id: int, door: Gebruiker, moment: datetime
) -> Oefening:
    """A new run of an ended (or never started) exercise: same scenario and teams, not started."""
    opslag.mag_trainen(door)
    oud = opslag.lees(db, oefening_id)
    if oud.toestand in (Toestand.LOOPT, Toestand.GEPAUZEERD):
        raise OngeldigeOefenstap("herhalen", str(oud.toestand))
    scenario = opslag.scenario_van(oud)
    nieuw = opslag.maak(
        db,
        scenario=scenario,
        naam=oud.scenario,
        toml=oud.scenario_toml,
        zip_=oud.scenario_zip,
        teams=oud.teams,
        door=door,
        moment=moment,
        vorige_id=oud.id,
    )
    return nieuw


def wis_simulator(
    db: sqlite3.Connection,
    oefening_id: int,
    door: Gebruiker,
    moment: datetime,
    client: SimulatorClient,
) -> int:
    """Clear this exercise's broadcasts from the simulator's exercise store (no other run's, no
    real one's), audited; the berichten and the report here stay. Returns how many it cleared."""
    opslag.mag_trainen(door)
    o = opslag.lees(db, oefening_id)
    if o.toestand in (Toestand.LOOPT, Toestand.GEPAUZEERD):
        raise OngeldigeOefenstap("wissen", str(o.toestand))
    gewist = client.wis_oefening(oefening_label(o.id))
    with transactie(db):
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.OEFENING_GEWIST,
            inhoud={"oefening_id": o.id, "gewist": gewist},
            details={"oefening_id": o.id, "gewist": gewist},
            nu=moment,
        )
    return gewist


def runs(db: sqlite3.Connection, o: Oefening) -> list[Oefening]:
    """Every run of the same scenario (same name and, for an upload, the same text and zip),
    oldest first: the exercise itself included."""
    rijen = db.execute(
        "SELECT id, scenario_toml, scenario_zip FROM oefeningen WHERE scenario = ? ORDER BY id",
        (o.scenario,),
    ).fetchall()
    return [
        opslag.lees(db, int(r["id"]))
        for r in rijen
        if r["scenario_toml"] == o.scenario_toml
        and (None if r["scenario_zip"] is None else bytes(r["scenario_zip"])) == o.scenario_zip
    ]


def runnummer(db: sqlite3.Connection, o: Oefening) -> int:
    """Which run of its chain this exercise is: 1 for the first, 2 for its first rerun, ..."""
    nummer, vorige, gezien = 1, o.vorige_id, {o.id}
    while vorige is not None and vorige not in gezien:
        gezien.add(vorige)
        nummer += 1
        rij = db.execute("SELECT vorige_id FROM oefeningen WHERE id = ?", (vorige,)).fetchone()
        vorige = None if rij is None or rij[0] is None else int(rij[0])
    return nummer


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """One run of the same scenario, for the comparison between runs."""

    oefening_id: int
    nummer: int
    toestand: str
    teams: tuple[tuple[str, float | None, int], ...]  # name, first alert minutes, berichten sent


def _teamberichten(db: sqlite3.Connection, o: Oefening, team: str) -> list[sqlite3.Row]:
    namen = {lid.gebruiker.casefold() for t in o.teams if t.naam == team for lid in t.leden}
    rijen = db.execute(
        "SELECT id, soort, opsteller, verzonden_op FROM berichten WHERE oefening_id = ?"
        " ORDER BY id",
        (o.id,),
    ).fetchall()
    return [r for r in rijen if str(r["opsteller"]).casefold() in namen]


def eerste_alert(db: sqlite3.Connection, o: Oefening, team: str) -> float | None:
    """Real minutes from the first alert's inject to the team's first alert on air."""
    aanleiding = opslag.scenario_van(o).grondwaarheid.eerste_alert.aanleiding
    rij = db.execute(
        "SELECT vrijgegeven_op FROM oefeninjects WHERE oefening_id = ? AND nummer = ?",
        (o.id, aanleiding),
    ).fetchone()
    if rij is None:
        return None
    for r in _teamberichten(db, o, team):
        if r["soort"] == "alert" and r["verzonden_op"]:
            verschil = datetime.fromisoformat(r["verzonden_op"]) - datetime.fromisoformat(rij[0])
            return round(verschil / timedelta(minutes=1), 1)
    return None


def vergelijk(
    db: sqlite3.Connection, o: Oefening, eigen: Mapping[str, float | None]
) -> tuple[Run, ...]:
    """Every run of the exercise's scenario with each team's first-alert minutes and berichten
    sent; `eigen` holds this run's own minutes as its report measured them."""
    uit = []
    for r in runs(db, o):
        uit.append(
            Run(
                oefening_id=r.id,
                nummer=runnummer(db, r),
                toestand=str(r.toestand),
                teams=tuple(
                    (
                        t.naam,
                        eigen.get(t.naam) if r.id == o.id else eerste_alert(db, r, t.naam),
                        sum(1 for b in _teamberichten(db, r, t.naam) if b["verzonden_op"]),
                    )
                    for t in r.teams
                ),
            )
        )
    return tuple(uit)
