"""The audit log: an append-only hash chain of every state change and login, each row signed with
a key the database does not hold and checkpointed outside it (`log`, `sleutel`, `checkpoints`),
its CSV export (`export`), and its pages (`views`). `nlalert audit verify` checks it all from the
command line."""

from __future__ import annotations

from flask import Flask

from nlalert.audit import sleutel


def init_app(app: Flask) -> None:
    """Register the app's audit key for its database, and the audit pages."""
    sleutel.registreer(app.config["DATABASE"], sleutel.van_app(app))
    # The views are loaded when the app is built, not whenever a sibling module of this room
    # is imported: other rooms use those siblings, and the views use other rooms.
    from nlalert.audit import views

    app.register_blueprint(views.bp)
