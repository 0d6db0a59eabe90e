"""A downwind sector ("rookpluim"): the area smoke or a released substance is carried over.

Regions warn the sector downwind of a fire rather than a circle around it. The sector starts at the
source, opens around the direction the wind blows *to* (the wind direction is where it comes
*from*, as a weather report gives it), and reaches `lengte_km`. A small circle around the source is
added, because close to a fire the smoke goes every way. In light wind the plume meanders, so the
default opening widens.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from berichten.gebied import Gebied, OngeldigGebied, controleer_punten
from handelingsperspectieven.meldingen import N_

STANDAARD_HOEK = 60.0  # degrees of opening in a steady wind
HOEK_LICHTE_WIND = 90.0  # below LICHTE_WIND m/s (Beaufort 2 and less)
LICHTE_WIND = 3.4  # m/s, the upper bound of Beaufort 2
BRON_STRAAL_KM = 0.5  # the circle around the source
MAX_LENGTE_KM = 50.0
KM_PER_GRAAD = 111.32

# The 16 compass points in Dutch (N, NO, O, ZO, Z, ZW, W, NW and the halves), and English ones.
_WINDSTREKEN = (
    (
        "N",
        "NNO",
        "NO",
        "ONO",
        "O",
        "OZO",
        "ZO",
        "ZZO",
        "Z",
        "ZZW",
        "ZW",
        "WZW",
        "W",
        "WNW",
        "NW",
        "NNW",
    ),
    (
        "N",
        "NNE",
        "NE",
        "ENE",
        "E",
        "ESE",
        "SE",
        "SSE",
        "S",
        "SSW",
        "SW",
        "WSW",
        "W",
        "WNW",
        "NW",
        "NNW",
    ),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rookpluim:
    """What a sector is made from, kept so it can be shown and drawn again."""

    lat: float
    lon: float
    wind_uit: float  # degrees, where the wind comes from (0 = north, 90 = east)
    lengte_km: float
    hoek: float  # opening in degrees


def windrichting(waarde: str | float) -> float:
    """Degrees from a number (0-360) or a compass point (`ZW`, `SW`, `nno`)."""
    if isinstance(waarde, str):
        tekst = waarde.strip().upper()
        for streken in _WINDSTREKEN:
            if tekst in streken:
                return streken.index(tekst) * 22.5
        try:
            graden = float(tekst.replace(",", "."))
        except ValueError:
            raise OngeldigGebied(
                N_(
                    "onbekende windrichting %(waarde)s: geef graden (0-360) of een windstreek zoals ZW"
                ),
                waarde=waarde,
            ) from None
    else:
        graden = float(waarde)
    if not (math.isfinite(graden) and 0 <= graden <= 360):
        raise OngeldigGebied(N_("de windrichting moet tussen 0 en 360 graden liggen"))
    return graden % 360


def standaard_hoek(windsnelheid_ms: float | None = None) -> float:
    """The default opening: wider in light wind, when the plume meanders."""
    if windsnelheid_ms is not None and windsnelheid_ms < LICHTE_WIND:
        return HOEK_LICHTE_WIND
    return STANDAARD_HOEK


def _punt(lat: float, lon: float, peiling: float, afstand_km: float) -> tuple[float, float]:
    """The point `afstand_km` from (lat, lon) on bearing `peiling` (lon, lat; flat earth, < 50 km)."""
    b = math.radians(peiling)
    dlat = afstand_km * math.cos(b) / KM_PER_GRAAD
    dlon = afstand_km * math.sin(b) / (KM_PER_GRAAD * math.cos(math.radians(lat)))
    return (lon + dlon, lat + dlat)


def rookpluim(
    lat: float,
    lon: float,
    wind_uit: str | float,
    lengte_km: float,
    hoek: float | None = None,
    *,
    windsnelheid_ms: float | None = None,
    beschrijving: str = "",
) -> tuple[Gebied, Rookpluim]:
    """The sector as a one-polygon Gebied (sent as CAP polygon and ECBE area), and its parameters."""
    graden = windrichting(wind_uit)
    if not (isinstance(lengte_km, int | float) and math.isfinite(lengte_km)):
        raise OngeldigGebied(N_("de lengte van de rookpluim moet een getal zijn"))
    if not 0 < lengte_km <= MAX_LENGTE_KM:
        raise OngeldigGebied(
            N_("de lengte van de rookpluim moet groter dan 0 en hoogstens %(max)s km zijn"),
            max=int(MAX_LENGTE_KM),
        )
    opening = standaard_hoek(windsnelheid_ms) if hoek is None else float(hoek)
    if not (math.isfinite(opening) and 1 <= opening <= 180):
        raise OngeldigGebied(N_("de openingshoek moet tussen 1 en 180 graden liggen"))
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise OngeldigGebied(N_("het gebied bevat een coördinaat die geen getal is"))
    controleer_punten([(lon, lat)])

    naar = (graden + 180) % 360
    stappen = max(4, math.ceil(opening / 3))
    boog = [
        _punt(lat, lon, naar - opening / 2 + opening * i / stappen, lengte_km)
        for i in range(stappen + 1)
    ]
    sector = Polygon([(lon, lat), *boog])
    straal = min(BRON_STRAAL_KM, lengte_km)
    cirkel = Point(0, 0).buffer(1.0, 16)
    dlat = straal / KM_PER_GRAAD
    dlon = straal / (KM_PER_GRAAD * math.cos(math.radians(lat)))
    rond = Polygon([(lon + x * dlon, lat + y * dlat) for x, y in cirkel.exterior.coords])
    vorm = unary_union([sector, rond]).simplify(0)
    ring = tuple((round(x, 6), round(y, 6)) for x, y in vorm.exterior.coords)
    controleer_punten(list(ring))
    parameters = Rookpluim(lat=lat, lon=lon, wind_uit=graden, lengte_km=lengte_km, hoek=opening)
    tekst = beschrijving or f"Rookpluim {lengte_km:g} km, wind uit {graden:g}°"
    return Gebied(beschrijving=tekst, polygonen=(ring,)), parameters
