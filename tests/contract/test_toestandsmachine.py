"""A Hypothesis state machine over sends, follow-ups, retries, checks and stops, with faults.

After every step: what the app says is on air is on the simulator, and what the simulator holds
the app knows of (as on air or unknown). At the end, once the CBC has been asked again, the two
are equal. The faults are real, through the loopback proxy of `tests.storing`.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import ExitStack
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from berichten.modus import BerichtSoort
from nlalert.workflow import opslag
from nlalert.workflow.model import Status, VervolgBezig
from tests.contract.keten import Keten, inhoud, keten, sim_actief
from tests.storing import AntwoordKwijt, Reset, StatusNaDoorsturen, Storing, Vertraging
from tests.storing import Status as Antwoord

STORINGEN: list[Storing | None] = [
    None,
    AntwoordKwijt(),
    Antwoord(503),
    Antwoord(409),
    StatusNaDoorsturen(502),
    Reset(na_doorsturen=False),
    Reset(na_doorsturen=True),
    Vertraging(1.5, na_doorsturen=True),  # past the 1 s read timeout
]
storing = st.sampled_from(STORINGEN)
methode = st.sampled_from(["POST", "DELETE"])
TALEN = [["nl", "en"], ["nl", "en", "de"], ["nl", "de", "ar"], ["nl"]]


class Levenscyclus(RuleBasedStateMachine):
    """Operations a team does, in any order, each perhaps with a fault on the wire."""

    def __init__(self) -> None:
        super().__init__()
        self.map_ = Path(tempfile.mkdtemp(prefix="nlalert-machine-"))
        self.stapel = ExitStack()
        self.k: Keten = self.stapel.enter_context(keten(self.map_))

    def _storing(self, welke: Storing | None, methode_: str) -> None:
        self.k.proxy.wis_plan()  # a fault the last step did not use must not leak into this one
        if welke is not None:
            self.k.proxy.plan_voor(methode_, "/api/ecbe/v1/message", welke)

    def _met_status(self, *statussen: Status) -> list[int]:
        return [r.id for r in opslag.lijst(self.k.db) if r.status in statussen and r.id]

    def _in_de_lucht(self) -> list[int]:
        from datetime import UTC, datetime

        nu = datetime.now(UTC)
        return [
            r.id
            for r in opslag.lijst(self.k.db)
            if r.id and r.status is Status.VERZONDEN and opslag.in_de_lucht(self.k.db, r, nu)
        ]

    @rule(talen=st.sampled_from(TALEN), welke=storing, m=methode)
    def alert(self, talen: list[str], welke: Storing | None, m: str) -> None:
        plaats = f"Plaats {len(opslag.lijst(self.k.db))}"
        bericht_id = self.k.goedgekeurd(
            inhoud(talen=talen, velden={"plaats": plaats, "link": "crisis.nl"})
        )
        self._storing(welke, m)
        self.k.verzend(bericht_id)

    @precondition(lambda self: bool(self._in_de_lucht()))
    @rule(
        data=st.data(),
        soort=st.sampled_from([BerichtSoort.UPDATE, BerichtSoort.EINDE, BerichtSoort.CANCEL]),
        welke=storing,
        m=methode,
    )
    def vervolg(
        self, data: st.DataObject, soort: BerichtSoort, welke: Storing | None, m: str
    ) -> None:
        origineel = data.draw(st.sampled_from(self._in_de_lucht()))
        try:
            bericht_id = self.k.vervolg(origineel, soort)
        except VervolgBezig:
            # Refused while another follow-up of it is half-way: that one needs finishing first.
            assert opslag.onderweg(self.k.db, origineel) is not None
            return
        self._storing(welke, m)
        self.k.verzend(bericht_id)

    @precondition(lambda self: bool(self._met_status(Status.VERZENDFOUT, Status.ONBEKEND)))
    @rule(data=st.data(), welke=storing, m=methode)
    def verder(self, data: st.DataObject, welke: Storing | None, m: str) -> None:
        bericht_id = data.draw(
            st.sampled_from(self._met_status(Status.VERZENDFOUT, Status.ONBEKEND))
        )
        self._storing(welke, m)
        self.k.verzend(bericht_id)

    @precondition(lambda self: bool(self._met_status(Status.ONBEKEND)))
    @rule(data=st.data())
    def controleer(self, data: st.DataObject) -> None:
        self.k.controleer(data.draw(st.sampled_from(self._met_status(Status.ONBEKEND))))

    @precondition(lambda self: bool(self._met_status(Status.VERZENDFOUT, Status.ONBEKEND)))
    @rule(data=st.data())
    def stop(self, data: st.DataObject) -> None:
        self.k.stop(
            data.draw(st.sampled_from(self._met_status(Status.VERZENDFOUT, Status.ONBEKEND)))
        )

    @invariant()
    def app_en_cbc_kloppen(self) -> None:
        assert self.k.app_actief() <= sim_actief(self.k.sim_url) <= self.k.app_mogelijk()
        assert not self._met_status(Status.VERZENDEN)  # nothing left half-way in limbo

    def teardown(self) -> None:
        self.k.proxy.wis_plan()
        try:
            self.k.klopt()
            # Every stuck send has a way out: going on ends it on air.
            for bericht_id in self._met_status(Status.VERZENDFOUT, Status.ONBEKEND):
                assert self.k.verzend(bericht_id).status is Status.VERZONDEN
            self.k.klopt()
        finally:
            self.stapel.close()
            shutil.rmtree(self.map_, ignore_errors=True)


Levenscyclus.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=7,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestLevenscyclus = Levenscyclus.TestCase
