"""Population: the embedded CBS data, the finest level per place, and area shares."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import datetime
from importlib import resources

import numpy as np
import pytest
import shapely

from sim import Simulator
from sim.bronnen.cbs import RIJNMOND, lees
from sim.model import geo
from sim.model.bevolking import NIVEAUS, Niveau
from tests.sim.gebieden import cirkel, gemeente_wgs84


def _som_csv(naam: str) -> float:
    return sum(float(r["aantal_inwoners"]) for r in csv.DictReader(io.StringIO(lees(naam))))


def test_embedded_files_hold_the_cbs_totals_of_provenance() -> None:
    gemeenten = json.loads(lees("gemeenten_2024.geojson"))["features"]
    wijken = json.loads(lees("wijken_2024_zuidwest_randstad.geojson"))["features"]
    assert len(gemeenten) == 342
    assert sum(f["properties"]["aantal_inwoners"] for f in gemeenten) == 17_942_942
    assert sum(f["properties"]["aantal_inwoners"] for f in wijken) == 7_037_675
    assert _som_csv("vierkant500m_2024_rotterdam_rijnmond.csv") == 1_309_120
    assert _som_csv("vierkant100m_2024_rotterdam_rijnmond.csv") == 1_299_500


def test_population_on_the_lattices_is_the_national_cbs_total(simulator: Simulator) -> None:
    b = simulator.bevolking
    assert b.totaal == pytest.approx(17_942_942, abs=1)
    per_eenheid = sum(
        np.bincount(r.eenheid, r.inwoners, minlength=len(b.eenheden)) for r in b.roosters
    )
    assert np.allclose(per_eenheid, b.eenheden.inwoners)


def test_grid_squares_carry_the_cbs_total_of_the_twelve_rijnmond_gemeenten(
    simulator: Simulator,
) -> None:
    e, gem = simulator.bevolking.eenheden, simulator.bevolking.gemeenten
    fijn = [NIVEAUS.index(Niveau.VIERKANT500), NIVEAUS.index(Niveau.VIERKANT100)]
    vierkant = np.isin(e.niveau, fijn)
    totaal = sum(gem.inwoners[gem.naam.index(n)] for n in RIJNMOND)
    assert totaal == 1_312_616
    assert e.inwoners[vierkant].sum() == pytest.approx(totaal)
    assert (e.niveau == NIVEAUS.index(Niveau.VIERKANT100)).sum() == 16_383


@pytest.mark.parametrize(
    ("lat", "lon", "niveaus"),
    [
        (51.92, 4.48, {Niveau.VIERKANT100, Niveau.VIERKANT500}),  # Rotterdam centre: grid
        (52.08, 4.31, {Niveau.WIJK}),  # Den Haag: wijken
        (53.22, 6.57, {Niveau.VIERKANT1000}),  # Groningen: the 1 km census grid
    ],
)
def test_the_finest_level_is_used_where_available(
    simulator: Simulator, middag: datetime, lat: float, lon: float, niveaus: set[Niveau]
) -> None:
    rapport = simulator.bereik(cirkel(simulator, lat, lon, 1.0), tijdstip=middag)
    assert set(rapport.niveaus) == niveaus
    assert {r.niveau for r in rapport.per_eenheid if r.inwoners_in_gebied > 0} == niveaus


@pytest.mark.parametrize("naam", ["Groningen", "Utrecht", "Rotterdam", "'s-Gravenhage"])
def test_a_polygon_equal_to_a_gemeente_holds_its_cbs_population(
    simulator: Simulator, middag: datetime, naam: str
) -> None:
    gem = simulator.bevolking.gemeenten
    rapport = simulator.bereik(gemeente_wgs84(simulator, naam), tijdstip=middag)
    assert rapport.inwoners == pytest.approx(gem.inwoners[gem.naam.index(naam)], rel=0.02)


def test_a_unit_partly_in_the_area_counts_by_area_share(
    simulator: Simulator, middag: datetime
) -> None:
    # The largest wijk: its people are spread evenly over its area.
    e = simulator.bevolking.eenheden
    wijken = np.flatnonzero(e.niveau == NIVEAUS.index(Niveau.WIJK))
    i = int(wijken[np.argmax(shapely.area(e.geometrie[wijken]))])
    vlak = e.geometrie[i]
    minx, miny, maxx, maxy = vlak.bounds
    west = shapely.box(minx - 1000, miny - 1000, (minx + maxx) / 2, maxy + 1000)
    deel = shapely.intersection(vlak, west).area / vlak.area
    rapport = simulator.bereik(geo.naar_wgs84(west), tijdstip=middag)
    binnen = sum(r.inwoners_in_gebied for r in rapport.per_eenheid if r.code == e.code[i])
    assert binnen == pytest.approx(e.inwoners[i] * deel, rel=0.02)
    assert any("oppervlakte" in a and "aanname" in a.lower() for a in rapport.aannames)


def test_embedded_files_match_the_checksums_in_provenance() -> None:
    data = resources.files("sim").joinpath("data")
    tabel = re.findall(
        r"\| `([^`]+)`(?: \*)? \| (\d+) \| `([0-9a-f]{64})` \|", lees("PROVENANCE.md")
    )
    assert len(tabel) == 11
    for naam, grootte, sha in tabel:
        inhoud = data.joinpath(naam).read_bytes()
        assert len(inhoud) == int(grootte)
        assert hashlib.sha256(inhoud).hexdigest() == sha
