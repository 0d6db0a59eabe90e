"""The Flask application factory, its configuration and the one table from error to HTTP status."""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from berichten.cap import OngeldigeCap
from berichten.cap_import import CapNietBruikbaar, CapTeGroot, GeenXml
from berichten.errors import BerichtError
from handelingsperspectieven import CatalogusError
from nlalert import db, taal
from nlalert.accounts import views as auth
from nlalert.accounts.gebruikers import GebruikerBestaat, GebruikerError, OngeldigeInlog
from nlalert.api import openapi
from nlalert.api import views as api
from nlalert.api.cap import OnbekendeReferentie, VerkeerdInhoudstype, VerkeerdMsgType
from nlalert.fouten import N_, NietGevonden, NlalertError, OngeldigeInvoer
from nlalert.http import beveiliging
from nlalert.koppelingen.cbc import OngeldigeUitzending
from nlalert.opstellen import views as opstellen
from nlalert.taal import gettext as _
from nlalert.toegankelijkheid import aftekeningen
from nlalert.toegankelijkheid import views as toegankelijkheid
from nlalert.workflow import samenstelling as verzenders
from nlalert.workflow import views as web
from nlalert.workflow.kanaal import KanaalFout
from nlalert.workflow.stappen import (
    EigenGoedkeuringVerboden,
    GeenRecht,
    ModusWijktAf,
    NietInDeLucht,
    OngeldigeOvergang,
    Verouderd,
    VervolgBezig,
)
from nlalert.workflow.verzending import GeenVerzender

log = logging.getLogger(__name__)

SECRET_KEY_BESTAND = "secret_key"
PROBLEM_JSON = "application/problem+json"

# The one place where an error becomes an HTTP status; the most specific class wins (MRO order).
STATUS: Mapping[type[BaseException], int] = {
    OngeldigeInvoer: 400,
    beveiliging.CsrfFout: 400,
    GebruikerError: 400,
    OngeldigeInlog: 401,
    auth.NietIngelogd: 401,
    GeenRecht: 403,
    EigenGoedkeuringVerboden: 403,
    NietGevonden: 404,
    OngeldigeOvergang: 409,
    NietInDeLucht: 409,
    VervolgBezig: 409,
    Verouderd: 409,
    aftekeningen.TekstenGewijzigd: 409,
    GebruikerBestaat: 409,
    CapTeGroot: 413,
    VerkeerdInhoudstype: 415,
    OnbekendeReferentie: 422,
    VerkeerdMsgType: 422,
    ModusWijktAf: 422,
    KanaalFout: 422,
    OngeldigeUitzending: 422,
    GeenXml: 400,
    CatalogusError: 422,
    BerichtError: 422,
    beveiliging.TeVeelPogingen: 429,
    GeenVerzender: 503,
    NlalertError: 400,
}

# Short titles for werkzeug's own HTTP errors (unknown URL, wrong method, body too large, ...).
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


def create_app(
    test_config: Mapping[str, Any] | None = None,
    *,
    instance_path: str | os.PathLike[str] | None = None,
) -> Flask:
    """Build the app: embedded defaults, then NLALERT_* environment, then `test_config`."""
    pad = instance_path or os.environ.get("NLALERT_INSTANCE")
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=str(Path(pad).resolve()) if pad else None,
    )
    app.config.from_mapping(
        DATABASE=str(Path(app.instance_path) / "nlalert.sqlite"),
        SIM_URL="http://127.0.0.1:5001",
        CBC_URL=None,  # None: the simulator at SIM_URL
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="nlalert_sessie",
        PERMANENT_SESSION_LIFETIME=8 * 3600,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        LOGIN_MAX_POGINGEN=5,
        LOGIN_VENSTER_SECONDEN=300,
    )
    app.config.from_prefixed_env("NLALERT")
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config.get("CBC_URL"):
        app.config["CBC_URL"] = app.config["SIM_URL"]
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _bewaarde_sleutel(Path(app.instance_path) / SECRET_KEY_BESTAND)

    db.init_app(app)
    taal.init_app(app)
    beveiliging.init_app(app)
    _registreer_foutafhandeling(app)

    app.register_blueprint(auth.bp)
    app.register_blueprint(web.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(opstellen.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(toegankelijkheid.bp)
    verzenders.init_app(app)
    return app


def _bewaarde_sleutel(bestand: Path) -> str:
    """A random secret key kept in the instance folder (mode 0600), so sessions survive restarts."""
    try:
        fd = os.open(bestand, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(bestand, 0o600)  # repair wider permissions left by a copy or an editor
        return bestand.read_text(encoding="ascii").strip()
    sleutel = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(sleutel + "\n")
    return sleutel


def _is_api() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def status_van(exc: BaseException) -> int:
    """The HTTP status for one of our errors (400 for an unlisted subclass of NlalertError)."""
    for klasse in type(exc).__mro__:
        if klasse in STATUS:
            return STATUS[klasse]
    return 500


def _antwoord(
    status: int, titel: str, detail: str, extra: Mapping[str, Any] | None = None
) -> Response:
    if _is_api():
        body: dict[str, Any] = {
            "type": "about:blank",
            "title": titel,
            "status": status,
            "detail": detail,
        }
        body.update(extra or {})
        response = jsonify(body)
        response.status_code = status
        response.mimetype = PROBLEM_JSON
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="nlalert"'
        return response
    html = render_template("error.html", status=status, titel=titel, detail=detail)
    return Response(html, status=status, mimetype="text/html")


def _registreer_foutafhandeling(app: Flask) -> None:
    """Turn every error into a page or problem+json in the user's language; never a traceback."""

    @app.errorhandler(NlalertError)
    @app.errorhandler(CatalogusError)
    @app.errorhandler(BerichtError)
    def _eigen_fout(exc: Exception) -> Response:
        status = status_van(exc)
        sjabloon = getattr(exc, "sjabloon", None)
        parameters = getattr(exc, "parameters", {})
        # Our own errors translate from their template; those of the core packages are Dutch.
        detail = _(sjabloon, **parameters) if sjabloon else str(getattr(exc, "bericht", exc))
        extra: dict[str, Any] = {"code": type(exc).__name__}
        if isinstance(exc, OngeldigeInvoer):
            extra["veld"] = exc.veld
        elif isinstance(exc, CapNietBruikbaar):
            extra["veld"] = exc.element
        if isinstance(exc, OngeldigeCap):
            extra["fouten"] = list(exc.fouten)  # the schema's own words, line by line
        response = _antwoord(status, _(TITELS.get(status, N_("Fout"))), detail, extra)
        if isinstance(exc, beveiliging.TeVeelPogingen):
            response.headers["Retry-After"] = str(exc.wacht_seconden)
        return response

    @app.errorhandler(HTTPException)
    def _http_fout(exc: HTTPException) -> Response:
        status = exc.code or 500
        response = _antwoord(status, _(TITELS.get(status, N_("Fout"))), _(_http_detail(status)))
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _onverwacht(exc: Exception) -> Response:
        log.exception("onverwachte fout bij %s %s", request.method, request.path)
        return _antwoord(500, _(TITELS[500]), _(_http_detail(500)))


def _http_detail(status: int) -> str:
    return {
        400: N_("Het verzoek is onvolledig of onleesbaar."),
        404: N_("Deze pagina of dit bericht bestaat niet."),
        405: N_("Deze actie kan niet op deze manier worden uitgevoerd."),
        413: N_("Het verzoek is groter dan toegestaan."),
        415: N_("Stuur JSON met Content-Type: application/json."),
        500: N_(
            "Er ging iets mis aan onze kant. De fout is vastgelegd; probeer het later opnieuw."
        ),
    }.get(status, N_("Het verzoek kan niet worden uitgevoerd."))


def open_db(instance_path: str | os.PathLike[str] | None = None) -> sqlite3.Connection:
    """A connection to the app's database for command-line use, schema ensured."""
    app = create_app(instance_path=instance_path)
    conn = db.verbind(app.config["DATABASE"])
    db.init_db(conn)
    return conn
