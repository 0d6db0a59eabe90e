"""What a CBC receives over ECBE: one broadcast, checked before anything goes over the wire.

The JSON is osmo-cbc's `cbc.schema.json` / `smscb.schema.json`; the simulator reads the same, plus
its `area` and `alert` extensions (osmo-cbc ignores keys it does not know).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from berichten.identificatie import SerialNumber
from berichten.paginas import MAX_PAGES
from nlalert.fouten import N_, NlalertError

PAGINA_OCTETS = 82
MAX_PAGINAS = MAX_PAGES  # TS 23.041: 1 to 15 pages
CBSP_PERIODE_SECONDEN = 1.883  # the unit of repetition_period on CBSP (TS 48.049)
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")


class OngeldigeUitzending(NlalertError):
    """The broadcast cannot be sent as it is; found before anything went over the wire."""


class Categorie(StrEnum):
    """CBSP category of a broadcast."""

    NORMAL = "normal"
    HIGH_PRIORITY = "high_priority"
    BACKGROUND = "background"


@dataclass(frozen=True, slots=True, kw_only=True)
class Uitzending:
    """One broadcast as the CBC receives it: identifier, serial, DCS, pages and how long it runs."""

    message_id: int
    serial: SerialNumber
    dcs: int
    page_hex: tuple[str, ...]
    cbe_name: str = "nlalert"
    category: Categorie = Categorie.HIGH_PRIORITY
    # Units of 1.883 s (CBSP), so 32 is about a minute. The NL operators' setting is UNKNOWN.
    repetition_period: int = 32
    num_of_bcast: int = 0  # 0 = until withdrawn
    area: Mapping[str, Any] | None = field(default=None, hash=False)
    alert: str | None = None  # the simulator's extension: which alert this broadcast belongs to
    # The simulator's extension: which exercise run it belongs to (`oefening_label`), so the
    # simulator can clear that exercise's broadcasts alone. Only on a test or exercise channel.
    oefening_id: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.message_id <= 65535:
            raise OngeldigeUitzending(
                N_("message_id %(waarde)s ligt niet tussen 0 en 65535"), waarde=self.message_id
            )
        if not 0 <= self.dcs <= 255:
            raise OngeldigeUitzending(
                N_("DCS %(waarde)s ligt niet tussen 0 en 255"), waarde=self.dcs
            )
        if not 1 <= self.repetition_period <= 4095:
            raise OngeldigeUitzending(N_("repetition_period ligt niet tussen 1 en 4095"))
        if not 0 <= self.num_of_bcast <= 65535:
            raise OngeldigeUitzending(N_("num_of_bcast ligt niet tussen 0 en 65535"))
        if not 1 <= len(self.page_hex) <= MAX_PAGINAS:
            raise OngeldigeUitzending(
                N_("een uitzending heeft 1 tot en met %(max)s pagina's, niet %(aantal)s"),
                max=MAX_PAGINAS,
                aantal=len(self.page_hex),
            )
        for nr, page in enumerate(self.page_hex, start=1):
            if not _HEX.fullmatch(page) or len(page) > 2 * PAGINA_OCTETS:
                raise OngeldigeUitzending(
                    N_("pagina %(nr)s is geen hexadecimale tekst van ten hoogste %(max)s octets"),
                    nr=nr,
                    max=PAGINA_OCTETS,
                )

    @property
    def duur_seconden(self) -> float | None:
        """How long the CBC broadcasts it: num_of_bcast x repetition_period; None = until withdrawn."""
        if self.num_of_bcast == 0:
            return None
        return self.num_of_bcast * self.repetition_period * CBSP_PERIODE_SECONDEN

    def to_ecbe_json(self) -> dict[str, Any]:
        """The JSON body of `POST /api/ecbe/v1/message` (osmo-cbc's cbc.schema.json)."""
        data: dict[str, Any] = {
            "cbe_name": self.cbe_name,
            "category": self.category.value,
            "repetition_period": self.repetition_period,
            "num_of_bcast": self.num_of_bcast,
            "scope": {"scope_plmn": {}},
            "smscb_message": {
                "message_id": self.message_id,
                "serial_nr": {
                    "serial_nr_decoded": {
                        "geo_scope": self.serial.geo_scope.osmo_name,
                        "msg_code": self.serial.message_code,
                        "update_nr": self.serial.update_number,
                    }
                },
                "payload": {"payload_encoded": {"dcs": self.dcs, "pages": list(self.page_hex)}},
            },
        }
        if self.area is not None:
            data["area"] = dict(self.area)
        if self.alert is not None:
            data["alert"] = self.alert
        if self.oefening_id is not None:
            data["oefening_id"] = self.oefening_id
        return data


def oefening_label(oefening_id: int) -> str:
    """How an exercise of ours is named to the simulator (its `oefening_id` extension)."""
    return f"nlalert-oefening-{oefening_id}"


def herhalingen_voor(duur_seconden: float, repetition_period: int = 32) -> int:
    """num_of_bcast for a broadcast that should run `duur_seconden` (at least one broadcast)."""
    stap = repetition_period * CBSP_PERIODE_SECONDEN
    return max(1, min(65535, round(duur_seconden / stap)))
