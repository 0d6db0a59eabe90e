"""Field vocabularies in a composed Bericht: picked values translated, free values flagged."""

from __future__ import annotations

from berichten import compose
from berichten.model import Variant
from vertalingen import TALEN

VELDEN = {"plaats": "Moerdijk", "link": "crisis.nl"}


def _tekst(b: object, taal: str) -> str:
    return next(t.tekst for t in b.talen if t.taal == taal)  # type: ignore[attr-defined]


def test_a_picked_substance_reads_in_each_language() -> None:
    b = compose("gevaarlijke-stoffen", {**VELDEN, "stof": "chloor"}, talen=list(TALEN))
    assert "Het gaat om chloor." in _tekst(b, "nl")
    assert "Es handelt sich um Chlor." in _tekst(b, "de")
    assert "chlore." in _tekst(b, "fr")
    assert "klor." in _tekst(b, "tr")
    assert "klor." in _tekst(b, "pap")
    assert not [w for w in b.waarschuwingen if w.code == "niet-vertaald"]


def test_a_value_is_recognised_whatever_its_case_or_outer_spaces() -> None:
    b = compose("gevaarlijke-stoffen", {**VELDEN, "stof": " Chloor "}, talen=["nl", "de"])
    assert "Es handelt sich um Chlor." in _tekst(b, "de")


def test_a_free_value_is_flagged_with_the_value_and_every_language() -> None:
    b = compose(
        "gevaarlijke-stoffen", {**VELDEN, "stof": "fosgeen"}, talen=["nl", "de", "fr", "tr"]
    )
    vlag = [w for w in b.waarschuwingen if w.code == "niet-vertaald"]
    assert [w.tekst for w in vlag] == ["'fosgeen' is niet vertaald in: de, fr, tr"]
    assert vlag[0].melding.sjabloon == "'%(waarde)s' is niet vertaald in: %(talen)s"
    assert [t.niet_vertaald for t in b.talen] == [(), ("fosgeen",), ("fosgeen",), ("fosgeen",)]
    assert b.talen[1].to_dict()["niet_vertaald"] == ["fosgeen"]


def test_a_dutch_only_message_has_nothing_to_flag() -> None:
    b = compose("gevaarlijke-stoffen", {**VELDEN, "stof": "fosgeen"}, talen=["nl"])
    assert not [w for w in b.waarschuwingen if w.code == "niet-vertaald"]


def test_a_free_value_not_in_the_text_is_not_flagged() -> None:
    # The short variant has no substance sentence: nothing untranslated goes out.
    b = compose(
        "gevaarlijke-stoffen",
        {**VELDEN, "stof": "fosgeen"},
        talen=["nl", "de"],
        variant=Variant.KORT,
    )
    assert not [w for w in b.waarschuwingen if w.code == "niet-vertaald"]


def test_a_reviewed_addition_translates_a_free_value() -> None:
    b = compose(
        "gevaarlijke-stoffen",
        {**VELDEN, "stof": "Fosgeen"},
        talen=["nl", "de", "fr"],
        woordenschat={("stof", "de", "fosgeen"): "Phosgen"},
    )
    assert "Es handelt sich um Phosgen." in _tekst(b, "de")
    assert [w.tekst for w in b.waarschuwingen if w.code == "niet-vertaald"] == [
        "'Fosgeen' is niet vertaald in: fr"
    ]
