"""The web app's real sender against the real simulator: the approved record goes out as composed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests

from berichten import Afzender, BerichtSoort, InvalidCombination
from nlalert import workflow
from nlalert.gebruikers import Gebruiker, Rol
from nlalert.verzender import Doel
from nlalert.verzenders import CBCVerzender
from nlalert.voorbeeld import herkomst_van
from tests.nlalert.conftest import inhoud
from tests.simulator import draaiende_simulator

NU = datetime(2026, 11, 22, 13, 30, tzinfo=UTC)
AFZENDER = Afzender(id="vr20@example.nl", naam="Veiligheidsregio Midden- en West-Brabant")
ANNA = Gebruiker(
    id=1,
    naam="anna",
    rol=Rol.OPSTELLER,
    training=False,
    moet_wachtwoord_wijzigen=False,
    wachtwoord_kenmerk="x",
)


@pytest.fixture
def sim_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with draaiende_simulator(tmp_path_factory.mktemp("sim-verzender")) as url:
        yield url


def test_record_is_sent_as_composed_and_its_cap_identity_is_kept(sim_url: str) -> None:
    record = dataclasses.replace(workflow.maak(inhoud(), ANNA, message_code=12, nu=NU), id=1)
    verzender = CBCVerzender(
        url=sim_url, doel=Doel.SIMULATOR, afzender=lambda: AFZENDER, origineel=lambda _: record
    )
    resultaat = verzender.verzend(record)
    assert resultaat["status"] == 201 and resultaat["message_id"] == 4381
    status = requests.get(sim_url + str(resultaat["locatie"]), timeout=10).json()
    assert status["tekst"] == resultaat["tekst"]  # the simulator decoded exactly what was composed
    assert "Grote brand met veel rook in Utrecht." in status["tekst"]

    # An update refers to the identity the original really went out with.
    verzonden = dataclasses.replace(
        record, status=workflow.Status.VERZONDEN, verzonden_op=NU, cbc_resultaat=resultaat
    )
    herkomst = herkomst_van(verzonden, Afzender(id="iemand-anders"))
    assert herkomst.identifier == resultaat["cap"]["identifier"]
    assert herkomst.sender == "vr20@example.nl"

    # Withdrawing stops the broadcast; a second withdraw is already done, not an error.
    assert verzender.trek_in(verzonden)["status"] == 200
    assert (
        requests.get(sim_url + str(resultaat["locatie"]), timeout=10).json()["status"] != "actief"
    )


def test_a_record_whose_mode_and_channel_disagree_is_never_sent(sim_url: str) -> None:
    record = dataclasses.replace(workflow.maak(inhoud(), ANNA, message_code=13, nu=NU), id=2)
    verzender = CBCVerzender(
        url=sim_url, doel=Doel.SIMULATOR, afzender=lambda: AFZENDER, origineel=lambda _: record
    )
    update = dataclasses.replace(
        record,
        soort=BerichtSoort.UPDATE,
        origineel_id=2,
        update_nummer=1,
        inhoud={**record.inhoud, "soort": "update", "modus": "echt"},
    )
    with pytest.raises(InvalidCombination) as info:
        verzender.verzend(update)  # the original was an exercise on 4381: an update cannot go real
    assert "kanaal 4381" in info.value.bericht
