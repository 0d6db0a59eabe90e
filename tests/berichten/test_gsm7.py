"""GSM 03.38 alphabet: membership, septet cost, escape handling, packing and UCS-2 culprits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berichten.errors import BerichtError
from berichten.gsm7 import (
    Culprit,
    NotGsm7,
    decode_septets,
    encode_septets,
    gsm7_spelling,
    is_gsm7,
    pack_septets,
    septet_count,
    ucs2_culprits,
    unpack_septets,
)

EXTENSION_CHARS = "^{}\\[~]|€"
BASIC_CHARS = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
gsm7_texts = st.text(alphabet=st.sampled_from(BASIC_CHARS + EXTENSION_CHARS))
septet_lists = st.lists(st.integers(min_value=0, max_value=0x7F))


def test_basic_alphabet_has_127_characters_besides_the_escape() -> None:
    assert len(set(BASIC_CHARS)) == 127
    assert is_gsm7(BASIC_CHARS)
    assert septet_count(BASIC_CHARS) == 127


def test_dutch_accents_in_gsm7_but_trema_e_and_i_are_not() -> None:
    assert is_gsm7("é è ä ö ü É Ä Ö Ü")
    assert not is_gsm7("ë")
    assert not is_gsm7("ï")
    assert not is_gsm7("\x1b")  # the escape is machinery, not a character of a text


@pytest.mark.parametrize("ch", list(EXTENSION_CHARS))
def test_extension_characters_cost_two_septets(ch: str) -> None:
    assert is_gsm7(ch)
    assert septet_count(ch) == 2
    assert encode_septets(ch)[0] == 0x1B


def test_euro_is_escape_then_0x65() -> None:
    assert encode_septets("€") == [0x1B, 0x65]
    assert septet_count("10 €") == 5


def test_encoding_a_non_gsm7_character_names_it() -> None:
    with pytest.raises(NotGsm7) as info:
        encode_septets("Drieënhuizen")
    assert (info.value.teken, info.value.positie) == ("ë", 4)
    assert isinstance(info.value, BerichtError)


@given(gsm7_texts)
def test_septets_round_trip(text: str) -> None:
    septets = encode_septets(text)
    assert len(septets) == septet_count(text)
    assert decode_septets(septets) == text


def test_hellohello_packs_to_the_wellknown_vector() -> None:
    assert pack_septets(encode_septets("hellohello")).hex() == "e8329bfd4697d9ec37"
    assert decode_septets(unpack_septets(bytes.fromhex("e8329bfd4697d9ec37"), 10)) == "hellohello"


def test_93_septets_fill_82_octets() -> None:
    assert len(pack_septets([0x0D] * 93)) == 82


@given(septet_lists)
def test_pack_round_trip(septets: list[int]) -> None:
    packed = pack_septets(septets)
    assert len(packed) == (7 * len(septets) + 7) // 8
    assert unpack_septets(packed, len(septets)) == septets


def test_pack_rejects_values_above_seven_bits() -> None:
    with pytest.raises(ValueError):
        pack_septets([0x80])


def test_unpack_rejects_more_septets_than_the_octets_hold() -> None:
    with pytest.raises(ValueError):
        unpack_septets(b"\x00" * 7, 9)


def test_decode_unknown_extension_code_shows_the_default_character() -> None:
    assert decode_septets([0x1B, 0x41]) == "A"
    assert decode_septets([0x1B, 0x0A]) == "\f"
    assert decode_septets([0x41, 0x1B]) == "A "


def test_form_feed_is_decoded_but_reported_as_culprit() -> None:
    assert not is_gsm7("\f")
    assert ucs2_culprits("a\fb") == (Culprit(teken="\f", positie=1, voorstel=" "),)


@pytest.mark.parametrize(
    ("teken", "voorstel"),
    [
        ("ë", "e"),
        ("ï", "i"),
        ("Ë", "E"),
        ("ç", "c"),
        ("ĳ", "ij"),
        ("\u2019", "'"),
        ("\u2018", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u2013", "-"),
        ("\u2014", "-"),
        ("\u2026", "..."),
        ("\u00a0", " "),
        ("\t", " "),
        ("😀", ""),
        ("ب", ""),
        ("ї", ""),
    ],
)
def test_culprit_proposals(teken: str, voorstel: str) -> None:
    assert ucs2_culprits(f"x{teken}y") == (Culprit(teken=teken, positie=1, voorstel=voorstel),)


def test_culprits_in_order_with_positions() -> None:
    culprits = ucs2_culprits("Ga naar de Kruïsstraat – het is “veilig”.")
    assert [(c.teken, c.positie, c.voorstel) for c in culprits] == [
        ("ï", 14, "i"),
        ("\u2013", 23, "-"),
        ("\u201c", 32, '"'),
        ("\u201d", 39, '"'),
    ]
    assert culprits[0].to_dict() == {"teken": "ï", "positie": 14, "voorstel": "i"}


def test_gsm7_text_has_no_culprits() -> None:
    assert ucs2_culprits("Blijf binnen. Sluit ramen en deuren. €5 {x}") == ()


def test_gsm7_spelling_applies_every_proposal() -> None:
    spelled = gsm7_spelling("“Drieën” – kom… niet\u00a0buiten")
    assert spelled == '"Drieen" - kom... niet buiten'
    assert is_gsm7(spelled)


def test_gsm7_spelling_keeps_characters_without_proposal() -> None:
    assert gsm7_spelling("ابق ë") == "ابق e"


@given(st.text())
def test_spelling_changes_exactly_the_culprits_with_a_proposal(text: str) -> None:
    spelled = gsm7_spelling(text)
    for culprit in ucs2_culprits(text):
        assert culprit.voorstel == "" or is_gsm7(culprit.voorstel)
    if all(c.voorstel for c in ucs2_culprits(text)):
        assert is_gsm7(spelled)
