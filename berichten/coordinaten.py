"""The one place where coordinates change axis order.

GeoJSON and shapely are lon,lat (RFC 7946); CAP 1.2 is lat,lon. Everything else in nlalert keeps
lon,lat and converts only here.
"""

from __future__ import annotations

from collections.abc import Sequence

LonLat = tuple[float, float]


def cap_punt(lon: float, lat: float) -> str:
    """One CAP coordinate pair 'lat,lon'."""
    return f"{lat:.6f},{lon:.6f}"


def cap_polygoon(ring: Sequence[LonLat]) -> str:
    """A CAP polygon 'lat,lon lat,lon ...' from a GeoJSON ring, first point repeated at the end."""
    punten = list(ring)
    if punten[0] != punten[-1]:
        punten.append(punten[0])
    return " ".join(cap_punt(lon, lat) for lon, lat in punten)


def cap_cirkel(lon: float, lat: float, straal_km: float) -> str:
    """A CAP circle 'lat,lon radius_km'."""
    return f"{cap_punt(lon, lat)} {straal_km:g}"


def uit_cap_polygoon(tekst: str) -> list[LonLat]:
    """A GeoJSON ring (lon,lat) from a CAP polygon string."""
    ring = []
    for paar in tekst.split():
        lat, lon = (float(x) for x in paar.split(","))
        ring.append((lon, lat))
    return ring


def uit_cap_cirkel(tekst: str) -> tuple[float, float, float]:
    """(lon, lat, radius_km) from a CAP circle string."""
    punt, straal = tekst.split()
    lat, lon = (float(x) for x in punt.split(","))
    return lon, lat, float(straal)
