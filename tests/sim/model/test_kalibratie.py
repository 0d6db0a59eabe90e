"""The national control message of June 2020 as the model estimates it, beside the surveys.

Tolerances (sim.model.kalibratie.DOELGROEPEN): 1 percentage point for 12+ and 75+, the two
figures the device model is calibrated on (survey figures are whole per cents from a sample, the
parameters are rounded and the population is of 2024); 2.5 points for 18-34, which is a check on
the model's age curve rather than a target.
"""

from __future__ import annotations

import pytest

from sim import BereikRapport, Simulator
from sim.bronnen.enquetes import metingen
from sim.model.kalibratie import DOELGROEPEN, controlebericht, tekst, vergelijk


@pytest.fixture(scope="module")
def landelijk(simulator: Simulator) -> BereikRapport:
    return controlebericht(simulator)


def test_every_survey_group_is_within_its_stated_tolerance(landelijk: BereikRapport) -> None:
    rijen = {r.doelgroep: r for r in vergelijk(landelijk, metingen())}
    assert set(rijen) == set(DOELGROEPEN)
    verwacht = {
        "12 jaar en ouder": (90, 1.0),
        "18-34 jaar": (95, 2.5),
        "75 jaar en ouder": (73, 1.0),
    }
    for doelgroep, (enquete, marge) in verwacht.items():
        r = rijen[doelgroep]
        assert r.enquete_procent == enquete  # the published survey of 8 June 2020
        assert r.marge_punten == marge
        assert r.model_procent == pytest.approx(enquete, abs=marge), doelgroep
        assert r.binnen_marge


def test_the_printout_shows_model_and_surveys_per_group(landelijk: BereikRapport) -> None:
    uit = tekst(vergelijk(landelijk, metingen()))
    assert "verwachting uit een model" in uit
    regels = {r.split("  ")[0].strip(): r for r in uit.splitlines() if "%" in r and "±" in r}
    assert set(regels) == set(DOELGROEPEN)
    assert "73 %" in regels["75 jaar en ouder"] and "binnen de marge" in regels["75 jaar en ouder"]
    # Every later survey of 12+ is listed too, not just the calibration one.
    assert "2021-12-06 90 %" in uit and "2018-12-03 74 %" in uit


def test_a_model_far_from_the_survey_is_reported_outside_the_margin(
    landelijk: BereikRapport,
) -> None:
    # 1.5 points below the survey is beyond the 1-point tolerance of 12+.
    rijen = vergelijk(landelijk, metingen())
    twaalf = next(r for r in rijen if r.doelgroep == "12 jaar en ouder")
    verschoven = type(twaalf)(
        doelgroep=twaalf.doelgroep,
        model_procent=twaalf.model_procent - 1.5,
        enquete_procent=twaalf.enquete_procent,
        marge_punten=twaalf.marge_punten,
        metingen=twaalf.metingen,
    )
    assert not verschoven.binnen_marge
    assert "BUITEN DE MARGE" in tekst([verschoven])


def test_kalibratie_without_its_data_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sim.__main__ as hoofd
    from sim.fouten import SimError

    def zonder_data() -> tuple[str, bool]:
        raise SimError("data/nl_alert_bereik.csv ontbreekt")

    monkeypatch.setattr(hoofd, "kalibratie", zonder_data)
    assert hoofd.main(["--kalibratie"]) == 2
    fout = capsys.readouterr().err
    assert fout == "sim: kalibratie niet uit te rekenen: data/nl_alert_bereik.csv ontbreekt\n"
