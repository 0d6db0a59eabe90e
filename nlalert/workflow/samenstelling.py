"""What a stored record stands for: the Bericht it composes to, its area, and what a follow-up
refers to. The approval page, the API and the sender all compose through `bericht_van`, so what
the approver saw is what goes out; only the header time is the moment of sending.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from berichten import (
    Afzender,
    Bericht,
    BerichtSoort,
    Gebied,
    Herkomst,
    Instellingen,
    Modus,
    Variant,
    uit_geojson,
)
from berichten import compose as berichten_compose
from berichten.identificatie import cap_identifier, message_identifier
from handelingsperspectieven import Register, perspectief
from nlalert.workflow.model import BerichtRecord


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
        # `opstellen.kaart.kies` marks picked gemeenten "gemeenten"; "gemeente": older drafts.
        if eigenschappen.get("bron") in ("gemeenten", "gemeente"):
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
    identifier = cap_identifier(verzonden, modus, record.message_code, record.update_nummer)
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
    if gekozen := frozenset(inhoud.get("gsm7_spelling") or ()):
        # The communicator accepted the spelling offer for this bericht: on top of the region's.
        regio = instellingen or Instellingen()
        instellingen = replace(regio, gsm7_spelling=regio.spelling_talen | gekozen)
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
        woordenschat=woordenschat_van(inhoud),
    )


def woordenschat_van(inhoud: Mapping[str, Any]) -> dict[tuple[str, str, str], str]:
    """The reviewed vocabulary additions a stored request carries (workflow.woordenschat)."""
    uit: dict[tuple[str, str, str], str] = {}
    for rij in inhoud.get("woorden") or ():
        if isinstance(rij, list | tuple) and len(rij) == 4 and all(isinstance(d, str) for d in rij):
            veld, taal, waarde, vertaling = rij
            uit[(veld, taal, waarde.casefold())] = vertaling
    return uit


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
