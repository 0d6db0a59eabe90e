"""Population: units with their inhabitants and ages, laid on pixel lattices ("atoms").

Levels, finest first: 100 m and 500 m grid squares, wijken, 1 km census grid cells clipped to
their gemeente, gemeenten. Every unit's inhabitants
are spread evenly over the pixels whose centre lies in it, so a reach estimate is a weighted sum
over atoms. The units themselves come from `sim.bronnen.cbs` (CBS, 1 January 2024).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from sim.model.grens import Buitenland
from sim.model.raster import Raster, teken, vlakaandeel


class Niveau(StrEnum):
    """Level of a population unit."""

    EILAND = "eiland"  # an island of the Caribbean Netherlands (`sim.model.eilanden`)
    GEMEENTE = "gemeente"
    VIERKANT1000 = "vierkant1000"  # 1 km census grid cell (2021) clipped to its gemeente
    WIJK = "wijk"
    VIERKANT500 = "vierkant500"
    VIERKANT100 = "vierkant100"


NIVEAUS = tuple(Niveau)
VAK_M = 250.0  # lattice for gemeenten, wijken and 500 m squares
VIERKANT_M = 100.0  # lattice of the 100 m squares


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Gemeenten:
    """The 342 gemeenten of 2024 with their CBS population."""

    code: tuple[str, ...]
    naam: tuple[str, ...]
    inwoners: NDArray[np.float64]
    leeftijd: NDArray[np.float64]  # (n, 5) shares of the CBS age groups
    geometrie: NDArray[np.object_]  # RD New, land parts


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Eilanden:
    """The three islands: CBS code, name, population and outline (WGS84)."""

    code: tuple[str, ...]
    naam: tuple[str, ...]
    inwoners: NDArray[np.float64]
    geometrie: NDArray[np.object_]  # WGS84


@dataclass(slots=True)
class Bouwsteen:
    """A population unit while loading (mutable: scaled and assigned before it is frozen)."""

    niveau: Niveau
    code: str
    naam: str
    gemeente: int
    inwoners: float
    leeftijd: NDArray[np.float64] | None
    geometrie: BaseGeometry
    buitenlandse_cel: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Eenheden:
    """Population units, columnar: at each place the finest CBS unit that has data."""

    niveau: NDArray[np.int8]  # index into NIVEAUS
    code: tuple[str, ...]
    naam: tuple[str, ...]
    gemeente: NDArray[np.int32]  # index into Gemeenten
    inwoners: NDArray[np.float64]
    leeftijd: NDArray[np.float64]  # (n, 5)
    geometrie: NDArray[np.object_]  # RD New
    # Modelled share of the residents whose phones are on a Belgian or German cell (border).
    buitenlandse_cel: NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.code)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Atomen:
    """Population on one pixel lattice: one entry per (pixel, unit), sorted by row."""

    raster: Raster
    rij: NDArray[np.int32]
    kolom: NDArray[np.int32]
    eenheid: NDArray[np.int32]
    inwoners: NDArray[np.float64]
    rijstart: NDArray[np.int64]  # atoms of row r are [rijstart[r], rijstart[r + 1])
    # Share of each atom's pixel inside the Netherlands: a coastal or border pixel counts as
    # wholly inside an area that covers its Dutch part.
    land: NDArray[np.float32]

    def venster(self, rij0: int, rij1: int, kol0: int, kol1: int) -> slice | NDArray[np.int64]:
        """The atoms in rows [rij0, rij1) and columns [kol0, kol1) (a slice when contiguous)."""
        a, b = int(self.rijstart[rij0]), int(self.rijstart[rij1])
        if kol0 <= 0 and kol1 >= self.raster.breedte:
            return slice(a, b)
        kolom = self.kolom[a:b]
        return a + np.flatnonzero((kolom >= kol0) & (kolom < kol1))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Bevolking:
    """Everything the simulator knows about where people live."""

    gemeenten: Gemeenten
    eenheden: Eenheden
    roosters: tuple[Atomen, ...]
    water: NDArray[np.object_]  # RD New water parts of gemeenten (for the map)
    nederland: BaseGeometry  # RD New land and water of all gemeenten
    aannames: tuple[str, ...]
    bronvermelding: str  # attribution the data's licence asks for
    buitenland: Buitenland | None = None  # people across the border (1 km grid)
    eilanden: Eilanden | None = None  # the Caribbean Netherlands

    @property
    def totaal(self) -> float:
        """All inhabitants on the lattices."""
        return float(sum(r.inwoners.sum() for r in self.roosters))


def _atomen(eenheden: list[Bouwsteen], raster: Raster, ids: NDArray[np.int32]) -> Atomen:
    """Atoms from a raster of unit ids; a unit without a pixel keeps one at its inside point."""
    rij, kol = np.nonzero(ids >= 0)
    eenheid = ids[rij, kol]
    aantal = np.bincount(eenheid, minlength=len(eenheden))
    leeg = np.flatnonzero(aantal == 0)
    if len(leeg):
        punt = shapely.point_on_surface(np.array([eenheden[i].geometrie for i in leeg]))
        r, k = raster.index(shapely.get_x(punt), shapely.get_y(punt))
        rij, kol = np.concatenate([rij, r]), np.concatenate([kol, k])
        eenheid = np.concatenate([eenheid, leeg.astype(np.int32)])
        aantal[leeg] = 1
    inwoners = np.array([e.inwoners for e in eenheden], dtype=np.float64)
    volgorde = np.lexsort((kol, rij))
    rij, kol, eenheid = rij[volgorde], kol[volgorde], eenheid[volgorde]
    return Atomen(
        raster=raster,
        rij=rij.astype(np.int32),
        kolom=kol.astype(np.int32),
        eenheid=eenheid.astype(np.int32),
        inwoners=inwoners[eenheid] / aantal[eenheid],
        rijstart=np.searchsorted(rij, np.arange(raster.hoogte + 1)).astype(np.int64),
        land=np.ones(len(rij), dtype=np.float32),
    )


def bouw_bevolking(
    gemeenten: Gemeenten,
    eenheden: Sequence[Bouwsteen],
    water: NDArray[np.object_],
    *,
    aannames: Sequence[str],
    bronvermelding: str,
    buitenland: Buitenland | None = None,
    eilanden: Eilanden | None = None,
) -> Bevolking:
    """Lay the units on the 250 m lattice (100 m squares on their own 100 m lattice).

    `eenheden` come in drawing order, coarse first, so finer units win the pixels where
    generalised outlines overlap. A unit without its own age shares takes its gemeente's.
    """
    gem = gemeenten
    op_vakken = [e for e in eenheden if e.niveau is not Niveau.VIERKANT100]
    fijn = [e for e in eenheden if e.niveau is Niveau.VIERKANT100]
    for e in op_vakken + fijn:
        if e.leeftijd is None:
            e.leeftijd = gem.leeftijd[e.gemeente]
    vak = Raster.om(shapely.total_bounds(gem.geometrie), VAK_M, 500.0)
    ids = teken((e.geometrie for e in op_vakken), range(len(op_vakken)), vak)
    fijn_raster = Raster.om(
        shapely.total_bounds(np.array([e.geometrie for e in fijn])), VIERKANT_M, 500.0
    )
    fijn_ids = np.full((fijn_raster.hoogte, fijn_raster.breedte), -1, dtype=np.int32)
    minx = np.array([e.geometrie.bounds[0] for e in fijn])
    maxy = np.array([e.geometrie.bounds[3] for e in fijn])
    r, k = fijn_raster.index(minx + 50, maxy - 50)
    fijn_ids[r, k] = np.arange(len(fijn), dtype=np.int32)
    alle = op_vakken + fijn
    nederland = _zonder_snippers(
        shapely.union_all(np.concatenate([gem.geometrie, water])).simplify(50.0)
    )
    roosters = (
        _met_land(_atomen(op_vakken, vak, ids), nederland),
        _met_land(_verschuif(_atomen(fijn, fijn_raster, fijn_ids), len(op_vakken)), nederland),
    )
    kolommen = Eenheden(
        niveau=np.array([NIVEAUS.index(e.niveau) for e in alle], dtype=np.int8),
        code=tuple(e.code for e in alle),
        naam=tuple(e.naam for e in alle),
        gemeente=np.array([e.gemeente for e in alle], dtype=np.int32),
        inwoners=np.array([e.inwoners for e in alle], dtype=np.float64),
        leeftijd=np.array([e.leeftijd for e in alle], dtype=np.float64),
        geometrie=np.array([e.geometrie for e in alle], dtype=object),
        buitenlandse_cel=np.array([e.buitenlandse_cel for e in alle], dtype=np.float64),
    )
    return Bevolking(
        gemeenten=gem,
        eenheden=kolommen,
        roosters=roosters,
        water=water,
        nederland=nederland,
        aannames=tuple(aannames),
        bronvermelding=bronvermelding,
        buitenland=buitenland,
        eilanden=eilanden,
    )


def _zonder_snippers(geometrie: BaseGeometry, min_m2: float = 1e6) -> BaseGeometry:
    """Valid polygon parts of at least `min_m2`, without holes smaller than that.

    The gaps between generalised gemeente outlines are slivers, not real holes.
    """
    delen = shapely.get_parts(shapely.make_valid(geometrie))
    vlakken = [
        Polygon(d.exterior, [g for g in d.interiors if Polygon(g).area >= min_m2])
        for d in delen
        if isinstance(d, Polygon) and d.area >= min_m2
    ]
    return MultiPolygon(vlakken) if len(vlakken) > 1 else vlakken[0]


def _verschuif(atomen: Atomen, eerste: int) -> Atomen:
    return dataclasses.replace(atomen, eenheid=atomen.eenheid + np.int32(eerste))


def _met_land(atomen: Atomen, nederland: BaseGeometry) -> Atomen:
    r = atomen.raster
    rij0, kol0, vak = vlakaandeel(nederland, r, 10, (0, r.hoogte, 0, r.breedte))
    land = vak[atomen.rij - rij0, atomen.kolom - kol0]
    # A pixel whose centre is in a gemeente but that lies (almost) outside the simplified
    # outline still holds people: never divide by less than 5 %.
    return dataclasses.replace(atomen, land=np.maximum(land, 0.05).astype(np.float32))
