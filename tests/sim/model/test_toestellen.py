"""Device share: the calibration on the June 2020 control message, and the model's behaviour.

The survey figures come from the NCTV survey of the national control message of 8 June 2020
(data/nl_alert_bereik.csv): 90 % of people aged 12+ and 73 % of people aged 75+ received it on
their own phone, 95 % of 18-34; 94 % of 12+ knew of it, word of mouth included.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import datetime

import numpy as np
import pytest

from sim import Simulator
from sim.bronnen.cbs import lees
from sim.fouten import KalibratieError
from sim.model.bereik import TIJDZONE
from sim.model.netwerk import Operator
from sim.model.rapport import BereikRapport
from sim.model.toestellen import LEEFTIJDEN, ToestelModel, kalibreer, ontvangst_controlebericht
from tests.sim.gebieden import nederland

CONTROLEBERICHT = datetime(2020, 6, 8, 12, 0, tzinfo=TIJDZONE)  # first Monday of June 2020


def _enquete(doelgroep: str, kolom: str = "ontvangen_op_eigen_telefoon_pct") -> float:
    for r in csv.DictReader(io.StringIO(lees("nl_alert_bereik.csv"))):
        if r["controlebericht"] == "2020-06-08" and r["doelgroep"] == doelgroep:
            return float(r[kolom]) / 100
    raise LookupError(doelgroep)


@pytest.fixture(scope="module")
def controlebericht(simulator: Simulator) -> BereikRapport:
    """The national control message of June 2020, as the simulator estimates it."""
    return simulator.bereik(nederland(simulator), tijdstip=CONTROLEBERICHT, kanaal=4370)


def _aandeel(rapport: BereikRapport, leeftijden: set[str]) -> float:
    rijen = [r for r in rapport.per_leeftijd if r.leeftijd in leeftijden]
    return sum(r.bereikt for r in rijen) / sum(r.inwoners_in_gebied for r in rijen)


VANAF_12 = set(LEEFTIJDEN) - {"0-12"}


def test_national_control_message_reaches_90_percent_of_12_plus_and_73_of_75_plus(
    controlebericht: BereikRapport,
) -> None:
    assert controlebericht.inwoners == pytest.approx(17_942_942, rel=0.001)
    assert _aandeel(controlebericht, VANAF_12) == pytest.approx(0.90, abs=0.01)
    assert _aandeel(controlebericht, {"75+"}) == pytest.approx(0.73, abs=0.01)
    # The shipped survey data says the same: model and data are calibrated on one another.
    assert _enquete("12 jaar en ouder") == pytest.approx(0.90)
    assert _enquete("75 jaar en ouder") == pytest.approx(0.73)


def test_national_control_message_informs_94_percent_of_12_plus_with_word_of_mouth(
    controlebericht: BereikRapport,
) -> None:
    r = controlebericht
    zelf = _aandeel(r, VANAF_12)
    # Who missed it is told by others at the same rate at every age.
    via_anderen = r.via_anderen / (r.inwoners - r.bereikt)
    totaal = zelf + (1 - zelf) * via_anderen
    assert totaal == pytest.approx(0.94, abs=0.005)
    assert totaal == pytest.approx(
        _enquete("12 jaar en ouder", "totaal_bereik_incl_via_anderen_pct"), abs=0.005
    )


def test_reach_falls_with_age_from_25_on(controlebericht: BereikRapport) -> None:
    aandeel = [r.bereikt / r.inwoners_in_gebied for r in controlebericht.per_leeftijd]
    vanaf_25 = aandeel[LEEFTIJDEN.index("25-35") :]
    assert vanaf_25 == sorted(vanaf_25, reverse=True)
    assert aandeel[LEEFTIJDEN.index("0-12")] < aandeel[LEEFTIJDEN.index("75+")]  # few own a phone


def _landelijk(simulator: Simulator) -> tuple[list[float], float]:
    """CBS age shares of the whole country and the share of people every operator covers."""
    e = simulator.bevolking.eenheden
    leeftijd = (e.leeftijd * e.inwoners[:, None]).sum(axis=0) / e.inwoners.sum()
    dekking = float(
        sum(
            (a.inwoners[g.all(axis=1)]).sum()
            for a, g in zip(simulator.bevolking.roosters, simulator._gedekt, strict=True)
        )
        / simulator.bevolking.totaal
    )
    return leeftijd.tolist(), dekking


def test_the_shipped_parameters_are_the_calibrated_ones(simulator: Simulator) -> None:
    # Change an assumption and this fails until the two calibrated values are recomputed.
    leeftijd, dekking = _landelijk(simulator)
    standaard = ToestelModel()
    model = kalibreer(standaard, leeftijd, dekking)
    assert model.inhaal == pytest.approx(standaard.inhaal, abs=0.005)
    assert model.aan_overdag == pytest.approx(standaard.aan_overdag, abs=0.002)
    twaalf, oud, jong = ontvangst_controlebericht(model, leeftijd, dekking)
    assert (twaalf, oud) == pytest.approx((0.90, 0.73), abs=1e-6)
    # Not a calibration target, a check: the survey's 18-34 group received it for 95 %.
    assert jong == pytest.approx(_enquete("18-34 jaar"), abs=0.025)


@pytest.mark.parametrize(("doel_12", "doel_75"), [(0.85, 0.60), (0.90, 0.80), (0.80, 0.70)])
def test_calibration_meets_any_reachable_pair_of_survey_figures(
    simulator: Simulator, doel_12: float, doel_75: float
) -> None:
    leeftijd, dekking = _landelijk(simulator)
    model = kalibreer(ToestelModel(), leeftijd, dekking, doel_12, doel_75)
    twaalf, oud, _ = ontvangst_controlebericht(model, leeftijd, dekking)
    assert (twaalf, oud) == pytest.approx((doel_12, doel_75), abs=1e-6)


def test_calibration_refuses_targets_the_model_cannot_meet() -> None:
    with pytest.raises(KalibratieError, match="niet te bereiken"):
        kalibreer(ToestelModel(), [0.15, 0.12, 0.26, 0.27, 0.20], doel_75_plus=0.95)


def test_phone_ownership_falls_with_age_and_stays_a_share() -> None:
    eigen = ToestelModel().telefoon()
    assert np.all((eigen >= 0) & (eigen <= 1))
    assert np.all(np.diff(eigen[2:]) <= 0)
    assert eigen[-1] < eigen[-2]  # 75+ behind 65-75


def test_only_4371_can_be_switched_off() -> None:
    model = ToestelModel()
    assert model.kanaal(4371) < 1
    for kanaal in (4370, 4383, 4381):  # NL-Alert, its additional language, an exercise
        assert model.kanaal(kanaal) == 1.0


def test_fewer_phones_are_on_at_night_than_at_noon() -> None:
    model = ToestelModel()
    middag = model.aan(datetime(2024, 1, 1, 12))
    for uur in range(24):
        assert 0 < model.aan(datetime(2024, 1, 1, uur)) <= middag
    assert model.aan(datetime(2024, 1, 1, 3)) < middag


def test_subscriber_shares_of_the_operators_present_sum_to_one() -> None:
    model = ToestelModel()
    assert model.aandelen([Operator.KPN]) == {Operator.KPN: 1.0}
    assert model.aandelen([Operator.ONBEKEND]) == {Operator.ONBEKEND: 1.0}
    assert sum(model.aandelen([Operator.KPN, Operator.ODIDO]).values()) == pytest.approx(1)
    ander = dataclasses.replace(model, marktaandeel=((Operator.KPN, 0.5), (Operator.ODIDO, 0.25)))
    assert ander.aandelen([Operator.KPN, Operator.ODIDO]) == {
        Operator.KPN: pytest.approx(2 / 3),
        Operator.ODIDO: pytest.approx(1 / 3),
    }
