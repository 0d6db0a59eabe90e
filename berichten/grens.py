"""Areas near the land border, and the Caribbean Netherlands: what the area asks of the message.

- An area within `GRENS_KM` of the Belgian or German border is flagged: a Dutch alert reaches
  people across the border on Dutch cells and misses Dutch phones on foreign cells, and the
  neighbour warns its own people with its own system (DOMAIN.md section 8). The flag names that
  system and asks for the texts to hand over. The border lines are data the caller passes in
  (`Landgrens`): this package does no I/O.
- An area on Bonaire, Sint Eustatius or Saba takes the islands' time zone for the header
  (America/Kralendijk) and their default languages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from shapely import affinity
from shapely.geometry.base import BaseGeometry

from berichten.gebied import GEBIEDEN_NL, Gebied
from berichten.model import Waarschuwing
from handelingsperspectieven.meldingen import N_, Melding

GRENS_KM = 5.0  # an area within this distance of the land border is flagged
KRALENDIJK = ZoneInfo("America/Kralendijk")
_KM_PER_GRAAD = 111.32
# Default languages of a message on the islands: the main language there, then Dutch.
EILANDTALEN = {"Bonaire": ("pap", "nl"), "Sint Eustatius": ("en", "nl"), "Saba": ("en", "nl")}
# Boxes (lon_min, lat_min, lon_max, lat_max) around each island with its territorial sea.
EILANDEN = {
    "Bonaire": (-68.5, 11.9, -68.1, 12.4),
    "Sint Eustatius": (-63.1, 17.4, -62.9, 17.55),
    "Saba": (-63.35, 17.55, -63.1, 17.7),
}


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Landgrens:
    """The Dutch land border per neighbour ("BE", "DE") as WGS84 lon,lat lines."""

    lijnen: Mapping[str, BaseGeometry]


@dataclass(frozen=True, slots=True, kw_only=True)
class Buur:
    """A neighbour whose border lies near the area."""

    land: str  # "BE" or "DE"
    afstand_km: float


def _km(geometrie: BaseGeometry, breedte: float) -> BaseGeometry:
    """Lon,lat scaled to km around a latitude: good to a few per cent at a border's scale."""
    schaal = _KM_PER_GRAAD * math.cos(math.radians(breedte))
    return affinity.scale(geometrie, xfact=schaal, yfact=_KM_PER_GRAAD, origin=(0, 0))


def buren(gebied: Gebied, grens: Landgrens, km: float = GRENS_KM) -> tuple[Buur, ...]:
    """The neighbours whose land border lies within `km` of the area, nearest first."""
    vorm = gebied.geometrie()
    if vorm.is_empty:
        return ()
    breedte = vorm.centroid.y
    vlak = _km(vorm, breedte)
    uit = []
    for land, lijn in sorted(grens.lijnen.items()):
        afstand = vlak.distance(_km(lijn, breedte))
        if afstand <= km:
            uit.append(Buur(land=land, afstand_km=round(afstand, 1)))
    return tuple(sorted(uit, key=lambda b: b.afstand_km))


def waarschuwingen(
    gebied: Gebied | None, grens: Landgrens | None, talen: Sequence[str]
) -> list[Waarschuwing]:
    """The border flag: per neighbour its warning system and the texts to hand over."""
    if gebied is None or grens is None:
        return []
    uit = []
    for buur in buren(gebied, grens):
        if buur.land == "BE":
            melding = Melding(
                N_(
                    "Het gebied ligt binnen %(km)s km van de Belgische grens (%(afstand)s km)."
                    " In België waarschuwt BE-Alert. Stem af met de buurregio en geef hen de"
                    " Franse en Nederlandse tekst en het CAP-bestand."
                ),
                km=f"{GRENS_KM:g}",
                afstand=round(buur.afstand_km),
            )
            ontbreekt = "fr" not in talen
        else:
            melding = Melding(
                N_(
                    "Het gebied ligt binnen %(km)s km van de Duitse grens (%(afstand)s km)."
                    " In Duitsland waarschuwt het systeem achter MoWaS (NINA, cell broadcast als"
                    " DE-Alert). Stem af met de buurregio en geef hen de Duitse tekst en het"
                    " CAP-bestand."
                ),
                km=f"{GRENS_KM:g}",
                afstand=round(buur.afstand_km),
            )
            ontbreekt = "de" not in talen
        if ontbreekt:
            taal = Melding(N_("Voeg Frans toe.") if buur.land == "BE" else N_("Voeg Duits toe."))
            melding = Melding.opsomming([melding, taal], " ")
        uit.append(Waarschuwing(code=f"grens-{buur.land.lower()}", melding=melding))
    return uit


# Per neighbour: its warning system and the languages of the message to hand over.
OVERDRACHT = {
    "BE": ("BE-Alert", ("fr", "nl")),
    "DE": ("MoWaS (NINA, DE-Alert)", ("de",)),
}


def overdracht(
    waarschuwingen_: Sequence[Waarschuwing], talen: Sequence[str]
) -> list[dict[str, object]]:
    """Per flagged neighbour: its system and which of its languages the message has."""
    uit: list[dict[str, object]] = []
    for w in waarschuwingen_:
        land = w.code.removeprefix("grens-").upper()
        if w.code.startswith("grens-") and land in OVERDRACHT:
            systeem, gewenst = OVERDRACHT[land]
            uit.append(
                {
                    "land": land,
                    "systeem": systeem,
                    "talen": [t for t in gewenst if t in talen],
                    "ontbreekt": [t for t in gewenst if t not in talen],
                }
            )
    return uit


def eiland(gebied: Gebied | None) -> str | None:
    """The island an area lies on wholly (by its points), or None."""
    if gebied is None:
        return None
    punten = [p for ring in gebied.polygonen for p in ring]
    punten += [(c.lon, c.lat) for c in gebied.cirkels]
    for naam, (a, b, c, d) in EILANDEN.items():
        if punten and all(a <= lon <= c and b <= lat <= d for lon, lat in punten):
            return naam
    caribisch = [box for box in GEBIEDEN_NL if box[2] < 0]
    if punten and all(
        any(a <= lon <= c and b <= lat <= d for a, b, c, d in caribisch) for lon, lat in punten
    ):
        return "Caribisch Nederland"
    return None


def tijdzone(gebied: Gebied | None) -> ZoneInfo | None:
    """America/Kralendijk for an area on the islands; None (Europe/Amsterdam) elsewhere."""
    return KRALENDIJK if eiland(gebied) is not None else None


def standaardtalen(gebied: Gebied | None) -> tuple[str, ...] | None:
    """The default languages for an area on one island (main language, then Dutch), or None."""
    return EILANDTALEN.get(eiland(gebied) or "")
