"""The simulator's own JSON API beside ECBE: stored broadcasts, alerts, reach maps and previews.

Answers are JSON; errors are `application/problem+json` (through `sim.service.foutantwoord`).
"""

from __future__ import annotations

import hashlib
import json

from flask import Flask, Response, request

from sim.ecbe.parse import controleer_area
from sim.fouten import (
    GebiedError,
    GebiedNietMeerGeldig,
    GeenKaart,
    OnbekendAlert,
    OnbekendeUitzending,
    OngeldigeArea,
    OngeldigeSoort,
    OngeldigFormaat,
)
from sim.service.alertbereik import alert_bereik
from sim.service.antwoordcache import Antwoord
from sim.service.antwoorden import API, json_antwoord, json_waarde, lees_json
from sim.service.opgeslagen import Opgeslagen, Soort
from sim.service.staat import staat


def init_app(app: Flask) -> None:
    """Register the /api/v1 routes."""
    app.add_url_rule(f"{API}/broadcasts", endpoint="api_lijst", view_func=_lijst, methods=["GET"])
    app.add_url_rule(f"{API}/broadcasts/<id>", endpoint="api_een", view_func=_een, methods=["GET"])
    app.add_url_rule(
        f"{API}/broadcasts/<id>/kaart.png", endpoint="api_kaart", view_func=_kaart, methods=["GET"]
    )
    # <path:>: a CAP identifier may contain a slash.
    app.add_url_rule(
        f"{API}/alerts/<path:alert>", endpoint="api_alert", view_func=_alert, methods=["GET"]
    )
    app.add_url_rule(f"{API}/reach", endpoint="api_reach", view_func=_reach, methods=["POST"])
    app.add_url_rule(
        f"{API}/oefeningen/<path:oefening_id>",
        endpoint="api_oefening",
        view_func=_oefening,
        methods=["GET", "DELETE"],
    )


def _lijst() -> Response:
    """GET /api/v1/broadcasts[?soort=echt|oefening]: stored broadcasts, newest first."""
    soort_tekst = request.args.get("soort")
    soort: Soort | None = None
    if soort_tekst is not None:
        if soort_tekst not in {s.value for s in Soort}:
            raise OngeldigeSoort()
        soort = Soort(soort_tekst)
    return json_antwoord({"broadcasts": [o.samenvatting() for o in staat().opslag.lijst(soort)]})


def _oefening(oefening_id: str) -> Response:
    """GET /api/v1/oefeningen/<oefening_id>: the broadcasts of one exercise of the sender;
    DELETE: clear them from the exercise store, and nothing else ({"gewist": N})."""
    opslag = staat().opslag
    if request.method == "DELETE":
        return json_antwoord(
            {"oefening_id": oefening_id, "gewist": opslag.wis_oefening(oefening_id)}
        )
    return json_antwoord(
        {
            "oefening_id": oefening_id,
            "broadcasts": [o.met_kerngetallen() for o in opslag.van_oefening(oefening_id)],
        }
    )


def _zoek(id: str) -> Opgeslagen:
    """A broadcast by its id (`echt-3`), or by message id (the newest active, else the newest)."""
    opslag = staat().opslag
    if id.isascii() and id.isdigit() and len(id) <= 5:
        gevonden = opslag.laatste(int(id))
    else:
        gevonden = opslag.haal(id)
    if gevonden is None:
        raise OnbekendeUitzending(id)
    return gevonden


def _een(id: str) -> Response:
    """GET /api/v1/broadcasts/<id>: status, decoded text, pages and the reach report."""
    return json_antwoord(_zoek(id).to_dict())


def _alert(alert: str) -> Response:
    """GET /api/v1/alerts/<alert>: the broadcasts of one alert and the reach of the alert."""
    uitzendingen = staat().opslag.van_alert(alert)
    if not uitzendingen:
        raise OnbekendAlert(alert)
    rapporten = [o.bereik for o in uitzendingen if o.bereik is not None]
    return json_antwoord(
        {
            "alert": alert,
            "broadcasts": [o.met_kerngetallen() for o in uitzendingen],
            "bereik": alert_bereik(rapporten),
        }
    )


def _kaart(id: str) -> Response:
    """GET /api/v1/broadcasts/<id>/kaart.png: the reach map of a stored broadcast."""
    s = staat()
    opgeslagen = _zoek(id)
    area = opgeslagen.verzoek.get("area")
    if area is None:
        raise GeenKaart(opgeslagen.id)
    rapport = s.rapporten.get(opgeslagen.id)
    if rapport is None:
        # After a restart only the stored area is left: estimate again; the model is the same.
        try:
            rapport = s.schat(area, kanaal=opgeslagen.message_id, tijdstip=opgeslagen.ontvangen)
        except GebiedError as exc:
            raise GebiedNietMeerGeldig(exc) from exc
        s.onthoud(opgeslagen.id, rapport)
    return Response(s.simulator().kaart_png(rapport), mimetype="image/png")


def _reach() -> Response:
    """POST /api/v1/reach[?format=png]: estimate the reach of an area without broadcasting."""
    s = staat()
    data = lees_json()
    if not isinstance(data, dict):
        raise OngeldigeArea("stuur een object {{'area': ...}}")
    # Accept {"area": geometry} and, for convenience, the geometry or circle on its own.
    area = data.get("area", data)
    formaat = request.args.get("format", "json")
    if formaat not in {"json", "png"}:
        raise OngeldigFormaat()
    # One estimate per minute for the same area: the model varies by the hour, the report
    # states the minute. Identical requests within it are answered from the cache.
    tijdstip = s.klok().replace(second=0, microsecond=0)
    vorm = json.dumps(area, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    kanaal = None  # the core's default channel; the key has it for when a request may choose
    sleutel = (hashlib.sha256(vorm.encode()).digest(), tijdstip, kanaal, formaat)
    gevonden = s.antwoorden.haal(sleutel)
    if gevonden is not None:
        return Response(gevonden.inhoud, mimetype=gevonden.mimetype)
    controleer_area(area)
    rapport = s.schat(area, kanaal=kanaal, tijdstip=tijdstip)
    if formaat == "png":
        antwoord = Antwoord(inhoud=s.simulator().kaart_png(rapport), mimetype="image/png")
    else:
        inhoud = json.dumps(json_waarde(rapport.to_dict()), ensure_ascii=False).encode()
        antwoord = Antwoord(inhoud=inhoud, mimetype="application/json")
    s.antwoorden.bewaar(sleutel, antwoord)
    return Response(antwoord.inhoud, mimetype=antwoord.mimetype)
