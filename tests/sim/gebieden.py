"""Areas the simulator tests use."""

from __future__ import annotations

from shapely.geometry.base import BaseGeometry

from sim import Simulator
from sim.model import geo


def gemeente_wgs84(sim: Simulator, naam: str) -> BaseGeometry:
    """The generalised outline of one gemeente in WGS84."""
    gem = sim.bevolking.gemeenten
    return geo.naar_wgs84(gem.geometrie[gem.naam.index(naam)])


def cirkel(sim: Simulator, lat: float, lon: float, straal_km: float) -> BaseGeometry:
    """A validated circle area."""
    return sim.gebied_uit_geojson({"circle": {"lat": lat, "lon": lon, "radius_km": straal_km}})


def nederland(sim: Simulator) -> BaseGeometry:
    """The whole country (land and water of all gemeenten) in WGS84."""
    return geo.naar_wgs84(sim.bevolking.nederland)
