"""The target area of a Bericht: polygons and circles in WGS84, validated as a communicator expects."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shapely.geometry import Point, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from shapely.validation import explain_validity

from berichten.coordinaten import LonLat
from berichten.errors import BerichtError
from handelingsperspectieven.meldingen import N_

# Where NL-Alert can be sent: the European Netherlands and the Caribbean Netherlands (BES islands).
GEBIEDEN_NL = (
    (3.0, 50.6, 7.4, 53.8),  # lon_min, lat_min, lon_max, lat_max
    (-68.5, 11.9, -62.9, 17.7),
)


GEMEENTECODE = re.compile(r"GM\d{4}")


class OngeldigGebied(BerichtError):
    """The target area cannot be used; raised with its own msgid saying why."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Cirkel:
    """A circle as regions target smoke: centre and radius."""

    lon: float
    lat: float
    straal_km: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Gebied:
    """Polygons (outer rings, lon,lat) and circles, with a description for people (CAP areaDesc)."""

    beschrijving: str
    polygonen: tuple[tuple[LonLat, ...], ...] = ()
    cirkels: tuple[Cirkel, ...] = ()
    gemeentecodes: tuple[str, ...] = ()  # CBS codes (GM1709) when the area is whole gemeenten

    def geometrie(self) -> BaseGeometry:
        """The union as a shapely geometry (circles approximated in degrees, good enough to test)."""
        delen: list[BaseGeometry] = [Polygon(r) for r in self.polygonen]
        for c in self.cirkels:
            # Degrees per km differ for lon and lat; scale an ellipse so the circle is round on the ground.
            dlat = c.straal_km / 111.32
            dlon = c.straal_km / (111.32 * math.cos(math.radians(c.lat)))
            eenheid = Point(0, 0).buffer(1.0, 32)
            delen.append(
                Polygon([(c.lon + x * dlon, c.lat + y * dlat) for x, y in eenheid.exterior.coords])
            )
        return unary_union(delen)

    def to_geojson(self) -> dict[str, Any]:
        """GeoJSON for the simulator's `area` extension: a geometry, or the circle form."""
        if self.cirkels and not self.polygonen and len(self.cirkels) == 1:
            c = self.cirkels[0]
            return {"circle": {"lat": c.lat, "lon": c.lon, "radius_km": c.straal_km}}
        if self.cirkels:
            return dict(self.geometrie().__geo_interface__)
        if len(self.polygonen) == 1:
            return {"type": "Polygon", "coordinates": [list(map(list, self.polygonen[0]))]}
        return {
            "type": "MultiPolygon",
            "coordinates": [[list(map(list, r))] for r in self.polygonen],
        }


def _in_nl(lon: float, lat: float) -> bool:
    return any(a <= lon <= c and b <= lat <= d for a, b, c, d in GEBIEDEN_NL)


def controleer_punten(punten: list[LonLat]) -> None:
    for lon, lat in punten:
        if not (math.isfinite(lon) and math.isfinite(lat)):
            raise OngeldigGebied(N_("het gebied bevat een coördinaat die geen getal is"))
    if all(_in_nl(lon, lat) for lon, lat in punten):
        return
    if all(_in_nl(lat, lon) for lon, lat in punten):
        raise OngeldigGebied(
            N_(
                "de coördinaten lijken als lat,lon gegeven; GeoJSON gebruikt lon,lat"
                " (eerst lengtegraad)"
            )
        )
    raise OngeldigGebied(N_("het gebied ligt (deels) buiten Nederland"))


def cirkel(lat: float, lon: float, straal_km: float, beschrijving: str = "") -> Gebied:
    """A circular area; the radius must be positive and at most 50 km."""
    if not (math.isfinite(straal_km) and 0 < straal_km <= 50):
        raise OngeldigGebied(N_("de straal moet groter dan 0 en hoogstens 50 km zijn"))
    controleer_punten([(lon, lat)])
    return Gebied(
        beschrijving=beschrijving or f"Cirkel van {straal_km:g} km",
        cirkels=(Cirkel(lon=lon, lat=lat, straal_km=straal_km),),
    )


def uit_geojson(obj: object, beschrijving: str = "") -> Gebied:
    """An area from GeoJSON (Polygon, MultiPolygon, Feature, FeatureCollection) or {"circle": ...}."""
    if not isinstance(obj, Mapping):
        raise OngeldigGebied(N_("het gebied moet een GeoJSON-object zijn"))
    if "circle" in obj:
        c = obj["circle"]
        try:
            return cirkel(float(c["lat"]), float(c["lon"]), float(c["radius_km"]), beschrijving)
        except (KeyError, TypeError, ValueError):
            raise OngeldigGebied(
                N_("een cirkel heeft lat, lon en radius_km als getallen")
            ) from None
    soort = obj.get("type")
    if soort == "FeatureCollection":
        geometrieen = [
            f.get("geometry") for f in obj.get("features") or [] if isinstance(f, Mapping)
        ]
    elif soort == "Feature":
        geometrieen = [obj.get("geometry")]
    else:
        geometrieen = [obj]
    ringen: list[tuple[LonLat, ...]] = []
    for g in geometrieen:
        try:
            geom = shape(g)
        except Exception:  # shapely raises many types for malformed input
            raise OngeldigGebied(N_("geen geldige GeoJSON-geometrie")) from None
        if geom.is_empty:
            raise OngeldigGebied(N_("het gebied is leeg"))
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise OngeldigGebied(
                N_("een gebied moet een vlak zijn, geen %(soort)s"), soort=geom.geom_type
            )
        if not geom.is_valid:
            raise OngeldigGebied(
                N_("het gebied is ongeldig: %(reden)s"), reden=explain_validity(geom)
            )
        for p in getattr(geom, "geoms", [geom]):
            ring = tuple((float(x), float(y)) for x, y, *_ in p.exterior.coords)
            controleer_punten(list(ring))
            ringen.append(ring)
    if not ringen:
        raise OngeldigGebied(N_("het gebied is leeg"))
    return Gebied(
        beschrijving=beschrijving or "Getekend gebied",
        polygonen=tuple(ringen),
        gemeentecodes=_gemeentecodes(obj),
    )


def _gemeentecodes(obj: Mapping[str, Any]) -> tuple[str, ...]:
    """The CBS gemeentecodes a Feature names in `properties.gemeentecodes` (GM0000 form)."""
    eigenschappen = obj.get("properties") if obj.get("type") == "Feature" else None
    codes = eigenschappen.get("gemeentecodes") if isinstance(eigenschappen, Mapping) else None
    if not isinstance(codes, list):
        return ()
    return tuple(
        dict.fromkeys(c for c in codes if isinstance(c, str) and GEMEENTECODE.fullmatch(c))
    )
