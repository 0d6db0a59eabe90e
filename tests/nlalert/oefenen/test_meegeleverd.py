"""The scenarios that ship with nlalert: all valid, on real places, and shipped in the wheel."""

from __future__ import annotations

import fnmatch
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from shapely.geometry import Point

from nlalert.oefenen.fouten import OnbekendScenario
from nlalert.oefenen.scenario import meegeleverd, meegeleverde

ROOT = Path(__file__).parents[3]


def test_at_least_five_scenarios_ship() -> None:
    assert len(meegeleverde()) >= 5
    assert {
        "moerdijk-chemische-brand",
        "dordrecht-hoogwater",
        "112-storing-twente",
        "oss-drinkwater",
        "limburg-hitte-stroomuitval",
    } <= set(meegeleverde())


@pytest.mark.parametrize("naam", meegeleverde())
def test_every_shipped_scenario_validates_and_is_complete(naam: str) -> None:
    s = meegeleverd(naam)
    g = s.grondwaarheid
    assert s.start is not None and s.start.tzinfo is not None
    assert len(s.injects) >= 4 and all(len(i.tekst) > 80 and i.van for i in s.injects)
    assert len(g.talen) >= 2 and all(len(t.reden) > 20 for t in g.talen)
    assert {v.soort for v in g.vervolgen} == {"update", "einde"}
    assert g.oppervlakte_km2 > 1
    for inject in s.injects:
        for bijlage in inject.bijlagen:
            inhoud = bijlage.lees()
            assert 0 < len(inhoud) == bijlage.grootte < 100_000


def test_the_moerdijk_plume_goes_south_west_over_klundert() -> None:
    """Wind from the north-east carries the smoke to the south-west, not to Moerdijk village."""
    s = meegeleverd("moerdijk-chemische-brand")
    pluim = s.grondwaarheid.rookpluim
    assert pluim is not None and (pluim.wind_uit, pluim.lengte_km, pluim.hoek) == (45, 10, 60)
    vorm = s.grondwaarheid.gebied.geometrie()
    bron = Point(pluim.lon, pluim.lat)
    midden = vorm.centroid
    assert midden.x < bron.x and midden.y < bron.y
    klundert, noordhoek = Point(4.535, 51.665), Point(4.541, 51.645)
    moerdijk_dorp, zevenbergen = Point(4.626, 51.701), Point(4.605, 51.645)
    assert vorm.contains(klundert) and vorm.contains(noordhoek)
    assert not vorm.contains(moerdijk_dorp) and not vorm.contains(zevenbergen)
    # A 60-degree sector of 10 km is 52.4 km2, plus the part of the source circle outside it.
    assert 52.4 < s.grondwaarheid.oppervlakte_km2 < 53.5


def test_the_flood_scenario_runs_a_day_in_two_hours() -> None:
    s = meegeleverd("dordrecht-hoogwater")
    assert s.duur == timedelta(hours=24) and s.tempo == 12
    assert s.oefentijd(timedelta(hours=2)) == s.duur


def test_an_unknown_shipped_name_lists_the_known_ones() -> None:
    with pytest.raises(OnbekendScenario, match="moerdijk-chemische-brand"):
        meegeleverd("vulkaan")


def test_every_shipped_file_is_package_data() -> None:
    """A scenario file or attachment whose extension the wheel leaves out would go missing."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patronen = pyproject["tool"]["setuptools"]["package-data"]["*"]
    map_ = ROOT / "nlalert" / "oefenen" / "scenarios"
    bestanden = [p for p in map_.rglob("*") if p.is_file()]
    assert len(bestanden) >= 5
    for pad in bestanden:
        assert any(fnmatch.fnmatch(pad.name, p) for p in patronen), pad
