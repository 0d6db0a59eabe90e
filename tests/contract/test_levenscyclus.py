"""Send, update, all-clear and cancel with faults on the wire: what the app says is on air is what
the simulator holds, and every state the fault leaves has an action that works.

The faults are real: a proxy on loopback between the app and the real simulator delays, drops
the answer, answers 5xx or 409 without forwarding, or resets the connection, per request.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from berichten.modus import BerichtSoort
from nlalert.workflow.model import Status
from tests.contract.keten import Keten, inhoud, keten, sim_actief
from tests.storing import (
    AntwoordKwijt,
    Reset,
    StatusNaDoorsturen,
    Storing,
    Vertraging,
)
from tests.storing import (
    Status as Antwoord,
)

STORINGEN: dict[str, Storing] = {
    "antwoord-kwijt": AntwoordKwijt(),
    "503-niet-doorgestuurd": Antwoord(503),
    "502-na-doorsturen": StatusNaDoorsturen(502),
    "409-van-een-proxy": Antwoord(409),
    "reset-ervoor": Reset(na_doorsturen=False),
    "reset-erna": Reset(na_doorsturen=True),
    "te-laat": Vertraging(2.5, na_doorsturen=True),  # the client's read timeout is 1 s
}
OPERATIES = {
    "alert": None,
    "update": BerichtSoort.UPDATE,
    "einde": BerichtSoort.EINDE,
    "intrekken": BerichtSoort.CANCEL,
}
MET_ACTIE = {Status.VERZONDEN, Status.VERZENDFOUT, Status.ONBEKEND}


def _doe(k: Keten, operatie: str, methode: str, storing: Storing, keer: int) -> int:
    """Run one operation with `storing` on its first `keer` requests of `methode`; its id."""
    soort = OPERATIES[operatie]
    if soort is None:
        bericht_id = k.goedgekeurd(inhoud())
    else:
        alert = k.goedgekeurd(inhoud())
        assert k.verzend(alert).status is Status.VERZONDEN
        bericht_id = k.vervolg(alert, soort)
    for _ in range(keer):
        k.proxy.plan_voor(methode, "/api/ecbe/v1/message", storing)
    k.verzend(bericht_id)
    return bericht_id


@pytest.mark.parametrize(
    ("profiel", "keer"),
    [("nlalert-sim", 1), ("nlalert-sim", 2), ("osmo-cbc-0.4", 1)],
    ids=["met-get-eenmaal", "met-get-ook-de-herhaling", "zonder-get"],
)
@pytest.mark.parametrize("storing", list(STORINGEN), ids=list(STORINGEN))
@pytest.mark.parametrize(
    ("operatie", "methode"),
    [
        ("alert", "POST"),
        ("update", "DELETE"),
        ("update", "POST"),
        ("einde", "POST"),
        ("intrekken", "DELETE"),
    ],
)
def test_a_fault_leaves_a_true_state_and_a_way_out(
    tmp_path: Path, operatie: str, methode: str, storing: str, profiel: str, keer: int
) -> None:
    with keten(tmp_path, profiel=profiel) as k:
        bericht_id = _doe(k, operatie, methode, STORINGEN[storing], keer)
        # Never "sent" while the CBC lacks it; always a state with an action.
        assert k.status(bericht_id) in MET_ACTIE
        assert k.app_actief() <= sim_actief(k.sim_url) <= k.app_mogelijk()
        if profiel == "nlalert-sim":
            k.klopt()  # a CBC that answers GET settles every unknown
        # The way out: go on with the send; it ends on air, with nothing doubled.
        if k.status(bericht_id) is not Status.VERZONDEN:
            assert k.verzend(bericht_id).status is Status.VERZONDEN
        k.klopt()
        verwacht = {"alert": 2, "update": 2, "einde": 2, "intrekken": 0}[operatie]
        assert len(sim_actief(k.sim_url)) == verwacht


def test_an_update_whose_send_failed_after_the_withdraw_is_retried_as_a_send(
    tmp_path: Path,
) -> None:
    with keten(tmp_path) as k:
        alert = k.goedgekeurd(inhoud(talen=["nl", "en"]))
        k.verzend(alert)
        update = k.vervolg(alert, BerichtSoort.UPDATE)
        for _ in range(2):  # both attempts of the client
            k.proxy.plan_voor("POST", "/api/ecbe/v1/message", Antwoord(503))
        assert k.verzend(update).status is Status.VERZENDFOUT
        assert sim_actief(k.sim_url) == set()  # the original is off air, the update not on yet
        aantal = len(k.proxy.log)
        assert k.verzend(update).status is Status.VERZONDEN
        opnieuw = [r.methode for r in k.proxy.log[aantal:]]
        assert "DELETE" not in opnieuw and "POST" in opnieuw  # a send, not another withdraw
        k.klopt()


def test_a_stuck_send_can_be_stopped_and_closes_its_original(tmp_path: Path) -> None:
    with keten(tmp_path) as k:
        alert = k.goedgekeurd(inhoud())
        k.verzend(alert)
        update = k.vervolg(alert, BerichtSoort.UPDATE)
        k.proxy.plan_voor("POST", "/api/ecbe/v1/message", Antwoord(400, "kapot"))
        assert k.verzend(update).status is Status.VERZENDFOUT
        assert len(sim_actief(k.sim_url)) == 1  # the German update went out; Dutch refused
        assert k.stop(update).status is Status.INGETROKKEN
        assert sim_actief(k.sim_url) == set()
        assert k.status(alert) is Status.INGETROKKEN  # its broadcasts are gone too
        k.klopt()


def test_two_exercises_at_once_go_out_side_by_side(tmp_path: Path) -> None:
    with keten(tmp_path) as k:
        een = k.goedgekeurd(inhoud())
        twee = k.goedgekeurd(inhoud(velden={"plaats": "Breda", "link": "crisis.nl"}))
        assert k.verzend(een).status is Status.VERZONDEN
        assert k.verzend(twee).status is Status.VERZONDEN
        assert len(sim_actief(k.sim_url)) == 4
        k.klopt()
