"""Checking the shape of a stored compose request (`inhoud`) before it enters the workflow.

This checks structure and limits, and refuses what could never be sent whatever is typed next (a
category's fixed mode, an area that does not compose); a concept may still be incomplete. That the
text is complete and fits is `berichten`'s job, checked when it is submitted (`stappen.dien_in`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from berichten import InvalidCombination, uit_geojson
from berichten.grens import standaardtalen
from berichten.modus import BerichtSoort, Modus
from berichten.spelling import controleer as controleer_spelling
from handelingsperspectieven import OnbekendeCategorie, Register, catalogus
from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.http.invoer import is_id
from nlalert.opstellen import rookpluim
from nlalert.workflow.samenstelling import gebied_van

SLEUTELS = frozenset(
    {"categorie", "velden", "talen", "modus", "register", "soort", "gebied", "origineel_id"}
    | {"variant", "nederlands", "afzender", "duur_minuten"}
    # Written by the server from the reviewed vocabulary additions (workflow.woordenschat); a
    # client's value is accepted (a stored inhoud sent back) but never used.
    | {"woorden"}
    # The languages whose GSM-7 spelling the communicator accepted for this bericht (the offer
    # for Turkish and Polish), on top of the region's setting; approved with the rest.
    | {"gsm7_spelling"}
)
MAX_AFZENDER = 200
MAX_DUUR_MINUTEN = 7 * 24 * 60
MAX_VELDEN = 50
MAX_VELDLENGTE = 2000
MAX_TALEN = 30
# The languages of a request that names none, unless its area lies on one island (then that
# island's, berichten.grens.EILANDTALEN).
STANDAARD_TALEN = ("nl", "en")
MAX_COORDINATEN = 20_000
GEOJSON_TYPEN = frozenset({"Polygon", "MultiPolygon", "Feature", "FeatureCollection"})


class Nederlands(StrEnum):
    """Which Dutch text the primary broadcast carries."""

    STANDAARD = "standaard"
    B1 = "b1"


E = TypeVar("E", Modus, Register, BerichtSoort, Nederlands)


def lees_inhoud(data: object) -> dict[str, Any]:
    """Validate a compose request and return it in its stored (normalised) form."""
    if not isinstance(data, Mapping):
        raise OngeldigeInvoer("inhoud", N_("verwacht een JSON-object"))
    onbekend = sorted(str(k) for k in data if k not in SLEUTELS)
    if onbekend:
        raise OngeldigeInvoer(onbekend[0], N_("onbekend veld"))
    categorie = _tekst(data.get("categorie"), "categorie", 100)
    if categorie not in catalogus():
        fout = OnbekendeCategorie(categorie, tuple(catalogus()))
        raise OngeldigeInvoer("categorie", fout.sjabloon, **fout.parameters)
    uit: dict[str, Any] = {
        "categorie": categorie,
        "velden": _velden(data.get("velden", {})),
        "talen": _talen(data["talen"]) if "talen" in data else None,
        "modus": str(_keuze(Modus, data.get("modus"), "modus")),
        "register": str(_keuze(Register, data.get("register", "je"), "register")),
        "soort": str(_keuze(BerichtSoort, data.get("soort", "alert"), "soort")),
        "gebied": _gebied(data.get("gebied")),
        "origineel_id": _id(data.get("origineel_id")),
    }
    if uit["talen"] is None:  # named languages are kept as given; none: the area's defaults
        uit["talen"] = standaard_talen(uit["gebied"])
    # A category that exists in one mode only can never be sent in another: refused now, not at
    # send time (the same words as the compose uses).
    vast = catalogus()[categorie].vaste_modus
    if vast and uit["modus"] != vast:
        raise InvalidCombination(
            N_("categorie '%(categorie)s' bestaat alleen in modus '%(modus)s'"),
            categorie=categorie,
            modus=vast,
        )
    if (spelling_ := data.get("gsm7_spelling")) not in (None, []):
        uit["gsm7_spelling"] = _spelling(spelling_, uit["talen"])
    if "variant" in data:
        uit["variant"] = _tekst(data["variant"], "variant", 20)
    # The Dutch broadcast text: standard or easy Dutch (B1); part of what is approved.
    uit["nederlands"] = str(_keuze(Nederlands, data.get("nederlands", "standaard"), "nederlands"))
    if (afzender := data.get("afzender")) not in (None, ""):
        uit["afzender"] = _tekst(afzender, "afzender", MAX_AFZENDER)
    if (duur := data.get("duur_minuten")) is not None:
        if isinstance(duur, bool) or not isinstance(duur, int) or not 1 <= duur <= MAX_DUUR_MINUTEN:
            raise OngeldigeInvoer(
                "duur_minuten",
                N_("verwacht een geheel aantal minuten van 1 tot %(max)s"),
                max=MAX_DUUR_MINUTEN,
            )
        uit["duur_minuten"] = duur
    return uit


def standaard_talen(gebied: Mapping[str, Any] | None) -> list[str]:
    """The languages of a request without `talen`: an area on one island takes that island's
    default languages, any other area (or none) Dutch and English."""
    return list(
        standaardtalen(gebied_van(met_cirkelgetallen(gebied)) if gebied else None)
        or STANDAARD_TALEN
    )


def _tekst(waarde: object, veld: str, maximum: int) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        raise OngeldigeInvoer(veld, N_("verplicht, als tekst"))
    if len(waarde) > maximum:
        raise OngeldigeInvoer(veld, N_("langer dan %(max)s tekens"), max=maximum)
    return waarde.strip()


def _keuze(soort: type[E], waarde: object, veld: str) -> E:
    for keuze in soort:
        if waarde == keuze.value:
            return keuze
    raise OngeldigeInvoer(veld, N_("kies uit: %(keuzes)s"), keuzes=", ".join(str(e) for e in soort))


def _velden(waarde: object) -> dict[str, str]:
    if not isinstance(waarde, Mapping):
        raise OngeldigeInvoer("velden", N_("verwacht een object met tekstvelden"))
    if len(waarde) > MAX_VELDEN:
        raise OngeldigeInvoer("velden", N_("meer dan %(max)s velden"), max=MAX_VELDEN)
    uit: dict[str, str] = {}
    for sleutel, tekst in waarde.items():
        if not isinstance(sleutel, str) or not sleutel or len(sleutel) > 100:
            raise OngeldigeInvoer(
                "velden", N_("veldnamen zijn tekst van 1 tot %(max)s tekens"), max=100
            )
        if not isinstance(tekst, str):
            raise OngeldigeInvoer(f"velden.{sleutel}", N_("verwacht tekst"))
        if len(tekst) > MAX_VELDLENGTE:
            raise OngeldigeInvoer(
                f"velden.{sleutel}", N_("langer dan %(max)s tekens"), max=MAX_VELDLENGTE
            )
        uit[sleutel] = tekst
    return uit


def _talen(waarde: object) -> list[str]:
    if not isinstance(waarde, list) or not waarde or len(waarde) > MAX_TALEN:
        raise OngeldigeInvoer(
            "talen", N_("verwacht een lijst van 1 tot %(max)s taalcodes"), max=MAX_TALEN
        )
    for taal in waarde:
        if (
            not isinstance(taal, str)
            or not 2 <= len(taal) <= 10
            or not taal.replace("-", "").isalpha()
        ):
            raise OngeldigeInvoer("talen", N_("een taalcode is bijvoorbeeld 'nl' of 'en'"))
    return list(dict.fromkeys(waarde))


def _spelling(waarde: object, talen: list[str]) -> list[str]:
    """The languages spelled in GSM-7 for this bericht: chosen languages that may be spelled."""
    if not isinstance(waarde, list) or not all(isinstance(t, str) for t in waarde):
        raise OngeldigeInvoer("gsm7_spelling", N_("verwacht een lijst van taalcodes"))
    if vreemd := [t for t in waarde if t not in talen]:
        raise OngeldigeInvoer(
            "gsm7_spelling",
            N_("'%(taal)s' is geen van de gekozen talen: %(talen)s"),
            taal=vreemd[0],
            talen=", ".join(talen),
        )
    return sorted(controleer_spelling(waarde))  # never Arabic or Ukrainian


def _id(waarde: object) -> int | None:
    if waarde is None:
        return None
    if not is_id(waarde):  # also within the 64-bit range storage holds
        raise OngeldigeInvoer("origineel_id", N_("verwacht een positief geheel getal"))
    return waarde


def _gebied(waarde: object) -> dict[str, Any] | None:
    if waarde is None:
        return None
    if isinstance(waarde, Mapping) and "sector" in waarde and "type" not in waarde:
        # A downwind sector, stored as the polygon that is sent, with its parameters.
        return rookpluim.sector_feature(waarde["sector"])
    if not isinstance(waarde, Mapping) or waarde.get("type") not in GEOJSON_TYPEN:
        raise OngeldigeInvoer(
            "gebied", N_("verwacht GeoJSON: Polygon, MultiPolygon of Feature(Collection)")
        )
    if _tel_getallen(waarde, 0) > 2 * MAX_COORDINATEN:
        raise OngeldigeInvoer("gebied", N_("meer dan %(max)s coördinaten"), max=MAX_COORDINATEN)
    if rookpluim.is_sector(waarde):
        # Rebuilt from its parameters, so the polygon sent is always the sector the screen draws.
        eigenschappen = waarde["properties"]
        beschrijving = eigenschappen.get("beschrijving")
        return rookpluim.sector_feature(
            eigenschappen.get("sector"), beschrijving[:200] if isinstance(beschrijving, str) else ""
        )
    if waarde.get("type") == "Feature":
        # The same check the compose runs, so an area that can never be sent is refused now.
        gebied_van(met_cirkelgetallen(waarde))
        return dict(waarde)
    # A bare geometry (as the API allows) is stored in the one shape the screen and the map read.
    return gebied_feature(waarde, "")


def als_getal(waarde: object) -> object:
    """A JSON number as a float (one too large for a float is infinite, which the area checks
    refuse); anything else as it is."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return waarde
    try:
        return float(waarde)
    except OverflowError:  # an int of hundreds of digits
        return math.inf if waarde > 0 else -math.inf


def met_cirkelgetallen(feature: Mapping[str, Any]) -> Mapping[str, Any]:
    """A stored Feature with its circle's numbers as floats, so checking it cannot overflow."""
    eigenschappen = feature.get("properties")
    if not isinstance(eigenschappen, Mapping) or not isinstance(
        cirkel := eigenschappen.get("cirkel"), Mapping
    ):
        return feature
    cirkel = {k: als_getal(v) for k, v in cirkel.items()}
    return {**feature, "properties": {**eigenschappen, "cirkel": cirkel}}


def gebied_feature(geojson: object, beschrijving: str) -> dict[str, Any]:
    """A GeoJSON area as the stored Feature: validated by berichten (outer rings, lon,lat, in NL)."""
    if not isinstance(geojson, Mapping):
        raise OngeldigeInvoer("geojson", N_("verwacht een GeoJSON-object"))
    gebied = uit_geojson(geojson, beschrijving)
    return {
        "type": "Feature",
        "properties": {"beschrijving": gebied.beschrijving, "bron": "geojson"},
        "geometry": gebied.to_geojson(),
    }


def _tel_getallen(waarde: object, diepte: int) -> int:
    # Bounded depth: hostile, deeply nested JSON must not exhaust the stack.
    if diepte > 12:
        raise OngeldigeInvoer("gebied", N_("te diep genest"))
    if isinstance(waarde, Mapping):
        return sum(_tel_getallen(v, diepte + 1) for v in waarde.values())
    if isinstance(waarde, list):
        return sum(_tel_getallen(v, diepte + 1) for v in waarde)
    return 1 if isinstance(waarde, int | float) and not isinstance(waarde, bool) else 0
