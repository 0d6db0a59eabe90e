"""A stored broadcast as a value, and the JSON shapes in which the service shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sim.ecbe.uitzending import OEFEN_IDS, Serienummer

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The totals of a reach report that a list shows; the full report is on the broadcast itself.
_BEREIK_KERNGETALLEN = ("kanaal", "inwoners", "bereikt", "overshoot", "via_anderen")


class Soort(StrEnum):
    """Which store a broadcast belongs to."""

    ECHT = "echt"
    OEFENING = "oefening"

    @property
    def tabel(self) -> str:
        """The SQLite table of this kind."""
        return "oefeningen" if self is Soort.OEFENING else "uitzendingen"

    @classmethod
    def van(cls, message_id: int) -> Soort:
        """The kind a message identifier belongs to."""
        return cls.OEFENING if message_id in OEFEN_IDS else cls.ECHT


@dataclass(frozen=True, slots=True, kw_only=True)
class Opgeslagen:
    """One stored broadcast with its decoded text and reach report."""

    id: str
    soort: Soort
    message_id: int
    serial: int
    dcs: int
    paginas: tuple[str, ...]
    tekst: str
    taal: str | None
    bereik: Mapping[str, Any] | None
    waarschuwingen: tuple[str, ...]
    verzoek: Mapping[str, Any]
    alert: str | None
    ontvangen: datetime
    eindigt: datetime | None  # None: runs until a DELETE (num_of_bcast 0)
    gestopt: datetime | None  # the DELETE, or `eindigt` once that has passed
    oefening_id: str | None = None  # the sender's exercise it belongs to, if it named one

    @property
    def oefening(self) -> bool:
        """Whether this is a test or exercise broadcast."""
        return self.soort is Soort.OEFENING

    @property
    def msg_code(self) -> int:
        """The message code of the serial number: with the message id, it names the broadcast."""
        return Serienummer.uit_encoded(self.serial).msg_code

    @property
    def status(self) -> str:
        """`actief` until a DELETE stopped it or its broadcasts ran out, then `gestopt`."""
        return "actief" if self.gestopt is None else "gestopt"

    def samenvatting(self) -> dict[str, Any]:
        """The short JSON shape used in lists."""
        return {
            "id": self.id,
            "message_id": self.message_id,
            "serial": Serienummer.uit_encoded(self.serial).to_dict(),
            "status": self.status,
            "oefening": self.oefening,
            "alert": self.alert,
            "oefening_id": self.oefening_id,
            "tekst": self.tekst,
            "ontvangen": _lokaal(self.ontvangen),
            "eindigt": _lokaal(self.eindigt),
        }

    def to_dict(self) -> dict[str, Any]:
        """The full JSON shape of `GET /api/v1/broadcasts/<id>`."""
        return self.samenvatting() | {
            "dcs": self.dcs,
            "taal": self.taal,
            "pages": list(self.paginas),
            "gestopt": _lokaal(self.gestopt),
            "waarschuwingen": list(self.waarschuwingen),
            "area": self.verzoek.get("area"),
            "bereik": self.bereik,
        }

    def met_kerngetallen(self) -> dict[str, Any]:
        """The short shape plus the totals of its own reach report (None without an area)."""
        kern = None
        if self.bereik is not None:
            kern = {k: self.bereik[k] for k in _BEREIK_KERNGETALLEN if k in self.bereik}
        return self.samenvatting() | {"bereik": kern}

    def ecbe_dict(self) -> dict[str, Any]:
        """The shape of one message in `GET /api/ecbe/v1/message[/<message_id>]`."""
        serial = Serienummer.uit_encoded(self.serial).to_dict()
        return {
            "id": self.id,
            "message_id": self.message_id,
            "serial_nr": {
                "serial_nr_encoded": serial.pop("encoded"),
                "serial_nr_decoded": serial,
            },
            "dcs": self.dcs,
            "pages": list(self.paginas),
            "category": self.verzoek["category"],
            "repetition_period": self.verzoek["repetition_period"],
            "num_of_bcast": self.verzoek["num_of_bcast"],
            "ontvangen": _lokaal(self.ontvangen),
            "eindigt": _lokaal(self.eindigt),
            "alert": self.alert,
            "tekst": self.tekst,
        }


def _lokaal(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(AMSTERDAM).isoformat()
