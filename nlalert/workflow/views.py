"""The HTML pages: the list of berichten, one bericht with its workflow actions, the audit log."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, cast

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from berichten import grens
from berichten.errors import BerichtError
from berichten.modus import BerichtSoort
from handelingsperspectieven import CatalogusError
from nlalert import koppelingen
from nlalert.accounts.gebruikers import Gebruiker
from nlalert.accounts.toegang import huidige_gebruiker, login_required
from nlalert.audit import log as audit
from nlalert.db import get_db
from nlalert.fouten import N_, NlalertError, OngeldigeInvoer
from nlalert.koppelingen import simulator as bereik
from nlalert.koppelingen.simulator import BereikError
from nlalert.taal import fouttekst
from nlalert.taal import gettext as _
from nlalert.verzending import herstel, outbox, overzicht, uitzendingen
from nlalert.verzending import uitvoering as verzending
from nlalert.workflow import opslag, opsteller
from nlalert.workflow.model import BerichtRecord, Status, Verouderd
from nlalert.workflow.samenstelling import gebied_van

log = logging.getLogger(__name__)

bp = Blueprint("berichten", __name__)


def _gebruiker() -> Gebruiker:
    # Only called behind login_required, which guarantees a user.
    return cast(Gebruiker, huidige_gebruiker())


def geheel(waarde: str | None, veld: str) -> int:
    """Parse a whole number from a form field, or raise OngeldigeInvoer."""
    if waarde is None or not waarde.strip().isdigit() or len(waarde) > 12:
        raise OngeldigeInvoer(veld, N_("verwacht een geheel getal"))
    return int(waarde)


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
    """One bericht: exactly what will go out (or went out), its state at the CBC, its history and
    the actions its state allows."""
    db = get_db()
    record = opslag.lees(db, bericht_id)
    nu = datetime.now(UTC)
    if record.status in (Status.VERZENDEN, Status.ONBEKEND):
        # A worker that died mid-send leaves rows to settle; their lease tells when.
        herstel.herstel(db, koppelingen.koppelingen(), bij_start=False)
        record = opslag.lees(db, bericht_id)
    overzicht_, overzicht_fout = _overzicht(db, record, nu)
    origineel = None if record.origineel_id is None else opslag.lees(db, record.origineel_id)
    schatting, schatting_fout = (
        _schatting(record, kaart=True) if record.status == "ingediend" else ({}, "")
    )
    na: bereik.Bereik | None = None
    na_fout = ""
    locaties = [u.locatie for u in uitzendingen.van_bericht(db, bericht_id) if u.locatie]
    if record.status in (Status.VERZONDEN, Status.ONBEKEND, Status.VERZENDFOUT) and locaties:
        try:
            na = koppelingen.simulator_client().na_verzending(locaties[0])
        except BereikError as exc:
            na_fout = fouttekst(exc)
    return render_template(
        "bericht.html",
        schatting=schatting,
        schatting_fout=schatting_fout,
        na_verzending=na.to_dict() if na else {},
        na_verzending_fout=na_fout,
        bericht=record,
        origineel=origineel,
        overzicht=overzicht_,
        voorbeeld_fout=overzicht_fout,
        in_de_lucht=opslag.in_de_lucht(db, record, nu),
        misschien_in_de_lucht=opslag.misschien_in_de_lucht(db, record, nu),
        rijen=outbox.van_bericht(db, bericht_id),
        geschiedenis=audit.regels(db, bericht_id=bericht_id),
    )


def _overzicht(
    db: sqlite3.Connection, record: BerichtRecord, nu: datetime
) -> tuple[dict[str, Any], bool]:
    """The broadcasts and checks the pages show; (empty, True) when it cannot be composed."""
    try:
        b = opsteller.bericht(record)
    except (BerichtError, CatalogusError, NlalertError):
        # Without a preview nobody may approve; the template hides the approve form.
        log.exception("voorbeeld van bericht %s mislukt", record.id)
        return {}, True
    opgeslagen_ = overzicht.opgeslagen(db, record, nu=nu)
    if opgeslagen_:
        lijst = opgeslagen_
    else:
        k = koppelingen.kies(koppelingen.koppelingen(), training=record.training)
        lijst = overzicht.gepland(db, record, b, k, nu=nu)
    return {
        "uitzendingen": lijst,
        "verzonden": bool(opgeslagen_),
        "kenmerken": overzicht.kenmerken(b),
        "controle": overzicht.controle(b),
        "gebied": None
        if b.gebied is None
        else {
            "beschrijving": b.gebied.beschrijving,
            "geojson": overzicht.gebied_tekst(b.gebied.to_geojson()),
        },
        "niet_mee": [u for u in lijst if u["toestand"] == "niet_mee"],
        "grens": grens.overdracht(b.waarschuwingen, [t.taal for t in b.talen]),
    }, False


def _schatting(record: BerichtRecord, *, kaart: bool = False) -> tuple[dict[str, Any], str]:
    """The simulator's reach estimate for a record's area (and its map), or the reason there is
    none."""
    gebied = record.inhoud.get("gebied")
    if not isinstance(gebied, Mapping):
        return {}, ""
    try:
        area = gebied_van(gebied)
        if area is None:
            return {}, ""
        uit = koppelingen.simulator_client().schat(area.to_geojson()).to_dict()
        if kaart:
            uit["kaart"] = (
                koppelingen.simulator_client()
                .schat(area.to_geojson(), kaart=True)
                .to_dict()
                .get("kaart")
            )
        uit["beschrijving"] = area.beschrijving
        return uit, ""
    except (BereikError, BerichtError) as exc:
        return {}, fouttekst(exc)


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
    """The confirmation step: the area on the map, who is reached inside and outside it, and
    which broadcasts this CBC can carry, before anything is sent."""
    db = get_db()
    record = opslag.lees(db, bericht_id)
    k = koppelingen.kies(koppelingen.koppelingen(), training=record.training)
    overzicht_, fout = _overzicht(db, record, datetime.now(UTC))
    schatting, schatting_fout = _schatting(record, kaart=True)
    return render_template(
        "bevestigen.html",
        bericht=record,
        overzicht=overzicht_,
        voorbeeld_fout=fout,
        doel=k.doel.value,
        profiel=k.profiel,
        schatting=schatting,
        schatting_fout=schatting_fout,
    )


@bp.post("/berichten/<int:bericht_id>/verzenden")
@login_required
def verzenden(bericht_id: int) -> BaseResponse:
    """Send an approved bericht (or go on with one that stopped half-way) once confirmed."""
    db = get_db()
    record = opslag.lees(db, bericht_id)
    if request.form.get("bevestigd", "") != record.inhoud_hash:
        flash(_("Bevestig eerst het gebied en het aantal mensen op de bevestigingspagina."), "fout")
        return redirect(url_for("berichten.bevestigen", bericht_id=bericht_id))
    klaar = verzending.verzend(
        db, bericht_id, _gebruiker(), koppelingen.koppelingen(), opsteller.bericht
    )
    return _na_verzenden(klaar)


def _na_verzenden(record: BerichtRecord) -> BaseResponse:
    assert record.id is not None
    if record.status == Status.VERZONDEN:
        return _terug(record.id, _("Het bericht is verzonden: de CBC houdt het vast."))
    flash(
        _(
            "Het bericht is niet helemaal verzonden (status: %(status)s). Zie hieronder wat er in"
            " de lucht is en wat u nu kunt doen.",
            status=str(record.status),
        ),
        "fout",
    )
    return redirect(url_for("berichten.detail", bericht_id=record.id))


def _vervolg(bericht_id: int, soort: BerichtSoort, melding: str) -> BaseResponse:
    nieuw = opslag.maak_vervolg(get_db(), bericht_id, soort, _gebruiker())
    return _terug(cast(int, nieuw.id), melding)


@bp.post("/berichten/<int:bericht_id>/update")
@login_required
def update(bericht_id: int) -> BaseResponse:
    """Start an update of a bericht on air: a new concept with the next update number."""
    return _vervolg(
        bericht_id,
        BerichtSoort.UPDATE,
        _("Update aangemaakt als concept; pas de tekst aan en dien in."),
    )


@bp.post("/berichten/<int:bericht_id>/einde")
@login_required
def einde(bericht_id: int) -> BaseResponse:
    """Start the all-clear: it replaces what is on air and ends by itself."""
    return _vervolg(
        bericht_id,
        BerichtSoort.EINDE,
        _("Sein veilig (einde dreiging) aangemaakt als concept; controleer en dien in."),
    )


@bp.post("/berichten/<int:bericht_id>/intrekken")
@login_required
def intrekken(bericht_id: int) -> BaseResponse:
    """Start the withdrawal: every broadcast stops and nothing new goes on air."""
    return _vervolg(
        bericht_id,
        BerichtSoort.CANCEL,
        _("Intrekking aangemaakt als concept; na goedkeuring stoppen alle uitzendingen."),
    )


@bp.post("/berichten/<int:bericht_id>/controleren")
@login_required
def controleren(bericht_id: int) -> BaseResponse:
    """Ask the CBC again about broadcasts whose state is unknown."""
    record = herstel.controleer(get_db(), bericht_id, koppelingen.koppelingen(), _gebruiker().naam)
    return _terug(
        bericht_id, _("De CBC is gevraagd; status: %(status)s.", status=str(record.status))
    )


@bp.post("/berichten/<int:bericht_id>/stoppen")
@login_required
def stoppen(bericht_id: int) -> BaseResponse:
    """Withdraw whatever a stuck send may have on air; nothing new goes out."""
    versie = geheel(request.form.get("versie"), "versie")
    if versie != opslag.lees(get_db(), bericht_id).versie:
        raise Verouderd()
    record = herstel.stop(get_db(), bericht_id, _gebruiker(), koppelingen.koppelingen())
    return _terug(bericht_id, _("Stoppen gevraagd; status: %(status)s.", status=str(record.status)))


@bp.post("/berichten/<int:bericht_id>/beeindigen")
@login_required
def beeindigen(bericht_id: int) -> BaseResponse:
    """Close a stuck send by hand, once it is known that nothing of it is on air."""
    if request.form.get("bevestig") != "ja":
        raise OngeldigeInvoer("bevestig", N_("bevestig dat u dit bij de operator hebt nagegaan"))
    herstel.beeindig(get_db(), bericht_id, _gebruiker())
    return _terug(bericht_id, _("Het bericht is als beëindigd gemarkeerd."))
