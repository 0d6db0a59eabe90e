"""The reach report of one broadcast: frozen values, with a JSON form."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple, overload

import numpy as np
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon, Polygon, mapping

from sim.model.bevolking import Gemeenten, Niveau
from sim.model.grensbereik import BuitenlandRapport
from sim.model.netwerk import Operator


class Reden(StrEnum):
    """Why a person inside the area is expected to miss the alert."""

    GEEN_DEKKING = "geen_dekking"  # no cell of their operator covers where they are
    GEEN_GESCHIKTE_TELEFOON = "geen_geschikte_telefoon"  # no own phone, or one that cannot show it
    KANAAL_UIT = "kanaal_uit"  # the channel was switched off (4371 only)
    UITGESCHAKELD = "uitgeschakeld"  # phone off or in flight mode
    BUITENLANDSE_CEL = "buitenlandse_cel"  # near the border, on a Belgian or German cell (model)


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


class EenheidRijen(Sequence[EenheidRij]):
    """The per-unit rows of a report, kept as columns; the row objects are made on first read.

    A national report has ~18,000 rows: making them took longer than the estimate, and the JSON
    form and most readers need only the columns. Immutable like a tuple, and equal to the tuple
    of its rows.
    """

    __slots__ = ("_kolommen", "_lengte", "_maak", "_rijen", "_slot")

    def __init__(self, maak: Callable[[], Sequence[Sequence[Any]]], lengte: int) -> None:
        # `maak` gives one column per field of EenheidRij, in its order (niveau as Niveau);
        # called once, when the rows are first read.
        self._maak: Callable[[], Sequence[Sequence[Any]]] | None = maak
        self._lengte = lengte
        self._kolommen: tuple[Sequence[Any], ...] | None = None
        self._rijen: tuple[EenheidRij, ...] | None = None
        self._slot = threading.Lock()

    def kolommen(self) -> tuple[Sequence[Any], ...]:
        """The columns, one per field of EenheidRij."""
        with self._slot:
            if self._kolommen is None and self._maak is not None:
                self._kolommen = tuple(self._maak())
                self._maak = None
            assert self._kolommen is not None
            return self._kolommen

    def _alle(self) -> tuple[EenheidRij, ...]:
        if self._rijen is None:
            self._rijen = tuple(map(EenheidRij._make, zip(*self.kolommen(), strict=True)))
        return self._rijen

    def __len__(self) -> int:
        return self._lengte

    @overload
    def __getitem__(self, index: int) -> EenheidRij: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[EenheidRij, ...]: ...
    def __getitem__(self, index: int | slice) -> EenheidRij | tuple[EenheidRij, ...]:
        return self._alle()[index]

    def __iter__(self) -> Iterator[EenheidRij]:
        return iter(self._alle())

    def __eq__(self, ander: object) -> bool:
        if isinstance(ander, EenheidRijen):
            ander = ander._alle()
        return isinstance(ander, tuple) and self._alle() == ander

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"EenheidRijen({len(self)} rijen)"

    def als_dicts(self) -> list[dict[str, Any]]:
        """The rows as JSON-able dicts, straight from the columns."""
        niveau, *rest = self.kolommen()
        velden = EenheidRij._fields
        return [
            dict(zip(velden, rij, strict=True))
            for rij in zip([n.value for n in niveau], *rest, strict=True)
        ]


@dataclass(frozen=True, slots=True, kw_only=True)
class GemeenteRij:
    """Reach summed over one gemeente."""

    gemeentecode: str
    gemeentenaam: str
    inwoners_in_gebied: float
    bereikt: float
    gemist: float  # inside the area and not reached on their own phone
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
class KwetsbareGroep:
    """An age group counted apart because cell broadcast reaches it less: 75+ and under 12.

    `niet_bereikt` is everyone of the group inside the area who is not expected to receive the
    alert on a phone of their own; the region reaches them by other channels.
    """

    leeftijd: str  # one of toestellen.LEEFTIJDEN
    inwoners_in_gebied: float
    bereikt: float
    niet_bereikt: float


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
    per_eenheid: EenheidRijen
    per_gemeente: tuple[GemeenteRij, ...]
    overshoot_plaatsen: tuple[PlaatsRij, ...]
    per_leeftijd: tuple[LeeftijdRij, ...]
    kwetsbare_groepen: tuple[KwetsbareGroep, ...]
    niveaus: tuple[Niveau, ...]  # population levels used inside the area
    aannames: tuple[str, ...]
    bronvermelding: str
    buitenland: BuitenlandRapport | None = None  # people across the border (model)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (the area as a GeoJSON geometry, times as ISO 8601)."""
        uit: dict[str, Any] = {}
        for veld in dataclasses.fields(self):
            uit[veld.name] = _json(getattr(self, veld.name))
        uit["soort"] = "verwachting (model), geen meting"
        return uit


KWETSBAAR = ("75+", "0-12")  # age groups counted apart: 75+ first, it is the larger gap


def kwetsbare_groepen(per_leeftijd: Sequence[LeeftijdRij]) -> tuple[KwetsbareGroep, ...]:
    """The vulnerable age groups (75+, under 12) from the per-age rows, with who is missed."""
    rijen = {r.leeftijd: r for r in per_leeftijd}
    return tuple(
        KwetsbareGroep(
            leeftijd=lft,
            inwoners_in_gebied=rijen[lft].inwoners_in_gebied,
            bereikt=rijen[lft].bereikt,
            niet_bereikt=round(rijen[lft].inwoners_in_gebied - rijen[lft].bereikt, 1),
        )
        for lft in KWETSBAAR
    )


def gemeenterijen(
    gemeenten: Gemeenten,
    binnen: NDArray[Any],
    bereikt: NDArray[Any],
    overshoot: NDArray[Any],
) -> tuple[tuple[GemeenteRij, ...], tuple[PlaatsRij, ...]]:
    """(per gemeente in or near the area, the places outside it with overshoot, largest first).

    The arrays hold a figure per gemeente (index into `gemeenten`).
    """
    gem = np.flatnonzero((binnen > 1e-9) | (overshoot >= 0.05))
    kolommen = (
        [round(x, 1) for x in kolom[gem].tolist()]
        for kolom in (binnen, bereikt, binnen - bereikt, overshoot)
    )
    per_gemeente = tuple(
        GemeenteRij(
            gemeentecode=gemeenten.code[i],
            gemeentenaam=gemeenten.naam[i],
            inwoners_in_gebied=b,
            bereikt=r,
            gemist=m,
            overshoot=o,
        )
        for i, b, r, m, o in zip(gem.tolist(), *kolommen, strict=True)
    )
    veel = np.flatnonzero(overshoot >= 0.5)
    veel = veel[np.argsort(-overshoot[veel], kind="stable")]
    plaatsen = tuple(
        PlaatsRij(
            gemeentecode=gemeenten.code[i], gemeentenaam=gemeenten.naam[i], overshoot=round(o, 1)
        )
        for i, o in zip(veel.tolist(), overshoot[veel].tolist(), strict=True)
    )
    return per_gemeente, plaatsen


def _json(waarde: Any) -> Any:
    if isinstance(waarde, Polygon | MultiPolygon):
        return mapping(waarde)
    if isinstance(waarde, datetime):
        return waarde.isoformat()
    if isinstance(waarde, StrEnum):
        return waarde.value
    if isinstance(waarde, EenheidRijen):
        return waarde.als_dicts()
    if isinstance(waarde, EenheidRij):
        return {k: _json(v) for k, v in waarde._asdict().items()}
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return {v.name: _json(getattr(waarde, v.name)) for v in dataclasses.fields(waarde)}
    if isinstance(waarde, dict):
        return {str(k): _json(v) for k, v in waarde.items()}
    if isinstance(waarde, tuple | list):
        return [_json(v) for v in waarde]
    return waarde
