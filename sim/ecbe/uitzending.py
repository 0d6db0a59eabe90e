"""The values of the ECBE wire format: one broadcast request and its serial number."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

# The unit of the CBSP repetition period in seconds (TS 48.049): osmo-cbc's VTY prints
# rep_period * 1.883 as the period in seconds.
HERHALINGSEENHEID_S = 1.883
# EU-Alert test and exercise channels, local and additional language (ETSI TS 102 900).
OEFEN_IDS = frozenset({4380, 4381, 4393, 4394})


class GeoScope(StrEnum):
    """Geographical scope of the serial number (TS 23.041 9.4.1.2.1), named as osmo-cbc names it."""

    CELL_WIDE_IMMEDIATE = "cell_wide_immediate"
    PLMN_WIDE = "plmn_wide"
    LAC_SAC_TAC_WIDE = "lac_sac_tac_wide"
    CELL_WIDE = "cell_wide"


_GEO_SCOPES = tuple(GeoScope)  # index = the 2-bit code


class Categorie(StrEnum):
    """CBSP category of a broadcast."""

    NORMAL = "normal"
    HIGH_PRIORITY = "high_priority"
    BACKGROUND = "background"


@dataclass(frozen=True, slots=True, kw_only=True)
class Serienummer:
    """The 16-bit serial number: geographical scope, message code and update number."""

    geo_scope: GeoScope
    msg_code: int
    update_nr: int

    @property
    def encoded(self) -> int:
        """The serial number as the 16-bit value on the air."""
        return (_GEO_SCOPES.index(self.geo_scope) << 14) | (self.msg_code << 4) | self.update_nr

    @classmethod
    def uit_encoded(cls, waarde: int) -> Serienummer:
        """Split a 16-bit serial number into its fields."""
        return cls(
            geo_scope=_GEO_SCOPES[(waarde >> 14) & 0x3],
            msg_code=(waarde >> 4) & 0x3FF,
            update_nr=waarde & 0xF,
        )

    def to_dict(self) -> dict[str, Any]:
        """The `serial_nr_decoded` JSON shape plus the encoded value."""
        return {
            "geo_scope": self.geo_scope.value,
            "msg_code": self.msg_code,
            "update_nr": self.update_nr,
            "encoded": self.encoded,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Uitzending:
    """One broadcast request as received on `POST /api/ecbe/v1/message`."""

    cbe_name: str
    categorie: Categorie
    repetition_period: int
    num_of_bcast: int
    warning_period_sec: int | None
    message_id: int
    serial: Serienummer
    dcs: int
    paginas: tuple[bytes, ...]  # zero-filled to 82 octets, as osmo-cbc does
    korte_paginas: tuple[int, ...]  # 0-based indexes of pages that arrived shorter than 82 octets
    area: Mapping[str, Any] | None
    alert: str | None = None
    oefening_id: str | None = None  # which exercise (run) of the sender it belongs to

    @property
    def oefening(self) -> bool:
        """Whether this is a test or exercise broadcast, kept apart from real ones."""
        return self.message_id in OEFEN_IDS

    @property
    def duur(self) -> timedelta | None:
        """How long the broadcast runs: num_of_bcast repetitions; None (until DELETE) for 0."""
        if self.num_of_bcast == 0:
            return None
        return timedelta(seconds=self.num_of_bcast * self.repetition_period * HERHALINGSEENHEID_S)

    def to_ecbe_json(self) -> dict[str, Any]:
        """The request as ECBE JSON with encoded pages (as received, or as the simulator encoded
        a `payload_decoded`; zero fill included)."""
        data: dict[str, Any] = {
            "cbe_name": self.cbe_name,
            "category": self.categorie.value,
            "repetition_period": self.repetition_period,
            "num_of_bcast": self.num_of_bcast,
            "scope": {"scope_plmn": {}},
            "smscb_message": {
                "message_id": self.message_id,
                "serial_nr": {"serial_nr_encoded": self.serial.encoded},
                "payload": {
                    "payload_encoded": {
                        "dcs": self.dcs,
                        "pages": [p.hex() for p in self.paginas],
                    }
                },
            },
        }
        if self.warning_period_sec is not None:
            data["warning_period_sec"] = self.warning_period_sec
        if self.area is not None:
            data["area"] = dict(self.area)
        if self.alert is not None:
            data["alert"] = self.alert
        if self.oefening_id is not None:
            data["oefening_id"] = self.oefening_id
        return data
