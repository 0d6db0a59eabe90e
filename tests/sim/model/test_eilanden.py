"""The Caribbean Netherlands as a target: island population, modelled network, island time."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import shapely

from sim import Simulator
from sim.fouten import GebiedBuitenNederland
from sim.model.bevolking import Niveau
from sim.model.netwerk import GEMODELLEERD
from tests.sim.gebieden import cirkel


def test_a_circle_on_bonaire_is_estimated_in_island_time(simulator: Simulator) -> None:
    rapport = simulator.bereik(cirkel(simulator, 12.15, -68.27, 2.0))
    assert rapport.tijdstip.utcoffset() == timedelta(hours=-4)
    assert str(rapport.tijdstip.tzinfo) == "America/Kralendijk"
    assert [g.gemeentenaam for g in rapport.per_gemeente] == ["Bonaire"]
    assert 0 < rapport.bereikt < rapport.inwoners < 25_133
    assert rapport.netwerk == GEMODELLEERD
    assert rapport.niveaus == (Niveau.EILAND,)
    assert any("netwerk is gemodelleerd" in a for a in rapport.aannames)
    assert rapport.to_dict()["per_eenheid"][0]["code"] == "GM9001"


def test_a_naive_time_is_island_time(simulator: Simulator) -> None:
    rapport = simulator.bereik(
        cirkel(simulator, 17.63, -63.24, 1.0), tijdstip=datetime(2024, 6, 3, 12, 0)
    )
    assert rapport.tijdstip.hour == 12
    assert rapport.tijdstip.utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize(("naam", "inwoners"), [("Saba", 2060), ("Sint Eustatius", 3204)])
def test_an_area_over_a_whole_island_holds_its_cbs_population(
    simulator: Simulator, naam: str, inwoners: int
) -> None:
    eilanden = simulator.bevolking.eilanden
    assert eilanden is not None
    eiland = eilanden.geometrie[eilanden.naam.index(naam)]
    rapport = simulator.bereik(shapely.box(*eiland.buffer(0.01).bounds))
    assert rapport.inwoners == inwoners
    # The crude outlines are said where they matter.
    assert any("grof" in a for a in rapport.aannames)


def test_an_area_at_sea_between_the_islands_says_so(simulator: Simulator) -> None:
    with pytest.raises(GebiedBuitenNederland) as fout:
        cirkel(simulator, 14.0, -66.0, 2.0)
    assert "op zee" in fout.value.reden


def test_an_island_report_has_a_map(simulator: Simulator) -> None:
    rapport = simulator.bereik(cirkel(simulator, 12.15, -68.27, 2.0))
    assert simulator.kaart_png(rapport).startswith(b"\x89PNG\r\n\x1a\n")
