"""Area fit of a sent bericht against a scenario's hazard area, for the after-action report.

The share of the hazard area covered is geometry (shapely, sizes on the WGS84 ellipsoid); the
people come from the simulator's reach API (three estimates: the hazard area H, the bericht's
area M, and their overlap H∩M):

- people in the hazard area = inwoners of H;
- people in the hazard area reached = bereikt of H∩M. A phone in H∩M is reached when a cell of its
  operator that serves it is selected; such a cell meets H∩M, so it is selected for M and for H∩M
  alike: the number is the same for both. Phones in H outside M that M's cells reach anyway
  (overshoot into H) are not counted, so this is a lower bound, and says so;
- people alerted outside the hazard area = everyone M alerts (bereikt + overshoot of M) minus
  those reached in H (an upper bound, for the same reason);
- people 75+ in the hazard area expected to miss it = the 75+ of H minus the 75+ reached in H∩M.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from berichten.gebied import Gebied, uit_geojson
from nlalert.koppelingen.simulator import BereikError
from nlalert.oefenen.gebied import oppervlakte_km2
from nlalert.taal import fouttekst

# The simulator's reach report of an area (GeoJSON geometry or circle form); raises BereikError.
Schatter = Callable[[Mapping[str, Any]], Mapping[str, Any]]

OUDEREN = "75+"  # the simulator's age group (sim.model.toestellen.LEEFTIJDEN)


@dataclass(frozen=True, slots=True, kw_only=True)
class Gebiedsfit:
    """How well a bericht's area fitted the hazard area."""

    aandeel_gedekt: float  # share (0-1) of the hazard area inside the bericht's area
    aandeel_buiten: float  # share (0-1) of the bericht's area outside the hazard area
    gevaar_km2: float
    bericht_km2: float
    # From the simulator (None when it gave no estimate; `bereik_fout` says why).
    inwoners_gevaar: int | None = None
    bereikt_in_gevaar: int | None = None
    gealarmeerd_buiten: int | None = None
    ouderen_gevaar: int | None = None
    ouderen_gemist: int | None = None
    bereik_fout: str = ""

    def als_json(self) -> dict[str, Any]:
        """JSON shape; shares rounded to four decimals."""
        return {
            "aandeel_gedekt": round(self.aandeel_gedekt, 4),
            "aandeel_buiten": round(self.aandeel_buiten, 4),
            "gevaar_km2": round(self.gevaar_km2, 3),
            "bericht_km2": round(self.bericht_km2, 3),
            "inwoners_gevaar": self.inwoners_gevaar,
            "bereikt_in_gevaar": self.bereikt_in_gevaar,
            "gealarmeerd_buiten": self.gealarmeerd_buiten,
            "ouderen_gevaar": self.ouderen_gevaar,
            "ouderen_gemist": self.ouderen_gemist,
            "bereik_fout": self.bereik_fout,
        }


def _km2(vorm: BaseGeometry) -> float:
    if vorm.is_empty:
        return 0.0
    return oppervlakte_km2(uit_geojson(mapping(vorm)))


def _ouderen(rapport: Mapping[str, Any], veld: str) -> float:
    for rij in rapport.get("per_leeftijd") or ():
        if isinstance(rij, Mapping) and rij.get("leeftijd") == OUDEREN:
            return float(rij.get(veld) or 0)
    return 0.0


def _getal(rapport: Mapping[str, Any], veld: str) -> float:
    waarde = rapport.get(veld)
    return float(waarde) if isinstance(waarde, int | float) else 0.0


def meet(
    gevaar: Gebied,
    gevaar_km2: float,
    bericht: Gebied,
    schat: Schatter | None,
    gevaar_rapport: Mapping[str, Any] | None = None,
) -> Gebiedsfit:
    """The fit of `bericht`'s area to `gevaar`; `gevaar_rapport` is H's estimate when known."""
    h, m = gevaar.geometrie(), bericht.geometrie()
    overlap = h.intersection(m)
    overlap_km2 = _km2(overlap)
    m_km2 = _km2(m)
    fit = Gebiedsfit(
        aandeel_gedekt=min(1.0, overlap_km2 / gevaar_km2) if gevaar_km2 else 0.0,
        aandeel_buiten=max(0.0, 1.0 - overlap_km2 / m_km2) if m_km2 else 0.0,
        gevaar_km2=gevaar_km2,
        bericht_km2=m_km2,
    )
    if schat is None:
        return fit
    try:
        rh = gevaar_rapport if gevaar_rapport is not None else schat(gevaar.to_geojson())
        rm = schat(bericht.to_geojson())
        leeg = overlap.is_empty or overlap.area == 0
        rhm: Mapping[str, Any] = {} if leeg else schat(dict(mapping(overlap)))
    except BereikError as exc:
        return replace(fit, bereik_fout=fouttekst(exc))
    bereikt_h = _getal(rhm, "bereikt")
    alle = _getal(rm, "bereikt") + _getal(rm, "overshoot")
    ouderen = _ouderen(rh, "inwoners_in_gebied")
    return replace(
        fit,
        inwoners_gevaar=round(_getal(rh, "inwoners")),
        bereikt_in_gevaar=round(bereikt_h),
        gealarmeerd_buiten=round(max(0.0, alle - bereikt_h)),
        ouderen_gevaar=round(ouderen),
        ouderen_gemist=round(max(0.0, ouderen - _ouderen(rhm, "bereikt"))),
    )
