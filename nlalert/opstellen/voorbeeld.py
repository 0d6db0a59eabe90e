"""The preview of a compose request: every chosen language in every variant, with its counters.

The compose screen shows it live while the user types; `bericht_van` composes a stored record
the same way for the approval page and for sending, so the approver sees exactly the text, area
and identifiers that go out.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from berichten import (
    Afzender,
    Bericht,
    BerichtError,
    Herkomst,
    Instellingen,
    Modus,
    Taaltekst,
    Variant,
    Waarschuwing,
    beeld,
)
from berichten.controles import te_lang
from berichten.paginas import MAX_PAGES, CBPaginas
from handelingsperspectieven import CatalogusError
from nlalert.db import get_db
from nlalert.fouten import N_, OngeldigeInvoer, veld_van
from nlalert.taal import fouttekst, gettext, melding, taalnaam
from nlalert.workflow import woordenschat
from nlalert.workflow.inhoud import lees_inhoud
from nlalert.workflow.samenstelling import compose_inhoud
from vertalingen import BRONTAAL, TALEN, OnbekendeTaal, VertalingenError, leesbaarheid

log = logging.getLogger(__name__)

VARIANTEN = (Variant.STANDAARD, Variant.B1, Variant.KORT, Variant.BEELD)


def _cb(t: Taaltekst | Bericht) -> dict[str, Any]:
    return _cb_van(t.cb)


def _cb_van(cb: CBPaginas) -> dict[str, Any]:
    return {
        "encoding": cb.encoding,
        "pages": len(cb.pages),
        "max_pages": MAX_PAGES,
        "te_lang": te_lang(len(cb.pages)),
        "tekens": cb.tekens,
        "eenheden": cb.eenheden,
        "per_pagina": cb.per_pagina,
        "culprits": [c.to_dict() for c in cb.culprits],
    }


def _tekst(t: Taaltekst) -> dict[str, Any]:
    # The text the pages carry (spelled in GSM-7 when that is on and saves pages), and the
    # spelling next to the text as written, so the screen can show both and the saving.
    return {
        "tekst": t.uitzendtekst,
        "richting": t.richting,
        "cb": _cb(t),
        "spelling": None if t.spelling is None else t.spelling.to_dict(),
        # Free text in a field with a vocabulary, left as typed in this language.
        "niet_vertaald": list(t.niet_vertaald),
    }


def _leesbaarheid(tekst: str, plaats: str) -> dict[str, Any] | None:
    try:
        meting = leesbaarheid.analyseer(tekst, negeer=[plaats] if plaats else [])
    except VertalingenError as exc:
        return {"fout": fouttekst(exc)}
    return {
        "flesch_douma": round(meting.flesch_douma, 1),
        "woorden_per_zin": round(meting.woorden_per_zin, 1),
        "zinnen": meting.zinnen,
        "woorden": meting.woorden,
        "geslaagd": meting.oordeel.geslaagd,
        "toetsen": [
            {
                "naam": t.naam,
                "waarde": round(t.waarde, 2),
                "grens": t.grens,
                "ok": t.ok,
                "reden": gettext(t.reden),
            }
            for t in meting.oordeel.toetsen
        ],
        "problemen": [
            {"zin": z.tekst, "problemen": [melding(m) for m in z.meldingen]}
            for z in meting.per_zin
            if z.problemen
        ],
    }


def _kaart_svg(bericht: Bericht, taal: str) -> str | None:
    try:
        svg: str = beeld.kaart_svg(bericht, taal)
    except Exception:  # a card that cannot be drawn must not cost the user the text preview
        log.exception("beeldkaart %s/%s mislukt", bericht.categorie, taal)
        return None
    return svg


def fout_van(exc: Exception) -> dict[str, str]:
    """An error as the preview reports it: text in the user's language, the field to point at
    and the error's kind."""
    return {"fout": fouttekst(exc), "veld": veld_van(exc) or "tekst", "code": type(exc).__name__}


def _waarschuwing(w: Waarschuwing, variant: Variant) -> dict[str, str]:
    """A warning for the screen: its text in the user's language."""
    return {**w.to_dict(), "tekst": melding(w.melding), "variant": variant.value}


def _volledigheid(b: Bericht) -> dict[str, Any]:
    """The checklist for the screen: each item's explanation in the user's language."""
    uit = b.volledigheid.to_dict()
    for naam, punt in b.volledigheid.punten.items():
        uit[naam] = {"ok": punt.ok, "uitleg": melding(punt.melding)}
    return uit


FOUTEN = (OngeldigeInvoer, BerichtError, CatalogusError, OnbekendeTaal)


def voorbeeld(
    data: Mapping[str, Any],
    *,
    afzender: Afzender | None = None,
    herkomst: Herkomst | None = None,
    training: bool = False,
    instellingen: Instellingen | None = None,
) -> dict[str, Any]:
    """The live preview of a compose request; errors come back as `{"fout", "veld"}`."""
    try:
        # The reviewed translations of free values, as a save would store them.
        inhoud = woordenschat.leg_vast(get_db(), lees_inhoud(data))
        if training and inhoud["modus"] != Modus.OEFENING:
            raise OngeldigeInvoer("modus", N_("in trainingsmodus is alleen 'oefening' toegestaan"))
        standaard = compose_inhoud(
            inhoud, afzender=afzender, herkomst=herkomst, instellingen=instellingen
        )
    except FOUTEN as exc:
        return fout_van(exc)

    talen = [t.taal for t in standaard.talen]
    per_taal: dict[str, dict[str, Any]] = {
        t.taal: {
            "taal": t.taal,
            "naam": TALEN[t.taal].naam_eigen,
            "naam_nl": TALEN[t.taal].naam_nl,
            "naam_ui": taalnaam(TALEN[t.taal].babel_locale),
            "richting": t.richting,
            "varianten": {Variant.STANDAARD.value: _tekst(t)},
        }
        for t in standaard.talen
    }
    waarschuwingen = [_waarschuwing(w, Variant.STANDAARD) for w in standaard.waarschuwingen]
    gezien = {(w.code, w.taal, w.tekst) for w in standaard.waarschuwingen}
    plaats = standaard.velden.get("plaats", "")
    leesbaarheid: dict[str, Any] = {}
    if BRONTAAL in per_taal:
        leesbaarheid[Variant.STANDAARD.value] = _leesbaarheid(
            standaard.taaltekst(BRONTAAL).tekst, plaats
        )

    for variant in VARIANTEN[1:]:
        # Easy Dutch is written by hand and exists only in Dutch.
        codes = [BRONTAAL] if variant is Variant.B1 else talen
        if variant is Variant.B1 and BRONTAAL not in talen:
            continue
        try:
            b = compose_inhoud(
                inhoud,
                variant=variant,
                talen=codes,
                afzender=afzender,
                herkomst=herkomst,
                berichtcode=standaard.serial.message_code,
                tijd=standaard.tijd,  # one clock for every variant, so the headers agree
                instellingen=instellingen,
            )
        except FOUTEN as exc:
            for code in codes:
                per_taal[code]["varianten"][variant.value] = fout_van(exc)
            continue
        for t in b.talen:
            entry = _tekst(t)
            if variant is Variant.BEELD:
                entry["svg"] = _kaart_svg(b, t.taal)
            per_taal[t.taal]["varianten"][variant.value] = entry
        for w in b.waarschuwingen:
            # The border flag is the area's: the standard composition has it with all languages.
            if w.code.startswith("grens-"):
                continue
            if (w.code, w.taal, w.tekst) not in gezien:
                gezien.add((w.code, w.taal, w.tekst))
                waarschuwingen.append(_waarschuwing(w, variant))
        if variant is Variant.B1:
            leesbaarheid[Variant.B1.value] = _leesbaarheid(b.taaltekst(BRONTAAL).tekst, plaats)

    gebied = standaard.gebied
    return {
        "categorie": standaard.categorie,
        "modus": standaard.modus.value,
        "soort": standaard.soort.value,
        "register": standaard.register.value,
        "tijd": standaard.tijd.isoformat(timespec="seconds"),
        "identifier": standaard.identifier,
        "message_identifier": standaard.message_identifier,
        "serial_number": standaard.serial.to_dict(),
        "uitzending": {"tekst": standaard.tekst, "cb": _cb(standaard)},
        # What goes to phones: one message per broadcast, each with its own serial number.
        "uitzendingen": [{**u.to_dict(), "cb": _cb_van(u.cb)} for u in standaard.uitzendingen],
        "talen": [per_taal[c] for c in talen],
        "volledigheid": _volledigheid(standaard),
        "waarschuwingen": waarschuwingen,
        "leesbaarheid": {k: v for k, v in leesbaarheid.items() if v is not None},
        "gebied": None
        if gebied is None
        else {"beschrijving": gebied.beschrijving, "geojson": gebied.to_geojson()},
    }
