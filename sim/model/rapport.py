"""The reach report of one broadcast: frozen values, with a JSON form."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

from shapely.geometry import MultiPolygon, Polygon, mapping

from sim.model.bevolking import Niveau
from sim.model.netwerk import Operator


class Reden(StrEnum):
    """Why a person inside the area is expected to miss the alert."""

    GEEN_DEKKING = "geen_dekking"  # no cell of their operator covers where they are
    GEEN_GESCHIKTE_TELEFOON = "geen_geschikte_telefoon"  # no own phone, or one that cannot show it
    KANAAL_UIT = "kanaal_uit"  # the channel was switched off (4371 only)
    UITGESCHAKELD = "uitgeschakeld"  # phone off or in flight mode


class EenheidRij(NamedTuple):
    """Reach in one population unit (the finest CBS unit at that place).

    A NamedTuple rather than a frozen dataclass: a national report has ~18,000 rows, and frozen
    dataclass construction took more time than the estimate itself. It is just as immutable.
    """

    niveau: Niveau
    code: str
    naam: str
    gemeentecode: str
    gemeentenaam: str
    inwoners_in_gebied: float
    bereikt: float
    gemist: float
    overshoot: float


@dataclass(frozen=True, slots=True, kw_only=True)
class GemeenteRij:
    """Reach summed over one gemeente."""

    gemeentecode: str
    gemeentenaam: str
    inwoners_in_gebied: float
    bereikt: float
    overshoot: float


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaatsRij:
    """A gemeente where people outside the area receive the alert (overshoot)."""

    gemeentecode: str
    gemeentenaam: str
    overshoot: float


@dataclass(frozen=True, slots=True, kw_only=True)
class LeeftijdRij:
    """Reach inside the area for one age group."""

    leeftijd: str
    inwoners_in_gebied: float
    bereikt: float


@dataclass(frozen=True, slots=True, kw_only=True)
class OperatorRij:
    """Cells and reach of one operator."""

    operator: Operator
    marktaandeel: float
    cellen: int
    cellen_per_technologie: dict[str, int]
    cellen_binnen_3_min: float
    aandeel_cellen_binnen_3_min: float
    uitzendgebied_km2: float
    bereikt: float
    overshoot: float


@dataclass(frozen=True, slots=True, kw_only=True)
class BereikRapport:
    """Expected reach of one broadcast over a target area: model values, never measurements."""

    gebied: Polygon | MultiPolygon  # WGS84
    gebied_km2: float
    tijdstip: datetime
    kanaal: int
    netwerk: str  # "gemodelleerd" or the importer used
    inwoners: int
    bereikt: int
    overshoot: int
    gemist: dict[Reden, int]
    via_anderen: int
    cellen: int
    cellen_binnen_3_min: float
    aandeel_cellen_binnen_3_min: float
    per_operator: tuple[OperatorRij, ...]
    per_eenheid: tuple[EenheidRij, ...]
    per_gemeente: tuple[GemeenteRij, ...]
    overshoot_plaatsen: tuple[PlaatsRij, ...]
    per_leeftijd: tuple[LeeftijdRij, ...]
    niveaus: tuple[Niveau, ...]  # population levels used inside the area
    aannames: tuple[str, ...]
    bronvermelding: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (the area as a GeoJSON geometry, times as ISO 8601)."""
        uit: dict[str, Any] = {}
        for veld in dataclasses.fields(self):
            uit[veld.name] = _json(getattr(self, veld.name))
        uit["soort"] = "verwachting (model), geen meting"
        return uit


def _json(waarde: Any) -> Any:
    if isinstance(waarde, Polygon | MultiPolygon):
        return mapping(waarde)
    if isinstance(waarde, datetime):
        return waarde.isoformat()
    if isinstance(waarde, StrEnum):
        return waarde.value
    if isinstance(waarde, EenheidRij):
        return {k: _json(v) for k, v in waarde._asdict().items()}
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return {v.name: _json(getattr(waarde, v.name)) for v in dataclasses.fields(waarde)}
    if isinstance(waarde, dict):
        return {str(k): _json(v) for k, v in waarde.items()}
    if isinstance(waarde, tuple | list):
        return [_json(v) for v in waarde]
    return waarde
