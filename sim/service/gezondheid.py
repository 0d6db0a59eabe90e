"""`GET /healthz`: 200 when the reach model is loaded and the service can answer, 503 before."""

from __future__ import annotations

from flask import Flask, Response

from sim.service.antwoorden import json_antwoord
from sim.service.staat import staat


def init_app(app: Flask) -> None:
    """Register /healthz."""
    app.add_url_rule("/healthz", endpoint="healthz", view_func=_healthz, methods=["GET"])


def _healthz() -> Response:
    """200 {"status": "gereed"} with the model loaded; 503 {"status": "laden"} (or the error)."""
    s = staat()
    cache = {
        "antwoorden": len(s.antwoorden),
        "treffers": s.antwoorden.treffers,
        "missers": s.antwoorden.missers,
    }
    if s.gereed:
        return json_antwoord({"status": "gereed", "model": "geladen", "antwoordcache": cache})
    if s.laadfout is not None:
        return json_antwoord({"status": "fout", "reden": s.laadfout}, status=503)
    return json_antwoord({"status": "laden", "model": "nog niet geladen"}, status=503)
