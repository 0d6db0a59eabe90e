"""Importers: real network inputs into a `Netwerk` (Antenneregister, OpenCelliD, best-server maps).

Each importer builds best-server coverage the same way where the input has no coverage itself:
the Voronoi cell of a site (or cell position) among those of the same operator and technology,
limited to a range.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon, Polygon, shape

from sim import geo
from sim.fouten import InvoerError
from sim.netwerk import (
    MNC,
    OPERATOREN,
    TECHNOLOGIEEN,
    Netwerk,
    Operator,
    Technologie,
    maak_netwerk,
    sector,
    voronoi_per_punt,
)

Bron = str | os.PathLike[str] | IO[str]
ANTENNEREGISTER = "Antenneregister"
OPENCELLID = "OpenCelliD"
BEST_SERVER = "best-server-kaart"
_REGISTER_TECHNIEK = {
    "TWEEG": Technologie.GSM,
    "DRIEG": Technologie.UMTS,
    "VIERG": Technologie.LTE,
    "VIJFG": Technologie.NR,
}
OPENCELLID_KOLOMMEN = [
    "radio",
    "mcc",
    "net",
    "area",
    "cell",
    "unit",
    "lon",
    "lat",
    "range",
    "samples",
    "changeable",
    "created",
    "updated",
    "averageSignal",
]


def _tekst(bron: Bron) -> str:
    if isinstance(bron, str | os.PathLike):
        pad = Path(bron)
        try:
            if pad.suffix == ".gz":
                with gzip.open(pad, "rt", encoding="utf-8") as f:
                    return f.read()
            return pad.read_text(encoding="utf-8")
        except OSError as e:
            raise InvoerError(f"kan {pad} niet lezen: {e.strerror or e}") from None
    return bron.read()


def _getal(waarde: str | None, wat: str, regel: int) -> float:
    try:
        return float(waarde or "")
    except ValueError:
        raise InvoerError(f"regel {regel}: {wat} is geen getal ({waarde!r})") from None


def _cellen(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    bereik_m: NDArray[np.float64],
    operator: Sequence[Operator],
    techniek: Sequence[Technologie],
    namen: Sequence[str],
    sectoren: int,
) -> tuple[list[str], NDArray[np.int8], NDArray[np.int8], NDArray[np.object_]]:
    """Best-server cells per (operator, technology) layer: Voronoi, range and optional sectors."""
    ops = np.array([OPERATOREN.index(o) for o in operator], dtype=np.int8)
    tech = np.array([TECHNOLOGIEEN.index(t) for t in techniek], dtype=np.int8)
    ids: list[str] = []
    o_uit: list[NDArray[np.int8]] = []
    t_uit: list[NDArray[np.int8]] = []
    dekking: list[NDArray[np.object_]] = []
    for o, t in sorted({(int(a), int(b)) for a, b in zip(ops, tech, strict=True)}):
        idx = np.flatnonzero((ops == o) & (tech == t))
        gebied = voronoi_per_punt(x[idx], y[idx])
        for s in range(sectoren):
            if sectoren == 1:
                taart = shapely.buffer(shapely.points(x[idx], y[idx]), bereik_m[idx], quad_segs=16)
            else:
                richting = np.full(len(idx), s * 360.0 / sectoren)
                taart = sector(x[idx], y[idx], richting, 360.0 / sectoren, bereik_m[idx])
            dekking.append(shapely.intersection(gebied, taart))
            achter = f"-{s + 1}" if sectoren > 1 else ""
            ids.extend(f"{namen[int(i)]}-{TECHNOLOGIEEN[t].value}{achter}" for i in idx)
            o_uit.append(np.full(len(idx), o, np.int8))
            t_uit.append(np.full(len(idx), t, np.int8))
    return ids, np.concatenate(o_uit), np.concatenate(t_uit), np.concatenate(dekking)


def lees_antenneregister(
    bron: Bron,
    *,
    operatoren: Sequence[Operator] = (Operator.ONBEKEND,),
    bereik_km: float = 10.0,
    sectoren: int = 3,
) -> Netwerk:
    """A network from an Antenneregister CSV (columns ID, X, Y, TWEEG..VIJFG, MOBIELE_COMMUNICATIE).

    The register has no operator field. By default every mobile site is one site of an
    'onbekend' network that all subscribers use; pass the three operators to treat every site
    as shared by all of them. Either way the report states it. Azimuths are not in the CSV:
    sectors point at 0, 120 and 240 degrees.
    """
    rijen = list(csv.DictReader(io.StringIO(_tekst(bron))))
    nodig = {"ID", "X", "Y", "MOBIELE_COMMUNICATIE", *_REGISTER_TECHNIEK}
    if not rijen or (ontbreekt := nodig - set(rijen[0])):
        raise InvoerError(
            "geen Antenneregister-CSV: kolommen ontbreken: " + ", ".join(sorted(ontbreekt or nodig))
        )
    masten: dict[tuple[float, float], set[Technologie]] = {}
    for n, r in enumerate(rijen, start=2):
        if _getal(r["MOBIELE_COMMUNICATIE"] or "0", "MOBIELE_COMMUNICATIE", n) != 1:
            continue
        plek = (_getal(r["X"], "X", n), _getal(r["Y"], "Y", n))
        technieken = {t for k, t in _REGISTER_TECHNIEK.items() if _getal(r[k] or "0", k, n) == 1}
        masten.setdefault(plek, set()).update(technieken or {Technologie.LTE})
    if not masten:
        raise InvoerError("het Antenneregister bevat geen locaties voor mobiele communicatie")
    x, y, ops, tech, namen = [], [], [], [], []
    for (mx, my), technieken in masten.items():
        for op in operatoren:
            for t in sorted(technieken, key=TECHNOLOGIEEN.index):
                x.append(mx)
                y.append(my)
                ops.append(op)
                tech.append(t)
                namen.append(f"AR-{round(mx)}-{round(my)}")
    ids, o, tt, dekking = _cellen(
        np.array(x), np.array(y), np.full(len(x), bereik_km * 1000), ops, tech, namen, sectoren
    )
    verdeling = (
        "alle abonnees op één netwerk 'onbekend'"
        if list(operatoren) == [Operator.ONBEKEND]
        else "elke mast gedeeld door " + ", ".join(o.value for o in operatoren)
    )
    return maak_netwerk(
        bron=ANTENNEREGISTER,
        cel_id=ids,
        operator=o,
        technologie=tt,
        dekking=dekking,
        aannames=(
            f"Netwerk uit het Antenneregister: {len(masten)} locaties voor mobiele communicatie.",
            f"Het register noemt geen operator: {verdeling} (aanname).",
            f"Per locatie {sectoren} sectoren (0, 120, 240 graden; de richting staat niet in de "
            f"CSV) per techniek; dekking: best-servergebied binnen {bereik_km:g} km.",
        ),
        bronvermelding="antennelocaties: Antenneregister (RDI/Antennebureau)",
    )


def lees_opencellid(
    bron: Bron, *, min_bereik_m: float = 200.0, max_bereik_m: float = 10_000.0
) -> Netwerk:
    """A network from an OpenCelliD CSV (radio,mcc,net,area,cell,unit,lon,lat,range,...).

    Only MCC 204 rows with a known MNC (8 KPN, 4 VodafoneZiggo, 16/20 Odido) are used. The
    position is OpenCelliD's estimate of the cell itself, so each cell is the best server around
    that point, limited to its `range` (clamped to min/max).
    """
    regels = list(csv.reader(io.StringIO(_tekst(bron))))
    if regels and regels[0] and regels[0][0].strip().lower() == "radio":
        kop = [k.strip() for k in regels[0]]
        regels = regels[1:]
    else:
        kop = OPENCELLID_KOLOMMEN  # the per-country downloads have no header
    if not {"radio", "mcc", "net", "lon", "lat", "range"} <= set(kop):
        raise InvoerError("geen OpenCelliD-CSV: kolommen radio, mcc, net, lon, lat, range nodig")
    x, y, bereik, ops, tech, namen = [], [], [], [], [], []
    overgeslagen = 0
    for n, waarden in enumerate(regels, start=2):
        if not waarden:
            continue
        if len(waarden) < len(kop):
            raise InvoerError(f"regel {n}: {len(waarden)} velden, verwacht {len(kop)}")
        r = dict(zip(kop, waarden, strict=False))
        radio = r["radio"].strip().upper()
        tech_naam = {"GSM": "GSM", "UMTS": "UMTS", "LTE": "LTE", "NR": "NR", "5G": "NR"}.get(radio)
        mcc = int(_getal(r["mcc"], "mcc", n))
        mnc = int(_getal(r["net"], "net", n))
        if mcc != 204 or mnc not in MNC or tech_naam is None:
            overgeslagen += 1
            continue
        x.append(_getal(r["lon"], "lon", n))
        y.append(_getal(r["lat"], "lat", n))
        bereik.append(_getal(r["range"] or "0", "range", n))
        ops.append(MNC[mnc])
        tech.append(Technologie(tech_naam))
        namen.append(f"204-{mnc:02d}-{r.get('area', '')}-{r.get('cell', '')}")
    if not x:
        raise InvoerError("de OpenCelliD-CSV bevat geen cellen van MCC 204 met een bekende MNC")
    rx, ry = geo.lonlat_naar_rd(np.array(x), np.array(y))
    straal = np.clip(np.array(bereik), min_bereik_m, max_bereik_m)
    ids, o, t, dekking = _cellen(rx, ry, straal, ops, tech, namen, 1)
    return maak_netwerk(
        bron=OPENCELLID,
        cel_id=[
            i.removesuffix(f"-{TECHNOLOGIEEN[tt].value}") for i, tt in zip(ids, t, strict=True)
        ],
        operator=o,
        technologie=t,
        dekking=dekking,
        aannames=(
            f"Netwerk uit OpenCelliD: {len(x)} cellen van MCC 204 ({overgeslagen} regels "
            "overgeslagen: ander land, onbekende MNC of techniek).",
            "OpenCelliD-posities zijn schattingen uit metingen van gebruikers; dekking per cel: "
            f"best-servergebied binnen de opgegeven range ({min_bereik_m:g}-{max_bereik_m:g} m).",
        ),
    )


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
    raise InvoerError(f"feature {n}: onbekende operator {waarde!r}")


def _technologie(waarde: object, n: int) -> Technologie:
    tekst = str(waarde).strip()
    tekst = _TECHNIEK_NAMEN.get(tekst.lower(), tekst.upper())
    try:
        return Technologie(tekst)
    except ValueError:
        raise InvoerError(f"feature {n}: onbekende techniek {waarde!r}") from None


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
            raise InvoerError(f"feature {n}: 'properties' ontbreekt")
        try:
            g = shape(f["geometry"])
        except Exception as e:  # shapely raises several types for malformed GeoJSON
            raise InvoerError(f"feature {n}: ongeldige geometrie ({e})") from None
        if not isinstance(g, Polygon | MultiPolygon) or g.is_empty:
            raise InvoerError(f"feature {n}: de dekking moet een (Multi)Polygon zijn")
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
