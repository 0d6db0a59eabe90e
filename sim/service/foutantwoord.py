"""The one place where an error becomes an HTTP answer.

`STATUS` maps each error class to its HTTP status and the title of its problem answer; the most
specific class wins (the first of the error's classes, in method resolution order, found in the
table). `foutantwoord` builds the answer for errors of `sim` and for werkzeug's routing errors
(404, 405, 413) alike: plain text with the reason on ECBE paths, as osmo-cbc answers, and
`application/problem+json` on every other path. Routes raise; they never build an error answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from sim.fouten import (
    EcbeError,
    GebiedError,
    GebiedNietMeerGeldig,
    GeenKaart,
    NietGevonden,
    OnbekendAlert,
    OnbekendeUitzending,
    OngeldigeArea,
    OngeldigeJSON,
    OngeldigeSoort,
    OngeldigFormaat,
    OpslagError,
    SimError,
    VerzoekError,
)
from sim.service.antwoorden import ECBE, probleem, tekst

STATUS: Mapping[type[SimError], tuple[int, str]] = {
    SimError: (500, "Interne fout"),  # a SimError no family below claims is a bug of ours
    EcbeError: (400, "Ongeldig verzoek"),
    OngeldigeJSON: (400, "Ongeldige JSON"),
    OngeldigeArea: (400, "Ongeldig gebied"),
    GebiedError: (400, "Ongeldig gebied"),
    GebiedNietMeerGeldig: (422, "Gebied niet meer geldig"),
    VerzoekError: (400, "Ongeldig verzoek"),
    OngeldigeSoort: (400, "Ongeldige soort"),
    OngeldigFormaat: (400, "Ongeldig formaat"),
    OpslagError: (409, "Conflict"),
    NietGevonden: (404, "Niet gevonden"),
    OnbekendeUitzending: (404, "Onbekende uitzending"),
    OnbekendAlert: (404, "Onbekend alert"),
    GeenKaart: (404, "Geen kaart"),
}


def status_van(fout: SimError) -> tuple[int, str]:
    """(HTTP status, problem title) of an error: the entry of its most specific class."""
    return next(STATUS[k] for k in type(fout).__mro__ if k in STATUS)


def foutantwoord(fout: SimError | HTTPException) -> Response:
    """The answer to an error, in the style of the request's path."""
    if isinstance(fout, HTTPException):
        status, titel = fout.code or 500, fout.name
        reden = fout.description or fout.name
    else:
        (status, titel), reden = status_van(fout), fout.reden
    if request.path.startswith(ECBE):
        return tekst(status, reden)
    return probleem(status, titel, reden)


def init_app(app: Flask) -> None:
    """Answer every error of ours and every routing error with `foutantwoord`."""
    app.register_error_handler(SimError, foutantwoord)
    app.register_error_handler(HTTPException, foutantwoord)
