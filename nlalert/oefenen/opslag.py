"""Storing exercises: the oefening with its teams, its clock, and the injects it released.

The trainer's rights are the beheer role's (`Recht.BEHEER`): no separate `trainer` role, so no
rebuild of the users table (SQLite cannot change its CHECK on `rol`). A user takes part in at
most one unfinished exercise, so every bericht they compose binds to one exercise without asking.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Gebruiker, GeenRecht, Recht
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, NietGevonden, OngeldigeInvoer
from nlalert.oefenen.fouten import TeamOngeldig
from nlalert.oefenen.klok import Klok, Toestand, vrijgavemoment
from nlalert.oefenen.model import Inject, Scenario
from nlalert.oefenen.pakket import scenario_uit_upload as scenario_uit_upload
from nlalert.oefenen.pakket import scenario_uit_zip as scenario_uit_zip
from nlalert.oefenen.pakket import upload as upload
from nlalert.oefenen.scenario import meegeleverd, meegeleverde

MAX_TEAMS = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class Lid:
    """A user in a team: opsteller, goedkeurder, or alone (in training mode, doing both)."""

    gebruiker: str
    rol: str  # opsteller | goedkeurder | alleen


@dataclass(frozen=True, slots=True, kw_only=True)
class Team:
    """A team of an exercise."""

    naam: str
    leden: tuple[Lid, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Oefening:
    """A stored exercise."""

    id: int
    scenario: str
    scenario_toml: str | None
    titel: str
    tempo: float
    klok: Klok
    trainer: str
    aangemaakt_op: datetime
    teams: tuple[Team, ...]
    opmerkingen: str = ""  # the trainer's remarks in the report
    vorige_id: int | None = None  # the run this one repeats
    scenario_zip: bytes | None = field(default=None, repr=False)  # an uploaded zip, as sent

    @property
    def toestand(self) -> Toestand:
        """Where the exercise is."""
        return self.klok.toestand

    def team_van(self, naam: str) -> Team | None:
        """The team this user is in, if any."""
        for team in self.teams:
            if any(lid.gebruiker.casefold() == naam.casefold() for lid in team.leden):
                return team
        return None


def nu() -> datetime:
    """The real time now (UTC)."""
    return datetime.now(UTC)


def _tijd(w: str | None) -> datetime | None:
    return None if w is None else datetime.fromisoformat(w)


def _iso(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def mag_trainen(door: Gebruiker) -> None:
    """Refuse anyone but a trainer (the beheer role)."""
    if not door.mag(Recht.BEHEER):
        raise GeenRecht(N_("alleen een trainer (rol beheer) mag oefeningen leiden"))


def scenario_van(o: Oefening) -> Scenario:
    """The exercise's scenario: the shipped one by name, or the stored upload (TOML or zip)."""
    if o.scenario_zip is not None:
        return scenario_uit_zip(o.scenario_zip, o.scenario)[0]
    if o.scenario_toml is None:
        return meegeleverd(o.scenario)
    return scenario_uit_upload(o.scenario_toml, o.scenario)


def _teams(db: sqlite3.Connection, oefening_id: int) -> tuple[Team, ...]:
    rijen = db.execute(
        "SELECT t.naam, l.gebruiker, l.rol FROM oefenteams t"
        " JOIN oefenleden l ON l.team_id = t.id WHERE t.oefening_id = ?"
        " ORDER BY t.id, CASE l.rol WHEN 'goedkeurder' THEN 1 ELSE 0 END",
        (oefening_id,),
    ).fetchall()
    teams: dict[str, list[Lid]] = {}
    for r in rijen:
        teams.setdefault(r["naam"], []).append(Lid(gebruiker=r["gebruiker"], rol=r["rol"]))
    return tuple(Team(naam=n, leden=tuple(leden)) for n, leden in teams.items())


def _oefening(db: sqlite3.Connection, rij: sqlite3.Row) -> Oefening:
    return Oefening(
        id=int(rij["id"]),
        scenario=rij["scenario"],
        scenario_toml=rij["scenario_toml"],
        titel=rij["titel"],
        tempo=float(rij["tempo"]),
        klok=Klok(
            toestand=Toestand(rij["toestand"]),
            begonnen_op=_tijd(rij["begonnen_op"]),
            loopt_sinds=_tijd(rij["loopt_sinds"]),
            opgebouwd=timedelta(seconds=float(rij["opgebouwd"])),
            beeindigd_op=_tijd(rij["beeindigd_op"]),
        ),
        trainer=rij["trainer"],
        aangemaakt_op=datetime.fromisoformat(rij["aangemaakt_op"]),
        teams=_teams(db, int(rij["id"])),
        opmerkingen=rij["opmerkingen"] or "",
        vorige_id=None if rij["vorige_id"] is None else int(rij["vorige_id"]),
        scenario_zip=None if rij["scenario_zip"] is None else bytes(rij["scenario_zip"]),
    )


def lees(db: sqlite3.Connection, oefening_id: int) -> Oefening:
    """The stored exercise with this id."""
    rij = db.execute("SELECT * FROM oefeningen WHERE id = ?", (oefening_id,)).fetchone()
    if rij is None:
        raise NietGevonden(N_("oefening"), oefening_id)
    return _oefening(db, rij)


def lijst(db: sqlite3.Connection, *, limiet: int = 200) -> list[Oefening]:
    """The newest exercises first."""
    rijen = db.execute("SELECT * FROM oefeningen ORDER BY id DESC LIMIT ?", (limiet,)).fetchall()
    return [_oefening(db, r) for r in rijen]


def actief_voor(db: sqlite3.Connection, naam: str) -> Oefening | None:
    """The unfinished exercise this user is a team member of, if any."""
    rij = db.execute(
        "SELECT o.* FROM oefeningen o JOIN oefenteams t ON t.oefening_id = o.id"
        " JOIN oefenleden l ON l.team_id = t.id"
        " WHERE l.gebruiker = ? AND o.toestand != 'beeindigd' ORDER BY o.id DESC LIMIT 1",
        (naam,),
    ).fetchone()
    return None if rij is None else _oefening(db, rij)


def oefening_van_bericht(db: sqlite3.Connection, bericht_id: int) -> int | None:
    """The exercise a stored bericht is bound to, if any."""
    rij = db.execute("SELECT oefening_id FROM berichten WHERE id = ?", (bericht_id,)).fetchone()
    return None if rij is None or rij[0] is None else int(rij[0])


def _controleer_team(
    db: sqlite3.Connection, scenario: Scenario, team: Team, gezien: set[str]
) -> Team:
    if scenario.teams and team.naam not in scenario.teams:
        raise TeamOngeldig(
            team.naam,
            N_("het scenario kent alleen de teams %(teams)s"),
            teams=", ".join(scenario.teams),
        )
    rollen = sorted(lid.rol for lid in team.leden)
    if rollen not in (["goedkeurder", "opsteller"], ["alleen"]):
        raise TeamOngeldig(
            team.naam,
            N_("een team is een opsteller en een goedkeurder, of één persoon in training"),
        )
    leden: list[Lid] = []
    for lid in team.leden:
        g = gebruikers.zoek(db, lid.gebruiker)
        if g is None or not g.actief:
            raise TeamOngeldig(
                team.naam, N_("gebruiker '%(naam)s' bestaat niet"), naam=lid.gebruiker
            )
        if g.naam.casefold() in gezien:
            raise TeamOngeldig(team.naam, N_("%(naam)s staat al in een team"), naam=g.naam)
        gezien.add(g.naam.casefold())
        recht = Recht.GOEDKEUREN if lid.rol == "goedkeurder" else Recht.OPSTELLEN
        if not g.mag(recht):
            raise TeamOngeldig(
                team.naam,
                N_("%(naam)s (rol %(rol)s) kan geen %(taak)s zijn"),
                naam=g.naam,
                rol=str(g.rol),
                taak=lid.rol,
            )
        if lid.rol == "alleen" and not g.training:
            raise TeamOngeldig(
                team.naam,
                N_("%(naam)s staat niet in trainingsmodus en kan niet alleen oefenen"),
                naam=g.naam,
            )
        if (ander := actief_voor(db, g.naam)) is not None:
            raise TeamOngeldig(
                team.naam, N_("%(naam)s doet al mee aan oefening %(id)s"), naam=g.naam, id=ander.id
            )
        leden.append(Lid(gebruiker=g.naam, rol=lid.rol))
    return Team(naam=team.naam, leden=tuple(leden))


def maak(
    db: sqlite3.Connection,
    *,
    scenario: Scenario,
    naam: str,
    toml: str | None,
    teams: tuple[Team, ...],
    door: Gebruiker,
    moment: datetime,
    vorige_id: int | None = None,
    zip_: bytes | None = None,
) -> Oefening:
    """Store a new exercise (not started) with its teams; every member is checked first.

    `toml` is an upload's text and `zip_` the zip it came in, if it did (kept whole, so the
    attachments survive a restart and a rerun). `vorige_id` makes it a new run of that exercise
    (audited as such, in the same transaction).
    """
    mag_trainen(door)
    if not teams or len(teams) > MAX_TEAMS:
        raise TeamOngeldig("-", N_("geef 1 tot %(max)s teams"), max=MAX_TEAMS)
    if len({t.naam for t in teams}) != len(teams):
        raise TeamOngeldig("-", N_("elke teamnaam komt één keer voor"))
    if toml is None and naam not in meegeleverde():
        raise NietGevonden(N_("scenario"), naam)
    with transactie(db):
        gezien: set[str] = set()
        gecontroleerd = [_controleer_team(db, scenario, t, gezien) for t in teams]
        cur = db.execute(
            "INSERT INTO oefeningen (scenario, scenario_toml, scenario_zip, titel, toestand, tempo,"
            " trainer, aangemaakt_op, vorige_id) VALUES (?, ?, ?, ?, 'klaar', ?, ?, ?, ?)"
            " RETURNING id",
            (
                naam,
                toml,
                zip_,
                scenario.titel,
                scenario.tempo,
                door.naam,
                moment.isoformat(),
                vorige_id,
            ),
        )
        oefening_id = int(cur.fetchone()[0])
        for team in gecontroleerd:
            team_id = db.execute(
                "INSERT INTO oefenteams (oefening_id, naam) VALUES (?, ?) RETURNING id",
                (oefening_id, team.naam),
            ).fetchone()[0]
            db.executemany(
                "INSERT INTO oefenleden (team_id, gebruiker, rol) VALUES (?, ?, ?)",
                [(team_id, lid.gebruiker, lid.rol) for lid in team.leden],
            )
        gegevens = {
            "oefening_id": oefening_id,
            "scenario": naam,
            "teams": {t.naam: [lid.gebruiker for lid in t.leden] for t in gecontroleerd},
        }
        if vorige_id is not None:
            gegevens["vorige_id"] = vorige_id
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.OEFENING_HERHAALD if vorige_id else audit.Actie.OEFENING_AANGEMAAKT,
            inhoud=gegevens,
            details=gegevens,
            nu=moment,
        )
    return lees(db, oefening_id)


def _bewaar_vrijgegeven(db: sqlite3.Connection, o: Oefening, moment: datetime) -> None:
    """Record the injects released by now with their real release moment (inside a transaction)."""
    if o.klok.begonnen_op is None:
        return
    s = scenario_van(o)
    tijd = s.oefentijd(o.klok.verstreken(moment))
    db.executemany(
        "INSERT INTO oefeninjects (oefening_id, nummer, vrijgegeven_op) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [
            (o.id, i.nummer, vrijgavemoment(o.klok, s, i, moment).isoformat())
            for i in s.injects
            if i.tijd <= tijd
        ],
    )


STAPPEN = {
    "start": Klok.start,
    "pauzeer": Klok.pauzeer,
    "hervat": Klok.hervat,
    "beeindig": Klok.beeindig,
}


def stap(
    db: sqlite3.Connection, oefening_id: int, actie: str, door: Gebruiker, moment: datetime
) -> Oefening:
    """The trainer starts, pauses, resumes or ends an exercise; the clock is stored at once."""
    mag_trainen(door)
    with transactie(db):
        oud = lees(db, oefening_id)
        # Injects released in the stretch that ends now are recorded before it ends.
        _bewaar_vrijgegeven(db, oud, moment)
        k = STAPPEN[actie](oud.klok, moment)
        db.execute(
            "UPDATE oefeningen SET toestand = ?, begonnen_op = ?, loopt_sinds = ?, opgebouwd = ?,"
            " beeindigd_op = ? WHERE id = ?",
            (
                str(k.toestand),
                _iso(k.begonnen_op),
                _iso(k.loopt_sinds),
                k.opgebouwd.total_seconds(),
                _iso(k.beeindigd_op),
                oefening_id,
            ),
        )
        if actie == "start":
            _bewaar_vrijgegeven(db, lees(db, oefening_id), moment)
        gegevens = {"oefening_id": oefening_id, "stap": actie, "toestand": str(k.toestand)}
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.OEFENSTAP,
            inhoud=gegevens,
            details=gegevens,
            nu=moment,
        )
    return lees(db, oefening_id)


def vrijgegeven(
    db: sqlite3.Connection, o: Oefening, team: str | None, moment: datetime
) -> list[tuple[Inject, datetime]]:
    """The injects released to this team by now (None: the trainer sees all), newest first,
    with when they were released."""
    if o.klok.loopt_sinds is not None:
        with transactie(db):
            _bewaar_vrijgegeven(db, o, moment)
    s = scenario_van(o)
    rijen = db.execute(
        "SELECT nummer, vrijgegeven_op FROM oefeninjects WHERE oefening_id = ? ORDER BY nummer",
        (o.id,),
    ).fetchall()
    uit = []
    for r in rijen:
        inject = s.inject(int(r["nummer"]))
        if team is None or inject.team is None or inject.team == team:
            uit.append((inject, datetime.fromisoformat(r["vrijgegeven_op"])))
    return uit[::-1]


def als_oefening(data: object) -> object:
    """A compose request inside an exercise: always exercise mode, whatever was asked."""
    return {**data, "modus": "oefening"} if isinstance(data, Mapping) else data


def bind(db: sqlite3.Connection, bericht_id: int | None, oefening_id: int | None) -> None:
    """Bind a stored training bericht to its exercise (inside the caller's transaction)."""
    if oefening_id is not None and bericht_id is not None:
        db.execute("UPDATE berichten SET oefening_id = ? WHERE id = ?", (oefening_id, bericht_id))


def team_uit_tekst(waarde: str) -> Team:
    """`NAAM:opsteller,goedkeurder` or `NAAM:gebruiker` (alone, in training mode) as a Team."""
    naam, _, leden = waarde.partition(":")
    namen = [n.strip() for n in leden.split(",") if n.strip()]
    if not naam.strip() or len(namen) not in (1, 2):
        raise OngeldigeInvoer(
            "team", N_("schrijf NAAM:opsteller,goedkeurder of NAAM:gebruiker (alleen, in training)")
        )
    if len(namen) == 1:
        return Team(naam=naam.strip(), leden=(Lid(gebruiker=namen[0], rol="alleen"),))
    return Team(
        naam=naam.strip(),
        leden=(
            Lid(gebruiker=namen[0], rol="opsteller"),
            Lid(gebruiker=namen[1], rol="goedkeurder"),
        ),
    )
