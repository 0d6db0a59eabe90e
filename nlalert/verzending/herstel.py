"""Every stuck state has a way out: settle after a crash, ask the CBC again, stop, or close.

- `herstel` settles rows a crashed worker left `bezig` (at start-up: all of them; later: those
  whose lease ran out) by asking the CBC what it holds, and gives each bericht left `verzenden`
  the state its rows say. No operation is repeated on its own: a retry is the user's choice.
- `controleer` asks a CBC with GET about a bericht's unknown broadcasts.
- `stop` withdraws whatever a stuck bericht may have on air (no approval: nothing new goes out).
- `beeindig` closes a stuck bericht by hand, for a CBC that cannot say what it holds, once
  someone has established (with the operator) that nothing of it is on air.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from nlalert.accounts.gebruikers import Gebruiker
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, Melding
from nlalert.koppelingen import Koppelingen, koppeling_voor
from nlalert.koppelingen.uitkomst import Antwoord, Uitkomst
from nlalert.verzending import outbox, uitzendingen
from nlalert.verzending.afronding import sluit_af
from nlalert.verzending.outbox import Operatie, RijToestand
from nlalert.verzending.uitvoering import _nu, leg_vast, verwerk
from nlalert.verzending.uitzendingen import Toestand
from nlalert.workflow import opslag
from nlalert.workflow import stappen as workflow
from nlalert.workflow.model import BerichtRecord, Status

SYSTEEM = "nlalert"  # the audit's user for what the system settles on its own


def _vastgesteld(houdt: bool | None, operatie: Operatie) -> Antwoord:
    """What a GET after an interrupted operation says about it."""
    if houdt is None:
        return Antwoord(
            uitkomst=Uitkomst.ONBEKEND,
            uitleg=Melding(
                N_("de operatie werd onderbroken en de CBC kan niet zeggen wat hij uitzendt")
            ),
        )
    gedaan = houdt if operatie is Operatie.VERZEND else not houdt
    if gedaan:
        return Antwoord(
            uitkomst=Uitkomst.GEDAAN,
            uitleg=Melding(N_("na een onderbreking bevestigt de CBC de uitkomst")),
            bevestigd=True,
        )
    return Antwoord(
        uitkomst=Uitkomst.NIET_BEREIKT,
        uitleg=Melding(N_("na een onderbreking blijkt de operatie niet uitgevoerd")),
        bevestigd=True,
    )


def te_herstellen(db: sqlite3.Connection) -> bool:
    """Whether anything is left unfinished: a claimed row or a bericht still sending."""
    return bool(
        outbox.verweesd(db, nu=None)
        or db.execute("SELECT 1 FROM berichten WHERE status = 'verzenden' LIMIT 1").fetchone()
    )


def herstel(
    db: sqlite3.Connection,
    koppelingen: Koppelingen,
    *,
    bij_start: bool,
    nu: Callable[[], datetime] = _nu,
) -> list[int]:
    """Settle rows left by a worker that is gone and the berichten left sending; return those
    berichten's ids."""
    geraakt: set[int] = set()
    for rij in outbox.verweesd(db, nu=None if bij_start else nu()):
        k = koppeling_voor(koppelingen, rij.cbc)
        u = uitzendingen.lees(db, rij.uitzending_id).als_uitzending()
        with k.client() as client:
            antwoord = _vastgesteld(client.houdt(u), rij.operatie)
        leg_vast(db, rij, antwoord, SYSTEEM, nu=nu(), actie=audit.Actie.HERSTEL)
        geraakt.add(rij.bericht_id)
    verzendend = db.execute("SELECT id FROM berichten WHERE status = 'verzenden'").fetchall()
    geraakt.update(int(r[0]) for r in verzendend)
    for bericht_id in sorted(geraakt):
        sluit_af(db, bericht_id, SYSTEEM, nu=nu)
    return sorted(geraakt)


def controleer(
    db: sqlite3.Connection,
    bericht_id: int,
    koppelingen: Koppelingen,
    gebruiker: str,
    *,
    nu: Callable[[], datetime] = _nu,
) -> BerichtRecord:
    """Ask the CBC about a bericht's unknown rows; the bericht then takes the state they say."""
    for rij in outbox.van_bericht(db, bericht_id):
        if rij.toestand is not RijToestand.ONBEKEND:
            continue
        k = koppeling_voor(koppelingen, rij.cbc)
        u = uitzendingen.lees(db, rij.uitzending_id).als_uitzending()
        with k.client() as client:
            houdt = client.houdt(u)
        if houdt is not None:
            leg_vast(db, rij, _vastgesteld(houdt, rij.operatie), gebruiker, nu=nu())
    return sluit_af(db, bericht_id, gebruiker, nu=nu)


def stop(
    db: sqlite3.Connection,
    bericht_id: int,
    door: Gebruiker,
    koppelingen: Koppelingen,
    *,
    nu: Callable[[], datetime] = _nu,
) -> BerichtRecord:
    """Withdraw every broadcast a stuck bericht may have on air; closed once they all stopped."""
    moment = nu()
    with transactie(db):
        record = opslag.lees(db, bericht_id)
        workflow.mag_stoppen(record, door)
        outbox.laat_vervallen(db, bericht_id, nu=moment)
        for u in uitzendingen.van_bericht(db, bericht_id):
            if u.toestand in uitzendingen.MOGELIJK_IN_DE_LUCHT:
                outbox.voeg_toe(
                    db,
                    bericht_id=bericht_id,
                    uitzending_id=u.id,
                    operatie=Operatie.TREK_IN,
                    cbc=u.cbc,
                    message_id=u.message_id,
                    serial=u.serial,
                    nu=moment,
                )
            elif u.toestand is Toestand.GEPLAND:
                uitzendingen.zet(
                    db, u.id, Toestand.GESTOPT, nu=moment, reden=Melding(N_("niet meer verzonden"))
                )
        audit.schrijf(db, gebruiker=door.naam, actie=audit.Actie.STOPPEN, bericht_id=bericht_id)
    cbc = (record.cbc_resultaat or {}).get("cbc")
    if isinstance(cbc, str):
        verwerk(db, bericht_id, koppeling_voor(koppelingen, cbc), door.naam, nu=nu)
    rijen = outbox.van_bericht(db, bericht_id)
    if all(r.toestand in outbox.AFGEROND for r in rijen):
        return _sluit(db, bericht_id, door, audit.Actie.INGETROKKEN, nu=nu())
    return opslag.lees(db, bericht_id)


def beeindig(
    db: sqlite3.Connection, bericht_id: int, door: Gebruiker, *, nu: datetime | None = None
) -> BerichtRecord:
    """Close a stuck bericht by hand: its unknown broadcasts are recorded as stopped."""
    moment = nu or _nu()
    with transactie(db):
        record = opslag.lees(db, bericht_id)
        workflow.mag_stoppen(record, door)
        outbox.laat_vervallen(db, bericht_id, nu=moment)
        for u in uitzendingen.van_bericht(db, bericht_id):
            if u.toestand in (*uitzendingen.MOGELIJK_IN_DE_LUCHT, Toestand.GEPLAND):
                uitzendingen.zet(
                    db,
                    u.id,
                    Toestand.GESTOPT,
                    nu=moment,
                    reden=Melding(
                        N_("met de hand als beëindigd gemarkeerd door %(naam)s"), naam=door.naam
                    ),
                )
    return _sluit(db, bericht_id, door, audit.Actie.BEEINDIGD, nu=moment)


def _sluit(
    db: sqlite3.Connection,
    bericht_id: int,
    door: Gebruiker,
    actie: audit.Actie,
    *,
    nu: datetime,
) -> BerichtRecord:
    """The bericht closed; an original whose broadcasts are gone is closed with it."""
    with transactie(db):
        record = opslag.lees(db, bericht_id)
        gesloten = workflow.sluit(record, door, nu=nu)
        opslag.werk_bij(db, gesloten, record.versie)
        audit.schrijf(
            db, gebruiker=door.naam, actie=actie, bericht_id=bericht_id, inhoud=gesloten.inhoud
        )
        if record.origineel_id is not None:
            origineel = opslag.lees(db, record.origineel_id)
            nog = [
                u for u in uitzendingen.van_bericht(db, record.origineel_id) if u.in_de_lucht(nu)
            ]
            if (
                origineel.status is Status.VERZONDEN
                and not nog
                and _had_uitzendingen(db, origineel)
            ):
                # Its broadcasts were withdrawn for the follow-up that never went out.
                ingetrokken = workflow.ingetrokken_zonder_opvolger(origineel, nu=nu)
                opslag.werk_bij(db, ingetrokken, origineel.versie)
                audit.schrijf(
                    db,
                    gebruiker=door.naam,
                    actie=audit.Actie.INGETROKKEN,
                    bericht_id=origineel.id,
                    inhoud=origineel.inhoud,
                    details={"door_bericht": bericht_id},
                )
    return gesloten


def _had_uitzendingen(db: sqlite3.Connection, record: BerichtRecord) -> bool:
    assert record.id is not None
    return bool(uitzendingen.van_bericht(db, record.id))
