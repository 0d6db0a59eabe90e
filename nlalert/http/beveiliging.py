"""CSRF tokens, login rate limiting and security headers.

Session cookies are Secure, HttpOnly and SameSite=Lax by default (set in `nlalert.app`). A browser
does not send a Secure cookie over plain http to a non-localhost name, so when you serve plain http
on another host name, set `NLALERT_SESSION_COOKIE_SECURE=false`; `nlalert run` does this itself
for a loopback address.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

from flask import Flask, Response, request, session

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
    """Too many failed logins for this name from this address."""

    def __init__(self, wacht_seconden: int) -> None:
        self.wacht_seconden = wacht_seconden
        super().__init__(
            N_("te veel mislukte inlogpogingen; probeer het over %(minuten)d minuten opnieuw"),
            minuten=max(1, -(-wacht_seconden // 60)),
        )


class Begrenzer:
    """Counts failures per key in a sliding window (in memory, so per process)."""

    def __init__(
        self,
        *,
        max_pogingen: int = 5,
        venster_seconden: float = 300.0,
        klok: Callable[[], float] = time.monotonic,
        max_sleutels: int = 10_000,
    ) -> None:
        self.max_pogingen = max_pogingen
        self.venster = venster_seconden
        self.klok = klok
        self.max_sleutels = max_sleutels
        self._mislukt: dict[str, deque[float]] = {}
        self._slot = threading.Lock()

    def _opgeschoond(self, sleutel: str, nu: float) -> deque[float]:
        pogingen = self._mislukt.get(sleutel, deque())
        while pogingen and pogingen[0] <= nu - self.venster:
            pogingen.popleft()
        return pogingen

    def controleer(self, sleutel: str) -> None:
        """Raise TeVeelPogingen while the key has used up its failures."""
        with self._slot:
            nu = self.klok()
            pogingen = self._opgeschoond(sleutel, nu)
            if len(pogingen) >= self.max_pogingen:
                raise TeVeelPogingen(int(pogingen[0] + self.venster - nu) + 1)

    def mislukt(self, sleutel: str) -> None:
        """Count one failure."""
        with self._slot:
            nu = self.klok()
            if len(self._mislukt) >= self.max_sleutels and sleutel not in self._mislukt:
                # Bounded memory under a spray of names: forget windows that have expired.
                for oud in [
                    k for k, v in self._mislukt.items() if not v or v[-1] <= nu - self.venster
                ]:
                    del self._mislukt[oud]
            pogingen = self._opgeschoond(sleutel, nu)
            pogingen.append(nu)
            self._mislukt[sleutel] = pogingen

    def gelukt(self, sleutel: str) -> None:
        """Forget the failures of the key after a successful login."""
        with self._slot:
            self._mislukt.pop(sleutel, None)


def login_sleutel(naam: str, ip: str | None) -> str:
    """The rate-limit key: the name as typed (case-folded) and the client address."""
    return f"{naam.strip().casefold()[:100]}|{ip or '-'}"


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
            venster_seconden=app.config["LOGIN_VENSTER_SECONDEN"],
        ),
    )
    app.before_request(controleer_csrf)
    app.after_request(beveiligingsheaders)
    app.jinja_env.globals["csrf_token"] = csrf_token
