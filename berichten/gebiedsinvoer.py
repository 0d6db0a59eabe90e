"""An area as a machine or the screen sends it: GeoJSON, `{"circle": ...}` or `{"sector": ...}`.

`gebied.uit_geojson` reads the shapes; this module adds the downwind sector, which is built by
`sector` (that imports `gebied`, so the dispatch lives here, above both).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from berichten.gebied import Gebied, OngeldigGebied, uit_geojson
from berichten.sector import Rookpluim, rookpluim
from handelingsperspectieven.meldingen import N_

VERPLICHT = ("lat", "lon", "wind_uit", "lengte_km")
OPTIONEEL = ("hoek", "windsnelheid_ms")


def _getal(waarde: object) -> float | None:
    """A JSON number as float; None for anything else (a bool is not a number here)."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return None
    return float(waarde)


def rookpluim_uit_json(waarde: object, beschrijving: str = "") -> tuple[Gebied, Rookpluim]:
    """The sector of `{"lat", "lon", "wind_uit", "lengte_km", "hoek"?, "windsnelheid_ms"?}`."""
    if not isinstance(waarde, Mapping) or any(k not in waarde for k in VERPLICHT):
        raise OngeldigGebied(
            N_(
                "een rookpluim heeft lat, lon, wind_uit en lengte_km;"
                " hoek en windsnelheid_ms mogen erbij"
            )
        )
    onbekend = sorted(str(k) for k in waarde if k not in VERPLICHT + OPTIONEEL)
    if onbekend:
        raise OngeldigGebied(N_("onbekend veld in de rookpluim: %(veld)s"), veld=onbekend[0][:40])
    lat, lon, lengte = (_getal(waarde[k]) for k in ("lat", "lon", "lengte_km"))
    if lat is None or lon is None:
        raise OngeldigGebied(N_("lat en lon van de rookpluim zijn getallen"))
    if lengte is None:
        raise OngeldigGebied(N_("de lengte van de rookpluim moet een getal zijn"))
    wind = waarde["wind_uit"]
    if not isinstance(wind, str) and _getal(wind) is None:
        raise OngeldigGebied(
            N_("onbekende windrichting %(waarde)s: geef graden (0-360) of een windstreek zoals ZW"),
            waarde=str(wind)[:20],
        )
    hoek = waarde.get("hoek")
    if hoek is not None and _getal(hoek) is None:
        raise OngeldigGebied(N_("de openingshoek moet tussen 1 en 180 graden liggen"))
    snelheid = _getal(waarde.get("windsnelheid_ms"))
    if waarde.get("windsnelheid_ms") is not None and not (
        snelheid is not None and math.isfinite(snelheid) and 0 <= snelheid <= 100
    ):
        raise OngeldigGebied(N_("de windsnelheid is een getal van 0 tot 100 m/s"))
    return rookpluim(
        lat,
        lon,
        wind[:40] if isinstance(wind, str) else float(wind),
        lengte,
        None if hoek is None else float(hoek),
        windsnelheid_ms=snelheid,
        beschrijving=beschrijving,
    )


def parameters_json(p: Rookpluim, windsnelheid_ms: object = None) -> dict[str, Any]:
    """The sector's parameters as stored with the area, so a screen can draw and edit it again."""
    uit: dict[str, Any] = {
        "lat": p.lat,
        "lon": p.lon,
        "wind_uit": p.wind_uit,
        "lengte_km": p.lengte_km,
        "hoek": p.hoek,
    }
    snelheid = _getal(windsnelheid_ms)
    if snelheid is not None:
        uit["windsnelheid_ms"] = snelheid
    return uit


def uit_json(obj: object, beschrijving: str = "") -> tuple[Gebied, Rookpluim | None]:
    """An area from `{"sector": ...}` (with its parameters) or from what `uit_geojson` reads."""
    if isinstance(obj, Mapping) and "sector" in obj:
        return rookpluim_uit_json(obj["sector"], beschrijving)
    return uit_geojson(obj, beschrijving), None
