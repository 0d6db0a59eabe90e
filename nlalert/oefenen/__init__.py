"""Exercising (oefenen): scenarios as files, with injects on an exercise clock and the ground
truth an exercise's report measures against.

`scenario` reads and checks a file (shape in `schema`, the area in `gebied`, lines in `regels`)
into the frozen values of `model`; the shipped scenarios live in `scenarios/`. Running an
exercise: `opslag` stores it with its teams and its clock (`klok`); `paneel` is what a team
member sees, `bord` the trainer's board, `views` the pages.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the exercise pages and the team panel."""
    # Loaded when the app is built, not whenever a sibling of this room is imported.
    from nlalert.oefenen import rapportviews, views

    views.init_app(app)
    rapportviews.init_app(app)
