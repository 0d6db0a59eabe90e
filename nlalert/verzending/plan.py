"""Planning a send: what it must withdraw first, and which of its broadcasts this CBC can carry.

Written down inside the caller's transaction, together with the workflow step, so a crash can
never leave a send that is half planned.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from berichten import Bericht
from berichten import Uitzending as BerichtUitzending
from nlalert.fouten import N_, Melding
from nlalert.koppelingen import Koppeling
from nlalert.koppelingen.ecbe import Uitzending, herhalingen_voor, oefening_label
from nlalert.koppelingen.profiel import Bezet, draagbaar, sleutel
from nlalert.verzending import outbox, uitzendingen
from nlalert.verzending.kanaal import controleer_kanaal
from nlalert.verzending.outbox import Operatie
from nlalert.verzending.uitzendingen import Toestand, UitzendingRecord
from nlalert.workflow import opslag
from nlalert.workflow.model import BerichtRecord


def _bezet_door(u: UitzendingRecord) -> Melding:
    return Melding(N_("bericht %(id)s (%(talen)s)"), id=u.bericht_id, talen="+".join(u.talen))


def bezetting(
    db: sqlite3.Connection, k: Koppeling, record: BerichtRecord, *, nu: datetime
) -> tuple[list[UitzendingRecord], list[Bezet]]:
    """What a send of `record` must withdraw first at this CBC, and which keys stay taken."""
    bestaand = uitzendingen.mogelijk_in_de_lucht(db, k.url)
    # What the follow-up replaces: whatever of its chain is on air (normally its original).
    keten = (
        {r.id for r in opslag.keten(db, record)} - {record.id}
        if record.origineel_id is not None
        else set()
    )
    intrekken = [u for u in bestaand if u.bericht_id in keten]
    if not k.profiel.sleutel_met_code:
        # A CBC keyed on the channel alone keeps an ended broadcast until it is withdrawn, and
        # would refuse the next one on that channel: clear our own ended ones first.
        intrekken += [
            u for u in bestaand if u not in intrekken and u.eindigt is not None and u.eindigt <= nu
        ]
    blijft = [u for u in bestaand if u not in intrekken and u.in_de_lucht(nu)]
    bezet = [
        Bezet(
            sleutel=sleutel(k.profiel, u.message_id, u.serienummer.message_code),
            door=_bezet_door(u),
        )
        for u in blijft
    ]
    return intrekken, bezet


def _draad(
    bericht: Bericht, u: BerichtUitzending, duur: timedelta, oefening: str | None = None
) -> Uitzending:
    """The wire request for one broadcast of a Bericht (of an exercise: named to the simulator)."""
    return Uitzending(
        message_id=u.message_identifier,
        serial=u.serial,
        dcs=u.cb.dcs,
        page_hex=u.cb.page_hex,
        num_of_bcast=herhalingen_voor(duur.total_seconds()),
        area=bericht.gebied.to_geojson() if bericht.gebied else None,
        alert=bericht.identifier,
        oefening_id=oefening,
    )


def plan(
    db: sqlite3.Connection,
    record: BerichtRecord,
    bericht: Bericht,
    k: Koppeling,
    *,
    nu: datetime,
) -> None:
    """Write down every operation of a send (inside the caller's transaction)."""
    assert record.id is not None
    intrekken, bezet = bezetting(db, k, record, nu=nu)
    for u in intrekken:
        outbox.voeg_toe(
            db,
            bericht_id=record.id,
            uitzending_id=u.id,
            operatie=Operatie.TREK_IN,
            cbc=k.url,
            message_id=u.message_id,
            serial=u.serial,
            nu=nu,
        )
    duur = bericht.verloopt - bericht.tijd
    rij = db.execute("SELECT oefening_id FROM berichten WHERE id = ?", (record.id,)).fetchone()
    oefening = None if rij is None or rij[0] is None else oefening_label(int(rij[0]))
    redenen = draagbaar(
        k.profiel,
        [(u.message_identifier, u.serial.message_code) for u in bericht.uitzendingen],
        bezet,
    )
    for b, reden in zip(bericht.uitzendingen, redenen, strict=True):
        draad = _draad(bericht, b, duur, oefening)
        controleer_kanaal(bericht.modus, draad.message_id)
        rij = uitzendingen.voeg_toe(
            db,
            bericht_id=record.id,
            cbc=k.url,
            talen=b.talen,
            uitzending=draad,
            tekst=b.tekst,
            toestand=Toestand.GEPLAND if reden is None else Toestand.NIET_MEE,
            reden=reden,
            nu=nu,
        )
        if reden is None:
            outbox.voeg_toe(
                db,
                bericht_id=record.id,
                uitzending_id=rij.id,
                operatie=Operatie.VERZEND,
                cbc=k.url,
                message_id=draad.message_id,
                serial=draad.serial.waarde,
                nu=nu,
            )


def cap_identiteit(bericht: Bericht) -> dict[str, str]:
    """What an update or cancel must put in CAP <references>: sender, identifier, sent."""
    return {
        "identifier": bericht.identifier,
        "sender": bericht.afzender.id,
        "sent": bericht.tijd.isoformat(timespec="seconds"),
    }
