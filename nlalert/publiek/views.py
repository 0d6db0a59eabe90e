"""The public pages and feeds under /publiek/: no login, nothing but what went out.

Every page links relatively (`wortel` leads back to the tree's root), so the same HTML works
served here and exported as static files (`nlalert publiek export`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import TypeVar

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import NotFound

from berichten import naar_cap
from nlalert.db import get_db
from nlalert.fouten import N_, NietGevonden, OngeldigeInvoer
from nlalert.problemen import TITELS, antwoord, status_van
from nlalert.publiek import adressen, feed, incidenten, pagina, scherm
from nlalert.publiek.gebiedskaart import gebied_svg
from nlalert.taal import fouttekst
from nlalert.taal import gettext as _
from nlalert.workflow import opsteller
from vertalingen import BRONTAAL, TALEN

bp = Blueprint("publiek", __name__, url_prefix="/publiek")

GEEN_OPSLAG = "no-cache"  # caches may keep a copy, but must ask again before showing it


def _nu() -> datetime:
    return datetime.now(UTC)


def _recent(nu: datetime) -> datetime:
    """Lists and feeds show incidents with a message of the last NLALERT_PUBLIEK_DAGEN days
    (30); older pages stay at their address and in the export."""
    return nu - timedelta(days=float(current_app.config.get("PUBLIEK_DAGEN", 30)))


def _wortel(oefening: bool, diepte: int) -> str:
    return "../" * (diepte + (1 if oefening else 0))


V = TypeVar("V", bound=Callable[..., Response])


def _route(regel: str, endpoint: str) -> Callable[[V], V]:
    """A GET rule for real alerts and its twin under oefening/ (endpoint + '_oefening')."""

    def registreer(view: V) -> V:
        bp.add_url_rule(regel, endpoint, view, defaults={"oefening": False})
        bp.add_url_rule(
            f"/{adressen.OEFENING}{regel}",
            f"{endpoint}_oefening",
            view,
            defaults={"oefening": True},
        )
        return view

    return registreer


def _antwoord(inhoud: str | bytes, mimetype: str) -> Response:
    r = Response(inhoud, mimetype=mimetype)
    r.headers["Cache-Control"] = GEEN_OPSLAG
    return r


@bp.errorhandler(NietGevonden)
def niet_gevonden(exc: NietGevonden) -> Response:
    """A public 404: the public page's look, a way back to the list, no staff menu."""
    oefening = request.path.startswith(f"{bp.url_prefix}/{adressen.OEFENING}/")
    # Back to the tree's root from wherever the request is (pages end in '/', files do not).
    diepte = request.path.removeprefix(f"{bp.url_prefix}/").count("/")
    html = render_template(
        "publiek/fout.html",
        titel=_(TITELS[404]),
        detail=fouttekst(exc),
        oefening=oefening,
        wortel="../" * diepte,
    )
    r = _antwoord(html, "text/html")
    r.status_code = status_van(exc)
    return r


@_route("/", "index")
def index(oefening: bool) -> Response:
    """Every published incident of this kind, those that still warn first."""
    nu = _nu()
    lijst = incidenten.incidenten(get_db(), oefening=oefening, sinds=_recent(nu))
    lijst.sort(key=lambda i: not i.actief(nu))
    html = render_template(
        "publiek/index.html",
        incidenten=lijst,
        titel=pagina.titel,
        oefening=oefening,
        wortel=_wortel(oefening, 0),
        deel=adressen.deel(oefening),
        nu=nu,
    )
    return _antwoord(html, "text/html")


@_route("/<int:incident_id>/", "incident")
def incident(incident_id: int, oefening: bool) -> Response:
    """One incident: the current message in every language, card, area and time line."""
    db = get_db()
    i = incidenten.incident(db, incident_id, oefening=oefening)
    html = render_template(
        "publiek/incident.html",
        p=pagina.pagina(db, i),
        oefening=oefening,
        wortel=_wortel(oefening, 1),
        nu=_nu(),
        talen_ui=TALEN,
    )
    return _antwoord(html, "text/html")


@_route("/<int:incident_id>/gebied.svg", "gebied")
def gebied(incident_id: int, oefening: bool) -> Response:
    """The current message's area over the gemeenten around it."""
    i = incidenten.incident(get_db(), incident_id, oefening=oefening)
    g = i.huidig.bericht.gebied
    if g is None:
        raise NietGevonden(N_("gebied"), incident_id)
    return _antwoord(gebied_svg(g), "image/svg+xml")


@_route("/<int:incident_id>/beeld-<taal>.svg", "beeld")
def beeldkaart(incident_id: int, taal: str, oefening: bool) -> Response:
    """The visual card of the current message in one of its languages."""
    db = get_db()
    i = incidenten.incident(db, incident_id, oefening=oefening)
    svg = pagina.beeld_svg(db, i.huidig, taal)
    if svg is None:
        raise NietGevonden(N_("taal"), taal)
    return _antwoord(svg, "image/svg+xml")


@bp.get("/cap/<int:bericht_id>.xml")
def cap(bericht_id: int) -> Response:
    """The CAP 1.2 document a published bericht went out with."""
    p = incidenten.publicatie(get_db(), bericht_id)
    # As it went out; composed again only for a bericht sent before CAP was pinned.
    return _antwoord(p.cap or naar_cap(p.bericht), "application/cap+xml")


@_route("/cap.atom", "atom")
def atom(oefening: bool) -> Response:
    """The CAP Atom feed: real alerts (status Actual), or exercises and tests apart."""
    db = get_db()
    basis = adressen.basis() or _wortel(oefening, 0)
    items = [
        feed.Item(
            publicatie=p,
            cap_url=basis + adressen.cap_pad(p.id),
            pagina_url=basis + adressen.incident_pad(i.id, oefening=oefening),
        )
        for i in incidenten.incidenten(db, oefening=oefening, sinds=_recent(_nu()))
        for p in i.berichten
    ]
    afzender = opsteller.afzender()
    titel = (
        "OEFENING · " + _("NL-Alert: oefeningen en tests (CAP)")
        if oefening
        else _("NL-Alert: actuele berichten (CAP)")
    )
    xml = feed.atom(
        items,
        titel=f"{titel} · {afzender.naam}" if afzender.naam else titel,
        feed_id=feed.atom_id(afzender.id, adressen.feed_pad(oefening=oefening)),
        auteur=afzender.naam or afzender.id,
        zelf=basis + adressen.feed_pad(oefening=oefening),
        pagina=basis + adressen.deel(oefening),
        nu=_nu(),
    )
    return _antwoord(xml, feed.ATOM_TYPE)


def _gevraagde_taal() -> str:
    code = request.args.get("taal", BRONTAAL)
    if code not in TALEN:
        raise OngeldigeInvoer(
            "taal", N_("kies een van de talen: %(talen)s"), talen=", ".join(TALEN)
        )
    return code


def _scherm(oefening: bool) -> tuple[str, list[scherm.Schermbericht], datetime]:
    code = _gevraagde_taal()
    nu = _nu()
    basis = adressen.basis() or _wortel(oefening, 0)
    lijst = scherm.schermberichten(
        get_db(),
        gevraagd=code,
        oefening=oefening,
        nu=nu,
        url_van=lambda i: basis + adressen.incident_pad(i.id, oefening=oefening),
    )
    return code, lijst, nu


@_route("/scherm.json", "scherm_json")
def scherm_json(oefening: bool) -> Response:
    """The short text of every incident that warns now, for screens, with its expiry."""
    try:
        code, lijst, nu = _scherm(oefening)
    except OngeldigeInvoer as exc:
        return antwoord(exc, als_json=True)
    body = {
        "taal": code,
        "oefening": oefening,
        "gegenereerd": nu.isoformat(timespec="seconds"),
        "verversen_seconden": scherm.verversen(lijst, nu),
        "berichten": [b.to_dict() for b in lijst],
    }
    r = _antwoord(scherm.json_tekst(body), "application/json")
    r.headers["Cache-Control"] = f"max-age={scherm.verversen(lijst, nu)}"
    return r


@_route("/scherm", "scherm_html")
def scherm_html(oefening: bool) -> Response:
    """A full-screen view of the same lines that asks again by itself (no JavaScript)."""
    code, lijst, nu = _scherm(oefening)
    html = render_template(
        "publiek/scherm.html",
        berichten=lijst,
        taal=code,
        richting=TALEN[code].richting.value,
        verversen=scherm.verversen(lijst, nu),
        oefening=oefening,
        wortel=_wortel(oefening, 0),
    )
    r = _antwoord(html, "text/html")
    r.headers["Cache-Control"] = "no-store"
    return r


@bp.get("/publiek.css")
def stijl() -> Response:
    """The public pages' one stylesheet (screen, 200 % zoom, phone, print)."""
    bestand = resources.files("nlalert") / "static" / "publiek.css"
    if not bestand.is_file():
        raise NotFound()
    return _antwoord(bestand.read_bytes(), "text/css")
