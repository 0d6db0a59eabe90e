"""Which cells an operator selects for an area, decided mostly on pixels and exactly on the rest.

A cell is selected when its coverage meets the area (`intersects`). Asking GEOS for every cell
near a national area costs ~1 µs a cell, 75,000 times. Here the area is classified on a grid of
blocks instead (250 m up to a region, 1 km beyond): a block that no boundary edge touches lies
wholly inside or wholly outside the area. A cell whose bounding box falls on inside pixels only is selected, one on outside pixels
only is not, and only the cells along the boundary are left to GEOS. The answer is the same set
of cells as the plain `STRtree.query(area, predicate="intersects")`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray

from sim.model.gebied import Gebied
from sim.model.raster import Raster, randen, vlakaandeel

_EPS = 1e-9  # pixels: an edge this close to a pixel counts as touching it
# Low bits count up to 2**26 pixels (2,000 x 2,000 km at 250 m); an area stays within
# sim.model.gebied.KADER_NL, some 400 x 400 km.
_BITS = 26
_LAAG = (1 << _BITS) - 1


BLOK_M = 1000.0  # coarse classification grid, for areas larger than about a region
_FIJN_TOT = 250_000  # blocks: up to this many on the 250 m grid (a window of ~125 x 125 km)
# Blocks: up to this many on the 250 m grid the tree finds the candidate cells; beyond, one
# comparison over every cell's box is cheaper and gives them sorted.
_BOOM_TOT = 10_000


def geraakt(
    gebied_rd: Gebied,
    raster: Raster,
    pixels: tuple[int, int, int, int],
    kanten: NDArray[np.float64] | None = None,
) -> NDArray[np.bool_]:
    """Pixels of the window (rij0, rij1, kol0, kol1) that a boundary edge may touch (a superset).

    Each edge is cut into pieces at most half a pixel long; a piece's bounding box meets at most
    3 x 3 closed pixels, all marked. `kanten`: the area's `randen`, if known.
    """
    rij0, rij1, kol0, kol1 = pixels
    h, w = rij1 - rij0, kol1 - kol0
    uit = np.zeros((h, w), dtype=np.bool_)
    r = randen(gebied_rd) if kanten is None else kanten
    if len(r) == 0:
        return uit
    # Edge ends in pixel units relative to the window (u to the right, v downwards).
    ua = (r[:, 0] - raster.x0) / raster.pixel - kol0
    va = (raster.y1 - r[:, 1]) / raster.pixel - rij0
    ub = (r[:, 2] - raster.x0) / raster.pixel - kol0
    vb = (raster.y1 - r[:, 3]) / raster.pixel - rij0
    stukken = np.maximum(np.ceil(2 * np.maximum(np.abs(ub - ua), np.abs(vb - va))), 1).astype(
        np.int64
    )
    rand = np.repeat(np.arange(len(stukken)), stukken)
    begin = np.repeat(np.cumsum(stukken) - stukken, stukken)
    i = np.arange(len(rand)) - begin
    n = stukken[rand]
    t0, t1 = i / n, (i + 1) / n
    du, dv = (ub - ua)[rand], (vb - va)[rand]
    u0, u1 = ua[rand] + t0 * du, ua[rand] + t1 * du
    v0, v1 = va[rand] + t0 * dv, va[rand] + t1 * dv
    ka = np.floor(np.minimum(u0, u1) - _EPS).astype(np.int64)
    kb = np.floor(np.maximum(u0, u1) + _EPS).astype(np.int64)
    ra = np.floor(np.minimum(v0, v1) - _EPS).astype(np.int64)
    rb = np.floor(np.maximum(v0, v1) + _EPS).astype(np.int64)
    # The 3 x 3 pixels from each piece's first corner, those within its box, all at once.
    rr = ra[:, None] + _DR
    kk = ka[:, None] + _DK
    ok = (rr <= rb[:, None]) & (kk <= kb[:, None]) & (rr >= 0) & (rr < h) & (kk >= 0) & (kk < w)
    uit.ravel()[(rr * w + kk)[ok]] = True
    return uit


_DR = np.repeat(np.arange(3), 3)[None, :]
_DK = np.tile(np.arange(3), 3)[None, :]


def pixelvenster(raster: Raster, gebied_rd: Gebied) -> tuple[int, int, int, int]:
    """(rij0, rij1, kol0, kol1) over the area's bounds plus one pixel, not clipped to the raster."""
    minx, miny, maxx, maxy = gebied_rd.bounds
    s = raster.pixel
    return (
        math.floor((raster.y1 - maxy) / s) - 1,
        math.ceil((raster.y1 - miny) / s) + 1,
        math.floor((minx - raster.x0) / s) - 1,
        math.ceil((maxx - raster.x0) / s) + 1,
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Blokken:
    """A classification grid and the block rectangle covering each cell's bounding box."""

    raster: Raster
    # Rows rij0, rij1, kol0, kol1 (ends exclusive), a column per cell.
    rechthoek: NDArray[np.int32]
    grootte: NDArray[np.int32]  # blocks in each rectangle
    # The block of every vertex of every cell (`Celkeuze.hoek_begin` says whose).
    hoek_rij: NDArray[np.int32]
    hoek_kol: NDArray[np.int32]

    @classmethod
    def bouw(
        cls,
        grenzen: NDArray[np.float64],
        hoeken: NDArray[np.float64],
        lattice: Raster,
        blok_m: float,
    ) -> Blokken:
        """Blocks of `blok_m` aligned with the lattice, for cells with these bounds and vertices."""
        r = Raster(x0=lattice.x0, y1=lattice.y1, pixel=blok_m, breedte=1, hoogte=1)
        g, s = grenzen, blok_m
        rechthoek = np.column_stack(
            [
                np.floor((r.y1 - g[:, 3]) / s - _EPS),
                np.floor((r.y1 - g[:, 1]) / s + _EPS) + 1,
                np.floor((g[:, 0] - r.x0) / s - _EPS),
                np.floor((g[:, 2] - r.x0) / s + _EPS) + 1,
            ]
        ).astype(np.int32)
        hoek_rij, hoek_kol = r.index(hoeken[:, 0], hoeken[:, 1])
        return cls(
            raster=r,
            rechthoek=np.ascontiguousarray(rechthoek.T),
            grootte=(rechthoek[:, 1] - rechthoek[:, 0]) * (rechthoek[:, 3] - rechthoek[:, 2]),
            hoek_rij=hoek_rij.astype(np.int32),
            hoek_kol=hoek_kol.astype(np.int32),
        )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Celkeuze:
    """The cells on two classification grids, prepared once for many selections."""

    fijn: Blokken  # 250 m, for areas up to about a region
    grof: Blokken  # 1 km, for larger ones
    dekking: NDArray[np.object_]
    boom: shapely.STRtree  # of `dekking`
    grenzen: NDArray[np.float64]  # (4, cells): minx, miny, maxx, maxy of each coverage
    # Every vertex of every cell: cell i's are [hoek_begin[i], hoek_begin[i + 1]).
    hoek_begin: NDArray[np.int64]

    @classmethod
    def bouw(cls, dekking: NDArray[np.object_], lattice: Raster, boom: shapely.STRtree) -> Celkeuze:
        """Prepare the selection for cells with these coverage polygons (RD New)."""
        g = shapely.bounds(dekking)
        xy, cel = shapely.get_coordinates(dekking, return_index=True)
        return cls(
            fijn=Blokken.bouw(g, xy, lattice, lattice.pixel),
            grof=Blokken.bouw(g, xy, lattice, BLOK_M),
            dekking=dekking,
            boom=boom,
            grenzen=np.ascontiguousarray(g.T),
            hoek_begin=np.searchsorted(cel, np.arange(len(dekking) + 1)).astype(np.int64),
        )

    def fijn_venster(self, gebied_rd: Gebied) -> tuple[int, int, int, int] | None:
        """The window `kies` uses on the fine grid (= the 250 m lattice), or None for the coarse."""
        pixels = pixelvenster(self.fijn.raster, gebied_rd)
        if (pixels[1] - pixels[0]) * (pixels[3] - pixels[2]) > _FIJN_TOT:
            return None
        return pixels

    def kies(
        self,
        gebied_rd: Gebied,
        kanten: NDArray[np.float64] | None = None,
        fijn: tuple[int, int, NDArray[np.float32]] | None = None,
    ) -> NDArray[np.int64]:
        """Sorted indices of the cells whose coverage meets the area.

        `kanten`: the area's `randen`; `fijn`: its `vlakaandeel` over `fijn_venster` on the fine
        grid (any number of sample lines: a block no edge touches is exactly 0 or 1 with each),
        when the caller has them already.
        """
        pixels = self.fijn_venster(gebied_rd)
        if pixels is None:
            blok = self.grof
            pixels = pixelvenster(blok.raster, gebied_rd)
            fijn = None
        else:
            blok = self.fijn
        if kanten is None:
            kanten = randen(gebied_rd)
        # One sample line per row will do: a block no edge touches is then exactly 0 or 1.
        rij0, kol0, aandeel = fijn or vlakaandeel(gebied_rd, blok.raster, 1, pixels, kanten)
        rand = geraakt(gebied_rd, blok.raster, pixels, kanten)
        binnen, buiten = ~rand & (aandeel >= 0.5), ~rand & (aandeel < 0.5)
        # The cells whose bounding box meets the area's (closed boxes, as the tree compares):
        # the tree for a small area, one comparison over every cell for a larger one (sorted, so
        # the gathers below read memory in order).
        klein = blok is self.fijn and rand.size <= _BOOM_TOT
        if klein:
            kandidaat = self.boom.query(shapely.box(*gebied_rd.bounds))
        else:
            minx, miny, maxx, maxy = gebied_rd.bounds
            g = self.grenzen
            kandidaat = np.flatnonzero(
                (g[0] <= maxx) & (g[2] >= minx) & (g[1] <= maxy) & (g[3] >= miny)
            )
        if len(kandidaat) == 0:
            return kandidaat.astype(np.int64)
        h, w = binnen.shape
        # Rectangles relative to the window, clipped to it (a row at a time: numpy handles
        # contiguous rows far faster than (n, 4) with a broadcast row).
        r0, r1, k0, k1 = (
            np.clip(np.take(rij, kandidaat) - begin, 0, eind)
            for rij, begin, eind in zip(
                blok.rechthoek, (rij0, rij0, kol0, kol0), (h, h, w, w), strict=True
            )
        )
        grootte = blok.grootte[kandidaat]
        geknipt = (r1 - r0) * (k1 - k0)
        # Both counts in one summed-area table: inside pixels in the low bits, outside above.
        telling = _rechthoeksom(_integraal(binnen, buiten), r0, r1, k0, k1)
        aantal_binnen, aantal_buiten = telling & _LAAG, telling >> _BITS
        zeker = (aantal_binnen == grootte) & (geknipt == grootte)
        nooit = aantal_buiten + (grootte - geknipt) == grootte
        twijfel = kandidaat[~zeker & ~nooit]
        # A vertex on an inside block is a point of the cell inside the area.
        hoek = self._hoek_binnen(twijfel, blok, binnen, (rij0, kol0))
        zeker[np.flatnonzero(~zeker & ~nooit)[hoek]] = True
        twijfel = twijfel[~hoek]
        shapely.prepare(gebied_rd)
        raakt = twijfel[shapely.intersects(gebied_rd, self.dekking[twijfel])]
        if klein:
            return np.sort(np.concatenate([kandidaat[zeker], raakt])).astype(np.int64)
        gekozen = np.zeros(len(self.dekking), dtype=np.bool_)  # many cells: no sort needed
        gekozen[kandidaat[zeker]] = True
        gekozen[raakt] = True
        return np.flatnonzero(gekozen)

    def _hoek_binnen(
        self,
        cellen: NDArray[np.int64],
        blok: Blokken,
        binnen: NDArray[np.bool_],
        hoek: tuple[int, int],
    ) -> NDArray[np.bool_]:
        """Per cell: does one of its vertices lie on a block wholly inside the area?"""
        rij0, kol0 = hoek
        begin, eind = self.hoek_begin[cellen], self.hoek_begin[cellen + 1]
        plek = reeksen(begin, eind)
        kol = blok.hoek_kol[plek] - kol0
        rij = blok.hoek_rij[plek] - rij0
        h, w = binnen.shape
        op = (rij >= 0) & (rij < h) & (kol >= 0) & (kol < w)
        raak = np.zeros(len(plek), dtype=np.bool_)
        raak[op] = np.take(binnen.ravel(), rij[op] * w + kol[op])
        cel = np.repeat(np.arange(len(cellen)), eind - begin)
        uit: NDArray[np.bool_] = np.bincount(cel[raak], minlength=len(cellen)) > 0
        return uit


def reeksen(begin: NDArray[np.int64], eind: NDArray[np.int64]) -> NDArray[np.int64]:
    """All of range(begin[i], eind[i]) for every i, concatenated."""
    aantal = eind - begin
    start = np.cumsum(aantal) - aantal
    uit: NDArray[np.int64] = np.repeat(begin - start, aantal) + np.arange(int(aantal.sum()))
    return uit


def _integraal(binnen: NDArray[np.bool_], buiten: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Summed-area table of both masks packed in one integer, with a zero first row and column."""
    h, w = binnen.shape
    waarde = binnen.astype(np.int64)
    waarde[buiten] = 1 << _BITS
    uit = np.zeros((h + 1, w + 1), dtype=np.int64)
    np.cumsum(waarde, axis=0, out=waarde)
    np.cumsum(waarde, axis=1, out=uit[1:, 1:])
    return uit


def _rechthoeksom(
    tabel: NDArray[np.int64],
    r0: NDArray[np.int64],
    r1: NDArray[np.int64],
    k0: NDArray[np.int64],
    k1: NDArray[np.int64],
) -> NDArray[np.int64]:
    # Flat indices: this numpy reads a 2-d array at two index arrays ~2x slower.
    plat, w = tabel.ravel(), tabel.shape[1]
    r0, r1 = r0 * w, r1 * w
    uit: NDArray[np.int64] = (
        np.take(plat, r1 + k1)
        - np.take(plat, r0 + k1)
        - np.take(plat, r1 + k0)
        + np.take(plat, r0 + k0)
    )
    return uit
