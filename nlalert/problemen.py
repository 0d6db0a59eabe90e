"""The one place where an error becomes an HTTP answer: the status table and the builder.

Every error of ours and of the core packages carries a translatable message (`sjabloon` and
`parameters`) and never an HTTP status; this table gives the status (the most specific class
wins) and `antwoord` builds the answer in the user's language: `application/problem+json` for
the API and the compose screen's JSON calls, an HTML page otherwise. Never a traceback.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

import psycopg
from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from berichten import BerichtError
from berichten.cap import OngeldigeCap
from berichten.cap_import import CapTeGroot, GeenXml
from handelingsperspectieven import CatalogusError
from nlalert.accounts.beheer import EigenAccount, LaatsteBeheerder
from nlalert.accounts.gebruikers import (
    GebruikerBestaat,
    GebruikerError,
    GeenRecht,
    OngeldigeInlog,
    Uitgeschakeld,
)
from nlalert.accounts.toegang import NietIngelogd
from nlalert.api.cap import OnbekendeReferentie, VerkeerdInhoudstype, VerkeerdMsgType
from nlalert.fouten import N_, NietGevonden, NlalertError, OngeldigeInvoer, veld_van
from nlalert.http.beveiliging import CsrfFout, TeVeelPogingen
from nlalert.koppelingen import GeenVerzender
from nlalert.koppelingen.ecbe import OngeldigeUitzending
from nlalert.koppelingen.simulator import BereikError, GebiedGeweigerd, SimulatorOnbereikbaar
from nlalert.oefenen.fouten import (
    OnbekendScenario,
    OngeldigeOefenstap,
    ScenarioOngeldig,
    TeamOngeldig,
)
from nlalert.opstellen.rookpluim import BronBuitenNederland
from nlalert.taal import fouttekst
from nlalert.taal import gettext as _
from nlalert.toegankelijkheid.aftekeningen import TekstenGewijzigd
from nlalert.verzending.kanaal import KanaalFout
from nlalert.workflow.model import (
    EigenGoedkeuringVerboden,
    ModusWijktAf,
    NietInDeLucht,
    OngeldigeOvergang,
    Verouderd,
    VervolgBezig,
)
from vertalingen.errors import VertalingenError

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
F = TypeVar("F", bound=Callable[..., Any])

# Error class -> HTTP status; the most specific class wins (MRO order).
STATUS: Mapping[type[BaseException], int] = {
    OngeldigeInvoer: 400,
    CsrfFout: 400,
    GebruikerError: 400,
    GeenXml: 400,
    OngeldigeInlog: 401,
    NietIngelogd: 401,
    GeenRecht: 403,
    Uitgeschakeld: 403,
    EigenAccount: 403,
    EigenGoedkeuringVerboden: 403,
    NietGevonden: 404,
    OnbekendScenario: 404,
    OngeldigeOvergang: 409,
    NietInDeLucht: 409,
    VervolgBezig: 409,
    Verouderd: 409,
    TekstenGewijzigd: 409,
    GebruikerBestaat: 409,
    LaatsteBeheerder: 409,
    CapTeGroot: 413,
    VerkeerdInhoudstype: 415,
    OnbekendeReferentie: 422,
    VerkeerdMsgType: 422,
    ModusWijktAf: 422,
    KanaalFout: 422,
    OngeldigeUitzending: 422,
    CatalogusError: 422,
    BerichtError: 422,
    VertalingenError: 422,
    TeVeelPogingen: 429,
    GeenVerzender: 503,
    SimulatorOnbereikbaar: 503,
    GebiedGeweigerd: 422,
    ScenarioOngeldig: 422,
    BronBuitenNederland: 422,
    TeamOngeldig: 422,
    OngeldigeOefenstap: 409,
    BereikError: 502,
    NlalertError: 400,
}
FOUTEN = (NlalertError, BerichtError, CatalogusError, VertalingenError)

# Short titles per status, also for werkzeug's own errors (unknown URL, wrong method, ...).
TITELS = {
    400: N_("Ongeldig verzoek"),
    401: N_("Niet ingelogd"),
    403: N_("Geen toegang"),
    404: N_("Niet gevonden"),
    405: N_("Methode niet toegestaan"),
    409: N_("Conflict"),
    413: N_("Verzoek te groot"),
    415: N_("Verkeerd inhoudstype"),
    422: N_("Inhoud niet bruikbaar"),
    429: N_("Te veel pogingen"),
    500: N_("Interne fout"),
    502: N_("Verzenden mislukt"),
    503: N_("Niet beschikbaar"),
}
_HTTP_DETAIL = {
    400: N_("Het verzoek is onvolledig of onleesbaar."),
    404: N_("Deze pagina of dit bericht bestaat niet."),
    405: N_("Deze actie kan niet op deze manier worden uitgevoerd."),
    413: N_("Het verzoek is groter dan toegestaan."),
    415: N_("Stuur JSON met Content-Type: application/json."),
    500: N_("Er ging iets mis aan onze kant. De fout is vastgelegd; probeer het later opnieuw."),
    503: N_("De database is nu niet bereikbaar. Er is niets opgeslagen; probeer het zo opnieuw."),
}
# The database gone or busy (a PostgreSQL restart, a locked SQLite file): try again, not a bug.
DATABASE_WEG = (psycopg.OperationalError, sqlite3.OperationalError)


def status_van(exc: BaseException) -> int:
    """The HTTP status of an error (500 for anything that is not ours)."""
    for klasse in type(exc).__mro__:
        if klasse in STATUS:
            return STATUS[klasse]
    return 500


def _is_api() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def probleem(
    status: int, detail: str, extra: Mapping[str, Any] | None = None, *, als_json: bool = True
) -> Response:
    """The answer itself: problem+json, or the HTML error page."""
    titel = _(TITELS.get(status, N_("Fout")))
    if not als_json:
        html = render_template("error.html", status=status, titel=titel, detail=detail)
        return Response(html, status=status, mimetype="text/html")
    body: dict[str, Any] = {"type": "about:blank", "title": titel, "status": status}
    body["detail"] = detail
    body.update(extra or {})
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="nlalert"'
    return response


def antwoord(exc: Exception, *, als_json: bool | None = None) -> Response:
    """One of our (or a core package's) errors as an answer in the user's language."""
    status = status_van(exc)
    extra: dict[str, Any] = {"code": type(exc).__name__, "veld": veld_van(exc)}
    if isinstance(exc, OngeldigeCap):
        extra["fouten"] = list(exc.fouten)  # the schema's own words, line by line
    response = probleem(
        status, fouttekst(exc), extra, als_json=_is_api() if als_json is None else als_json
    )
    if isinstance(exc, TeVeelPogingen):
        response.headers["Retry-After"] = str(exc.wacht_seconden)
    return response


def json_fouten(view: F) -> F:
    """Answer a JSON call of the compose screen with problem+json, also outside /api/."""

    @functools.wraps(view)
    def bewaakt(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except FOUTEN as exc:
            return antwoord(exc, als_json=True)

    return cast(F, bewaakt)


def init_app(app: Flask) -> None:
    """Turn every error into a page or problem+json in the user's language; never a traceback."""

    @app.errorhandler(NlalertError)
    @app.errorhandler(CatalogusError)
    @app.errorhandler(BerichtError)
    @app.errorhandler(VertalingenError)
    def _eigen_fout(exc: Exception) -> Response:
        return antwoord(exc)

    @app.errorhandler(HTTPException)
    def _http_fout(exc: HTTPException) -> Response:
        status = exc.code or 500
        detail = _(_HTTP_DETAIL.get(status, N_("Het verzoek kan niet worden uitgevoerd.")))
        response = probleem(status, detail, als_json=_is_api())
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _onverwacht(exc: Exception) -> Response:
        if isinstance(exc, DATABASE_WEG):
            log.error("database niet bereikbaar bij %s %s: %s", request.method, request.path, exc)
            response = probleem(503, _(_HTTP_DETAIL[503]), als_json=_is_api())
            response.headers["Retry-After"] = "5"
            return response
        log.exception("onverwachte fout bij %s %s", request.method, request.path)
        return probleem(500, _(_HTTP_DETAIL[500]), als_json=_is_api())
