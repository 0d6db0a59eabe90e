"""Target areas: GeoJSON and circles, with the errors a communicator needs to fix them."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berichten import OngeldigGebied, cirkel, uit_geojson


def vierkant(lon: float, lat: float, d: float = 0.05) -> dict[str, object]:
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
        ],
    }


def test_polygon_feature_and_collection_are_accepted() -> None:
    assert uit_geojson(vierkant(4.5, 51.9)).polygonen
    assert uit_geojson(
        {"type": "Feature", "geometry": vierkant(4.5, 51.9), "properties": {}}
    ).polygonen
    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": vierkant(4.5, 51.9)},
            {"type": "Feature", "geometry": vierkant(5.0, 52.0)},
        ],
    }
    assert len(uit_geojson(fc).polygonen) == 2


def test_circle_form_of_the_simulator_is_accepted() -> None:
    g = uit_geojson({"circle": {"lat": 51.68, "lon": 4.61, "radius_km": 2}})
    assert g.cirkels[0].straal_km == 2
    assert g.to_geojson() == {"circle": {"lat": 51.68, "lon": 4.61, "radius_km": 2.0}}


@pytest.mark.parametrize(
    ("obj", "reden"),
    [
        (vierkant(51.9, 4.5), "lat,lon"),
        (vierkant(-3.7, 40.4), "buiten Nederland"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[4.5, 51.9], [4.6, 52.0], [4.6, 51.9], [4.5, 52.0], [4.5, 51.9]]],
            },
            "ongeldig",
        ),
        ({"type": "Polygon", "coordinates": []}, "leeg"),
        ({"type": "Point", "coordinates": [4.5, 51.9]}, "vlak"),
        ({"type": "Polygon"}, "GeoJSON"),
        ({"circle": {"lat": 51.68, "lon": 4.61, "radius_km": -1}}, "straal"),
        ([1, 2], "GeoJSON-object"),
    ],
)
def test_bad_areas_are_refused_with_a_reason(obj: object, reden: str) -> None:
    with pytest.raises(OngeldigGebied) as info:
        uit_geojson(obj)
    assert reden in info.value.bericht


def test_caribbean_netherlands_is_in_the_netherlands() -> None:
    assert cirkel(12.15, -68.27, 3).cirkels  # Kralendijk, Bonaire


json_waarden = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
    lambda kinderen: (
        st.lists(kinderen, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["type", "coordinates", "geometry", "features", "circle", "lat", "lon", "radius_km"]
            ),
            kinderen,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@given(json_waarden)
def test_garbage_never_raises_anything_but_ongeldig_gebied(obj: object) -> None:
    with contextlib.suppress(OngeldigGebied):
        uit_geojson(obj)
