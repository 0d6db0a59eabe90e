"""Who is asking: the session's or the API token's user, and the guards every view uses.

A Bearer token authenticates the API; the session cookie the pages (and the two JSON calls the
compose screen makes itself, see `scherm_api`). A one-time password must be replaced first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import g, redirect, request, session, url_for

from nlalert.accounts import gebruikers, tokens
from nlalert.accounts.gebruikers import Gebruiker, GeenRecht, Rol
from nlalert.db import get_db
from nlalert.fouten import N_, NlalertError
from nlalert.http.bearer import bearer_token
from nlalert.http.beveiliging import is_token_api
from nlalert.http.json import MAX_SCHERM_BODY

F = TypeVar("F", bound=Callable[..., Any])
# Endpoints a user who must change their password may still reach.
VRIJ_BIJ_WACHTWOORDWISSEL = frozenset({"auth.wachtwoord", "auth.logout", "auth.taal", "static"})


class NietIngelogd(NlalertError):
    """The request needs a logged-in user or a valid API token."""

    def __init__(self) -> None:
        super().__init__(N_("log eerst in (of stuur een geldig API-token mee)"))


def huidige_gebruiker() -> Gebruiker | None:
    """The user of this request (session or API token), or None."""
    return cast(Gebruiker | None, g.get("gebruiker"))


SESSIE_EPOCH = "epoch"


def begin_sessie(gebruiker: Gebruiker) -> None:
    """Bind the session to the user as they are now: a later epoch or password ends it."""
    session["gebruiker_id"] = gebruiker.id
    session["kenmerk"] = gebruiker.wachtwoord_kenmerk
    session[SESSIE_EPOCH] = gebruiker.sessie_epoch


def laad_gebruiker() -> None:
    """Load the session's user on every request; end the session when the user was disabled
    or deleted, or their sessions were ended (a new epoch) since it began.

    Sessions are signed cookies, so they cannot be deleted on the server; the epoch in the
    database is what revokes them, in every worker at once.
    """
    g.gebruiker = None
    gebruiker_id = session.get("gebruiker_id")
    if not isinstance(gebruiker_id, int) or is_token_api():
        return
    gebruiker = gebruikers.zoek_id(get_db(), gebruiker_id)
    if (
        gebruiker is None
        or not gebruiker.actief
        or gebruiker.sessie_epoch != session.get(SESSIE_EPOCH)
        or gebruiker.wachtwoord_kenmerk != session.get("kenmerk")
    ):
        session.clear()
        return
    g.gebruiker = gebruiker


def login_required(view: F) -> F:
    """Let only logged-in users through; others go to the login page (or get 401 on the API)."""

    @functools.wraps(view)
    def bewaakt(*args: Any, **kwargs: Any) -> Any:
        gebruiker = huidige_gebruiker()
        if gebruiker is None:
            if request.path.startswith("/api/"):
                raise NietIngelogd()
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        # A one-time password must be replaced before anything else; an API token is a
        # credential of its own, issued by an administrator, so it is not held up by this.
        if (
            gebruiker.moet_wachtwoord_wijzigen
            and not request.path.startswith("/api/")
            and request.endpoint not in VRIJ_BIJ_WACHTWOORDWISSEL
        ):
            return redirect(url_for("auth.wachtwoord"))
        return view(*args, **kwargs)

    return cast(F, bewaakt)


def role_required(*rollen: Rol) -> Callable[[F], F]:
    """Let only logged-in users with one of these roles through."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def bewaakt(*args: Any, **kwargs: Any) -> Any:
            gebruiker = huidige_gebruiker()
            if gebruiker is not None and gebruiker.rol not in rollen:
                raise GeenRecht(
                    N_("uw rol '%(rol)s' heeft hier geen toegang"), rol=str(gebruiker.rol)
                )
            return view(*args, **kwargs)

        return login_required(cast(F, bewaakt))

    return decorator


def api_gebruiker() -> None:
    """Authenticate an API request by its Bearer token; the session cookie is ignored there."""
    token = bearer_token()
    gebruiker = tokens.bij_token(get_db(), token) if token is not None else None
    if gebruiker is None:
        raise NietIngelogd()
    g.gebruiker = gebruiker


def scherm_api(view: F) -> F:
    """Guard an /api/ call of the compose screen: a Bearer token, or the session plus its CSRF
    header (the app-wide session loading and CSRF check treat these calls as pages)."""

    @functools.wraps(view)
    def bewaakt(*args: Any, **kwargs: Any) -> Any:
        request.max_content_length = MAX_SCHERM_BODY
        token = bearer_token()
        if token is not None:
            gebruiker = tokens.bij_token(get_db(), token)
        else:
            gebruiker = huidige_gebruiker()  # loaded and CSRF-checked like any page
            if gebruiker is not None and gebruiker.moet_wachtwoord_wijzigen:
                raise GeenRecht(N_("kies eerst een eigen wachtwoord"))
        if gebruiker is None:
            raise NietIngelogd()
        g.gebruiker = gebruiker
        return view(*args, **kwargs)

    return cast(F, bewaakt)
