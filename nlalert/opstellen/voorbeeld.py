"""The preview of a compose request: every chosen language in every variant, with its counters.

The compose screen shows it live while the user types; `bericht_van` composes a stored record
the same way for the approval page and for sending, so the approver sees exactly the text, area
and identifiers that go out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from berichten import (
    Afzender,
    Bericht,
    BerichtError,
    BerichtSoort,
    Gebied,
    Herkomst,
    Instellingen,
    InvalidCombination,
    InvalidField,
    MissingField,
    Modus,
    OngeldigGebied,
    Taaltekst,
    Variant,
    beeld,
    uit_geojson,
)
from berichten import compose as berichten_compose
from berichten.identificatie import message_identifier
from berichten.paginas import MAX_PAGES, CBPaginas
from handelingsperspectieven import CatalogusError, Register, perspectief
from nlalert.fouten import N_, OngeldigeInvoer
from nlalert.taal import gettext as _
from nlalert.workflow.inhoud import lees_inhoud
from nlalert.workflow.stappen import BerichtRecord
from vertalingen import BRONTAAL, TALEN, OnbekendeTaal, leesbaarheid

log = logging.getLogger(__name__)

VARIANTEN = (Variant.STANDAARD, Variant.B1, Variant.KORT, Variant.BEELD)
WAARSCHUW_BOVEN_PAGINAS = 4  # berichten.controles warns above this too; the screen colours it


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
        if eigenschappen.get("bron") == "gemeente":
            # Picked gemeenten: CAP names them by CBS code too.
            waarde = {
                **waarde,
                "properties": {**eigenschappen, "gemeentecodes": eigenschappen.get("codes")},
            }
    return uit_geojson(waarde, beschrijving)


def _cap_identiteit(record: BerichtRecord, afzender: Afzender) -> tuple[str, str, datetime]:
    """The CAP identifier, sender and sent a sent record went out with."""
    inhoud = record.inhoud
    modus = Modus(str(inhoud["modus"]))
    verzonden = record.verzonden_op or record.gewijzigd_op
    # The CAP identity the record really went out with, stored by the sender; rebuilt from the
    # send time only for records sent before it was stored.
    cap = (record.cbc_resultaat or {}).get("cap")
    if isinstance(cap, Mapping) and {"identifier", "sender", "sent"} <= set(cap):
        return str(cap["identifier"]), str(cap["sender"]), datetime.fromisoformat(str(cap["sent"]))
    identifier = (
        f"NLALERT-{verzonden:%Y%m%dT%H%M%S}-{modus.value.upper()}"
        f"-{record.message_code:04d}-{record.update_nummer:02d}"
    )
    return identifier, afzender.id, verzonden


def herkomst_van(
    origineel: BerichtRecord,
    afzender: Afzender,
    keten: Sequence[BerichtRecord] = (),
) -> Herkomst:
    """What an update, all-clear or cancel refers to: the sent original's channel, codes and
    fields, and every earlier message of its chain (`keten`, oldest first) for CAP references."""
    inhoud = origineel.inhoud
    p = perspectief(str(inhoud["categorie"]))
    modus = Modus(str(inhoud["modus"]))
    identifier, sender, sent = _cap_identiteit(origineel, afzender)
    eerdere: list[str] = []
    for r in keten:
        if r.id == origineel.id:
            break
        if r.verzonden_op is not None and r.soort.zendt_uit:
            i, s_, t = _cap_identiteit(r, afzender)
            eerdere.append(f"{s_},{i},{t.isoformat(timespec='seconds')}")
    return Herkomst(
        identifier=identifier,
        sender=sender,
        sent=sent,
        message_identifier=message_identifier(modus, p.severity, p.urgency, p.certainty),
        message_code=origineel.message_code,
        update_nummer=origineel.update_nummer,
        velden=dict(inhoud.get("velden") or {}),
        eerdere=tuple(eerdere),
    )


def compose_inhoud(
    inhoud: Mapping[str, Any],
    *,
    variant: Variant = Variant.STANDAARD,
    talen: list[str] | None = None,
    afzender: Afzender | None = None,
    herkomst: Herkomst | None = None,
    berichtcode: int | None = None,
    taalcodes: Mapping[str, int] | None = None,
    kenmerk: int | None = None,
    tijd: datetime | None = None,
    instellingen: Instellingen | None = None,
) -> Bericht:
    """Compose a stored (normalised) compose request; raises the typed errors of `berichten`."""
    duur = inhoud.get("duur_minuten")
    naam = inhoud.get("afzender")
    if afzender is not None and isinstance(naam, str) and naam.strip():
        afzender = replace(afzender, naam=naam.strip())
    return berichten_compose(
        str(inhoud["categorie"]),
        dict(inhoud.get("velden") or {}),
        talen=talen if talen is not None else list(inhoud["talen"]),
        modus=Modus(str(inhoud["modus"])),
        soort=BerichtSoort(str(inhoud.get("soort", "alert"))),
        register=Register(str(inhoud.get("register", "je"))),
        variant=variant,
        nederlands=Variant(str(inhoud.get("nederlands", "standaard"))),
        gebied=gebied_van(inhoud.get("gebied")),
        afzender=afzender,
        herkomst=herkomst,
        berichtcode=berichtcode,
        taalcodes=taalcodes,
        duur=None if duur is None else timedelta(minutes=int(duur)),
        kenmerk=kenmerk,
        tijd=tijd,
        instellingen=instellingen,
    )


def _cb(t: Taaltekst | Bericht) -> dict[str, Any]:
    return _cb_van(t.cb)


def _cb_van(cb: CBPaginas) -> dict[str, Any]:
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
    try:
        meting = leesbaarheid.analyseer(tekst, negeer=[plaats] if plaats else [])
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
    try:
        svg: str = beeld.kaart_svg(bericht, taal)
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
    instellingen: Instellingen | None = None,
) -> dict[str, Any]:
    """The live preview of a compose request; errors come back as `{"fout", "veld"}`."""
    try:
        inhoud = lees_inhoud(data)
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
        # What goes to phones: one message per broadcast, each with its own serial number.
        "uitzendingen": [{**u.to_dict(), "cb": _cb_van(u.cb)} for u in standaard.uitzendingen],
        "talen": [per_taal[c] for c in talen],
        "volledigheid": standaard.volledigheid.to_dict(),
        "waarschuwingen": waarschuwingen,
        "leesbaarheid": {k: v for k, v in leesbaarheid.items() if v is not None},
        "gebied": None
        if gebied is None
        else {"beschrijving": gebied.beschrijving, "geojson": gebied.to_geojson()},
    }


def bericht_van(
    record: BerichtRecord,
    *,
    afzender: Afzender,
    origineel: Callable[[int], BerichtRecord],
    keten: Callable[[BerichtRecord], Sequence[BerichtRecord]] = lambda _r: (),
    instellingen: Instellingen | None = None,
) -> Bericht:
    """The Bericht a stored record stands for: what the approver sees is what the sender sends."""
    herkomst = None
    if record.origineel_id is not None:
        vorige = origineel(record.origineel_id)
        herkomst = herkomst_van(vorige, afzender, keten(vorige))
    # The record's message codes, not a hash of the text: the codes the workflow reserved.
    return compose_inhoud(
        record.inhoud,
        afzender=afzender,
        herkomst=herkomst,
        berichtcode=record.message_code,
        taalcodes=record.taalcodes,
        kenmerk=record.id,
        instellingen=instellingen,
    )
