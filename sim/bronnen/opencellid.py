"""OpenCelliD CSV: measured cell positions of MCC 204 into a `Netwerk`."""

from __future__ import annotations

import csv
import io

import numpy as np

from sim.bronnen.invoer import Bron, cellen, getal, tekst
from sim.fouten import InvoerError
from sim.model import geo
from sim.model.netwerk import MNC, TECHNOLOGIEEN, Netwerk, Technologie, maak_netwerk

OPENCELLID = "OpenCelliD"
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


def lees_opencellid(
    bron: Bron, *, min_bereik_m: float = 200.0, max_bereik_m: float = 10_000.0
) -> Netwerk:
    """A network from an OpenCelliD CSV (radio,mcc,net,area,cell,unit,lon,lat,range,...).

    Only MCC 204 rows with a known MNC (8 KPN, 4 VodafoneZiggo, 16/20 Odido) are used. The
    position is OpenCelliD's estimate of the cell itself, so each cell is the best server around
    that point, limited to its `range` (clamped to min/max).
    """
    regels = list(csv.reader(io.StringIO(tekst(bron))))
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
            raise InvoerError(
                "regel {regel}: {velden} velden, verwacht {verwacht}",
                regel=n,
                velden=len(waarden),
                verwacht=len(kop),
            )
        r = dict(zip(kop, waarden, strict=False))
        radio = r["radio"].strip().upper()
        tech_naam = {"GSM": "GSM", "UMTS": "UMTS", "LTE": "LTE", "NR": "NR", "5G": "NR"}.get(radio)
        mcc = int(getal(r["mcc"], "mcc", n))
        mnc = int(getal(r["net"], "net", n))
        if mcc != 204 or mnc not in MNC or tech_naam is None:
            overgeslagen += 1
            continue
        x.append(getal(r["lon"], "lon", n))
        y.append(getal(r["lat"], "lat", n))
        bereik.append(getal(r["range"] or "0", "range", n))
        ops.append(MNC[mnc])
        tech.append(Technologie(tech_naam))
        namen.append(f"204-{mnc:02d}-{r.get('area', '')}-{r.get('cell', '')}")
    if not x:
        raise InvoerError("de OpenCelliD-CSV bevat geen cellen van MCC 204 met een bekende MNC")
    rx, ry = geo.lonlat_naar_rd(np.array(x), np.array(y))
    straal = np.clip(np.array(bereik), min_bereik_m, max_bereik_m)
    ids, o, t, dekking = cellen(rx, ry, straal, ops, tech, namen, 1)
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
