"""The accessibility review: per category every language x variant side by side, and sign-off.

Reviewers (and beheer) see the grid and sign off the version of the texts they saw; every logged-in
user can read a category's status, which the compose screen shows beside the chosen category.
"""

from __future__ import annotations

import base64
from typing import Any, cast

from flask import Blueprint, Response, flash, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from berichten import versie
from berichten.controles import WAARSCHUW_BOVEN_PAGINAS
from berichten.model import Variant
from berichten.review import review
from handelingsperspectieven import catalogus
from nlalert.accounts.gebruikers import Gebruiker, Recht, Rol
from nlalert.accounts.toegang import huidige_gebruiker, login_required, role_required
from nlalert.db import get_db
from nlalert.taal import gettext as _
from nlalert.taal import huidige_taal, tijd
from nlalert.toegankelijkheid import aftekeningen, vrije_tekst
from nlalert.toegankelijkheid.aftekeningen import Staat, Status
from nlalert.workflow import woordenschat
from nlalert.workflow.opsteller import instellingen
from vertalingen import TALEN

bp = Blueprint("toegankelijkheid", __name__)

VARIANTEN = (Variant.STANDAARD, Variant.B1, Variant.KORT, Variant.BEELD)


def _gebruiker() -> Gebruiker:
    # Only called behind login_required, which guarantees a user.
    return cast(Gebruiker, huidige_gebruiker())


def _naam(categorie: str) -> str:
    p = catalogus()[categorie]
    return p.naam_en if huidige_taal() == "en" else p.naam_nl


def status_tekst(s: Status) -> str:
    """One sentence for the compose screen and the list: the sign-off status of this version."""
    a = s.aftekening
    if s.staat is Staat.NIET_BEKEKEN or a is None:
        return _("Toegankelijkheid: nog niet afgetekend.")
    if s.staat is Staat.AKKOORD:
        return _(
            "Toegankelijkheid: akkoord (%(reviewer)s, %(tijd)s) voor deze versie.",
            reviewer=a.reviewer,
            tijd=tijd(a.tijd),
        )
    if s.staat is Staat.AFGEKEURD:
        return _(
            "Toegankelijkheid: afgekeurd (%(reviewer)s, %(tijd)s): %(opmerking)s",
            reviewer=a.reviewer,
            tijd=tijd(a.tijd),
            opmerking=a.opmerking,
        )
    return _(
        "Toegankelijkheid: verouderd. De teksten zijn gewijzigd sinds de laatste aftekening"
        " (%(reviewer)s, %(tijd)s); deze versie is nog niet afgetekend.",
        reviewer=a.reviewer,
        tijd=tijd(a.tijd),
    )


def _staat_labels() -> dict[str, str]:
    return {
        Staat.AKKOORD: _("akkoord voor deze versie"),
        Staat.AFGEKEURD: _("afgekeurd"),
        Staat.VEROUDERD: _("verouderd (een oudere versie is afgetekend)"),
        Staat.NIET_BEKEKEN: _("nog niet bekeken"),
    }


def _toets_labels() -> dict[str, str]:
    # The names of vertalingen.leesbaarheid.Drempels; an unknown one is shown as its name.
    return {
        "flesch_douma_min": _("Flesch-Douma (minimaal)"),
        "woorden_per_zin_max": _("woorden per zin (maximaal)"),
        "langste_zin_max": _("woorden in de langste zin (maximaal)"),
        "passief_max": _("lijdende vorm (maximaal)"),
        "jargon_max": _("jargon en afkortingen (maximaal)"),
        "zeldzame_woorden_max": _("zeldzame woorden (maximaal)"),
        "modale_werkwoorden_per_zin_max": _("modale werkwoorden per zin (maximaal)"),
    }


def _data_uri(svg: str) -> str:
    # The CSP allows `img-src data:`, so the card needs no route of its own.
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@bp.get("/toegankelijkheid")
@role_required(Rol.REVIEWER, Rol.BEHEER)
def lijst() -> str:
    """Every category with its current version and sign-off status."""
    statussen = aftekeningen.alle_statussen(get_db())
    rijen = sorted(
        ({"naam": _naam(s.categorie), "status": s} for s in statussen),
        key=lambda r: str(r["naam"]).casefold(),
    )
    return render_template("toegankelijkheid/lijst.html", rijen=rijen, staat_labels=_staat_labels())


@bp.get("/toegankelijkheid/<categorie>")
@role_required(Rol.REVIEWER, Rol.BEHEER)
def categorie(categorie: str) -> str:
    """The grid: every language x variant with text, counts, checks, readability and the card."""
    aftekeningen.bestaat(categorie)
    db = get_db()
    # The version first: if a text changed while the grid was built, the form carries the
    # older version and the sign-off is refused rather than covering text nobody saw.
    huidig = versie.teksten_versie(categorie)
    r = review(categorie, instellingen=instellingen())  # spelled as this region broadcasts
    status = aftekeningen.status(db, categorie, huidig)
    cellen: dict[tuple[str, str], Any] = {(g.taal, g.variant.value): g for g in r.regels}
    return render_template(
        "toegankelijkheid/categorie.html",
        review=r,
        naam=_naam(categorie),
        versie=huidig,
        status=status,
        status_tekst=status_tekst(status),
        geschiedenis=aftekeningen.geschiedenis(db, categorie),
        talen=list(TALEN.values()),
        varianten=VARIANTEN,
        cellen=cellen,
        max_paginas=WAARSCHUW_BOVEN_PAGINAS,
        data_uri=_data_uri,
        toets_labels=_toets_labels(),
        staat_labels=_staat_labels(),
        mag_aftekenen=_gebruiker().mag(Recht.AFTEKENEN) and not _gebruiker().training,
        max_opmerking=aftekeningen.MAX_OPMERKING,
    )


@bp.post("/toegankelijkheid/<categorie>/aftekenen")
@login_required
def aftekenen(categorie: str) -> BaseResponse:
    """Sign off (or reject) the version of the texts the reviewer saw; 409 when it changed."""
    # Not role_required: the domain check gives the reason in words, and it holds for any caller.
    aftekening = aftekeningen.teken_af(
        get_db(),
        _gebruiker(),
        categorie,
        gezien_versie=request.form.get("versie", "")[:64],
        oordeel=request.form.get("oordeel", "")[:20],
        opmerking=request.form.get("opmerking", "")[: aftekeningen.MAX_OPMERKING + 1],
    )
    if aftekening.oordeel is aftekeningen.Oordeel.AKKOORD:
        flash(_("De teksten zijn afgetekend als toegankelijk voor deze versie."), "ok")
    else:
        flash(_("De teksten zijn afgekeurd; de opsteller ziet uw opmerking."), "ok")
    return redirect(url_for("toegankelijkheid.categorie", categorie=categorie))


@bp.get("/toegankelijkheid/vrije-tekst")
@role_required(Rol.REVIEWER, Rol.BEHEER)
def vrije_tekst_lijst() -> str:
    """Per language, the free values berichten carry untranslated, to translate once."""
    return render_template(
        "toegankelijkheid/vrije_tekst.html",
        per_taal=vrije_tekst.per_taal(get_db()),
        talen=TALEN,
        mag_toevoegen=_gebruiker().mag(Recht.AFTEKENEN) and not _gebruiker().training,
    )


@bp.post("/toegankelijkheid/woordenschat")
@login_required
def woord_toevoegen() -> BaseResponse:
    """Add a reviewer's translation of a free value; the next save of a bericht uses it."""
    woordenschat.voeg_toe(
        get_db(),
        _gebruiker(),
        veld=request.form.get("veld", "")[:40],
        taal=request.form.get("taal", "")[:10],
        waarde=request.form.get("waarde", "")[: woordenschat.MAX_WOORD + 1],
        vertaling=request.form.get("vertaling", "")[: woordenschat.MAX_WOORD + 1],
    )
    flash(_("De vertaling is toegevoegd; het volgende bericht gebruikt hem."), "ok")
    return redirect(url_for("toegankelijkheid.vrije_tekst_lijst"))


@bp.get("/toegankelijkheid/<categorie>/status.json")
@login_required
def status_json(categorie: str) -> Response:
    """The sign-off status of a category's current texts, for the compose screen."""
    aftekeningen.bestaat(categorie)
    s = aftekeningen.status(get_db(), categorie)
    a = s.aftekening
    return jsonify(
        {
            "categorie": s.categorie,
            "versie": s.versie,
            "staat": str(s.staat),
            "tekst": status_tekst(s),
            "reviewer": None if a is None else a.reviewer,
            "tijd": None if a is None else a.tijd.isoformat(),
            "oordeel": None if a is None else str(a.oordeel),
            "opmerking": None if a is None else a.opmerking,
            "afgetekende_versie": None if a is None else a.versie,
            "url": url_for("toegankelijkheid.categorie", categorie=s.categorie)
            if _gebruiker().mag(Recht.AFTEKENEN)
            else None,
        }
    )
