"""The fast sums (prepared index, cells chosen on a block grid) equal the straightforward ones.

`Bereikmodel.som_eenvoudig` selects cells with `STRtree.query(predicate="intersects")` and sums
atom by atom; `Somindex.som` must give the same cells and the same per-unit sums (to rounding)
for any area: gemeenten, regions, the country, circles, slivers, holes, parts at sea.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from sim import Simulator
from sim.bronnen.cbs import RIJNMOND
from sim.model import geo


def _gelijk(sim: Simulator, gebied_rd: BaseGeometry) -> None:
    snel_cellen, snel = sim.somindex.som(gebied_rd)
    ref_cellen, ref = sim.som_eenvoudig(gebied_rd)
    np.testing.assert_array_equal(snel_cellen, ref_cellen)
    # The fast sums cover only the units the area touches; every unit left out is zero.
    n = len(sim.bevolking.eenheden)
    weg = np.setdiff1d(np.arange(n), snel.eenheden)
    assert not ref.binnen[weg].any()
    assert not ref.gedekt[:, weg].any()
    assert not ref.buiten[:, weg].any()
    snel = snel.vol(n)
    for veld in ("binnen", "gedekt", "buiten"):
        a, b = getattr(snel, veld), getattr(ref, veld)
        # Same sums in another order: equal to rounding, relative to the largest unit.
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-6 * max(1.0, float(np.abs(b).max())))


def _rd(sim: Simulator, obj: dict[str, object]) -> BaseGeometry:
    return geo.naar_rd(sim.gebied_uit_geojson(obj))


@pytest.mark.parametrize("naam", ["Utrecht", "Amsterdam", "Vlieland", "Maastricht", "Rotterdam"])
def test_a_gemeente(simulator: Simulator, naam: str) -> None:
    gem = simulator.bevolking.gemeenten
    _gelijk(simulator, gem.geometrie[gem.naam.index(naam)])


def test_rijnmond_and_the_whole_country(simulator: Simulator) -> None:
    gem = simulator.bevolking.gemeenten
    rijnmond = shapely.union_all(gem.geometrie[[gem.naam.index(n) for n in RIJNMOND]])
    _gelijk(simulator, rijnmond.buffer(200).buffer(-200).simplify(50))
    _gelijk(simulator, simulator.bevolking.nederland)


def test_a_large_area_that_leaves_out_units_without_inhabitants(simulator: Simulator) -> None:
    # Most cells selected (the sums start from everything and take off what is not broadcast),
    # yet not the whole country: the units of no inhabitants near Almere and The Hague are left
    # out, and their combinations are not broadcast. Their (zero) entries must still be numbered.
    e = simulator.bevolking.eenheden
    leeg = np.flatnonzero(np.asarray(e.inwoners) == 0)
    assert len(leeg)  # the data has such units (new wijken)
    nl = simulator.bevolking.nederland
    minx, miny, maxx, maxy = nl.bounds
    kader = shapely.box(minx, miny, minx + 0.6 * (maxx - minx), miny + 0.75 * (maxy - miny))
    weg = shapely.union_all(shapely.buffer(shapely.centroid(e.geometrie[leeg]), 8000))
    _gelijk(simulator, shapely.intersection(nl, kader).difference(weg))


def test_an_area_with_a_hole_and_one_in_two_parts(simulator: Simulator) -> None:
    rotterdam = _rd(simulator, {"circle": {"lat": 51.92, "lon": 4.48, "radius_km": 6}})
    gat = _rd(simulator, {"circle": {"lat": 51.92, "lon": 4.48, "radius_km": 2}})
    _gelijk(simulator, rotterdam.difference(gat))
    tweede = _rd(simulator, {"circle": {"lat": 52.37, "lon": 4.90, "radius_km": 3}})
    _gelijk(simulator, shapely.union(rotterdam, tweede))


def test_a_sliver_thinner_than_a_pixel_and_an_area_mostly_at_sea(simulator: Simulator) -> None:
    x, y = 155_000.0, 463_000.0
    _gelijk(simulator, shapely.box(x, y, x + 20_000, y + 3.0))
    _gelijk(simulator, shapely.box(x, y, x + 2.0, y + 15_000))
    _gelijk(simulator, _rd(simulator, {"circle": {"lat": 52.6, "lon": 4.2, "radius_km": 30}}))


def test_an_area_on_the_grid_lines(simulator: Simulator) -> None:
    # Edges exactly on block and pixel boundaries (1 km and 250 m multiples of the origin).
    r = simulator.somindex.celkeuze.grof.raster
    x, y = r.x0 + 150_000, r.y1 - 150_000
    _gelijk(simulator, shapely.box(x, y, x + 4_000, y + 3_000))
    _gelijk(simulator, shapely.box(x + 250, y + 250, x + 750, y + 500))


def _ster(cx: float, cy: float, straal: float, stralen: list[float], draai: float) -> Polygon:
    n = len(stralen)
    punten = [
        (
            cx + straal * f * math.cos(draai + 2 * math.pi * i / n),
            cy + straal * f * math.sin(draai + 2 * math.pi * i / n),
        )
        for i, f in enumerate(stralen)
    ]
    return Polygon(punten)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plaats=st.integers(min_value=0, max_value=341),
    straal_km=st.floats(min_value=0.05, max_value=60),
    stralen=st.lists(st.floats(min_value=0.2, max_value=1.0), min_size=3, max_size=24),
    draai=st.floats(min_value=0, max_value=2 * math.pi),
    verschuiving=st.tuples(st.floats(-5_000, 5_000), st.floats(-5_000, 5_000)),
)
def test_any_star_shaped_area_anywhere(
    simulator: Simulator,
    plaats: int,
    straal_km: float,
    stralen: list[float],
    draai: float,
    verschuiving: tuple[float, float],
) -> None:
    gem = simulator.bevolking.gemeenten
    punt = shapely.point_on_surface(gem.geometrie[plaats % len(gem.code)])
    vlak = _ster(
        punt.x + verschuiving[0], punt.y + verschuiving[1], straal_km * 1000, stralen, draai
    )
    if not vlak.is_valid or vlak.area <= 0:
        return
    _gelijk(simulator, vlak)


def test_the_report_rows_name_the_units_the_sums_count(simulator: Simulator) -> None:
    # The report is built over the units the sums cover, numbered anew: every row must still
    # carry its own unit's code, name, gemeente and inhabitants.
    gem = simulator.bevolking.gemeenten
    rapport = simulator.bereik(geo.naar_wgs84(gem.geometrie[gem.naam.index("Utrecht")]))
    _, ref = simulator.som_eenvoudig(geo.naar_rd(rapport.gebied))
    e = simulator.bevolking.eenheden
    index = simulator.eenheid_index()
    assert 0 < len(rapport.per_eenheid) < len(e) / 10
    for rij in rapport.per_eenheid:
        i = index[rij.code]
        assert (rij.naam, rij.gemeentenaam) == (e.naam[i], gem.naam[e.gemeente[i]])
        assert rij.inwoners_in_gebied == pytest.approx(ref.binnen[i], abs=0.051)
    binnen = {r.code for r in rapport.per_eenheid if r.inwoners_in_gebied > 0}
    assert binnen == {e.code[i] for i in np.flatnonzero(np.round(ref.binnen, 1) > 0)}
