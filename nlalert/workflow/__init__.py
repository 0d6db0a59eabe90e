"""A bericht from concept to approved: the four-eyes state machine (`model`, `stappen`), its
storage (`opslag`, `inhoud`, `codes`), what it composes to (`samenstelling`, `opsteller`) and the
message pages (`views`). Putting it on air is `nlalert.verzending`'s."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the message pages."""
    # The views are loaded when the app is built, not whenever a sibling module of this room
    # is imported: other rooms use those siblings, and the views use other rooms.
    from nlalert.workflow import views

    app.register_blueprint(views.bp)
