"""Publishing what went out: a public page per incident (`pagina`, with the area drawn by
`gebiedskaart`), the CAP Atom feeds (`feed`), the feed for screens (`scherm`), the addresses
(`adressen`) and the static export (`export`). Only berichten that were really sent are public
(`incidenten`); exercises and tests only under oefening/."""

from __future__ import annotations

import math

from flask import Flask

from nlalert.fouten import N_, OngeldigeInvoer


def init_app(app: Flask) -> None:
    """Register the public pages and feeds (no login)."""
    # A bad setting is refused when the app is built, not by every request (a 500 each time).
    dagen = app.config.get("PUBLIEK_DAGEN", 30)
    try:
        geldig = not isinstance(dagen, bool) and math.isfinite(float(dagen)) and float(dagen) > 0
    except (TypeError, ValueError):
        geldig = False
    if not geldig:
        raise OngeldigeInvoer("NLALERT_PUBLIEK_DAGEN", N_("verwacht een positief aantal dagen"))
    app.config["PUBLIEK_DAGEN"] = float(dagen)
    # The views are loaded when the app is built, not whenever a sibling module is imported.
    from nlalert.publiek import adressen, views

    app.register_blueprint(views.bp)
    # For the compose screen: the public page's address of an incident, to use as its link.
    app.jinja_env.globals["publieke_url"] = adressen.publieke_url
