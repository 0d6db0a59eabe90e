"""An operator's best-server map (GeoJSON FeatureCollection) into a `Netwerk`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from shapely.geometry import MultiPolygon, Polygon, shape

from sim.fouten import InvoerError
from sim.model import geo
from sim.model.netwerk import (
    MNC,
    OPERATOREN,
    TECHNOLOGIEEN,
    Netwerk,
    Operator,
    Technologie,
    maak_netwerk,
)

BEST_SERVER = "best-server-kaart"
_OPERATOR_NAMEN = {
    "kpn": Operator.KPN,
    "vodafone": Operator.VODAFONEZIGGO,
    "vodafoneziggo": Operator.VODAFONEZIGGO,
    "odido": Operator.ODIDO,
    "t-mobile": Operator.ODIDO,
}
_TECHNIEK_NAMEN = {"2g": "GSM", "3g": "UMTS", "4g": "LTE", "5g": "NR"}


def _operator(waarde: object, n: int) -> Operator:
    tekst = str(waarde).strip().lower().replace(" ", "")
    if tekst in _OPERATOR_NAMEN:
        return _OPERATOR_NAMEN[tekst]
    getal = tekst.removeprefix("204-").removeprefix("204")
    if getal.isdigit() and int(getal) in MNC:
        return MNC[int(getal)]
    raise InvoerError("feature {n}: onbekende operator {waarde!r}", n=n, waarde=waarde)


def _technologie(waarde: object, n: int) -> Technologie:
    tekst = str(waarde).strip()
    tekst = _TECHNIEK_NAMEN.get(tekst.lower(), tekst.upper())
    try:
        return Technologie(tekst)
    except ValueError:
        raise InvoerError(
            "feature {n}: onbekende techniek {waarde!r}", n=n, waarde=waarde
        ) from None


def _eigenschap(props: Mapping[str, Any], namen: Iterable[str]) -> object:
    for naam in namen:
        if naam in props and props[naam] not in (None, ""):
            return props[naam]
    return None


def lees_best_server_geojson(obj: object) -> Netwerk:
    """A network from an operator's best-server map: a GeoJSON FeatureCollection in WGS84.

    Each feature is one cell's best-server area (Polygon or MultiPolygon) with properties
    `operator` (name or MNC), `technologie` (GSM/UMTS/LTE/NR or 2G..5G) and `cel` (its id).
    """
    if not isinstance(obj, Mapping) or obj.get("type") != "FeatureCollection":
        raise InvoerError("een best-serverkaart is een GeoJSON FeatureCollection")
    features = obj.get("features")
    if not isinstance(features, list) or not features:
        raise InvoerError("de best-serverkaart heeft geen features")
    ids, ops, tech, vlakken = [], [], [], []
    for n, f in enumerate(features, start=1):
        props = f.get("properties") if isinstance(f, Mapping) else None
        if not isinstance(props, Mapping):
            raise InvoerError("feature {n}: 'properties' ontbreekt", n=n)
        try:
            g = shape(f["geometry"])
        except Exception as e:  # shapely raises several types for malformed GeoJSON
            raise InvoerError(
                "feature {n}: ongeldige geometrie ({oorzaak})", n=n, oorzaak=e
            ) from None
        if not isinstance(g, Polygon | MultiPolygon) or g.is_empty:
            raise InvoerError("feature {n}: de dekking moet een (Multi)Polygon zijn", n=n)
        ops.append(_operator(_eigenschap(props, ("operator", "mnc", "netwerk")), n))
        tech.append(_technologie(_eigenschap(props, ("technologie", "technology", "radio")), n))
        ids.append(str(_eigenschap(props, ("cel", "cel_id", "cell_id", "id")) or f"cel-{n}"))
        vlakken.append(g)
    dekking = geo.naar_rd(np.array(vlakken, dtype=object))
    return maak_netwerk(
        bron=BEST_SERVER,
        cel_id=ids,
        operator=np.array([OPERATOREN.index(o) for o in ops], dtype=np.int8),
        technologie=np.array([TECHNOLOGIEEN.index(t) for t in tech], dtype=np.int8),
        dekking=dekking,
        aannames=(
            f"Netwerk uit best-serverkaarten van operatoren: {len(ids)} cellen; de dekking is "
            "overgenomen zoals aangeleverd.",
        ),
    )
