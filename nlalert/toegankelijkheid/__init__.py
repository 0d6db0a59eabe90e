"""Accessibility review: sign-offs of a category's texts per version (`aftekeningen`) and the
review screen (`views`)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the review screen."""
    # The views are loaded when the app is built, not whenever a sibling module of this room
    # is imported: other rooms use those siblings, and the views use other rooms.
    from nlalert.toegankelijkheid import views

    app.register_blueprint(views.bp)
