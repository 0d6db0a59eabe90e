"""The values of a composed Bericht."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from berichten.gebied import Gebied
from berichten.identificatie import SerialNumber
from berichten.modus import BerichtSoort, Modus
from berichten.paginas import CBPaginas
from berichten.spelling import Spelling
from handelingsperspectieven import Register
from handelingsperspectieven.meldingen import Melding


class Variant(StrEnum):
    """The form of a Bericht: standard text, easy Dutch, short for screens, or a visual card."""

    STANDAARD = "standaard"
    B1 = "b1"
    KORT = "kort"
    BEELD = "beeld"


@dataclass(frozen=True, slots=True, kw_only=True)
class Waarschuwing:
    """Something the communicator must see before sending; never silent.

    `melding` is translatable (the web layer shows it in the user's language); `tekst` is its
    Dutch, for the CLI, CAP and the API.
    """

    code: str
    melding: Melding
    taal: str = ""

    @property
    def tekst(self) -> str:
        """The warning in Dutch."""
        return str(self.melding)

    def to_dict(self) -> dict[str, str]:
        """JSON shape."""
        return {"code": self.code, "tekst": self.tekst, "taal": self.taal}


@dataclass(frozen=True, slots=True, kw_only=True)
class Controlepunt:
    """One item of the completeness checklist; `melding` is translatable, `uitleg` its Dutch."""

    ok: bool
    melding: Melding

    @property
    def uitleg(self) -> str:
        """The item's explanation in Dutch."""
        return str(self.melding)


@dataclass(frozen=True, slots=True, kw_only=True)
class Volledigheid:
    """Does the Bericht say what happens and where, what to do, where to read more, who and when."""

    wat_waar: Controlepunt
    actie: Controlepunt
    meer_info: Controlepunt
    bron: Controlepunt
    tijd: Controlepunt

    @property
    def compleet(self) -> bool:
        """True when every item is present."""
        return all(p.ok for p in self.punten.values())

    @property
    def punten(self) -> dict[str, Controlepunt]:
        """The items by name."""
        return {
            "wat_waar": self.wat_waar,
            "actie": self.actie,
            "meer_info": self.meer_info,
            "bron": self.bron,
            "tijd": self.tijd,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        uit: dict[str, Any] = {k: {"ok": p.ok, "uitleg": p.uitleg} for k, p in self.punten.items()}
        uit["compleet"] = self.compleet
        return uit


@dataclass(frozen=True, slots=True, kw_only=True)
class Afzender:
    """Who sends: CAP sender (an id without spaces) and senderName (for people)."""

    id: str = "nlalert@nl-alert.local"
    naam: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Herkomst:
    """The earlier Bericht an update or cancel refers to."""

    identifier: str
    sender: str
    sent: datetime
    message_identifier: int
    message_code: int
    update_nummer: int
    velden: Mapping[str, str] = field(default_factory=dict)
    # CAP references of the messages before this one in its chain (the original, earlier updates).
    eerdere: tuple[str, ...] = ()

    @classmethod
    def van(cls, bericht: Bericht) -> Herkomst:
        """What an update or cancel of this composed Bericht refers to."""
        return cls(
            identifier=bericht.identifier,
            sender=bericht.afzender.id,
            sent=bericht.tijd,
            message_identifier=bericht.message_identifier,
            message_code=bericht.serial.message_code,
            update_nummer=bericht.serial.update_number,
            velden=dict(bericht.velden),
            eerdere=bericht.herkomst.referenties if bericht.herkomst else (),
        )

    @property
    def cap_reference(self) -> str:
        """CAP references entry of the message referred to: sender,identifier,sent."""
        return f"{self.sender},{self.identifier},{self.sent.isoformat(timespec='seconds')}"

    @property
    def referenties(self) -> tuple[str, ...]:
        """Every earlier message of the chain, oldest first: what CAP `references` lists."""
        return (*dict.fromkeys(self.eerdere), self.cap_reference)


@dataclass(frozen=True, slots=True, kw_only=True)
class Taaltekst:
    """The Bericht in one language, as one cell-broadcast message."""

    taal: str
    tekst: str
    richting: str
    cb: CBPaginas
    message_identifier: int
    serial: SerialNumber
    wat: str = ""  # the what/where sentence: CAP headline
    acties: tuple[str, ...] = ()  # the action sentences: CAP instruction
    teruggevallen: tuple[str, ...] = ()  # msgids shown in Dutch for want of a translation
    # The GSM-7 spelling of `tekst` (None when nothing needs it); `cb` carries the spelled text
    # when it is applied, while `tekst`, `wat` and `acties` stay as written.
    spelling: Spelling | None = None
    # Free values of a field with a vocabulary ("chloor" typed, not picked): inserted as typed,
    # so untranslated in this language.
    niet_vertaald: tuple[str, ...] = ()

    @property
    def uitzendtekst(self) -> str:
        """The text the cell-broadcast pages carry: spelled in GSM-7 when that is applied."""
        return self.spelling.tekst if self.spelling is not None else self.tekst

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "tekst": self.tekst,
            "uitzendtekst": self.uitzendtekst,
            "richting": self.richting,
            "cb": cb_dict(self.cb, self.message_identifier, self.serial),
            "teruggevallen": list(self.teruggevallen),
            "niet_vertaald": list(self.niet_vertaald),
            "spelling": None if self.spelling is None else self.spelling.to_dict(),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Uitzending:
    """One cell-broadcast message of a Bericht: its language(s), channel, serial number and pages.

    An alert is a set of these: the primary one (Dutch, with English after ' *** ' when chosen)
    and one per further language, each with its own serial number.
    """

    talen: tuple[str, ...]
    message_identifier: int
    serial: SerialNumber
    tekst: str
    cb: CBPaginas

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: languages, channel, serial number, DCS, pages and text."""
        return {
            "talen": list(self.talen),
            "message_identifier": self.message_identifier,
            "serial_number": self.serial.to_dict(),
            "dcs": self.cb.dcs,
            "encoding": self.cb.encoding,
            "pages": len(self.cb.pages),
            "page_hex": list(self.cb.page_hex),
            "tekst": self.tekst,
        }


def cb_dict(cb: CBPaginas, message_identifier: int, serial: SerialNumber) -> dict[str, Any]:
    """The `cb` object of the JSON output: encoding, pages, identifiers and page hex."""
    uit = cb.to_dict()
    uit["message_identifier"] = message_identifier
    uit["serial_number"] = serial.to_dict()
    return uit


@dataclass(frozen=True, slots=True, kw_only=True)
class Bericht:
    """A composed NL-Alert: the broadcast text, every language, identifiers and checks."""

    categorie: str
    modus: Modus
    soort: BerichtSoort
    variant: Variant
    nederlands: Variant = Variant.STANDAARD  # the Dutch broadcast text: standard or easy (B1)
    register: Register
    tijd: datetime
    verloopt: datetime  # when its broadcasts end (CAP expires)
    velden: Mapping[str, str]
    tekst: str  # the primary broadcast: Dutch, then ' *** ' and English when both are chosen
    cb: CBPaginas
    message_identifier: int
    serial: SerialNumber
    talen: tuple[Taaltekst, ...]
    uitzendingen: tuple[Uitzending, ...]  # what goes on air; none for a cancel
    waarschuwingen: tuple[Waarschuwing, ...]
    volledigheid: Volledigheid
    identifier: str
    afzender: Afzender
    herkomst: Herkomst | None = None
    gebied: Gebied | None = None
    wijzigingen: tuple[str, ...] = ()  # fields changed by an update

    def taaltekst(self, taal: str) -> Taaltekst:
        """The text in one language."""
        for t in self.talen:
            if t.taal == taal:
                return t
        raise KeyError(taal)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `nlalert compose --json`."""
        return {
            "categorie": self.categorie,
            "modus": self.modus.value,
            "type": self.soort.value,
            "variant": self.variant.value,
            "nederlands": self.nederlands.value,
            "register": self.register.value,
            "tijd": self.tijd.isoformat(timespec="seconds"),
            "verloopt": self.verloopt.isoformat(timespec="seconds"),
            "identifier": self.identifier,
            "afzender": {"id": self.afzender.id, "naam": self.afzender.naam},
            "velden": dict(self.velden),
            "tekst": self.tekst,
            "talen": {t.taal: t.to_dict() for t in self.talen},
            "cb": cb_dict(self.cb, self.message_identifier, self.serial),
            "uitzendingen": [u.to_dict() for u in self.uitzendingen],
            "waarschuwingen": [w.to_dict() for w in self.waarschuwingen],
            "volledigheid": self.volledigheid.to_dict(),
            "wijzigingen": list(self.wijzigingen),
            "referenties": list(self.herkomst.referenties) if self.herkomst else [],
            "gebied": self.gebied.to_geojson() if self.gebied else None,
        }
