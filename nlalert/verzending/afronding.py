"""The end of a send: the bericht takes the state its outbox rows say, and what it replaces
(its original, unsent siblings) follows."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, Melding
from nlalert.verzending import outbox, uitzendingen
from nlalert.verzending.outbox import Operatie, OutboxRij, RijToestand
from nlalert.verzending.uitzendingen import Toestand
from nlalert.workflow import model, opslag
from nlalert.workflow import stappen as workflow
from nlalert.workflow.model import BerichtRecord, Status


def _status_uit(rijen: list[OutboxRij], record: BerichtRecord) -> Status:
    if any(r.toestand is RijToestand.ONBEKEND for r in rijen):
        return Status.ONBEKEND
    verzend = [r for r in rijen if r.operatie is Operatie.VERZEND]
    if all(r.toestand in outbox.AFGEROND for r in rijen) and (
        verzend or not record.soort.zendt_uit
    ):
        return Status.VERZONDEN
    return Status.VERZENDFOUT


def _resultaat(
    db: sqlite3.Connection, record: BerichtRecord, rijen: list[OutboxRij], nu: datetime
) -> dict[str, Any]:
    assert record.id is not None
    eigen = uitzendingen.van_bericht(db, record.id)
    fouten = [
        str(Melding.uit_json(r.uitkomst["tekst"]))
        for r in rijen
        if r.uitkomst and r.toestand not in outbox.AFGEROND and "tekst" in r.uitkomst
    ]
    if record.soort.zendt_uit and not any(r.operatie is Operatie.VERZEND for r in rijen):
        fouten.append(
            str(Melding(N_("deze CBC kan geen van de uitzendingen nu dragen; zie de redenen")))
        )
    vorige = dict(record.cbc_resultaat or {})
    return {
        **{k: vorige[k] for k in ("cap", "cbc") if k in vorige},
        "uitzendingen": [u.to_dict(nu) for u in eigen],
        "fouten": fouten,
    }


def _laat_broers_vervallen(
    db: sqlite3.Connection, klaar: BerichtRecord, gebruiker: str, nu: datetime
) -> None:
    """Other follow-ups of the same bericht that were not sent yet have lapsed now."""
    assert klaar.origineel_id is not None
    for broer in opslag.vervolgen(db, klaar.origineel_id):
        if broer.id != klaar.id and broer.status in model.NOG_NIET_VERZONDEN:
            vervallen = workflow.vervallen(broer, nu=nu)
            opslag.werk_bij(db, vervallen, broer.versie)
            audit.schrijf(
                db,
                gebruiker=gebruiker,
                actie=audit.Actie.INGETROKKEN,
                bericht_id=broer.id,
                inhoud=broer.inhoud,
                details={"vervallen_door": klaar.id},
            )


def sluit_af(
    db: sqlite3.Connection,
    bericht_id: int,
    gebruiker: str,
    *,
    nu: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> BerichtRecord:
    """Give a sending bericht the state its rows say, unless a worker is still busy with one."""
    moment = nu()
    with transactie(db):
        huidig = opslag.lees(db, bericht_id)
        rijen = outbox.van_bericht(db, bericht_id)
        if huidig.status not in (Status.VERZENDEN, Status.ONBEKEND) or any(
            r.toestand is RijToestand.BEZIG for r in rijen
        ):
            return huidig
        status = _status_uit(rijen, huidig)
        if huidig.status is Status.ONBEKEND and status is Status.ONBEKEND:
            return huidig
        eigen = uitzendingen.van_bericht(db, bericht_id)
        eindes = [u.eindigt for u in eigen if u.toestand is Toestand.ACTIEF and u.eindigt]
        klaar = workflow.verzending_klaar(
            huidig,
            status,
            resultaat=_resultaat(db, huidig, rijen, moment),
            eindigt=max(eindes) if eindes else None,
            cap_identifier=huidig.cap_identifier,
            nu=moment,
        )
        opslag.werk_bij(db, klaar, huidig.versie)
        actie = {
            Status.VERZONDEN: audit.Actie.VERZONDEN,
            Status.VERZENDFOUT: audit.Actie.VERZENDFOUT,
            Status.ONBEKEND: audit.Actie.ONBEKEND,
        }[status]
        audit.schrijf(
            db,
            gebruiker=gebruiker,
            actie=actie,
            bericht_id=bericht_id,
            inhoud=klaar.inhoud,
            details={"fouten": (klaar.cbc_resultaat or {}).get("fouten", [])},
        )
        if status is Status.VERZONDEN and klaar.origineel_id is not None:
            _laat_broers_vervallen(db, klaar, gebruiker, moment)
            origineel = opslag.lees(db, klaar.origineel_id)
            if origineel.status is Status.VERZONDEN:
                opgevolgd = workflow.opgevolgd(origineel, klaar, nu=moment)
                opslag.werk_bij(db, opgevolgd, origineel.versie)
                audit.schrijf(
                    db,
                    gebruiker=gebruiker,
                    actie=audit.Actie.VERVANGEN
                    if opgevolgd.status is Status.VERVANGEN
                    else audit.Actie.INGETROKKEN,
                    bericht_id=origineel.id,
                    inhoud=origineel.inhoud,
                    details={"door_bericht": bericht_id},
                )
    return klaar
