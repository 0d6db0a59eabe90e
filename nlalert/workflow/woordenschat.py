"""Reviewed additions to the field vocabularies: the reviewers' translation memory (issue 14).

A communicator may type a substance that is not in the list ("fosgeen"); it then goes out in
Dutch in every other language. A reviewer can add its translation per language; the next save of
a bericht picks it up. The additions a bericht uses are written into its stored compose request
(`inhoud["woorden"]`), so its content hash covers them: an addition made after someone approved
a bericht can never change what that approver saw.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from handelingsperspectieven import woordenlijsten
from nlalert.accounts.gebruikers import Gebruiker, GeenRecht, Recht
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, OngeldigeInvoer
from vertalingen import BRONTAAL, TALEN, Vertaler

SLEUTEL = "woorden"  # in a stored inhoud: [[veld, taal, waarde, vertaling], ...]
MAX_WOORD = 60  # as long as the longest vocabulary field (velden.toml stof)


def alle(db: sqlite3.Connection) -> dict[tuple[str, str, str], str]:
    """Every reviewed addition: (field, language, Dutch value casefolded) -> the word."""
    rijen = db.execute("SELECT veld, taal, waarde, vertaling FROM woordenschat")
    return {(r["veld"], r["taal"], r["waarde"]): r["vertaling"] for r in rijen}


def vrije_waarden(inhoud: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The free values of a compose request's vocabulary fields: (field, value as typed)."""
    velden = inhoud.get("velden") or {}
    uit = []
    for veld, lijst in woordenlijsten().items():
        waarde = velden.get(veld)
        if isinstance(waarde, str) and waarde.strip() and not lijst.bevat(waarde):
            uit.append((veld, waarde.strip()))
    return uit


def leg_vast(db: sqlite3.Connection, inhoud: Mapping[str, Any]) -> dict[str, Any]:
    """The compose request with the additions its free values use written into it."""
    uit = {k: v for k, v in inhoud.items() if k != SLEUTEL}
    bekend = alle(db)
    woorden = [
        [veld, taal, waarde, bekend[(veld, taal, waarde.casefold())]]
        for veld, waarde in vrije_waarden(inhoud)
        for taal in inhoud.get("talen") or ()
        if taal != BRONTAAL and (veld, taal, waarde.casefold()) in bekend
    ]
    if woorden:
        uit[SLEUTEL] = woorden
    return uit


def _woord(veld: str, waarde: object, maximum: int = MAX_WOORD) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        raise OngeldigeInvoer(veld, N_("vul een woord in"))
    waarde = unicodedata.normalize("NFC", waarde).strip()
    if len(waarde) > maximum:
        raise OngeldigeInvoer(veld, N_("hoogstens %(max)s tekens"), max=maximum)
    if "%" in waarde or any(unicodedata.category(t) in ("Cc", "Cf") for t in waarde):
        raise OngeldigeInvoer(veld, N_("geen procentteken of stuurtekens"))
    return waarde


def voeg_toe(
    db: sqlite3.Connection,
    door: Gebruiker,
    *,
    veld: object,
    taal: object,
    waarde: object,
    vertaling: object,
    nu: datetime | None = None,
) -> None:
    """Store a reviewer's translation of a free value, with its audit row, in one transaction."""
    if not door.mag(Recht.AFTEKENEN):
        raise GeenRecht(
            N_("alleen een reviewer mag vertalingen toevoegen (uw rol: '%(rol)s')"),
            rol=str(door.rol),
        )
    if door.training:
        raise GeenRecht(N_("in trainingsmodus kunt u geen vertalingen toevoegen"))
    if not isinstance(veld, str) or veld not in woordenlijsten():
        raise OngeldigeInvoer(
            "veld", N_("kies uit: %(velden)s"), velden=", ".join(woordenlijsten())
        )
    if not isinstance(taal, str) or taal not in TALEN or taal == BRONTAAL:
        raise OngeldigeInvoer(
            "taal",
            N_("kies uit: %(talen)s"),
            talen=", ".join(t for t in TALEN if t != BRONTAAL),
        )
    nl = _woord("waarde", waarde)
    woord = _woord("vertaling", vertaling)
    lijst = woordenlijsten()[veld]
    bekend = lijst.vind(nl)
    if bekend is not None and Vertaler(taal).pgettext(veld, bekend) is not None:
        # The catalogue's reviewed translation wins; change it there.
        raise OngeldigeInvoer("waarde", N_("'%(waarde)s' staat al in de lijst"), waarde=nl)
    tijd = (nu or datetime.now(UTC)).isoformat()
    with transactie(db):
        db.execute(
            "INSERT INTO woordenschat (veld, taal, waarde, vertaling, reviewer, tijd)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (veld, taal, waarde) DO UPDATE SET vertaling = excluded.vertaling,"
            " reviewer = excluded.reviewer, tijd = excluded.tijd",
            (veld, taal, nl.casefold(), woord, door.naam, tijd),
        )
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.WOORD_TOEGEVOEGD,
            inhoud={"veld": veld, "taal": taal, "waarde": nl, "vertaling": woord},
            details={"veld": veld, "taal": taal, "waarde": nl},
        )
