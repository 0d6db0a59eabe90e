"""Composing: the compose screen (`views`) with its live preview (`voorbeeld`), and the area panel
(`gebied`, over the bundled boundaries in `kaart`)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the compose screen and the area panel."""
    # The views are loaded when the app is built, not whenever a sibling module of this room
    # is imported: other rooms use those siblings, and the views use other rooms.
    from nlalert.opstellen import gebied, views

    app.register_blueprint(views.bp)
    app.register_blueprint(gebied.bp)
