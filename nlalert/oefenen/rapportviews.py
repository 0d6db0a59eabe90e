"""The after-action report's pages (trainer: rol beheer): the web page with a timeline chart per
team, the PDF, JSON and CSV, the trainer's remarks, and starting a rerun."""

from __future__ import annotations

from typing import cast

from flask import (
    Blueprint,
    Flask,
    Response,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from nlalert import koppelingen
from nlalert.accounts.gebruikers import Gebruiker, Rol
from nlalert.accounts.toegang import huidige_gebruiker, role_required
from nlalert.db import get_db
from nlalert.oefenen import herhaling, opslag
from nlalert.oefenen.rapport import Rapport, maak
from nlalert.oefenen.rapportgrafiek import svg_data_url
from nlalert.oefenen.rapportpdf import pdf
from nlalert.oefenen.rapportuitvoer import als_csv, als_json
from nlalert.taal import getal
from nlalert.taal import gettext as _

bp = Blueprint("oefenrapport", __name__)


def _gebruiker() -> Gebruiker:
    return cast(Gebruiker, huidige_gebruiker())


def _rapport(oefening_id: int) -> Rapport:
    db = get_db()
    o = opslag.lees(db, oefening_id)  # NietGevonden: 404
    return maak(db, o, opslag.nu(), bereik=request.args.get("bereik") != "nee")


def _getal(waarde: float | int | None) -> str:
    return "-" if waarde is None else getal(waarde)


@bp.get("/oefeningen/<int:oefening_id>/rapport")
@role_required(Rol.BEHEER)
def pagina(oefening_id: int) -> str:
    """The report as a web page."""
    r = _rapport(oefening_id)
    grafieken = {t.naam: svg_data_url(r, t, _) for t in r.teams}
    return render_template("oefenen/rapport.html", r=r, grafieken=grafieken)


@bp.get("/oefeningen/<int:oefening_id>/rapport.pdf")
@role_required(Rol.BEHEER)
def als_pdf(oefening_id: int) -> Response:
    """The report as a printable PDF."""
    inhoud = pdf(_rapport(oefening_id), _, _getal)
    return Response(
        inhoud,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="oefening-{oefening_id}.pdf"'},
    )


@bp.get("/oefeningen/<int:oefening_id>/rapport.json")
@role_required(Rol.BEHEER)
def json_(oefening_id: int) -> Response:
    """The report as JSON."""
    return jsonify(als_json(_rapport(oefening_id)))


@bp.get("/oefeningen/<int:oefening_id>/rapport.csv")
@role_required(Rol.BEHEER)
def csv_(oefening_id: int) -> Response:
    """The report as CSV, one row per bericht."""
    return Response(
        als_csv(_rapport(oefening_id)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="oefening-{oefening_id}.csv"'},
    )


@bp.post("/oefeningen/<int:oefening_id>/opmerkingen")
@role_required(Rol.BEHEER)
def opmerkingen(oefening_id: int) -> BaseResponse:
    """Store the trainer's remarks."""
    herhaling.bewaar_opmerkingen(
        get_db(), oefening_id, request.form.get("opmerkingen", ""), _gebruiker(), opslag.nu()
    )
    flash(_("De opmerkingen zijn bewaard."), "ok")
    return redirect(url_for("oefenrapport.pagina", oefening_id=oefening_id, bereik="nee"))


@bp.post("/oefeningen/<int:oefening_id>/herhaal")
@role_required(Rol.BEHEER)
def herhaal(oefening_id: int) -> BaseResponse:
    """Start a new run of the exercise with the same scenario and teams (not started yet)."""
    nieuw = herhaling.herhaal(get_db(), oefening_id, _gebruiker(), opslag.nu())
    flash(_("Nieuwe run aangemaakt: oefening %(id)s.", id=nieuw.id), "ok")
    return redirect(url_for("oefenen.bord_pagina", oefening_id=nieuw.id))


@bp.post("/oefeningen/<int:oefening_id>/simulator-wissen")
@role_required(Rol.BEHEER)
def wis_simulator(oefening_id: int) -> BaseResponse:
    """Clear this exercise's broadcasts from the simulator's exercise store, and only those."""
    gewist = herhaling.wis_simulator(
        get_db(), oefening_id, _gebruiker(), opslag.nu(), koppelingen.simulator_client()
    )
    flash(
        _("%(aantal)s uitzendingen van deze oefening gewist in de simulator.", aantal=gewist), "ok"
    )
    return redirect(url_for("oefenrapport.pagina", oefening_id=oefening_id, bereik="nee"))


def init_app(app: Flask) -> None:
    """Register the report's pages."""
    app.register_blueprint(bp)
