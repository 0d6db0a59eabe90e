"""Per-app state of the service: the store, the clock, the lazily loaded core, recent reports."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, Protocol

from flask import Flask, current_app

from sim.fouten import OngeldigeGeoJSON
from sim.service.antwoordcache import Antwoordcache
from sim.service.opslag import Klok, Opslag
from sim.simulator import Simulator

_KAARTEN_IN_GEHEUGEN = 32
# A few long-lived threads estimate, for every app of the process (threads start on first use).
_REKENAARS = ThreadPoolExecutor(
    max_workers=min(os.cpu_count() or 1, 4), thread_name_prefix="sim-schat"
)


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

    def __init__(
        self, opslag: Opslag, simulator: Kern | None, antwoorden: Antwoordcache | None = None
    ) -> None:
        self.opslag = opslag
        self._simulator = simulator
        self._slot = threading.Lock()
        self.rapporten: OrderedDict[str, Rapport] = OrderedDict()
        self.antwoorden = antwoorden if antwoorden is not None else Antwoordcache()
        self.laadfout: str | None = None

    @property
    def gereed(self) -> bool:
        """Whether the simulator core is loaded (no request has to wait for it)."""
        return self._simulator is not None

    def laad_op_achtergrond(self) -> threading.Thread:
        """Start loading the core on a thread; requests that need it wait for it."""

        def laad() -> None:
            try:
                self.simulator()
            except Exception as exc:  # reported by /healthz, and by the thread's excepthook
                self.laadfout = f"{type(exc).__name__}: {exc}"
                raise

        draad = threading.Thread(target=laad, name="sim-laden", daemon=True)
        draad.start()
        return draad

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
        # On the estimating threads: pyproj makes its coordinate transformers per thread (~80 ms
        # each), and the HTTP server starts a thread per connection.
        taak = _REKENAARS.submit(_schat, model, dict(area), kanaal, tijdstip)
        try:
            return taak.result()
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            # The core should have raised a GebiedError; still, malformed input never earns a 500.
            current_app.logger.warning("gebied niet herkend door de kern: %r", exc)
            raise OngeldigeGeoJSON(
                "het gebied is geen geldige GeoJSON-geometrie of cirkel"
            ) from exc


def _schat(
    model: Kern, area: dict[str, Any], kanaal: int | None, tijdstip: datetime | None
) -> Rapport:
    geom = model.gebied_uit_geojson(area)
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
