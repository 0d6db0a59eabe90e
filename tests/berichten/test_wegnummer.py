"""A closed road by its number: a code the same in every language, inserted into a translated
sentence, and never flagged as untranslated Dutch."""

from __future__ import annotations

import pytest

from berichten import InvalidField, compose
from vertalingen import BRONTAAL, TALEN, Vertaler

VELDEN = {"plaats": "Moerdijk", "link": "crisis.nl"}
ZIN = "De %(weg)s is afgesloten."


def test_the_road_sentence_is_translated_with_the_code_inserted_in_every_language() -> None:
    b = compose("gevaarlijke-stoffen", {**VELDEN, "weg": "a 16"}, talen=list(TALEN))
    assert "De A16 is afgesloten." in b.taaltekst(BRONTAAL).tekst
    assert "Die A16 ist gesperrt." in b.taaltekst("de").tekst
    for t in b.talen:
        vertaald = Vertaler(t.taal).gettext(ZIN)
        assert vertaald % {"weg": "A16"} in t.tekst, t.taal
        assert t.taal == BRONTAAL or vertaald != ZIN, t.taal  # a real translation
        assert not t.niet_vertaald and not t.teruggevallen, t.taal
    assert not [w for w in b.waarschuwingen if w.code == "niet-vertaald"]


def test_the_place_type_and_the_road_each_get_their_sentence() -> None:
    b = compose(
        "brand-rook", {**VELDEN, "plek": "het station", "weg": "N3"}, talen=["nl", "en", "tr"]
    )
    assert "Het gebeurt bij het station. De N3 is afgesloten." in b.taaltekst("nl").tekst
    assert "It is happening at the railway station. The N3 is closed." in b.taaltekst("en").tekst
    assert "Olay yeri: tren istasyonu." in b.taaltekst("tr").tekst


@pytest.mark.parametrize("waarde", ["de A16", "A16 richting Breda", "Rijksweg", "A1234", "A0"])
def test_anything_but_a_road_number_is_refused(waarde: str) -> None:
    with pytest.raises(InvalidField, match="wegnummer"):
        compose("gevaarlijke-stoffen", {**VELDEN, "weg": waarde})
