"""The visual card: every category in every language, alt text, RTL, contrast, escaping, PNG."""

from __future__ import annotations

import io
from datetime import datetime
from functools import cache

import pytest
from lxml import etree
from PIL import Image

from berichten import Bericht, BerichtSoort, Herkomst, Modus, compose
from berichten.beeld import BREEDTE, HOOGTE, MIN_BIJSCHRIFT, contrast, kaart_png, kaart_svg
from handelingsperspectieven import catalogus, perspectief, voorbeeldvelden
from vertalingen import AMSTERDAM, TALEN, Vertaler

S = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MOMENT = datetime(2026, 11, 22, 14, 30, tzinfo=AMSTERDAM)
VELDEN = {"plaats": "Moerdijk", "link": "crisis.nl"}
MODI = {
    Modus.ECHT: "",
    Modus.OEFENING: "OEFENING. Dit is geen echte noodsituatie.",
    Modus.TEST: "TESTBERICHT.",
}


@cache
def _bericht(categorie: str, modus: Modus | None = None) -> Bericht:
    p = perspectief(categorie)
    return compose(p, voorbeeldvelden(p), talen=list(TALEN), tijd=MOMENT, modus=modus)


def _kaart(bericht: Bericht, taal: str) -> etree._Element:
    return etree.fromstring(kaart_svg(bericht, taal).encode())


def _regio(kaart: etree._Element, naam: str) -> etree._Element:
    (g,) = kaart.findall(f"{S}g[@class='vlak vlak-{naam}']")
    return g


def _tekst(g: etree._Element) -> str:
    """The text of a region's lines, without the bidi isolates around right-to-left lines."""
    return " ".join((t.text or "").strip("\u2066\u2067\u2069") for t in g.findall(f"{S}text"))


@pytest.mark.parametrize("taal", list(TALEN))
@pytest.mark.parametrize("categorie", list(catalogus()))
def test_card_for_every_category_and_language(categorie: str, taal: str) -> None:
    b = _bericht(categorie)
    p = perspectief(categorie)
    kaart = _kaart(b, taal)
    assert kaart.tag == f"{S}svg"
    assert kaart.get(XML_LANG) == kaart.get("lang") == taal
    assert kaart.get("direction") == TALEN[taal].richting.value
    assert kaart.get("width") == str(BREEDTE) and float(kaart.get("height", 0)) >= HOOGTE
    titel = kaart.findtext(f"{S}title")
    assert titel is not None and Vertaler(taal).gettext(p.cap_event) in titel
    assert b.velden.get("plaats", "") in titel
    assert kaart.findtext(f"{S}desc") == b.taaltekst(taal).tekst
    acties = _regio(kaart, "acties")
    tegels = acties.findall(f"{S}svg[@class='pictogram']")
    assert [t.get("data-pictogram") for t in tegels] == [a.pictogram for a in p.acties]
    bijschriften = Vertaler(taal)
    assert _tekst(acties) == " ".join(bijschriften.gettext(a.bijschrift) for a in p.acties)
    assert all(int(t.get("font-size", 0)) >= MIN_BIJSCHRIFT for t in acties.findall(f"{S}text"))
    # Self-contained: nothing to fetch, nothing to run.
    assert not [e for e in kaart.iter() if any("href" in a for a in e.attrib)]
    assert not [e for e in kaart.iter(f"{S}script", f"{S}image", f"{S}foreignObject")]


def test_arabic_card_is_mirrored_and_right_aligned() -> None:
    b = _bericht("brand-rook")
    links, rechts = _kaart(b, "nl"), _kaart(b, "ar")
    for kaart, rtl in ((links, False), (rechts, True)):
        for tegel in _regio(kaart, "acties").findall(f"{S}svg[@class='pictogram']"):
            midden = float(tegel.get("x", 0)) + float(tegel.get("width", 0)) / 2
            assert (midden > BREEDTE / 2) is rtl
        for t in kaart.iter(f"{S}text"):
            if rtl:  # see beeld.py: an LTR element anchored at its end, holding an isolate
                assert t.get("text-anchor") == "end" and float(t.get("x", 0)) > BREEDTE / 2
                assert (t.text or "")[0] in "\u2066\u2067" and (t.text or "").endswith("\u2069")
            else:
                assert t.get("text-anchor") is None and float(t.get("x", 0)) < BREEDTE / 2


def test_contrast_follows_wcag() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#FFF", "#fff") == pytest.approx(1)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast("#777777", "#FFFFFF") < 4.5 < contrast("#767676", "#FFFFFF")
    assert contrast("#C8102E", "#FFFFFF") == contrast("#FFFFFF", "#C8102E")
    with pytest.raises(ValueError):
        contrast("red", "#FFFFFF")


@cache
def _alle_kaarten() -> list[etree._Element]:
    herkomst = Herkomst(
        identifier="X",
        sender="s",
        sent=MOMENT,
        message_identifier=4375,
        message_code=7,
        update_nummer=0,
        velden=VELDEN,
    )
    einde = compose(
        "brand-rook", VELDEN, soort=BerichtSoort.CANCEL, herkomst=herkomst, talen=["nl"]
    )
    update = compose(
        "brand-rook", VELDEN, soort=BerichtSoort.UPDATE, herkomst=herkomst, talen=["nl"]
    )
    berichten = [einde, update] + [
        _bericht(c, m)
        for c, p in catalogus().items()
        for m in Modus
        if not p.vaste_modus or p.vaste_modus == m.value
    ]
    return [_kaart(b, t.taal) for b in berichten for t in b.talen]


def test_every_text_on_every_card_meets_wcag_aa() -> None:
    for kaart in _alle_kaarten():
        in_vlak = 0
        for g in kaart.findall(f"{S}g"):
            assert "vlak" in g.get("class", "")
            achtergrond = g[0].get("fill", "")
            for t in g.findall(f"{S}text"):
                assert contrast(t.get("fill", ""), achtergrond) >= 4.5, (_tekst(g), achtergrond)
                in_vlak += 1
        # Every line of the card sits in a region, so none escapes the check (pictograms aside).
        buiten_pictogram = [
            t for t in kaart.iter(f"{S}text") if t.getparent().get("class") != "pictogram"
        ]
        assert in_vlak == len(buiten_pictogram) > 0


@pytest.mark.parametrize("modus", list(Modus))
def test_exercise_and_test_show_a_band_in_the_language(modus: Modus) -> None:
    categorie = "controlebericht" if modus is Modus.TEST else "brand-rook"
    b = _bericht(categorie, modus)
    for taal in ("nl", "de", "ar"):
        kaart = _kaart(b, taal)
        banden = kaart.findall(f"{S}g[@class='vlak vlak-oefening']")
        if not MODI[modus]:
            assert banden == []
            continue
        assert _tekst(banden[0]) == Vertaler(taal).gettext(MODI[modus])
        assert list(kaart).index(banden[0]) < list(kaart).index(_regio(kaart, "kop"))


def test_all_clear_card_has_no_actions_and_says_so() -> None:
    kaart = next(k for k in _alle_kaarten() if "onder controle" in (k.findtext(f"{S}desc") or ""))
    assert not kaart.findall(f"{S}g[@class='vlak vlak-acties']")
    assert "onder controle" in _tekst(_regio(kaart, "plaats"))


def test_markup_in_a_field_is_escaped() -> None:
    aanval = "<script>alert(1)</script>"
    b = compose("brand-rook", {"plaats": aanval, "link": "crisis.nl"}, tijd=MOMENT, talen=["nl"])
    svg = kaart_svg(b, "nl")
    assert "<script" not in svg and "&lt;script&gt;" in svg
    kaart = etree.fromstring(svg.encode())
    assert not list(kaart.iter(f"{S}script"))
    assert aanval in (kaart.findtext(f"{S}title") or "")
    assert aanval in _tekst(_regio(kaart, "plaats")).replace(" ", "")  # wrapped, not lost


def test_png_decodes_at_the_card_size() -> None:
    svg = kaart_svg(_bericht("brand-rook"), "nl")
    hoogte = float(etree.fromstring(svg.encode()).get("height", 0))
    for breedte in (BREEDTE, 540):
        beeld = Image.open(io.BytesIO(kaart_png(svg, breedte)))
        assert beeld.format == "PNG"
        assert beeld.size == (breedte, round(hoogte * breedte / BREEDTE))


def test_png_draws_text() -> None:
    """A PNG without text would fail silently: it needs a system font (Debian fonts-dejavu-core)."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">'
        '<rect width="400" height="100" fill="#FFFFFF"/>'
        '<text x="10" y="70" font-size="60" font-family="DejaVu Sans, Arial, sans-serif">'
        "NL-Alert</text></svg>"
    )
    beeld = Image.open(io.BytesIO(kaart_png(svg, 400))).convert("L")
    donkerste, _ = beeld.getextrema()
    assert isinstance(donkerste, int) and donkerste < 100  # some dark pixels: the letters
