"""The real Verzenders: a stored, approved record becomes pages on a CBC or the simulator.

The record is composed by the same function the approval page uses (`voorbeeld.bericht_van`),
so what the approver saw is what goes out; only the header time is the moment of sending.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from berichten import Afzender, Bericht
from nlalert.cbc import CBCClient
from nlalert.uitzending import uitzending_voor
from nlalert.verzender import Doel
from nlalert.voorbeeld import bericht_van
from nlalert.workflow import BerichtRecord


@dataclass(frozen=True, slots=True, kw_only=True)
class CBCVerzender:
    """Sends through the ECBE interface at `url`: a real CBC, or the simulator (`doel`)."""

    url: str
    doel: Doel
    afzender: Callable[[], Afzender]
    origineel: Callable[[int], BerichtRecord]
    timeout: float = 30.0  # osmo-cbc may take 15 s when no cell is connected

    def bericht(self, record: BerichtRecord) -> Bericht:
        """The Bericht a record stands for, exactly as the approval page composed it."""
        return bericht_van(record, afzender=self.afzender(), origineel=self.origineel)

    def _client(self) -> CBCClient:
        return CBCClient(self.url, timeout=(3.05, self.timeout))

    def verzend(self, record: BerichtRecord) -> Mapping[str, Any]:
        """Submit the primary broadcast; a 409 on a retry means it was already there."""
        bericht = self.bericht(record)
        uitzending = uitzending_voor(bericht)
        with self._client() as client:
            resultaat = client.submit(uitzending)
        return {
            "doel": self.doel.value,
            "cbc": self.url,
            "message_id": uitzending.message_id,
            "serial_number": bericht.serial.waarde,
            "status": resultaat.status,
            "herhaald": resultaat.herhaald,
            "detail": resultaat.detail,
            "locatie": resultaat.locatie,
            "tekst": bericht.tekst,
            # What an update or cancel must put in CAP <references>: sender,identifier,sent.
            "cap": {
                "identifier": bericht.identifier,
                "sender": bericht.afzender.id,
                "sent": bericht.tijd.isoformat(timespec="seconds"),
            },
            "gebied": bericht.gebied.to_geojson() if bericht.gebied else None,
        }

    def trek_in(self, record: BerichtRecord) -> Mapping[str, Any]:
        """Stop the broadcast of a sent record; a 404 on a retry means it was already stopped."""
        message_id = (record.cbc_resultaat or {}).get("message_id")
        if not isinstance(message_id, int):
            message_id = uitzending_voor(self.bericht(record)).message_id
        with self._client() as client:
            resultaat = client.cancel(message_id)
        return {
            "doel": self.doel.value,
            "message_id": message_id,
            "status": resultaat.status,
            "herhaald": resultaat.herhaald,
        }


def init_app(app: Any) -> None:
    """Wire the configured CBC and the simulator's exercise store, unless a test injected its own."""
    from nlalert import opslag
    from nlalert.db import get_db
    from nlalert.opstellen import afzender  # one reading of NLALERT_AFZENDER_NAAM / _ID

    def origineel(bericht_id: int) -> BerichtRecord:
        return opslag.lees(get_db(), bericht_id)

    sim, cbc = app.config["SIM_URL"], app.config["CBC_URL"]
    app.extensions.setdefault(
        opslag.VERZENDER,
        CBCVerzender(
            url=cbc,
            doel=Doel.SIMULATOR if cbc == sim else Doel.CBC,
            afzender=afzender,
            origineel=origineel,
        ),
    )
    # Training only ever reaches the simulator's exercise store, whatever CBC_URL says.
    app.extensions.setdefault(
        opslag.OEFENVERZENDER,
        CBCVerzender(url=sim, doel=Doel.SIMULATOR, afzender=afzender, origineel=origineel),
    )
