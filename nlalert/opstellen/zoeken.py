"""Finding a place by name for the area panel: the bundled gemeenten, matched on how people type.

Matching folds accents and case (Unicode NFKD, combining marks dropped, casefold) and treats
hyphens, apostrophes, brackets and dots as spaces, so "sud" finds "Súdwest-Fryslân" and
"s-herto" finds "'s-Hertogenbosch". A query matches the start of the name or the start of any
word in it ("volendam" finds "Edam-Volendam"). Only gemeenten are bundled (`nlalert/data`);
wijken and buurten are not, so they are not searched.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from shapely.geometry import shape

from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.opstellen import kaart

MAX_ZOEK = 100  # characters; the longest gemeente name has 29
MAX_RESULTATEN = 10
MAX_SUGGESTIES = 5
GELIJKENIS = 0.6  # difflib's ratio for a suggestion

# Names people use that are not the CBS name, or are the Dutch name of a Frisian one. Without
# them "Den Haag", the name on every sign and in every news item, would find nothing.
ALIASSEN: dict[str, str] = {
    "Den Haag": "'s-Gravenhage",
    "The Hague": "'s-Gravenhage",
    "Den Bosch": "'s-Hertogenbosch",
    "Zuidwest-Friesland": "Súdwest-Fryslân",
    "Noordoost-Friesland": "Noardeast-Fryslân",
    "Friese Meren": "De Fryske Marren",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Plaats:
    """A place found by name: what the map needs to zoom to it and to add it to the area."""

    code: str
    naam: str
    soort: str  # "gemeente"; wijk and buurt once they are bundled
    regio: str
    inwoners: int | None
    vak: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max
    via: str | None = None  # the alias that matched, e.g. "Den Haag"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form for the screen."""
        return {
            "code": self.code,
            "naam": self.naam,
            "soort": self.soort,
            "regio": self.regio,
            "inwoners": self.inwoners,
            "vak": list(self.vak),
            "via": self.via,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Zoekresultaat:
    """The places matching a query, best first; when there are none, the closest names."""

    zoek: str
    plaatsen: tuple[Plaats, ...]
    suggesties: tuple[str, ...] = ()


def zoekvorm(tekst: str) -> str:
    """A name folded for matching: no accents, no case, punctuation as single spaces."""
    ontleed = unicodedata.normalize("NFKD", tekst)
    zonder = "".join(c for c in ontleed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in zonder).split())


@cache
def _index() -> tuple[tuple[str, Plaats], ...]:
    """(folded name, place) for every gemeente and every alias, built once."""
    plaatsen: dict[str, Plaats] = {}
    for f in kaart.grenzen()["gemeenten"]["features"]:
        p = f["properties"]
        lon0, lat0, lon1, lat1 = shape(f["geometry"]).bounds
        plaatsen[p["gemeentenaam"]] = Plaats(
            code=p["gemeentecode"],
            naam=p["gemeentenaam"],
            soort="gemeente",
            regio=p.get("vr_naam") or "",
            inwoners=p.get("aantal_inwoners"),
            vak=(round(lon0, 4), round(lat0, 4), round(lon1, 4), round(lat1, 4)),
        )
    index = [(zoekvorm(naam), plaats) for naam, plaats in plaatsen.items()]
    for alias, naam in ALIASSEN.items():
        doel = plaatsen[naam]
        index.append((zoekvorm(alias), replace(doel, via=alias)))
    return tuple(index)


def _controleer(zoek: object) -> str:
    if not isinstance(zoek, str):
        raise OngeldigeInvoer("q", N_("typ een deel van een plaatsnaam"))
    if len(zoek) > MAX_ZOEK:
        raise OngeldigeInvoer("q", N_("een plaatsnaam is hoogstens %(max)s tekens"), max=MAX_ZOEK)
    if any(unicodedata.category(c) in ("Cs", "Cc", "Cn") for c in zoek):
        raise OngeldigeInvoer("q", N_("de zoektekst bevat tekens die geen letters zijn"))
    gevouwen = zoekvorm(zoek)
    if not gevouwen:
        raise OngeldigeInvoer("q", N_("typ een deel van een plaatsnaam"))
    return gevouwen


def zoek(tekst: object, max_resultaten: int = MAX_RESULTATEN) -> Zoekresultaat:
    """The gemeenten whose name (or a word in it, or an alias) starts with `tekst`."""
    q = _controleer(tekst)
    treffers: dict[str, tuple[int, str, Plaats]] = {}
    for gevouwen, plaats in _index():
        if gevouwen.startswith(q):
            rang = 0
        elif (" " + gevouwen).find(" " + q) >= 0:
            rang = 1
        else:
            continue
        if plaats.via:
            rang += 2  # the CBS name itself first, then what an alias found
        oud = treffers.get(plaats.code)
        if oud is None or rang < oud[0]:
            treffers[plaats.code] = (rang, zoekvorm(plaats.naam), plaats)
    plaatsen = tuple(p for _, _, p in sorted(treffers.values(), key=lambda t: t[:2]))
    zoek_tekst = str(tekst).strip()
    if plaatsen:
        return Zoekresultaat(zoek=zoek_tekst, plaatsen=plaatsen[:max_resultaten])
    return Zoekresultaat(zoek=zoek_tekst, plaatsen=(), suggesties=suggesties(q))


def suggesties(gevouwen: str) -> tuple[str, ...]:
    """The names closest to a query that matched nothing (difflib), the CBS name of each."""
    namen: dict[str, str] = {}
    for vorm, plaats in _index():
        namen.setdefault(vorm, plaats.naam)
        # Compare with the start of the name as long as the query, so a typo in the first
        # letters of a long name ("moerdjik") still finds it.
        namen.setdefault(vorm[: len(gevouwen)], plaats.naam)
    dichtst = difflib.get_close_matches(
        gevouwen, list(namen), n=MAX_SUGGESTIES * 2, cutoff=GELIJKENIS
    )
    return tuple(dict.fromkeys(namen[v] for v in dichtst))[:MAX_SUGGESTIES]
