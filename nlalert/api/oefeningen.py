"""The API's exercise routes: create (from a shipped or uploaded scenario), start, pause, resume,
end, list; the after-action report (JSON, CSV, PDF), the trainer's remarks, a rerun. Token-authenticated like every /api/ route; the trainer is the beheer role."""

from __future__ import annotations

import base64
import binascii
from typing import Any, cast

from flask import Blueprint, Response, jsonify, request

from nlalert import koppelingen
from nlalert.accounts.gebruikers import Gebruiker
from nlalert.accounts.toegang import api_gebruiker, huidige_gebruiker, login_required
from nlalert.api.cap import VerkeerdInhoudstype
from nlalert.db import get_db
from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.http.json import lees_json
from nlalert.oefenen import herhaling, opslag
from nlalert.oefenen.opslag import Lid, Team
from nlalert.oefenen.pakket import MAX_ZIP
from nlalert.oefenen.rapport import Rapport
from nlalert.oefenen.rapport import maak as maak_rapport
from nlalert.oefenen.rapportpdf import pdf
from nlalert.oefenen.rapportuitvoer import als_csv
from nlalert.oefenen.rapportuitvoer import als_json as rapport_json
from nlalert.oefenen.scenario import meegeleverd
from nlalert.oefenen.uitvoer import als_json, met_injects
from nlalert.taal import getal, gettext

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


def scenario_uit(data: dict[str, Any]) -> tuple[Any, str, str | None, bytes | None]:
    """A shipped scenario by `scenario`, or an uploaded one by `scenario_toml` or `scenario_zip`
    (base64; the TOML at its top, attachments beside it), checked as `nlalert oefening
    valideer` checks a file (a refusal is 422 naming the file, the line or key, or the member)."""
    if (zip_b64 := data.get("scenario_zip")) is not None:
        inhoud = _base64(zip_b64)
        bestand = _naam(data.get("bestand", "scenario.zip"), "bestand")
        if not bestand.lower().endswith(".zip"):
            bestand += ".zip"
        return opslag.upload(inhoud, bestand)
    if (tekst := data.get("scenario_toml")) is not None:
        if not isinstance(tekst, str) or len(tekst) > MAX_TOML:
            raise OngeldigeInvoer(
                "scenario_toml",
                N_("verwacht TOML-tekst van hoogstens %(max)s tekens"),
                max=MAX_TOML,
            )
        bestand = _naam(data.get("bestand", "scenario.toml"), "bestand")
        return opslag.scenario_uit_upload(tekst, bestand), bestand, tekst, None
    naam = _naam(data.get("scenario"), "scenario")
    return meegeleverd(naam), naam, None, None


def _base64(waarde: object) -> bytes:
    fout = OngeldigeInvoer(
        "scenario_zip", N_("verwacht een zip in base64 van hoogstens %(max)s bytes"), max=MAX_ZIP
    )
    if not isinstance(waarde, str) or len(waarde) > (MAX_ZIP + 2) // 3 * 4:
        raise fout
    try:
        return base64.b64decode(waarde, validate=True)
    except binascii.Error:
        raise fout from None


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
    scenario, naam, tekst, zip_ = scenario_uit(data)
    teams = teams_uit(data.get("teams"))
    starten = data.get("start", True)
    if not isinstance(starten, bool):
        raise OngeldigeInvoer("start", N_("verwacht true of false"))
    db, moment = get_db(), opslag.nu()
    o = opslag.maak(
        db,
        scenario=scenario,
        naam=naam,
        toml=tekst,
        zip_=zip_,
        teams=teams,
        door=_gebruiker(),
        moment=moment,
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


def _rapport(oefening_id: int) -> Rapport:
    db = get_db()
    opslag.mag_trainen(_gebruiker())
    o = opslag.lees(db, oefening_id)
    return maak_rapport(db, o, opslag.nu(), bereik=request.args.get("bereik") != "nee")


@bp.get("/<int:oefening_id>/rapport")
@login_required
def rapport(oefening_id: int) -> Response:
    """The after-action report as JSON (`?bereik=nee`: without the simulator's estimates)."""
    return jsonify(rapport_json(_rapport(oefening_id)))


@bp.get("/<int:oefening_id>/rapport.csv")
@login_required
def rapport_csv(oefening_id: int) -> Response:
    """The report as CSV, one row per bericht."""
    return Response(als_csv(_rapport(oefening_id)), mimetype="text/csv")


@bp.get("/<int:oefening_id>/rapport.pdf")
@login_required
def rapport_pdf(oefening_id: int) -> Response:
    """The report as PDF."""
    inhoud = pdf(_rapport(oefening_id), gettext, lambda w: "-" if w is None else getal(w))
    return Response(inhoud, mimetype="application/pdf")


@bp.put("/<int:oefening_id>/opmerkingen")
@login_required
def opmerkingen(oefening_id: int) -> Response:
    """Store the trainer's remarks: `{"opmerkingen": "..."}` (audited)."""
    if not request.is_json:
        raise VerkeerdInhoudstype(request.mimetype)
    data = lees_json()
    o = herhaling.bewaar_opmerkingen(
        get_db(), oefening_id, data.get("opmerkingen"), _gebruiker(), opslag.nu()
    )
    return jsonify({"id": o.id, "opmerkingen": o.opmerkingen})


@bp.post("/<int:oefening_id>/simulator-wissen")
@login_required
def wis_simulator(oefening_id: int) -> Response:
    """Clear this exercise's broadcasts from the simulator's exercise store, and only those."""
    gewist = herhaling.wis_simulator(
        get_db(), oefening_id, _gebruiker(), opslag.nu(), koppelingen.simulator_client()
    )
    return jsonify({"id": oefening_id, "gewist": gewist})


@bp.post("/<int:oefening_id>/herhaal")
@login_required
def herhaal(oefening_id: int) -> tuple[Response, int]:
    """A new run of an ended exercise with the same scenario and teams (not started)."""
    db, moment = get_db(), opslag.nu()
    o = herhaling.herhaal(db, oefening_id, _gebruiker(), moment)
    return jsonify(met_injects(db, o, moment)), 201
