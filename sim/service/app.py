"""The simulator's HTTP service: the osmo-cbc ECBE interface plus a reach API beside it.

ECBE paths (`sim.service.ecbe_api`) answer as osmo-cbc does, in plain text. The `area` extension (GeoJSON
geometry in WGS84, or `{"circle": {"lat", "lon", "radius_km"}}`) says whom the broadcast is meant
for, and `alert` which alert it belongs to; osmo-cbc ignores unknown keys, so the same JSON works
against a real one. `/api/v1/...` (`sim.service.bereik_api`) answers JSON, and errors as
`application/problem+json`.

Malformed input never gets a 500: every parse error is a typed `SimError`, and
`sim.service.foutantwoord` maps it to 400. The simulator core is loaded once per app on first use
(or at start by `python -m sim`), never at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from sim.service import bereik_api, ecbe_api, foutantwoord, gezondheid
from sim.service.antwoordcache import Antwoordcache
from sim.service.opslag import Opslag, nu
from sim.service.staat import Staat, staat_van
from sim.simulator import Simulator

MAX_VERZOEK = 1_000_000  # octets; a 15-page message with a detailed polygon fits easily


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The simulator app: defaults, then `SIM_*` environment variables, then `config`."""
    app = Flask("sim.service")  # its name, and its logger's, from before `service` was a package
    app.config.from_mapping(
        DATA_DIR=None,  # None: env SIM_DATA_DIR, else ./instance/sim
        SIMULATOR=None,  # None: sim.Simulator.default(), loaded on first use
        KLOK=None,  # None: the real clock; tests pass a callable returning an aware datetime
        MAX_CONTENT_LENGTH=MAX_VERZOEK,
        ANTWOORD_VERTRAGING=0.0,  # seconds; 15 mimics osmo-cbc waiting for absent cells
        CACHE_ANTWOORDEN=256,  # reach answers kept for identical requests (0: none)
    )
    app.config.from_prefixed_env("SIM")
    if config:
        app.config.from_mapping(config)
    data_dir = app.config["DATA_DIR"]
    opslag = Opslag(None if data_dir is None else str(data_dir), klok=app.config["KLOK"] or nu)
    antwoorden = Antwoordcache(max_aantal=int(app.config["CACHE_ANTWOORDEN"]))
    app.extensions["sim"] = Staat(opslag, app.config["SIMULATOR"], antwoorden)
    ecbe_api.init_app(app)
    bereik_api.init_app(app)
    gezondheid.init_app(app)
    foutantwoord.init_app(app)
    return app


def voorbereiden() -> None:
    """Load the simulator core once, writing its prepared copy to the cache directory."""
    Simulator.default()


def warm(app: Flask) -> None:
    """Load the simulator core now instead of on the first request."""
    staat_van(app).simulator()
