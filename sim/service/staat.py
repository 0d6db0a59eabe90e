"""Per-app state of the service: the store, the clock, the lazily loaded core, recent reports."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from flask import Flask, current_app

from sim.fouten import OngeldigeGeoJSON
from sim.service.opslag import Klok, Opslag
from sim.simulator import Simulator

_KAARTEN_IN_GEHEUGEN = 32


class Rapport(Protocol):
    """A reach report of the simulator core."""

    def to_dict(self) -> Mapping[str, Any]:
        """JSON-able form of the report."""
        ...


class Kern(Protocol):
    """The part of `sim.Simulator` this service uses (tests pass a small stand-in)."""

    def gebied_uit_geojson(self, obj: Any) -> Any:
        """Parse and validate an area."""
        ...

    def bereik(self, geom: Any, *, tijdstip: datetime | None = None, kanaal: int = 4370) -> Rapport:
        """Estimate the reach of a broadcast on a channel, at a moment, to an area."""
        ...

    def kaart_png(self, rapport: Any) -> bytes:
        """Draw a report as a PNG map."""
        ...


class Staat:
    """Per-app state: the store, its clock, the simulator core and a few recent reports."""

    def __init__(self, opslag: Opslag, simulator: Kern | None) -> None:
        self.opslag = opslag
        self._simulator = simulator
        self._slot = threading.Lock()
        self.rapporten: OrderedDict[str, Rapport] = OrderedDict()

    @property
    def klok(self) -> Klok:
        """The clock of the store: receipt, DELETE and end times all come from it."""
        return self.opslag.klok

    def simulator(self) -> Kern:
        """The simulator core, loaded on first use (the data takes seconds to load)."""
        with self._slot:
            if self._simulator is None:
                self._simulator = Simulator.default()
            return self._simulator

    def onthoud(self, id: str, rapport: Rapport) -> None:
        """Keep a report for the map endpoint; the oldest falls out."""
        with self._slot:
            self.rapporten[id] = rapport
            while len(self.rapporten) > _KAARTEN_IN_GEHEUGEN:
                self.rapporten.popitem(last=False)

    def schat(
        self,
        area: Mapping[str, Any],
        *,
        kanaal: int | None = None,
        tijdstip: datetime | None = None,
    ) -> Rapport:
        """The reach report for an area; a `GebiedError` for an area the core refuses.

        A broadcast passes its message identifier and time of receipt: who has a channel switched
        off (4371) or shows exercises depends on the channel, and phones on/off on the hour.
        """
        model = self.simulator()
        try:
            geom = model.gebied_uit_geojson(dict(area))
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            # The core should have raised a GebiedError; still, malformed input never earns a 500.
            current_app.logger.warning("gebied niet herkend door de kern: %r", exc)
            raise OngeldigeGeoJSON(
                "het gebied is geen geldige GeoJSON-geometrie of cirkel"
            ) from exc
        if kanaal is None:
            return model.bereik(geom, tijdstip=tijdstip)
        return model.bereik(geom, tijdstip=tijdstip, kanaal=kanaal)


def staat_van(app: Flask) -> Staat:
    """The state of an app made by `create_app`."""
    staat: Staat = app.extensions["sim"]
    return staat


def staat() -> Staat:
    """The state of the app handling the current request."""
    return staat_van(current_app)
