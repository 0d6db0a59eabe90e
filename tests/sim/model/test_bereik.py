"""The reach report: totals, rows that add up, overshoot, missed people and assumptions."""

from __future__ import annotations

import itertools
import json
from datetime import datetime

import pytest

from sim import BereikRapport, Simulator
from sim.bronnen.cbs import BRONVERMELDING
from sim.model.bereik import TIJDZONE
from sim.model.levering import Leveringsmodel
from sim.model.rapport import Reden
from tests.sim.gebieden import cirkel, gemeente_wgs84


@pytest.fixture(scope="module")
def rotterdam(simulator: Simulator, middag: datetime) -> BereikRapport:
    return simulator.bereik(cirkel(simulator, 51.92, 4.48, 2.0), tijdstip=middag)


@pytest.fixture(scope="module")
def utrecht(simulator: Simulator, middag: datetime) -> BereikRapport:
    return simulator.bereik(gemeente_wgs84(simulator, "Utrecht"), tijdstip=middag)


def test_report_has_the_totals_a_communicator_needs(rotterdam: BereikRapport) -> None:
    r = rotterdam
    assert 100_000 < r.inwoners < 200_000
    assert 0.75 * r.inwoners < r.bereikt < r.inwoners
    assert r.overshoot > 0
    assert r.cellen > 0 and 0 < r.cellen_binnen_3_min <= r.cellen
    assert 0.95 <= r.aandeel_cellen_binnen_3_min <= 1
    assert r.netwerk == "gemodelleerd"
    assert r.bronvermelding.startswith(BRONVERMELDING)
    assert r.gebied_km2 == pytest.approx(3.14 * 4, rel=0.01)
    # Word of mouth reaches some of those the alert missed, never more than them.
    assert 0 < r.via_anderen < r.inwoners - r.bereikt


def test_everyone_inside_is_reached_or_missed_for_a_reason(rotterdam: BereikRapport) -> None:
    assert set(rotterdam.gemist) == set(Reden)
    assert rotterdam.bereikt + sum(rotterdam.gemist.values()) == pytest.approx(
        rotterdam.inwoners, abs=2
    )
    assert rotterdam.gemist[Reden.GEEN_GESCHIKTE_TELEFOON] > 0
    assert rotterdam.gemist[Reden.KANAAL_UIT] == 0  # 4370 cannot be switched off


@pytest.mark.parametrize("naam", ["rotterdam", "utrecht"])
def test_rows_per_unit_gemeente_operator_and_age_add_up_to_the_totals(
    request: pytest.FixtureRequest, naam: str
) -> None:
    r: BereikRapport = request.getfixturevalue(naam)
    marge = 1 + 0.05 * len(r.per_eenheid)  # rows are rounded to 0.1
    for veld in ("inwoners_in_gebied", "bereikt", "overshoot"):
        totaal = {"inwoners_in_gebied": r.inwoners, "bereikt": r.bereikt, "overshoot": r.overshoot}[
            veld
        ]
        assert sum(getattr(e, veld) for e in r.per_eenheid) == pytest.approx(totaal, abs=marge)
        assert sum(getattr(g, veld) for g in r.per_gemeente) == pytest.approx(totaal, abs=marge)
    assert sum(e.gemist for e in r.per_eenheid) == pytest.approx(sum(r.gemist.values()), abs=marge)
    assert sum(o.bereikt for o in r.per_operator) == pytest.approx(r.bereikt, abs=2)
    assert sum(o.overshoot for o in r.per_operator) == pytest.approx(r.overshoot, abs=2)
    assert sum(o.cellen for o in r.per_operator) == r.cellen
    assert sum(lft.inwoners_in_gebied for lft in r.per_leeftijd) == pytest.approx(r.inwoners, abs=2)
    assert sum(lft.bereikt for lft in r.per_leeftijd) == pytest.approx(r.bereikt, abs=2)
    assert sum(p.overshoot for p in r.overshoot_plaatsen) == pytest.approx(r.overshoot, rel=0.01)


def test_every_operator_selects_cells_on_every_technology(rotterdam: BereikRapport) -> None:
    assert [o.operator.value for o in rotterdam.per_operator] == ["KPN", "VodafoneZiggo", "Odido"]
    for o in rotterdam.per_operator:
        assert o.cellen == sum(o.cellen_per_technologie.values())
        assert set(o.cellen_per_technologie) == {"LTE", "NR"}
        assert o.uitzendgebied_km2 >= 4 * 3.14 * 0.99
    assert sum(o.marktaandeel for o in rotterdam.per_operator) == pytest.approx(1, abs=1e-3)


def test_a_small_area_overshoots_into_neighbouring_gemeenten(
    simulator: Simulator, middag: datetime
) -> None:
    # 300 m around Diemen, next to Amsterdam (cf. Nieuw-Vennep 2019: a 300 m area reached towns).
    rapport = simulator.bereik(cirkel(simulator, 52.339, 4.96, 0.3), tijdstip=middag)
    plaatsen = {p.gemeentenaam: p.overshoot for p in rapport.overshoot_plaatsen}
    binnen = {g.gemeentenaam for g in rapport.per_gemeente if g.inwoners_in_gebied > 0}
    assert binnen == {"Diemen"}
    assert rapport.overshoot > rapport.inwoners
    assert plaatsen.get("Amsterdam", 0) > 0
    assert list(plaatsen.values()) == sorted(plaatsen.values(), reverse=True)


def test_fewer_phones_are_on_at_night(simulator: Simulator, middag: datetime) -> None:
    gebied = cirkel(simulator, 52.09, 5.12, 3.0)
    dag = simulator.bereik(gebied, tijdstip=middag)
    nacht = simulator.bereik(gebied, tijdstip=middag.replace(hour=3))
    assert nacht.bereikt < dag.bereikt
    assert nacht.gemist[Reden.UITGESCHAKELD] > dag.gemist[Reden.UITGESCHAKELD]


def test_the_switchable_channel_loses_people_who_switched_it_off(
    simulator: Simulator, middag: datetime
) -> None:
    gebied = cirkel(simulator, 52.09, 5.12, 3.0)
    gewoon = simulator.bereik(gebied, tijdstip=middag)
    uit = simulator.bereik(gebied, tijdstip=middag, kanaal=4371)
    assert uit.inwoners == gewoon.inwoners
    assert 0 < uit.bereikt < gewoon.bereikt
    # Switching the channel off changes nothing about coverage or phones: the people it loses
    # are those it now counts as missed for the channel, less those whose phone was off anyway.
    for reden in (Reden.GEEN_DEKKING, Reden.GEEN_GESCHIKTE_TELEFOON):
        assert uit.gemist[reden] == gewoon.gemist[reden]
    verloren = uit.gemist[Reden.KANAAL_UIT] - (
        gewoon.gemist[Reden.UITGESCHAKELD] - uit.gemist[Reden.UITGESCHAKELD]
    )
    assert gewoon.bereikt - uit.bereikt == pytest.approx(verloren, abs=3)
    assert any("4371" in a for a in uit.aannames)


@pytest.mark.parametrize(("lat", "lon"), [(51.92, 4.48), (52.09, 5.12), (53.22, 6.57)])
def test_a_larger_area_never_holds_or_reaches_fewer_people(
    simulator: Simulator, middag: datetime, lat: float, lon: float
) -> None:
    rapporten = [
        simulator.bereik(cirkel(simulator, lat, lon, km), tijdstip=middag) for km in (0.5, 1, 2, 4)
    ]
    for klein, groot in itertools.pairwise(rapporten):
        assert klein.inwoners <= groot.inwoners
        assert klein.bereikt <= groot.bereikt
        assert klein.cellen <= groot.cellen
    assert rapporten[0].inwoners < rapporten[-1].inwoners


def test_exercise_channel_is_reported_with_its_assumption(
    simulator: Simulator, middag: datetime
) -> None:
    rapport = simulator.bereik(cirkel(simulator, 52.09, 5.12, 1.0), tijdstip=middag, kanaal=4381)
    assert rapport.kanaal == 4381
    assert any("oefenkanaal" in a for a in rapport.aannames)


def test_assumptions_name_the_modelled_network_and_the_population_split(
    rotterdam: BereikRapport,
) -> None:
    tekst = " ".join(rotterdam.aannames)
    assert "netwerk is gemodelleerd" in tekst
    assert "oppervlakte" in tekst and "CBS" in tekst
    assert "gekalibreerd" in tekst.lower()
    assert "geen metingen" in tekst


def test_to_dict_is_json_with_every_field(rotterdam: BereikRapport) -> None:
    d = json.loads(json.dumps(rotterdam.to_dict()))
    for veld in (
        "inwoners",
        "bereikt",
        "overshoot",
        "gemist",
        "cellen",
        "cellen_binnen_3_min",
        "per_eenheid",
        "per_operator",
        "overshoot_plaatsen",
        "aannames",
        "netwerk",
        "bronvermelding",
    ):
        assert veld in d
    assert d["gebied"]["type"] == "Polygon"
    assert d["gemist"]["geen_dekking"] >= 0
    rij = d["per_eenheid"][0]
    assert set(rij) >= {"niveau", "code", "naam", "inwoners_in_gebied", "bereikt", "overshoot"}
    assert datetime.fromisoformat(d["tijdstip"]).utcoffset() is not None


def test_times_are_dutch_local_time(simulator: Simulator) -> None:
    gebied = cirkel(simulator, 52.09, 5.12, 1.0)
    naief = simulator.bereik(gebied, tijdstip=datetime(2024, 6, 3, 12, 0))
    assert naief.tijdstip.tzinfo == TIJDZONE and naief.tijdstip.hour == 12
    nu = simulator.bereik(gebied)
    assert nu.tijdstip.tzinfo is not None


def test_an_area_partly_abroad_counts_only_dutch_residents(
    simulator: Simulator, middag: datetime
) -> None:
    # Baarle-Nassau lies against Belgium; a 5 km circle there is half Belgian.
    rapport = simulator.bereik(cirkel(simulator, 51.44, 4.93, 5.0), tijdstip=middag)
    assert 0 < rapport.inwoners < 80_000


def test_delivery_model_meets_the_norm_for_ordinary_broadcasts() -> None:
    model = Leveringsmodel()
    assert model.binnen(0) == 0
    assert model.binnen(100) / 100 >= 0.95  # Besluit 2014 art. 19: >= 95 % within 3 minutes
    assert model.binnen(200_000) / 200_000 < model.binnen(100) / 100
