"""How one operation at a CBC ended, and what the CBC last said: the client's only result."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from nlalert.fouten import Melding


class Uitkomst(StrEnum):
    """How one operation at the CBC ended; see the module docstring."""

    GEDAAN = "gedaan"
    GEWEIGERD = "geweigerd"
    NIET_BEREIKT = "niet_bereikt"
    ONBEKEND = "onbekend"


@dataclass(frozen=True, slots=True, kw_only=True)
class Antwoord:
    """How an operation ended, what the CBC last said, and how that was established."""

    uitkomst: Uitkomst
    uitleg: Melding  # Dutch msgid and parameters: why, in words for the user
    status: int | None = None  # the last HTTP status, if any answer came
    pogingen: int = 1
    bevestigd: bool = False  # established by asking the CBC (GET), not by the operation's answer
    locatie: str | None = None  # the simulator's Location header; osmo-cbc sends none

    def to_dict(self) -> dict[str, Any]:
        """JSON shape, as stored with the outbox row and shown in the API."""
        return {
            "uitkomst": self.uitkomst.value,
            "uitleg": str(self.uitleg),
            "tekst": self.uitleg.als_json(),
            "status": self.status,
            "pogingen": self.pogingen,
            "bevestigd": self.bevestigd,
            "locatie": self.locatie,
        }
