"""The simulator's HTTP service: the osmo-cbc ECBE interface plus a reach API beside it.

ECBE paths answer as osmo-cbc does: plain text, 201 "Created", 200 "OK", 400 with the reason,
404, and 409 for a message id that is still active. The `area` extension (GeoJSON geometry in
WGS84, or `{"circle": {"lat", "lon", "radius_km"}}`) says whom the broadcast is meant for; osmo-cbc
ignores unknown keys, so the same JSON works against a real one. `/api/v1/...` answers JSON, and
errors as `application/problem+json`.

Malformed input never gets a 500: every parse error is typed and mapped to 400. The simulator core
is loaded once per app on first use (or at start by `python -m sim`), never at import.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from sim.decodeer import DecodeerError, decodeer
from sim.ecbe import (
    EcbeError,
    Uitzending,
    controleer_area,
    parse_message_id,
    parse_uitzending,
)
from sim.opslag import AlActief, Opgeslagen, Opslag, Soort

ECBE = "/api/ecbe/v1"
API = "/api/v1"
MAX_VERZOEK = 1_000_000  # octets; a 15-page message with a detailed polygon fits easily
_KAARTEN_IN_GEHEUGEN = 32


class Rapport(Protocol):
    """A reach report of the simulator core."""

    def to_dict(self) -> Mapping[str, Any]:
        """JSON-able form of the report."""
        ...


class Bereikmodel(Protocol):
    """The part of `sim.Simulator` this service uses."""

    def gebied_uit_geojson(self, obj: Any) -> Any:
        """Parse and validate an area."""
        ...

    def bereik(self, geom: Any, *, tijdstip: datetime | None = None, kanaal: int = 4370) -> Rapport:
        """Estimate the reach of a broadcast on a channel, at a moment, to an area."""
        ...

    def kaart_png(self, rapport: Any) -> bytes:
        """Draw a report as a PNG map."""
        ...


class OngeldigGebied(Exception):
    """The area was refused by the simulator core; `reden` is its Dutch reason."""

    def __init__(self, reden: str) -> None:
        super().__init__(reden)
        self.reden = reden


class _Staat:
    """Per-app state: the store, the lazily loaded simulator core and a few recent reports."""

    def __init__(self, opslag: Opslag, simulator: Bereikmodel | None) -> None:
        self.opslag = opslag
        self._simulator = simulator
        self._slot = threading.Lock()
        self.rapporten: OrderedDict[str, Rapport] = OrderedDict()

    def simulator(self) -> Bereikmodel:
        """The simulator core, loaded on first use."""
        with self._slot:
            if self._simulator is None:
                from sim import Simulator  # the core is heavy: load it on first use only

                self._simulator = Simulator.default()
            return self._simulator

    def onthoud(self, id: str, rapport: Rapport) -> None:
        """Keep a report for the map endpoint; the oldest falls out."""
        with self._slot:
            self.rapporten[id] = rapport
            while len(self.rapporten) > _KAARTEN_IN_GEHEUGEN:
                self.rapporten.popitem(last=False)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The simulator app: defaults, then `SIM_*` environment variables, then `config`."""
    app = Flask(__name__)
    app.config.from_mapping(
        DATA_DIR=None,  # None: env SIM_DATA_DIR, else ./instance/sim
        SIMULATOR=None,  # None: sim.Simulator.default(), loaded on first use
        MAX_CONTENT_LENGTH=MAX_VERZOEK,
        ANTWOORD_VERTRAGING=0.0,  # seconds; 15 mimics osmo-cbc waiting for absent cells
    )
    app.config.from_prefixed_env("SIM")
    if config:
        app.config.from_mapping(config)
    data_dir = app.config["DATA_DIR"]
    app.extensions["sim"] = _Staat(
        Opslag(None if data_dir is None else str(data_dir)), app.config["SIMULATOR"]
    )
    _routes(app)
    return app


def warm(app: Flask) -> None:
    """Load the simulator core now instead of on the first request."""
    _staat_van(app).simulator()


def _staat_van(app: Flask) -> _Staat:
    staat: _Staat = app.extensions["sim"]
    return staat


def _staat() -> _Staat:
    return _staat_van(current_app)


# --- answers ---------------------------------------------------------------------------------


def _tekst(status: int, tekst: str, **headers: str) -> Response:
    return Response(tekst, status=status, mimetype="text/plain", headers=headers)


def _probleem(status: int, titel: str, detail: str) -> Response:
    body = json.dumps({"title": titel, "detail": detail, "status": status}, ensure_ascii=False)
    return Response(body, status=status, mimetype="application/problem+json")


def _json(data: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(data, ensure_ascii=False), status=status, mimetype="application/json"
    )


def _json_waarde(data: Mapping[str, Any]) -> dict[str, Any]:
    """A report as plain JSON values (numpy scalars and the like become numbers or text)."""

    def standaard(o: Any) -> Any:
        if hasattr(o, "item"):
            return o.item()
        if isinstance(o, (set, frozenset, tuple)):
            return list(o)
        return str(o)

    waarde: dict[str, Any] = json.loads(json.dumps(dict(data), default=standaard))
    return waarde


def _lees_json() -> Any:
    """The request body as JSON; raise EcbeError with a Dutch reason when it is not."""
    ruw = request.get_data(cache=False)
    try:
        tekst = ruw.decode("utf-8")
        return json.loads(tekst, parse_constant=_geen_constante)
    except UnicodeDecodeError as exc:
        raise EcbeError("de body is geen UTF-8") from exc
    except RecursionError as exc:
        raise EcbeError("de JSON is te diep genest") from exc
    except ValueError as exc:  # JSONDecodeError, and our NaN/Infinity refusal
        raise EcbeError(f"de body is geen geldige JSON: {exc}") from exc


def _geen_constante(naam: str) -> Any:
    raise ValueError(f"{naam} is geen JSON-getal")


def _gebied(
    staat: _Staat,
    area: Mapping[str, Any],
    *,
    kanaal: int | None = None,
    tijdstip: datetime | None = None,
) -> Rapport:
    """The reach report for an area; raise OngeldigGebied for an area the core refuses.

    A broadcast passes its message identifier and time of receipt: who has a channel switched
    off (4371) or shows exercises depends on the channel, and phones on/off on the hour.
    """
    from sim import GebiedError

    model = staat.simulator()
    try:
        geom = model.gebied_uit_geojson(dict(area))
    except GebiedError as exc:
        raise OngeldigGebied(exc.reden) from exc
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        # The core should have raised a GebiedError; still, malformed input never earns a 500.
        current_app.logger.warning("gebied niet herkend door de kern: %r", exc)
        raise OngeldigGebied("het gebied is geen geldige GeoJSON-geometrie of cirkel") from exc
    if kanaal is None:
        return model.bereik(geom, tijdstip=tijdstip)
    return model.bereik(geom, tijdstip=tijdstip, kanaal=kanaal)


# --- routes ----------------------------------------------------------------------------------


def _routes(app: Flask) -> None:
    app.add_url_rule(f"{ECBE}/message", view_func=_ecbe_post, methods=["POST"])
    app.add_url_rule(
        f"{ECBE}/message/<path:message_id>", view_func=_ecbe_delete, methods=["DELETE"]
    )
    app.add_url_rule(f"{API}/broadcasts", view_func=_lijst, methods=["GET"])
    app.add_url_rule(f"{API}/broadcasts/<id>", view_func=_een, methods=["GET"])
    app.add_url_rule(f"{API}/broadcasts/<id>/kaart.png", view_func=_kaart, methods=["GET"])
    app.add_url_rule(f"{API}/reach", view_func=_reach, methods=["POST"])
    app.register_error_handler(HTTPException, _http_fout)


def _ecbe_post() -> Response:
    """POST /api/ecbe/v1/message: accept, decode, estimate reach and store one broadcast."""
    staat = _staat()
    # osmo-cbc (ulfius_get_json_body_request) reads no JSON without this header: neither do we.
    if "application/json" not in request.headers.get("Content-Type", ""):
        return _tekst(400, "Content-Type moet application/json zijn")
    try:
        uitzending = parse_uitzending(_lees_json())
        gedecodeerd = decodeer(uitzending.dcs, uitzending.paginas)
    except (EcbeError, DecodeerError) as exc:
        return _tekst(400, exc.reden)
    bestaand = staat.opslag.laatste(uitzending.message_id)
    if bestaand is not None and bestaand.gestopt is None:
        return _tekst(409, AlActief(uitzending.message_id).reden)
    rapport: Rapport | None = None
    ontvangen = datetime.now(UTC)
    if uitzending.area is not None:
        try:
            rapport = _gebied(
                staat, uitzending.area, kanaal=uitzending.message_id, tijdstip=ontvangen
            )
        except OngeldigGebied as exc:
            return _tekst(400, exc.reden)
    try:
        opgeslagen = staat.opslag.bewaar(
            uitzending=uitzending,
            tekst=gedecodeerd.tekst,
            taal=gedecodeerd.taal,
            bereik=None if rapport is None else _json_waarde(rapport.to_dict()),
            waarschuwingen=_waarschuwingen(uitzending),
            ontvangen=ontvangen,
        )
    except AlActief as exc:  # a concurrent POST with the same id won the race
        return _tekst(409, exc.reden)
    if rapport is not None:
        staat.onthoud(opgeslagen.id, rapport)
    if vertraging := float(current_app.config["ANTWOORD_VERTRAGING"]):
        time.sleep(vertraging)
    return _tekst(201, "Created", Location=f"{API}/broadcasts/{opgeslagen.id}")


def _waarschuwingen(uitzending: Uitzending) -> list[str]:
    uit = [
        f"pagina {i + 1} is korter dan 82 octets: osmo-cbc vult aan met 0x00, "
        "wat een telefoon in GSM-7 als '@' toont"
        for i in uitzending.korte_paginas
    ]
    if uitzending.area is None:
        uit.append("geen 'area' meegestuurd: osmo-cbc zendt dan in het hele netwerk (scope_plmn)")
    return uit


def _ecbe_delete(message_id: str) -> Response:
    """DELETE /api/ecbe/v1/message/<message_id>: stop the active broadcast with this id."""
    try:
        nummer = parse_message_id(message_id)
    except EcbeError as exc:
        return _tekst(400, exc.reden)
    if _staat().opslag.stop(nummer, datetime.now(UTC)) is None:
        return _tekst(404, f"geen actief bericht met message_id {nummer}")
    return _tekst(200, "OK")


def _lijst() -> Response:
    """GET /api/v1/broadcasts[?soort=echt|oefening]: stored broadcasts, newest first."""
    soort_tekst = request.args.get("soort")
    soort: Soort | None = None
    if soort_tekst is not None:
        if soort_tekst not in {s.value for s in Soort}:
            return _probleem(400, "Ongeldige soort", "soort moet 'echt' of 'oefening' zijn")
        soort = Soort(soort_tekst)
    return _json({"broadcasts": [o.samenvatting() for o in _staat().opslag.lijst(soort)]})


def _zoek(id: str) -> Opgeslagen | None:
    """A broadcast by its id (`echt-3`), or by message id (the active one, else the latest)."""
    opslag = _staat().opslag
    if id.isascii() and id.isdigit() and len(id) <= 5:
        return opslag.laatste(int(id))
    return opslag.haal(id)


def _een(id: str) -> Response:
    """GET /api/v1/broadcasts/<id>: status, decoded text, pages and the reach report."""
    opgeslagen = _zoek(id)
    if opgeslagen is None:
        return _probleem(404, "Onbekende uitzending", f"geen uitzending met id {id!r}")
    return _json(opgeslagen.to_dict())


def _kaart(id: str) -> Response:
    """GET /api/v1/broadcasts/<id>/kaart.png: the reach map of a stored broadcast."""
    staat = _staat()
    opgeslagen = _zoek(id)
    if opgeslagen is None:
        return _probleem(404, "Onbekende uitzending", f"geen uitzending met id {id!r}")
    area = opgeslagen.verzoek.get("area")
    if area is None:
        return _probleem(404, "Geen kaart", "deze uitzending had geen gebied")
    rapport = staat.rapporten.get(opgeslagen.id)
    if rapport is None:
        # After a restart only the stored area is left: estimate again; the model is the same.
        try:
            rapport = _gebied(
                staat, area, kanaal=opgeslagen.message_id, tijdstip=opgeslagen.ontvangen
            )
        except OngeldigGebied as exc:
            return _probleem(422, "Gebied niet meer geldig", exc.reden)
        staat.onthoud(opgeslagen.id, rapport)
    return Response(staat.simulator().kaart_png(rapport), mimetype="image/png")


def _reach() -> Response:
    """POST /api/v1/reach[?format=png]: estimate the reach of an area without broadcasting."""
    staat = _staat()
    try:
        data = _lees_json()
    except EcbeError as exc:
        return _probleem(400, "Ongeldige JSON", exc.reden)
    if not isinstance(data, dict):
        return _probleem(400, "Ongeldig gebied", "stuur een object {'area': ...}")
    # Accept {"area": geometry} and, for convenience, the geometry or circle on its own.
    area = data.get("area", data)
    formaat = request.args.get("format", "json")
    if formaat not in {"json", "png"}:
        return _probleem(400, "Ongeldig formaat", "format moet 'json' of 'png' zijn")
    try:
        controleer_area(area)
        rapport = _gebied(staat, area)
    except (EcbeError, OngeldigGebied) as exc:
        return _probleem(400, "Ongeldig gebied", exc.reden)
    if formaat == "png":
        return Response(staat.simulator().kaart_png(rapport), mimetype="image/png")
    return _json(_json_waarde(rapport.to_dict()))


def _http_fout(exc: HTTPException) -> Response:
    """Routing errors (404, 405, 413) in the style of the path: text for ECBE, problem+json else."""
    status = exc.code or 500
    omschrijving = exc.description or exc.name
    if request.path.startswith(ECBE):
        return _tekst(status, omschrijving)
    return _probleem(status, exc.name, omschrijving)
