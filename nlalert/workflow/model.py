"""A bericht in the workflow: its stored record, its states, and the workflow's refusals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

from berichten.modus import BerichtSoort, Modus
from nlalert.audit.log import inhoud_hash
from nlalert.fouten import N_, NlalertError

MESSAGE_CODES = 1024  # 10 bits of the serial number
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
    taalcodes: Mapping[str, int] = field(default_factory=dict)
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

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: every field (times in ISO-8601) and the content hash."""
        uit: dict[str, Any] = {}
        for f in fields(self):
            w = getattr(self, f.name)
            if isinstance(w, datetime):
                w = w.isoformat()
            elif isinstance(w, StrEnum):
                w = str(w)
            elif isinstance(w, tuple):
                w = list(w)
            elif isinstance(w, Mapping):
                w = dict(w)
            uit[f.name] = w
        uit["inhoud_hash"] = self.inhoud_hash
        return uit

    @property
    def inhoud_hash(self) -> str:
        """SHA-256 of the canonical content; an approval is bound to this value."""
        return inhoud_hash(self.inhoud)


class WorkflowError(NlalertError):
    """Base of the workflow's refusals."""


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
