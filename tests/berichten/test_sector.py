"""The downwind sector: it points where the wind blows to, has the size asked for, refuses nonsense."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berichten.gebied import OngeldigGebied
from berichten.sector import HOEK_LICHTE_WIND, STANDAARD_HOEK, rookpluim, windrichting

MOERDIJK = (51.685, 4.62)


def _km2(gebied) -> float:
    """Area in km² of the one ring, in a local flat projection."""
    lat0 = MOERDIJK[0]
    ring = gebied.polygonen[0]
    xy = [(lon * 111.32 * math.cos(math.radians(lat0)), lat * 111.32) for lon, lat in ring]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(xy))) / 2


@pytest.mark.parametrize(
    ("wind", "richting"),
    [("ZW", (1, 1)), ("N", (0, -1)), ("O", (-1, 0)), (270, (1, 0)), ("SW", (1, 1))],
)
def test_the_sector_lies_downwind(wind, richting) -> None:
    gebied, _ = rookpluim(*MOERDIJK, wind, 8)
    c = gebied.geometrie().centroid
    dx, dy = c.x - MOERDIJK[1], c.y - MOERDIJK[0]
    # The centroid moves to the side the wind blows to, and not to the other.
    assert dx * richting[0] >= 0 and dy * richting[1] >= 0
    assert abs(dx) + abs(dy) > 0.02


def test_area_is_the_circle_sector_plus_the_source_circle() -> None:
    gebied, p = rookpluim(*MOERDIJK, 225, 10, 60)
    verwacht = math.pi * 10**2 * 60 / 360  # 52.4 km²; the source circle adds < 0.8 km²
    assert verwacht < _km2(gebied) < verwacht + 0.8
    assert p.hoek == 60 and p.wind_uit == 225


def test_light_wind_widens_the_default_opening() -> None:
    _, stevig = rookpluim(*MOERDIJK, "ZW", 5, windsnelheid_ms=6)
    _, licht = rookpluim(*MOERDIJK, "ZW", 5, windsnelheid_ms=1.5)
    assert (stevig.hoek, licht.hoek) == (STANDAARD_HOEK, HOEK_LICHTE_WIND)


@pytest.mark.parametrize(
    ("args", "reden"),
    [
        ((225, 0), "lengte"),
        ((225, -3), "lengte"),
        ((225, 51), "lengte"),
        ((225, float("nan")), "getal"),
        ((225, 5, 0), "openingshoek"),
        ((225, 5, 181), "openingshoek"),
        ((361, 5), "windrichting"),
        ((-1, 5), "windrichting"),
        (("ZZZ", 5), "windrichting"),
    ],
)
def test_nonsense_is_refused_with_the_reason(args, reden) -> None:
    with pytest.raises(OngeldigGebied) as fout:
        rookpluim(*MOERDIJK, *args)
    assert reden in str(fout.value)


def test_a_source_abroad_is_refused() -> None:
    with pytest.raises(OngeldigGebied):
        rookpluim(48.85, 2.35, "ZW", 5)  # Paris; the outline check is the app's (nlalert)


def test_compass_points_dutch_and_english() -> None:
    assert [windrichting(w) for w in ("N", "NO", "ne", "ZW", "wzw", "360")] == [
        0,
        45,
        45,
        225,
        247.5,
        0,
    ]


@given(
    wind=st.floats(0, 360),
    lengte=st.floats(0.2, 50),
    hoek=st.floats(1, 180),
)
def test_every_valid_sector_is_one_valid_polygon(wind, lengte, hoek) -> None:
    gebied, _ = rookpluim(*MOERDIJK, wind, lengte, hoek)
    assert len(gebied.polygonen) == 1
    assert gebied.geometrie().is_valid
