"""What an incident's public page shows, as values: the current message in every language, the
easy-Dutch text, the visual card per language with its alt text, the area, and the time line."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from berichten import Bericht, BerichtError, BerichtSoort, Variant, beeld
from nlalert.publiek import adressen
from nlalert.publiek.incidenten import Incident, Publicatie, zoals_verzonden
from nlalert.publiek.vastgelegd import lees as lees_vastgelegd
from vertalingen import BRONTAAL, TALEN, Vertaler, kop_datum_tijd

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Taalblok:
    """The current message in one language, with its card."""

    taal: str
    naam: str  # the language's own name
    richting: str
    kop: str  # the header (NL-Alert, date, time): shown left to right as one unit
    tekst: str  # the rest of the text
    beeld_alt: str  # the card's text: what a screen reader says for the card
    beeld_pad: str  # relative to the incident's page


@dataclass(frozen=True, slots=True, kw_only=True)
class Regel:
    """One message of the time line."""

    id: int
    tijd: datetime
    soort: BerichtSoort
    update_nummer: int
    taal: str
    richting: str
    kop: str
    tekst: str
    cap_pad: str  # relative to the tree's root
    huidig: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Pagina:
    """Everything the page shows, escaped by the template."""

    incident: Incident
    titel: str
    plaats: str
    talen: tuple[Taalblok, ...]
    eenvoudig: tuple[str, str] | None  # the easy-Dutch (B1) header and text, when Dutch is chosen
    gebied: str | None  # the area's description when there is an area to draw
    tijdlijn: tuple[Regel, ...]


def titel(b: Bericht) -> str:
    """The incident's name for lists: the Dutch (or first) what/where sentence."""
    t = next((t for t in b.talen if t.taal == BRONTAAL), b.talen[0])
    return t.wat or t.tekst[:120]


def kop_en_rest(b: Bericht, taal: str, tekst: str) -> tuple[str, str]:
    """The header (without its colon) and the rest of a text, so a page can show the header as
    one left-to-right unit, as the card does: an Arabic date keeps its right-to-left marks for
    phones, and inside a page's right-to-left paragraph those marks would tear it apart."""
    datum, klok = kop_datum_tijd(b.tijd, taal)
    kop = Vertaler(taal).vul_in("NL-Alert %(datum)s %(tijd)s:", {"datum": datum, "tijd": klok})
    if not tekst.startswith(kop):
        return "", tekst
    schoon = kop.rstrip(" :").replace("\u200f", "").replace("\u200e", "")
    return schoon, tekst[len(kop) :].lstrip()


def _variant(
    db: sqlite3.Connection, p: Publicatie, variant: Variant, talen: list[str]
) -> Bericht | None:
    try:
        return zoals_verzonden(db, p.record, variant=variant, talen=talen)
    except BerichtError:  # a variant that cannot be made must not cost the page its text
        log.exception("variant %s van bericht %s", variant, p.id)
        return None


def beeld_svg(db: sqlite3.Connection, p: Publicatie, taal: str) -> str | None:
    """The visual card of a published bericht in one of its languages (None: not one of them)."""
    if taal not in [t.taal for t in p.bericht.talen]:
        return None
    vast = lees_vastgelegd(db, p.id)
    if vast is not None and taal in vast.kaarten:
        return vast.kaarten[taal]  # the card as it was when the bericht went out
    b = _variant(db, p, Variant.BEELD, [taal])
    return None if b is None else beeld.kaart_svg(b, taal)


def pagina(db: sqlite3.Connection, incident: Incident) -> Pagina:
    """The page of an incident as it stands now."""
    h = incident.huidig
    codes = [t.taal for t in h.bericht.talen]
    kaart = _variant(db, h, Variant.BEELD, codes)
    alt = {t.taal: t.tekst for t in kaart.talen} if kaart else {}
    talen = tuple(
        Taalblok(
            taal=t.taal,
            naam=TALEN[t.taal].naam_eigen,
            richting=t.richting,
            kop=kop_en_rest(h.bericht, t.taal, t.tekst)[0],
            tekst=kop_en_rest(h.bericht, t.taal, t.tekst)[1],
            beeld_alt=alt.get(t.taal, t.tekst),
            beeld_pad=f"beeld-{t.taal}.svg",
        )
        for t in h.bericht.talen
    )
    eenvoudig = None
    if BRONTAAL in codes:
        b1 = _variant(db, h, Variant.B1, [BRONTAAL])
        eenvoudig = kop_en_rest(b1, BRONTAAL, b1.taaltekst(BRONTAAL).tekst) if b1 else None
    tijdlijn = []
    for p in incident.berichten:
        t = next((t for t in p.bericht.talen if t.taal == BRONTAAL), p.bericht.talen[0])
        tijdlijn.append(
            Regel(
                id=p.id,
                tijd=p.bericht.tijd,
                soort=p.bericht.soort,
                update_nummer=p.record.update_nummer,
                taal=t.taal,
                richting=t.richting,
                kop=kop_en_rest(p.bericht, t.taal, t.tekst)[0],
                tekst=kop_en_rest(p.bericht, t.taal, t.tekst)[1],
                cap_pad=adressen.cap_pad(p.id),
                huidig=p is h,
            )
        )
    gebied = h.bericht.gebied
    return Pagina(
        incident=incident,
        titel=titel(h.bericht),
        plaats=h.bericht.velden.get("plaats", ""),
        talen=talen,
        eenvoudig=eenvoudig,
        gebied=gebied.beschrijving if gebied else None,
        tijdlijn=tuple(tijdlijn),
    )
