"""`GET /healthz`: can this app do its work? For a load balancer, a process manager or a person.

It checks the database (a query on the schema) and the configured CBC (an HTTP answer from its
ECBE endpoint), and reports the simulator. 200 when the database and the CBC are fine, 503 with
the part that failed otherwise. The simulator only serves training and reach estimates, so it
is reported but does not make the app unhealthy (unless it is the configured CBC, as in a
laptop setup). No login is needed, so the answer holds no secrets: no URL (one may carry a
password), no path, no error text, only each part's state and the configured CBC profile.
"""

from __future__ import annotations

from typing import Any

import requests
from flask import Blueprint, Flask, Response, current_app, jsonify

from nlalert.db import get_db
from nlalert.koppelingen import Koppeling, koppelingen
from nlalert.koppelingen.cbc import ECBE_PAD
from nlalert.koppelingen.doel import Doel

bp = Blueprint("gezondheid", __name__)
TIMEOUT = (2.0, 3.0)  # connect, read: a health check must answer before the prober gives up


def _database() -> dict[str, Any]:
    try:
        get_db().execute("SELECT count(*) FROM gebruikers").fetchone()
    # Whatever the storage layer raises (no file, no server, no table, locked), the answer is
    # the same: the database cannot serve requests.
    except Exception as exc:
        return {"status": "fail", "reason": type(exc).__name__}
    return {"status": "ok"}


def _ecbe(koppeling: Koppeling) -> dict[str, Any]:
    """Ask the ECBE endpoint without changing anything: a GET on the message path."""
    uitslag: dict[str, Any] = {"profiel": koppeling.profiel.naam}
    timeout = current_app.config.get("HEALTHZ_TIMEOUT", TIMEOUT)
    try:
        with requests.get(
            koppeling.url.rstrip("/") + ECBE_PAD, timeout=timeout, allow_redirects=False
        ) as antwoord:
            uitslag["http_status"] = antwoord.status_code
            if koppeling.profiel.heeft_get:
                # This CBC lists what it holds: only that answer shows it really works.
                try:
                    berichten = antwoord.json().get("messages")
                except (ValueError, AttributeError):
                    berichten = None
                goed = antwoord.status_code == 200 and isinstance(berichten, list)
            else:
                # osmo-cbc has no GET: any answer below 500 shows its REST server is up.
                goed = antwoord.status_code < 500
    except requests.Timeout:
        return {**uitslag, "status": "fail", "reason": "timeout"}
    except requests.RequestException:
        return {**uitslag, "status": "fail", "reason": "unreachable"}
    if not goed:
        uitslag["reason"] = "unexpected answer"
    return {**uitslag, "status": "ok" if goed else "fail"}


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """The state of the database, the configured CBC and the simulator, as JSON."""
    verbonden = koppelingen()
    cbc, simulator = verbonden[Doel.CBC], verbonden[Doel.SIMULATOR]
    controles = {"database": _database(), "cbc": _ecbe(cbc)}
    # When the CBC is the simulator (the laptop default), one question answers both.
    sim = controles["cbc"] if cbc.url == simulator.url else _ecbe(simulator)
    controles["simulator"] = {k: v for k, v in sim.items() if k != "profiel"}
    gezond = controles["database"]["status"] == "ok" and controles["cbc"]["status"] == "ok"
    response = jsonify({"status": "ok" if gezond else "fail", "checks": controles})
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if gezond else 503


def init_app(app: Flask) -> None:
    """Register `/healthz`."""
    app.register_blueprint(bp)
