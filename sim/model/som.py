"""The per-unit sums of one estimate, and the straightforward way to compute them.

`som_eenvoudig` walks every atom near the area and asks for each one whether its best server is
selected. It is the reference the fast `sim.model.somindex` is tested against, kept readable on
purpose; the model itself uses the index.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sim.model.bevolking import Atomen
from sim.model.gebied import Gebied
from sim.model.raster import venster, vlakaandeel


@dataclass(frozen=True, slots=True, kw_only=True)
class Som:
    """Per-unit sums of one estimate, before the device model.

    The sums cover the units `eenheden` (sorted indices into the population's units): those the
    area or its broadcast area touch. Every other unit has zeros. An estimate then costs what
    the area touches, not what the country holds (a 1 km grid has tens of thousands of units).
    """

    eenheden: NDArray[np.int64]  # sorted unit indices; column u below is unit eenheden[u]
    binnen: NDArray[np.float64]  # inhabitants inside the area
    gedekt: NDArray[np.float64]  # (operators, units): inside and covered by that operator
    buiten: NDArray[np.float64]  # (operators, units): outside the area, in its broadcast area

    def vol(self, n: int) -> Som:
        """The same sums over all `n` units (zeros for the units not covered)."""
        binnen = np.zeros(n)
        gedekt = np.zeros((len(self.gedekt), n))
        buiten = np.zeros((len(self.buiten), n))
        binnen[self.eenheden] = self.binnen
        gedekt[:, self.eenheden] = self.gedekt
        buiten[:, self.eenheden] = self.buiten
        return Som(eenheden=np.arange(n), binnen=binnen, gedekt=gedekt, buiten=buiten)


def deelrijen(gebied_rd: Gebied, pixel: float) -> int:
    """Sample lines per pixel row: enough for a small area, few for a large one."""
    hoogte_px = (gebied_rd.bounds[3] - gebied_rd.bounds[1]) / pixel
    # The cost follows the boundary length, so a tall area gets fewer lines per row.
    return int(min(max(math.ceil(400 / max(hoogte_px, 1e-9)), 4), 25))


def som_eenvoudig(
    *,
    eenheden: int,
    roosters: Sequence[Atomen],
    bediend: Sequence[NDArray[np.int32]],
    dekking: Sequence[NDArray[np.bool_]],
    lagen_van: Sequence[NDArray[np.int64]],
    cel_grenzen: NDArray[np.float64],
    cellen: int,
    gebied_rd: Gebied,
    gekozen: NDArray[np.int64],
) -> Som:
    """The sums atom by atom over the window of the area and its selected cells."""
    n = eenheden
    geselecteerd = np.zeros(cellen + 1, dtype=np.bool_)  # last: "no cell"
    geselecteerd[gekozen] = True
    grenzen = np.array(gebied_rd.bounds)
    if len(gekozen):
        grenzen_cellen = cel_grenzen[gekozen]
        grenzen = np.concatenate(
            [
                np.minimum(grenzen[:2], grenzen_cellen[:, :2].min(axis=0)),
                np.maximum(grenzen[2:], grenzen_cellen[:, 2:].max(axis=0)),
            ]
        )
    binnen = np.zeros(n)
    ops = len(lagen_van)
    gedekt = np.zeros((ops, n))
    buiten = np.zeros((ops, n))
    for atomen, cel_van, gedekt_van in zip(roosters, bediend, dekking, strict=True):
        pixels = venster(atomen.raster, grenzen)
        deel = atomen.venster(*pixels)
        eenheid = atomen.eenheid[deel]
        if len(eenheid) == 0:
            continue
        inwoners = atomen.inwoners[deel]
        in_gebied = inwoners * aandeel(atomen, deel, pixels, gebied_rd)
        er_buiten = inwoners - in_gebied
        cel = cel_van[deel]
        binnen += np.bincount(eenheid, in_gebied, minlength=n)
        for o, lagen in enumerate(lagen_van):
            uitgezonden = geselecteerd[cel[:, lagen[0]]]
            for laag in lagen[1:]:
                uitgezonden |= geselecteerd[cel[:, laag]]
            gedekt[o] += np.bincount(eenheid, in_gebied * gedekt_van[deel, o], minlength=n)
            buiten[o] += np.bincount(eenheid, er_buiten * uitgezonden, minlength=n)
    return Som(eenheden=np.arange(n), binnen=binnen, gedekt=gedekt, buiten=buiten)


def aandeel(
    atomen: Atomen,
    deel: slice | NDArray[np.int64],
    pixels: tuple[int, int, int, int],
    gebied_rd: Gebied,
) -> NDArray[np.float64]:
    """Share of each atom's (Dutch part of its) pixel inside the area."""
    r = atomen.raster
    rij0, kol0, vak = vlakaandeel(gebied_rd, r, deelrijen(gebied_rd, r.pixel), pixels)
    plek = (atomen.rij[deel] - rij0) * vak.shape[1] + (atomen.kolom[deel] - kol0)
    uit = vak.ravel()[plek] / atomen.land[deel]
    return np.minimum(uit, 1.0, dtype=np.float64)
