"""Parse and validate the osmo-cbc ECBE JSON (`cbc.schema.json`, `smscb.schema.json`).

What osmo-cbc accepts, from its `src/rest_api.c` (json2cbc_message, json2smscb_message,
json2serial_nr, json2payload) and libosmocore's `osmo_hexparse`, and where we differ:

- integers must be JSON integers (jansson `json_is_integer`): no floats, no booleans;
- `cbe_name` mandatory string; `category` optional (default normal), compared case-insensitively;
- `repetition_period` mandatory: osmo-cbc allows 0-4095, we require 1-4095 as CBSP does (a
  period of 0 means nothing);
- `num_of_bcast` optional 0-65535 (0 = unlimited); `warning_period_sec` optional 0-65535;
- `scope` must contain `scope_plmn`;
- `serial_nr`: `serial_nr_encoded` 0-65535, or `serial_nr_decoded` with `geo_scope` a *string*
  (cell_wide_immediate | plmn_wide | lac_sac_tac_wide | cell_wide), `msg_code` and `update_nr`.
  osmo-cbc allows msg_code up to 1024 and masks it to 10 bits (1024 silently becomes 0); we stop
  at 1023 as the schema says;
- `payload_encoded`: `dcs` 0-255 and 1-15 `pages`, each a hex string of at most 164 hex digits
  (82 octets). `osmo_hexparse` wants an even number of digits, skips whitespace, and zero-fills a
  short page to 82 octets. We accept short pages and zero-fill them the same way (phones then show
  the 0x00 octets as '@'), but reject whitespace and empty pages: our encoder never sends them;
- the body is read only with `Content-Type: application/json` (ulfius_get_json_body_request);
- unknown keys are ignored by osmo-cbc, which is why the `area` extension is safe to send to it.
  `payload_decoded` and `payload_etws` are refused here: osmo-cbc packs GSM-7 wrongly and has no
  UCS-2 encoder, so a client must send encoded pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sim.decodeer import PAGINA_OCTETS

MAX_PAGINAS = 15
# EU-Alert test and exercise channels, local and additional language (ETSI TS 102 900).
OEFEN_IDS = frozenset({4380, 4381, 4393, 4394})

_HEX = re.compile(r"(?:[0-9A-Fa-f]{2})+")


class EcbeError(Exception):
    """The request is not a valid ECBE message; `reden` is the Dutch reason sent back."""

    def __init__(self, reden: str) -> None:
        super().__init__(reden)
        self.reden = reden


class GeoScope(StrEnum):
    """Geographical scope of the serial number (TS 23.041 9.4.1.2.1), named as osmo-cbc names it."""

    CELL_WIDE_IMMEDIATE = "cell_wide_immediate"
    PLMN_WIDE = "plmn_wide"
    LAC_SAC_TAC_WIDE = "lac_sac_tac_wide"
    CELL_WIDE = "cell_wide"


_GEO_SCOPES = tuple(GeoScope)  # index = the 2-bit code
_GEO_NAMEN = frozenset(g.value for g in GeoScope)


class Categorie(StrEnum):
    """CBSP category of a broadcast."""

    NORMAL = "normal"
    HIGH_PRIORITY = "high_priority"
    BACKGROUND = "background"


_CATEGORIEEN = frozenset(c.value for c in Categorie)


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

    @property
    def oefening(self) -> bool:
        """Whether this is a test or exercise broadcast, kept apart from real ones."""
        return self.message_id in OEFEN_IDS

    def to_ecbe_json(self) -> dict[str, Any]:
        """The request as ECBE JSON again (pages as received, zero fill included)."""
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
        return data


def parse_uitzending(data: object) -> Uitzending:
    """Validate a decoded ECBE JSON document; raise `EcbeError` with a Dutch reason."""
    obj = _object(data, "het bericht")
    cbe_name = obj.get("cbe_name")
    if not isinstance(cbe_name, str):
        raise EcbeError("'cbe_name' is verplicht en moet tekst zijn")

    categorie = Categorie.NORMAL
    if (cat := obj.get("category")) is not None:
        if not isinstance(cat, str) or cat.lower() not in _CATEGORIEEN:
            raise EcbeError("'category' moet normal, high_priority of background zijn")
        categorie = Categorie(cat.lower())

    repetition_period = _integer(obj, "repetition_period", 1, 4095, verplicht=True)
    num_of_bcast = _integer(obj, "num_of_bcast", 0, 65535) or 0
    warning_period_sec = _integer(obj, "warning_period_sec", 0, 65535)

    if "scope" not in obj:
        raise EcbeError("'scope' is verplicht")
    scope = obj["scope"]
    if not isinstance(scope, dict) or "scope_plmn" not in scope:
        raise EcbeError("alleen 'scope': {'scope_plmn': {}} wordt ondersteund")

    smscb = _object(obj.get("smscb_message"), "'smscb_message'")
    serial = _serienummer(smscb.get("serial_nr"))
    message_id = _integer(smscb, "message_id", 0, 65535, verplicht=True)
    assert message_id is not None
    dcs, paginas, kort = _payload(smscb.get("payload"))

    area = obj.get("area")
    if area is not None:
        controleer_area(area)

    assert repetition_period is not None
    return Uitzending(
        cbe_name=cbe_name,
        categorie=categorie,
        repetition_period=repetition_period,
        num_of_bcast=num_of_bcast,
        warning_period_sec=warning_period_sec,
        message_id=message_id,
        serial=serial,
        dcs=dcs,
        paginas=paginas,
        korte_paginas=kort,
        area=area,
    )


def parse_message_id(tekst: str) -> int:
    """The message id in a DELETE path: decimal 0-65535 (osmo-cbc's atoi would turn 'x' into 0)."""
    if not (tekst.isascii() and tekst.isdigit()) or len(tekst) > 5 or int(tekst) > 65535:
        raise EcbeError("message_id moet een geheel getal van 0 tot en met 65535 zijn")
    return int(tekst)


def _object(data: object, naam: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise EcbeError(f"{naam} moet een JSON-object zijn")
    return data


def _integer(
    obj: Mapping[str, Any], sleutel: str, laag: int, hoog: int, *, verplicht: bool = False
) -> int | None:
    if sleutel not in obj:
        if verplicht:
            raise EcbeError(f"'{sleutel}' is verplicht")
        return None
    waarde = obj[sleutel]
    # bool is a subclass of int in Python but a separate type in JSON (and in jansson).
    if type(waarde) is not int:
        raise EcbeError(f"'{sleutel}' moet een geheel getal zijn")
    if not laag <= waarde <= hoog:
        raise EcbeError(f"'{sleutel}' moet tussen {laag} en {hoog} liggen")
    return waarde


def _serienummer(data: object) -> Serienummer:
    ser = _object(data, "'serial_nr'")
    if "serial_nr_encoded" in ser:
        waarde = _integer(ser, "serial_nr_encoded", 0, 65535, verplicht=True)
        assert waarde is not None
        return Serienummer.uit_encoded(waarde)
    if "serial_nr_decoded" not in ser:
        raise EcbeError("'serial_nr_encoded' of 'serial_nr_decoded' is verplicht")
    dec = _object(ser["serial_nr_decoded"], "'serial_nr_decoded'")
    geo = dec.get("geo_scope")
    if not isinstance(geo, str) or geo.lower() not in _GEO_NAMEN:
        raise EcbeError(
            "'geo_scope' moet cell_wide_immediate, plmn_wide, lac_sac_tac_wide of cell_wide zijn"
        )
    msg_code = _integer(dec, "msg_code", 0, 1023, verplicht=True)
    update_nr = _integer(dec, "update_nr", 0, 15, verplicht=True)
    assert msg_code is not None and update_nr is not None
    return Serienummer(geo_scope=GeoScope(geo.lower()), msg_code=msg_code, update_nr=update_nr)


def _payload(data: object) -> tuple[int, tuple[bytes, ...], tuple[int, ...]]:
    payload = _object(data, "'payload'")
    if "payload_encoded" not in payload:
        raise EcbeError(
            "alleen 'payload_encoded' wordt ondersteund: stuur zelf gecodeerde pagina's"
        )
    enc = _object(payload["payload_encoded"], "'payload_encoded'")
    dcs = _integer(enc, "dcs", 0, 255, verplicht=True)
    assert dcs is not None
    pages = enc.get("pages")
    if not isinstance(pages, list):
        raise EcbeError("'pages' is verplicht en moet een lijst zijn")
    if not 1 <= len(pages) <= MAX_PAGINAS:
        raise EcbeError(f"een bericht heeft 1 tot en met {MAX_PAGINAS} pagina's, niet {len(pages)}")
    paginas: list[bytes] = []
    kort: list[int] = []
    for index, page in enumerate(pages):
        nr = index + 1
        if not isinstance(page, str):
            raise EcbeError(f"pagina {nr} moet een hexadecimale tekst zijn")
        if len(page) > 2 * PAGINA_OCTETS:
            raise EcbeError(f"pagina {nr} is langer dan {PAGINA_OCTETS} octets")
        if not _HEX.fullmatch(page):
            raise EcbeError(f"pagina {nr} is geen hexadecimale tekst met een even aantal cijfers")
        octets = bytes.fromhex(page)
        if len(octets) < PAGINA_OCTETS:
            kort.append(index)
        paginas.append(octets.ljust(PAGINA_OCTETS, b"\x00"))
    return dcs, tuple(paginas), tuple(kort)


def controleer_area(area: object) -> None:
    """Check that the `area` extension is an object; its geometry is judged by the simulator core."""
    if not isinstance(area, dict) or not area:
        raise EcbeError("'area' moet een GeoJSON-geometrie of {'circle': {...}} zijn")
