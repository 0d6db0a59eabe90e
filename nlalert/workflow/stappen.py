"""The four-eyes approval workflow as a pure state machine: records and users in, new record out.

No Flask, no database: every function takes the current record and the acting user, checks the
rules, and returns the new state or raises a `WorkflowError`. `nlalert.opslag` stores the result.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from berichten.modus import BerichtSoort, Modus
from nlalert.accounts.gebruikers import Gebruiker, Recht
from nlalert.audit.log import inhoud_hash
from nlalert.fouten import N_, NlalertError
from nlalert.koppelingen.doel import Doel

MESSAGE_CODES = 1024  # 10 bits of the serial number
UPDATE_NUMMERS = 16  # 4 bits; wraps
MAX_REDEN = 1000


class Status(StrEnum):
    """Where a bericht is in the workflow. Values are stored, so never rename one."""

    CONCEPT = "concept"
    INGEDIEND = "ingediend"
    TERUGGESTUURD = "teruggestuurd"
    GOEDGEKEURD = "goedgekeurd"
    VERZENDEN = "verzenden"  # recorded before the CBC is called; a crash leaves it to settle
    VERZONDEN = "verzonden"  # every broadcast the CBC can carry is on air (or ended by itself)
    VERZENDFOUT = "verzendfout"  # the CBC refused or could not be reached; nothing approved lost
    ONBEKEND = "onbekend"  # the CBC could not say whether it holds a broadcast
    INGETROKKEN = "ingetrokken"
    VERVANGEN = "vervangen"


BEWERKBAAR = frozenset({Status.CONCEPT, Status.TERUGGESTUURD})
VERZENDBAAR = frozenset({Status.GOEDGEKEURD, Status.VERZENDFOUT, Status.ONBEKEND})
# A send that stopped half-way: its broadcasts can be stopped, or it can be closed by hand.
VASTGELOPEN = frozenset({Status.VERZENDFOUT, Status.ONBEKEND})
# Started sending and not finished: it may have broadcasts on air.
ONDERWEG = VASTGELOPEN | {Status.VERZENDEN}
# Not sent yet: when another follow-up of the same bericht goes out, these have lapsed.
NOG_NIET_VERZONDEN = BEWERKBAAR | {Status.INGEDIEND, Status.GOEDGEKEURD}
# Codes of these berichten are in use: they are on phones or may still be sent.
ACTIEF = frozenset(Status) - {Status.INGETROKKEN, Status.VERVANGEN}


@dataclass(frozen=True, slots=True, kw_only=True)
class BerichtRecord:
    """A stored bericht: its compose request (`inhoud`) and where it is in the workflow."""

    id: int | None  # None until stored
    versie: int
    status: Status
    soort: BerichtSoort
    categorie: str
    inhoud: Mapping[str, Any]
    opsteller: str
    auteurs: tuple[str, ...]  # everyone who wrote or changed the content; none may approve it
    goedkeurder: str | None = None
    teruggestuurd_reden: str | None = None
    origineel_id: int | None = None
    message_code: int
    taalcodes: Mapping[str, int] = dataclasses.field(default_factory=dict)
    update_nummer: int = 0
    verzendpogingen: int = 0
    verzonden_op: datetime | None = None
    eindigt: datetime | None = None  # when its last broadcast ends on air
    cap_identifier: str | None = None  # the CAP identifier it went out with
    cbc_resultaat: Mapping[str, Any] | None = None
    training: bool
    aangemaakt_op: datetime
    gewijzigd_op: datetime

    @property
    def modus(self) -> Modus:
        """The mode of the content: echt, oefening or test."""
        return Modus(self.inhoud["modus"])

    @property
    def inhoud_hash(self) -> str:
        """SHA-256 of the canonical content; an approval is bound to this value."""
        return inhoud_hash(self.inhoud)


class WorkflowError(NlalertError):
    """Base of the workflow's refusals."""


class GeenRecht(WorkflowError):
    """The user's role or relation to the bericht does not allow this action."""


class EigenGoedkeuringVerboden(WorkflowError):
    """Four eyes: nobody approves a bericht they wrote or changed (outside training)."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        super().__init__(
            N_(
                "%(naam)s heeft aan dit bericht geschreven en mag het daarom niet goedkeuren;"
                " een andere goedkeurder moet dat doen"
            ),
            naam=naam,
        )


class OngeldigeOvergang(WorkflowError):
    """The action is not possible in the bericht's current status."""

    def __init__(self, actie: str, status: Status) -> None:
        self.actie = actie
        self.status = status
        super().__init__(
            N_("'%(actie)s' kan niet bij een bericht met status '%(status)s'"),
            actie=actie,
            status=str(status),
        )


class Verouderd(WorkflowError):
    """The bericht changed after the user last saw it; they must look again."""

    def __init__(self) -> None:
        super().__init__(
            N_(
                "het bericht is gewijzigd sinds u het bekeek;"
                " bekijk het opnieuw voordat u verdergaat"
            )
        )


class RedenVerplicht(WorkflowError):
    """Returning a bericht needs a reason the author can act on."""

    def __init__(self) -> None:
        super().__init__(
            N_("geef een reden (1 tot %(max)d tekens) waarom het bericht terug moet"), max=MAX_REDEN
        )


class ModusWijktAf(WorkflowError):
    """A follow-up keeps the mode of the alert it follows; another mode is refused at creation."""

    def __init__(self, gevraagd: str, origineel: str) -> None:
        self.gevraagd = gevraagd
        self.origineel = origineel
        super().__init__(
            N_(
                "een update, einde of intrekking houdt de modus van het bericht dat het volgt"
                " ('%(origineel)s'), niet '%(gevraagd)s'"
            ),
            origineel=origineel,
            gevraagd=gevraagd,
        )


class NietInDeLucht(WorkflowError):
    """An update, all-clear or cancel of a bericht that is not on air."""

    def __init__(self, bericht_id: int, in_de_lucht: str) -> None:
        self.bericht_id = bericht_id
        self.in_de_lucht = in_de_lucht
        super().__init__(
            N_("bericht %(id)s is niet in de lucht; in de lucht is: %(in_de_lucht)s"),
            id=bericht_id,
            in_de_lucht=in_de_lucht,
        )


class VervolgBezig(WorkflowError):
    """Another follow-up of the same bericht has started sending and has not finished."""

    def __init__(self, bericht_id: int, vervolg_id: int) -> None:
        self.bericht_id = bericht_id
        self.vervolg_id = vervolg_id
        super().__init__(
            N_(
                "bericht %(id)s heeft al een vervolg dat wordt verzonden (bericht %(vervolg)s);"
                " verzend of stop dat eerst"
            ),
            id=bericht_id,
            vervolg=vervolg_id,
        )


class TrainingAlleenOefening(WorkflowError):
    """Training berichten are exercises that only ever reach the simulator."""


class GeenMessageCodeVrij(WorkflowError):
    """All 1024 message codes belong to active berichten."""

    def __init__(self) -> None:
        super().__init__(N_("alle 1024 berichtcodes zijn in gebruik; trek eerst berichten in"))


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


def volgende_message_code(bezet: Iterable[int], laatste: int | None) -> int:
    """The first message code after `laatste` that no active bericht uses (wraps at 1024)."""
    in_gebruik = set(bezet)
    start = 0 if laatste is None else (laatste + 1) % MESSAGE_CODES
    for stap in range(MESSAGE_CODES):
        code = (start + stap) % MESSAGE_CODES
        if code not in in_gebruik:
            return code
    raise GeenMessageCodeVrij()


def primaire_taal(talen: Iterable[str]) -> str:
    """The language of the primary broadcast: Dutch when chosen, else the first."""
    lijst = list(talen)
    return "nl" if "nl" in lijst or not lijst else lijst[0]


def taalcodes_voor(
    talen: Iterable[str],
    bestaand: Mapping[str, int],
    bezet: Iterable[int],
    laatste: int | None,
) -> dict[str, int]:
    """A message code for every further language: kept where it had one, else a free one.

    English gets one too, also when it rides with Dutch, so a change of that setting never needs
    a code that was not reserved.
    """
    lijst = list(dict.fromkeys(talen))
    primair = primaire_taal(lijst)
    in_gebruik = set(bezet)
    uit = {t: bestaand[t] for t in lijst if t != primair and t in bestaand}
    in_gebruik.update(uit.values())
    for t in lijst:
        if t == primair or t in uit:
            continue
        uit[t] = volgende_message_code(in_gebruik, laatste)
        in_gebruik.add(uit[t])
        laatste = uit[t]
    return uit


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


def dien_in(record: BerichtRecord, door: Gebruiker, *, nu: datetime) -> BerichtRecord:
    """Submit for approval."""
    _mag(door, Recht.OPSTELLEN, "indienen")
    _scheid_training(record, door)
    _eigen_of_beheer(record, door, "indienen")
    if record.status not in BEWERKBAAR:
        raise OngeldigeOvergang("indienen", record.status)
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
        update_nummer=(origineel.update_nummer + 1) % UPDATE_NUMMERS,
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
