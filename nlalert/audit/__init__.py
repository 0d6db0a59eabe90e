"""The audit log: an append-only hash chain of every state change and login (`log`), and its pages
(`views`). `nlalert audit verify` checks the chain from the command line."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the audit pages."""
    # The views are loaded when the app is built, not whenever a sibling module of this room
    # is imported: other rooms use those siblings, and the views use other rooms.
    from nlalert.audit import views

    app.register_blueprint(views.bp)
