"""An exercise as JSON, the same for the API and `nlalert oefening lijst --json`."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from nlalert.oefenen import opslag
from nlalert.oefenen.klok import kloktijd, oefentijd
from nlalert.oefenen.opslag import Oefening


def _iso(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def als_json(o: Oefening, moment: datetime) -> dict[str, Any]:
    """An exercise: its scenario, state, clock and teams."""
    s = opslag.scenario_van(o)
    return {
        "id": o.id,
        "scenario": o.scenario,
        "titel": o.titel,
        "toestand": str(o.toestand),
        "tempo": o.tempo,
        "oefentijd_minuten": round(oefentijd(o.klok, s, moment).total_seconds() / 60, 2),
        "klok": _iso(kloktijd(o.klok, s, moment)),
        "begonnen_op": _iso(o.klok.begonnen_op),
        "beeindigd_op": _iso(o.klok.beeindigd_op),
        "trainer": o.trainer,
        "teams": [
            {
                "naam": t.naam,
                "leden": [{"gebruiker": lid.gebruiker, "rol": lid.rol} for lid in t.leden],
            }
            for t in o.teams
        ],
    }


def met_injects(db: sqlite3.Connection, o: Oefening, moment: datetime) -> dict[str, Any]:
    """An exercise with the injects released so far (every team's) and its berichten' ids."""
    uit = als_json(o, moment)
    uit["injects"] = [
        {
            "nummer": i.nummer,
            "id": i.id,
            "team": i.team,
            "van": i.van,
            "tekst": i.tekst,
            "oefentijd_minuten": i.tijd.total_seconds() / 60,
            "vrijgegeven_op": t.isoformat(),
        }
        for i, t in opslag.vrijgegeven(db, o, None, moment)
    ]
    uit["berichten"] = [
        int(r[0])
        for r in db.execute("SELECT id FROM berichten WHERE oefening_id = ? ORDER BY id", (o.id,))
    ]
    return uit
