"""The published NL-Alert reach surveys shipped in data/nl_alert_bereik.csv."""

from __future__ import annotations

import csv
import io

from sim.bronnen.cbs import lees
from sim.model.kalibratie import Meting


def metingen() -> tuple[Meting, ...]:
    """The published own-phone reach figures, oldest first (rows without a percentage skipped)."""
    uit = []
    for r in csv.DictReader(io.StringIO(lees("nl_alert_bereik.csv"))):
        if r["ontvangen_op_eigen_telefoon_pct"]:
            uit.append(
                Meting(
                    controlebericht=r["controlebericht"],
                    doelgroep=r["doelgroep"],
                    procent=float(r["ontvangen_op_eigen_telefoon_pct"]),
                    bron=r["oorspronkelijke_bron"],
                )
            )
    return tuple(uit)
