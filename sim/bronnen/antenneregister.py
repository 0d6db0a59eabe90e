"""The Antenneregister CSV (RDI/Antennebureau): antenna sites into a `Netwerk`."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np

from sim.bronnen.invoer import Bron, cellen, getal, tekst
from sim.fouten import InvoerError
from sim.model.netwerk import TECHNOLOGIEEN, Netwerk, Operator, Technologie, maak_netwerk

ANTENNEREGISTER = "Antenneregister"
_REGISTER_TECHNIEK = {
    "TWEEG": Technologie.GSM,
    "DRIEG": Technologie.UMTS,
    "VIERG": Technologie.LTE,
    "VIJFG": Technologie.NR,
}


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
    rijen = list(csv.DictReader(io.StringIO(tekst(bron))))
    nodig = {"ID", "X", "Y", "MOBIELE_COMMUNICATIE", *_REGISTER_TECHNIEK}
    if not rijen or (ontbreekt := nodig - set(rijen[0])):
        raise InvoerError(
            "geen Antenneregister-CSV: kolommen ontbreken: {kolommen}",
            kolommen=", ".join(sorted(ontbreekt or nodig)),
        )
    masten: dict[tuple[float, float], set[Technologie]] = {}
    for n, r in enumerate(rijen, start=2):
        if getal(r["MOBIELE_COMMUNICATIE"] or "0", "MOBIELE_COMMUNICATIE", n) != 1:
            continue
        plek = (getal(r["X"], "X", n), getal(r["Y"], "Y", n))
        technieken = {t for k, t in _REGISTER_TECHNIEK.items() if getal(r[k] or "0", k, n) == 1}
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
    ids, o, tt, dekking = cellen(
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
