"""The 1 km census grid 2021 (Eurostat GEOSTAT; Dutch cells from CBS): where people live.

Outside the fine Rijnmond grid and the wijken, the national model counts people from this grid
rather than spreading a whole gemeente evenly: each 1 km cell is clipped to the gemeenten it
overlaps, its inhabitants split by land area, and every gemeente's cells are scaled to its CBS
population of 1 January 2024 (the grid is 2021), so per-gemeente sums stay exact. The cells across
the border become `Buitenland`: the people Dutch cells can reach abroad.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from importlib import resources

import numpy as np
import shapely
from numpy.typing import NDArray

from sim.model import geo
from sim.model.bevolking import Bouwsteen, Gemeenten, Niveau
from sim.model.grens import Buitenland, Grensmodel

BESTAND = "census2021_1km_nl_grens.csv"
GEMEENTEN_BUITEN = "grens_gemeenten.csv"
BRONVERMELDING_RASTER = "© European Union / Eurostat, GEOSTAT census 2021 grid (1 km)"
BRONVERMELDING_BUITEN = (
    "Statbel (bevolking per gemeente, 1 januari 2020); Zensus 2022, Statistische Ämter des "
    "Bundes und der Länder (dl-de/by-2-0)"
)
KLEINSTE_M2 = 100.0  # slivers of a cell in a gemeente's generalised outline are dropped


def lees(naam: str) -> str:
    """The text of an embedded data file."""
    return resources.files("sim").joinpath("data", naam).read_text(encoding="utf-8")


def _rijen() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(lees(BESTAND))))


def _cellen_rd(x_km: NDArray[np.float64], y_km: NDArray[np.float64]) -> NDArray[np.object_]:
    """The cells (lower-left corners in km, EPSG:3035) as polygons in RD New."""
    x = np.column_stack([x_km, x_km + 1, x_km + 1, x_km, x_km]) * 1000.0
    y = np.column_stack([y_km, y_km, y_km + 1, y_km + 1, y_km]) * 1000.0
    rx, ry = geo.laea_naar_rd(x.ravel(), y.ravel())
    hoeken = np.stack([rx.reshape(x.shape), ry.reshape(y.shape)], axis=2)
    return shapely.polygons(hoeken)


def lees_raster(
    gem: Gemeenten, gebruik: set[int], model: Grensmodel
) -> tuple[list[Bouwsteen], set[int]]:
    """Grid units for the gemeenten `gebruik`, scaled to CBS; and those the grid left empty."""
    rijen = [r for r in _rijen() if r["land"] == "NL"]
    x_km = np.array([float(r["x_km"]) for r in rijen])
    y_km = np.array([float(r["y_km"]) for r in rijen])
    inwoners = np.array([float(r["inwoners_2021"]) for r in rijen])
    grens_km = np.array([float(r["grens_km"]) for r in rijen])
    cellen = _cellen_rd(x_km, y_km)
    boom = shapely.STRtree(cellen)
    g_idx, c_idx = boom.query(gem.geometrie, predicate="intersects")
    stuk = shapely.intersection(gem.geometrie[g_idx], cellen[c_idx])
    opp = shapely.area(stuk)
    houd = opp >= KLEINSTE_M2
    g_idx, c_idx, stuk, opp = g_idx[houd], c_idx[houd], stuk[houd], opp[houd]
    # A cell over several gemeenten: its people split by the land area in each.
    land_per_cel = np.bincount(c_idx, opp, minlength=len(cellen))
    mensen = inwoners[c_idx] * opp / land_per_cel[c_idx]
    per_gemeente: dict[int, list[int]] = defaultdict(list)
    for j, g in enumerate(g_idx.tolist()):
        if g in gebruik and mensen[j] > 0:
            per_gemeente[g].append(j)
    eenheden: list[Bouwsteen] = []
    aandeel = model.aandeel(grens_km)
    for g in sorted(per_gemeente):
        stukken = per_gemeente[g]
        factor = float(gem.inwoners[g]) / float(mensen[stukken].sum())
        for j in stukken:
            c = int(c_idx[j])
            naam = f"CRS3035RES1000mN{int(y_km[c]) * 1000}E{int(x_km[c]) * 1000}"
            eenheden.append(
                Bouwsteen(
                    niveau=Niveau.VIERKANT1000,
                    code=f"{naam}:{gem.code[g]}",
                    naam=naam,
                    gemeente=g,
                    inwoners=float(mensen[j]) * factor,
                    leeftijd=None,  # the grid has no ages: the gemeente's
                    geometrie=stuk[j],
                    buitenlandse_cel=float(aandeel[c]),
                )
            )
    return eenheden, gebruik - set(per_gemeente)


def lees_buitenland(model: Grensmodel) -> Buitenland:
    """The populated grid cells across the border, with their municipality's name and code."""
    gemeenten = list(csv.DictReader(io.StringIO(lees(GEMEENTEN_BUITEN))))
    index = {(g["land"], g["code"]): i for i, g in enumerate(gemeenten)}
    rijen = [r for r in _rijen() if r["land"] in ("BE", "DE") and r["gemeente"]]
    x_km = np.array([float(r["x_km"]) for r in rijen]) + 0.5
    y_km = np.array([float(r["y_km"]) for r in rijen]) + 0.5
    x, y = geo.laea_naar_rd(x_km * 1000.0, y_km * 1000.0)
    return Buitenland(
        x=x,
        y=y,
        inwoners=np.array([float(r["inwoners_2021"]) for r in rijen]),
        gemeente=np.array([index[(r["land"], r["gemeente"])] for r in rijen], dtype=np.int32),
        afstand_km=(afstand := np.array([float(r["grens_km"]) for r in rijen])),
        op_nl_cel=model.aandeel(afstand),
        land=tuple(g["land"] for g in gemeenten),
        code=tuple(g["code"] for g in gemeenten),
        naam=tuple(g["naam"] for g in gemeenten),
        gemeente_inwoners=np.array(
            [float(g["inwoners"]) if g["inwoners"] else np.nan for g in gemeenten]
        ),
        bronvermelding=f"{BRONVERMELDING_RASTER}; {BRONVERMELDING_BUITEN}",
    )
