"""Users and who may do what: accounts and roles (`gebruikers`), disabling, enabling and deleting
them (`beheer`), the guards every view uses and the request's user (`toegang`), the login,
password and settings pages (`views`) and the beheer screen (`beheerscherm`)."""

from __future__ import annotations

from flask import Flask

from nlalert.accounts import toegang
from nlalert.accounts.gebruikers import Recht


def _context() -> dict[str, object]:
    """Who is logged in, and what they may do, for every template."""
    gebruiker = toegang.huidige_gebruiker()
    return {
        "gebruiker": gebruiker,
        "mag": (lambda recht: gebruiker is not None and gebruiker.mag(Recht(recht))),
    }


def init_app(app: Flask) -> None:
    """Load each request's user, register the account pages and the template context."""
    # The views are loaded when the app is built, not whenever a sibling module of this room
    # is imported: other rooms use those siblings, and the views use other rooms.
    from nlalert.accounts import beheerscherm, views

    app.before_request(toegang.laad_gebruiker)
    app.context_processor(_context)
    app.register_blueprint(views.bp)
    app.register_blueprint(beheerscherm.bp)
