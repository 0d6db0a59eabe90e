"""Sending an approved bericht: plan its broadcasts, write each CBC operation down, carry it out.

`verzend` plans once (nlalert.verzending.plan: withdraw what the bericht replaces, then send each
broadcast the CBC can carry) in the same transaction as the workflow step, and then works through
the outbox rows one by one, outside any transaction. Each outcome is stored
with its audit row. The bericht ends `verzonden` (every carried broadcast on air), `verzendfout`
(refused or unreachable: retry sends only what is left) or `onbekend` (the CBC could not say:
a retry settles it safely first). The end state is `nlalert.verzending.afronding`'s; settling after a crash
is `nlalert.verzending.herstel`'s.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from berichten import Bericht
from nlalert.accounts.gebruikers import Gebruiker
from nlalert.audit import log as audit
from nlalert.db import transactie
from nlalert.fouten import N_, Melding
from nlalert.koppelingen import Koppeling, Koppelingen, kies
from nlalert.koppelingen.cbc import CBCClient
from nlalert.koppelingen.ecbe import Uitzending
from nlalert.koppelingen.uitkomst import Antwoord, Uitkomst
from nlalert.publiek import vastleggen
from nlalert.verzending import outbox, uitzendingen
from nlalert.verzending.afronding import sluit_af
from nlalert.verzending.outbox import Operatie, OutboxRij, RijToestand
from nlalert.verzending.plan import cap_identiteit, plan
from nlalert.verzending.uitzendingen import Toestand
from nlalert.workflow import model, opslag
from nlalert.workflow import stappen as workflow
from nlalert.workflow.model import BerichtRecord

log = logging.getLogger(__name__)

# Longer than the client's worst case (retries x 30 s read timeout + back-off): a row claimed
# longer ago than this belongs to a worker that is gone.
LEASE = timedelta(minutes=5)


# Composes the Bericht a stored record stands for (nlalert.voorbeeld.bericht_van, bound to the app),
# reading earlier berichten through the connection it is given.
Opsteller = Callable[[BerichtRecord, sqlite3.Connection], Bericht]


def _nu() -> datetime:
    return datetime.now(UTC)


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
        k = kies(koppelingen, training=oud.training)
        origineel = None if oud.origineel_id is None else opslag.lees(db, oud.origineel_id)
        moment = nu()
        if origineel is not None and (
            ander := opslag.onderweg(db, origineel.id or 0, behalve=bericht_id)
        ):
            raise model.VervolgBezig(origineel.id or 0, ander)
        bezig = workflow.begin_verzending(oud, door, doel=k.doel, origineel=origineel, nu=moment)
        eerder = outbox.van_bericht(db, bericht_id)
        gepland: Bericht | None = None
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
                cbc_resultaat={"cap": cap_identiteit(bericht), "cbc": k.url},
            )
            plan(db, bezig, bericht, k, nu=moment)
            gepland = bericht
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
    if gepland is not None and not bezig.training:  # training is never public
        # Once on air, before it can be public: what went out is pinned for the public pages.
        # A crash in between leaves nothing pinned, and those pages compose it instead.
        try:
            vastleggen.leg_vast(db, bericht_id, gepland, door=door.naam)
        except Exception:  # never at the cost of closing the send
            log.exception("vastleggen van bericht %s", bericht_id)
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
                uitleg=Melding(N_("de CBC bevestigt dat de uitzending loopt")),
                bevestigd=True,
            )
        if houdt is None:
            # No GET: stop it (if it is there) and send it again. The serial number is the same,
            # so phones that already showed it drop the repeat as a duplicate.
            if andere_op_kanaal:
                return Antwoord(
                    uitkomst=Uitkomst.ONBEKEND,
                    uitleg=Melding(
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
                    uitleg=Melding(N_("interne fout tijdens het verzenden; de fout is vastgelegd")),
                )
            leg_vast(db, rij, antwoord, gebruiker, nu=nu())
            if antwoord.uitkomst is Uitkomst.NIET_BEREIKT and not antwoord.bevestigd:
                break  # the CBC cannot be reached: the rest would fail the same way
