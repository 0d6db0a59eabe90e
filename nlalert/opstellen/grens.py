"""The bundled Dutch land border, for the border flag of `berichten.grens`.

`nlalert/data/landgrens.geojson` is the part of the CBS gemeenten outline (2024) within 1.5 km of
Belgian or German land, one MultiLineString per neighbour, cut with `python -m sim.bronnen.knip
SHARED_DATA --landgrens nlalert/data/landgrens.geojson`. The foreign outlines only picked out
which part of the Dutch outline is the land border; none of their geometry is bundled.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from shapely.geometry import shape

from berichten.grens import Landgrens

LANDGRENS = "landgrens.geojson"


@cache
def landgrens() -> Landgrens:
    """The land border with Belgium ("BE") and Germany ("DE"), read once."""
    bestand = resources.files("nlalert") / "data" / LANDGRENS
    data = json.loads(bestand.read_text(encoding="utf-8"))
    return Landgrens(
        lijnen={f["properties"]["land"]: shape(f["geometry"]) for f in data["features"]}
    )
