"""The CBC client and the page encoder against a real osmo-cbc 0.4.0 (docs/osmo-cbc.md).

Runs when OSMO_CBC_URL and OSMO_CBC_WORKDIR name a running kit (../shared/interop/osmo-cbc;
`.ci/run` starts it) and skips, saying why, when they don't. Every broadcast must reach the wire
(the stub BSC's cbsp.jsonl) with our pages octet for octet, our DCS and our serial number.

osmo-cbc can lose its REST answer although it did the work; the client (profile osmo-cbc-0.4, no
GET) then honestly says ONBEKEND. So a send or withdraw passes when the client says GEDAAN or
ONBEKEND and osmo-cbc's VTY shows the result; never when it says GEWEIGERD or NIET_BEREIKT.

Only the exercise and test channels (4381/4394, 4380/4393), never a real alert channel. They are
stopped before and after every test, also when it fails (the `oefenkanalen` fixture).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime

import pytest

from berichten.compose import Instellingen, compose
from berichten.identificatie import EXERCISE, TEST
from berichten.model import Bericht, Herkomst
from berichten.modus import BerichtSoort, Modus
from nlalert.koppelingen.cbc import CBCClient
from nlalert.koppelingen.ecbe import Uitzending
from nlalert.koppelingen.profiel import OSMO_CBC_04
from nlalert.koppelingen.uitkomst import Uitkomst
from tests.contract.osmo import (
    OEFENKANALEN,
    CbspLog,
    OsmoKit,
    actieve_berichten,
    actieve_ids,
    cbsp,
    oefenkanalen,
    op_de_lucht,
    osmo_kit,
    verwacht,
    wacht_tot,
)

pytestmark = pytest.mark.osmo

# The fixtures live in tests/contract/osmo.py; naming them here lets pytest find them.
__all__ = ["cbsp", "oefenkanalen", "osmo_kit"]

# Message codes no other test uses, so the records of these tests are told apart in cbsp.jsonl.
CODE_ALERT = 613
CODE_TEST = 614
CODE_DUUR = 615
VELDEN = {"plaats": "Moerdijk", "link": "crisis.nl"}
# osmo-cbc keys active broadcasts on the message id alone: every further language needs a channel
# of its own, the additional-language channel.
INSTELLINGEN = Instellingen(extra_taal_kanaal=True)
# The stub BSC answers at once, so a longer wait only makes a lost answer cost more.
TIMEOUT = (3.05, 5.0)
GELUKT = (Uitkomst.GEDAAN, Uitkomst.ONBEKEND)


@pytest.fixture
def client(osmo_kit: OsmoKit) -> Iterator[CBCClient]:
    """The project's CBC client with the osmo-cbc profile."""
    with CBCClient(osmo_kit.url, profiel=OSMO_CBC_04, timeout=TIMEOUT, retries=2) as c:
        yield c


def uitzendingen(bericht: Bericht) -> list[Uitzending]:
    """The broadcasts of a Bericht as the client sends them; only on exercise or test channels."""
    uit = [
        Uitzending(
            message_id=u.message_identifier,
            serial=u.serial,
            dcs=u.cb.dcs,
            page_hex=u.cb.page_hex,
            cbe_name="nlalert-test",
        )
        for u in bericht.uitzendingen
    ]
    assert {u.message_id for u in uit} <= OEFENKANALEN, "never a real alert channel"
    return uit


def verzend(client: CBCClient, kit: OsmoKit, log: CbspLog, uitzending: Uitzending) -> None:
    """Send one broadcast; osmo-cbc must hold it and have put exactly our pages on the wire."""
    vanaf = log.einde()
    antwoord = client.verzend(uitzending)
    assert antwoord.uitkomst in GELUKT, antwoord.to_dict()
    wacht_tot(
        lambda: actieve_berichten(kit.vty).get(uitzending.message_id) == uitzending.serial.waarde,
        wat=f"osmo-cbc holds {uitzending.message_id} with serial {uitzending.serial.waarde:04X}",
    )
    records = log.wacht_op(vanaf, "WRITE-REPLACE", uitzending.message_id, uitzending.serial.waarde)
    assert len(records) == 1, "one WRITE-REPLACE per broadcast, also when the answer was lost"
    assert op_de_lucht(records[0]) == verwacht(uitzending)


def trek_in(client: CBCClient, kit: OsmoKit, log: CbspLog, uitzending: Uitzending) -> None:
    """Withdraw one broadcast; osmo-cbc must stop holding it and send a KILL for its serial."""
    vanaf = log.einde()
    antwoord = client.trek_in(uitzending)
    assert antwoord.uitkomst in GELUKT, antwoord.to_dict()
    wacht_tot(
        lambda: uitzending.message_id not in actieve_ids(kit.vty),
        wat=f"osmo-cbc no longer holds {uitzending.message_id}",
    )
    log.wacht_op(vanaf, "KILL", uitzending.message_id, uitzending.serial.waarde)


def test_alert_update_and_cancel_go_on_air_as_encoded(
    client: CBCClient,
    osmo_kit: OsmoKit,
    cbsp: CbspLog,
    oefenkanalen: frozenset[int],
    moment: datetime,
) -> None:
    alert = compose(
        "brand-rook",
        VELDEN,
        talen=["nl", "en", "de"],
        modus=Modus.OEFENING,
        tijd=moment,
        berichtcode=CODE_ALERT,
        instellingen=INSTELLINGEN,
    )
    eerste = uitzendingen(alert)
    # Dutch + English on the exercise channel, German as its own broadcast beside it.
    assert [u.message_id for u in eerste] == [EXERCISE, EXERCISE + 13]
    for u in eerste:
        verzend(client, osmo_kit, cbsp, u)
    # Two message ids are active at once.
    assert {u.message_id: u.serial.waarde for u in eerste}.items() <= (
        actieve_berichten(osmo_kit.vty).items()
    )

    update = compose(
        "brand-rook",
        VELDEN,
        talen=["nl", "en", "de"],
        modus=Modus.OEFENING,
        soort=BerichtSoort.UPDATE,
        herkomst=Herkomst.van(alert),
        tijd=moment,
        instellingen=INSTELLINGEN,
    )
    tweede = uitzendingen(update)
    assert [u.message_id for u in tweede] == [u.message_id for u in eerste]
    for oud, nieuw in zip(eerste, tweede, strict=True):
        assert nieuw.serial.message_code == oud.serial.message_code
        assert nieuw.serial.update_number == oud.serial.update_number + 1
        # osmo-cbc holds one broadcast per message id: the old one goes before the new one.
        trek_in(client, osmo_kit, cbsp, oud)
        verzend(client, osmo_kit, cbsp, nieuw)

    for u in tweede:  # the cancel
        trek_in(client, osmo_kit, cbsp, u)
    assert not actieve_ids(osmo_kit.vty) & oefenkanalen


def test_test_message_goes_on_air_as_encoded(
    client: CBCClient,
    osmo_kit: OsmoKit,
    cbsp: CbspLog,
    oefenkanalen: frozenset[int],
    moment: datetime,
) -> None:
    # Dutch + English in GSM-7 on the test channel; Ukrainian in UCS-2 beside it.
    bericht = compose(
        "controlebericht",
        {},
        talen=["nl", "en", "uk"],
        tijd=moment,
        berichtcode=CODE_TEST,
        instellingen=INSTELLINGEN,
    )
    assert bericht.modus is Modus.TEST
    test = uitzendingen(bericht)
    assert [u.message_id for u in test] == [TEST, TEST + 13]
    assert [u.cb.encoding for u in bericht.uitzendingen] == ["gsm7", "ucs2"]
    for u in test:
        verzend(client, osmo_kit, cbsp, u)
    for u in test:
        trek_in(client, osmo_kit, cbsp, u)


def test_a_second_broadcast_on_an_active_message_id_changes_nothing(
    client: CBCClient,
    osmo_kit: OsmoKit,
    cbsp: CbspLog,
    oefenkanalen: frozenset[int],
    moment: datetime,
) -> None:
    alert = compose(
        "brand-rook",
        VELDEN,
        talen=["nl", "en"],
        modus=Modus.OEFENING,
        tijd=moment,
        berichtcode=CODE_ALERT,
        instellingen=INSTELLINGEN,
    )
    update = compose(
        "brand-rook",
        VELDEN,
        talen=["nl", "en"],
        modus=Modus.OEFENING,
        soort=BerichtSoort.UPDATE,
        herkomst=Herkomst.van(alert),
        tijd=moment,
        instellingen=INSTELLINGEN,
    )
    [oud] = uitzendingen(alert)
    [nieuw] = uitzendingen(update)
    verzend(client, osmo_kit, cbsp, oud)

    vanaf = cbsp.einde()
    antwoord = client.verzend(nieuw)  # an update without withdrawing the old broadcast first
    # 409, or a lost 409 answer: never reported as done.
    assert antwoord.uitkomst in (Uitkomst.GEWEIGERD, Uitkomst.ONBEKEND), antwoord.to_dict()
    time.sleep(0.5)  # a WRITE-REPLACE would have reached the stub by now
    assert actieve_berichten(osmo_kit.vty)[EXERCISE] == oud.serial.waarde
    assert not cbsp.van(vanaf, "WRITE-REPLACE", EXERCISE, nieuw.serial.waarde)
    trek_in(client, osmo_kit, cbsp, oud)


def test_a_finite_broadcast_holds_its_message_id_until_withdrawn(
    client: CBCClient,
    osmo_kit: OsmoKit,
    cbsp: CbspLog,
    oefenkanalen: frozenset[int],
    moment: datetime,
) -> None:
    bericht = compose("controlebericht", {}, talen=["nl"], tijd=moment, berichtcode=CODE_DUUR)
    [u] = uitzendingen(bericht)
    kort = Uitzending(
        message_id=u.message_id,
        serial=u.serial,
        dcs=u.dcs,
        page_hex=u.page_hex,
        cbe_name=u.cbe_name,
        repetition_period=1,
        num_of_bcast=1,
    )
    assert kort.duur_seconden is not None
    verzend(client, osmo_kit, cbsp, kort)
    # osmo-cbc 0.4.0 ends nothing by itself: after its broadcasts are done the message id is
    # still taken, so the next broadcast on it needs a DELETE first.
    time.sleep(kort.duur_seconden + 2)
    assert actieve_berichten(osmo_kit.vty).get(TEST) == kort.serial.waarde
    trek_in(client, osmo_kit, cbsp, kort)
