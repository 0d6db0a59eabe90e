"""The HTML pages: the list of berichten, one bericht with its workflow actions, the audit log."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import cast

import requests
from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from berichten.errors import BerichtError
from berichten.modus import BerichtSoort
from nlalert import audit, bereik, opslag
from nlalert.auth import huidige_gebruiker, login_required, role_required
from nlalert.bereik import BereikError
from nlalert.db import get_db
from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.gebiedkeuze import SIM_SESSIE
from nlalert.gebruikers import Gebruiker, Recht, Rol
from nlalert.taal import fouttekst
from nlalert.taal import gettext as _
from nlalert.voorbeeld import gebied_van
from nlalert.workflow import BerichtRecord

log = logging.getLogger(__name__)

bp = Blueprint("berichten", __name__)

# app.extensions key: a callable that renders what will go out, for the approver to see.
# It takes the stored record and returns {heading: text}; the lead wires `berichten.compose`.
VOORBEELD = "nlalert.voorbeeld"
Voorbeeld = Callable[[BerichtRecord], Mapping[str, str]]


def _gebruiker() -> Gebruiker:
    # Only called behind login_required, which guarantees a user.
    return cast(Gebruiker, huidige_gebruiker())


def geheel(waarde: str | None, veld: str) -> int:
    """Parse a whole number from a form field, or raise OngeldigeInvoer."""
    if waarde is None or not waarde.strip().isdigit() or len(waarde) > 12:
        raise OngeldigeInvoer(veld, N_("verwacht een geheel getal"))
    return int(waarde)


def _standaard_voorbeeld(record: BerichtRecord) -> Mapping[str, str]:
    return {_("Inhoud (JSON)"): json.dumps(record.inhoud, ensure_ascii=False, indent=2)}


@bp.get("/")
def index() -> BaseResponse:
    """The start page is the list of berichten."""
    return redirect(url_for("berichten.lijst"))


@bp.get("/berichten")
@login_required
def lijst() -> str:
    """All berichten, newest change first."""
    return render_template("berichten.html", berichten=opslag.lijst(get_db()))


@bp.get("/berichten/<int:bericht_id>")
@login_required
def detail(bericht_id: int) -> str:
    """One bericht: exactly what will go out, its status, its history and the allowed actions."""
    db = get_db()
    record = opslag.lees(db, bericht_id)
    maker: Voorbeeld = current_app.extensions.get(VOORBEELD, _standaard_voorbeeld)
    voorbeeld: Mapping[str, str] = {}
    voorbeeld_fout = False
    try:
        voorbeeld = maker(record)
    except Exception:
        # Without a preview nobody may approve; the template hides the approve form.
        log.exception("voorbeeld van bericht %s mislukt", bericht_id)
        voorbeeld_fout = True
    origineel = None if record.origineel_id is None else opslag.lees(db, record.origineel_id)
    schatting, schatting_fout = _schatting(record) if record.status == "ingediend" else ({}, "")
    na, na_fout = {}, ""
    locatie = (record.cbc_resultaat or {}).get("locatie")
    if record.status == "verzonden" and isinstance(locatie, str):
        try:
            na = bereik.na_verzending(
                _sim_sessie(), current_app.config["SIM_URL"], locatie
            ).to_dict()
        except BereikError as exc:
            na_fout = fouttekst(exc)
    return render_template(
        "bericht.html",
        schatting=schatting,
        schatting_fout=schatting_fout,
        na_verzending=na,
        na_verzending_fout=na_fout,
        bericht=record,
        origineel=origineel,
        voorbeeld=voorbeeld,
        voorbeeld_fout=voorbeeld_fout,
        geschiedenis=audit.regels(db, bericht_id=bericht_id),
    )


def _schatting(record: BerichtRecord) -> tuple[dict[str, object], str]:
    """The simulator's reach estimate for a record's area, or the reason there is none."""
    gebied = record.inhoud.get("gebied")
    if not isinstance(gebied, Mapping):
        return {}, ""
    try:
        area = gebied_van(gebied)
        if area is None:
            return {}, ""
        sim_url = current_app.config["SIM_URL"]
        return bereik.schat(_sim_sessie(), sim_url, area.to_geojson()).to_dict(), ""
    except (BereikError, BerichtError) as exc:
        return {}, fouttekst(exc)


def _sim_sessie() -> requests.Session:
    """One session to the simulator per app (shared with the compose screen's reach panel)."""
    return cast(requests.Session, current_app.extensions.setdefault(SIM_SESSIE, requests.Session()))


def _terug(bericht_id: int, melding: str) -> BaseResponse:
    flash(melding, "ok")
    return redirect(url_for("berichten.detail", bericht_id=bericht_id))


@bp.post("/berichten/<int:bericht_id>/indienen")
@login_required
def indienen(bericht_id: int) -> BaseResponse:
    """Submit for approval."""
    versie = geheel(request.form.get("versie"), "versie")
    opslag.dien_in(get_db(), bericht_id, _gebruiker(), versie=versie)
    return _terug(bericht_id, _("Het bericht is ter goedkeuring ingediend."))


@bp.post("/berichten/<int:bericht_id>/goedkeuren")
@login_required
def goedkeuren(bericht_id: int) -> BaseResponse:
    """Approve the content the approver was shown."""
    gezien = request.form.get("inhoud_hash", "")[:64]
    opslag.keur_goed(get_db(), bericht_id, _gebruiker(), gezien_hash=gezien)
    return _terug(bericht_id, _("Het bericht is goedgekeurd en kan worden verzonden."))


@bp.post("/berichten/<int:bericht_id>/terugsturen")
@login_required
def terugsturen(bericht_id: int) -> BaseResponse:
    """Return to the author with a reason."""
    versie = geheel(request.form.get("versie"), "versie")
    reden = request.form.get("reden", "")
    opslag.stuur_terug(get_db(), bericht_id, _gebruiker(), reden=reden, versie=versie)
    return _terug(bericht_id, _("Het bericht is teruggestuurd naar de opsteller."))


@bp.get("/berichten/<int:bericht_id>/verzenden")
@login_required
def bevestigen(bericht_id: int) -> str:
    """The confirmation step: name the area, the channel and the people reached before sending."""
    db = get_db()
    record = opslag.lees(db, bericht_id)
    verzender = opslag.kies_verzender(current_app.extensions, record)
    maker: Voorbeeld = current_app.extensions.get(VOORBEELD, _standaard_voorbeeld)
    schatting, fout = _schatting(record)
    gebied = record.inhoud.get("gebied")
    return render_template(
        "bevestigen.html",
        bericht=record,
        voorbeeld=maker(record),
        doel=verzender.doel.value,
        schatting=schatting,
        schatting_fout=fout,
        gebied=gebied_van(gebied) if isinstance(gebied, Mapping) else None,
    )


@bp.post("/berichten/<int:bericht_id>/verzenden")
@login_required
def verzenden(bericht_id: int) -> BaseResponse:
    """Send an approved bericht (or retry a failed send) once the sender confirmed it."""
    record = opslag.lees(get_db(), bericht_id)
    if request.form.get("bevestigd", "") != record.inhoud_hash:
        flash(_("Bevestig eerst het gebied en het aantal mensen op de bevestigingspagina."), "fout")
        return redirect(url_for("berichten.bevestigen", bericht_id=bericht_id))
    extensions = current_app.extensions
    opslag.verzend(
        get_db(), bericht_id, _gebruiker(), lambda r: opslag.kies_verzender(extensions, r)
    )
    return _terug(bericht_id, _("Het bericht is verzonden."))


@bp.post("/berichten/<int:bericht_id>/update")
@login_required
def update(bericht_id: int) -> BaseResponse:
    """Start an update of a sent bericht: a new concept with the next update number."""
    nieuw = opslag.maak_vervolg(get_db(), bericht_id, BerichtSoort.UPDATE, _gebruiker())
    return _terug(
        cast(int, nieuw.id), _("Update aangemaakt als concept; pas de tekst aan en dien in.")
    )


@bp.post("/berichten/<int:bericht_id>/intrekken")
@login_required
def intrekken(bericht_id: int) -> BaseResponse:
    """Start the cancel/all-clear of a sent bericht."""
    nieuw = opslag.maak_vervolg(get_db(), bericht_id, BerichtSoort.CANCEL, _gebruiker())
    return _terug(
        cast(int, nieuw.id), _("Intrekking aangemaakt als concept; controleer en dien in.")
    )


@bp.get("/audit")
@role_required(Rol.REVIEWER, Rol.BEHEER)
def auditlog() -> str:
    """The newest audit rows and whether the chain is intact."""
    db = get_db()
    return render_template("audit.html", regels=audit.regels(db), controle=audit.verify(db))


@bp.get("/audit.csv")
@role_required(Rol.REVIEWER, Rol.BEHEER)
def audit_csv() -> Response:
    """The whole audit log as CSV."""
    buffer = io.StringIO()
    audit.exporteer_csv(get_db(), buffer)
    naam = f"nlalert-audit-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.csv"
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )


@bp.app_context_processor
def _context() -> dict[str, object]:
    gebruiker = huidige_gebruiker()
    return {
        "gebruiker": gebruiker,
        "mag": (lambda recht: gebruiker is not None and gebruiker.mag(Recht(recht))),
    }
