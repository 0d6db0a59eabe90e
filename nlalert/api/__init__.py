"""The HTTP API for machines: its views (`views`), CAP 1.2 as input (`cap`), and the OpenAPI
description (`openapi`, `schemas`) served at /api/openapi.json."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the API and its description."""
    # The views are loaded when the app is built, not whenever a sibling module of this room
    # is imported: other rooms use those siblings, and the views use other rooms.
    from nlalert.api import oefeningen, openapi, views

    app.register_blueprint(views.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(oefeningen.bp)
