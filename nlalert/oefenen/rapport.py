"""The after-action report of an exercise: per team and bericht how fast, how complete, how
readable, which languages, how well the area fitted and whom it missed; the follow-ups; the
comparison between teams and between runs of the same scenario.

Times come from the audit log (submit, approve, sent) and from `oefeninjects` (when each inject
was released), in real minutes. Completeness, pages and readability come from composing the
stored bericht as the approver saw it (`workflow.opsteller`), so nothing is judged twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from berichten import Bericht, BerichtError, Variant
from nlalert import koppelingen
from nlalert.koppelingen.simulator import BereikError
from nlalert.oefenen import herhaling, opslag
from nlalert.oefenen.model import Scenario, Verwachting
from nlalert.oefenen.opslag import Oefening
from nlalert.oefenen.rapportgebied import Gebiedsfit, Schatter, meet
from nlalert.workflow import opslag as berichtopslag
from nlalert.workflow import opsteller
from nlalert.workflow.model import BerichtRecord
from nlalert.workflow.samenstelling import compose_inhoud, gebied_van, herkomst_van
from vertalingen import BRONTAAL, VertalingenError, leesbaarheid

# The audit actions whose first moment a report measures, per bericht.
STAPPEN = ("maken", "indienen", "goedkeuren", "terugsturen", "verzonden")
Samensteller = Callable[[BerichtRecord, Variant], Bericht]


@dataclass(frozen=True, slots=True, kw_only=True)
class Leesbaarheid:
    """Flesch-Douma and words per sentence of one Dutch text."""

    flesch_douma: float
    woorden_per_zin: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Berichtrapport:
    """One bericht of a team, measured."""

    bericht_id: int
    soort: str
    status: str
    inject: int | None  # the number of the inject it answers
    inject_op: datetime | None
    momenten: Mapping[str, datetime]  # first moment of each step in STAPPEN
    volledigheid: Mapping[str, bool]
    uitzendingen: tuple[Mapping[str, Any], ...]  # talen, paginas, codering
    leesbaarheid: Mapping[str, Leesbaarheid]  # "standaard", "b1"
    talen: tuple[str, ...]
    gebiedsfit: Gebiedsfit | None

    def minuten(self, stap: str) -> float | None:
        """Real minutes from the inject to the first moment of a step."""
        moment = self.momenten.get(stap)
        if moment is None or self.inject_op is None:
            return None
        return round((moment - self.inject_op).total_seconds() / 60, 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Vervolgcheck:
    """An expected alert (first or follow-up) and whether the team sent it, and when."""

    soort: str  # alert, update, einde, cancel
    uiterlijk: datetime | None  # the real moment it was due (None before the inject came)
    bericht_id: int | None
    verzonden_op: datetime | None
    reden: str | None

    @property
    def op_tijd(self) -> bool:
        """Sent, and by the time it was due."""
        return (
            self.verzonden_op is not None
            and self.uiterlijk is not None
            and self.verzonden_op <= self.uiterlijk
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Teamrapport:
    """One team's part of the report."""

    naam: str
    leden: tuple[str, ...]
    berichten: tuple[Berichtrapport, ...]
    verwacht: tuple[Vervolgcheck, ...]  # the first alert, then each expected follow-up
    talen_verwacht: tuple[tuple[str, str], ...]  # (code, reason), Dutch first

    @property
    def eerste_alert_minuten(self) -> float | None:
        """Minutes from the first inject to the team's first alert on air."""
        alerts = [b for b in self.berichten if b.soort == "alert" and "verzonden" in b.momenten]
        return alerts[0].minuten("verzonden") if alerts else None

    def talen_ontbrekend(self) -> tuple[str, ...]:
        """Expected languages no sent alert of the team carried."""
        verzonden = {t for b in self.berichten if "verzonden" in b.momenten for t in b.talen}
        return tuple(c for c, _ in self.talen_verwacht if c not in verzonden)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rapport:
    """The whole report of one exercise."""

    oefening: Oefening
    scenario: Scenario
    run: int
    teams: tuple[Teamrapport, ...]
    runs: tuple[herhaling.Run, ...]
    gemaakt_op: datetime


def _momenten(db: sqlite3.Connection, bericht_id: int) -> dict[str, datetime]:
    uit: dict[str, datetime] = {}
    rijen = db.execute(
        f"SELECT tijd, actie FROM audit WHERE bericht_id = ? AND actie IN"
        f" ({', '.join('?' * len(STAPPEN))}) ORDER BY seq",
        (bericht_id, *STAPPEN),
    ).fetchall()
    for r in rijen:
        uit.setdefault(str(r["actie"]), datetime.fromisoformat(r["tijd"]))
    return uit


def _leesbaarheid(b: Bericht | None) -> Leesbaarheid | None:
    if b is None or not any(t.taal == BRONTAAL for t in b.talen):
        return None
    try:
        m = leesbaarheid.analyseer(b.taaltekst(BRONTAAL).tekst, negeer=[b.velden.get("plaats", "")])
    except VertalingenError:
        return None
    return Leesbaarheid(
        flesch_douma=round(m.flesch_douma, 1), woorden_per_zin=round(m.woorden_per_zin, 1)
    )


def _verwachting(s: Scenario, soort: str) -> Verwachting | None:
    g = s.grondwaarheid
    if soort == "alert":
        return g.eerste_alert
    return next((v for v in g.vervolgen if v.soort == soort), None)


def _aanleiding(
    s: Scenario, soort: str, gemaakt: datetime | None, injects: Mapping[int, datetime]
) -> int | None:
    """The inject a bericht answers: the scenario's for its kind, else the latest before it."""
    v = _verwachting(s, soort)
    if v is not None and v.aanleiding in injects:
        return v.aanleiding
    eerder = [n for n, t in injects.items() if gemaakt is None or t <= gemaakt]
    return max(eerder) if eerder else None


def _berichtrapport(
    db: sqlite3.Connection,
    record: BerichtRecord,
    s: Scenario,
    injects: Mapping[int, datetime],
    samensteller: Samensteller,
    schat: Schatter | None,
    gevaar_rapport: Mapping[str, Any] | None,
) -> Berichtrapport:
    assert record.id is not None
    momenten = _momenten(db, record.id)
    if record.verzonden_op is not None:
        momenten.setdefault("verzonden", record.verzonden_op)
    nummer = _aanleiding(s, record.soort.value, momenten.get("maken"), injects)
    b: Bericht | None
    try:
        b = samensteller(record, Variant.STANDAARD)
    except (BerichtError, VertalingenError):
        b = None
    try:
        b1: Bericht | None = samensteller(record, Variant.B1)
    except (BerichtError, VertalingenError):
        b1 = None
    lees = {"standaard": _leesbaarheid(b), "b1": _leesbaarheid(b1)}
    fit = None
    gebied = gebied_van(record.inhoud.get("gebied"))
    if gebied is not None and record.verzonden_op is not None:
        g = s.grondwaarheid
        fit = meet(g.gebied, g.oppervlakte_km2, gebied, schat, gevaar_rapport)
    return Berichtrapport(
        bericht_id=record.id,
        soort=record.soort.value,
        status=record.status.value,
        inject=nummer,
        inject_op=None if nummer is None else injects[nummer],
        momenten=momenten,
        volledigheid={} if b is None else {n: p.ok for n, p in b.volledigheid.punten.items()},
        uitzendingen=()
        if b is None
        else tuple(
            {
                "talen": list(u.talen),
                "paginas": len(u.cb.pages),
                "codering": str(u.cb.encoding),
                "tekens": u.cb.tekens,
            }
            for u in b.uitzendingen
        ),
        leesbaarheid={k: v for k, v in lees.items() if v is not None},
        talen=tuple(record.inhoud.get("talen") or ()),
        gebiedsfit=fit,
    )


def _verwacht(
    s: Scenario, o: Oefening, injects: Mapping[int, datetime], berichten: list[Berichtrapport]
) -> tuple[Vervolgcheck, ...]:
    g = s.grondwaarheid
    uit = []
    gebruikt: set[int] = set()
    for v, soort in [(g.eerste_alert, "alert"), *((w, str(w.soort)) for w in g.vervolgen)]:
        uiterlijk = None
        if v.aanleiding in injects:
            inject = s.inject(v.aanleiding)
            uiterlijk = injects[v.aanleiding] + (v.uiterlijk - inject.tijd) / o.tempo
        gevonden = next(
            (
                b
                for b in berichten
                if b.soort == soort and "verzonden" in b.momenten and b.bericht_id not in gebruikt
            ),
            None,
        )
        if gevonden is not None:
            gebruikt.add(gevonden.bericht_id)
        uit.append(
            Vervolgcheck(
                soort=soort,
                uiterlijk=uiterlijk,
                bericht_id=None if gevonden is None else gevonden.bericht_id,
                verzonden_op=None if gevonden is None else gevonden.momenten["verzonden"],
                reden=getattr(v, "reden", None),
            )
        )
    return tuple(uit)


def _injects(db: sqlite3.Connection, o: Oefening) -> dict[int, datetime]:
    rijen = db.execute(
        "SELECT nummer, vrijgegeven_op FROM oefeninjects WHERE oefening_id = ? ORDER BY nummer",
        (o.id,),
    ).fetchall()
    return {int(r["nummer"]): datetime.fromisoformat(r["vrijgegeven_op"]) for r in rijen}


def _teams(
    db: sqlite3.Connection,
    o: Oefening,
    samensteller: Samensteller | None,
    schat: Schatter | None,
) -> tuple[Teamrapport, ...]:
    s = opslag.scenario_van(o)
    injects = _injects(db, o)
    leden = {lid.gebruiker.casefold(): t.naam for t in o.teams for lid in t.leden}
    per_team: dict[str, list[Berichtrapport]] = {t.naam: [] for t in o.teams}
    ids = [
        int(r[0])
        for r in db.execute("SELECT id FROM berichten WHERE oefening_id = ? ORDER BY id", (o.id,))
    ]
    gevaar_rapport = None
    if schat is not None and ids:
        try:
            gevaar_rapport = schat(s.grondwaarheid.gebied.to_geojson())
        except BereikError:  # each bericht's fit then asks again and says why
            gevaar_rapport = None
    for i in ids:
        record = berichtopslag.lees(db, i)
        team = leden.get(record.opsteller.casefold())
        if team is None or samensteller is None:
            continue
        per_team[team].append(
            _berichtrapport(db, record, s, injects, samensteller, schat, gevaar_rapport)
        )
    verwacht_talen = tuple([(BRONTAAL, "")] + [(t.code, t.reden) for t in s.grondwaarheid.talen])
    team_injects = {
        t.naam: {
            n: tijd
            for n, tijd in injects.items()
            if s.inject(n).team is None or s.inject(n).team == t.naam
        }
        for t in o.teams
    }
    return tuple(
        Teamrapport(
            naam=t.naam,
            leden=tuple(lid.gebruiker for lid in t.leden),
            berichten=tuple(per_team[t.naam]),
            verwacht=_verwacht(s, o, team_injects[t.naam], per_team[t.naam]),
            talen_verwacht=verwacht_talen,
        )
        for t in o.teams
    )


def rapport(
    db: sqlite3.Connection,
    o: Oefening,
    *,
    samensteller: Samensteller,
    schat: Schatter | None,
    moment: datetime,
) -> Rapport:
    """The report of an exercise as it stands now (a running one's report grows)."""
    teams = _teams(db, o, samensteller, schat)
    return Rapport(
        oefening=o,
        scenario=opslag.scenario_van(o),
        run=herhaling.runnummer(db, o),
        teams=teams,
        runs=herhaling.vergelijk(db, o, {t.naam: t.eerste_alert_minuten for t in teams}),
        gemaakt_op=moment,
    )


def samensteller_van(db: sqlite3.Connection) -> Samensteller:
    """Compose a stored bericht as the approver saw it (standard), or its easy-Dutch variant."""

    def stel(record: BerichtRecord, variant: Variant) -> Bericht:
        if variant is Variant.STANDAARD:
            return opsteller.bericht(record, db)
        afzender = opsteller.afzender()
        herkomst = None
        if record.origineel_id is not None:
            vorige = berichtopslag.lees(db, record.origineel_id)
            herkomst = herkomst_van(vorige, afzender, berichtopslag.keten(db, vorige))
        return compose_inhoud(
            record.inhoud,
            variant=variant,
            talen=[BRONTAAL],
            afzender=afzender,
            herkomst=herkomst,
            berichtcode=record.message_code,
            kenmerk=record.id,
            instellingen=opsteller.instellingen(),
        )

    return stel


def maak(db: sqlite3.Connection, o: Oefening, moment: datetime, *, bereik: bool = True) -> Rapport:
    """The report with the app's composer and, with `bereik`, the simulator's estimates."""
    client = koppelingen.simulator_client()

    def schat(area: Mapping[str, Any]) -> Mapping[str, Any]:
        return client.schat(area).rapport

    return rapport(
        db, o, samensteller=samensteller_van(db), schat=schat if bereik else None, moment=moment
    )
