"""The pictograms: one per action in the catalogue, each a clean, self-contained SVG."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from lxml import etree

from berichten.beeld import contrast
from handelingsperspectieven import acties, catalogus
from vertalingen import BRONTAAL, TALEN
from vertalingen import pictogrammen as picto

S = "{http://www.w3.org/2000/svg}"
PALET = {"#1A1A1A", "#C8102E", "#00703C", "#0057B8", "#C2410C", "#595959", "#FFFFFF"}


def test_every_action_has_a_pictogram() -> None:
    ontbrekend = {a: acties()[a].pictogram for a in picto.ontbrekende_pictogrammen()}
    assert not ontbrekend, f"actions without vertalingen/pictogrammen/<id>.svg: {ontbrekend}"


def test_a_missing_pictogram_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    weg = acties()["ga-naar-binnen"].pictogram
    zonder = picto.pictogrammen() - {weg}
    monkeypatch.setattr(picto, "pictogrammen", lambda: zonder)
    assert "ga-naar-binnen" in picto.ontbrekende_pictogrammen()


@pytest.mark.parametrize("pictogram_id", sorted(picto.pictogrammen()))
def test_pictogram_is_a_clean_titled_svg(pictogram_id: str) -> None:
    svg = etree.fromstring(picto.pictogram_svg(pictogram_id).encode())
    assert svg.tag == f"{S}svg" and svg.get("viewBox") == "0 0 100 100"
    assert (svg.findtext(f"{S}title") or "").strip()
    for e in svg.iter():
        assert not isinstance(e.tag, str) or etree.QName(e).localname not in ("script", "image")
        assert not any(a.endswith("href") or a == "id" for a in e.attrib), e.attrib
    kleuren = {
        k.upper()
        for k in re.findall(
            r'(?:fill|stroke)="(#[0-9A-Fa-f]{6})"', picto.pictogram_svg(pictogram_id)
        )
    }
    assert kleuren <= PALET, kleuren - PALET
    # Non-text contrast (WCAG 1.4.11): every shape colour stands out from the white tile.
    assert all(contrast(k, "#FFFFFF") >= 3 for k in kleuren - {"#FFFFFF"})


def test_every_category_has_its_hazard_or_the_warning_triangle() -> None:
    for categorie in catalogus():
        assert picto.gevaar_pictogram(categorie) in picto.pictogrammen()
    assert picto.gevaar_pictogram("bestaat-niet") == picto.ALGEMEEN


@pytest.mark.parametrize("slecht", ["bestaat-niet", "../talen", "Veilig", ""])
def test_unknown_or_unsafe_id_is_refused(slecht: str) -> None:
    with pytest.raises(picto.OnbekendPictogram):
        picto.pictogram_svg(slecht)


def test_licence_is_recorded() -> None:
    licentie = resources.files("vertalingen") / "pictogrammen" / "LICENTIE.md"
    assert "EUPL-1.2" in licentie.read_text(encoding="utf-8")


@pytest.mark.parametrize("taal", [t for t in TALEN if t != BRONTAAL])
def test_every_pictogram_has_an_alt_text_translated_into_every_language(taal: str) -> None:
    # What a card's pictograms say to a screen reader: each action's caption, each category's
    # hazard by its event; translated, never the Dutch left standing.
    for a in acties().values():
        vertaald = picto.alt_tekst(a.pictogram, taal)
        assert vertaald.strip() and vertaald != picto.alt_tekst(a.pictogram, BRONTAAL), a.id
    for c in catalogus():
        gevaar = picto.gevaar_pictogram(c)
        vertaald = picto.alt_tekst(gevaar, taal, categorie=c)
        assert vertaald.strip(), c
        assert vertaald != picto.alt_tekst(gevaar, BRONTAAL, categorie=c), c


def test_alt_text_is_the_caption_or_the_event_and_nothing_else() -> None:
    assert picto.alt_tekst("bel-112", "en") == "Call 112"
    assert (
        picto.alt_tekst("gevaar-brand-rook", "nl", categorie="brand-rook") == "Brand met veel rook"
    )
    with pytest.raises(picto.OnbekendPictogram):
        picto.alt_tekst("gevaar-brand-rook", "nl")  # a hazard needs its category
