"""`Simulator`: the reach model on the embedded data, with the map; what `sim` users start from.

It wires the rooms together: `sim.bronnen` reads the embedded CBS data, `sim.model` estimates,
`sim.kaart` draws from the values gathered here.
"""

from __future__ import annotations

import threading

from sim.bronnen.cache import laad_of_bouw
from sim.bronnen.cbs import laad_bevolking
from sim.kaart import Kaartlagen, teken_kaart
from sim.model.bereik import Bereikmodel
from sim.model.netwerk import modelleer_netwerk
from sim.model.rapport import BereikRapport

_laden = threading.Lock()
_standaard: Simulator | None = None


class Simulator(Bereikmodel):
    """Reach estimates and maps for a target area; load once, then estimate many times."""

    @classmethod
    def default(cls) -> Simulator:
        """The simulator on the embedded CBS data and the modelled network, loaded once.

        From the prepared copy in the cache directory when there is one for this data and code
        (`sim.bronnen.cache`), else built and the copy written.
        """
        global _standaard
        with _laden:
            if _standaard is None:
                _standaard = laad_of_bouw(cls._bouw)
            return _standaard

    @classmethod
    def _bouw(cls) -> Simulator:
        bevolking = laad_bevolking()
        return cls(bevolking, modelleer_netwerk(bevolking))

    def kaart_png(self, rapport: BereikRapport, *, breedte: int = 1000, hoogte: int = 800) -> bytes:
        """A PNG map: gemeenten, target area, broadcast area and reach per unit."""
        eenheden = self.bevolking.eenheden
        index = self.eenheid_index()
        rijen = [index[r.code] for r in rapport.per_eenheid]
        lagen = Kaartlagen(
            gemeenten=self.bevolking.gemeenten.geometrie,
            water=self.bevolking.water,
            uitzendgebied=self.netwerk.dekking[self.geselecteerde_cellen(rapport)],
            eenheden=eenheden.geometrie[rijen],
            inwoners=eenheden.inwoners[rijen],
        )
        return teken_kaart(rapport, lagen, breedte=breedte, hoogte=hoogte)
