"""The public tree as static files any web server can host: every page, image, feed and CAP
document, fetched through the app itself so the files are exactly what /publiek/ serves.

The screen feed is left out: a screen must ask a live server, or it could show an alert that
ended after the export.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from nlalert.db import get_db
from nlalert.fouten import N_, NlalertError
from nlalert.publiek import adressen, incidenten


class ExportMislukt(NlalertError):
    """A page of the public tree could not be made."""

    def __init__(self, pad: str, status: int) -> None:
        self.pad = pad
        super().__init__(
            N_("exporteren mislukt bij %(pad)s (HTTP %(status)s)"), pad=pad, status=status
        )


def paden(app: Flask) -> list[str]:
    """Every path of the public tree now, relative to its root ('x/' is a page)."""
    uit = ["", "publiek.css"]
    with app.app_context():
        db = get_db()
        for oefening in (False, True):
            uit += [adressen.deel(oefening), adressen.feed_pad(oefening=oefening)]
            for i in incidenten.incidenten(db, oefening=oefening):
                pagina = adressen.incident_pad(i.id, oefening=oefening)
                uit.append(pagina)
                if i.huidig.bericht.gebied is not None:
                    uit.append(pagina + "gebied.svg")
                uit += [pagina + f"beeld-{t.taal}.svg" for t in i.huidig.bericht.talen]
                uit += [adressen.cap_pad(p.id) for p in i.berichten]
    return list(dict.fromkeys(uit))


def exporteer(app: Flask, doel: Path) -> list[Path]:
    """Write the public tree into `doel` (created if needed); returns the files written."""
    doel.mkdir(parents=True, exist_ok=True)
    geschreven = []
    client = app.test_client()
    for pad in paden(app):
        antwoord = client.get(f"/publiek/{pad}")
        if antwoord.status_code != 200:
            raise ExportMislukt(pad, antwoord.status_code)
        bestand = doel / (pad + "index.html" if pad == "" or pad.endswith("/") else pad)
        bestand.parent.mkdir(parents=True, exist_ok=True)
        bestand.write_bytes(antwoord.get_data())
        geschreven.append(bestand)
    return geschreven
