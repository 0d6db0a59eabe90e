"""The HTTP edge: security of every request (`beveiliging`: CSRF, headers, login rate limit), the
input every request shares (`invoer`: ids in URLs, text that can be stored, body limits), the
API's credential (`bearer`) and the one JSON body reader (`json`). The one place where an error
becomes an answer is `nlalert.problemen`."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Install the security of every request."""
    # The views are loaded when the app is built, not whenever a sibling module of this room
    # is imported: other rooms use those siblings, and the views use other rooms.
    from nlalert.http import beveiliging, invoer

    # Before beveiliging: the body limit must be set before the CSRF check reads the form.
    invoer.init_app(app)
    beveiliging.init_app(app)
