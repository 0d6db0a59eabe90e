"""What both benchmarks share: the geopandas overlay they are measured against, timing, memory.

The overlay does the same sums the straightforward way: `gpd.overlay` of the area with the
population units (area share), a spatial join of the cells with the area, per operator the
union of the selected cells, and a second overlay for the people outside the area inside that
union. Every figure of `make bench` is printed beside it, measured in the same run, so the ratio
holds on any machine. geopandas is a dev dependency, used only here; this folder is not part of
the installed package.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
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


def rss_mb() -> float:
    """Peak resident memory of this process so far (MB)."""
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    schaal = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / schaal


def tijden(functie: Callable[[], Any], herhalingen: int) -> tuple[list[float], Any]:
    """Seconds of each call and the last result."""
    gemeten, uitkomst = [], None
    for _ in range(herhalingen):
        start = time.perf_counter()
        uitkomst = functie()
        gemeten.append(time.perf_counter() - start)
    return gemeten, uitkomst


def tijd(functie: Callable[[], Any], herhalingen: int) -> tuple[float, Any]:
    """Median seconds per call and the last result."""
    gemeten, uitkomst = tijden(functie, herhalingen)
    return statistics.median(gemeten), uitkomst


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


def verhouding(ms: float, overlay_ms: float) -> str:
    """A figure with its ratio to the overlay: "12.3 ms (overlay 1,234 ms = 100x)"."""
    factor = overlay_ms / ms
    tekst = f"{factor:,.0f}x" if factor >= 10 else f"{factor:.2f}x"
    return f"{ms:,.1f} ms (overlay {overlay_ms:,.0f} ms / {ms:,.1f} ms = {tekst})"


def machine() -> str:
    """One line about where the figures were measured."""
    belasting = ", ".join(f"{b:.1f}" for b in os.getloadavg())
    return (
        f"{platform.node()}: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
        f"load average {belasting}"
    )


def tabel(rijen: list[tuple[str, float, float, str, bool]]) -> str:
    """A Markdown table of (figure, ms, overlay ms, target or "", met): for the README."""
    regels = [
        "| meting | tijd | overlay (zelfde run) | verhouding | doel | gehaald |",
        "|---|---:|---:|---:|---|---|",
    ]
    for naam, ms, overlay_ms, doel, goed in rijen:
        factor = overlay_ms / ms
        keer = f"{factor:,.0f}x" if factor >= 10 else f"{factor:.2f}x"
        regels.append(
            f"| {naam} | {ms:,.1f} ms | {overlay_ms:,.0f} ms | {keer} | {doel} | "
            f"{('ja' if goed else 'nee') if doel else '-'} |"
        )
    return "\n".join(regels)
