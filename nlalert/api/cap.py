"""CAP 1.2 as the API's second input format: a draft from a CAP alert, an update or cancel by reference.

`berichten.cap_import` reads the alert (safely, schema first); this module turns the result into the
same compose request the JSON API takes, and finds the stored bericht an Update or Cancel names.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import request

from berichten import Gebied
from berichten.cap_import import MAX_BYTES, CapVerzoek, uit_cap
from berichten.identificatie import parse_cap_identifier
from nlalert.fouten import N_, NlalertError
from nlalert.workflow import opslag
from nlalert.workflow.model import BerichtRecord, Status

XML_TYPEN = frozenset({"application/cap+xml", "application/xml", "text/xml"})


class VerkeerdInhoudstype(NlalertError):
    """The body is neither JSON nor CAP 1.2 XML."""

    def __init__(self, inhoudstype: str) -> None:
        self.inhoudstype = inhoudstype
        super().__init__(
            N_(
                "inhoudstype '%(type)s' wordt niet ondersteund; stuur JSON (Content-Type:"
                " application/json) of CAP 1.2 (Content-Type: application/cap+xml)"
            ),
            type=inhoudstype or "geen",
        )


class OnbekendeReferentie(NlalertError):
    """An Update or Cancel refers to no bericht this installation sent."""

    def __init__(self, referenties: str) -> None:
        self.referenties = referenties
        super().__init__(
            N_(
                "de CAP-references '%(referenties)s' wijzen niet naar een bericht dat hier is"
                " verzonden; neem 'cap_referentie' over uit GET /api/berichten/{id}"
            ),
            referenties=referenties,
        )


class VerkeerdMsgType(NlalertError):
    """A CAP alert posted to the update or cancel route has another msgType."""

    def __init__(self, gekregen: str, verwacht: str) -> None:
        self.gekregen = gekregen
        self.verwacht = verwacht
        super().__init__(
            N_("dit CAP-bericht heeft msgType '%(gekregen)s'; hier hoort '%(verwacht)s'"),
            gekregen=gekregen,
            verwacht=verwacht,
        )


def is_cap() -> bool:
    """Whether the request body is declared as CAP XML."""
    return request.mimetype in XML_TYPEN


def lees_cap() -> CapVerzoek:
    """The request body as a CAP compose request; 413 above the CAP size limit."""
    request.max_content_length = MAX_BYTES
    return uit_cap(request.get_data(cache=False))


def _gebied(gebied: Gebied | None) -> dict[str, Any] | None:
    if gebied is None:
        return None
    if len(gebied.cirkels) == 1 and not gebied.polygonen:
        c = gebied.cirkels[0]
        # The stored form of a circle, as the compose screen's area panel writes it.
        return {
            "type": "Feature",
            "properties": {
                "beschrijving": gebied.beschrijving,
                "bron": "cap",
                "cirkel": {"lat": c.lat, "lon": c.lon, "radius_km": c.straal_km},
            },
            "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
        }
    # Several circles, or circles with polygons, are stored as their union (circles approximated).
    return {
        "type": "Feature",
        "properties": {"beschrijving": gebied.beschrijving, "bron": "cap"},
        "geometry": gebied.to_geojson(),
    }


def als_inhoud(verzoek: CapVerzoek) -> dict[str, Any]:
    """The compose request (the JSON API's body) a CAP alert stands for."""
    return {
        "categorie": verzoek.categorie,
        "velden": dict(verzoek.velden),
        "talen": list(verzoek.talen),
        "modus": str(verzoek.modus),
        "register": str(verzoek.register),
        "soort": str(verzoek.soort),
        "gebied": _gebied(verzoek.gebied),
    }


def origineel_id(db: sqlite3.Connection, verzoek: CapVerzoek) -> int:
    """The stored bericht an Update or Cancel refers to; OnbekendeReferentie when none is known."""
    gevonden: list[BerichtRecord] = []
    for referentie in verzoek.referenties:
        # The identifier each bericht went out with is stored; older records are found by the
        # mode, message code and update number their identifier spells.
        rijen = db.execute(
            "SELECT id FROM berichten WHERE cap_identifier = ? AND verzonden_op IS NOT NULL",
            (referentie.identifier,),
        ).fetchall()
        if not rijen and (deel := parse_cap_identifier(referentie.identifier)) is not None:
            modus, code, nummer = str(deel.modus), deel.message_code, deel.update_number
            rijen = [
                r
                for r in db.execute(
                    "SELECT id, inhoud FROM berichten WHERE message_code = ? AND update_nummer = ?"
                    " AND verzonden_op IS NOT NULL AND cap_identifier IS NULL",
                    (code, nummer),
                )
                if str(opslag.lees(db, r[0]).modus) == modus
            ]
        gevonden += [opslag.lees(db, rij[0]) for rij in rijen]
    if not gevonden:
        tekst = " ".join(f"{r.sender},{r.identifier},{r.sent}" for r in verzoek.referenties)
        raise OnbekendeReferentie(tekst[:300])
    # CAP lists the whole chain (original, earlier updates); the one still on air is the one to
    # follow up. Otherwise the newest, and the workflow explains why it cannot be followed up.
    actief = [r for r in gevonden if r.status == Status.VERZONDEN]
    return max(r.id or 0 for r in actief or gevonden)
