"""The border: people abroad in the broadcast area, and Dutch phones on foreign cells (model)."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from sim import Simulator
from sim.fouten import GebiedBuitenNederland
from sim.model.grens import Grensmodel
from sim.model.rapport import Reden
from tests.sim.gebieden import cirkel


def test_the_share_on_foreign_cells_falls_with_the_distance_to_the_border() -> None:
    model = Grensmodel()
    aandeel = model.aandeel(np.array([0.0, 1.0, 2.0, 3.0, 10.0]))
    assert aandeel[0] == pytest.approx(model.op_grens)
    assert np.all(np.diff(aandeel) <= 0)
    assert aandeel[-2:].tolist() == [0.0, 0.0]
    assert "geen gemeten bron" in model.aanname()


def test_a_circle_at_kerkrade_names_the_german_municipalities_it_reaches(
    simulator: Simulator, middag: datetime
) -> None:
    rapport = simulator.bereik(cirkel(simulator, 50.866, 6.06, 3.0), tijdstip=middag)
    buitenland = rapport.buitenland
    assert buitenland is not None
    assert set(buitenland.per_land) == {"DE"}
    assert buitenland.waarschuwingssysteem["DE"].startswith("MoWaS")
    namen = [g.naam for g in buitenland.gemeenten]
    assert "Herzogenrath" in namen
    assert buitenland.in_uitzendgebied > 10_000
    # Foreign phones mostly stay on their own network: only a modelled share receives it.
    assert 0 < buitenland.bereikt < 0.2 * buitenland.in_uitzendgebied
    # Dutch residents near the border on German cells miss it, stated as a model.
    assert rapport.gemist[Reden.BUITENLANDSE_CEL] > 0.05 * rapport.inwoners
    assert any("geen gemeten bron" in a for a in rapport.aannames)
    gemist = sum(rapport.gemist.values())
    assert rapport.inwoners - rapport.bereikt == pytest.approx(gemist, abs=3)


def test_an_area_at_baarle_reaches_belgium(simulator: Simulator, middag: datetime) -> None:
    rapport = simulator.bereik(cirkel(simulator, 51.44, 4.93, 2.0), tijdstip=middag)
    assert rapport.buitenland is not None
    assert "BE" in rapport.buitenland.per_land
    assert rapport.buitenland.waarschuwingssysteem["BE"] == "BE-Alert"
    assert "Baarle-Hertog" in [g.naam for g in rapport.buitenland.gemeenten]


def test_an_area_far_from_the_border_has_nothing_abroad(
    simulator: Simulator, middag: datetime
) -> None:
    rapport = simulator.bereik(cirkel(simulator, 52.09, 5.12, 3.0), tijdstip=middag)
    assert rapport.buitenland is None
    assert rapport.gemist[Reden.BUITENLANDSE_CEL] == 0
    assert "buitenland" in rapport.to_dict()


@pytest.mark.parametrize(
    "obj",
    [
        {"circle": {"lat": 50.776, "lon": 6.084, "radius_km": 2}},  # Aachen, wholly abroad
        {"circle": {"lat": 51.22, "lon": 4.40, "radius_km": 2}},  # Antwerpen
        {"circle": {"lat": 52.6, "lon": 3.4, "radius_km": 5}},  # North Sea
    ],
)
def test_an_area_entirely_abroad_or_at_sea_still_says_so(
    simulator: Simulator, obj: dict[str, object]
) -> None:
    with pytest.raises(GebiedBuitenNederland) as fout:
        simulator.bereik(simulator.gebied_uit_geojson(obj))
    assert "raakt Nederland niet" in fout.value.reden or "buiten Nederland" in fout.value.reden
