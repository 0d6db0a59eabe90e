"""The preview of a compose request: every chosen language in every variant, with its counters.

The compose screen shows it live while the user types; the approval page shows the same compose,
so the approver sees exactly the text, area and identifiers that go out. Readability scores and the
visual card come from optional modules and are left out when those are not installed.
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from types import ModuleType
from typing import Any

from berichten import (
    Afzender,
    Bericht,
    BerichtError,
    BerichtSoort,
    Gebied,
    Herkomst,
    InvalidCombination,
    InvalidField,
    MissingField,
    Modus,
    OngeldigGebied,
    Taaltekst,
    Variant,
    uit_geojson,
)
from berichten import compose as berichten_compose
from berichten.identificatie import message_identifier
from berichten.paginas import MAX_PAGES
from handelingsperspectieven import CatalogusError, Register, perspectief
from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.inhoud import lees_inhoud
from nlalert.taal import gettext as _
from nlalert.workflow import BerichtRecord
from vertalingen import BRONTAAL, TALEN, OnbekendeTaal

log = logging.getLogger(__name__)

VARIANTEN = (Variant.STANDAARD, Variant.B1, Variant.KORT, Variant.BEELD)
WAARSCHUW_BOVEN_PAGINAS = 4  # berichten.controles warns above this too; the screen colours it
ENGELS = "en"
MAX_GEBIED_TEKST = 600  # characters of GeoJSON on the approval page; the map shows the rest


def _optioneel(naam: str) -> ModuleType | None:
    """A module written in parallel (readability, visual card); None while it does not exist."""
    try:
        return importlib.import_module(naam)
    except ImportError:
        return None


def gebied_van(waarde: Mapping[str, Any] | None) -> Gebied | None:
    """The Gebied of a stored `gebied`: GeoJSON, or a Feature whose properties hold a circle."""
    if waarde is None:
        return None
    eigenschappen = waarde.get("properties") if waarde.get("type") == "Feature" else None
    beschrijving = ""
    if isinstance(eigenschappen, Mapping):
        beschrijving = str(eigenschappen.get("beschrijving") or "")[:200]
        # A circle is stored as a Feature so the compose request stays GeoJSON; it goes to the
        # CBC and the simulator in circle form, as regions target smoke.
        if isinstance(eigenschappen.get("cirkel"), Mapping):
            return uit_geojson({"circle": eigenschappen["cirkel"]}, beschrijving)
    return uit_geojson(waarde, beschrijving)


def herkomst_van(origineel: BerichtRecord, afzender: Afzender) -> Herkomst:
    """What an update or cancel refers to: the sent original's channel, codes and fields."""
    inhoud = origineel.inhoud
    p = perspectief(str(inhoud["categorie"]))
    modus = Modus(str(inhoud["modus"]))
    verzonden = origineel.verzonden_op or origineel.gewijzigd_op
    # The CAP identity the original really went out with, stored by the sender; rebuilt from the
    # send time only for records sent before it was stored.
    cap = (origineel.cbc_resultaat or {}).get("cap")
    if isinstance(cap, Mapping) and {"identifier", "sender", "sent"} <= set(cap):
        identifier, sender = str(cap["identifier"]), str(cap["sender"])
        sent = datetime.fromisoformat(str(cap["sent"]))
    else:
        identifier = (
            f"NLALERT-{verzonden:%Y%m%dT%H%M%S}-{modus.value.upper()}"
            f"-{origineel.message_code:04d}-{origineel.update_nummer:02d}"
        )
        sender, sent = afzender.id, verzonden
    return Herkomst(
        identifier=identifier,
        sender=sender,
        sent=sent,
        message_identifier=message_identifier(modus, p.severity, p.urgency, p.certainty),
        message_code=origineel.message_code,
        update_nummer=origineel.update_nummer,
        velden=dict(inhoud.get("velden") or {}),
    )


def compose_inhoud(
    inhoud: Mapping[str, Any],
    *,
    variant: Variant = Variant.STANDAARD,
    talen: list[str] | None = None,
    afzender: Afzender | None = None,
    herkomst: Herkomst | None = None,
    berichtcode: int | None = None,
    tijd: datetime | None = None,
) -> Bericht:
    """Compose a stored (normalised) compose request; raises the typed errors of `berichten`."""
    return berichten_compose(
        str(inhoud["categorie"]),
        dict(inhoud.get("velden") or {}),
        talen=talen if talen is not None else list(inhoud["talen"]),
        modus=Modus(str(inhoud["modus"])),
        soort=BerichtSoort(str(inhoud.get("soort", "alert"))),
        register=Register(str(inhoud.get("register", "je"))),
        variant=variant,
        gebied=gebied_van(inhoud.get("gebied")),
        afzender=afzender,
        herkomst=herkomst,
        berichtcode=berichtcode,
        tijd=tijd,
    )


def _cb(t: Taaltekst | Bericht) -> dict[str, Any]:
    cb = t.cb
    return {
        "encoding": cb.encoding,
        "pages": len(cb.pages),
        "max_pages": MAX_PAGES,
        "te_lang": len(cb.pages) > WAARSCHUW_BOVEN_PAGINAS,
        "tekens": cb.tekens,
        "eenheden": cb.eenheden,
        "per_pagina": cb.per_pagina,
        "culprits": [c.to_dict() for c in cb.culprits],
    }


def _tekst(t: Taaltekst) -> dict[str, Any]:
    return {"tekst": t.tekst, "richting": t.richting, "cb": _cb(t)}


def _leesbaarheid(tekst: str, plaats: str) -> dict[str, Any] | None:
    module = _optioneel("vertalingen.leesbaarheid")
    if module is None:
        return None
    try:
        meting = module.analyseer(tekst, negeer=[plaats] if plaats else [])
    except (ValueError, OnbekendeTaal) as exc:  # LeesbaarheidFout is a ValueError
        return {"fout": str(getattr(exc, "bericht", exc))}
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
                "reden": t.reden,
            }
            for t in meting.oordeel.toetsen
        ],
        "problemen": [
            {"zin": z.tekst, "problemen": list(z.problemen)} for z in meting.per_zin if z.problemen
        ],
    }


def _kaart_svg(bericht: Bericht, taal: str) -> str | None:
    module = _optioneel("berichten.beeld")
    if module is None:
        return None
    try:
        svg: str = module.kaart_svg(bericht, taal)
    except Exception:  # a card that cannot be drawn must not cost the user the text preview
        log.exception("beeldkaart %s/%s mislukt", bericht.categorie, taal)
        return None
    return svg


def fout_van(exc: Exception) -> dict[str, str]:
    """An error as the preview reports it: Dutch text and the field to point at."""
    veld = "tekst"
    if isinstance(exc, OngeldigeInvoer):
        return {"fout": _(exc.sjabloon, **exc.parameters), "veld": exc.veld}
    if isinstance(exc, MissingField | InvalidField):
        veld = f"velden.{exc.name}"
    elif isinstance(exc, OngeldigGebied):
        veld = "gebied"
    elif isinstance(exc, OnbekendeTaal):
        veld = "talen"
    elif isinstance(exc, InvalidCombination):
        veld = "modus"
    elif isinstance(exc, CatalogusError):
        veld = "categorie"
    return {"fout": str(getattr(exc, "bericht", exc)), "veld": veld}


FOUTEN = (OngeldigeInvoer, BerichtError, CatalogusError, OnbekendeTaal)


def voorbeeld(
    data: Mapping[str, Any],
    *,
    afzender: Afzender | None = None,
    herkomst: Herkomst | None = None,
    training: bool = False,
) -> dict[str, Any]:
    """The live preview of a compose request; errors come back as `{"fout", "veld"}`."""
    try:
        inhoud = lees_inhoud(data)
        if training and inhoud["modus"] != Modus.OEFENING:
            raise OngeldigeInvoer("modus", N_("in trainingsmodus is alleen 'oefening' toegestaan"))
        standaard = compose_inhoud(inhoud, afzender=afzender, herkomst=herkomst)
    except FOUTEN as exc:
        return fout_van(exc)

    talen = [t.taal for t in standaard.talen]
    per_taal: dict[str, dict[str, Any]] = {
        t.taal: {
            "taal": t.taal,
            "naam": TALEN[t.taal].naam_eigen,
            "naam_nl": TALEN[t.taal].naam_nl,
            "richting": t.richting,
            "varianten": {Variant.STANDAARD.value: _tekst(t)},
        }
        for t in standaard.talen
    }
    waarschuwingen = [{**w.to_dict(), "variant": "standaard"} for w in standaard.waarschuwingen]
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
            if (w.code, w.taal, w.tekst) not in gezien:
                gezien.add((w.code, w.taal, w.tekst))
                waarschuwingen.append({**w.to_dict(), "variant": variant.value})
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
        "talen": [per_taal[c] for c in talen],
        "volledigheid": standaard.volledigheid.to_dict(),
        "waarschuwingen": waarschuwingen,
        "leesbaarheid": {k: v for k, v in leesbaarheid.items() if v is not None},
        "gebied": None
        if gebied is None
        else {"beschrijving": gebied.beschrijving, "geojson": gebied.to_geojson()},
    }


def bericht_van(
    record: BerichtRecord, *, afzender: Afzender, origineel: Callable[[int], BerichtRecord]
) -> Bericht:
    """The Bericht a stored record stands for: what the approver sees is what the sender sends."""
    herkomst = None
    if record.origineel_id is not None:
        herkomst = herkomst_van(origineel(record.origineel_id), afzender)
    # The record's message code, not a hash of the text: the code the workflow reserved.
    return compose_inhoud(
        record.inhoud, afzender=afzender, herkomst=herkomst, berichtcode=record.message_code
    )


def voor_goedkeuring(
    afzender: Callable[[], Afzender],
    origineel: Callable[[int], BerichtRecord],
) -> Callable[[BerichtRecord], Mapping[str, str]]:
    """The approval page's preview (`app.extensions["nlalert.voorbeeld"]`): {heading: text}."""

    def maak(record: BerichtRecord) -> Mapping[str, str]:
        b = bericht_van(record, afzender=afzender(), origineel=origineel)
        codes = [t.taal for t in b.talen]
        primair = [c for c in (BRONTAAL, ENGELS) if c in codes] if BRONTAAL in codes else codes[:1]
        uit: dict[str, str] = {
            _(
                "Uitzending (%(talen)s): %(paginas)s pagina('s), %(encoding)s, %(tekens)s tekens",
                talen=" + ".join(primair),
                paginas=len(b.cb.pages),
                encoding=b.cb.encoding.upper(),
                tekens=b.cb.tekens,
            ): b.tekst
        }
        for t in b.talen:
            kop = _(
                "%(taal)s: %(paginas)s pagina('s), %(encoding)s",
                taal=TALEN[t.taal].naam_nl,
                paginas=len(t.cb.pages),
                encoding=t.cb.encoding.upper(),
            )
            uit[kop] = t.tekst
        uit[_("Gebied")] = (
            _("Geen gebied gekozen.")
            if b.gebied is None
            else f"{b.gebied.beschrijving}\n{_compact(b.gebied.to_geojson())}"
        )
        uit[_("Kenmerken")] = "\n".join(
            [
                f"identifier: {b.identifier}",
                f"modus: {b.modus.value}, soort: {b.soort.value}, register: {b.register.value}",
                f"message identifier: {b.message_identifier}",
                f"serial number: {b.serial.waarde} (message code {b.serial.message_code},"
                f" update {b.serial.update_number})",
            ]
        )
        uit[_("Controle")] = "\n".join(
            [f"{'✓' if p.ok else '✗'} {p.uitleg}" for p in b.volledigheid.punten.values()]
            + [f"! {w.tekst}" for w in b.waarschuwingen]
        )
        return uit

    return maak


def _compact(geojson: Mapping[str, Any]) -> str:
    tekst = json.dumps(geojson, ensure_ascii=False, separators=(",", ":"))
    return tekst if len(tekst) <= MAX_GEBIED_TEKST else tekst[:MAX_GEBIED_TEKST] + " …"
