"""`Simulator`: the reach model on the embedded data, with the map; what `sim` users start from.

It wires the rooms together: `sim.bronnen` reads the embedded CBS data, `sim.model` estimates,
`sim.kaart` draws from the values gathered here.
"""

from __future__ import annotations

import threading

import numpy as np

from sim.bronnen.cache import laad_of_bouw
from sim.bronnen.cbs import laad_bevolking
from sim.bronnen.enquetes import metingen
from sim.kaart import Kaartlagen, teken_kaart
from sim.model import kalibratie as kalibratie_mod
from sim.model.bereik import Bereikmodel
from sim.model.bevolking import Niveau
from sim.model.eilanden import kaartvormen
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
        if self.eilanden is not None and rapport.niveaus == (Niveau.EILAND,):
            eilanden, uitzend, gebied, rijen = kaartvormen(self.eilanden, rapport)
            lagen = Kaartlagen(
                gemeenten=eilanden,
                water=np.empty(0, dtype=object),
                uitzendgebied=uitzend,
                eenheden=eilanden[rijen],
                inwoners=self.eilanden.eilanden.inwoners[rijen],
                gebied=gebied,
            )
            return teken_kaart(rapport, lagen, breedte=breedte, hoogte=hoogte)
        eenheden = self.bevolking.eenheden
        index = self.eenheid_index()
        eenheidrijen = [index[r.code] for r in rapport.per_eenheid]
        lagen = Kaartlagen(
            gemeenten=self.bevolking.gemeenten.geometrie,
            water=self.bevolking.water,
            uitzendgebied=self.netwerk.dekking[self.geselecteerde_cellen(rapport)],
            eenheden=eenheden.geometrie[eenheidrijen],
            inwoners=eenheden.inwoners[eenheidrijen],
        )
        return teken_kaart(rapport, lagen, breedte=breedte, hoogte=hoogte)


def kalibratie() -> tuple[str, bool]:
    """The national control message as the model estimates it beside the published surveys,
    as text; and whether every survey group is within its stated tolerance."""
    rijen = kalibratie_mod.vergelijk(
        kalibratie_mod.controlebericht(Simulator.default()), metingen()
    )
    return kalibratie_mod.tekst(rijen), all(r.binnen_marge for r in rijen)
