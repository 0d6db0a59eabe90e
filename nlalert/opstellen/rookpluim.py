"""The downwind sector as the app takes it: from the API, the compose screen and the CLI.

`berichten` builds the sector and checks its numbers; the app adds what needs the bundled map:
the source must lie in the Netherlands or on its islands. The sector is stored as a GeoJSON
Feature whose geometry is the one polygon that is sent (CAP `polygon`, ECBE area) and whose
properties keep the parameters, so a screen can draw and edit it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from berichten import Gebied
from berichten.gebiedsinvoer import parameters_json, rookpluim_uit_json, uit_json
from berichten.sector import Rookpluim
from nlalert.fouten import N_, NlalertError
from nlalert.opstellen import kaart

BRON = "sector"  # properties.bron of a stored sector
# The categories whose area is usually the plume downwind: the screen offers the sector first.
CATEGORIEEN = ("brand-rook", "natuurbrand", "gevaarlijke-stoffen", "explosie")


class BronBuitenNederland(NlalertError):
    """The sector's source lies outside the Netherlands and its islands."""

    veld = "gebied"

    def __init__(self, lat: float, lon: float) -> None:
        """The source as given (lat, lon)."""
        super().__init__(
            N_(
                "de bron van de rookpluim (%(lat)s, %(lon)s) ligt niet in Nederland of op de"
                " BES-eilanden; geef de plaats van de brand of het lek"
            ),
            lat=f"{lat:.4f}",
            lon=f"{lon:.4f}",
        )


def controleer_bron(p: Rookpluim) -> None:
    """Refuse a source abroad or at open sea (the bundled outline, not only a bounding box)."""
    if not kaart.in_nederland(p.lon, p.lat):
        raise BronBuitenNederland(p.lat, p.lon)


def sector(waarde: object, beschrijving: str = "") -> tuple[Gebied, Rookpluim]:
    """The sector of the parameters `{"lat", "lon", "wind_uit", "lengte_km", ...}`, checked."""
    gebied, p = rookpluim_uit_json(waarde, beschrijving)
    controleer_bron(p)
    return gebied, p


def sector_feature(waarde: object, beschrijving: str = "") -> dict[str, Any]:
    """The stored Feature of a sector: its polygon, description and parameters."""
    gebied, p = sector(waarde, beschrijving)
    snelheid = waarde.get("windsnelheid_ms") if isinstance(waarde, Mapping) else None
    return {
        "type": "Feature",
        "properties": {
            "beschrijving": gebied.beschrijving,
            "bron": BRON,
            "sector": parameters_json(p, snelheid),
        },
        "geometry": gebied.to_geojson(),
    }


def is_sector(waarde: Mapping[str, Any]) -> bool:
    """Whether a stored area is a sector Feature (its polygon is rebuilt from the parameters)."""
    eigenschappen = waarde.get("properties") if waarde.get("type") == "Feature" else None
    return isinstance(eigenschappen, Mapping) and eigenschappen.get("bron") == BRON


def gebied_uit_json(obj: object, beschrijving: str = "") -> Gebied:
    """An area from a file or request: GeoJSON, `{"circle": ...}` or `{"sector": ...}`."""
    gebied, p = uit_json(obj, beschrijving)
    if p is not None:
        controleer_bron(p)
    return gebied
