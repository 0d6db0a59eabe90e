"""GSM-7 spelling: the project's table, the policy per language, and what a broadcast carries."""

from __future__ import annotations

import tomllib
from datetime import datetime
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berichten import Instellingen, compose, decode, encode
from berichten.errors import InvalidCombination
from berichten.gsm7 import gsm7_spelling, is_gsm7, spellingtabel
from berichten.paginas import pagina_telling
from berichten.spelling import (
    BELEID,
    Beleid,
    SpellingNietToegestaan,
    beleid,
    controleer,
    spel,
    standaard_talen,
)
from vertalingen import TALEN

BASIC = (
    "@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)  # GSM-7 without CR, which `encode` turns into a line break
TABEL = "".join(spellingtabel())
STOFFEN = {"plaats": "Moerdijk", "stof": "chloor", "link": "crisis.nl"}


def _groepen() -> dict[str, dict[str, str]]:
    with (resources.files("berichten") / "spelling.toml").open("rb") as f:
        return tomllib.load(f)


def test_table_spells_only_characters_outside_gsm7_into_gsm7() -> None:
    tabel = spellingtabel()
    assert tabel, "the table is empty"
    for teken, spelling in tabel.items():
        assert not is_gsm7(teken), f"{teken!r} is GSM-7 and must stay as it is"
        assert spelling and is_gsm7(spelling), f"{teken!r} -> {spelling!r} is not GSM-7"


def test_no_character_is_in_two_groups_of_the_table() -> None:
    gezien: dict[str, str] = {}
    for groep, tekens in _groepen().items():
        for teken in tekens:
            assert teken not in gezien, f"{teken!r} in both {gezien[teken]} and {groep}"
            gezien[teken] = groep


@pytest.mark.parametrize(
    ("teken", "spelling"),
    [
        ("ê", "e"),
        ("â", "a"),
        ("î", "i"),
        ("ô", "o"),
        ("û", "u"),
        ("ç", "c"),
        ("ë", "e"),
        ("ï", "i"),
        ("œ", "oe"),
        ("á", "a"),
        ("í", "i"),
        ("ı", "i"),  # no Unicode decomposition: only our table knows it
        ("İ", "I"),
        ("ş", "s"),
        ("ğ", "g"),
        ("ł", "l"),  # no Unicode decomposition either
        ("Ł", "L"),
        ("ą", "a"),
        ("ż", "z"),
        ("\u2019", "'"),
        ("\u00a0", " "),
        ("\u202f", " "),
    ],
)
def test_table_entries(teken: str, spelling: str) -> None:
    assert spellingtabel()[teken] == spelling
    assert gsm7_spelling(f"a{teken}b") == f"a{spelling}b"


@pytest.mark.parametrize("teken", ["é", "è", "É", "à", "ù", "ö", "ü", "ä", "Ö", "Ü", "Ç", "ñ"])
def test_letters_that_gsm7_has_stay(teken: str) -> None:
    # GSM-7 has the capital C-cedilla only (0x09); the small one is spelled.
    assert is_gsm7(teken) and teken not in spellingtabel()
    assert gsm7_spelling(teken) == teken


def test_small_c_cedilla_is_not_gsm7_but_capital_is() -> None:
    assert is_gsm7("Ç") and not is_gsm7("ç")


def test_policy_per_language() -> None:
    assert set(BELEID) == set(TALEN), "every broadcast language needs a spelling policy"
    assert standaard_talen() == {"fr", "pap"}
    assert beleid("tr") is beleid("pl") is Beleid.AANBOD
    assert beleid("ar") is beleid("uk") is Beleid.NOOIT
    assert beleid("xx") is Beleid.NOOIT


@pytest.mark.parametrize("taal", ["ar", "uk", "xx"])
def test_arabic_ukrainian_and_unknown_languages_are_never_spelled(taal: str) -> None:
    assert spel("Fermez les fenêtres\u2019", taal, aan=True) is None
    with pytest.raises(SpellingNietToegestaan) as fout:
        controleer(["fr", taal])
    assert fout.value.parameters["taal"] == taal
    with pytest.raises(InvalidCombination):
        Instellingen(gsm7_spelling=frozenset({taal}))


def test_spelling_is_used_only_when_it_saves_a_page() -> None:
    s = spel("Fermez portes et fenêtres.", "fr", aan=True)
    assert s is not None and s.paginas_voor == s.paginas_na == 1
    assert not s.toegepast and s.tekst == "Fermez portes et fenêtres."
    lang = "Fermez portes et fenêtres. " * 3
    s = spel(lang, "fr", aan=True)
    assert s is not None and (s.paginas_voor, s.paginas_na) == (3, 1)
    assert s.toegepast and s.tekst == lang.replace("ê", "e") and s.bespaart == 2
    uit = spel(lang, "fr", aan=False)
    assert uit is not None and uit.aanbod and not uit.toegepast and uit.tekst == lang


def test_gsm7_text_has_nothing_to_spell() -> None:
    assert spel("Sluit ramen en deuren.", "nl", aan=True) is None


@given(
    st.text(alphabet=st.sampled_from(BASIC + TABEL) | st.characters(), max_size=300),
    st.sampled_from(sorted(TALEN)),
    st.booleans(),
)
def test_spelled_text_never_has_more_pages(tekst: str, taal: str, aan: bool) -> None:
    tekst = tekst.replace("\r", "\n")
    voor = pagina_telling(tekst, taal)[1]
    s = spel(tekst, taal, aan=aan)
    na = voor if s is None else pagina_telling(s.tekst, taal)[1]
    assert na <= voor
    if s is not None:
        assert s.paginas == na and s.bespaart == max(0, voor - s.paginas_na)


@given(
    st.text(alphabet=st.sampled_from(BASIC + TABEL), max_size=300),
    st.sampled_from(["nl", "fr", "pap", "tr", "pl", "de", "en"]),
)
def test_spelled_text_is_gsm7_and_decodes_to_itself(tekst: str, taal: str) -> None:
    gespeld = gsm7_spelling(tekst)
    assert is_gsm7(gespeld)
    cb = encode(gespeld, taal)
    assert cb.encoding == "gsm7"
    assert decode(cb.pages, cb.dcs) == gespeld


def test_french_hazardous_substances_falls_from_six_to_three_pages(moment: datetime) -> None:
    b = compose("gevaarlijke-stoffen", STOFFEN, talen=["fr"], tijd=moment)
    t = b.taaltekst("fr")
    assert t.spelling is not None and t.spelling.toegepast
    assert (t.spelling.paginas_voor, t.spelling.paginas_na) == (6, 3)
    assert "fenêtres" in t.tekst and "fenetres" in t.uitzendtekst
    assert t.cb.encoding == "gsm7" and len(t.cb.pages) == 3
    assert decode(t.cb.pages, t.cb.dcs) == t.uitzendtekst == b.tekst
    assert b.uitzendingen[0].tekst == t.uitzendtekst
    assert any(w.code == "spelling" and w.taal == "fr" for w in b.waarschuwingen)

    uit = Instellingen(gsm7_spelling=frozenset())
    b = compose("gevaarlijke-stoffen", STOFFEN, talen=["fr"], tijd=moment, instellingen=uit)
    t = b.taaltekst("fr")
    assert t.cb.encoding == "ucs2" and len(t.cb.pages) == 6
    assert t.uitzendtekst == t.tekst and "fenêtres" in b.tekst


def test_turkish_is_offered_with_its_saving_and_spelled_when_the_region_says(
    moment: datetime,
) -> None:
    b = compose("gevaarlijke-stoffen", STOFFEN, talen=["nl", "tr"], tijd=moment)
    t = b.taaltekst("tr")
    assert t.spelling is not None and t.spelling.aanbod and t.cb.encoding == "ucs2"
    aanbod = [w for w in b.waarschuwingen if w.code == "spelling-aanbod" and w.taal == "tr"]
    assert len(aanbod) == 1
    assert f"{t.spelling.paginas_voor} op {t.spelling.paginas_na}" in aanbod[0].tekst
    assert not any(w.code == "ucs2" and w.taal == "tr" for w in b.waarschuwingen)

    aan = Instellingen(gsm7_spelling=frozenset({"tr"}))
    b = compose("gevaarlijke-stoffen", STOFFEN, talen=["nl", "tr"], tijd=moment, instellingen=aan)
    t = b.taaltekst("tr")
    assert t.cb.encoding == "gsm7" and "ı" not in t.uitzendtekst and "ı" in t.tekst
    assert b.uitzendingen[1].tekst == t.uitzendtekst


@pytest.mark.parametrize("taal", ["ar", "uk"])
def test_arabic_and_ukrainian_broadcasts_carry_no_spelling(taal: str, moment: datetime) -> None:
    b = compose("gevaarlijke-stoffen", STOFFEN, talen=[taal], tijd=moment)
    assert b.taaltekst(taal).spelling is None and b.cb.encoding == "ucs2"


def test_dutch_and_english_in_one_broadcast_are_spelled_only_when_both_parts_may_be(
    moment: datetime,
) -> None:
    velden = {"plaats": "Kruïsstraat", "stof": "chloor", "link": "crisis.nl"}
    b = compose("gevaarlijke-stoffen", velden, tijd=moment)
    assert "Kruïsstraat" in b.tekst and len(b.cb.pages) == 9  # Dutch is offered, not spelled
    alleen_nl = Instellingen(gsm7_spelling=frozenset({"nl"}))
    b = compose("gevaarlijke-stoffen", velden, tijd=moment, instellingen=alleen_nl)
    assert b.cb.encoding == "ucs2" and len(b.cb.pages) == 9  # the English part keeps its ï
    beide = Instellingen(gsm7_spelling=frozenset({"nl", "en"}))
    b = compose("gevaarlijke-stoffen", velden, tijd=moment, instellingen=beide)
    assert "Kruïsstraat" not in b.tekst and b.tekst.count("Kruisstraat") == 2
    assert b.cb.encoding == "gsm7" and len(b.cb.pages) == 4
    assert decode(b.cb.pages, b.cb.dcs) == b.tekst
    # CAP and the checks read the language as written.
    assert "Kruïsstraat" in b.taaltekst("nl").tekst and b.volledigheid.wat_waar.ok
