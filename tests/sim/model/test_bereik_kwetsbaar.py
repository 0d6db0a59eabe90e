"""Reach the approver can trust: per gemeente inside, reached, missed and overshoot, and the
vulnerable age groups (75+, under 12) counted apart."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from sim import BereikRapport, Simulator
from sim.model.rapport import KWETSBAAR
from tests.sim.gebieden import cirkel


@pytest.fixture(scope="module")
def moerdijk(simulator: Simulator, middag: datetime) -> BereikRapport:
    # 1.5 km around Moerdijk village: only Moerdijk inside, neighbours reached from outside.
    return simulator.bereik(cirkel(simulator, 51.70, 4.63, 1.5), tijdstip=middag)


def test_every_gemeente_row_splits_inside_into_reached_and_missed(moerdijk: BereikRapport) -> None:
    r = moerdijk
    assert r.per_gemeente
    for g in r.per_gemeente:
        assert g.gemist == pytest.approx(g.inwoners_in_gebied - g.bereikt, abs=0.11)
        assert g.gemist >= 0
    marge = 1 + 0.05 * len(r.per_gemeente)
    assert sum(g.gemist for g in r.per_gemeente) == pytest.approx(sum(r.gemist.values()), abs=marge)
    binnen = [g for g in r.per_gemeente if g.inwoners_in_gebied > 0]
    assert any(g.gemist > 0 for g in binnen)


def test_places_outside_reached_for_nothing_are_named(moerdijk: BereikRapport) -> None:
    binnen = {g.gemeentenaam for g in moerdijk.per_gemeente if g.inwoners_in_gebied > 0}
    buiten = {p.gemeentenaam for p in moerdijk.overshoot_plaatsen} - binnen
    assert "Moerdijk" in binnen
    assert buiten  # overshoot lands in gemeenten with no one inside the area
    for g in moerdijk.per_gemeente:
        if g.gemeentenaam in buiten:
            assert g.inwoners_in_gebied == 0 and g.gemist == 0 and g.overshoot > 0


def test_75_plus_and_under_12_are_counted_apart_with_who_is_not_reached(
    moerdijk: BereikRapport,
) -> None:
    groepen = {k.leeftijd: k for k in moerdijk.kwetsbare_groepen}
    assert tuple(groepen) == KWETSBAAR == ("75+", "0-12")
    per_leeftijd = {r.leeftijd: r for r in moerdijk.per_leeftijd}
    for lft, k in groepen.items():
        assert k.inwoners_in_gebied == per_leeftijd[lft].inwoners_in_gebied > 0
        assert k.bereikt == per_leeftijd[lft].bereikt
        assert k.niet_bereikt == pytest.approx(k.inwoners_in_gebied - k.bereikt, abs=0.11)
    # Both groups miss it more often than the area as a whole; most children have no phone.
    geheel = 1 - moerdijk.bereikt / moerdijk.inwoners
    oud, kind = groepen["75+"], groepen["0-12"]
    assert oud.niet_bereikt / oud.inwoners_in_gebied > 1.5 * geheel
    assert kind.niet_bereikt / kind.inwoners_in_gebied > 0.5


def test_the_new_fields_are_in_the_json_form(moerdijk: BereikRapport) -> None:
    d = json.loads(json.dumps(moerdijk.to_dict()))
    assert {"gemeentenaam", "inwoners_in_gebied", "bereikt", "gemist", "overshoot"} <= set(
        d["per_gemeente"][0]
    )
    assert [k["leeftijd"] for k in d["kwetsbare_groepen"]] == ["75+", "0-12"]
    assert set(d["kwetsbare_groepen"][0]) == {
        "leeftijd",
        "inwoners_in_gebied",
        "bereikt",
        "niet_bereikt",
    }
    assert d["soort"] == "verwachting (model), geen meting"
