"""Helpers for the service tests: a stand-in reach core, a settable clock and ECBE bodies."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask

from sim.fouten import GebiedBuitenNederland, NegatieveStraal, OngeldigeGeoJSON
from sim.service import create_app

ECBE = "/api/ecbe/v1/message"
PNG = b"\x89PNG\r\n\x1a\n-nep-"
UTRECHT = {
    "type": "Polygon",
    "coordinates": [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.15], [5.0, 52.15], [5.0, 52.0]]],
}


class NepRapport:
    def __init__(self, geom: Any) -> None:
        self.geom = geom

    def to_dict(self) -> dict[str, Any]:
        return {"bereikte_personen": 1234, "gemodelleerd": True}


class NepSimulator:
    """Stands in for sim.Simulator: the same three methods, the same typed area errors."""

    def __init__(self) -> None:
        self.kanalen: list[int] = []  # the channel of every estimate asked for

    def gebied_uit_geojson(self, obj: Any) -> Any:
        if "circle" in obj:
            if obj["circle"]["radius_km"] < 0:
                raise NegatieveStraal(obj["circle"]["radius_km"])
            return obj
        if obj.get("type") != "Polygon":
            raise OngeldigeGeoJSON("alleen een polygoon of cirkel")
        lon, lat = obj["coordinates"][0][0]
        if not (3.2 <= lon <= 7.3 and 50.7 <= lat <= 53.6):
            raise GebiedBuitenNederland("het gebied ligt buiten Nederland")
        return obj

    def bereik(self, geom: Any, *, tijdstip: Any = None, kanaal: int = 4370) -> Any:
        self.kanalen.append(kanaal)
        return NepRapport(geom)

    def kaart_png(self, rapport: Any) -> bytes:
        return PNG


class Klok:
    """A clock the test moves by hand."""

    def __init__(self, begin: datetime = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)) -> None:
        self.nu = begin

    def __call__(self) -> datetime:
        return self.nu

    def verzet(self, seconden: float) -> None:
        self.nu += timedelta(seconds=seconden)


def gsm7_pagina(tekst: str) -> str:
    """ASCII letters, digits and spaces only: their GSM-7 codes equal ASCII."""
    septets = [ord(c) for c in tekst] + [0x0D] * (93 - len(tekst))
    waarde = sum(s << (7 * i) for i, s in enumerate(septets))
    return waarde.to_bytes(82, "little").hex()


def bericht(
    message_id: int = 4370, *, msg_code: int = 5, update_nr: int = 0, **velden: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "cbe_name": "nlalert",
        "category": "high_priority",
        "repetition_period": 32,
        "num_of_bcast": 0,
        "scope": {"scope_plmn": {}},
        "smscb_message": {
            "message_id": message_id,
            "serial_nr": {
                "serial_nr_decoded": {
                    "geo_scope": "plmn_wide",
                    "msg_code": msg_code,
                    "update_nr": update_nr,
                }
            },
            "payload": {"payload_encoded": {"dcs": 5, "pages": [gsm7_pagina("Brand in Utrecht")]}},
        },
        "area": UTRECHT,
    }
    data.update(velden)
    return data


def met_tekst(data: dict[str, Any], decoded: dict[str, Any]) -> dict[str, Any]:
    """The body with `payload_decoded` instead of encoded pages."""
    data = copy.deepcopy(data)
    data["smscb_message"]["payload"] = {"payload_decoded": decoded}
    return data


def maak_app(data_dir: Path, **config: Any) -> Flask:
    return create_app(
        {"DATA_DIR": str(data_dir), "SIMULATOR": NepSimulator(), "TESTING": True} | config
    )
