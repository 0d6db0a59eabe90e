"""An uploaded scenario: a TOML text, or a zip with the TOML at its top and its attachments.

The zip comes from outside, so it is read defensively: every member is checked by name and
declared size first, then read into memory with bounded reads (a zip bomb lies about its sizes),
and the scenario reads its attachments from that memory, never from the zip again. A refusal is
`ScenarioOngeldig` with one line naming the zip (and the member) and the reason.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any

from nlalert.fouten import N_, Melding
from nlalert.oefenen.fouten import Probleem, ScenarioOngeldig
from nlalert.oefenen.lezer import MAX_BIJLAGE
from nlalert.oefenen.model import Scenario
from nlalert.oefenen.scenario import uit_tekst

MAX_ZIP = 10_000_000  # bytes of the zip itself
MAX_TOTAAL = 10_000_000  # bytes of all members together, uncompressed
MAX_BESTANDEN = 50
_BLOK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Pakket:
    """A checked zip: the scenario's file name and text, and every member's bytes by path."""

    toml_naam: str
    tekst: str
    bestanden: dict[str, bytes]


def _weiger(bestand: str, reden: str, /, **parameters: object) -> ScenarioOngeldig:
    probleem = Probleem(bestand=bestand, reden=Melding(reden, **parameters))
    return ScenarioOngeldig(bestand, (probleem,))


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _buiten(naam: str) -> bool:
    delen = PurePosixPath(naam).parts
    return (
        not delen
        or naam.startswith(("/", "\\"))
        or "\\" in naam
        or ":" in naam
        or any(d in ("..", ".") for d in delen)
    )


def _lees_lid(zf: zipfile.ZipFile, info: zipfile.ZipInfo, bestand: str) -> bytes:
    """A member's bytes, never more than it declared nor than MAX_BIJLAGE (a bomb stops here)."""
    grens = min(info.file_size, MAX_BIJLAGE)
    delen: list[bytes] = []
    gelezen = 0
    try:
        with zf.open(info) as f:
            while blok := f.read(min(_BLOK, grens + 1 - gelezen)):
                gelezen += len(blok)
                if gelezen > grens:  # zipfile stops at the declared size too; we do not rely on it
                    raise zipfile.BadZipFile(info.filename)
                delen.append(blok)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise _weiger(
            bestand, N_("%(lid)s is beschadigd of pakt anders uit dan opgegeven"), lid=info.filename
        ) from None
    return b"".join(delen)


def _leden(zf: zipfile.ZipFile, bestand: str) -> dict[str, bytes]:
    infos = zf.infolist()
    if len(infos) > MAX_BESTANDEN:
        raise _weiger(
            bestand,
            N_("te veel bestanden (%(n)s; hoogstens %(max)s)"),
            n=len(infos),
            max=MAX_BESTANDEN,
        )
    totaal = 0
    for info in infos:
        naam = info.filename
        if _is_link(info):
            raise _weiger(bestand, N_("%(lid)s is een symbolische koppeling"), lid=naam)
        if _buiten(naam.removesuffix("/")):
            raise _weiger(bestand, N_("%(lid)s ligt buiten de map van het scenario"), lid=naam)
        if info.flag_bits & 0x1:
            raise _weiger(bestand, N_("%(lid)s is versleuteld"), lid=naam)
        if info.file_size > MAX_BIJLAGE:
            raise _weiger(
                bestand,
                N_("%(lid)s is te groot (%(kb)s kB; hoogstens %(max)s kB)"),
                lid=naam,
                kb=info.file_size // 1000,
                max=MAX_BIJLAGE // 1000,
            )
        totaal += info.file_size
    if totaal > MAX_TOTAAL:
        raise _weiger(
            bestand,
            N_("uitgepakt te groot (%(kb)s kB; hoogstens %(max)s kB)"),
            kb=totaal // 1000,
            max=MAX_TOTAAL // 1000,
        )
    leden: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        if info.filename in leden:
            raise _weiger(bestand, N_("%(lid)s staat er twee keer in"), lid=info.filename)
        leden[info.filename] = _lees_lid(zf, info, bestand)
    return leden


def pak_uit(inhoud: bytes, bestand: str) -> Pakket:
    """A zip's scenario and attachments, checked; refused as ScenarioOngeldig naming the zip."""
    if len(inhoud) > MAX_ZIP:
        raise _weiger(bestand, N_("groter dan %(max)s kB"), max=MAX_ZIP // 1000)
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as zf:
            leden = _leden(zf, bestand)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
        raise _weiger(bestand, N_("geen geldig zip-bestand")) from None
    tomls = sorted(n for n in leden if "/" not in n and n.lower().endswith(".toml"))
    if len(tomls) != 1:
        raise _weiger(
            bestand,
            N_("bovenin de zip hoort precies één .toml te staan, niet %(n)s (%(namen)s)"),
            n=len(tomls),
            namen=", ".join(tomls) or "-",
        )
    try:
        tekst = leden[tomls[0]].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _weiger(
            bestand,
            N_("%(lid)s is geen UTF-8 (byte %(positie)s)"),
            lid=tomls[0],
            positie=exc.start,
        ) from None
    return Pakket(toml_naam=tomls[0], tekst=tekst, bestanden=leden)


class Geheugenmap(Traversable):
    """A folder of the zip as read into memory: what the scenario reader needs of a Traversable."""

    def __init__(self, bestanden: dict[str, bytes], pad: str = "") -> None:
        self._bestanden = bestanden
        self._pad = pad

    @property
    def name(self) -> str:
        """The last part of the path."""
        return self._pad.rsplit("/", 1)[-1]

    def iterdir(self) -> Iterator[Geheugenmap]:
        """The files and folders directly inside this folder."""
        voor = f"{self._pad}/" if self._pad else ""
        namen = {n[len(voor) :].split("/", 1)[0] for n in self._bestanden if n.startswith(voor)}
        return (Geheugenmap(self._bestanden, voor + n) for n in sorted(namen) if n)

    def is_file(self) -> bool:
        """Whether a member has exactly this path."""
        return self._pad in self._bestanden

    def is_dir(self) -> bool:
        """Whether any member lies below this path (the root always is a folder)."""
        return not self._pad or any(n.startswith(f"{self._pad}/") for n in self._bestanden)

    def joinpath(self, *delen: Any) -> Geheugenmap:
        """A path below this one."""
        pad = "/".join([self._pad, *map(str, delen)]) if self._pad else "/".join(map(str, delen))
        return Geheugenmap(self._bestanden, pad)

    def __truediv__(self, deel: Any) -> Geheugenmap:
        return self.joinpath(deel)

    def read_bytes(self) -> bytes:
        """The member's bytes."""
        if not self.is_file():
            raise FileNotFoundError(self._pad)
        return self._bestanden[self._pad]

    def read_text(self, encoding: str | None = None) -> str:
        """The member's text."""
        return self.read_bytes().decode(encoding or "utf-8")

    def open(self, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        """The member as a binary or text stream."""
        if "b" in mode:
            return io.BytesIO(self.read_bytes())
        return io.TextIOWrapper(io.BytesIO(self.read_bytes()), *args, **kwargs)


@lru_cache(maxsize=32)
def _uit_upload(tekst: str, bestand: str) -> Scenario:
    return uit_tekst(tekst, bestand=bestand, map_=_GEEN_MAP)


_GEEN_MAP: Traversable = Path("/nonexistent-nlalert-upload")  # an upload brings no attachments


def scenario_uit_upload(tekst: str, bestand: str) -> Scenario:
    """An uploaded TOML: checked as `valideer` checks a file (attachments need a zip)."""
    return _uit_upload(tekst, Path(bestand).name or "scenario.toml")


@lru_cache(maxsize=8)
def _uit_zip(inhoud: bytes, bestand: str) -> tuple[Scenario, str]:
    pakket = pak_uit(inhoud, bestand)
    map_ = Geheugenmap(pakket.bestanden)
    scenario = uit_tekst(pakket.tekst, bestand=f"{bestand}/{pakket.toml_naam}", map_=map_)
    return scenario, pakket.tekst


def scenario_uit_zip(inhoud: bytes, bestand: str) -> tuple[Scenario, str]:
    """An uploaded zip (the TOML at its top, attachments beside it): the scenario, checked as
    `valideer` checks a file with its folder, and the TOML's text."""
    return _uit_zip(inhoud, Path(bestand).name or "scenario.zip")


def upload(inhoud: bytes, bestand: str) -> tuple[Scenario, str, str, bytes | None]:
    """An uploaded file, a `.zip` or else TOML: its scenario, name, TOML text and the zip."""
    naam = Path(bestand).name or "scenario.toml"
    if naam.lower().endswith(".zip"):
        scenario, tekst = scenario_uit_zip(inhoud, naam)
        return scenario, naam, tekst, inhoud
    try:
        tekst = inhoud.decode("utf-8")
    except UnicodeDecodeError as exc:
        reden = Melding(N_("het bestand is geen UTF-8 (byte %(positie)s)"), positie=exc.start)
        raise ScenarioOngeldig(naam, (Probleem(bestand=naam, reden=reden),)) from None
    return scenario_uit_upload(tekst, naam), naam, tekst, None
