"""A scenario as values: the injects on the exercise clock and the ground truth for the report.

Built only by `scenario` from a checked file, so every value here is already valid: times are
timedeltas from the start and inside the exercise, the area is a berichten `Gebied`, categories
and languages exist, every reference to an inject resolves.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from importlib.resources.abc import Traversable

from berichten.gebied import Gebied
from berichten.sector import Rookpluim
from vertalingen import BRONTAAL


class Vervolgsoort(StrEnum):
    """The follow-ups a scenario can expect; the values are the berichten table's `soort`."""

    UPDATE = "update"
    EINDE = "einde"
    CANCEL = "cancel"


@dataclass(frozen=True, slots=True, kw_only=True)
class Regio:
    """A veiligheidsregio from the bundled boundaries."""

    code: str  # VR20
    naam: str  # Midden- en West-Brabant


@dataclass(frozen=True, slots=True, kw_only=True)
class Bijlage:
    """A file given with an inject (a map, a weather report), read when it is shown."""

    pad: str  # as written in the scenario, relative to it (posix)
    grootte: int  # bytes
    bron: Traversable = field(compare=False, repr=False)

    @property
    def naam(self) -> str:
        """The file name without its folder."""
        return self.pad.rsplit("/", 1)[-1]

    @property
    def mediatype(self) -> str:
        """The media type from the file name, for serving it."""
        return mimetypes.guess_type(self.naam)[0] or "application/octet-stream"

    def lees(self) -> bytes:
        """The file's bytes."""
        return self.bron.read_bytes()


@dataclass(frozen=True, slots=True, kw_only=True)
class Inject:
    """A message to the team at an exercise time."""

    nummer: int  # 1-based, in file order (and time order: the file must be in order)
    id: str  # as given, or the number as text
    tijd: timedelta  # from the exercise start, in exercise time
    tekst: str
    van: str | None = None  # who sends it (meldkamer, ROT, KNMI)
    team: str | None = None  # None: every team
    bijlagen: tuple[Bijlage, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class VerwachteTaal:
    """A language besides Dutch the alert should carry, and why."""

    code: str
    reden: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Verwachting:
    """An alert expected by an exercise time, in answer to an inject."""

    soort: Vervolgsoort | None  # None: the first alert
    uiterlijk: timedelta
    aanleiding: int  # the inject's nummer
    reden: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Grondwaarheid:
    """What a good answer looks like: area, categories, languages, timing, follow-ups."""

    gebied: Gebied
    rookpluim: Rookpluim | None  # the sector's parameters when the area is a downwind sector
    oppervlakte_km2: float
    categorieen: tuple[str, ...]
    talen: tuple[VerwachteTaal, ...]  # besides Dutch
    eerste_alert: Verwachting
    vervolgen: tuple[Verwachting, ...]

    @property
    def taalcodes(self) -> tuple[str, ...]:
        """Every expected language, Dutch first."""
        return (BRONTAAL, *(t.code for t in self.talen))


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """A checked scenario file."""

    bestand: str  # the file as named to the loader (a shipped one: its file name)
    titel: str
    beschrijving: str | None
    regio: Regio
    start: datetime | None  # aware; None: the exercise clock starts at the real start
    tempo: float  # exercise minutes per real minute
    duur: timedelta  # in exercise time
    teams: tuple[str, ...]
    injects: tuple[Inject, ...]
    grondwaarheid: Grondwaarheid

    def oefentijd(self, verstreken: timedelta) -> timedelta:
        """The exercise time after `verstreken` real time of running (capped at the end)."""
        return min(verstreken * self.tempo, self.duur)

    def klok(self, oefentijd: timedelta, begonnen: datetime) -> datetime:
        """The exercise clock's date and time at an exercise time; `begonnen` when no start is set."""
        return (self.start or begonnen) + oefentijd

    def inject(self, nummer: int) -> Inject:
        """The inject with this 1-based number."""
        return self.injects[nummer - 1]

    def vrijgegeven(self, oefentijd: timedelta, team: str | None = None) -> tuple[Inject, ...]:
        """The injects released at an exercise time, for one team (None: the injects for all)."""
        return tuple(
            i
            for i in self.injects
            if i.tijd <= oefentijd and (i.team is None or (team is not None and i.team == team))
        )
