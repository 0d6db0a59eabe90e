"""The API's exercise routes: create (from a shipped or uploaded scenario), start, pause, resume,
end, list. Token-authenticated like every /api/ route; the trainer is the beheer role."""

from __future__ import annotations

from typing import Any, cast

from flask import Blueprint, Response, jsonify, request

from nlalert.accounts.gebruikers import Gebruiker
from nlalert.accounts.toegang import api_gebruiker, huidige_gebruiker, login_required
from nlalert.api.cap import VerkeerdInhoudstype
from nlalert.db import get_db
from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.http.json import lees_json
from nlalert.oefenen import opslag
from nlalert.oefenen.opslag import Lid, Team
from nlalert.oefenen.scenario import meegeleverd
from nlalert.oefenen.uitvoer import als_json, met_injects

bp = Blueprint("api_oefeningen", __name__, url_prefix="/api/oefeningen")

MAX_TOML = 200_000


# Every route authenticates by its Bearer token (the one guard in accounts.toegang).
bp.before_request(api_gebruiker)


def _gebruiker() -> Gebruiker:
    return cast(Gebruiker, huidige_gebruiker())


def _naam(waarde: object, veld: str) -> str:
    if not isinstance(waarde, str) or not waarde.strip() or len(waarde) > 100:
        raise OngeldigeInvoer(veld, N_("verplicht, als tekst"))
    return waarde.strip()


def teams_uit(waarde: object) -> tuple[Team, ...]:
    """`[{"naam", "opsteller", "goedkeurder"} | {"naam", "alleen"}]` as Teams."""
    if not isinstance(waarde, list) or not waarde:
        raise OngeldigeInvoer("teams", N_("verwacht een lijst van teams"))
    uit = []
    for i, t in enumerate(waarde):
        if not isinstance(t, dict):
            raise OngeldigeInvoer(f"teams[{i}]", N_("verwacht een JSON-object"))
        naam = _naam(t.get("naam"), f"teams[{i}].naam")
        leden: tuple[Lid, ...]
        if "alleen" in t:
            leden = (Lid(gebruiker=_naam(t["alleen"], f"teams[{i}].alleen"), rol="alleen"),)
        else:
            leden = tuple(
                Lid(gebruiker=_naam(t.get(rol), f"teams[{i}].{rol}"), rol=rol)
                for rol in ("opsteller", "goedkeurder")
            )
        uit.append(Team(naam=naam, leden=leden))
    return tuple(uit)


def scenario_uit(data: dict[str, Any]) -> tuple[Any, str, str | None]:
    """A shipped scenario by `scenario`, or an uploaded one by `scenario_toml` (checked as
    `nlalert oefening valideer` checks a file; a refusal is 422 naming the line or key)."""
    if (tekst := data.get("scenario_toml")) is not None:
        if not isinstance(tekst, str) or len(tekst) > MAX_TOML:
            raise OngeldigeInvoer(
                "scenario_toml",
                N_("verwacht TOML-tekst van hoogstens %(max)s tekens"),
                max=MAX_TOML,
            )
        bestand = _naam(data.get("bestand", "scenario.toml"), "bestand")
        return opslag.scenario_uit_upload(tekst, bestand), bestand, tekst
    naam = _naam(data.get("scenario"), "scenario")
    return meegeleverd(naam), naam, None


@bp.get("")
@login_required
def lijst() -> Response:
    """Every exercise, newest first."""
    moment = opslag.nu()
    return jsonify({"oefeningen": [als_json(o, moment) for o in opslag.lijst(get_db())]})


@bp.post("")
@login_required
def maak() -> tuple[Response, int]:
    """Create an exercise with its teams; started at once unless `"start": false`."""
    if not request.is_json:
        raise VerkeerdInhoudstype(request.mimetype)
    data = lees_json()
    scenario, naam, tekst = scenario_uit(data)
    teams = teams_uit(data.get("teams"))
    starten = data.get("start", True)
    if not isinstance(starten, bool):
        raise OngeldigeInvoer("start", N_("verwacht true of false"))
    db, moment = get_db(), opslag.nu()
    o = opslag.maak(
        db, scenario=scenario, naam=naam, toml=tekst, teams=teams, door=_gebruiker(), moment=moment
    )
    if starten:
        o = opslag.stap(db, o.id, "start", _gebruiker(), moment)
    return jsonify(met_injects(db, o, moment)), 201


@bp.get("/<int:oefening_id>")
@login_required
def detail(oefening_id: int) -> Response:
    """One exercise with its clock, released injects and berichten."""
    db, moment = get_db(), opslag.nu()
    return jsonify(met_injects(db, opslag.lees(db, oefening_id), moment))


def _stap(oefening_id: int, actie: str) -> Response:
    db, moment = get_db(), opslag.nu()
    o = opslag.stap(db, oefening_id, actie, _gebruiker(), moment)
    return jsonify(met_injects(db, o, moment))


@bp.post("/<int:oefening_id>/start")
@login_required
def start(oefening_id: int) -> Response:
    """Start the clock of a created exercise."""
    return _stap(oefening_id, "start")


@bp.post("/<int:oefening_id>/pauzeer")
@login_required
def pauzeer(oefening_id: int) -> Response:
    """Stop the clock."""
    return _stap(oefening_id, "pauzeer")


@bp.post("/<int:oefening_id>/hervat")
@login_required
def hervat(oefening_id: int) -> Response:
    """Run the clock again."""
    return _stap(oefening_id, "hervat")


@bp.post("/<int:oefening_id>/beeindig")
@login_required
def beeindig(oefening_id: int) -> Response:
    """End the exercise."""
    return _stap(oefening_id, "beeindig")
