"""Sending an approved bericht: plan its broadcasts, write each CBC operation down, carry it out.

`verzend` plans once (withdraw what the bericht replaces, then send each broadcast the CBC can
carry), writes the outbox rows and the broadcast rows in the same transaction as the workflow
step, and then works through the rows one by one, outside any transaction. Each outcome is stored
with its audit row. The bericht ends `verzonden` (every carried broadcast on air), `verzendfout`
(refused or unreachable: retry sends only what is left) or `onbekend` (the CBC could not say:
a retry settles it safely first). Settling after a crash is in `nlalert.herstel`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from berichten import Bericht
from berichten import Uitzending as BerichtUitzending
from nlalert.accounts.gebruikers import Gebruiker
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, NlalertError, Tekst
from nlalert.koppelingen.cbc import Antwoord, CBCClient, Uitkomst, Uitzending, herhalingen_voor
from nlalert.koppelingen.doel import Doel
from nlalert.koppelingen.profiel import OSMO_CBC_04, Bezet, CBCProfiel, draagbaar, sleutel
from nlalert.workflow import opslag, outbox, uitzendingen
from nlalert.workflow import stappen as workflow
from nlalert.workflow.kanaal import controleer_kanaal
from nlalert.workflow.outbox import Operatie, OutboxRij, RijToestand
from nlalert.workflow.stappen import BerichtRecord, Status
from nlalert.workflow.uitzendingen import Toestand, UitzendingRecord

log = logging.getLogger(__name__)

# Longer than the client's worst case (retries x 30 s read timeout + back-off): a row claimed
# longer ago than this belongs to a worker that is gone.
LEASE = timedelta(minutes=5)


class GeenVerzender(NlalertError):
    """No CBC or simulator is configured for this kind of bericht."""

    def __init__(self) -> None:
        super().__init__(N_("verzenden is nu niet mogelijk: er is geen CBC of simulator ingesteld"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Koppeling:
    """One configured CBC (or the simulator): where it is, what it can do, what it is for."""

    url: str
    doel: Doel
    profiel: CBCProfiel
    timeout: float = 30.0  # osmo-cbc may take 15 s when no cell is connected
    retries: int = 3

    def client(self) -> CBCClient:
        """A client for one batch of operations; close it after."""
        return CBCClient(
            self.url, profiel=self.profiel, timeout=(3.05, self.timeout), retries=self.retries
        )


Koppelingen = Mapping[Doel, Koppeling]
# Composes the Bericht a stored record stands for (nlalert.voorbeeld.bericht_van, bound to the app),
# reading earlier berichten through the connection it is given.
Opsteller = Callable[[BerichtRecord, sqlite3.Connection], Bericht]


def kies(koppelingen: Koppelingen, record: BerichtRecord) -> Koppeling:
    """The simulator for training berichten, the configured CBC otherwise."""
    koppeling = koppelingen.get(Doel.SIMULATOR if record.training else Doel.CBC)
    if koppeling is None:
        raise GeenVerzender()
    return koppeling


def koppeling_voor(koppelingen: Koppelingen, cbc: str) -> Koppeling:
    """The configured connection to the CBC at this URL; an unknown one gets the cautious profile."""
    for k in koppelingen.values():
        if k.url == cbc:
            return k
    return Koppeling(url=cbc, doel=Doel.CBC, profiel=OSMO_CBC_04)


def _nu() -> datetime:
    return datetime.now(UTC)


# --- planning ------------------------------------------------------------------------------


def _bezet_door(u: UitzendingRecord) -> Tekst:
    return Tekst(N_("bericht %(id)s (%(talen)s)"), id=u.bericht_id, talen="+".join(u.talen))


def bezetting(
    db: sqlite3.Connection, k: Koppeling, record: BerichtRecord, *, nu: datetime
) -> tuple[list[UitzendingRecord], list[Bezet]]:
    """What a send of `record` must withdraw first at this CBC, and which keys stay taken."""
    bestaand = uitzendingen.mogelijk_in_de_lucht(db, k.url)
    # What the follow-up replaces: whatever of its chain is on air (normally its original).
    keten = (
        {r.id for r in opslag.keten(db, record)} - {record.id}
        if record.origineel_id is not None
        else set()
    )
    intrekken = [u for u in bestaand if u.bericht_id in keten]
    if not k.profiel.sleutel_met_code:
        # A CBC keyed on the channel alone keeps an ended broadcast until it is withdrawn, and
        # would refuse the next one on that channel: clear our own ended ones first.
        intrekken += [
            u for u in bestaand if u not in intrekken and u.eindigt is not None and u.eindigt <= nu
        ]
    blijft = [u for u in bestaand if u not in intrekken and u.in_de_lucht(nu)]
    bezet = [
        Bezet(
            sleutel=sleutel(k.profiel, u.message_id, u.serienummer.message_code),
            door=_bezet_door(u),
        )
        for u in blijft
    ]
    return intrekken, bezet


def _draad(bericht: Bericht, u: BerichtUitzending, duur: timedelta) -> Uitzending:
    """The wire request for one broadcast of a Bericht."""
    return Uitzending(
        message_id=u.message_identifier,
        serial=u.serial,
        dcs=u.cb.dcs,
        page_hex=u.cb.page_hex,
        num_of_bcast=herhalingen_voor(duur.total_seconds()),
        area=bericht.gebied.to_geojson() if bericht.gebied else None,
        alert=bericht.identifier,
    )


def plan(
    db: sqlite3.Connection,
    record: BerichtRecord,
    bericht: Bericht,
    k: Koppeling,
    *,
    nu: datetime,
) -> None:
    """Write down every operation of a send (inside the caller's transaction)."""
    assert record.id is not None
    intrekken, bezet = bezetting(db, k, record, nu=nu)
    for u in intrekken:
        outbox.voeg_toe(
            db,
            bericht_id=record.id,
            uitzending_id=u.id,
            operatie=Operatie.TREK_IN,
            cbc=k.url,
            message_id=u.message_id,
            serial=u.serial,
            nu=nu,
        )
    duur = bericht.verloopt - bericht.tijd
    redenen = draagbaar(
        k.profiel,
        [(u.message_identifier, u.serial.message_code) for u in bericht.uitzendingen],
        bezet,
    )
    for b, reden in zip(bericht.uitzendingen, redenen, strict=True):
        draad = _draad(bericht, b, duur)
        controleer_kanaal(bericht.modus, draad.message_id)
        rij = uitzendingen.voeg_toe(
            db,
            bericht_id=record.id,
            cbc=k.url,
            talen=b.talen,
            uitzending=draad,
            tekst=b.tekst,
            toestand=Toestand.GEPLAND if reden is None else Toestand.NIET_MEE,
            reden=reden,
            nu=nu,
        )
        if reden is None:
            outbox.voeg_toe(
                db,
                bericht_id=record.id,
                uitzending_id=rij.id,
                operatie=Operatie.VERZEND,
                cbc=k.url,
                message_id=draad.message_id,
                serial=draad.serial.waarde,
                nu=nu,
            )


def _cap_identiteit(bericht: Bericht) -> dict[str, str]:
    """What an update or cancel must put in CAP <references>: sender, identifier, sent."""
    return {
        "identifier": bericht.identifier,
        "sender": bericht.afzender.id,
        "sent": bericht.tijd.isoformat(timespec="seconds"),
    }


def verzend(
    db: sqlite3.Connection,
    bericht_id: int,
    door: Gebruiker,
    koppelingen: Koppelingen,
    opsteller: Opsteller,
    *,
    nu: Callable[[], datetime] = _nu,
) -> BerichtRecord:
    """Send an approved bericht, or go on with one that stopped half-way; safe to repeat."""
    with transactie(db):
        oud = opslag.lees(db, bericht_id)
        k = kies(koppelingen, oud)
        origineel = None if oud.origineel_id is None else opslag.lees(db, oud.origineel_id)
        moment = nu()
        if origineel is not None and (
            ander := opslag.onderweg(db, origineel.id or 0, behalve=bericht_id)
        ):
            raise workflow.VervolgBezig(origineel.id or 0, ander)
        bezig = workflow.begin_verzending(oud, door, doel=k.doel, origineel=origineel, nu=moment)
        eerder = outbox.van_bericht(db, bericht_id)
        if not eerder:
            # First attempt (or nothing could be carried last time): plan with the text of now.
            db.execute(
                "DELETE FROM uitzendingen WHERE bericht_id = ? AND toestand = 'niet_mee'",
                (bericht_id,),
            )
            bericht = opsteller(bezig, db)
            bezig = replace(
                bezig,
                cap_identifier=bericht.identifier,
                cbc_resultaat={"cap": _cap_identiteit(bericht), "cbc": k.url},
            )
            plan(db, bezig, bericht, k, nu=moment)
        else:
            outbox.heropen(db, bericht_id)
        opslag.werk_bij(db, bezig, oud.versie)
        audit.schrijf(
            db,
            gebruiker=door.naam,
            actie=audit.Actie.VERZENDEN,
            bericht_id=bericht_id,
            inhoud=bezig.inhoud,
            details={
                "poging": bezig.verzendpogingen,
                "doel": str(k.doel),
                "cbc": k.url,
                "message_code": bezig.message_code,
                "update_nummer": bezig.update_nummer,
            },
        )
    verwerk(db, bericht_id, k, door.naam, nu=nu)
    return sluit_af(db, bericht_id, door.naam, nu=nu)


# --- carrying out ------------------------------------------------------------------------


def _voer_uit(client: CBCClient, rij: OutboxRij, u: Uitzending, andere_op_kanaal: bool) -> Antwoord:
    """One row's operation; a repeat after an unknown outcome is made safe first."""
    if rij.operatie is Operatie.TREK_IN:
        return client.trek_in(u)  # a second DELETE is harmless: 404 means gone
    if rij.toestand is RijToestand.ONBEKEND:
        houdt = client.houdt(u)
        if houdt:
            return Antwoord(
                uitkomst=Uitkomst.GEDAAN,
                uitleg=Tekst(N_("de CBC bevestigt dat de uitzending loopt")),
                bevestigd=True,
            )
        if houdt is None:
            # No GET: stop it (if it is there) and send it again. The serial number is the same,
            # so phones that already showed it drop the repeat as a duplicate.
            if andere_op_kanaal:
                return Antwoord(
                    uitkomst=Uitkomst.ONBEKEND,
                    uitleg=Tekst(
                        N_(
                            "opnieuw proberen zou een andere uitzending op kanaal %(kanaal)s"
                            " stoppen; vraag de operator of deze uitzending loopt"
                        ),
                        kanaal=u.message_id,
                    ),
                )
            gestopt = client.trek_in(u)
            if gestopt.uitkomst is not Uitkomst.GEDAAN:
                return gestopt
    return client.verzend(u)


_NA_VERZENDEN = {
    Uitkomst.GEDAAN: (RijToestand.GEDAAN, Toestand.ACTIEF),
    Uitkomst.GEWEIGERD: (RijToestand.MISLUKT, Toestand.GEWEIGERD),
    Uitkomst.NIET_BEREIKT: (RijToestand.OPEN, Toestand.GEPLAND),
    Uitkomst.ONBEKEND: (RijToestand.ONBEKEND, Toestand.ONBEKEND),
}
_NA_INTREKKEN = {
    Uitkomst.GEDAAN: (RijToestand.GEDAAN, Toestand.GESTOPT),
    Uitkomst.GEWEIGERD: (RijToestand.MISLUKT, None),
    Uitkomst.NIET_BEREIKT: (RijToestand.OPEN, None),
    Uitkomst.ONBEKEND: (RijToestand.ONBEKEND, Toestand.ONBEKEND),
}


def leg_vast(
    db: sqlite3.Connection,
    rij: OutboxRij,
    antwoord: Antwoord,
    gebruiker: str,
    *,
    nu: datetime,
    actie: audit.Actie = audit.Actie.CBC,
) -> None:
    """Store one operation's outcome, the broadcast's new state and the audit row, together."""
    tabel = _NA_VERZENDEN if rij.operatie is Operatie.VERZEND else _NA_INTREKKEN
    rij_toestand, toestand = tabel[antwoord.uitkomst]
    u = uitzendingen.lees(db, rij.uitzending_id)
    with transactie(db):
        outbox.rond_af(db, rij.id, rij_toestand, antwoord.to_dict(), nu=nu)
        if toestand is not None:
            eindigt = None
            if toestand is Toestand.ACTIEF and (duur := u.als_uitzending().duur_seconden):
                eindigt = nu + timedelta(seconds=duur)
            uitzendingen.zet(
                db,
                u.id,
                toestand,
                nu=nu,
                reden=None if toestand in (Toestand.ACTIEF, Toestand.GESTOPT) else antwoord.uitleg,
                eindigt=eindigt,
                locatie=antwoord.locatie,
            )
        audit.schrijf(
            db,
            gebruiker=gebruiker,
            actie=actie,
            bericht_id=rij.bericht_id,
            details={
                "operatie": str(rij.operatie),
                "sleutel": rij.sleutel,
                "cbc": rij.cbc,
                "bericht_van_uitzending": u.bericht_id,
                "talen": "+".join(u.talen),
                "uitkomst": str(antwoord.uitkomst),
                "uitleg": str(antwoord.uitleg),
                "http": antwoord.status,
            },
        )


def verwerk(
    db: sqlite3.Connection,
    bericht_id: int,
    k: Koppeling,
    gebruiker: str,
    *,
    nu: Callable[[], datetime] = _nu,
) -> None:
    """Work through a bericht's open rows in order: withdrawals first, then the sends."""
    with k.client() as client:
        for volgorde in [r.volgorde for r in outbox.van_bericht(db, bericht_id)]:
            rijen = outbox.van_bericht(db, bericht_id)
            rij = next(r for r in rijen if r.volgorde == volgorde)
            if rij.toestand in outbox.AFGEROND or rij.toestand is RijToestand.BEZIG:
                continue
            intrekken_klaar = all(
                r.toestand in outbox.AFGEROND for r in rijen if r.operatie is Operatie.TREK_IN
            )
            if rij.operatie is Operatie.VERZEND and not intrekken_klaar:
                continue  # the CBC would refuse it while what it replaces is still on air
            with transactie(db):
                if not outbox.claim(db, rij.id, nu=nu(), lease=LEASE):
                    continue  # another worker has it
            u = uitzendingen.lees(db, rij.uitzending_id)
            andere = any(
                o.message_id == u.message_id
                and o.id != u.id
                and (k.profiel.sleutel_met_code is False)
                and o.in_de_lucht(nu())
                for o in uitzendingen.mogelijk_in_de_lucht(db, k.url)
            )
            try:
                antwoord = _voer_uit(client, rij, u.als_uitzending(), andere)
            except Exception:
                # Never leave a row claimed by a bug: record it as unknown, and say so.
                log.exception("CBC-operatie %s van bericht %s", rij.sleutel, bericht_id)
                antwoord = Antwoord(
                    uitkomst=Uitkomst.ONBEKEND,
                    uitleg=Tekst(N_("interne fout tijdens het verzenden; de fout is vastgelegd")),
                )
            leg_vast(db, rij, antwoord, gebruiker, nu=nu())
            if antwoord.uitkomst is Uitkomst.NIET_BEREIKT and not antwoord.bevestigd:
                break  # the CBC cannot be reached: the rest would fail the same way


# --- the bericht's state from its rows ------------------------------------------------------


def _status_uit(rijen: list[OutboxRij], record: BerichtRecord) -> Status:
    if any(r.toestand is RijToestand.ONBEKEND for r in rijen):
        return Status.ONBEKEND
    verzend = [r for r in rijen if r.operatie is Operatie.VERZEND]
    if all(r.toestand in outbox.AFGEROND for r in rijen) and (
        verzend or not record.soort.zendt_uit
    ):
        return Status.VERZONDEN
    return Status.VERZENDFOUT


def _resultaat(
    db: sqlite3.Connection, record: BerichtRecord, rijen: list[OutboxRij], nu: datetime
) -> dict[str, Any]:
    assert record.id is not None
    eigen = uitzendingen.van_bericht(db, record.id)
    fouten = [
        str(Tekst.uit_json(r.uitkomst["tekst"]))
        for r in rijen
        if r.uitkomst and r.toestand not in outbox.AFGEROND and "tekst" in r.uitkomst
    ]
    if record.soort.zendt_uit and not any(r.operatie is Operatie.VERZEND for r in rijen):
        fouten.append(
            str(Tekst(N_("deze CBC kan geen van de uitzendingen nu dragen; zie de redenen")))
        )
    vorige = dict(record.cbc_resultaat or {})
    return {
        **{k: vorige[k] for k in ("cap", "cbc") if k in vorige},
        "uitzendingen": [u.to_dict(nu) for u in eigen],
        "fouten": fouten,
    }


def _laat_broers_vervallen(
    db: sqlite3.Connection, klaar: BerichtRecord, gebruiker: str, nu: datetime
) -> None:
    """Other follow-ups of the same bericht that were not sent yet have lapsed now."""
    assert klaar.origineel_id is not None
    for broer in opslag.vervolgen(db, klaar.origineel_id):
        if broer.id != klaar.id and broer.status in workflow.NOG_NIET_VERZONDEN:
            vervallen = workflow.vervallen(broer, nu=nu)
            opslag.werk_bij(db, vervallen, broer.versie)
            audit.schrijf(
                db,
                gebruiker=gebruiker,
                actie=audit.Actie.INGETROKKEN,
                bericht_id=broer.id,
                inhoud=broer.inhoud,
                details={"vervallen_door": klaar.id},
            )


def sluit_af(
    db: sqlite3.Connection,
    bericht_id: int,
    gebruiker: str,
    *,
    nu: Callable[[], datetime] = _nu,
) -> BerichtRecord:
    """Give a sending bericht the state its rows say, unless a worker is still busy with one."""
    moment = nu()
    with transactie(db):
        huidig = opslag.lees(db, bericht_id)
        rijen = outbox.van_bericht(db, bericht_id)
        if huidig.status not in (Status.VERZENDEN, Status.ONBEKEND) or any(
            r.toestand is RijToestand.BEZIG for r in rijen
        ):
            return huidig
        status = _status_uit(rijen, huidig)
        if huidig.status is Status.ONBEKEND and status is Status.ONBEKEND:
            return huidig
        eigen = uitzendingen.van_bericht(db, bericht_id)
        eindes = [u.eindigt for u in eigen if u.toestand is Toestand.ACTIEF and u.eindigt]
        klaar = workflow.verzending_klaar(
            huidig,
            status,
            resultaat=_resultaat(db, huidig, rijen, moment),
            eindigt=max(eindes) if eindes else None,
            cap_identifier=huidig.cap_identifier,
            nu=moment,
        )
        opslag.werk_bij(db, klaar, huidig.versie)
        actie = {
            Status.VERZONDEN: audit.Actie.VERZONDEN,
            Status.VERZENDFOUT: audit.Actie.VERZENDFOUT,
            Status.ONBEKEND: audit.Actie.ONBEKEND,
        }[status]
        audit.schrijf(
            db,
            gebruiker=gebruiker,
            actie=actie,
            bericht_id=bericht_id,
            inhoud=klaar.inhoud,
            details={"fouten": (klaar.cbc_resultaat or {}).get("fouten", [])},
        )
        if status is Status.VERZONDEN and klaar.origineel_id is not None:
            _laat_broers_vervallen(db, klaar, gebruiker, moment)
            origineel = opslag.lees(db, klaar.origineel_id)
            if origineel.status is Status.VERZONDEN:
                opgevolgd = workflow.opgevolgd(origineel, klaar, nu=moment)
                opslag.werk_bij(db, opgevolgd, origineel.versie)
                audit.schrijf(
                    db,
                    gebruiker=gebruiker,
                    actie=audit.Actie.VERVANGEN
                    if opgevolgd.status is Status.VERVANGEN
                    else audit.Actie.INGETROKKEN,
                    bericht_id=origineel.id,
                    inhoud=origineel.inhoud,
                    details={"door_bericht": bericht_id},
                )
    return klaar
