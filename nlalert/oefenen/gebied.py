"""The hazard area of a scenario: built from its source, checked against the map, measured.

A scenario's area is ground truth, so besides what `berichten.gebied` checks (a valid shape,
roughly in the Netherlands) it must lie mostly in the Netherlands on the bundled boundaries,
touch the scenario's own veiligheidsregio, and its size is given in km² on the ellipsoid.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pyproj import Geod
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from berichten.gebied import Gebied, OngeldigGebied, uit_geojson
from berichten.sector import Rookpluim, rookpluim
from nlalert.fouten import N_, Melding, OngeldigeInvoer
from nlalert.oefenen.model import Regio
from nlalert.oefenen.schema import GebiedSchema
from nlalert.opstellen import kaart

BRONNEN = ("sector", "polygoon", "bestand", "gemeenten", "hele_regio")
MIN_DEEL_IN_NL = 0.5  # an area more than half abroad is not a Dutch alert's ground truth
_GEOD = Geod(ellps="WGS84")


class GebiedProbleem(Exception):
    """An area source cannot be used: `sleutel` is the key under `gebied`, `reden` says why."""

    def __init__(self, sleutel: str | None, reden: Melding) -> None:
        super().__init__(str(reden))
        self.sleutel = sleutel
        self.reden = reden


@dataclass(frozen=True, slots=True, kw_only=True)
class Gevaarsgebied:
    """The built area, its sector's parameters if any, and its size."""

    gebied: Gebied
    rookpluim: Rookpluim | None
    oppervlakte_km2: float


@cache
def _regios() -> dict[str, tuple[str, BaseGeometry]]:
    return {
        f["properties"]["vr_code"]: (f["properties"]["vr_naam"], shape(f["geometry"]))
        for f in kaart.grenzen()["regios"]["features"]
    }


@cache
def _nederland() -> BaseGeometry:
    return unary_union([vorm for _, vorm in _regios().values()])


def regio(waarde: str) -> Regio | None:
    """The veiligheidsregio with this code (VR20) or name (case does not matter), or None."""
    tekst = waarde.strip()
    for code, (naam, _) in _regios().items():
        if tekst.upper() == code or tekst.casefold() == naam.casefold():
            return Regio(code=code, naam=naam)
    return None


def oppervlakte_km2(gebied: Gebied) -> float:
    """The area's size in km² on the WGS84 ellipsoid."""
    oppervlakte, _ = _GEOD.geometry_area_perimeter(gebied.geometrie())
    return abs(oppervlakte) / 1e6


def _kies(**keuze: Any) -> dict[str, Any]:
    try:
        return kaart.kies(**keuze).feature
    except OngeldigeInvoer as exc:
        reden = exc.parameters.get("reden")
        raise GebiedProbleem(
            None, reden if isinstance(reden, Melding) else Melding(str(exc))
        ) from None


def bouw(
    g: GebiedSchema, scenario_regio: Regio, lees_json: Callable[[str], object]
) -> Gevaarsgebied:
    """The area from its one source, checked; `lees_json` reads a GeoJSON file beside the scenario."""
    gegeven = [b for b in BRONNEN if getattr(g, b) not in (None, False)]
    if len(gegeven) != 1:
        raise GebiedProbleem(
            None,
            Melding(
                N_("geef precies één van %(bronnen)s (gegeven: %(gegeven)s)"),
                bronnen=", ".join(BRONNEN),
                gegeven=", ".join(gegeven) or "-",
            ),
        )
    bron = gegeven[0]
    beschrijving = g.beschrijving or ""
    pluim = None
    try:
        if g.sector is not None:
            s = g.sector
            gebied, pluim = rookpluim(
                s.lat,
                s.lon,
                s.wind_uit,
                s.lengte_km,
                s.hoek,
                windsnelheid_ms=s.windsnelheid_ms,
                beschrijving=beschrijving,
            )
        elif g.polygoon is not None:
            veelhoek = {"type": "Polygon", "coordinates": [g.polygoon]}
            gebied = uit_geojson(veelhoek, beschrijving or "Gevaarsgebied")
        elif g.bestand is not None:
            gebied = uit_geojson(lees_json(g.bestand), beschrijving or "Gevaarsgebied")
        elif g.gemeenten is not None:
            gebied = uit_geojson(_kies(gemeenten=g.gemeenten), beschrijving)
        else:
            gebied = uit_geojson(_kies(regio=scenario_regio.code), beschrijving)
    except OngeldigGebied as exc:
        raise GebiedProbleem(bron, exc.melding) from None
    except GebiedProbleem as exc:
        raise GebiedProbleem(bron, exc.reden) from None
    _controleer_ligging(gebied, scenario_regio, bron)
    return Gevaarsgebied(gebied=gebied, rookpluim=pluim, oppervlakte_km2=oppervlakte_km2(gebied))


def _controleer_ligging(gebied: Gebied, scenario_regio: Regio, bron: str) -> None:
    vorm = gebied.geometrie()
    deel_in_nl = vorm.intersection(_nederland()).area / vorm.area if vorm.area else 0.0
    if deel_in_nl < MIN_DEEL_IN_NL:
        raise GebiedProbleem(
            bron,
            Melding(
                N_("het gebied ligt buiten Nederland (%(deel)s procent erbinnen)"),
                deel=round(deel_in_nl * 100),
            ),
        )
    if not vorm.intersects(_regios()[scenario_regio.code][1]):
        raise GebiedProbleem(
            bron,
            Melding(
                N_("het gebied ligt niet in veiligheidsregio %(regio)s"),
                regio=f"{scenario_regio.naam} ({scenario_regio.code})",
            ),
        )


def lees_geojson(tekst: str) -> object:
    """GeoJSON text as a value; bad JSON is an unusable area."""
    try:
        return json.loads(tekst)
    except ValueError as exc:
        raise GebiedProbleem(
            None, Melding(N_("geen geldige JSON: %(fout)s"), fout=str(exc))
        ) from None
