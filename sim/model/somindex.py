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
from sim.model.raster import randen, venster, vlakaandeel
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


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Rooster:
    """One lattice's atoms with what the sums need of each."""

    atomen: Atomen
    gewicht: NDArray[np.float64]  # (atoms, 1 + operators): inhabitants, covered by operator o
    combinatie: NDArray[np.int32]  # (atoms, operators): index into the operator's combinations
    eenheden: NDArray[np.int64]  # the units with atoms on this lattice, sorted
    totaal: NDArray[np.float64]  # (1 + operators, units): `gewicht` summed per unit
    eigen_totaal: NDArray[np.float64]  # (1 + operators, own units): `totaal` of `eenheden`
    # Per operator: atoms by combination (combination x atom, column = combination).
    atomen_van: tuple[Kolommen, ...]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Somindex:
    """Everything prepared for fast sums; build with `bouw`, then call `som` per area."""

    eenheden: int
    cellen: int
    roosters: tuple[Rooster, ...]
    # The combinations of every operator in one numbering: operator o's are
    # [begin_combinatie[o], begin_combinatie[o + 1]), so one pass serves all operators.
    begin_combinatie: NDArray[np.int64]
    # Cell x combination (column = cell): the combinations a cell is part of.
    combinaties_van: Kolommen
    cellen_per_combinatie: NDArray[np.int64]  # the cells in each combination
    # Unit x combination (column = combination): inhabitants it serves there; with the
    # operator of each entry, and per operator and unit everyone its combinations serve.
    verdeling: Kolommen
    verdeling_operator: NDArray[np.int64]
    verdeling_totaal: NDArray[np.float64]  # (operators, units)
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
        aantallen: list[int] = []
        # Per operator in its own numbering: (combination, cell) pairs, and each atom's combination.
        paren: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
        toewijzing: list[NDArray[np.int64]] = []
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
            paren.append((combinatie[echt], cel[echt]))
            aantallen.append(aantal)
            toewijzing.append(terug)
            for i in range(len(roosters)):
                per_rooster[i].append(terug[grenzen[i] : grenzen[i + 1]])
        klaar = []
        for atomen, cel_van, combinatie_van in zip(roosters, bediend, per_rooster, strict=True):
            gedekt = [(cel_van[:, lagen] >= 0).any(axis=1) for lagen in lagen_van]
            gewicht = np.column_stack([atomen.inwoners, *(atomen.inwoners * g for g in gedekt)])
            atoom = np.arange(len(atomen.eenheid))
            eigen = np.unique(atomen.eenheid).astype(np.int64)
            totaal = np.stack(
                [np.bincount(atomen.eenheid, g, minlength=eenheden) for g in gewicht.T]
            ).astype(np.float64)
            klaar.append(
                Rooster(
                    atomen=atomen,
                    gewicht=gewicht,
                    combinatie=np.column_stack(combinatie_van).astype(np.int32),
                    eenheden=eigen,
                    totaal=totaal,
                    eigen_totaal=np.ascontiguousarray(totaal[:, eigen]),
                    atomen_van=tuple(
                        Kolommen.uit(atoom, c, np.ones(len(c)), (len(atoom), a))
                        for c, a in zip(combinatie_van, aantallen, strict=True)
                    ),
                )
            )
        begin = np.cumsum([0, *aantallen]).astype(np.int64)
        alle = int(begin[-1])
        combinaties_van = Kolommen.uit(
            np.concatenate([c + b for (c, _), b in zip(paren, begin, strict=False)]),
            np.concatenate([cel for _, cel in paren]),
            np.ones(sum(len(c) for c, _ in paren)),
            (alle, cellen),
        )
        ops = len(lagen_van)
        verdeling = Kolommen.uit(
            np.tile(eenheid, ops),
            np.concatenate([t + b for t, b in zip(toewijzing, begin, strict=False)]),
            np.tile(inwoners, ops),
            (eenheden, alle),
        )
        kolom = np.repeat(np.arange(alle), np.diff(verdeling.begin))
        operator = np.repeat(np.arange(ops), aantallen)[kolom]
        return cls(
            eenheden=eenheden,
            cellen=cellen,
            roosters=tuple(klaar),
            begin_combinatie=begin,
            combinaties_van=combinaties_van,
            cellen_per_combinatie=np.bincount(combinaties_van.rij, minlength=alle),
            verdeling=verdeling,
            verdeling_operator=operator.astype(np.int64),
            verdeling_totaal=np.stack(
                [
                    np.bincount(
                        verdeling.rij, verdeling.waarde * (operator == o), minlength=eenheden
                    )
                    for o in range(ops)
                ]
            ),
            celkeuze=Celkeuze.bouw(dekking, roosters[0].raster, boom),
        )

    def som(self, gebied_rd: Gebied) -> tuple[NDArray[np.int64], Som]:
        """(sorted indices of the selected cells, the per-unit sums) for an area in RD New."""
        # The area's edges once; on the 250 m lattice one rasterisation for the cells and the sums.
        kanten = randen(gebied_rd)
        eerste = self.roosters[0].atomen.raster
        fijn_pixels = self.celkeuze.fijn_venster(gebied_rd)
        fijn = None
        if fijn_pixels is not None:
            k = deelrijen(gebied_rd, eerste.pixel)
            fijn = vlakaandeel(gebied_rd, eerste, k, fijn_pixels, kanten)
        gekozen = self.celkeuze.kies(gebied_rd, kanten, fijn)
        uit = self._uitgezonden(gekozen)
        eerst = self.begin_combinatie
        # Per operator, in its own numbering (views).
        uitgezonden = [uit[eerst[o] : eerst[o + 1]] for o in range(len(eerst) - 1)]
        # Entries (unit, inhabitants) of everyone in a broadcast area, or, when most
        # combinations are broadcast (a large area), of everyone outside them (`omgekeerd`).
        omgekeerd = 2 * int(np.count_nonzero(uit)) > len(uit)
        m = self.verdeling
        posities = m.rijen_van(np.flatnonzero(~uit if omgekeerd else uit))
        eenheid_plek = m.rij[posities]
        # Per lattice the atoms that meet the area, with the share of each inside.
        delen: list[_Deel] = []
        for rooster in self.roosters:
            atomen = rooster.atomen
            r = atomen.raster
            pixels = venster(r, gebied_rd.bounds)
            if pixels[0] >= pixels[1] or pixels[2] >= pixels[3]:
                continue
            if r is eerste and fijn is not None:
                # The clipped window lies within the fine window (the bounds plus a pixel).
                rij0, kol0 = pixels[0], pixels[2]
                a, b = rij0 - fijn[0], kol0 - fijn[1]
                aandeel_vak = fijn[2][a : a + pixels[1] - rij0, b : b + pixels[3] - kol0]
            else:
                rij0, kol0, aandeel_vak = vlakaandeel(
                    gebied_rd, r, deelrijen(gebied_rd, r.pixel), pixels, kanten
                )
            deel = atomen.venster(*pixels)
            plek = (atomen.rij[deel] - rij0) * aandeel_vak.shape[1] + (atomen.kolom[deel] - kol0)
            aandeel = np.minimum(aandeel_vak.ravel()[plek] / atomen.land[deel], 1.0)
            if len(aandeel) * 2 > len(atomen.eenheid):
                delen.append(_Deel(rooster=rooster, atomen=deel, aandeel=aandeel, heel=True))
            else:
                raak = np.flatnonzero(aandeel > 0)
                index = raak + deel.start if isinstance(deel, slice) else deel[raak]
                delen.append(_Deel(rooster=rooster, atomen=index, aandeel=aandeel[raak]))
        # Number the units these sums touch; all others stay zero.
        if omgekeerd:  # everyone any combination serves: a superset, zero where not broadcast
            geraakt = np.asarray((self.verdeling_totaal > 0).any(axis=0))
        else:
            geraakt = np.zeros(self.eenheden, dtype=np.bool_)
        # The entries summed below, even a unit of no inhabitants (it has entries too).
        geraakt[eenheid_plek] = True
        for d in delen:
            geraakt[d.rooster.eenheden if d.heel else d.rooster.atomen.eenheid[d.atomen]] = True
        eenheden = np.flatnonzero(geraakt)
        n = len(eenheden)
        lokaal: NDArray[np.int64] | None = None  # None: every unit, numbered as it is
        if n < self.eenheden:
            lokaal = np.full(self.eenheden, -1, dtype=np.int64)  # -1: a bincount refuses it
            lokaal[eenheden] = np.arange(n)
        ops = len(uitgezonden)
        binnen = np.zeros(n)
        gedekt = np.zeros((ops, n))
        # Everyone in each operator's broadcast area, inside the area or not.
        buiten: NDArray[np.float64] = (
            np.bincount(
                self.verdeling_operator[posities] * n + _hernummer(lokaal, eenheid_plek),
                m.waarde[posities],
                minlength=ops * n,
            )
            .reshape(ops, n)
            .astype(np.float64, copy=False)
        )
        if omgekeerd:
            alle = self.verdeling_totaal
            buiten = (alle if lokaal is None else np.take(alle, eenheden, axis=1)) - buiten
        for d in delen:
            if d.heel:
                self._van_totaal(d, lokaal, uitgezonden, binnen, gedekt, buiten)
            else:
                self._direct(d, lokaal, uitgezonden, binnen, gedekt, buiten)
        buiten = np.maximum(buiten - gedekt, 0.0)
        return gekozen, Som(eenheden=eenheden, binnen=binnen, gedekt=gedekt, buiten=buiten)

    def _uitgezonden(self, gekozen: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Is each combination (of any operator) broadcast: is any of its cells selected?"""
        van = self.combinaties_van
        if 2 * len(gekozen) <= self.cellen:  # from the selected cells
            uit = np.zeros(len(self.cellen_per_combinatie), dtype=np.bool_)
            uit[van.rij[van.rijen_van(gekozen)]] = True
            return uit
        # Most cells selected (a large area): broadcast unless every cell of it is left out.
        los = np.ones(self.cellen, dtype=np.bool_)
        los[gekozen] = False
        weg = np.bincount(
            van.rij[van.rijen_van(np.flatnonzero(los))], minlength=len(self.cellen_per_combinatie)
        )
        verzonden: NDArray[np.bool_] = weg < self.cellen_per_combinatie
        return verzonden

    def _direct(
        self,
        d: _Deel,
        lokaal: NDArray[np.int64] | None,
        uitgezonden: Sequence[NDArray[np.bool_]],
        binnen: NDArray[np.float64],
        gedekt: NDArray[np.float64],
        buiten: NDArray[np.float64],
    ) -> None:
        """Add the atoms that meet the area (for an area small beside the lattice)."""
        n = len(binnen)
        index = d.atomen
        if len(d.aandeel) == 0:
            return
        assert not isinstance(index, slice)  # only a whole window (`heel`) is a slice
        rooster = d.rooster
        eenheid = _hernummer(lokaal, rooster.atomen.eenheid[index])
        # np.take, not rows[index]: this numpy gathers rows by fancy index ~7x slower.
        gewicht = np.take(rooster.gewicht, index, axis=0) * d.aandeel[:, None].astype(np.float64)
        binnen += np.bincount(eenheid, gewicht[:, 0], minlength=n)
        combinatie = np.take(rooster.combinatie, index, axis=0)
        for o, uit in enumerate(uitgezonden):
            gedekt[o] += np.bincount(eenheid, gewicht[:, 1 + o], minlength=n)
            # Covered inside the area, yet by a cell not selected: never in the broadcast area,
            # so not to be taken off it.
            mis = ~uit[combinatie[:, o]]
            buiten[o] += np.bincount(eenheid[mis], gewicht[mis, 1 + o], minlength=n)

    def _van_totaal(
        self,
        d: _Deel,
        lokaal: NDArray[np.int64] | None,
        uitgezonden: Sequence[NDArray[np.bool_]],
        binnen: NDArray[np.float64],
        gedekt: NDArray[np.float64],
        buiten: NDArray[np.float64],
    ) -> None:
        """Start from the lattice's totals and take off what lies (partly) outside (large areas)."""
        n = len(binnen)
        rooster = d.rooster
        atomen = rooster.atomen
        # The lattice's totals, over the units numbered here.
        if lokaal is None:
            totaal = rooster.totaal
        else:
            totaal = np.zeros((len(rooster.eigen_totaal), n))
            plek = lokaal[rooster.eenheden]
            for rij, eigen in zip(totaal, rooster.eigen_totaal, strict=True):
                rij[plek] = eigen
        volledig = np.zeros(len(atomen.eenheid), dtype=np.float32)
        volledig[d.atomen] = d.aandeel
        tekort = np.flatnonzero(volledig < 1)
        eenheid = _hernummer(lokaal, atomen.eenheid[tekort])
        weg = np.take(rooster.gewicht, tekort, axis=0) * (
            1.0 - volledig[tekort, None].astype(np.float64)
        )
        binnen += totaal[0] - np.bincount(eenheid, weg[:, 0], minlength=n)
        for o, uit in enumerate(uitgezonden):
            gedekt[o] += totaal[1 + o] - np.bincount(eenheid, weg[:, 1 + o], minlength=n)
            # The atoms served by combinations not broadcast: found from those combinations when
            # they are few (a large area), else by asking each atom.
            niet = np.flatnonzero(~uit)
            atoom: NDArray[np.integer[Any]]
            if 4 * len(niet) < len(atomen.eenheid):
                van = rooster.atomen_van[o]
                atoom = van.rij[van.rijen_van(niet)]
            else:
                atoom = np.flatnonzero(~uit[rooster.combinatie[:, o]])
            atoom = atoom[volledig[atoom] > 0]
            buiten[o] += np.bincount(
                _hernummer(lokaal, atomen.eenheid[atoom]),
                np.take(rooster.gewicht[:, 1 + o], atoom) * volledig[atoom].astype(np.float64),
                minlength=n,
            )


def _hernummer(
    lokaal: NDArray[np.int64] | None, eenheid: NDArray[np.int32]
) -> NDArray[np.integer[Any]]:
    """Unit indices as numbered in the sums (as they are when the sums cover every unit)."""
    return eenheid if lokaal is None else lokaal[eenheid]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class _Deel:
    """The atoms of one lattice that meet an area and the share of each inside.

    `heel`: `atomen` is the whole window (a large area): sum from the lattice's totals.
    """

    rooster: Rooster
    atomen: slice | NDArray[np.int64]
    aandeel: NDArray[np.float32]
    heel: bool = False
