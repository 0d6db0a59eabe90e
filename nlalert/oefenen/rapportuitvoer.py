"""The after-action report as JSON (API, `--json`) and as CSV (one row per bericht)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from nlalert.audit.export import cel
from nlalert.oefenen.rapport import STAPPEN, Berichtrapport, Rapport, Teamrapport

CSV_KOLOMMEN = (
    "team",
    "bericht_id",
    "soort",
    "status",
    "inject",
    "minuten_indienen",
    "minuten_goedkeuren",
    "minuten_verzonden",
    "volledig",
    "ontbreekt",
    "paginas",
    "codering",
    "flesch_douma",
    "woorden_per_zin",
    "flesch_douma_b1",
    "woorden_per_zin_b1",
    "talen",
    "aandeel_gevaarsgebied_gedekt",
    "inwoners_gevaarsgebied",
    "bereikt_in_gevaarsgebied",
    "gealarmeerd_buiten",
    "ouderen_75_gemist",
)


def _iso(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def bericht_json(b: Berichtrapport) -> dict[str, Any]:
    """One bericht of the report."""
    return {
        "bericht_id": b.bericht_id,
        "soort": b.soort,
        "status": b.status,
        "inject": b.inject,
        "inject_vrijgegeven_op": _iso(b.inject_op),
        "momenten": {k: _iso(v) for k, v in b.momenten.items()},
        "minuten": {
            "indienen": b.minuten("indienen"),
            "goedkeuren": b.minuten("goedkeuren"),
            "verzonden": b.minuten("verzonden"),
        },
        "volledigheid": dict(b.volledigheid),
        "uitzendingen": [dict(u) for u in b.uitzendingen],
        "leesbaarheid": {
            k: {"flesch_douma": v.flesch_douma, "woorden_per_zin": v.woorden_per_zin}
            for k, v in b.leesbaarheid.items()
        },
        "talen": list(b.talen),
        "gebiedsfit": None if b.gebiedsfit is None else b.gebiedsfit.als_json(),
    }


def team_json(t: Teamrapport) -> dict[str, Any]:
    """One team of the report."""
    return {
        "naam": t.naam,
        "leden": list(t.leden),
        "eerste_alert_minuten": t.eerste_alert_minuten,
        "berichten": [bericht_json(b) for b in t.berichten],
        "verwacht": [
            {
                "soort": v.soort,
                "uiterlijk": _iso(v.uiterlijk),
                "bericht_id": v.bericht_id,
                "verzonden_op": _iso(v.verzonden_op),
                "op_tijd": v.op_tijd,
                "reden": v.reden,
            }
            for v in t.verwacht
        ],
        "talen_verwacht": [{"code": c, "reden": r} for c, r in t.talen_verwacht],
        "talen_ontbrekend": list(t.talen_ontbrekend()),
    }


def als_json(r: Rapport) -> dict[str, Any]:
    """The whole report."""
    o = r.oefening
    return {
        "oefening_id": o.id,
        "scenario": o.scenario,
        "titel": o.titel,
        "toestand": str(o.toestand),
        "run": r.run,
        "vorige_id": o.vorige_id,
        "trainer": o.trainer,
        "begonnen_op": _iso(o.klok.begonnen_op),
        "beeindigd_op": _iso(o.klok.beeindigd_op),
        "gemaakt_op": _iso(r.gemaakt_op),
        "gevaarsgebied_km2": round(r.scenario.grondwaarheid.oppervlakte_km2, 3),
        "stappen": list(STAPPEN),
        "teams": [team_json(t) for t in r.teams],
        "runs": [
            {
                "oefening_id": run.oefening_id,
                "run": run.nummer,
                "toestand": run.toestand,
                "teams": [
                    {"naam": n, "eerste_alert_minuten": m, "verzonden": v} for n, m, v in run.teams
                ],
            }
            for run in r.runs
        ],
        "opmerkingen": o.opmerkingen,
    }


def _cel(waarde: object) -> object:
    # Text goes through the audit export's defusing, so a team named "=..." never runs.
    if isinstance(waarde, str):
        return cel(waarde)
    return "" if waarde is None else waarde


def als_csv(r: Rapport) -> str:
    """One row per bericht, the team first."""
    uit = io.StringIO()
    w = csv.writer(uit, lineterminator="\r\n")
    w.writerow(CSV_KOLOMMEN)
    for t in r.teams:
        for b in t.berichten:
            fit = b.gebiedsfit
            std, b1 = b.leesbaarheid.get("standaard"), b.leesbaarheid.get("b1")
            rij = (
                t.naam,
                b.bericht_id,
                b.soort,
                b.status,
                b.inject,
                b.minuten("indienen"),
                b.minuten("goedkeuren"),
                b.minuten("verzonden"),
                all(b.volledigheid.values()) if b.volledigheid else None,
                " ".join(k for k, ok in b.volledigheid.items() if not ok),
                "+".join(str(u["paginas"]) for u in b.uitzendingen),
                "+".join(str(u["codering"]) for u in b.uitzendingen),
                None if std is None else std.flesch_douma,
                None if std is None else std.woorden_per_zin,
                None if b1 is None else b1.flesch_douma,
                None if b1 is None else b1.woorden_per_zin,
                " ".join(b.talen),
                None if fit is None else round(fit.aandeel_gedekt, 4),
                None if fit is None else fit.inwoners_gevaar,
                None if fit is None else fit.bereikt_in_gevaar,
                None if fit is None else fit.gealarmeerd_buiten,
                None if fit is None else fit.ouderen_gemist,
            )
            w.writerow([_cel(c) for c in rij])
    return uit.getvalue()
