"""Accessibility sign-offs of a category's texts: storing one with its audit row, history, status.

A sign-off is bound to the version of the texts the reviewer saw (`berichten.versie`); once any
text or translation changes, the category's version changes and the old sign-off no longer counts.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from berichten import versie
from handelingsperspectieven import catalogus
from nlalert.accounts.gebruikers import Gebruiker, GeenRecht, Recht
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, NietGevonden, NlalertError, OngeldigeInvoer

MAX_OPMERKING = 2000


class Oordeel(StrEnum):
    """The reviewer's verdict. Values are stored, so never rename one."""

    AKKOORD = "akkoord"
    AFGEKEURD = "afgekeurd"


class Staat(StrEnum):
    """Where a category stands for its current version of the texts."""

    AKKOORD = "akkoord"  # signed off for exactly this version
    AFGEKEURD = "afgekeurd"  # rejected for exactly this version
    VEROUDERD = "verouderd"  # only an older version was reviewed
    NIET_BEKEKEN = "niet_bekeken"


class TekstenGewijzigd(NlalertError):
    """The texts changed after the reviewer opened them; the sign-off would cover unseen text."""

    def __init__(self, categorie: str, gezien: str, huidig: str) -> None:
        self.categorie = categorie
        self.gezien = gezien
        self.huidig = huidig
        super().__init__(
            N_(
                "de teksten van '%(categorie)s' zijn gewijzigd sinds u ze bekeek (versie"
                " %(gezien)s, nu %(huidig)s); bekijk ze opnieuw voordat u aftekent"
            ),
            categorie=categorie,
            gezien=gezien,
            huidig=huidig,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Aftekening:
    """One stored sign-off."""

    id: int
    categorie: str
    versie: str
    reviewer: str
    tijd: datetime
    opmerking: str
    oordeel: Oordeel


@dataclass(frozen=True, slots=True, kw_only=True)
class Status:
    """A category's current version and what the sign-offs mean for that version."""

    categorie: str
    versie: str
    staat: Staat
    # What the status rests on: the newest sign-off of this version, else the newest of any.
    aftekening: Aftekening | None


def bestaat(categorie: str) -> str:
    """The category id if the catalogue has it, else NietGevonden (a 404, not a 422)."""
    if categorie not in catalogus():
        raise NietGevonden(N_("categorie"), categorie[:100])
    return categorie


def _aftekening(rij: sqlite3.Row) -> Aftekening:
    return Aftekening(
        id=rij["id"],
        categorie=rij["categorie"],
        versie=rij["versie"],
        reviewer=rij["reviewer"],
        tijd=datetime.fromisoformat(rij["tijd"]),
        opmerking=rij["opmerking"],
        oordeel=Oordeel(rij["oordeel"]),
    )


def geschiedenis(db: sqlite3.Connection, categorie: str, *, limiet: int = 100) -> list[Aftekening]:
    """The sign-offs of a category, newest first."""
    rijen = db.execute(
        "SELECT * FROM aftekeningen WHERE categorie = ? ORDER BY id DESC LIMIT ?",
        (categorie, limiet),
    )
    return [_aftekening(r) for r in rijen]


def status(db: sqlite3.Connection, categorie: str, huidige_versie: str | None = None) -> Status:
    """The status of a category for the current version of its texts."""
    huidige_versie = huidige_versie or versie.teksten_versie(categorie)
    # Only the newest verdict on this very version counts: a later rejection overrules an
    # earlier approval of the same text, and a verdict on other text says nothing about this.
    rij = db.execute(
        "SELECT * FROM aftekeningen WHERE categorie = ? AND versie = ? ORDER BY id DESC LIMIT 1",
        (categorie, huidige_versie),
    ).fetchone()
    if rij is not None:
        huidig = _aftekening(rij)
        staat = Staat.AKKOORD if huidig.oordeel is Oordeel.AKKOORD else Staat.AFGEKEURD
        return Status(categorie=categorie, versie=huidige_versie, staat=staat, aftekening=huidig)
    rij = db.execute(
        "SELECT * FROM aftekeningen WHERE categorie = ? ORDER BY id DESC LIMIT 1", (categorie,)
    ).fetchone()
    return Status(
        categorie=categorie,
        versie=huidige_versie,
        staat=Staat.NIET_BEKEKEN if rij is None else Staat.VEROUDERD,
        aftekening=None if rij is None else _aftekening(rij),
    )


def alle_statussen(db: sqlite3.Connection) -> list[Status]:
    """The status of every category in the catalogue, in id order."""
    return [status(db, c) for c in sorted(catalogus())]


def _oordeel(waarde: str) -> Oordeel:
    try:
        return Oordeel(waarde)
    except ValueError:
        raise OngeldigeInvoer("oordeel", N_("kies akkoord of afgekeurd")) from None


def teken_af(
    db: sqlite3.Connection,
    door: Gebruiker,
    categorie: str,
    *,
    gezien_versie: str,
    oordeel: str,
    opmerking: str = "",
    nu: datetime | None = None,
) -> Aftekening:
    """Store a reviewer's verdict on the version they saw, with its audit row, in one transaction."""
    if not door.mag(Recht.AFTEKENEN):
        raise GeenRecht(
            N_("alleen een reviewer mag de toegankelijkheid aftekenen (uw rol: '%(rol)s')"),
            rol=str(door.rol),
        )
    if door.training:
        # Training must never change real state, and a sign-off shows on everyone's screen.
        raise GeenRecht(N_("in trainingsmodus kunt u de toegankelijkheid niet aftekenen"))
    bestaat(categorie)
    gekozen = _oordeel(oordeel)
    opmerking = opmerking.strip()
    if len(opmerking) > MAX_OPMERKING:
        raise OngeldigeInvoer("opmerking", N_("hoogstens %(max)s tekens"), max=MAX_OPMERKING)
    if gekozen is Oordeel.AFGEKEURD and not opmerking:
        # The writers of the texts need to know what to fix.
        raise OngeldigeInvoer("opmerking", N_("zeg bij afkeuren wat er beter moet"))
    huidig = versie.teksten_versie(categorie)
    if gezien_versie != huidig:
        raise TekstenGewijzigd(categorie, gezien_versie[:32], huidig)
    tijd = (nu or datetime.now(UTC)).isoformat()
    with transactie(db):
        cur = db.execute(
            "INSERT INTO aftekeningen (categorie, versie, reviewer, tijd, opmerking, oordeel)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (categorie, huidig, door.naam, tijd, opmerking, str(gekozen)),
        )
        aftekening_id = int(cur.fetchone()[0])
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.AFTEKENEN,
            inhoud={
                "categorie": categorie,
                "versie": huidig,
                "oordeel": str(gekozen),
                "opmerking": opmerking,
            },
            details={
                "aftekening": aftekening_id,
                "categorie": categorie,
                "versie": huidig,
                "oordeel": str(gekozen),
            },
        )
    return Aftekening(
        id=aftekening_id,
        categorie=categorie,
        versie=huidig,
        reviewer=door.naam,
        tijd=datetime.fromisoformat(tijd),
        opmerking=opmerking,
        oordeel=gekozen,
    )
