"""The outbox: every CBC operation is written down before it is attempted.

A row names the broadcast, the CBC, the operation (send or withdraw) and an idempotency key
(message identifier, serial number, operation). A worker claims a row (`bezig`, with a lease),
calls the CBC outside any transaction, and records the outcome. A row left `bezig` by a crashed
process is settled by `nlalert.verzending.herstel` once its lease ran out or at start-up.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class Operatie(StrEnum):
    """What a row asks of the CBC."""

    VERZEND = "verzend"
    TREK_IN = "trek_in"


class RijToestand(StrEnum):
    """Where a row is. Values are stored, so never rename one."""

    OPEN = "open"  # not attempted yet, or nothing reached the CBC: safe to attempt
    BEZIG = "bezig"  # claimed by a worker that is calling the CBC now
    GEDAAN = "gedaan"  # the CBC did it
    MISLUKT = "mislukt"  # the CBC refused; nothing changed there
    ONBEKEND = "onbekend"  # the CBC could not say; a repeat must be safe
    VERVALLEN = "vervallen"  # no longer needed (the bericht was closed or stopped)


AFGEROND = frozenset({RijToestand.GEDAAN, RijToestand.VERVALLEN})


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboxRij:
    """One CBC operation and how far it got."""

    id: int
    bericht_id: int
    uitzending_id: int
    volgorde: int
    operatie: Operatie
    cbc: str
    sleutel: str
    toestand: RijToestand
    pogingen: int
    bezig_tot: datetime | None
    uitkomst: Mapping[str, Any] | None
    aangemaakt_op: datetime
    afgerond_op: datetime | None

    def to_dict(self) -> dict[str, Any]:
        """JSON shape for the API."""
        return {
            "id": self.id,
            "volgorde": self.volgorde,
            "operatie": str(self.operatie),
            "uitzending_id": self.uitzending_id,
            "sleutel": self.sleutel,
            "toestand": str(self.toestand),
            "pogingen": self.pogingen,
            "uitkomst": None if self.uitkomst is None else dict(self.uitkomst),
        }


def sleutel(message_id: int, serial: int, operatie: Operatie) -> str:
    """The idempotency key of an operation: message identifier, serial number and operation."""
    return f"{message_id}:{serial}:{operatie}"


def _tijd(waarde: str | None) -> datetime | None:
    return None if waarde is None else datetime.fromisoformat(waarde)


def _rij(r: sqlite3.Row) -> OutboxRij:
    return OutboxRij(
        id=r["id"],
        bericht_id=r["bericht_id"],
        uitzending_id=r["uitzending_id"],
        volgorde=r["volgorde"],
        operatie=Operatie(r["operatie"]),
        cbc=r["cbc"],
        sleutel=r["sleutel"],
        toestand=RijToestand(r["toestand"]),
        pogingen=r["pogingen"],
        bezig_tot=_tijd(r["bezig_tot"]),
        uitkomst=None if r["uitkomst"] is None else json.loads(r["uitkomst"]),
        aangemaakt_op=datetime.fromisoformat(r["aangemaakt_op"]),
        afgerond_op=_tijd(r["afgerond_op"]),
    )


def voeg_toe(
    db: sqlite3.Connection,
    *,
    bericht_id: int,
    uitzending_id: int,
    operatie: Operatie,
    cbc: str,
    message_id: int,
    serial: int,
    nu: datetime,
) -> None:
    """Write an operation down (inside the caller's transaction), after the bericht's others."""
    volgorde = db.execute(
        "SELECT COALESCE(MAX(volgorde), 0) + 1 FROM outbox WHERE bericht_id = ?", (bericht_id,)
    ).fetchone()[0]
    db.execute(
        "INSERT INTO outbox (bericht_id, uitzending_id, volgorde, operatie, cbc, sleutel,"
        " toestand, aangemaakt_op) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)",
        (
            bericht_id,
            uitzending_id,
            volgorde,
            str(operatie),
            cbc,
            sleutel(message_id, serial, operatie),
            nu.isoformat(),
        ),
    )


def van_bericht(db: sqlite3.Connection, bericht_id: int) -> list[OutboxRij]:
    """A bericht's operations in order."""
    rijen = db.execute("SELECT * FROM outbox WHERE bericht_id = ? ORDER BY volgorde", (bericht_id,))
    return [_rij(r) for r in rijen]


def claim(db: sqlite3.Connection, rij_id: int, *, nu: datetime, lease: timedelta) -> bool:
    """Take a row for this worker (inside the caller's transaction); False if another has it."""
    cur = db.execute(
        "UPDATE outbox SET toestand = 'bezig', bezig_tot = ?, pogingen = pogingen + 1"
        " WHERE id = ? AND toestand IN ('open', 'onbekend', 'mislukt')",
        ((nu + lease).isoformat(), rij_id),
    )
    return cur.rowcount == 1


def rond_af(
    db: sqlite3.Connection,
    rij_id: int,
    toestand: RijToestand,
    uitkomst: Mapping[str, Any] | None,
    *,
    nu: datetime,
) -> None:
    """Record how a row ended (inside the caller's transaction)."""
    db.execute(
        "UPDATE outbox SET toestand = ?, uitkomst = ?, bezig_tot = NULL,"
        " afgerond_op = CASE WHEN ? IN ('gedaan', 'vervallen') THEN ? ELSE afgerond_op END"
        " WHERE id = ?",
        (
            str(toestand),
            None if uitkomst is None else json.dumps(dict(uitkomst), ensure_ascii=False),
            str(toestand),
            nu.isoformat(),
            rij_id,
        ),
    )


def heropen(db: sqlite3.Connection, bericht_id: int) -> None:
    """Make a bericht's refused rows open again for a retry (inside the caller's transaction).
    Unknown rows stay unknown: the worker settles them first, safely."""
    db.execute(
        "UPDATE outbox SET toestand = 'open' WHERE bericht_id = ? AND toestand = 'mislukt'",
        (bericht_id,),
    )


def laat_vervallen(db: sqlite3.Connection, bericht_id: int, *, nu: datetime) -> None:
    """Drop a bericht's unfinished rows (inside the caller's transaction)."""
    db.execute(
        "UPDATE outbox SET toestand = 'vervallen', afgerond_op = ?, bezig_tot = NULL"
        " WHERE bericht_id = ? AND toestand IN ('open', 'mislukt', 'onbekend')",
        (nu.isoformat(), bericht_id),
    )


def verweesd(db: sqlite3.Connection, *, nu: datetime | None) -> list[OutboxRij]:
    """Rows claimed by a worker that is gone: every `bezig` row (at start-up, `nu` None), or
    those whose lease ran out."""
    if nu is None:
        rijen = db.execute("SELECT * FROM outbox WHERE toestand = 'bezig' ORDER BY id")
    else:
        rijen = db.execute(
            "SELECT * FROM outbox WHERE toestand = 'bezig' AND bezig_tot < ? ORDER BY id",
            (nu.isoformat(),),
        )
    return [_rij(r) for r in rijen]


def berichten_met(db: sqlite3.Connection, *toestanden: RijToestand) -> list[int]:
    """The berichten that have rows in one of these states."""
    tekens = ", ".join("?" * len(toestanden))
    rijen = db.execute(
        f"SELECT DISTINCT bericht_id FROM outbox WHERE toestand IN ({tekens}) ORDER BY bericht_id",
        [str(t) for t in toestanden],
    )
    return [int(r[0]) for r in rijen]
