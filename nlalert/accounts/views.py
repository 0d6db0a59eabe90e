"""Login, logout, password change and per-user settings; the decorators that guard every view."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Gebruiker, Rol
from nlalert.audit import log as audit
from nlalert.db import get_db, transactie
from nlalert.fouten import N_, NlalertError
from nlalert.http.beveiliging import (
    BEGRENZER,
    Begrenzer,
    TeVeelPogingen,
    is_token_api,
    login_sleutel,
    nieuw_csrf_token,
)
from nlalert.taal import SESSIE_SLEUTEL, TALEN
from nlalert.taal import gettext as _
from nlalert.workflow.stappen import GeenRecht

bp = Blueprint("auth", __name__)

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


@bp.before_app_request
def laad_gebruiker() -> None:
    """Load the session's user; end the session if the password changed since login."""
    g.gebruiker = None
    gebruiker_id = session.get("gebruiker_id")
    if not isinstance(gebruiker_id, int) or is_token_api():
        return
    gebruiker = gebruikers.zoek_id(get_db(), gebruiker_id)
    if gebruiker is None or gebruiker.wachtwoord_kenmerk != session.get("kenmerk"):
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


def _veilig_doel(doel: str | None) -> str:
    # Only a path on this site: "//evil.example" or "https://..." would be an open redirect.
    if not doel or not doel.startswith("/") or doel.startswith("//") or "\\" in doel:
        return url_for("berichten.lijst")
    deel = urlsplit(doel)
    return doel if not deel.scheme and not deel.netloc else url_for("berichten.lijst")


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    """Show the login form and log in, with rate limiting and an audit row either way."""
    if request.method == "GET":
        return render_template("login.html", naam="", volgende=request.args.get("next", ""))
    naam = request.form.get("naam", "")[:200]
    wachtwoord = request.form.get("wachtwoord", "")[:1000]
    volgende = request.form.get("next", "")
    db = get_db()
    begrenzer: Begrenzer = current_app.extensions[BEGRENZER]
    sleutel = login_sleutel(naam, request.remote_addr)
    details = {"ip": request.remote_addr or ""}
    try:
        begrenzer.controleer(sleutel)
    except TeVeelPogingen:
        with transactie(db):
            audit.schrijf(
                db, gebruiker=naam[:100], actie=audit.Actie.LOGIN_GEBLOKKEERD, details=details
            )
        raise
    gebruiker = gebruikers.controleer_wachtwoord(db, naam, wachtwoord) if naam else None
    if gebruiker is None:
        begrenzer.mislukt(sleutel)
        with transactie(db):
            audit.schrijf(
                db, gebruiker=naam[:100], actie=audit.Actie.LOGIN_MISLUKT, details=details
            )
        fout = _(gebruikers.OngeldigeInlog().sjabloon)
        return render_template("login.html", naam=naam, volgende=volgende, fout=fout), 401
    begrenzer.gelukt(sleutel)
    with transactie(db):
        audit.schrijf(db, gebruiker=gebruiker.naam, actie=audit.Actie.LOGIN, details=details)
    taal = session.get(SESSIE_SLEUTEL)
    # A fresh session at login: nothing planted before login (fixation, CSRF token) survives.
    session.clear()
    nieuw_csrf_token()
    session.permanent = True  # expire after PERMANENT_SESSION_LIFETIME, not at browser close only
    session["gebruiker_id"] = gebruiker.id
    session["kenmerk"] = gebruiker.wachtwoord_kenmerk
    if taal in TALEN:
        session[SESSIE_SLEUTEL] = taal
    if gebruiker.moet_wachtwoord_wijzigen:
        return redirect(url_for("auth.wachtwoord"))
    return redirect(_veilig_doel(volgende))


@bp.post("/logout")
def logout() -> Response:
    """Log out and audit it."""
    gebruiker = huidige_gebruiker()
    if gebruiker is not None:
        db = get_db()
        with transactie(db):
            audit.schrijf(db, gebruiker=gebruiker.naam, actie=audit.Actie.LOGOUT)
    taal = session.get(SESSIE_SLEUTEL)
    session.clear()
    if taal in TALEN:
        session[SESSIE_SLEUTEL] = taal
    return redirect(url_for("auth.login"))


@bp.route("/wachtwoord", methods=["GET", "POST"])
@login_required
def wachtwoord() -> str | Response | tuple[str, int]:
    """Change one's password (required after a one-time password)."""
    gebruiker = cast(Gebruiker, huidige_gebruiker())
    if request.method == "GET":
        return render_template("wachtwoord.html")
    nieuw = request.form.get("nieuw", "")
    if nieuw != request.form.get("herhaal", ""):
        return render_template(
            "wachtwoord.html", fout=_("De nieuwe wachtwoorden verschillen.")
        ), 400
    try:
        bijgewerkt = gebruikers.wijzig_wachtwoord(
            get_db(), gebruiker, request.form.get("huidig", "")[:1000], nieuw
        )
    except gebruikers.GebruikerError as exc:
        fout = _(exc.sjabloon, **exc.parameters)
        return render_template("wachtwoord.html", fout=fout), 400
    session["kenmerk"] = bijgewerkt.wachtwoord_kenmerk
    flash(_("Uw wachtwoord is gewijzigd."), "ok")
    return redirect(url_for("berichten.lijst"))


@bp.post("/training")
@login_required
def training() -> Response:
    """Switch one's own training mode on or off."""
    gebruiker = cast(Gebruiker, huidige_gebruiker())
    aan = request.form.get("aan") == "1"
    gebruikers.zet_training(get_db(), gebruiker, aan)
    flash(_("Trainingsmodus staat aan.") if aan else _("Trainingsmodus staat uit."), "ok")
    return redirect(url_for("berichten.lijst"))


@bp.post("/taal")
def taal() -> Response:
    """Choose the UI language (kept in the session)."""
    gekozen = request.form.get("taal", "")
    if gekozen in TALEN:
        session[SESSIE_SLEUTEL] = gekozen
    return redirect(_veilig_doel(request.form.get("next")))
