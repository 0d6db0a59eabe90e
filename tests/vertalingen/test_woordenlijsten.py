"""Every field-vocabulary value in every broadcast language, tied to the catalogue."""

from __future__ import annotations

import io
import re
import tomllib
from importlib import resources

import pytest

from berichten.compose import compose
from handelingsperspectieven import woordenlijsten
from handelingsperspectieven.woordenlijsten import lees
from vertalingen import BRONTAAL, TALEN, Vertaler
from vertalingen.catalogi import lees_po
from vertalingen.woordcontrole import controleer

ANDERE = [c for c in TALEN if c != BRONTAAL]
# A category per vocabulary field, with its required fields, where the field's sentence shows.
STOFFEN = ("gevaarlijke-stoffen", {"plaats": "Moerdijk", "link": "crisis.nl"})
CATEGORIE = {"stof": STOFFEN, "wind": STOFFEN, "plek": STOFFEN}


def test_every_vocabulary_value_has_a_translation_in_every_language() -> None:
    assert controleer(woordenlijsten()) == []


def test_every_vocabulary_has_a_category_to_render_it_in() -> None:
    assert set(woordenlijsten()) <= set(CATEGORIE)


@pytest.mark.parametrize("veld", sorted(woordenlijsten()))
def test_every_value_renders_in_every_language_with_no_dutch_left(veld: str) -> None:
    categorie, velden = CATEGORIE[veld]
    for waarde in woordenlijsten()[veld].waarden:
        b = compose(categorie, {**velden, veld: waarde}, talen=list(TALEN))
        assert not [w for w in b.waarschuwingen if w.code == "niet-vertaald"], waarde
        for t in b.talen:
            if t.taal == BRONTAAL:
                continue
            woord = Vertaler(t.taal).pgettext(veld, waarde)
            assert woord and woord in t.tekst, (waarde, t.taal)
            assert not t.niet_vertaald and not t.teruggevallen, (waarde, t.taal)
            # The Dutch word is gone, unless the language's own word holds it ("asbest" in
            # Turkish, "Flüssiggas (LPG)").
            if waarde.casefold() not in woord.casefold():
                assert not re.search(rf"\b{re.escape(waarde)}\b", t.tekst, re.I), (waarde, t.taal)


def _bestand(tekst: str) -> dict[str, object]:
    return tomllib.loads(tekst)


def test_a_value_missing_in_one_language_names_the_value_and_the_language() -> None:
    lijsten = lees(
        _bestand(
            '[stof]\nzin = "Het gaat om %(stof)s."\n[stof.waarden]\nchloor = "chlorine"\nfosgeen = "phosgene"\n'
        )
    )
    bevindingen = controleer(lijsten)
    assert {(b.waarde, b.taal) for b in bevindingen} == {("fosgeen", c) for c in ANDERE}
    assert "stof 'fosgeen' in 'de': no translation" in {str(b) for b in bevindingen}


def _de_met(oud: str, nieuw: str) -> dict[str, str]:
    """The committed German catalogue with one entry changed, read as Babel reads it."""
    po = resources.files("vertalingen") / "locales" / "de" / "LC_MESSAGES" / "broadcast.po"
    tekst = po.read_text(encoding="utf-8")
    assert oud in tekst
    return lees_po(io.BytesIO(tekst.replace(oud, nieuw).encode()), "de")


def test_a_translation_missing_in_the_catalogue_names_the_value_and_the_language() -> None:
    de = _de_met('msgid "chloor"\nmsgstr "Chlor"', 'msgid "chloor"\nmsgstr ""')
    bevindingen = controleer(woordenlijsten(), ["de"], lambda code: de)
    assert [str(b) for b in bevindingen] == ["stof 'chloor' in 'de': no translation"]


def test_a_placeholder_mismatch_names_the_value_and_the_language() -> None:
    de = _de_met('msgstr "Chlor"', 'msgstr "Chlor %(plaats)s"')
    bevindingen = controleer(woordenlijsten(), ["de"], lambda code: de)
    assert [(b.waarde, b.taal) for b in bevindingen] == [("chloor", "de")]
    assert "placeholder mismatch" in str(bevindingen[0])


def test_the_sentence_losing_its_placeholder_is_named() -> None:
    de = _de_met('msgstr "Es handelt sich um %(stof)s."', 'msgstr "Es handelt sich um Stoff."')
    bevindingen = controleer(woordenlijsten(), ["de"], lambda code: de)
    assert [(b.waarde, b.taal) for b in bevindingen] == [("Het gaat om %(stof)s.", "de")]
