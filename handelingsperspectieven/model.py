"""The catalogue's values: risk categories, actions, fields and their sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Register(StrEnum):
    """How the reader is addressed: informal *je* (recent practice) or formal *u*."""

    JE = "je"
    U = "u"


class Severity(StrEnum):
    """CAP 1.2 severity."""

    EXTREME = "Extreme"
    SEVERE = "Severe"
    MODERATE = "Moderate"
    MINOR = "Minor"
    UNKNOWN = "Unknown"


class Urgency(StrEnum):
    """CAP 1.2 urgency."""

    IMMEDIATE = "Immediate"
    EXPECTED = "Expected"
    FUTURE = "Future"
    PAST = "Past"
    UNKNOWN = "Unknown"


class Certainty(StrEnum):
    """CAP 1.2 certainty."""

    OBSERVED = "Observed"
    LIKELY = "Likely"
    POSSIBLE = "Possible"
    UNLIKELY = "Unlikely"
    UNKNOWN = "Unknown"


class CapCategory(StrEnum):
    """CAP 1.2 info/category."""

    GEO = "Geo"
    MET = "Met"
    SAFETY = "Safety"
    SECURITY = "Security"
    RESCUE = "Rescue"
    FIRE = "Fire"
    HEALTH = "Health"
    ENV = "Env"
    TRANSPORT = "Transport"
    INFRA = "Infra"
    CBRNE = "CBRNE"
    OTHER = "Other"


class ResponseType(StrEnum):
    """CAP 1.2 responseType."""

    SHELTER = "Shelter"
    EVACUATE = "Evacuate"
    PREPARE = "Prepare"
    EXECUTE = "Execute"
    AVOID = "Avoid"
    MONITOR = "Monitor"
    ASSESS = "Assess"
    ALLCLEAR = "AllClear"
    NONE = "None"


class VeldSoort(StrEnum):
    """The kind of an incident field, which decides its validation."""

    TEKST = "tekst"
    LINK = "link"
    TELEFOON = "telefoon"
    TIJD = "tijd"
    ZIN = "zin"
    WEGNUMMER = "wegnummer"  # a road's number (A16, N3): the same in every language


@dataclass(frozen=True, slots=True, kw_only=True)
class Tekst:
    """A Dutch source text (a msgid) in both registers; equal when the register doesn't matter."""

    je: str
    u: str

    def voor(self, register: Register) -> str:
        """The text in the given register."""
        return self.je if register is Register.JE else self.u

    @property
    def msgids(self) -> tuple[str, ...]:
        """Every distinct msgid this text contributes to the broadcast catalogue."""
        return (self.je,) if self.je == self.u else (self.je, self.u)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bron:
    """A public source of the wording of a category or action."""

    uitgever: str
    titel: str
    url: str
    datum: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Veld:
    """An incident field a communicator fills in (place, substance, link, ...)."""

    id: str
    label_nl: str
    label_en: str
    soort: VeldSoort
    uitleg: str
    voorbeeld: str
    max_lengte: int
    uitleg_en: str = ""  # the help in English for the web screen; "" falls back to the Dutch


@dataclass(frozen=True, slots=True, kw_only=True)
class Actie:
    """One instruction of an action perspective, shown with its pictogram."""

    id: str
    pictogram: str
    tekst: Tekst
    bijschrift: str  # short caption for the visual card, Dutch msgid
    eigen_formulering: bool
    bronnen: tuple[Bron, ...]

    @property
    def velden(self) -> frozenset[str]:
        """Names of the placeholders this action's text uses."""
        return placeholders(self.tekst.je) | placeholders(self.tekst.u)


@dataclass(frozen=True, slots=True, kw_only=True)
class Handelingsperspectief:
    """A uniform action perspective for one risk category."""

    id: str
    naam_nl: str
    naam_en: str
    cap_category: CapCategory
    cap_event: str
    response_types: tuple[ResponseType, ...]
    severity: Severity
    urgency: Urgency
    certainty: Certainty
    wat: Tekst  # what is happening, and where
    acties: tuple[Actie, ...]
    vervolg: Tekst  # follow-up sentence used in updates
    einde: Tekst  # all-clear sentence
    verplichte_velden: tuple[str, ...]
    optionele_velden: tuple[str, ...]
    b1: tuple[Tekst, ...]  # easy-Dutch sentences, one instruction each
    kort: str  # at most 100 characters once filled in, for secondary screens
    vaste_modus: str  # "" or the only mode this category may use (e.g. "test")
    duur_minuten: int  # how long its broadcasts stay on air unless the communicator says otherwise
    eigen_formulering: bool
    bronnen: tuple[Bron, ...]

    @property
    def velden(self) -> tuple[str, ...]:
        """All fields, required first."""
        return self.verplichte_velden + self.optionele_velden


def placeholders(tekst: str) -> frozenset[str]:
    """The named %(...)s placeholders in a text."""
    return frozenset(re.findall(r"%\((\w+)\)s", tekst))
