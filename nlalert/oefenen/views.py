"""The exercise pages: the trainer's list, create form and live board (rol beheer), and the
panel a team member sees on the berichten and compose screens (also served alone for polling)."""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from typing import Any, cast

from flask import (
    Blueprint,
    Flask,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from berichten import BerichtError, Gebied
from nlalert import koppelingen
from nlalert.accounts.gebruikers import Gebruiker, Recht, Rol
from nlalert.accounts.toegang import huidige_gebruiker, login_required, role_required
from nlalert.db import get_db
from nlalert.fouten import N_, NietGevonden, OngeldigeInvoer
from nlalert.koppelingen.simulator import BereikError
from nlalert.oefenen import opslag
from nlalert.oefenen.bord import bord
from nlalert.oefenen.klok import kloktijd, oefentijd
from nlalert.oefenen.lezer import hhmm
from nlalert.oefenen.pakket import MAX_ZIP
from nlalert.oefenen.paneel import Paneel, paneel
from nlalert.oefenen.scenario import meegeleverd, meegeleverde
from nlalert.publiek.gebiedskaart import gebied_svg
from nlalert.taal import fouttekst
from nlalert.taal import gettext as _
from nlalert.workflow.samenstelling import gebied_van

bp = Blueprint("oefenen", __name__)

MAX_UPLOAD = 200_000
STAPPEN = {
    "start": N_("De oefening is gestart."),
    "pauzeer": N_("De oefenklok staat stil."),
    "hervat": N_("De oefenklok loopt weer."),
    "beeindig": N_("De oefening is beëindigd."),
}


def _gebruiker() -> Gebruiker:
    return cast(Gebruiker, huidige_gebruiker())


@bp.get("/oefeningen")
@role_required(Rol.BEHEER)
def lijst() -> str:
    """The exercises and the form to create one."""
    moment = opslag.nu()
    rijen = []
    for o in opslag.lijst(get_db()):
        rijen.append((o, hhmm(oefentijd(o.klok, opslag.scenario_van(o), moment))))
    scenarios = [(n, meegeleverd(n).titel) for n in meegeleverde()]
    return render_template("oefenen/lijst.html", rijen=rijen, scenarios=scenarios)


def _scenario_uit_formulier() -> tuple[Any, str, str | None, bytes | None]:
    bestand = request.files.get("bestand")
    if bestand is not None and bestand.filename:
        naam = bestand.filename.rsplit("/", 1)[-1] or "scenario.toml"
        grens = MAX_ZIP if naam.lower().endswith(".zip") else MAX_UPLOAD
        inhoud = bestand.read(grens + 1)
        if len(inhoud) > grens:
            raise OngeldigeInvoer("bestand", N_("groter dan %(max)s bytes"), max=grens)
        return opslag.upload(inhoud, naam)
    naam = request.form.get("scenario", "")
    return meegeleverd(naam), naam, None, None


@bp.post("/oefeningen")
@role_required(Rol.BEHEER)
def maak() -> BaseResponse:
    """Create an exercise from a shipped or uploaded scenario, with its teams; start it."""
    scenario, naam, tekst, zip_ = _scenario_uit_formulier()
    regels = [r for r in request.form.get("teams", "").splitlines() if r.strip()]
    teams = tuple(opslag.team_uit_tekst(r) for r in regels)
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
    if request.form.get("starten"):
        o = opslag.stap(db, o.id, "start", _gebruiker(), moment)
    return redirect(url_for("oefenen.bord_pagina", oefening_id=o.id))


@bp.post("/oefeningen/<int:oefening_id>/<any(start, pauzeer, hervat, beeindig):actie>")
@role_required(Rol.BEHEER)
def stap(oefening_id: int, actie: str) -> BaseResponse:
    """Start, pause, resume or end the exercise."""
    opslag.stap(get_db(), oefening_id, actie, _gebruiker(), opslag.nu())
    flash(_(STAPPEN[actie]), "ok")
    return redirect(url_for("oefenen.bord_pagina", oefening_id=oefening_id))


def _schat(inhoud: Mapping[str, Any]) -> tuple[Mapping[str, Any], str]:
    """The simulator's reach estimate of a bericht's area, or why there is none."""
    gebied = inhoud.get("gebied")
    if not isinstance(gebied, Mapping):
        return {}, ""
    try:
        area = gebied_van(gebied)
        if area is None:
            return {}, ""
        return koppelingen.simulator_client().schat(area.to_geojson()).to_dict(), ""
    except (BereikError, BerichtError) as exc:
        return {}, fouttekst(exc)


def _kaart(gebied: Mapping[str, Any] | None, gevaar: Gebied) -> str | None:
    """A sent bericht's area and the scenario's hazard area as an SVG map (a data: URL)."""
    try:
        area = gebied_van(gebied)
    except BerichtError:
        return None
    if area is None:
        return None
    svg = gebied_svg(area, gevaar).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


@bp.get("/oefeningen/<int:oefening_id>")
@role_required(Rol.BEHEER)
def bord_pagina(oefening_id: int) -> str:
    """The trainer's live board: clock, steps, and per team its timeline and sent berichten."""
    db, moment = get_db(), opslag.nu()
    o = opslag.lees(db, oefening_id)
    s = opslag.scenario_van(o)
    bereik = request.args.get("bereik") != "nee"
    teams = bord(db, o, moment, _schat if bereik else None)
    gevaar = s.grondwaarheid.gebied
    kaarten = {v.bericht_id: _kaart(v.gebied, gevaar) for t in teams for v in t.verzonden}
    return render_template(
        "oefenen/bord.html",
        oefening=o,
        klok=kloktijd(o.klok, s, moment),
        oefentijd=hhmm(oefentijd(o.klok, s, moment)),
        teams=teams,
        kaarten=kaarten,
    )


# Shown in the browser: images and plain text. Anything else (HTML, SVG, PDF...) comes from an
# upload and could run script on our origin, so it is only ever a download.
_INLINE = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "text/plain"})


@bp.get("/oefeningen/<int:oefening_id>/injects/<int:nummer>/bijlagen/<int:index>")
@login_required
def bijlage(oefening_id: int, nummer: int, index: int) -> BaseResponse:
    """An inject's attachment (1-based): for a team member once released to their team, for
    the trainer always; from the scenario's folder or from the stored zip alike."""
    db, moment, gebruiker = get_db(), opslag.nu(), _gebruiker()
    o = opslag.lees(db, oefening_id)
    s = opslag.scenario_van(o)
    team = o.team_van(gebruiker.naam)
    if gebruiker.mag(Recht.BEHEER):
        injects = s.injects
    elif team is not None:
        injects = tuple(i for i, _t in opslag.vrijgegeven(db, o, team.naam, moment))
    else:
        injects = ()
    inject = next((i for i in injects if i.nummer == nummer), None)
    if inject is None or not 1 <= index <= len(inject.bijlagen):
        raise NietGevonden(N_("bijlage"), f"{nummer}/{index}")
    b = inject.bijlagen[index - 1]
    inline = b.mediatype in _INLINE
    antwoord = send_file(
        io.BytesIO(b.lees()),
        mimetype=b.mediatype if inline else "application/octet-stream",
        as_attachment=not inline,
        download_name=b.naam,
        max_age=0,
    )
    antwoord.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    antwoord.headers["Cache-Control"] = "private, no-store"
    return antwoord


@bp.get("/oefeningen/paneel")
@login_required
def paneel_fragment() -> str:
    """The panel alone, for the screens' poll."""
    return render_template("oefenen/_paneel_inhoud.html", p=_paneel())


def _paneel() -> Paneel | None:
    gebruiker = huidige_gebruiker()
    if gebruiker is None:
        return None
    return paneel(get_db(), gebruiker, opslag.nu())


def init_app(app: Flask) -> None:
    """Register the pages and `oefenpaneel()` for templates (computed only when called)."""
    app.register_blueprint(bp)
    app.context_processor(lambda: {"oefenpaneel": _paneel})
