"""The map image: a PNG of the expected size with the area drawn on it."""

from __future__ import annotations

import io
from datetime import datetime

import numpy as np
import pytest
from PIL import Image

from sim import Simulator
from sim.bronnen.best_server import lees_best_server_geojson
from sim.kaart import (
    GEBIED,
    LEGENDA_BREEDTE,
    ONDERRAND,
    UITZENDING,
    Kaartlagen,
    teken_kaart,
)
from tests.sim.gebieden import cirkel


@pytest.mark.parametrize(("breedte", "hoogte"), [(1000, 800), (700, 520)])
def test_map_is_a_png_of_the_requested_size(
    simulator: Simulator, middag: datetime, breedte: int, hoogte: int
) -> None:
    rapport = simulator.bereik(cirkel(simulator, 52.339, 4.96, 0.5), tijdstip=middag)
    kwargs = {} if (breedte, hoogte) == (1000, 800) else {"breedte": breedte, "hoogte": hoogte}
    png = simulator.kaart_png(rapport, **kwargs)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    beeld = Image.open(io.BytesIO(png))
    beeld.load()
    assert beeld.format == "PNG" and beeld.size == (breedte, hoogte) and beeld.mode == "RGB"
    pixels = np.asarray(beeld).reshape(-1, 3)
    for kleur in (GEBIED, UITZENDING):
        assert (pixels == kleur).all(axis=1).sum() > 50


def test_map_of_an_imported_network_without_cells(simulator: Simulator, middag: datetime) -> None:
    kaart = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"operator": "KPN", "technologie": "LTE", "cel": "a"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[6.0, 53.0], [6.1, 53.0], [6.1, 53.1], [6.0, 53.0]]],
                },
            }
        ],
    }
    sim = simulator.met_netwerk(lees_best_server_geojson(kaart))
    rapport = sim.bereik(cirkel(sim, 51.92, 4.48, 1.0), tijdstip=middag)
    assert rapport.cellen == 0
    assert Image.open(io.BytesIO(sim.kaart_png(rapport))).size == (1000, 800)


def test_the_map_draws_the_shapes_it_is_given_and_no_others(
    simulator: Simulator, middag: datetime
) -> None:
    rapport = simulator.bereik(cirkel(simulator, 52.09, 5.12, 1.0), tijdstip=middag)
    e = simulator.bevolking.eenheden
    index = simulator.eenheid_index()
    rijen = [index[r.code] for r in rapport.per_eenheid]

    def kaart(uitzendgebied: np.ndarray) -> np.ndarray:
        lagen = Kaartlagen(
            gemeenten=simulator.bevolking.gemeenten.geometrie,
            water=simulator.bevolking.water,
            uitzendgebied=uitzendgebied,
            eenheden=e.geometrie[rijen],
            inwoners=e.inwoners[rijen],
        )
        png = teken_kaart(rapport, lagen, breedte=700, hoogte=520)
        beeld = np.asarray(Image.open(io.BytesIO(png)))
        return beeld[: 520 - ONDERRAND, : 700 - LEGENDA_BREEDTE].reshape(-1, 3)  # no legend

    zonder = kaart(np.array([], dtype=object))
    assert (zonder == GEBIED).all(axis=1).sum() > 50
    assert (zonder == UITZENDING).all(axis=1).sum() == 0
    met = kaart(simulator.netwerk.dekking[simulator.geselecteerde_cellen(rapport)])
    assert (met == UITZENDING).all(axis=1).sum() > 50
