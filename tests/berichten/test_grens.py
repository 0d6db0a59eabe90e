"""The border flag, the islands' header time zone and their default languages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from shapely.geometry import LineString

from berichten import Instellingen, cirkel, compose
from berichten.grens import Landgrens, buren, standaardtalen, tijdzone
from vertalingen import AMSTERDAM

# A made-up straight border: Germany east of lon 6.0 (the real one is data of nlalert).
GRENS = Landgrens(
    lijnen={
        "DE": LineString([(6.0, 51.0), (6.0, 52.0)]),
        "BE": LineString([(5.0, 51.3), (5.5, 51.3)]),
    }
)
VELDEN = {"plaats": "Grensdorp", "link": "https://crisis.nl"}
MIDDAG = datetime(2026, 12, 7, 12, 0, tzinfo=AMSTERDAM)


def test_an_area_within_5_km_of_the_border_names_the_neighbour() -> None:
    # 1 km circle centred 3 km west of the line: 2 km to go.
    dichtbij = cirkel(51.5, 6.0 - 3 / (111.32 * 0.6225), 1.0)
    assert [(b.land, round(b.afstand_km)) for b in buren(dichtbij, GRENS)] == [("DE", 2)]
    ver = cirkel(51.5, 5.8, 1.0)  # about 13 km
    assert buren(ver, GRENS) == ()


def test_the_flag_names_the_german_system_and_asks_for_german() -> None:
    b = compose(
        "brand-rook",
        VELDEN,
        talen=["nl", "en"],
        gebied=cirkel(51.5, 5.99, 2.0),
        instellingen=Instellingen(landgrens=GRENS),
        tijd=MIDDAG,
    )
    (w,) = [w for w in b.waarschuwingen if w.code.startswith("grens")]
    assert w.code == "grens-de"
    assert "MoWaS" in w.tekst and "DE-Alert" in w.tekst and "CAP" in w.tekst
    assert w.tekst.endswith("Voeg Duits toe.")
    met_duits = compose(
        "brand-rook",
        VELDEN,
        talen=["nl", "de"],
        gebied=cirkel(51.5, 5.99, 2.0),
        instellingen=Instellingen(landgrens=GRENS),
        tijd=MIDDAG,
    )
    (w,) = [w for w in met_duits.waarschuwingen if w.code.startswith("grens")]
    assert "Voeg Duits toe" not in w.tekst


def test_the_belgian_flag_names_be_alert() -> None:
    b = compose(
        "brand-rook",
        VELDEN,
        talen=["nl", "fr"],
        gebied=cirkel(51.32, 5.2, 2.0),
        instellingen=Instellingen(landgrens=GRENS),
        tijd=MIDDAG,
    )
    (w,) = [w for w in b.waarschuwingen if w.code.startswith("grens")]
    assert w.code == "grens-be" and "BE-Alert" in w.tekst and "Voeg Frans toe" not in w.tekst


def test_no_border_data_or_no_area_means_no_flag() -> None:
    zonder = compose("brand-rook", VELDEN, gebied=cirkel(51.5, 5.99, 2.0), tijd=MIDDAG)
    assert not [w for w in zonder.waarschuwingen if w.code.startswith("grens")]
    geen_gebied = compose("brand-rook", VELDEN, instellingen=Instellingen(landgrens=GRENS))
    assert not [w for w in geen_gebied.waarschuwingen if w.code.startswith("grens")]


@pytest.mark.parametrize(
    ("moment", "kop"),
    [
        (datetime(2026, 12, 7, 12, 0, tzinfo=AMSTERDAM), "NL-Alert 07-12-2026 07:00"),  # CET -5
        (datetime(2026, 6, 1, 12, 0, tzinfo=AMSTERDAM), "NL-Alert 01-06-2026 06:00"),  # CEST -6
    ],
)
def test_the_header_on_the_islands_is_in_island_time(moment: datetime, kop: str) -> None:
    b = compose("brand-rook", VELDEN, talen=["nl"], gebied=cirkel(12.15, -68.27, 2.0), tijd=moment)
    assert b.tekst.startswith(kop)
    thuis = compose(
        "brand-rook", VELDEN, talen=["nl"], gebied=cirkel(52.09, 5.12, 2.0), tijd=moment
    )
    assert thuis.tekst.startswith(f"NL-Alert {moment:%d-%m-%Y} 12:00")


@pytest.mark.parametrize(
    ("lat", "lon", "talen"),
    [
        (12.15, -68.27, ("pap", "nl")),  # Bonaire
        (17.49, -62.98, ("en", "nl")),  # Sint Eustatius
        (17.63, -63.24, ("en", "nl")),  # Saba
        (52.09, 5.12, None),  # Utrecht: the region's own defaults
    ],
)
def test_default_languages_follow_the_island(
    lat: float, lon: float, talen: tuple[str, ...] | None
) -> None:
    gebied = cirkel(lat, lon, 1.0)
    assert standaardtalen(gebied) == talen
    assert (tijdzone(gebied) == ZoneInfo("America/Kralendijk")) is (talen is not None)
