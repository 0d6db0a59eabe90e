"""The pictograms of the visual card: one SVG per pictogram id, the project's own work.

The SVGs live in the folder `pictogrammen/` beside this module. This module shadows that folder
as an import name (a module wins over a folder without `__init__.py`), so the files are read
through `importlib.resources` from the `vertalingen` package, which works from a wheel too.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from handelingsperspectieven import acties, perspectief
from handelingsperspectieven.meldingen import N_
from vertalingen.catalogi import Vertaler
from vertalingen.errors import VertalingenError

ALGEMEEN = "gevaar-algemeen"  # the warning triangle, for a category without a pictogram of its own
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # also keeps ids from walking out of the folder


class OnbekendPictogram(VertalingenError):
    """A pictogram id with no SVG file."""

    def __init__(self, pictogram_id: str) -> None:
        self.pictogram_id = pictogram_id
        super().__init__(N_("geen pictogram '%(pictogram)s'"), pictogram=pictogram_id)


def _map() -> Traversable:
    return resources.files("vertalingen") / "pictogrammen"


@cache
def pictogrammen() -> frozenset[str]:
    """The ids of every pictogram that has an SVG file."""
    return frozenset(
        b.name.removesuffix(".svg") for b in _map().iterdir() if b.name.endswith(".svg")
    )


@cache
def pictogram_svg(pictogram_id: str) -> str:
    """The SVG text of one pictogram (viewBox 0 0 100 100), or OnbekendPictogram."""
    if not _ID.match(pictogram_id) or pictogram_id not in pictogrammen():
        raise OnbekendPictogram(pictogram_id)
    return (_map() / f"{pictogram_id}.svg").read_text(encoding="utf-8")


def gevaar_pictogram(categorie: str) -> str:
    """The pictogram id for a category's hazard: `gevaar-<categorie>`, else the warning triangle."""
    eigen = f"gevaar-{categorie}"
    return eigen if eigen in pictogrammen() else ALGEMEEN


def ontbrekende_pictogrammen() -> set[str]:
    """The ids of the catalogue's actions whose pictogram has no SVG file."""
    return {a.id for a in acties().values() if a.pictogram not in pictogrammen()}


def alt_tekst(pictogram_id: str, taal: str, *, categorie: str | None = None) -> str:
    """A pictogram's alt text in a language: the caption of the catalogue's action it shows, or
    for the hazard pictogram of `categorie` the name of its event; Dutch where untranslated."""
    v = Vertaler(taal)
    for a in acties().values():
        if a.pictogram == pictogram_id:  # a shared pictogram carries one caption (catalogue test)
            return v.gettext(a.bijschrift)
    if categorie is not None and gevaar_pictogram(categorie) == pictogram_id:
        return v.gettext(perspectief(categorie).cap_event)
    raise OnbekendPictogram(pictogram_id)
