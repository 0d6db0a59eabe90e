"""CSRF tokens, login rate limiting and security headers.

Session cookies are Secure, HttpOnly and SameSite=Lax by default (set in `nlalert.app`). A browser
does not send a Secure cookie over plain http to a non-localhost name, so when you serve plain http
on another host name, set `NLALERT_SESSION_COOKIE_SECURE=false`; `nlalert run` does this itself
for a loopback address.
"""

from __future__ import annotations

import hmac
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, request, session

from nlalert.db import transactie
from nlalert.fouten import N_, NlalertError

CSRF_SESSIE = "_csrf"
CSRF_VELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
BEGRENZER = "nlalert.begrenzer"
VEILIGE_METHODEN = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class BeveiligingError(NlalertError):
    """Base of the security refusals."""


class CsrfFout(BeveiligingError):
    """A state-changing form came without the token of this session."""

    def __init__(self) -> None:
        super().__init__(
            N_("het formulier is verlopen of komt niet van deze site; laad de pagina opnieuw")
        )


class TeVeelPogingen(BeveiligingError):
    """Too many failed logins for this name, or for any name, from this address."""

    def __init__(self, wacht_seconden: int) -> None:
        self.wacht_seconden = wacht_seconden
        super().__init__(
            N_("te veel mislukte inlogpogingen; probeer het over %(minuten)d minuten opnieuw"),
            minuten=max(1, -(-wacht_seconden // 60)),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Poging:
    """One login attempt, counted as failed until `Begrenzer.gelukt` says otherwise."""

    naam_sleutel: str
    adres_rij: int


class Begrenzer:
    """Counts failed logins in a sliding window, per name and address and per address across
    names. The counts live in the database (`inlogpogingen`), so every worker process shares
    them; a wall clock, because a monotonic clock is only comparable within one process.
    """

    def __init__(
        self,
        *,
        max_pogingen: int = 5,
        max_per_adres: int = 20,
        venster_seconden: float = 300.0,
        klok: Callable[[], float] = time.time,
    ) -> None:
        self.max_pogingen = max_pogingen
        self.max_per_adres = max_per_adres  # 0: no limit per address
        self.venster = venster_seconden
        self.klok = klok

    def begin(self, db: sqlite3.Connection, naam: str, ip: str | None) -> Poging:
        """Raise TeVeelPogingen while a limit is used up; else count this attempt as failed.

        Counting before the password is checked, in one write transaction, keeps the limit
        exact when several workers take attempts at the same moment.
        """
        naam_sleutel = login_sleutel(naam, ip)
        adres_sleutel = f"adres|{ip or '-'}"
        grenzen = [(naam_sleutel, self.max_pogingen)]
        if self.max_per_adres > 0:
            grenzen.append((adres_sleutel, self.max_per_adres))
        with transactie(db):
            nu = self.klok()
            # Forget what left the window, so the table stays as small as one window's failures.
            db.execute("DELETE FROM inlogpogingen WHERE tijd <= ?", (nu - self.venster,))
            for sleutel, grens in grenzen:
                aantal, oudste = db.execute(
                    "SELECT count(*), min(tijd) FROM inlogpogingen WHERE sleutel = ?", (sleutel,)
                ).fetchone()
                if aantal >= grens:
                    raise TeVeelPogingen(int(oudste + self.venster - nu) + 1)
            for sleutel in (naam_sleutel, adres_sleutel):
                rij = db.execute(
                    "INSERT INTO inlogpogingen (sleutel, tijd) VALUES (?, ?) RETURNING id",
                    (sleutel, nu),
                ).fetchone()[0]
        return Poging(naam_sleutel=naam_sleutel, adres_rij=int(rij))

    def gelukt(self, db: sqlite3.Connection, poging: Poging) -> None:
        """A successful login: forget the name's failures and this attempt at the address.

        The address keeps its earlier failures: one valid account must not reset the count of
        someone trying many names from the same address.
        """
        with transactie(db):
            db.execute("DELETE FROM inlogpogingen WHERE sleutel = ?", (poging.naam_sleutel,))
            db.execute("DELETE FROM inlogpogingen WHERE id = ?", (poging.adres_rij,))


def login_sleutel(naam: str, ip: str | None) -> str:
    """The rate-limit key of a name: the name as typed (case-folded) and the client address."""
    return f"naam|{naam.strip().casefold()[:100]}|{ip or '-'}"


def csrf_token() -> str:
    """The CSRF token of this session, created on first use."""
    token = session.get(CSRF_SESSIE)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSIE] = token
    return token


def nieuw_csrf_token() -> None:
    """Forget the session's token, e.g. at login, so a token seen before login is useless."""
    session.pop(CSRF_SESSIE, None)


# The compose screen's own JSON calls: the only /api/ paths that also accept the session cookie
# (with this session's CSRF token in the X-CSRF-Token header) besides a Bearer token.
SESSIE_API = frozenset({"/api/voorbeeld", "/api/bereik"})


def _is_api() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def is_token_api() -> bool:
    """An /api/ request that authenticates with a Bearer token only, never the session cookie."""
    if request.path in SESSIE_API:
        return request.headers.get("Authorization", "").lower().startswith("bearer ")
    return _is_api()


def controleer_csrf() -> None:
    """Refuse a state-changing browser request without this session's token."""
    # A token-only API request carries no ambient credentials, so a forged cross-site request to
    # it is powerless and CSRF does not apply. An anonymous call to the screen's JSON endpoints
    # is answered 401 by their guard, which says more than a CSRF refusal would.
    if request.method in VEILIGE_METHODEN or is_token_api():
        return
    if request.path in SESSIE_API and not isinstance(session.get("gebruiker_id"), int):
        return
    verwacht = session.get(CSRF_SESSIE)
    gekregen = request.form.get(CSRF_VELD) or request.headers.get(CSRF_HEADER) or ""
    if not isinstance(verwacht, str) or not hmac.compare_digest(verwacht, gekregen):
        raise CsrfFout()


def beveiligingsheaders(response: Response) -> Response:
    """Add the security headers to every response."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html" or _is_api():
        # Pages show berichten and audit data; keep them out of shared and browser caches.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    """Check CSRF before every request, add headers after, and offer `csrf_token()` to templates."""
    app.extensions.setdefault(
        BEGRENZER,
        Begrenzer(
            max_pogingen=app.config["LOGIN_MAX_POGINGEN"],
            max_per_adres=app.config["LOGIN_MAX_POGINGEN_ADRES"],
            venster_seconden=app.config["LOGIN_VENSTER_SECONDEN"],
        ),
    )
    app.before_request(controleer_csrf)
    app.after_request(beveiligingsheaders)
    app.jinja_env.globals["csrf_token"] = csrf_token
