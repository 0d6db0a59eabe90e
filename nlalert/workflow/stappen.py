"""The four-eyes approval workflow as a pure state machine: records and users in, new record out.

No Flask, no database: every function takes the current record and the acting user, checks the
rules, and returns the new state or raises a `WorkflowError` (nlalert.workflow.model).
`nlalert.workflow.opslag` stores the result.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from berichten.identificatie import next_update_number
from berichten.modus import BerichtSoort, Modus
from nlalert.accounts.gebruikers import Gebruiker, GeenRecht, Recht
from nlalert.fouten import N_
from nlalert.koppelingen.doel import Doel
from nlalert.workflow.model import (
    BEWERKBAAR,
    MAX_REDEN,
    NOG_NIET_VERZONDEN,
    VASTGELOPEN,
    VERZENDBAAR,
    BerichtRecord,
    EigenGoedkeuringVerboden,
    ModusWijktAf,
    OngeldigeOvergang,
    RedenVerplicht,
    Status,
    TrainingAlleenOefening,
    Verouderd,
)
from nlalert.workflow.samenstelling import compose_inhoud


def _mag(door: Gebruiker, recht: Recht, actie: str) -> None:
    if not door.mag(recht):
        raise GeenRecht(N_("uw rol '%(rol)s' mag '%(actie)s' niet"), rol=str(door.rol), actie=actie)


def _scheid_training(record: BerichtRecord, door: Gebruiker) -> None:
    # A user in training mode must not be able to touch, and so send, a real bericht.
    if door.training and not record.training:
        raise GeenRecht(N_("in trainingsmodus kunt u alleen trainingsberichten behandelen"))


def _eigen_of_beheer(record: BerichtRecord, door: Gebruiker, actie: str) -> None:
    if door.naam != record.opsteller and not door.mag(Recht.BEHEER):
        raise GeenRecht(
            N_("alleen de opsteller (%(opsteller)s) of beheer mag '%(actie)s'"),
            opsteller=record.opsteller,
            actie=actie,
        )


def _controleer_modus(training: bool, inhoud: Mapping[str, Any]) -> None:
    if training and inhoud.get("modus") != Modus.OEFENING:
        raise TrainingAlleenOefening(
            N_("in trainingsmodus is alleen modus 'oefening' toegestaan, nooit 'echt'")
        )


def maak(
    inhoud: Mapping[str, Any],
    door: Gebruiker,
    *,
    message_code: int,
    nu: datetime,
    taalcodes: Mapping[str, int] | None = None,
) -> BerichtRecord:
    """A new concept alert written by `door`; in training mode it is a training bericht."""
    _mag(door, Recht.OPSTELLEN, "maken")
    if inhoud.get("soort", BerichtSoort.ALERT) != BerichtSoort.ALERT:
        raise GeenRecht(N_("een update of intrekking maakt u vanuit het verzonden bericht"))
    _controleer_modus(door.training, inhoud)
    return BerichtRecord(
        id=None,
        versie=1,
        status=Status.CONCEPT,
        soort=BerichtSoort.ALERT,
        categorie=str(inhoud["categorie"]),
        inhoud={**inhoud, "soort": str(BerichtSoort.ALERT), "origineel_id": None},
        opsteller=door.naam,
        auteurs=(door.naam,),
        message_code=message_code,
        taalcodes=dict(taalcodes or {}),
        training=door.training,
        aangemaakt_op=nu,
        gewijzigd_op=nu,
    )


def bewerk(
    record: BerichtRecord, inhoud: Mapping[str, Any], door: Gebruiker, *, nu: datetime
) -> BerichtRecord:
    """The bericht with new content; only a concept or returned bericht, by its author or beheer."""
    _mag(door, Recht.OPSTELLEN, "bewerken")
    _scheid_training(record, door)
    _eigen_of_beheer(record, door, "bewerken")
    if record.status not in BEWERKBAAR:
        raise OngeldigeOvergang("bewerken", record.status)
    # Kind and origin are the workflow's, not the editor's: an update stays an update of the same.
    vast = {"soort": str(record.soort), "origineel_id": record.origineel_id}
    nieuwe_inhoud = {**inhoud, **vast}
    _controleer_modus(record.training, nieuwe_inhoud)
    return dataclasses.replace(
        record,
        versie=record.versie + 1,
        status=Status.CONCEPT,
        categorie=str(nieuwe_inhoud["categorie"]),
        inhoud=nieuwe_inhoud,
        auteurs=_met(record.auteurs, door.naam),
        gewijzigd_op=nu,
    )


def _kan_verzonden_worden(record: BerichtRecord) -> None:
    """Refuse content that can never be sent when it is submitted, not when it is sent.

    A concept may be incomplete while it is written; submitting is the promise that it is done,
    so the content must compose: the typed error of `berichten` names what to fix. A follow-up
    is composed for its content only here; what ties it to its original was checked when it was
    made (`opslag.maak_vervolg`).
    """
    inhoud = record.inhoud
    if record.origineel_id is not None:
        inhoud = {**inhoud, "soort": str(BerichtSoort.ALERT)}
    compose_inhoud(
        inhoud, berichtcode=record.message_code, taalcodes=record.taalcodes, kenmerk=record.id
    )


def dien_in(record: BerichtRecord, door: Gebruiker, *, nu: datetime) -> BerichtRecord:
    """Submit for approval."""
    _mag(door, Recht.OPSTELLEN, "indienen")
    _scheid_training(record, door)
    _eigen_of_beheer(record, door, "indienen")
    if record.status not in BEWERKBAAR:
        raise OngeldigeOvergang("indienen", record.status)
    _kan_verzonden_worden(record)
    return dataclasses.replace(
        record,
        versie=record.versie + 1,
        status=Status.INGEDIEND,
        teruggestuurd_reden=None,
        auteurs=_met(record.auteurs, door.naam),
        gewijzigd_op=nu,
    )


def keur_goed(
    record: BerichtRecord, door: Gebruiker, *, gezien_hash: str, nu: datetime
) -> BerichtRecord:
    """Approve exactly the content the approver saw (`gezien_hash`), never one's own."""
    _mag(door, Recht.GOEDKEUREN, "goedkeuren")
    _scheid_training(record, door)
    if record.status != Status.INGEDIEND:
        raise OngeldigeOvergang("goedkeuren", record.status)
    # Self-approval is allowed only when both the bericht and the approver are in training:
    # a trainee practising alone can then finish the flow, and it only reaches the simulator.
    if door.naam in record.auteurs and not (record.training and door.training):
        raise EigenGoedkeuringVerboden(door.naam)
    if gezien_hash != record.inhoud_hash:
        raise Verouderd()
    return dataclasses.replace(
        record,
        versie=record.versie + 1,
        status=Status.GOEDGEKEURD,
        goedkeurder=door.naam,
        gewijzigd_op=nu,
    )


def stuur_terug(
    record: BerichtRecord, door: Gebruiker, *, reden: str, nu: datetime
) -> BerichtRecord:
    """Return a submitted bericht to its author with a required reason."""
    _mag(door, Recht.GOEDKEUREN, "terugsturen")
    _scheid_training(record, door)
    if record.status != Status.INGEDIEND:
        raise OngeldigeOvergang("terugsturen", record.status)
    reden = reden.strip()
    if not 1 <= len(reden) <= MAX_REDEN:
        raise RedenVerplicht()
    return dataclasses.replace(
        record,
        versie=record.versie + 1,
        status=Status.TERUGGESTUURD,
        teruggestuurd_reden=reden,
        gewijzigd_op=nu,
    )


def begin_verzending(
    record: BerichtRecord,
    door: Gebruiker,
    *,
    doel: Doel,
    origineel: BerichtRecord | None,
    nu: datetime,
) -> BerichtRecord:
    """Record that sending starts; a retry keeps message code and update number, so the same
    serial reaches the CBC and phones see one broadcast."""
    _mag(door, Recht.VERZENDEN, "verzenden")
    _scheid_training(record, door)
    if record.status not in VERZENDBAAR or record.goedkeurder is None:
        raise OngeldigeOvergang("verzenden", record.status)
    if record.training:
        _controleer_modus(True, record.inhoud)
        if doel != Doel.SIMULATOR:
            raise TrainingAlleenOefening(
                N_("een trainingsbericht gaat alleen naar de simulator, nooit naar een echte CBC")
            )
    if record.soort != BerichtSoort.ALERT:
        if origineel is None or origineel.id != record.origineel_id:
            raise OngeldigeOvergang("verzenden", record.status)
        if origineel.status != Status.VERZONDEN:
            raise OngeldigeOvergang(f"{record.soort} van bericht {origineel.id}", origineel.status)
    return dataclasses.replace(
        record,
        versie=record.versie + 1,
        status=Status.VERZENDEN,
        verzendpogingen=record.verzendpogingen + 1,
        gewijzigd_op=nu,
    )


def verzending_klaar(
    record: BerichtRecord,
    status: Status,
    *,
    resultaat: Mapping[str, Any],
    eindigt: datetime | None,
    cap_identifier: str | None,
    nu: datetime,
) -> BerichtRecord:
    """How a send ended, as the outbox settled it: on air, failed, or unknown at the CBC.
    An unknown send that the CBC later settles ends the same way."""
    if record.status not in (Status.VERZENDEN, Status.ONBEKEND):
        raise OngeldigeOvergang(str(status), record.status)
    if status not in (Status.VERZONDEN, Status.VERZENDFOUT, Status.ONBEKEND):
        raise OngeldigeOvergang(str(status), record.status)
    return dataclasses.replace(
        record,
        versie=record.versie + 1,
        status=status,
        verzonden_op=nu if status == Status.VERZONDEN else record.verzonden_op,
        eindigt=eindigt,
        cap_identifier=cap_identifier or record.cap_identifier,
        cbc_resultaat=dict(resultaat),
        gewijzigd_op=nu,
    )


def sluit(record: BerichtRecord, door: Gebruiker, *, nu: datetime) -> BerichtRecord:
    """Close a send that stopped half-way once its broadcasts are stopped or known to have ended:
    the bericht is then withdrawn. Only for someone who may send it."""
    _mag(door, Recht.VERZENDEN, "beeindigen")
    _scheid_training(record, door)
    if record.status not in VASTGELOPEN:
        raise OngeldigeOvergang("beeindigen", record.status)
    return dataclasses.replace(
        record, versie=record.versie + 1, status=Status.INGETROKKEN, gewijzigd_op=nu
    )


def mag_stoppen(record: BerichtRecord, door: Gebruiker) -> None:
    """Whether `door` may stop the broadcasts of a send that stopped half-way (no approval:
    stopping puts nothing new on air)."""
    _mag(door, Recht.VERZENDEN, "stoppen")
    _scheid_training(record, door)
    if record.status not in VASTGELOPEN:
        raise OngeldigeOvergang("stoppen", record.status)


def maak_vervolg(
    origineel: BerichtRecord,
    soort: BerichtSoort,
    inhoud: Mapping[str, Any],
    door: Gebruiker,
    *,
    nu: datetime,
) -> BerichtRecord:
    """A concept update, all-clear or cancel of a sent bericht: same message codes, next update
    number (mod 16), same mode, referring to the original. It goes through approval like any
    bericht. Whether the original is still on air is the caller's to check (it knows the CBC)."""
    actie = {
        BerichtSoort.UPDATE: "update",
        BerichtSoort.EINDE: "einde",
        BerichtSoort.CANCEL: "intrekken",
    }.get(soort, "vervolg")
    _mag(door, Recht.OPSTELLEN, actie)
    _scheid_training(origineel, door)
    if soort == BerichtSoort.ALERT or origineel.id is None:
        raise OngeldigeOvergang(actie, origineel.status)
    if origineel.status != Status.VERZONDEN:
        raise OngeldigeOvergang(actie, origineel.status)
    if inhoud.get("modus") != origineel.inhoud.get("modus"):
        raise ModusWijktAf(str(inhoud.get("modus")), str(origineel.inhoud.get("modus")))
    nieuwe_inhoud = {**inhoud, "soort": str(soort), "origineel_id": origineel.id}
    # A follow-up of a training bericht is training too, whoever writes it.
    _controleer_modus(origineel.training, nieuwe_inhoud)
    return BerichtRecord(
        id=None,
        versie=1,
        status=Status.CONCEPT,
        soort=soort,
        categorie=str(nieuwe_inhoud["categorie"]),
        inhoud=nieuwe_inhoud,
        opsteller=door.naam,
        auteurs=(door.naam,),
        origineel_id=origineel.id,
        message_code=origineel.message_code,
        taalcodes=dict(origineel.taalcodes),
        update_nummer=next_update_number(origineel.update_nummer),
        training=origineel.training,
        aangemaakt_op=nu,
        gewijzigd_op=nu,
    )


def opgevolgd(origineel: BerichtRecord, vervolg: BerichtRecord, *, nu: datetime) -> BerichtRecord:
    """The original once its update (-> vervangen) or cancel (-> ingetrokken) has been sent."""
    if vervolg.status != Status.VERZONDEN or vervolg.origineel_id != origineel.id:
        raise OngeldigeOvergang("opvolgen", vervolg.status)
    status = Status.INGETROKKEN if vervolg.soort == BerichtSoort.CANCEL else Status.VERVANGEN
    return dataclasses.replace(
        origineel, versie=origineel.versie + 1, status=status, gewijzigd_op=nu
    )


def ingetrokken_zonder_opvolger(origineel: BerichtRecord, *, nu: datetime) -> BerichtRecord:
    """An original whose broadcasts were withdrawn for a follow-up that was then stopped."""
    if origineel.status != Status.VERZONDEN:
        raise OngeldigeOvergang("intrekken", origineel.status)
    return dataclasses.replace(
        origineel, versie=origineel.versie + 1, status=Status.INGETROKKEN, gewijzigd_op=nu
    )


def vervallen(record: BerichtRecord, *, nu: datetime) -> BerichtRecord:
    """A follow-up not sent yet, once another follow-up of the same bericht went out."""
    if record.status not in NOG_NIET_VERZONDEN or record.origineel_id is None:
        raise OngeldigeOvergang("vervallen", record.status)
    return dataclasses.replace(
        record, versie=record.versie + 1, status=Status.INGETROKKEN, gewijzigd_op=nu
    )


def _met(namen: tuple[str, ...], naam: str) -> tuple[str, ...]:
    return namen if naam in namen else (*namen, naam)
