"""The area panel of the compose screen: the map's boundaries, turning a pick into an area, and
the simulator's reach estimate for it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from flask import Blueprint, Response, jsonify, request

from berichten import Gebied
from nlalert import koppelingen
from nlalert.accounts.toegang import login_required, scherm_api
from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.http.json import lees_json
from nlalert.opstellen import kaart, rookpluim, zoeken
from nlalert.problemen import json_fouten
from nlalert.taal import gettext as _
from nlalert.workflow.inhoud import als_getal, gebied_feature
from nlalert.workflow.samenstelling import gebied_van

bp = Blueprint("gebied", __name__)


@bp.get("/kaart/grenzen.json")
@login_required
def grenzen() -> Response:
    """Simplified gemeente and veiligheidsregio boundaries for the map (CBS/Kadaster)."""
    response = Response(kaart.grenzen_json(), mimetype="application/json")
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@bp.get("/kaart/zoek")
@login_required
@json_fouten
def zoek() -> Response:
    """Gemeenten by name (`?q=`), for the map's search box.

    Nothing found is an answer, not an error: 200 with no places, a message and the closest names.
    """
    uitkomst = zoeken.zoek(request.args.get("q", ""))
    body: dict[str, Any] = {
        "zoek": uitkomst.zoek,
        "plaatsen": [p.to_dict() for p in uitkomst.plaatsen],
        "suggesties": list(uitkomst.suggesties),
    }
    if not uitkomst.plaatsen:
        body["melding"] = _("Geen gemeente gevonden voor '%(zoek)s'.", zoek=uitkomst.zoek)
    return jsonify(body)


@bp.post("/kaart/gebied")
@login_required
@json_fouten
def kies() -> Response:
    """Turn a pick (gemeenten, a regio, a polygon, a circle or GeoJSON) into the stored area."""
    data = lees_json()
    if "gemeenten" in data or "regio" in data:
        codes = data.get("gemeenten") or []
        regio = data.get("regio")
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise OngeldigeInvoer("gemeenten", N_("verwacht een lijst van gemeentecodes"))
        if regio is not None and not isinstance(regio, str):
            raise OngeldigeInvoer("regio", N_("verwacht een regiocode zoals VR20"))
        feature = kaart.kies(codes, regio or None).feature
    elif "cirkel" in data:
        feature = _cirkel(data["cirkel"])
    elif "sector" in data:
        feature = rookpluim.sector_feature(data["sector"], _sector_beschrijving(data["sector"]))
    elif "polygoon" in data:
        ring = data["polygoon"]
        feature = gebied_feature({"type": "Polygon", "coordinates": [ring]}, _("Getekend gebied"))
    elif "geojson" in data:
        naam = data.get("naam")
        feature = gebied_feature(data["geojson"], naam[:100] if isinstance(naam, str) else "")
    else:
        raise OngeldigeInvoer(
            "gebied",
            N_("kies gemeenten, een regio, een polygoon, een cirkel, een rookpluim of GeoJSON"),
        )
    # The same check the compose runs, so a saved area always composes.
    beschrijving = cast(Gebied, gebied_van(feature)).beschrijving
    return jsonify({"gebied": feature, "beschrijving": beschrijving})


def _cirkel(waarde: object) -> dict[str, Any]:
    if not isinstance(waarde, Mapping):
        raise OngeldigeInvoer("cirkel", N_("verwacht lat, lon en radius_km"))
    # Floats, so a radius of 10**400 is infinite and refused as too large, not an overflow.
    cirkel = {k: als_getal(waarde.get(k)) for k in ("lat", "lon", "radius_km")}
    if not all(isinstance(v, float) for v in cirkel.values()):
        raise OngeldigeInvoer("cirkel", N_("lat, lon en radius_km zijn getallen"))
    # A circle is stored as a Feature so the compose request stays GeoJSON; it is sent in the
    # circle form (centre + radius), the way regions target smoke.
    return {
        "type": "Feature",
        "properties": {
            "beschrijving": _("Cirkel van %(km)s km", km=f"{cirkel['radius_km']:g}"),
            "bron": "cirkel",
            "cirkel": cirkel,
        },
        "geometry": {"type": "Point", "coordinates": [cirkel["lon"], cirkel["lat"]]},
    }


def _sector_beschrijving(waarde: object) -> str:
    """The sector's description in the user's language ("" leaves berichten's Dutch default)."""
    if not isinstance(waarde, Mapping):
        return ""
    km, wind = waarde.get("lengte_km"), waarde.get("wind_uit")
    if isinstance(km, bool) or not isinstance(km, int | float):
        return ""
    if isinstance(wind, str):
        wind = wind.strip().upper()[:8]
        if wind.replace(",", ".").replace(".", "", 1).isdigit():
            wind += "°"
    elif isinstance(wind, int | float) and not isinstance(wind, bool):
        wind = f"{wind:g}°"
    else:
        return ""
    return _("Rookpluim van %(km)s km, wind uit %(wind)s", km=f"{km:g}", wind=wind)


@bp.post("/api/bereik")
@scherm_api
def api_bereik() -> tuple[Response, int] | Response:
    """The simulator's reach estimate for an area; `?format=png` gives the map image instead."""
    data = lees_json()
    waarde = data.get("gebied")
    gebied = gebied_van(waarde) if isinstance(waarde, Mapping) else None
    if gebied is None:
        raise OngeldigeInvoer("gebied", N_("kies eerst een gebied"))
    uitkomst = koppelingen.simulator_client().schat(
        gebied.to_geojson(), kaart=request.args.get("format") == "png"
    )
    return jsonify(uitkomst.to_dict())
