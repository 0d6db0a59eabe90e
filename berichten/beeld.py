"""The visual card (variant `beeld`): the hazard, the place and each action as a pictogram with a
short caption, in one language, as SVG (and PNG), for people who read little or no Dutch.

The card is 1080 px wide, phone portrait (4:5) or taller when the text needs it. It is built with
lxml, so every text is XML-escaped, and the pictograms are copied in, so it needs no other file.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass
from functools import cache

import resvg_py
from lxml import etree

from berichten import tekstmaat
from berichten.model import Bericht
from berichten.modus import BerichtSoort, Modus
from handelingsperspectieven import Handelingsperspectief, perspectief, placeholders
from vertalingen import Vertaler, kop_datum_tijd
from vertalingen.pictogrammen import alt_tekst, gevaar_pictogram, pictogram_svg

SVG = "http://www.w3.org/2000/svg"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BREEDTE = 1080
HOOGTE = 1350  # the least height: a 4:5 portrait post fills a phone screen
MARGE = 60
LETTERTYPE = "DejaVu Sans, Arial, sans-serif"  # generic; nothing is downloaded
TEGEL = 170  # side of a pictogram tile: four actions still fit in 1350 px
MIN_BIJSCHRIFT = 48  # captions stay readable when the card is shown 390 px wide

ZWART = "#1A1A1A"
WIT = "#FFFFFF"
ROOD = "#C8102E"
GROEN = "#00703C"
BLAUW = "#0057B8"
GEEL = "#FFD100"
GRIJS = "#595959"

# Bidi isolates: resvg ignores `direction` (linebender/resvg#475) but honours the Unicode bidi
# controls, and browsers honour both. So on a right-to-left card each line is an isolate (RTL, or
# LTR for a Dutch fallback or a Latin place name) in an LTR text element anchored at its right end,
# which renders the same everywhere.
_LRI, _RLI, _PDI = "\u2066", "\u2067", "\u2069"


def _rechts_naar_links(tekst: str) -> bool:
    """Like HTML dir=auto: the first strong character decides, so a Dutch fallback stays LTR."""
    for c in tekst:
        soort = unicodedata.bidirectional(c)
        if soort in ("R", "AL"):
            return True
        if soort == "L":
            return False
    return True  # digits and punctuation only: follow the language


def _luminantie(kleur: str) -> float:
    """WCAG 2.x relative luminance of #RRGGBB or #RGB."""
    hexa = kleur.removeprefix("#")
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    if len(hexa) != 6:
        raise ValueError(f"geen kleur als #RRGGBB: {kleur!r}")
    kanalen = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(kleur1: str, kleur2: str) -> float:
    """WCAG 2.x contrast ratio of two colours (1 to 21); AA asks 4.5 for text."""
    licht, donker = sorted((_luminantie(kleur1), _luminantie(kleur2)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


@cache
def _pictogram(pictogram_id: str) -> etree._Element:
    # A parser of its own: lxml parsers must not be shared between threads (a web server's).
    veilig = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(pictogram_svg(pictogram_id).encode(), veilig)


@dataclass(frozen=True, slots=True)
class _Blok:
    """Wrapped text: its lines, font size and line height."""

    regels: list[str]
    grootte: int

    @property
    def regelafstand(self) -> float:
        return self.grootte * 1.2

    @property
    def hoogte(self) -> float:
        return (len(self.regels) - 1) * self.regelafstand + self.grootte * 1.15


def _blok(tekst: str, grootte: int, max_breedte: float) -> _Blok:
    return _Blok(tekstmaat.regels(tekst, grootte, max_breedte), grootte)


def _bijschrift(tekst: str, max_breedte: float) -> _Blok:
    """A caption at 56 px, or at the minimum 48 px when it would take more than three lines."""
    groot = _blok(tekst, 56, max_breedte)
    return groot if len(groot.regels) <= 3 else _blok(tekst, MIN_BIJSCHRIFT, max_breedte)


class _Tekening:
    """Lays the card out in left-to-right coordinates and mirrors x for right-to-left languages."""

    def __init__(self, rtl: bool) -> None:
        self.rtl = rtl
        self.root = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG})

    def x(self, x: float, breedte: float = 0) -> float:
        """Left edge of a box of this width, mirrored when the language is right-to-left."""
        return BREEDTE - x - breedte if self.rtl else x

    def vlak(self, naam: str, y: float, hoogte: float, kleur: str) -> etree._Element:
        """A full-width region: a group whose first child is its background."""
        g = etree.SubElement(self.root, f"{{{SVG}}}g", {"class": f"vlak vlak-{naam}"})
        _rect(g, 0, y, BREEDTE, hoogte, kleur)
        return g

    def tekst(
        self, ouder: etree._Element, blok: _Blok, x: float, top: float, kleur: str, *, vet: bool
    ) -> None:
        """One <text> per line, starting at x (the right end of the line when right-to-left)."""
        isolaat = _RLI if _rechts_naar_links(" ".join(blok.regels)) else _LRI
        for i, regel in enumerate(blok.regels):
            t = etree.SubElement(ouder, f"{{{SVG}}}text")
            t.set("x", _n(self.x(x)))
            t.set("y", _n(top + blok.grootte * 0.93 + i * blok.regelafstand))
            t.set("font-size", str(blok.grootte))
            t.set("fill", kleur)
            if vet:
                t.set("font-weight", "bold")
            if self.rtl:
                t.set("direction", "ltr")
                t.set("text-anchor", "end")
                if isolaat == _LRI:  # CLDR's RLMs order an Arabic date in RTL text, not here
                    regel = regel.replace("\u200f", "").replace("\u061c", "")
                regel = f"{isolaat}{regel}{_PDI}"
            t.text = regel

    def pictogram(
        self, ouder: etree._Element, pictogram_id: str, x: float, y: float, zijde: float, alt: str
    ) -> None:
        """A pictogram copied inline (no external reference), with its alt text in the card's
        language (the card's own role=img makes it presentational, so it is not read twice)."""
        bron = _pictogram(pictogram_id)
        nest = etree.SubElement(ouder, f"{{{SVG}}}svg", {"class": "pictogram"})
        nest.set("data-pictogram", pictogram_id)
        for naam, waarde in (
            ("x", self.x(x, zijde)),
            ("y", y),
            ("width", zijde),
            ("height", zijde),
        ):
            nest.set(naam, _n(waarde))
        nest.set("viewBox", bron.get("viewBox", "0 0 100 100"))
        nest.set("role", "img")
        nest.set("aria-label", alt)
        etree.SubElement(nest, f"{{{SVG}}}title").text = alt
        for kind in bron:
            if etree.QName(kind).localname not in ("title", "desc"):
                nest.append(copy.deepcopy(kind))

    def tegel(self, ouder: etree._Element, pictogram_id: str, x: float, y: float, alt: str) -> None:
        """A pictogram on a white rounded tile with a dark border."""
        r = _rect(ouder, self.x(x, TEGEL), y, TEGEL, TEGEL, WIT)
        r.set("rx", "24")
        r.set("stroke", ZWART)
        r.set("stroke-width", "4")
        self.pictogram(ouder, pictogram_id, x + 12, y + 12, TEGEL - 24, alt)


def _n(getal: float) -> str:
    return f"{getal:.1f}".removesuffix(".0")


def _rect(
    ouder: etree._Element, x: float, y: float, b: float, h: float, kleur: str
) -> etree._Element:
    r = etree.SubElement(ouder, f"{{{SVG}}}rect")
    for naam, waarde in (("x", x), ("y", y), ("width", b), ("height", h)):
        r.set(naam, _n(waarde))
    r.set("fill", kleur)
    return r


BINNEN = BREEDTE - 2 * MARGE  # the width between the margins
NAAST_TEGEL = BINNEN - TEGEL - 40  # the width of text beside a tile
# A map pin (64 x 72), so the place reads as a place without a word for it.
SPELD = (
    "M32 0a28 28 0 0 1 28 28c0 20-28 44-28 44S4 48 4 28A28 28 0 0 1 32 0Z"
    "m0 16a12 12 0 1 0 0 24 12 12 0 0 0 0-24Z"
)
MODUSBAND = {
    Modus.OEFENING: "OEFENING. Dit is geen echte noodsituatie.",
    Modus.TEST: "TESTBERICHT.",
}  # msgids of the broadcast template, so the band reads as the message does


@dataclass(frozen=True, slots=True, kw_only=True)
class _Inhoud:
    """What one language's card says."""

    bericht: Bericht
    p: Handelingsperspectief
    taal: str
    v: Vertaler
    gebeurtenis: str
    plaats: str


def _band(k: _Tekening, c: _Inhoud, y: float) -> float:
    """A yellow band on top for an exercise or a test; returns the y below it."""
    msgid = MODUSBAND.get(c.bericht.modus)
    if msgid is None:
        return y
    blok = _blok(c.v.gettext(msgid), 52, BINNEN)
    h = blok.hoogte + 2 * 28
    k.tekst(k.vlak("oefening", y, h, GEEL), blok, MARGE, y + 28, ZWART, vet=True)
    return y + h


def _kopkleur(bericht: Bericht) -> str:
    """Red for a warning, green once the danger is over, blue for a test."""
    if bericht.soort.beeindigt or bericht.categorie == "einde-dreiging":
        return GROEN
    return BLAUW if bericht.modus is Modus.TEST else ROOD


def _kop(k: _Tekening, c: _Inhoud, y: float) -> float:
    """The header: NL-Alert date and time, the hazard's pictogram and the event's name."""
    datum, klok = kop_datum_tijd(c.bericht.tijd, c.taal)
    # The template's header ends in a colon that introduces the text; on the card it stands alone.
    kop = c.v.vul_in("NL-Alert %(datum)s %(tijd)s:", {"datum": datum, "tijd": klok})
    kopregel = _blok(kop.rstrip(" :"), 40, BINNEN)
    naam = _blok(c.gebeurtenis, 68, NAAST_TEGEL)
    rij = max(TEGEL, naam.hoogte)
    h = 32 + kopregel.hoogte + 20 + rij + 32
    g = k.vlak("kop", y, h, _kopkleur(c.bericht))
    k.tekst(g, kopregel, MARGE, y + 32, WIT, vet=True)
    top = y + 32 + kopregel.hoogte + 20
    gevaar = gevaar_pictogram(c.bericht.categorie)
    alt = alt_tekst(gevaar, c.taal, categorie=c.bericht.categorie)
    k.tegel(g, gevaar, MARGE, top + (rij - TEGEL) / 2, alt)
    k.tekst(g, naam, MARGE + TEGEL + 40, top + (rij - naam.hoogte) / 2, WIT, vet=True)
    return y + h


def _plaats(k: _Tekening, c: _Inhoud, y: float) -> float:
    """The place with a map pin, and the what/where sentence when it says more than the header."""
    soort = c.bericht.soort
    wat_zegt_meer = soort is not BerichtSoort.ALERT or bool(placeholders(c.p.wat.je) - {"plaats"})
    wat_tekst = c.bericht.taaltekst(c.taal).wat
    wat = _blok(wat_tekst, 44, BINNEN) if wat_zegt_meer and wat_tekst else None
    plaats = _blok(c.plaats, 60, BINNEN - 64 - 24) if c.plaats else None
    if not (plaats or wat):
        return y
    h = 26 + (max(72, plaats.hoogte) + 26 if plaats else 0) + (wat.hoogte + 26 if wat else 0)
    g = k.vlak("plaats", y, h, WIT)
    top = y + 26
    if plaats:
        speld = etree.SubElement(g, f"{{{SVG}}}path", d=SPELD, fill=ZWART)
        speld.set("transform", f"translate({_n(k.x(MARGE, 64))} {_n(top)})")
        k.tekst(g, plaats, MARGE + 88, top + max(0, (72 - plaats.hoogte) / 2), ZWART, vet=True)
        top += max(72, plaats.hoogte) + 26
    if wat:
        k.tekst(g, wat, MARGE, top, ZWART, vet=False)
    return y + h


def _acties(k: _Tekening, c: _Inhoud, y: float) -> float:
    """Each action as a pictogram tile with its caption; none once the danger is over."""
    acties = () if c.bericht.soort.beeindigt else c.p.acties
    if not acties:
        return y
    blokken = [_bijschrift(c.v.gettext(a.bijschrift), NAAST_TEGEL) for a in acties]
    h = 34 + sum(max(TEGEL, b.hoogte) + 24 for b in blokken)
    g = k.vlak("acties", y, h, WIT)
    _rect(g, MARGE, y, BINNEN, 6, GRIJS)  # a rule between the place and what to do
    top = y + 34
    for actie, blok in zip(acties, blokken, strict=True):
        rij = max(TEGEL, blok.hoogte)
        k.tegel(
            g, actie.pictogram, MARGE, top + (rij - TEGEL) / 2, alt_tekst(actie.pictogram, c.taal)
        )
        k.tekst(g, blok, MARGE + TEGEL + 40, top + (rij - blok.hoogte) / 2, ZWART, vet=True)
        top += rij + 24
    return y + h


def _voet(k: _Tekening, c: _Inhoud, y: float) -> float:
    """The link at the bottom, the card at least HOOGTE tall; returns the card's height."""
    link = c.bericht.velden.get("link", "")
    voet = _blok(c.v.vul_in("Meer informatie op %(link)s.", {"link": link}), 44, BINNEN)
    voet_h = voet.hoogte + 2 * 30 if link else 0
    hoogte = max(HOOGTE, y + voet_h)
    if y + voet_h < hoogte:  # white between the actions and the footer, so the card keeps its shape
        k.vlak("leeg", y, hoogte - voet_h - y, WIT)
    if link:
        top = hoogte - voet_h
        k.tekst(k.vlak("voet", top, voet_h, ZWART), voet, MARGE, top + 30, WIT, vet=True)
    return hoogte


def kaart_svg(bericht: Bericht, taal: str) -> str:
    """The visual card of a Bericht in one of its languages, as an SVG document."""
    tt = bericht.taaltekst(taal)  # KeyError when the Bericht was not composed in this language
    p = perspectief(bericht.categorie)
    v = Vertaler(taal)
    c = _Inhoud(
        bericht=bericht,
        p=p,
        taal=taal,
        v=v,
        gebeurtenis=v.gettext(p.cap_event),
        plaats=bericht.velden.get("plaats", ""),
    )
    k = _Tekening(tt.richting == "rtl")
    root = k.root
    for naam, waarde in (
        (XML_LANG, taal),
        ("lang", taal),
        ("direction", tt.richting),
        ("role", "img"),
        ("aria-labelledby", "kaart-titel kaart-desc"),
        ("font-family", LETTERTYPE),
    ):
        root.set(naam, waarde)
    titel = etree.SubElement(root, f"{{{SVG}}}title", id="kaart-titel")
    # Event and place are two names, not a sentence, so joining them needs no translation.
    titel.text = f"{c.gebeurtenis} – {c.plaats}" if c.plaats else c.gebeurtenis
    etree.SubElement(root, f"{{{SVG}}}desc", id="kaart-desc").text = tt.tekst
    y = 0.0
    for vlak in (_band, _kop, _plaats, _acties):
        y = vlak(k, c, y)
    hoogte = _voet(k, c, y)
    root.set("width", str(BREEDTE))
    root.set("height", _n(hoogte))
    root.set("viewBox", f"0 0 {BREEDTE} {_n(hoogte)}")
    return etree.tostring(root, encoding="unicode")


def kaart_png(svg: str, breedte: int = BREEDTE) -> bytes:
    """Render a card (or any SVG) to PNG at the given width; text needs a system font (DejaVu)."""
    # No resources_dir: the card has no external references and must not load any.
    return resvg_py.svg_to_bytes(svg_string=svg, width=breedte)
