"""The land border with Belgium and Germany: people across it, and phones on the wrong side.

Two things happen at a border that the rest of the model does not see (DOMAIN.md section 8):

- Dutch cells also cover land across the border; the people living there are counted from the
  1 km census grid 2021 (Eurostat; PROVENANCE in `sim/data`), by foreign municipality;
- Dutch phones near the border can be camped on a Belgian or German cell and then miss an
  NL-Alert. How many is not measured anywhere: `Grensmodel` states the share we assume, falling
  with the distance to the border.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True, slots=True, kw_only=True)
class Grensmodel:
    """Share of phones on the other country's cells by distance to the land border (assumed).

    No measured source exists (no operator publishes it): the share is `op_grens` at the border
    and falls linearly to 0 at `tot_km`. The same share is used both ways: Dutch phones near the
    border on foreign cells, and foreign residents' phones on Dutch cells.
    """

    op_grens: float = 0.2
    tot_km: float = 3.0

    def aandeel(self, afstand_km: NDArray[np.float64]) -> NDArray[np.float64]:
        """The assumed share for each distance to the border (km)."""
        d = np.maximum(np.asarray(afstand_km, dtype=np.float64), 0.0)
        return self.op_grens * np.clip(1.0 - d / self.tot_km, 0.0, 1.0)

    def aanname(self) -> str:
        """The assumption in Dutch, for the report."""
        return (
            "Grens (model, geen meting; er is geen gemeten bron): van de toestellen op de "
            f"landgrens met België of Duitsland zit {self.op_grens * 100:g} % op een cel van het "
            f"buurland, aflopend tot 0 op {self.tot_km:g} km van de grens (naar de afstand van "
            "het midden van het 1km-vierkant). Zo gemodelleerd missen Nederlandse inwoners bij "
            "de grens het NL-Alert, en ontvangen inwoners over de grens het via een Nederlandse "
            "cel. Over de grens telt het 1km-raster 2021 (Eurostat) de inwoners in het "
            "uitzendgebied, naar het midden van hun vierkant; hun eigen toestellen blijven "
            "meestal op hun eigen netwerk: het buurland waarschuwt hen (België: BE-Alert; "
            "Duitsland: MoWaS, met cell broadcast als DE-Alert)."
        )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Buitenland:
    """Populated 1 km census cells (2021) across the border within reach of Dutch cells."""

    x: NDArray[np.float64]  # cell centre, RD New
    y: NDArray[np.float64]
    inwoners: NDArray[np.float64]
    gemeente: NDArray[np.int32]  # index into the municipality columns below
    afstand_km: NDArray[np.float64]  # to the Dutch land border (from the grid file)
    op_nl_cel: NDArray[np.float64]  # share of phones there on Dutch cells (`Grensmodel`)
    land: tuple[str, ...]  # per municipality: "BE" or "DE"
    code: tuple[str, ...]  # NIS code (BE) or ARS (DE)
    naam: tuple[str, ...]
    gemeente_inwoners: NDArray[np.float64]  # Statbel 2020 / Zensus 2022 (nan if unknown)
    bronvermelding: str

    def __len__(self) -> int:
        return len(self.x)
