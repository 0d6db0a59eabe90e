"""The broadcasts of each bericht at its CBC, and what we know of them there.

A row is written when a send is planned, with the exact request (pages, serial, duration) that
goes to the CBC, so a retry sends the very same broadcast and phones show it once. Its state
follows the outbox: `gepland` -> `actief` | `geweigerd` | `onbekend`, later `gestopt`.
`niet_mee` is a broadcast this CBC cannot carry beside the others (shown, never silently dropped).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from berichten.identificatie import SerialNumber
from nlalert.fouten import N_, Melding, NietGevonden
from nlalert.koppelingen.ecbe import Uitzending


class Toestand(StrEnum):
    """What we know of one broadcast at its CBC. Values are stored, so never rename one."""

    GEPLAND = "gepland"
    ACTIEF = "actief"
    GESTOPT = "gestopt"
    ONBEKEND = "onbekend"
    GEWEIGERD = "geweigerd"
    NIET_MEE = "niet_mee"


# On air, or perhaps on air: what a withdraw must reach and what keeps a channel taken.
MOGELIJK_IN_DE_LUCHT = frozenset({Toestand.ACTIEF, Toestand.ONBEKEND})


@dataclass(frozen=True, slots=True, kw_only=True)
class UitzendingRecord:
    """One stored broadcast of a bericht at one CBC."""

    id: int
    bericht_id: int
    cbc: str
    talen: tuple[str, ...]
    message_id: int
    serial: int
    dcs: int
    paginas: tuple[str, ...]
    tekst: str
    verzoek: Mapping[str, Any]  # the ECBE request as sent
    eindigt: datetime | None
    toestand: Toestand
    reden: Melding | None
    locatie: str | None
    gewijzigd_op: datetime

    @property
    def serienummer(self) -> SerialNumber:
        """The serial number's fields."""
        return SerialNumber.parse(self.serial)

    def in_de_lucht(self, nu: datetime) -> bool:
        """Whether it is (or may be) on air at `nu`: active or unknown, and not ended."""
        return self.toestand in MOGELIJK_IN_DE_LUCHT and (self.eindigt is None or self.eindigt > nu)

    def als_uitzending(self) -> Uitzending:
        """The wire request again, exactly as it was planned."""
        area = self.verzoek.get("area")
        alert = self.verzoek.get("alert")
        oefening = self.verzoek.get("oefening_id")
        return Uitzending(
            message_id=self.message_id,
            serial=self.serienummer,
            dcs=self.dcs,
            page_hex=self.paginas,
            cbe_name=str(self.verzoek.get("cbe_name", "nlalert")),
            repetition_period=int(self.verzoek["repetition_period"]),
            num_of_bcast=int(self.verzoek["num_of_bcast"]),
            area=area if isinstance(area, Mapping) else None,
            alert=alert if isinstance(alert, str) else None,
            oefening_id=oefening if isinstance(oefening, str) else None,
        )

    def to_dict(self, nu: datetime) -> dict[str, Any]:
        """JSON shape for the API and the pages: languages, channel, serial, DCS, pages, state."""
        s = self.serienummer
        return {
            "id": self.id,
            "talen": list(self.talen),
            "message_identifier": self.message_id,
            "serial_number": {
                "waarde": self.serial,
                "msg_code": s.message_code,
                "update_nr": s.update_number,
                "geo_scope": s.geo_scope.osmo_name,
            },
            "dcs": self.dcs,
            "pages": len(self.paginas),
            "tekst": self.tekst,
            "cbc": self.cbc,
            "toestand": str(self.toestand),
            "in_de_lucht": self.in_de_lucht(nu),
            "eindigt": None if self.eindigt is None else self.eindigt.isoformat(),
            "reden": None if self.reden is None else str(self.reden),
        }


def _tijd(waarde: str | None) -> datetime | None:
    return None if waarde is None else datetime.fromisoformat(waarde)


def _record(rij: sqlite3.Row) -> UitzendingRecord:
    return UitzendingRecord(
        id=rij["id"],
        bericht_id=rij["bericht_id"],
        cbc=rij["cbc"],
        talen=tuple(rij["talen"].split("+")),
        message_id=rij["message_id"],
        serial=rij["serial"],
        dcs=rij["dcs"],
        paginas=tuple(json.loads(rij["paginas"])),
        tekst=rij["tekst"],
        verzoek=json.loads(rij["verzoek"]),
        eindigt=_tijd(rij["eindigt"]),
        toestand=Toestand(rij["toestand"]),
        reden=None if rij["reden"] is None else Melding.uit_json(json.loads(rij["reden"])),
        locatie=rij["locatie"],
        gewijzigd_op=datetime.fromisoformat(rij["gewijzigd_op"]),
    )


def voeg_toe(
    db: sqlite3.Connection,
    *,
    bericht_id: int,
    cbc: str,
    talen: Iterable[str],
    uitzending: Uitzending,
    tekst: str,
    toestand: Toestand,
    reden: Melding | None,
    nu: datetime,
) -> UitzendingRecord:
    """Store a planned broadcast (inside the caller's transaction)."""
    cur = db.execute(
        "INSERT INTO uitzendingen (bericht_id, cbc, talen, message_id, serial, dcs, paginas,"
        " tekst, verzoek, toestand, reden, gewijzigd_op)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            bericht_id,
            cbc,
            "+".join(talen),
            uitzending.message_id,
            uitzending.serial.waarde,
            uitzending.dcs,
            json.dumps(list(uitzending.page_hex)),
            tekst,
            json.dumps(uitzending.to_ecbe_json(), ensure_ascii=False),
            str(toestand),
            None if reden is None else json.dumps(reden.als_json(), ensure_ascii=False),
            nu.isoformat(),
        ),
    )
    return lees(db, int(cur.fetchone()[0]))


def zet(
    db: sqlite3.Connection,
    uitzending_id: int,
    toestand: Toestand,
    *,
    nu: datetime,
    reden: Melding | None = None,
    eindigt: datetime | None = None,
    locatie: str | None = None,
) -> None:
    """Record a broadcast's new state (inside the caller's transaction)."""
    db.execute(
        "UPDATE uitzendingen SET toestand = ?, reden = ?, gewijzigd_op = ?,"
        " eindigt = COALESCE(?, eindigt), locatie = COALESCE(?, locatie) WHERE id = ?",
        (
            str(toestand),
            None if reden is None else json.dumps(reden.als_json(), ensure_ascii=False),
            nu.isoformat(),
            None if eindigt is None else eindigt.isoformat(),
            locatie,
            uitzending_id,
        ),
    )


def lees(db: sqlite3.Connection, uitzending_id: int) -> UitzendingRecord:
    """One stored broadcast."""
    rij = db.execute("SELECT * FROM uitzendingen WHERE id = ?", (uitzending_id,)).fetchone()
    if rij is None:
        raise NietGevonden(N_("uitzending"), uitzending_id)
    return _record(rij)


def van_bericht(db: sqlite3.Connection, bericht_id: int) -> list[UitzendingRecord]:
    """A bericht's broadcasts in the order they were planned."""
    rijen = db.execute("SELECT * FROM uitzendingen WHERE bericht_id = ? ORDER BY id", (bericht_id,))
    return [_record(r) for r in rijen]


def mogelijk_in_de_lucht(db: sqlite3.Connection, cbc: str) -> list[UitzendingRecord]:
    """Every broadcast at this CBC that is active or unknown (ended ones included: the caller
    decides with its clock)."""
    rijen = db.execute(
        "SELECT * FROM uitzendingen WHERE cbc = ? AND toestand IN ('actief', 'onbekend')"
        " ORDER BY id",
        (cbc,),
    )
    return [_record(r) for r in rijen]
