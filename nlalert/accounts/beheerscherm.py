"""The beheer screen: every user with role, state and token, and disable, enable, delete.

Each change is one form POST with the session's CSRF token, audited by `accounts.beheer`.
Deleting asks first on a page of its own (no script needed).
"""

from __future__ import annotations

from typing import cast

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from nlalert.accounts import beheer, gebruikers
from nlalert.accounts.gebruikers import Gebruiker, Rol
from nlalert.accounts.toegang import huidige_gebruiker, role_required
from nlalert.db import get_db
from nlalert.fouten import N_, NietGevonden
from nlalert.problemen import status_van
from nlalert.taal import fouttekst
from nlalert.taal import gettext as _

bp = Blueprint("beheer", __name__, url_prefix="/beheer")


def _ik() -> Gebruiker:
    return cast(Gebruiker, huidige_gebruiker())


def _lijst(fout: str | None = None, status: int = 200) -> tuple[str, int]:
    pagina = render_template("beheer.html", gebruikers=gebruikers.alle(get_db()), fout=fout)
    return pagina, status


@bp.get("/gebruikers")
@role_required(Rol.BEHEER)
def lijst() -> tuple[str, int]:
    """Every user (deleted ones excepted) with role, state, training and token."""
    return _lijst()


@bp.get("/gebruikers/verwijderen")
@role_required(Rol.BEHEER)
def verwijderen_bevestigen() -> str:
    """Ask before deleting: say what deleting does and does not do."""
    naam = request.args.get("naam", "")[:200]
    gebruiker = gebruikers.zoek(get_db(), naam)
    if gebruiker is None:
        raise NietGevonden(N_("gebruiker"), naam.strip()[:100])
    return render_template("beheer_verwijderen.html", doel=gebruiker)


@bp.post("/gebruikers/<actie>")
@role_required(Rol.BEHEER)
def wijzig(actie: str) -> Response | tuple[str, int]:
    """Disable, enable or delete the user named in the form."""
    naam = request.form.get("naam", "")[:200]
    db = get_db()
    try:
        if actie == "uitschakelen":
            doel = beheer.schakel_uit(db, naam, door=_ik())
            flash(
                _(
                    "%(naam)s is uitgeschakeld: sessies en API-token werken niet meer.",
                    naam=doel.naam,
                ),
                "ok",
            )
        elif actie == "inschakelen":
            doel = beheer.schakel_in(db, naam, door=_ik())
            flash(
                _(
                    "%(naam)s is weer ingeschakeld; maak zo nodig een nieuw API-token.",
                    naam=doel.naam,
                ),
                "ok",
            )
        elif actie == "verwijderen":
            if request.form.get("bevestigd") != "ja":
                return redirect(url_for("beheer.verwijderen_bevestigen", naam=naam))
            beheer.verwijder(db, naam, door=_ik())
            flash(_("%(naam)s is verwijderd.", naam=naam.strip()), "ok")
        else:
            abort(404)
    except gebruikers.GebruikerError as exc:
        return _lijst(fouttekst(exc), status_van(exc))
    return redirect(url_for("beheer.lijst"))
