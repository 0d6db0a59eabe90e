"""An account's life after it was made: disable, enable and delete, with their guards.

Disabling ends the user's sessions at once (a new session epoch, checked on every request) and
revokes the API token; enabling lets the user log in again, with a new token to be issued.
Deleting keeps the row without its credentials: the name stays in the audit log and on the
berichten, and is never given to someone else (`NaamVerwijderd`), so a name in the history
always means one person.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from nlalert.accounts.gebruikers import BESTAAT, Gebruiker, GebruikerError, Rol, haal, zoek
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, NietGevonden


class EigenAccount(GebruikerError):
    """A user may not disable or delete their own account."""

    def __init__(self) -> None:
        super().__init__(N_("u kunt uw eigen account niet uitschakelen of verwijderen"))


class LaatsteBeheerder(GebruikerError):
    """Without another active beheer account nobody could manage users any more."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        super().__init__(
            N_(
                "'%(naam)s' is het laatste actieve beheer-account; maak of activeer eerst"
                " een ander beheer-account"
            ),
            naam=naam,
        )


def _doelwit(db: sqlite3.Connection, naam: str, door: Gebruiker | str) -> Gebruiker:
    """The user to change, refusing one's own account. `door` is a str for the command line."""
    gebruiker = zoek(db, naam)
    if gebruiker is None:
        raise NietGevonden(N_("gebruiker"), naam.strip()[:100])
    if isinstance(door, Gebruiker) and door.id == gebruiker.id:
        raise EigenAccount()
    return gebruiker


def _niet_de_laatste_beheerder(db: sqlite3.Connection, gebruiker: Gebruiker) -> None:
    if gebruiker.rol is not Rol.BEHEER or not gebruiker.actief:
        return
    anderen = db.execute(
        f"SELECT count(*) FROM gebruikers WHERE rol = ? AND actief = 1 AND id != ? AND {BESTAAT}",
        (str(Rol.BEHEER), gebruiker.id),
    ).fetchone()[0]
    if not anderen:
        raise LaatsteBeheerder(gebruiker.naam)


def _naam(door: Gebruiker | str) -> str:
    return door.naam if isinstance(door, Gebruiker) else door


def schakel_uit(db: sqlite3.Connection, naam: str, *, door: Gebruiker | str) -> Gebruiker:
    """Disable the user: sessions end and the API token is revoked, at once. Audited."""
    with transactie(db):
        # Read inside the write transaction, so two administrators cannot together disable
        # the last two beheer accounts.
        gebruiker = _doelwit(db, naam, door)
        if not gebruiker.actief:
            return gebruiker
        _niet_de_laatste_beheerder(db, gebruiker)
        db.execute(
            "UPDATE gebruikers SET actief = 0, sessie_epoch = sessie_epoch + 1,"
            " api_token_hash = NULL, token_aangemaakt_op = NULL WHERE id = ?",
            (gebruiker.id,),
        )
        audit.schrijf(
            db,
            gebruiker=_naam(door),
            actie=audit.Actie.GEBRUIKER_UITGESCHAKELD,
            inhoud={"naam": gebruiker.naam},
            details={"token_ingetrokken": gebruiker.heeft_token},
        )
    return haal(db, gebruiker.id)


def schakel_in(db: sqlite3.Connection, naam: str, *, door: Gebruiker | str) -> Gebruiker:
    """Enable a disabled user; old sessions stay ended, a new token must be issued. Audited."""
    with transactie(db):
        gebruiker = _doelwit(db, naam, door)
        if gebruiker.actief:
            return gebruiker
        db.execute("UPDATE gebruikers SET actief = 1 WHERE id = ?", (gebruiker.id,))
        audit.schrijf(
            db,
            gebruiker=_naam(door),
            actie=audit.Actie.GEBRUIKER_INGESCHAKELD,
            inhoud={"naam": gebruiker.naam},
        )
    return haal(db, gebruiker.id)


def verwijder(db: sqlite3.Connection, naam: str, *, door: Gebruiker | str) -> None:
    """Delete the user: credentials gone, sessions ended, the name kept and never reused."""
    with transactie(db):
        gebruiker = _doelwit(db, naam, door)
        _niet_de_laatste_beheerder(db, gebruiker)
        db.execute(
            "UPDATE gebruikers SET actief = 0, sessie_epoch = sessie_epoch + 1,"
            " wachtwoord_hash = '', must_change_password = 0, api_token_hash = NULL,"
            " token_aangemaakt_op = NULL, verwijderd_op = ? WHERE id = ?",
            (datetime.now(UTC).isoformat(), gebruiker.id),
        )
        audit.schrijf(
            db,
            gebruiker=_naam(door),
            actie=audit.Actie.GEBRUIKER_VERWIJDERD,
            inhoud={"naam": gebruiker.naam, "rol": str(gebruiker.rol)},
        )
