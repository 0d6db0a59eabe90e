"""The national model counts people from the 1 km census grid, clipped to their gemeente."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import numpy as np
import pytest

from sim import Simulator
from sim.bronnen.raster1km import BESTAND, lees
from sim.model.bevolking import NIVEAUS, Niveau
from tests.sim.gebieden import cirkel


def test_the_bundled_slice_holds_the_dutch_cells_of_the_census_grid() -> None:
    rijen = list(csv.DictReader(io.StringIO(lees(BESTAND))))
    nl = [r for r in rijen if r["land"] == "NL"]
    assert sum(int(r["inwoners_2021"]) for r in nl) == 17_446_242
    assert {r["land"] for r in rijen} == {"NL", "BE", "DE"}


@pytest.mark.parametrize("naam", ["Groningen", "Maastricht", "Enschede", "Westerkwartier"])
def test_grid_units_of_a_gemeente_sum_to_its_cbs_population(
    simulator: Simulator, naam: str
) -> None:
    e, gem = simulator.bevolking.eenheden, simulator.bevolking.gemeenten
    i = gem.naam.index(naam)
    van = e.gemeente == i
    assert set(e.niveau[van].tolist()) == {NIVEAUS.index(Niveau.VIERKANT1000)}
    assert e.inwoners[van].sum() == pytest.approx(gem.inwoners[i], rel=1e-9)
    assert van.sum() > 20  # many cells, not one whole gemeente


@pytest.mark.parametrize(
    ("lat", "lon", "naam"),
    [(50.851, 5.691, "Maastricht"), (53.219, 6.567, "Groningen")],
)
def test_a_circle_in_a_city_centre_counts_more_than_an_even_spread(
    simulator: Simulator, middag: datetime, lat: float, lon: float, naam: str
) -> None:
    # Where people live: a city centre holds far more than the gemeente's mean density.
    gem = simulator.bevolking.gemeenten
    i = gem.naam.index(naam)
    gelijk = gem.inwoners[i] / gem.geometrie[i].area * (np.pi * 1000.0**2)
    rapport = simulator.bereik(cirkel(simulator, lat, lon, 1.0), tijdstip=middag)
    assert rapport.inwoners > 1.5 * gelijk
    assert rapport.niveaus == (Niveau.VIERKANT1000,)


def test_uninhabited_land_holds_almost_nobody(simulator: Simulator, middag: datetime) -> None:
    # The heart of the Hoge Veluwe national park (gemeente Ede): an even spread over Ede
    # would put about 1,000 people in this circle.
    rapport = simulator.bereik(cirkel(simulator, 52.085, 5.835, 1.0), tijdstip=middag)
    assert rapport.inwoners < 100
