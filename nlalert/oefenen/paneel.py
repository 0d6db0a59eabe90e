"""What a team member sees of their exercise: the clock and the injects released to their team."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from nlalert.accounts.gebruikers import Gebruiker
from nlalert.oefenen import opslag
from nlalert.oefenen.klok import Toestand, kloktijd, oefentijd
from nlalert.oefenen.lezer import hhmm
from nlalert.oefenen.model import Inject
from nlalert.oefenen.opslag import Oefening


@dataclass(frozen=True, slots=True, kw_only=True)
class Paneel:
    """The exercise panel of one team member."""

    oefening: Oefening
    team: str
    toestand: Toestand
    klok: datetime | None  # the exercise clock's date and time; None before the start
    oefentijd: str  # HH:MM since the start, in exercise time
    injects: tuple[tuple[Inject, datetime], ...]  # newest first, with the real release moment


def paneel(db: sqlite3.Connection, gebruiker: Gebruiker, moment: datetime) -> Paneel | None:
    """The panel of the user's unfinished exercise, or None when they are in none."""
    o = opslag.actief_voor(db, gebruiker.naam)
    team = None if o is None else o.team_van(gebruiker.naam)
    if o is None or team is None:
        return None
    s = opslag.scenario_van(o)
    return Paneel(
        oefening=o,
        team=team.naam,
        toestand=o.toestand,
        klok=kloktijd(o.klok, s, moment),
        oefentijd=hhmm(oefentijd(o.klok, s, moment)),
        injects=tuple(opslag.vrijgegeven(db, o, team.naam, moment)),
    )
