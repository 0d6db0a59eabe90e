"""Every text on every visual card meets WCAG AA contrast (4.5:1) against what is behind it.

The colour pairs are read from the SVG the code produces, for every category in every language,
in every mode (real, exercise, test) and kind (alert, update, cancel, all-clear), so a new colour
or a new region cannot slip past. A line of the card sits in a region (`g.vlak`) whose first child
is its background. A text inside a pictogram (the '112' on a phone, '3 min' on a pot) sits on its
white tile or on a shape the pictogram drew before it: which one is read off a rendering of the
tile and those earlier shapes, under the text's box.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import pytest
import resvg_py
from lxml import etree
from PIL import Image

from berichten import BerichtSoort, Herkomst, Modus, compose
from berichten.beeld import contrast, kaart_svg
from handelingsperspectieven import catalogus, voorbeeldvelden
from vertalingen import AMSTERDAM, TALEN

S = "{http://www.w3.org/2000/svg}"
MOMENT = datetime(2026, 11, 22, 14, 30, tzinfo=AMSTERDAM)
AA = 4.5


@dataclass(frozen=True, slots=True, kw_only=True)
class Paar:
    """One text colour on one background, and where it was seen first."""

    tekst: str
    achtergrond: str
    bron: str  # the region (vlak-kop, ...) or the pictogram
    waar: str


def _kaarten() -> list[tuple[str, etree._Element]]:
    """Every card the code makes: category x mode x language, plus the follow-up kinds."""
    uit: list[tuple[str, etree._Element]] = []
    for categorie, p in catalogus().items():
        velden = voorbeeldvelden(p)
        for modus in Modus:
            if p.vaste_modus and p.vaste_modus != modus.value:
                continue
            b = compose(p, velden, talen=list(TALEN), tijd=MOMENT, modus=modus)
            herkomst = Herkomst.van(b)
            vervolg = [
                compose(p, velden, soort=s, herkomst=herkomst, talen=["nl", "ar"], modus=modus)
                for s in (BerichtSoort.UPDATE, BerichtSoort.CANCEL)
            ]
            for bericht in (b, *vervolg):
                for t in bericht.talen:
                    svg = etree.fromstring(kaart_svg(bericht, t.taal).encode())
                    uit.append((f"{categorie}/{modus}/{bericht.soort}/{t.taal}", svg))
    return uit


def _kleur(e: etree._Element) -> str:
    kleur = e.get("fill")
    assert kleur and kleur.startswith("#"), f"text without an explicit #RRGGBB fill: {e.text!r}"
    return kleur


@cache
def _achter_pictogramtekst(pictogram: bytes, index: int, tegel: str) -> frozenset[str]:
    """The colours under text number `index` of a pictogram on its tile: the tile and the shapes
    drawn before the text, rendered, sampled over the text's box."""
    bron = etree.fromstring(pictogram)
    teksten = list(bron.iter(f"{S}text"))
    tekst = teksten[index]
    # Keep what is painted before the text: drop the text and all that follows it in document
    # order (none of which is its ancestor).
    kaal = copy.deepcopy(bron)
    alle = list(kaal.iter())
    vanaf = alle.index(list(kaal.iter(f"{S}text"))[index])
    for e in alle[vanaf:]:
        ouder = e.getparent()
        if ouder is not None:
            ouder.remove(e)
    achtergrond = etree.SubElement(kaal, f"{S}rect", x="-1000", y="-1000", width="3000")
    achtergrond.set("height", "3000")
    achtergrond.set("fill", tegel)
    kaal.remove(achtergrond)
    kaal.insert(0, achtergrond)
    zijde = 400
    kaal.set("width", str(zijde))
    kaal.set("height", str(zijde))
    png = resvg_py.svg_to_bytes(svg_string=etree.tostring(kaal, encoding="unicode"), width=zijde)
    beeld = Image.open(io.BytesIO(bytes(png))).convert("RGB")
    x0, y0, w, _ = (float(v) for v in bron.get("viewBox", "0 0 100 100").split())
    schaal = zijde / w
    grootte = float(tekst.get("font-size", "16"))
    breedte = len((tekst.text or "").strip()) * grootte * 0.6
    anker = tekst.get("text-anchor", "start")
    x = float(tekst.get("x", "0"))
    links = x - breedte / 2 if anker == "middle" else x - breedte if anker == "end" else x
    onder = float(tekst.get("y", "0"))
    kleuren = set()
    for i in range(7):
        for j in range(5):
            px = links + breedte * i / 6
            py = onder - grootte * 0.7 * j / 4
            punt = (
                min(zijde - 1, max(0, round((px - x0) * schaal))),
                min(zijde - 1, max(0, round((py - y0) * schaal))),
            )
            r, g, b = beeld.getpixel(punt)  # type: ignore[misc]
            kleuren.add(f"#{r:02X}{g:02X}{b:02X}")
    return frozenset(kleuren)


def _paren(waar: str, kaart: etree._Element) -> list[Paar]:
    paren = []
    for g in kaart.findall(f"{S}g"):
        assert "vlak" in g.get("class", ""), "every part of the card is a region with a background"
        achtergrond = _kleur(g[0])
        for t in g.findall(f"{S}text"):
            paren.append(
                Paar(
                    tekst=_kleur(t),
                    achtergrond=achtergrond,
                    bron=g.get("class", ""),
                    waar=f"{waar} {t.text!r}",
                )
            )
        for nest in g.findall(f"{S}svg"):
            tegel = nest.getprevious()
            assert tegel is not None and tegel.tag == f"{S}rect", "a pictogram sits on its tile"
            bron = etree.tostring(nest)
            for i, t in enumerate(nest.iter(f"{S}text")):
                for achter in _achter_pictogramtekst(bron, i, _kleur(tegel)):
                    paren.append(
                        Paar(
                            tekst=_kleur(t),
                            achtergrond=achter,
                            bron=f"pictogram {nest.get('data-pictogram')}",
                            waar=f"{waar} pictogram {nest.get('data-pictogram')} {t.text!r}",
                        )
                    )
    return paren


@cache
def _alle_paren() -> dict[tuple[str, str, str], Paar]:
    """Every distinct (text, background, region or pictogram) on every card, with where it was
    seen first."""
    alle: dict[tuple[str, str, str], Paar] = {}
    for waar, kaart in _kaarten():
        # Nothing escapes: every text is a line of a region or a text in a pictogram.
        in_vlak = kaart.findall(f"{S}g/{S}text") + kaart.findall(f"{S}g/{S}svg//{S}text")
        assert len(in_vlak) == len(list(kaart.iter(f"{S}text"))) > 0, waar
        for p in _paren(waar, kaart):
            alle.setdefault((p.tekst.upper(), p.achtergrond.upper(), p.bron), p)
    return alle


def test_every_text_colour_on_every_card_meets_aa() -> None:
    paren = _alle_paren()
    te_laag = [
        f"{p.tekst} op {p.achtergrond}: {contrast(p.tekst, p.achtergrond):.2f}:1 ({p.waar})"
        for p in paren.values()
        if contrast(p.tekst, p.achtergrond) < AA
    ]
    assert not te_laag, "\n".join(te_laag)


def test_the_pairs_cover_every_region_and_the_pictogram_texts() -> None:
    paren = {(p.tekst, p.achtergrond) for p in _alle_paren().values()}
    bronnen = {(p.bron, p.tekst, p.achtergrond) for p in _alle_paren().values()}
    # White on the red, green and blue headers and the black footer; black on the yellow band
    # and on white; white '3 min' on the dark pot.
    for tekst, achtergrond in (
        ("#FFFFFF", "#C8102E"),
        ("#FFFFFF", "#00703C"),
        ("#FFFFFF", "#0057B8"),
        ("#FFFFFF", "#1A1A1A"),
        ("#1A1A1A", "#FFD100"),
        ("#1A1A1A", "#FFFFFF"),
    ):
        assert (tekst, achtergrond) in paren, (tekst, achtergrond)
    assert ("pictogram water-koken", "#FFFFFF", "#1A1A1A") in bronnen
    assert ("pictogram bel-112", "#C8102E", "#FFFFFF") in bronnen


@pytest.mark.parametrize(
    ("pictogram", "verwacht"),
    [("water-koken", "#1A1A1A"), ("bel-112", "#FFFFFF"), ("112-alleen-levensgevaar", "#FFFFFF")],
)
def test_the_background_of_a_pictogram_text_is_what_is_drawn_under_it(
    pictogram: str, verwacht: str
) -> None:
    from vertalingen.pictogrammen import pictogram_svg

    achter = _achter_pictogramtekst(pictogram_svg(pictogram).encode(), 0, "#FFFFFF")
    assert achter == {verwacht}
