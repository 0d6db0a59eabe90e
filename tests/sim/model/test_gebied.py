"""Input areas: every kind of bad input is refused with a typed error and a Dutch reason."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Point, Polygon

from sim import GebiedError, Simulator
from sim.fouten import (
    GebiedBuitenNederland,
    LatLonVerwisseld,
    LeegGebied,
    NegatieveStraal,
    OngeldigeGeoJSON,
    OngeldigeGeometrie,
    ZelfdoorsnijdendGebied,
)
from sim.model import geo

VIERKANT = [[4.46, 51.91], [4.50, 51.91], [4.50, 51.93], [4.46, 51.93], [4.46, 51.91]]
VLINDER = [
    [4.5, 52.0],
    [4.6, 52.1],
    [4.6, 52.0],
    [4.5, 52.1],
    [4.5, 52.0],
]  # crosses at 4.55, 52.05


def _polygoon(ring: list[list[float]]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.mark.parametrize(
    "obj",
    [
        _polygoon(VIERKANT),
        {"type": "MultiPolygon", "coordinates": [[VIERKANT]]},
        {"type": "Feature", "properties": {}, "geometry": _polygoon(VIERKANT)},
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": _polygoon(VIERKANT)}],
        },
        {"type": "GeometryCollection", "geometries": [_polygoon(VIERKANT)]},
        {"circle": {"lat": 51.92, "lon": 4.48, "radius_km": 2}},
    ],
)
def test_geojson_forms_give_a_wgs84_area(simulator: Simulator, obj: dict[str, Any]) -> None:
    gebied = simulator.gebied_uit_geojson(obj)
    assert isinstance(gebied, Polygon | MultiPolygon)
    assert gebied.area > 0
    assert 3 < gebied.centroid.x < 8 and 50 < gebied.centroid.y < 54


def test_overlapping_features_are_one_area(simulator: Simulator) -> None:
    ander = [[x + 0.02, y] for x, y in VIERKANT]
    gebied = simulator.gebied_uit_geojson(
        {"type": "MultiPolygon", "coordinates": [[VIERKANT], [ander]]}
    )
    assert isinstance(gebied, Polygon)


def test_a_large_circle_is_clipped_to_the_netherlands_and_accepted_again(
    simulator: Simulator, middag: datetime
) -> None:
    gebied = simulator.gebied_uit_geojson({"circle": {"lat": 52.1, "lon": 5.1, "radius_km": 250}})
    minx, miny, maxx, maxy = gebied.bounds
    assert minx >= 2.5 and maxx <= 7.9 and miny >= 50.3 and maxy <= 54.0
    assert simulator.bereik(gebied, tijdstip=middag).inwoners == pytest.approx(17.94e6, rel=0.01)


def test_a_circle_has_its_radius_on_the_ground(simulator: Simulator) -> None:
    gebied = simulator.gebied_uit_geojson({"circle": {"lat": 52.0, "lon": 5.0, "radius_km": 3}})
    assert geo.naar_rd(gebied).area == pytest.approx(math.pi * 3000**2, rel=0.01)


def _genest(diepte: int) -> dict[str, Any]:
    obj: dict[str, Any] = _polygoon(VIERKANT)
    for _ in range(diepte):
        obj = {"type": "Feature", "properties": {}, "geometry": obj}
    return obj


ONGELDIG: list[tuple[Any, type[GebiedError], str]] = [
    ([4.5, 52.0], OngeldigeGeoJSON, "JSON-object"),
    ({"type": "Polygon"}, OngeldigeGeoJSON, "coordinates"),
    ({"type": "Point", "coordinates": [4.5, 52.0]}, OngeldigeGeoJSON, "geen oppervlakte"),
    (
        {"type": "LineString", "coordinates": [[4.5, 52.0], [4.6, 52.0]]},
        OngeldigeGeoJSON,
        "polygoon",
    ),
    ({"type": "Polygoon", "coordinates": []}, OngeldigeGeoJSON, "onbekend"),
    (_polygoon(VIERKANT[:-1]), OngeldigeGeoJSON, "niet gesloten"),
    (_polygoon([[4.5, 52.0], [4.6, 52.0], [4.5, 52.0]]), OngeldigeGeoJSON, "minstens 4"),
    (
        _polygoon([["4.5", "52"], [4.6, 52.0], [4.6, 52.1], ["4.5", "52"]]),
        OngeldigeGeoJSON,
        "getal",
    ),
    (
        _polygoon([[math.nan, 52.0], [4.6, 52.0], [4.6, 52.1], [math.nan, 52.0]]),
        OngeldigeGeoJSON,
        "eindig",
    ),
    (_polygoon([[True, 52.0], [4.6, 52.0], [4.6, 52.1], [True, 52.0]]), OngeldigeGeoJSON, "getal"),
    (_polygoon([[4.5, 95.0], [4.6, 95.0], [4.6, 96.0], [4.5, 95.0]]), OngeldigeGeoJSON, "bereik"),
    ({"type": "Polygon", "coordinates": []}, LeegGebied, "leeg"),
    ({"type": "FeatureCollection", "features": []}, LeegGebied, "leeg"),
    ({"type": "Feature", "geometry": None, "properties": {}}, LeegGebied, "leeg"),
    (_polygoon([[4.5, 52.0], [4.6, 52.0], [4.7, 52.0], [4.5, 52.0]]), LeegGebied, "oppervlakte"),
    (
        _polygoon([[4.5, 52.0], [4.6, 52.1], [4.6, 52.0], [4.5, 52.1], [4.5, 52.0]]),
        ZelfdoorsnijdendGebied,
        "snijdt zichzelf",
    ),
    (
        {
            "type": "Polygon",
            "coordinates": [VIERKANT, [[4.6, 52.0], [4.61, 52.0], [4.61, 52.01], [4.6, 52.0]]],
        },
        OngeldigeGeometrie,
        "gat ligt buiten",
    ),
    (
        _polygoon([[2.30, 48.85], [2.40, 48.85], [2.40, 48.90], [2.30, 48.85]]),
        GebiedBuitenNederland,
        "buiten Nederland",
    ),
    (
        _polygoon([[4.40, 51.20], [4.45, 51.20], [4.45, 51.23], [4.40, 51.20]]),
        GebiedBuitenNederland,
        "raakt Nederland niet",
    ),
    (
        _polygoon([[3.00, 53.50], [3.10, 53.50], [3.10, 53.60], [3.00, 53.50]]),
        GebiedBuitenNederland,
        "op zee",
    ),
    (
        # Between Bonaire and the Windward islands: at sea, not on an island.
        _polygoon([[-66.3, 14.1], [-66.2, 14.1], [-66.2, 14.2], [-66.3, 14.1]]),
        GebiedBuitenNederland,
        "Caribisch Nederland (het ligt op zee)",
    ),
    (_polygoon([[y, x] for x, y in VIERKANT]), LatLonVerwisseld, "lat,lon"),
    ({"circle": {"lat": 4.48, "lon": 51.92, "radius_km": 2}}, LatLonVerwisseld, "lon,lat"),
    ({"circle": {"lat": 51.92, "lon": 4.48, "radius_km": -2}}, NegatieveStraal, "negatief"),
    ({"circle": {"lat": 51.92, "lon": 4.48, "radius_km": 0}}, LeegGebied, "straal 0"),
    ({"circle": {"lat": 51.92, "lon": 4.48}}, OngeldigeGeoJSON, "radius_km"),
    ({"circle": {"lat": 51.92, "lon": 4.48, "radius_km": "2"}}, OngeldigeGeoJSON, "getal"),
    ({"circle": {"lat": 51.92, "lon": 4.48, "radius_km": 10**400}}, OngeldigeGeoJSON, "te groot"),
    ({"circle": [51.92, 4.48, 2]}, OngeldigeGeoJSON, "circle"),
    (_genest(1000), OngeldigeGeoJSON, "te diep genest"),
]


@pytest.mark.parametrize(("obj", "soort", "woord"), ONGELDIG)
def test_bad_input_gets_a_typed_error_with_a_dutch_reason(
    simulator: Simulator, obj: Any, soort: type[GebiedError], woord: str
) -> None:
    with pytest.raises(soort) as fout:
        simulator.gebied_uit_geojson(obj)
    assert woord in fout.value.reden
    assert str(fout.value) == fout.value.reden


def test_typed_errors_carry_their_data(simulator: Simulator) -> None:
    with pytest.raises(NegatieveStraal) as straal:
        simulator.gebied_uit_geojson({"circle": {"lat": 52, "lon": 5, "radius_km": -1.5}})
    assert straal.value.straal_km == -1.5
    with pytest.raises(ZelfdoorsnijdendGebied) as kruis:
        simulator.gebied_uit_geojson(_polygoon(VLINDER))
    assert kruis.value.lon == pytest.approx(4.55) and kruis.value.lat == pytest.approx(52.05)


@pytest.mark.parametrize(
    "geometrie",
    [Point(4.5, 52.0), Polygon(), Polygon([(4.5, 52.0), (4.6, 52.1), (4.6, 52.0), (4.5, 52.1)])],
)
def test_bereik_validates_shapely_input_too(
    simulator: Simulator, middag: datetime, geometrie: Any
) -> None:
    with pytest.raises(GebiedError):
        simulator.bereik(geometrie, tijdstip=middag)


# Hypothesis: whatever arrives, the answer is an area or a GebiedError, never another exception.
getallen = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(min_value=3.0, max_value=7.5),
    st.floats(min_value=50.5, max_value=53.8),
)
json_waarden = st.recursive(
    st.none() | st.booleans() | getallen | st.text(max_size=5),
    lambda kind: (
        st.lists(kind, max_size=6) | st.dictionaries(st.text(max_size=8), kind, max_size=4)
    ),
    max_leaves=30,
)
posities = st.lists(st.one_of(getallen, st.text(max_size=2), st.none()), min_size=0, max_size=4)
ringen = st.lists(posities, max_size=8)
geometrieen = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            ["Polygon", "MultiPolygon", "Point", "Feature", "GeometryCollection"]
        ),
        "coordinates": st.one_of(
            st.lists(ringen, max_size=3),
            st.lists(st.lists(ringen, max_size=2), max_size=2),
            json_waarden,
        ),
    }
)
cirkels = st.fixed_dictionaries(
    {"circle": st.fixed_dictionaries({"lat": getallen, "lon": getallen, "radius_km": getallen})}
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(json_waarden, geometrieen, cirkels))
def test_garbage_is_refused_only_with_gebied_errors(simulator: Simulator, obj: Any) -> None:
    try:
        gebied = simulator.gebied_uit_geojson(obj)
    except GebiedError as fout:
        assert fout.reden
    else:
        assert isinstance(gebied, Polygon | MultiPolygon) and gebied.area > 0


punten_nl = st.tuples(
    st.floats(min_value=3.3, max_value=7.2), st.floats(min_value=50.8, max_value=53.5)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(punten_nl, min_size=3, max_size=10))
def test_random_polygons_give_a_report_or_a_gebied_error(
    simulator: Simulator, middag: datetime, punten: list[tuple[float, float]]
) -> None:
    ring = [list(p) for p in [*punten, punten[0]]]
    try:
        gebied = simulator.gebied_uit_geojson(_polygoon(ring))
    except GebiedError as fout:
        assert fout.reden
        return
    rapport = simulator.bereik(gebied, tijdstip=middag)
    assert 0 <= rapport.bereikt <= rapport.inwoners + 1
    assert rapport.overshoot >= 0
    assert shapely.is_valid(gebied)
