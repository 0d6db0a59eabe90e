"""The trainer's live board: per team, a timeline of injects and of what the team composed,
submitted, approved, returned and sent (from the audit log), and each sent bericht's reach."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nlalert.oefenen import opslag
from nlalert.oefenen.opslag import Oefening

# The audit actions a timeline shows, in the words of the audit log (nlalert.audit.log.Actie).
ACTIES = (
    "maken",
    "bewerken",
    "indienen",
    "goedkeuren",
    "terugsturen",
    "verzenden",
    "verzonden",
    "verzendfout",
    "update",
    "einde",
    "intrekken",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Gebeurtenis:
    """One line of a team's timeline."""

    tijd: datetime
    soort: str  # "inject" or an audit action
    gebruiker: str = ""
    bericht_id: int | None = None
    tekst: str = ""  # an inject's text


@dataclass(frozen=True, slots=True, kw_only=True)
class Verzonden:
    """A bericht of the team that went out, with its reach estimate (or why there is none)."""

    bericht_id: int
    verzonden_op: datetime | None
    bereik: Mapping[str, Any] = field(default_factory=dict)
    bereik_fout: str = ""
    gebied: Mapping[str, Any] | None = None  # the stored area, for the board's map


@dataclass(frozen=True, slots=True, kw_only=True)
class Teambord:
    """One team's column of the board."""

    naam: str
    leden: tuple[str, ...]
    tijdlijn: tuple[Gebeurtenis, ...]
    verzonden: tuple[Verzonden, ...]


Schatter = Callable[[Mapping[str, Any]], tuple[Mapping[str, Any], str]]


def bord(
    db: sqlite3.Connection, o: Oefening, moment: datetime, schat: Schatter | None = None
) -> tuple[Teambord, ...]:
    """Every team's timeline, oldest first; `schat` estimates a sent bericht's reach."""
    leden = {lid.gebruiker.casefold(): t.naam for t in o.teams for lid in t.leden}
    rijen = db.execute(
        "SELECT a.tijd, a.gebruiker, a.actie, a.bericht_id, b.opsteller FROM audit a"
        " JOIN berichten b ON b.id = a.bericht_id WHERE b.oefening_id = ?"
        f" AND a.actie IN ({', '.join('?' * len(ACTIES))}) ORDER BY a.seq",
        (o.id, *ACTIES),
    ).fetchall()
    per_team: dict[str, list[Gebeurtenis]] = {t.naam: [] for t in o.teams}
    for r in rijen:
        team = leden.get(str(r["opsteller"]).casefold())
        if team is not None:
            per_team[team].append(
                Gebeurtenis(
                    tijd=datetime.fromisoformat(r["tijd"]),
                    soort=r["actie"],
                    gebruiker=r["gebruiker"],
                    bericht_id=int(r["bericht_id"]),
                )
            )
    uit = []
    for t in o.teams:
        injects = [
            Gebeurtenis(tijd=tijd, soort="inject", tekst=i.tekst)
            for i, tijd in opslag.vrijgegeven(db, o, t.naam, moment)
        ]
        uit.append(
            Teambord(
                naam=t.naam,
                leden=tuple(lid.gebruiker for lid in t.leden),
                tijdlijn=tuple(sorted(injects + per_team[t.naam], key=lambda g: g.tijd)),
                verzonden=tuple(_verzonden(db, o, t.naam, leden, schat)),
            )
        )
    return tuple(uit)


def _verzonden(
    db: sqlite3.Connection,
    o: Oefening,
    team: str,
    leden: Mapping[str, str],
    schat: Schatter | None,
) -> list[Verzonden]:
    uit = []
    rijen = db.execute(
        "SELECT id, opsteller, verzonden_op, inhoud FROM berichten"
        " WHERE oefening_id = ? AND verzonden_op IS NOT NULL ORDER BY id",
        (o.id,),
    ).fetchall()
    for r in rijen:
        if leden.get(str(r["opsteller"]).casefold()) != team:
            continue
        bereik: Mapping[str, Any] = {}
        fout = ""
        inhoud = json.loads(r["inhoud"])
        if schat is not None:
            bereik, fout = schat(inhoud)
        uit.append(
            Verzonden(
                bericht_id=int(r["id"]),
                verzonden_op=datetime.fromisoformat(r["verzonden_op"]),
                bereik=bereik,
                bereik_fout=fout,
                gebied=inhoud.get("gebied") if isinstance(inhoud.get("gebied"), Mapping) else None,
            )
        )
    return uit
