"""Typed errors of the simulator. Each carries a Dutch `reden` for the communicator."""

from __future__ import annotations


class SimError(Exception):
    """Base of every error the simulator raises."""

    def __init__(self, reden: str) -> None:
        super().__init__(reden)
        self.reden = reden


class GebiedError(SimError):
    """The drawn target area cannot be used; `reden` says why."""


class OngeldigeGeoJSON(GebiedError):
    """The input is not GeoJSON (or the circle form) that describes an area."""


class LeegGebied(GebiedError):
    """The area has no surface: no coordinates, zero area or zero radius."""


class ZelfdoorsnijdendGebied(GebiedError):
    """A polygon boundary crosses itself."""

    def __init__(self, lon: float, lat: float) -> None:
        self.lon = lon
        self.lat = lat
        super().__init__(
            f"de rand van het gebied snijdt zichzelf bij lon {lon:.5f}, lat {lat:.5f}; "
            "teken het gebied opnieuw zonder kruisende lijnen"
        )


class OngeldigeGeometrie(GebiedError):
    """The polygon is invalid in another way than self-intersection (e.g. a hole outside it)."""


class GebiedBuitenNederland(GebiedError):
    """The area lies (partly far) outside the Netherlands."""


class LatLonVerwisseld(GebiedError):
    """The coordinates look like lat,lon given where GeoJSON expects lon,lat."""

    def __init__(self) -> None:
        super().__init__(
            "de coördinaten staan waarschijnlijk in de volgorde lat,lon; GeoJSON verwacht lon,lat "
            "(bijvoorbeeld [4.48, 51.92] voor Rotterdam)"
        )


class NegatieveStraal(GebiedError):
    """A circle was given a negative radius."""

    def __init__(self, straal_km: float) -> None:
        self.straal_km = straal_km
        super().__init__(f"de straal van de cirkel is negatief ({straal_km:g} km)")


class InvoerError(SimError):
    """An importer could not read its network input."""
