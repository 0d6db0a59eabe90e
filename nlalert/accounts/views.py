"""Login, logout, password change and per-user settings (training mode, UI language)."""

from __future__ import annotations

from typing import cast
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from nlalert.accounts import gebruikers
from nlalert.accounts.gebruikers import Gebruiker
from nlalert.accounts.toegang import begin_sessie, huidige_gebruiker, login_required
from nlalert.audit import log as audit
from nlalert.db import get_db, transactie
from nlalert.http.beveiliging import BEGRENZER, Begrenzer, TeVeelPogingen, nieuw_csrf_token
from nlalert.problemen import status_van
from nlalert.taal import SESSIE_SLEUTEL, TALEN, fouttekst
from nlalert.taal import gettext as _

bp = Blueprint("auth", __name__)


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
    details: dict[str, object] = {"ip": request.remote_addr or ""}
    try:
        poging = begrenzer.begin(db, naam, request.remote_addr)
    except TeVeelPogingen:
        with transactie(db):
            audit.schrijf(
                db, gebruiker=naam[:100], actie=audit.Actie.LOGIN_GEBLOKKEERD, details=details
            )
        raise
    gebruiker = gebruikers.controleer_wachtwoord(db, naam, wachtwoord) if naam else None
    if gebruiker is None or not gebruiker.actief:
        # The attempt stays counted. Only who knows the password learns that the account is
        # disabled; anyone else sees the same answer as for an unknown name.
        exc: gebruikers.GebruikerError = gebruikers.OngeldigeInlog()
        if gebruiker is not None:
            exc = gebruikers.Uitgeschakeld(gebruiker.naam)
            details = {**details, "uitgeschakeld": True}
        with transactie(db):
            audit.schrijf(
                db, gebruiker=naam[:100], actie=audit.Actie.LOGIN_MISLUKT, details=details
            )
        pagina = render_template("login.html", naam=naam, volgende=volgende, fout=fouttekst(exc))
        return pagina, status_van(exc)
    begrenzer.gelukt(db, poging)
    with transactie(db):
        audit.schrijf(db, gebruiker=gebruiker.naam, actie=audit.Actie.LOGIN, details=details)
    taal = session.get(SESSIE_SLEUTEL)
    # A fresh session at login: nothing planted before login (fixation, CSRF token) survives.
    session.clear()
    nieuw_csrf_token()
    session.permanent = True  # expire after PERMANENT_SESSION_LIFETIME, not at browser close only
    begin_sessie(gebruiker)
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
    begin_sessie(bijgewerkt)  # this session goes on; the user's other sessions have ended
    flash(_("Uw wachtwoord is gewijzigd. Uw andere sessies zijn beëindigd."), "ok")
    if gebruiker.heeft_token:
        flash(_("Uw API-token is ingetrokken; vraag beheer om een nieuw token."), "ok")
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
