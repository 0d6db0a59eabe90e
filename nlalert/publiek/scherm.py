"""The feed for screens (station boards, billboards): the short variant (at most 100 characters)
of every incident that still warns, in one language, each with the moment it expires.

An incident that ended (all-clear, cancel, withdrawn by hand) or whose latest bericht expired is
never in it. A language the approver did not approve for a bericht is never composed for it: the
screen gets the Dutch (or first) approved text instead, marked with its own language.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from berichten import Variant
from nlalert.publiek.incidenten import Incident, incidenten, zoals_verzonden
from vertalingen import BRONTAAL, taal

VERVERSEN = 30  # seconds: the most an ended alert can stay on a screen after a cancel


@dataclass(frozen=True, slots=True, kw_only=True)
class Schermbericht:
    """One line for a screen."""

    incident: int
    url: str
    taal: str
    richting: str
    tekst: str
    soort: str
    oefening: bool
    verzonden: datetime
    verloopt: datetime

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (times in ISO-8601 with offset)."""
        return {
            "incident": self.incident,
            "url": self.url,
            "taal": self.taal,
            "richting": self.richting,
            "tekst": self.tekst,
            "soort": self.soort,
            "oefening": self.oefening,
            "verzonden": self.verzonden.isoformat(timespec="seconds"),
            "verloopt": self.verloopt.isoformat(timespec="seconds"),
        }


def _taal_voor(gevraagd: str, talen: list[str]) -> str:
    if gevraagd in talen:
        return gevraagd
    return BRONTAAL if BRONTAAL in talen else talen[0]


def schermberichten(
    db: sqlite3.Connection,
    *,
    gevraagd: str,
    oefening: bool,
    nu: datetime,
    url_van: Callable[[Incident], str],
) -> list[Schermbericht]:
    """The short text of every incident that warns now, newest first."""
    uit = []
    # An incident still warning had a message within the longest time one stays on air.
    for i in incidenten(db, oefening=oefening, sinds=nu - timedelta(days=8)):
        if not i.actief(nu):
            continue
        h = i.huidig
        code = _taal_voor(gevraagd, [t.taal for t in h.bericht.talen])
        kort = zoals_verzonden(db, h.record, variant=Variant.KORT, talen=[code]).taaltekst(code)
        uit.append(
            Schermbericht(
                incident=i.id,
                url=url_van(i),
                taal=code,
                richting=taal(code).richting.value,
                tekst=kort.tekst,
                soort=h.bericht.soort.value,
                oefening=i.oefening,
                verzonden=h.bericht.tijd,
                verloopt=h.bericht.verloopt,
            )
        )
    return uit


def verversen(berichten: list[Schermbericht], nu: datetime) -> int:
    """Seconds until a screen must ask again: VERVERSEN, or sooner when a line expires sooner."""
    tot_einde = [int((b.verloopt - nu).total_seconds()) + 1 for b in berichten]
    return max(1, min([VERVERSEN, *tot_einde]))


def json_tekst(data: object) -> str:
    """JSON with <, > and & as \\u escapes, so the text is safe even pasted into HTML."""
    tekst = json.dumps(data, ensure_ascii=False)
    return tekst.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
