"""Importers: Antenneregister, OpenCelliD and best-server maps load into a Netwerk."""

from __future__ import annotations

import gzip
import io
from datetime import datetime
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import shapely

from sim import InvoerError, Simulator
from sim.bronnen.antenneregister import ANTENNEREGISTER, lees_antenneregister
from sim.bronnen.best_server import BEST_SERVER, lees_best_server_geojson
from sim.bronnen.opencellid import OPENCELLID, lees_opencellid
from sim.model import geo
from sim.model.netwerk import OPERATOREN, TECHNOLOGIEEN, Netwerk, Operator, Technologie
from tests.sim.gebieden import cirkel

STEEKPROEF = resources.files("sim").joinpath("data", "antenneregister_steekproef.csv")
KOP = "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal"
RIJEN = [
    "LTE,204,8,1001,11,0,4.480,51.920,1500,12,1,1600000000,1700000000,0",
    "LTE,204,4,2001,21,0,4.470,51.925,1000,8,1,1600000000,1700000000,0",
    "NR,204,16,3001,31,0,4.490,51.915,2000,3,1,1600000000,1700000000,0",
    "UMTS,204,20,3002,32,0,4.500,51.930,2500,5,1,1600000000,1700000000,0",
    "GSM,206,1,1,1,0,4.400,51.200,1000,1,1,1600000000,1700000000,0",  # Belgium
    "LTE,204,99,1,1,0,4.400,51.900,1000,1,1,1600000000,1700000000,0",  # unknown MNC
    "CDMA,204,8,1,2,0,4.400,51.900,1000,1,1,1600000000,1700000000,0",  # no such radio here
]


def _operatoren(netwerk: Netwerk) -> list[Operator]:
    return [OPERATOREN[i] for i in netwerk.operator]


def test_antenneregister_sample_loads_as_an_operator_unknown_network() -> None:
    with resources.as_file(STEEKPROEF) as pad:
        netwerk = lees_antenneregister(pad)
    assert netwerk.bron == ANTENNEREGISTER
    assert set(_operatoren(netwerk)) == {Operator.ONBEKEND}
    assert {TECHNOLOGIEEN[t] for t in netwerk.technologie} == set(Technologie)
    assert "38 locaties" in netwerk.aannames[0]
    assert any("geen operator" in a for a in netwerk.aannames)
    assert "Antenneregister" in netwerk.bronvermelding


def test_antenneregister_sites_can_be_shared_by_all_operators() -> None:
    with resources.as_file(STEEKPROEF) as pad:
        alleen = lees_antenneregister(pad)
        gedeeld = lees_antenneregister(
            pad, operatoren=(Operator.KPN, Operator.VODAFONEZIGGO, Operator.ODIDO)
        )
    assert len(gedeeld) == 3 * len(alleen)
    assert any("gedeeld" in a for a in gedeeld.aannames)


def test_a_report_on_an_imported_network_says_so(simulator: Simulator) -> None:
    with resources.as_file(STEEKPROEF) as pad:
        sim = simulator.met_netwerk(lees_antenneregister(pad))
    # Fijnaart (Moerdijk) has a mobile site in the sample; Amsterdam has none within 10 km.
    fijnaart = sim.bereik(cirkel(sim, 51.6384, 4.4525, 1.0), tijdstip=datetime(2024, 6, 3, 12))
    assert fijnaart.netwerk == ANTENNEREGISTER and fijnaart.cellen > 0
    assert not any("netwerk is gemodelleerd" in a for a in fijnaart.aannames)
    assert "Antenneregister" in fijnaart.bronvermelding
    # The stated subscriber shares are the ones used: one operator-less network, not 33 % each.
    abonnees = next(a for a in fijnaart.aannames if a.startswith("Abonnees:"))
    assert "100 %" in abonnees and "KPN" not in abonnees
    assert any(
        a.startswith("Abonnees: KPN 33 %")
        for a in simulator.bereik(cirkel(simulator, 51.6384, 4.4525, 1.0)).aannames
    )
    amsterdam = sim.bereik(cirkel(sim, 52.37, 4.89, 1.0), tijdstip=datetime(2024, 6, 3, 12))
    assert amsterdam.cellen == 0 and amsterdam.bereikt == 0
    assert amsterdam.gemist["geen_dekking"] == amsterdam.inwoners


def test_antenneregister_without_its_columns_is_refused(tmp_path: Path) -> None:
    pad = tmp_path / "ander.csv"
    pad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InvoerError, match="kolommen ontbreken"):
        lees_antenneregister(pad)
    with pytest.raises(InvoerError, match="niet lezen"):
        lees_antenneregister(tmp_path / "bestaat-niet.csv")


@pytest.mark.parametrize("vorm", ["met kop", "zonder kop", "gzip"])
def test_opencellid_maps_mnc_to_operator_and_radio_to_technology(tmp_path: Path, vorm: str) -> None:
    tekst = "\n".join(RIJEN if vorm == "zonder kop" else [KOP, *RIJEN]) + "\n"
    pad = tmp_path / ("204.csv.gz" if vorm == "gzip" else "cellen.csv")
    if vorm == "gzip":
        pad.write_bytes(gzip.compress(tekst.encode()))
    else:
        pad.write_text(tekst, encoding="utf-8")
    netwerk = lees_opencellid(pad)
    assert netwerk.bron == OPENCELLID
    assert netwerk.cel_id == (
        "204-08-1001-11",
        "204-04-2001-21",
        "204-20-3002-32",
        "204-16-3001-31",
    )
    assert _operatoren(netwerk) == [
        Operator.KPN,
        Operator.VODAFONEZIGGO,
        Operator.ODIDO,
        Operator.ODIDO,
    ]
    assert [TECHNOLOGIEEN[t] for t in netwerk.technologie] == [
        Technologie.LTE,
        Technologie.LTE,
        Technologie.UMTS,
        Technologie.NR,
    ]
    assert "3 regels overgeslagen" in netwerk.aannames[0]
    # Each cell covers its own position and reaches no further than its range.
    x, y = geo.lonlat_naar_rd(np.array([4.48]), np.array([51.92]))
    assert shapely.contains_xy(netwerk.dekking[0], x[0], y[0])
    assert shapely.minimum_bounding_radius(netwerk.dekking[0]) <= 1500 + 1


def test_opencellid_without_dutch_cells_is_refused() -> None:
    with pytest.raises(InvoerError, match="MCC 204"):
        lees_opencellid(io.StringIO(KOP + "\n" + RIJEN[4] + "\n"))
    with pytest.raises(InvoerError, match="geen getal"):
        lees_opencellid(io.StringIO(KOP + "\nLTE,204,8,1,1,0,oost,51.9,1000,1,1,0,0,0\n"))


def _feature(operator: object, techniek: object, ring: list[list[float]], cel: str) -> dict:
    return {
        "type": "Feature",
        "properties": {"operator": operator, "technologie": techniek, "cel": cel},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


WEST = [[4.40, 51.90], [4.48, 51.90], [4.48, 51.95], [4.40, 51.95], [4.40, 51.90]]
OOST = [[4.48, 51.90], [4.56, 51.90], [4.56, 51.95], [4.48, 51.95], [4.48, 51.90]]


def test_best_server_map_loads_operators_by_name_or_mnc(simulator: Simulator) -> None:
    kaart = {
        "type": "FeatureCollection",
        "features": [
            _feature("KPN", "LTE", WEST, "kpn-west"),
            _feature("KPN", "4G", OOST, "kpn-oost"),
            _feature("204-16", "5G", WEST, "odido-west"),
        ],
    }
    netwerk = lees_best_server_geojson(kaart)
    assert netwerk.bron == BEST_SERVER
    assert _operatoren(netwerk) == [Operator.KPN, Operator.KPN, Operator.ODIDO]
    assert [TECHNOLOGIEEN[t] for t in netwerk.technologie] == [
        Technologie.LTE,
        Technologie.LTE,
        Technologie.NR,
    ]
    sim = simulator.met_netwerk(netwerk)
    rapport = sim.bereik(cirkel(sim, 51.925, 4.44, 0.5), tijdstip=datetime(2024, 6, 3, 12))
    assert rapport.cellen == 2  # kpn-west and odido-west
    assert [o.operator for o in rapport.per_operator] == [Operator.KPN, Operator.ODIDO]
    assert rapport.overshoot > 0  # the rest of the western cells


@pytest.mark.parametrize(
    ("kaart", "woord"),
    [
        ({"type": "Feature"}, "FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "geen features"),
        (
            {"type": "FeatureCollection", "features": [_feature("Ben", "LTE", WEST, "x")]},
            "operator",
        ),
        ({"type": "FeatureCollection", "features": [_feature("KPN", "6G", WEST, "x")]}, "techniek"),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Point", "coordinates": [4, 52]},
                    }
                ],
            },
            "Polygon",
        ),
    ],
)
def test_bad_best_server_maps_are_refused(kaart: dict, woord: str) -> None:
    with pytest.raises(InvoerError, match=woord):
        lees_best_server_geojson(kaart)
