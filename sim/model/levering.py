"""Delivery time: how many selected cells broadcast within 3 minutes (modelled).

Operators must report how many cells sent the message within 3 minutes; the monthly figure must
be at least 95 % (Besluit 2014, art. 19). No measured distribution is public, so this is a model:
an operator's CBC hands the message to its cells one after another at a fixed rate, and each cell
then needs a log-normally distributed time to start broadcasting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

GRENS_S = 180.0  # Besluit 2014, art. 19: 3 minutes


def _phi(z: NDArray[np.float64]) -> NDArray[np.float64]:
    # Standard normal CDF via Abramowitz & Stegun 7.1.26 (error < 1.5e-7); numpy has no erf.
    x = np.abs(z) / math.sqrt(2)
    t = 1 / (1 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = 1 - poly * np.exp(-x * x)
    return 0.5 * (1 + np.sign(z) * erf)


@dataclass(frozen=True, slots=True, kw_only=True)
class Leveringsmodel:
    """Per operator: hand-over rate of the CBC and the spread of a cell's start-up time."""

    # Aanname: 500 cells per second; a national broadcast (~25,000 cells) is handed over in ~50 s.
    cellen_per_seconde: float = 500.0
    # Aanname: median 15 s from hand-over to the first broadcast, log-normal spread 0.9.
    mediaan_s: float = 15.0
    spreiding: float = 0.9

    def binnen(self, cellen: int, grens_s: float = GRENS_S) -> float:
        """Expected number of `cellen` selected cells that broadcast within `grens_s`."""
        if cellen <= 0:
            return 0.0
        # The k-th cell is handed the message at k / rate; sample at most 512 positions.
        k = np.linspace(0, cellen - 1, min(cellen, 512))
        rest = grens_s - k / self.cellen_per_seconde
        kans = np.zeros_like(rest)
        op_tijd = rest > 0
        z = (np.log(rest[op_tijd]) - math.log(self.mediaan_s)) / self.spreiding
        kans[op_tijd] = _phi(z)
        return float(kans.mean() * cellen)

    def aanname(self) -> str:
        """The assumption in Dutch, for the report."""
        return (
            "Levertijd is gemodelleerd (geen meetgegevens): de CBC van een operator geeft "
            f"{self.cellen_per_seconde:g} cellen per seconde het bericht, een cel begint daarna "
            f"na mediaan {self.mediaan_s:g} s (log-normaal, spreiding {self.spreiding:g}) met "
            "uitzenden; norm: ten minste 95 % binnen 3 minuten (Besluit 2014, art. 19)."
        )
