"""`python -m benchmarks.sim_bereik`: the simulator timed against a plain geopandas overlay.

The baseline does the same sums the straightforward way: `gpd.overlay` of the area with the
population units (area share), a spatial join of the cells with the area, per operator the
union of the selected cells, and a second overlay for the people outside the area inside that
union. Both are measured in the same run, so the ratio holds on any machine. geopandas is a dev
dependency, used only here; this folder is not part of the installed package.
"""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

import geopandas as gpd
import shapely

from sim import Simulator
from sim.bronnen.cbs import RIJNMOND
from sim.model import geo
from sim.model.bereik import TIJDZONE
from sim.model.gebied import Gebied
from sim.model.netwerk import OPERATOREN

TIJDSTIP = datetime(2024, 6, 3, 12, 0, tzinfo=TIJDZONE)


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    schaal = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / schaal


def _tijd(functie: Callable[[], Any], herhalingen: int) -> tuple[float, Any]:
    """Median seconds per call and the last result."""
    tijden, uitkomst = [], None
    for _ in range(herhalingen):
        start = time.perf_counter()
        uitkomst = functie()
        tijden.append(time.perf_counter() - start)
    return statistics.median(tijden), uitkomst


class Overlay:
    """The straightforward geopandas computation of inhabitants inside and receivers outside."""

    def __init__(self, sim: Simulator) -> None:
        e = sim.bevolking.eenheden
        model = sim.toestellen
        kans = (e.leeftijd @ model.verdeling()) @ model.toestel() * model.aan(TIJDSTIP)
        self.eenheden = gpd.GeoDataFrame(
            {"inwoners": e.inwoners, "kans": kans, "opp": shapely.area(e.geometrie)},
            geometry=list(e.geometrie),
            crs=28992,
        )
        n = sim.netwerk
        self.cellen = gpd.GeoDataFrame(
            {"operator": [OPERATOREN[i].value for i in n.operator]},
            geometry=list(n.dekking),
            crs=28992,
        )
        aandelen = model.aandelen(sim.operatoren)
        self.aandeel = {o.value: a for o, a in aandelen.items()}

    def bereik(self, gebied_rd: Gebied) -> dict[str, float]:
        """Inhabitants inside, expected receivers inside (if covered) and outside (overshoot)."""
        gebied = gpd.GeoDataFrame(geometry=[gebied_rd], crs=28992)
        binnen = gpd.overlay(self.eenheden, gebied, how="intersection", keep_geom_type=True)
        deel = binnen.geometry.area / binnen["opp"]
        inwoners = float((binnen["inwoners"] * deel).sum())
        bereikt = float((binnen["inwoners"] * deel * binnen["kans"]).sum())
        gekozen = gpd.sjoin(self.cellen, gebied, predicate="intersects")
        overshoot = 0.0
        for operator, cellen in gekozen.groupby("operator"):
            uitzending = shapely.difference(cellen.geometry.union_all(), gebied_rd)
            rand = gpd.GeoDataFrame(geometry=[uitzending], crs=28992)
            buiten = gpd.overlay(self.eenheden, rand, how="intersection", keep_geom_type=True)
            deel = buiten.geometry.area / buiten["opp"]
            overshoot += self.aandeel[str(operator)] * float(
                (buiten["inwoners"] * deel * buiten["kans"]).sum()
            )
        return {"inwoners": inwoners, "bereikt": bereikt, "overshoot": overshoot}


def gevallen(sim: Simulator) -> list[tuple[str, Gebied]]:
    """The three benchmark areas in WGS84: a gemeente, Rotterdam-Rijnmond, the whole country."""
    gem = sim.bevolking.gemeenten
    utrecht = gem.geometrie[gem.naam.index("Utrecht")]
    rijnmond = shapely.union_all(gem.geometrie[[gem.naam.index(n) for n in RIJNMOND]])
    rijnmond = rijnmond.buffer(200).buffer(-200).simplify(50)
    return [
        ("gemeente Utrecht", geo.naar_wgs84(utrecht)),
        ("Rotterdam-Rijnmond (12 gemeenten)", geo.naar_wgs84(rijnmond)),
        ("heel Nederland", geo.naar_wgs84(sim.bevolking.nederland)),
    ]


def main() -> None:
    """Print time per estimate, the overlay's time, their ratio and resident memory."""
    start = time.perf_counter()
    sim = Simulator.default()
    laden = time.perf_counter() - start
    geheugen = _rss_mb()
    print(f"laden: {laden:.1f} s; geheugen (max. RSS) met alle gegevens geladen: {geheugen:.0f} MB")
    print(
        f"netwerk: {sim.netwerk.bron}, {len(sim.netwerk)} cellen; eenheden: {len(sim.bevolking.eenheden)}"
    )
    overlay = Overlay(sim)
    print(f"{'gebied':36} {'simulator':>11} {'overlay':>11} {'factor':>8}  inwoners sim/overlay")
    for naam, gebied in gevallen(sim):
        gebied_rd = geo.naar_rd(gebied)
        sim.bereik(gebied, tijdstip=TIJDSTIP)  # warm up
        gc.collect()
        t_sim, rapport = _tijd(partial(sim.bereik, gebied, tijdstip=TIJDSTIP), 7)
        t_ovl, basis = _tijd(partial(overlay.bereik, gebied_rd), 1 if "Nederland" in naam else 3)
        print(
            f"{naam:36} {t_sim * 1000:9.1f}ms {t_ovl * 1000:9.0f}ms {t_ovl / t_sim:7.0f}x  "
            f"{rapport.inwoners:,} / {round(basis['inwoners']):,}; overshoot "
            f"{rapport.overshoot:,} / {round(basis['overshoot']):,}"
        )
    print(f"geheugen (max. RSS) na de overlay-vergelijking: {_rss_mb():.0f} MB")
    print("doel: >= 20x sneller dan de overlay, landelijk < 1 s, geheugen < 1024 MB")


if __name__ == "__main__":
    main()
