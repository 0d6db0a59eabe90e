"""The HTTP API: JSON in and out, authenticated only by a per-user Bearer token.

The same workflow functions as the web pages run behind it, so its rules (four eyes, training,
roles) are exactly the same: nobody approves their own bericht here either.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from flask import Blueprint, Response, jsonify, request

from berichten import BerichtError
from berichten.cap_import import CapVerzoek
from berichten.modus import BerichtSoort
from nlalert import koppelingen
from nlalert.accounts.gebruikers import Gebruiker, GeenRecht, Recht
from nlalert.accounts.toegang import api_gebruiker, huidige_gebruiker, login_required
from nlalert.api import cap as api_cap
from nlalert.api.cap import VerkeerdInhoudstype
from nlalert.audit import log as audit
from nlalert.db import get_db
from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.http.json import lees_json
from nlalert.taal import fouttekst
from nlalert.verzending import herstel, outbox, overzicht
from nlalert.verzending import uitvoering as verzending
from nlalert.workflow import opslag, opsteller
from nlalert.workflow.model import BerichtRecord, Verouderd
from nlalert.workflow.samenstelling import herkomst_van

bp = Blueprint("api", __name__, url_prefix="/api")


# Every route authenticates by its Bearer token (the one guard in accounts.toegang).
bp.before_request(api_gebruiker)


def _gebruiker() -> Gebruiker:
    return cast(Gebruiker, huidige_gebruiker())


def _geheel(data: dict[str, Any], veld: str) -> int:
    waarde = data.get(veld)
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        raise OngeldigeInvoer(veld, N_("verwacht een geheel getal"))
    return waarde


def _tekst(data: dict[str, Any], veld: str, maximum: int = 2000) -> str:
    waarde = data.get(veld)
    if not isinstance(waarde, str) or len(waarde) > maximum:
        raise OngeldigeInvoer(veld, N_("verwacht tekst van hoogstens %(max)s tekens"), max=maximum)
    return waarde


def als_json(r: BerichtRecord, *, uitgebreid: bool = False) -> dict[str, Any]:
    """The API shape of a stored bericht; `uitgebreid` adds its broadcasts and CBC operations."""
    db = get_db()
    uit = r.to_dict()
    # What an Update or Cancel names in CAP `references` ("sender,identifier,sent").
    uit["cap_referentie"] = (
        None if r.verzonden_op is None else herkomst_van(r, opsteller.afzender()).cap_reference
    )
    if uitgebreid:
        nu = datetime.now(UTC)
        lijst = overzicht.opgeslagen(db, r, nu=nu)
        if not lijst:
            try:
                bericht = opsteller.bericht(r)
            except BerichtError as fout:
                # A concept may still be incomplete: it is stored, and says why nothing can be
                # planned yet (submitting it is what is refused).
                uit["nog_niet_samen_te_stellen"] = fouttekst(fout)
            else:
                k = koppelingen.kies(koppelingen.koppelingen(), training=r.training)
                lijst = overzicht.gepland(db, r, bericht, k, nu=nu)
        uit["uitzendingen"] = lijst
        uit["in_de_lucht"] = opslag.in_de_lucht(db, r, nu)
        uit["misschien_in_de_lucht"] = opslag.misschien_in_de_lucht(db, r, nu)
        uit["cbc_operaties"] = [rij.to_dict() for rij in outbox.van_bericht(db, r.id or 0)]
    return uit


def _antwoord(r: BerichtRecord, status: int = 200) -> tuple[Response, int]:
    return jsonify(als_json(r, uitgebreid=True)), status


@bp.get("/ik")
@login_required
def ik() -> Response:
    """Who the token belongs to."""
    gebruiker = _gebruiker()
    return jsonify(
        {"naam": gebruiker.naam, "rol": str(gebruiker.rol), "training": gebruiker.training}
    )


@bp.get("/berichten")
@login_required
def lijst() -> Response:
    """All berichten, newest change first."""
    return jsonify({"berichten": [als_json(r) for r in opslag.lijst(get_db())]})


def _met_waarschuwingen(r: BerichtRecord, verzoek: CapVerzoek) -> tuple[Response, int]:
    # A skipped CAP language must not pass silently: the caller sees what was left out.
    body = als_json(r, uitgebreid=True)
    body["waarschuwingen"] = [w.to_dict() for w in verzoek.waarschuwingen]
    return jsonify(body), 201


@bp.post("/berichten")
@login_required
def maak() -> tuple[Response, int]:
    """Create a concept from a compose request (JSON) or a CAP 1.2 alert (XML)."""
    if api_cap.is_cap():
        verzoek = api_cap.lees_cap()
        inhoud = api_cap.als_inhoud(verzoek)
        db = get_db()
        if verzoek.soort is BerichtSoort.ALERT:
            record = opslag.maak(db, inhoud, _gebruiker())
        else:
            # A CAP Update or Cancel is a follow-up of the bericht its references name.
            origineel = api_cap.origineel_id(db, verzoek)
            record = opslag.maak_vervolg(db, origineel, verzoek.soort, _gebruiker(), inhoud)
        return _met_waarschuwingen(record, verzoek)
    if not request.is_json:
        raise VerkeerdInhoudstype(request.mimetype)
    return _antwoord(opslag.maak(get_db(), lees_json(), _gebruiker()), 201)


@bp.get("/berichten/<int:bericht_id>")
@login_required
def detail(bericht_id: int) -> tuple[Response, int]:
    """One bericht."""
    return _antwoord(opslag.lees(get_db(), bericht_id))


@bp.put("/berichten/<int:bericht_id>")
@login_required
def bewerk(bericht_id: int) -> tuple[Response, int]:
    """Replace the content: `{"versie": n, "inhoud": {...}}`."""
    data = lees_json()
    return _antwoord(
        opslag.bewerk(
            get_db(), bericht_id, data.get("inhoud"), _gebruiker(), versie=_geheel(data, "versie")
        )
    )


@bp.post("/berichten/<int:bericht_id>/indienen")
@login_required
def indienen(bericht_id: int) -> tuple[Response, int]:
    """Submit: `{"versie": n}`."""
    versie = _geheel(lees_json(), "versie")
    return _antwoord(opslag.dien_in(get_db(), bericht_id, _gebruiker(), versie=versie))


@bp.post("/berichten/<int:bericht_id>/goedkeuren")
@login_required
def goedkeuren(bericht_id: int) -> tuple[Response, int]:
    """Approve: `{"inhoud_hash": "<the inhoud_hash you reviewed>"}`."""
    gezien = _tekst(lees_json(), "inhoud_hash", 64)
    return _antwoord(opslag.keur_goed(get_db(), bericht_id, _gebruiker(), gezien_hash=gezien))


@bp.post("/berichten/<int:bericht_id>/terugsturen")
@login_required
def terugsturen(bericht_id: int) -> tuple[Response, int]:
    """Return: `{"versie": n, "reden": "..."}`."""
    data = lees_json()
    return _antwoord(
        opslag.stuur_terug(
            get_db(),
            bericht_id,
            _gebruiker(),
            reden=_tekst(data, "reden"),
            versie=_geheel(data, "versie"),
        )
    )


@bp.post("/berichten/<int:bericht_id>/verzenden")
@login_required
def verzenden(bericht_id: int) -> tuple[Response, int]:
    """Send, or go on with a send that stopped half-way. 200 with the state at the CBC: the
    status says whether everything is on air (`verzonden`), refused (`verzendfout`) or unknown."""
    klaar = verzending.verzend(
        get_db(), bericht_id, _gebruiker(), koppelingen.koppelingen(), opsteller.bericht
    )
    return _antwoord(klaar)


def _vervolg(bericht_id: int, soort: BerichtSoort) -> tuple[Response, int]:
    if api_cap.is_cap():
        verzoek = api_cap.lees_cap()
        if verzoek.soort is not soort:
            raise api_cap.VerkeerdMsgType(verzoek.soort.cap_msg_type, soort.cap_msg_type)
        inhoud = api_cap.als_inhoud(verzoek)
        record = opslag.maak_vervolg(get_db(), bericht_id, soort, _gebruiker(), inhoud)
        return _met_waarschuwingen(record, verzoek)
    # An empty body starts from the original's content; a body is the new compose request.
    data = lees_json() if request.get_data() else None
    return _antwoord(opslag.maak_vervolg(get_db(), bericht_id, soort, _gebruiker(), data), 201)


@bp.post("/berichten/<int:bericht_id>/update")
@login_required
def update(bericht_id: int) -> tuple[Response, int]:
    """Create a concept update of a bericht on air."""
    return _vervolg(bericht_id, BerichtSoort.UPDATE)


@bp.post("/berichten/<int:bericht_id>/einde")
@login_required
def einde(bericht_id: int) -> tuple[Response, int]:
    """Create a concept all-clear of a bericht on air: it replaces it and ends by itself."""
    return _vervolg(bericht_id, BerichtSoort.EINDE)


@bp.post("/berichten/<int:bericht_id>/intrekken")
@login_required
def intrekken(bericht_id: int) -> tuple[Response, int]:
    """Create a concept withdrawal of a bericht on air: its broadcasts stop."""
    return _vervolg(bericht_id, BerichtSoort.CANCEL)


@bp.post("/berichten/<int:bericht_id>/controleren")
@login_required
def controleren(bericht_id: int) -> tuple[Response, int]:
    """Ask the CBC again about broadcasts whose state is unknown."""
    return _antwoord(
        herstel.controleer(get_db(), bericht_id, koppelingen.koppelingen(), _gebruiker().naam)
    )


@bp.post("/berichten/<int:bericht_id>/stoppen")
@login_required
def stoppen(bericht_id: int) -> tuple[Response, int]:
    """Withdraw whatever a stuck send may have on air: `{"versie": n}`."""
    versie = _geheel(lees_json(), "versie")
    if versie != opslag.lees(get_db(), bericht_id).versie:
        raise Verouderd()
    return _antwoord(herstel.stop(get_db(), bericht_id, _gebruiker(), koppelingen.koppelingen()))


@bp.post("/berichten/<int:bericht_id>/beeindigen")
@login_required
def beeindigen(bericht_id: int) -> tuple[Response, int]:
    """Close a stuck send by hand: `{"bevestig": true}` once the operator confirmed nothing of it
    is on air."""
    if lees_json().get("bevestig") is not True:
        raise OngeldigeInvoer("bevestig", N_("bevestig dat u dit bij de operator hebt nagegaan"))
    return _antwoord(herstel.beeindig(get_db(), bericht_id, _gebruiker()))


@bp.get("/audit/verify")
@login_required
def audit_verify() -> Response:
    """Whether the audit chain is intact (reviewer and beheer)."""
    if not _gebruiker().mag(Recht.AUDIT):
        raise GeenRecht(N_("uw rol heeft geen toegang tot het auditlog"))
    uitkomst = audit.verify(get_db())
    return jsonify(
        {
            "ok": uitkomst.ok,
            "aantal": uitkomst.aantal,
            "eerste_fout": uitkomst.eerste_fout,
            "reden": uitkomst.reden,
        }
    )
