"""sim: the cell-broadcast reach simulator (population x network x device model).

    from sim import Simulator
    sim = Simulator.default()
    gebied = sim.gebied_uit_geojson({"circle": {"lat": 51.92, "lon": 4.48, "radius_km": 2}})
    rapport = sim.bereik(gebied)
    rapport.to_dict(), sim.kaart_png(rapport)

Rooms: `model` (the reach model), `bronnen` (CBS data and network importers), `ecbe` (the wire
format), `service` (HTTP, store, server); `kaart` draws the map and `simulator` wires them
together. Every error is a `SimError` (`fouten`).
"""

from sim.fouten import GebiedError, InvoerError, SimError
from sim.model.rapport import BereikRapport
from sim.simulator import Simulator

__all__ = ["BereikRapport", "GebiedError", "InvoerError", "SimError", "Simulator"]
