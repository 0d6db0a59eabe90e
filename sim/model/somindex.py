"""The per-unit sums of an estimate, fast: what can be known before the area is, is prepared.

Prepared once per population and network:

- per operator the distinct combinations of best-server cells over its layers (say LTE cell 812
  with NR cell 7013) and a sparse matrix unit x combination holding the inhabitants of each unit
  that those cells serve. Who is in an operator's broadcast area is then one sparse
  matrix-vector product over the selected combinations, wherever they live;
- per atom its inhabitants, and its inhabitants covered by each operator;
- the cells' bounding boxes on the 250 m lattice (`sim.model.celkeuze`).

Per area the area is rasterised once per lattice (share of every pixel inside), the cells are
selected from that raster (GEOS only near the boundary), and the sums inside the area are
weighted bincounts over the atoms that meet it. The people outside the area who are in the
broadcast area are everyone there minus those inside. The numbers equal `som_eenvoudig`'s up to
floating-point rounding (a test compares them on many areas).

The unit x combination matrix does not care what a unit is: a 1 km census grid or cells across
the border fit it as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from scipy import sparse

from sim.model.bevolking import Atomen
from sim.model.celkeuze import Celkeuze, reeksen
from sim.model.gebied import Gebied
from sim.model.raster import venster, vlakaandeel
from sim.model.som import Som, deelrijen


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Kolommen:
    """A sparse matrix by columns (CSC): column j holds rows rij[begin[j]:begin[j + 1]]."""

    begin: NDArray[np.int64]
    rij: NDArray[np.int32]
    waarde: NDArray[np.float64]

    @classmethod
    def uit(
        cls,
        rij: NDArray[np.integer[Any]],
        kolom: NDArray[np.integer[Any]],
        waarde: NDArray[np.float64],
        vorm: tuple[int, int],
    ) -> Kolommen:
        """From (row, column, value) triples; duplicates are summed."""
        m = sparse.csc_array(sparse.coo_array((waarde, (rij, kolom)), shape=vorm))
        m.sum_duplicates()
        return cls(
            begin=m.indptr.astype(np.int64),
            rij=m.indices.astype(np.int32),
            waarde=m.data.astype(np.float64),
        )

    def rijen_van(self, kolommen: NDArray[np.integer[Any]]) -> NDArray[np.int64]:
        """Positions (into `rij`, `waarde`) of the entries of these columns."""
        return reeksen(self.begin[kolommen], self.begin[kolommen + 1])

    def rijsom(self, kolommen: NDArray[np.integer[Any]], n: int) -> NDArray[np.float64]:
        """Per row, the sum of its values in these columns (cost: their entries only)."""
        plek = self.rijen_van(kolommen)
        som = np.bincount(self.rij[plek], self.waarde[plek], minlength=n)
        return som.astype(np.float64, copy=False)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Rooster:
    """One lattice's atoms with what the sums need of each."""

    atomen: Atomen
    gewicht: NDArray[np.float64]  # (atoms, 1 + operators): inhabitants, covered by operator o
    combinatie: NDArray[np.int32]  # (atoms, operators): index into the operator's combinations
    totaal: NDArray[np.float64]  # (1 + operators, units): `gewicht` summed per unit
    # Per operator: atoms by combination (combination x atom, column = combination).
    atomen_van: tuple[Kolommen, ...]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Somindex:
    """Everything prepared for fast sums; build with `bouw`, then call `som` per area."""

    eenheden: int
    cellen: int
    roosters: tuple[Rooster, ...]
    # Per operator: cell x combination (column = cell): the combinations a cell is part of.
    combinaties_van: tuple[Kolommen, ...]
    aantal_combinaties: tuple[int, ...]
    # Per operator: unit x combination (column = combination): inhabitants it serves there.
    verdeling: tuple[Kolommen, ...]
    celkeuze: Celkeuze

    @classmethod
    def bouw(
        cls,
        *,
        eenheden: int,
        roosters: Sequence[Atomen],
        bediend: Sequence[NDArray[np.int32]],
        lagen_van: Sequence[NDArray[np.int64]],
        dekking: NDArray[np.object_],
        boom: shapely.STRtree,
    ) -> Somindex:
        """Prepare the sums for this population (lattices) and network (best servers, cells)."""
        cellen = len(dekking)
        eenheid = np.concatenate([a.eenheid for a in roosters])
        inwoners = np.concatenate([a.inwoners for a in roosters])
        grenzen = np.cumsum([0, *(len(a.eenheid) for a in roosters)])
        combinaties_van, aantallen, verdeling = [], [], []
        per_rooster: list[list[NDArray[np.int64]]] = [[] for _ in roosters]
        for lagen in lagen_van:
            kolommen = np.concatenate([b[:, lagen] for b in bediend]).astype(np.int64)
            kolommen[kolommen < 0] = cellen
            # Number the distinct rows (the best server on each layer) one layer at a time.
            terug = np.zeros(len(kolommen), dtype=np.int64)
            for j in range(kolommen.shape[1]):
                _, terug = np.unique(terug * (cellen + 1) + kolommen[:, j], return_inverse=True)
                terug = terug.ravel()
            aantal = int(terug.max()) + 1
            uniek = np.empty((aantal, kolommen.shape[1]), dtype=np.int64)
            uniek[terug] = kolommen
            combinatie = np.repeat(np.arange(aantal), uniek.shape[1])
            cel = uniek.ravel()
            echt = cel < cellen
            combinaties_van.append(
                Kolommen.uit(
                    combinatie[echt], cel[echt], np.ones(int(echt.sum())), (aantal, cellen)
                )
            )
            aantallen.append(aantal)
            verdeling.append(Kolommen.uit(eenheid, terug, inwoners, (eenheden, aantal)))
            for i in range(len(roosters)):
                per_rooster[i].append(terug[grenzen[i] : grenzen[i + 1]])
        klaar = []
        for atomen, cel_van, combinatie_van in zip(roosters, bediend, per_rooster, strict=True):
            gedekt = [(cel_van[:, lagen] >= 0).any(axis=1) for lagen in lagen_van]
            gewicht = np.column_stack([atomen.inwoners, *(atomen.inwoners * g for g in gedekt)])
            atoom = np.arange(len(atomen.eenheid))
            klaar.append(
                Rooster(
                    atomen=atomen,
                    gewicht=gewicht,
                    combinatie=np.column_stack(combinatie_van).astype(np.int32),
                    totaal=np.stack(
                        [np.bincount(atomen.eenheid, g, minlength=eenheden) for g in gewicht.T]
                    ),
                    atomen_van=tuple(
                        Kolommen.uit(atoom, c, np.ones(len(c)), (len(atoom), a))
                        for c, a in zip(combinatie_van, aantallen, strict=True)
                    ),
                )
            )
        return cls(
            eenheden=eenheden,
            cellen=cellen,
            roosters=tuple(klaar),
            combinaties_van=tuple(combinaties_van),
            aantal_combinaties=tuple(aantallen),
            verdeling=tuple(verdeling),
            celkeuze=Celkeuze.bouw(dekking, roosters[0].raster, boom),
        )

    def som(self, gebied_rd: Gebied) -> tuple[NDArray[np.int64], Som]:
        """(sorted indices of the selected cells, the per-unit sums) for an area in RD New."""
        n, ops = self.eenheden, len(self.verdeling)
        gekozen = self.celkeuze.kies(gebied_rd)
        # A combination is broadcast when any of its cells is selected: those of the selected.
        uitgezonden = []
        for van, aantal in zip(self.combinaties_van, self.aantal_combinaties, strict=True):
            uit = np.zeros(aantal, dtype=np.bool_)
            uit[van.rij[van.rijen_van(gekozen)]] = True
            uitgezonden.append(uit)
        # Everyone in each operator's broadcast area, inside the area or not.
        buiten = np.stack(
            [
                m.rijsom(np.flatnonzero(u), n)
                for m, u in zip(self.verdeling, uitgezonden, strict=True)
            ]
        )
        binnen = np.zeros(n)
        gedekt = np.zeros((ops, n))
        for rooster in self.roosters:
            atomen = rooster.atomen
            r = atomen.raster
            pixels = venster(r, gebied_rd.bounds)
            if pixels[0] >= pixels[1] or pixels[2] >= pixels[3]:
                continue
            rij0, kol0, aandeel_vak = vlakaandeel(
                gebied_rd, r, deelrijen(gebied_rd, r.pixel), pixels
            )
            deel = atomen.venster(*pixels)
            plek = (atomen.rij[deel] - rij0) * aandeel_vak.shape[1] + (atomen.kolom[deel] - kol0)
            aandeel = np.minimum(aandeel_vak.ravel()[plek] / atomen.land[deel], 1.0)
            if len(aandeel) * 2 > len(atomen.eenheid):
                self._van_totaal(rooster, deel, aandeel, uitgezonden, binnen, gedekt, buiten)
            else:
                self._direct(rooster, deel, aandeel, uitgezonden, binnen, gedekt, buiten)
        buiten = np.maximum(buiten - gedekt, 0.0)
        return gekozen, Som(binnen=binnen, gedekt=gedekt, buiten=buiten)

    def _direct(
        self,
        rooster: Rooster,
        deel: slice | NDArray[np.int64],
        aandeel: NDArray[np.float32],
        uitgezonden: Sequence[NDArray[np.bool_]],
        binnen: NDArray[np.float64],
        gedekt: NDArray[np.float64],
        buiten: NDArray[np.float64],
    ) -> None:
        """Add the atoms in the window that meet the area (for an area small beside the lattice)."""
        n = self.eenheden
        raak = np.flatnonzero(aandeel > 0)
        if len(raak) == 0:
            return
        index = raak + deel.start if isinstance(deel, slice) else deel[raak]
        eenheid = rooster.atomen.eenheid[index]
        gewicht = rooster.gewicht[index] * aandeel[raak, None].astype(np.float64)
        binnen += np.bincount(eenheid, gewicht[:, 0], minlength=n)
        combinatie = rooster.combinatie[index]
        for o, uit in enumerate(uitgezonden):
            gedekt[o] += np.bincount(eenheid, gewicht[:, 1 + o], minlength=n)
            # Covered inside the area, yet by a cell not selected: never in the broadcast area,
            # so not to be taken off it.
            mis = ~uit[combinatie[:, o]]
            buiten[o] += np.bincount(eenheid[mis], gewicht[mis, 1 + o], minlength=n)

    def _van_totaal(
        self,
        rooster: Rooster,
        deel: slice | NDArray[np.int64],
        aandeel: NDArray[np.float32],
        uitgezonden: Sequence[NDArray[np.bool_]],
        binnen: NDArray[np.float64],
        gedekt: NDArray[np.float64],
        buiten: NDArray[np.float64],
    ) -> None:
        """Start from the lattice's totals and take off what lies (partly) outside (large areas)."""
        n = self.eenheden
        atomen = rooster.atomen
        volledig = np.zeros(len(atomen.eenheid), dtype=np.float32)
        volledig[deel] = aandeel
        tekort = np.flatnonzero(volledig < 1)
        eenheid = atomen.eenheid[tekort]
        weg = rooster.gewicht[tekort] * (1.0 - volledig[tekort, None].astype(np.float64))
        binnen += rooster.totaal[0] - np.bincount(eenheid, weg[:, 0], minlength=n)
        for o, uit in enumerate(uitgezonden):
            gedekt[o] += rooster.totaal[1 + o] - np.bincount(eenheid, weg[:, 1 + o], minlength=n)
            # The atoms served by combinations not broadcast (few, for a large area).
            van = rooster.atomen_van[o]
            atoom = van.rij[van.rijen_van(np.flatnonzero(~uit))]
            atoom = atoom[volledig[atoom] > 0]
            buiten[o] += np.bincount(
                atomen.eenheid[atoom],
                rooster.gewicht[atoom, 1 + o] * volledig[atoom].astype(np.float64),
                minlength=n,
            )
