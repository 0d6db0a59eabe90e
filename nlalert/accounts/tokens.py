"""API tokens: issued once, stored only as a hash, found by that hash."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import UTC, datetime

from nlalert.accounts.gebruikers import BESTAAT, Gebruiker, Uitgeschakeld, uit_rij, zoek
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, NietGevonden

TOKEN_PREFIX = "nla_"


def _token_hash(token: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough and lets us look them up by hash.
    return hashlib.sha256(token.encode()).hexdigest()


def maak_token(db: sqlite3.Connection, naam: str, *, door: str) -> str:
    """Issue a new API token for the user (replacing the old one) and return it once."""
    gebruiker = zoek(db, naam)
    if gebruiker is None:
        raise NietGevonden(N_("gebruiker"), naam)
    if not gebruiker.actief:
        raise Uitgeschakeld(gebruiker.naam)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transactie(db):
        db.execute(
            "UPDATE gebruikers SET api_token_hash = ?, token_aangemaakt_op = ? WHERE id = ?",
            (_token_hash(token), datetime.now(UTC).isoformat(), gebruiker.id),
        )
        audit.schrijf(
            db, gebruiker=door, actie=audit.Actie.TOKEN_AANGEMAAKT, inhoud={"naam": gebruiker.naam}
        )
    return token


def bij_token(db: sqlite3.Connection, token: str) -> Gebruiker | None:
    """The user this API token belongs to, or None (also for a disabled or deleted user)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    rij = db.execute(
        f"SELECT * FROM gebruikers WHERE api_token_hash = ? AND actief = 1 AND {BESTAAT}",
        (_token_hash(token),),
    ).fetchone()
    return None if rij is None else uit_rij(rij)
