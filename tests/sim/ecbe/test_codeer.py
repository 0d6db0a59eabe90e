"""The simulator encodes text into pages as a phone reads them: page by page, never splitting a
character, padded with CR, with the language on every UCS-2 page. Byte equality with `berichten`
is in tests/contract/test_sim_payload_decoded.py; here the pages are read back with sim's decoder.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.ecbe.codeer import Tekenset, codeer
from sim.ecbe.decodeer import decodeer, gsm7_uitpakken
from sim.fouten import NietInGsm7, OngeldigTeken, TeVeelPaginas


def septets(pagina: bytes) -> list[int]:
    return gsm7_uitpakken(pagina)[:93]


def test_every_gsm7_page_is_packed_on_its_own_and_padded_with_cr() -> None:
    g = codeer("a" * 100, Tekenset.GSM, "nl")
    assert len(g.paginas) == 2
    assert all(len(p) == 82 for p in g.paginas)
    assert septets(g.paginas[0]) == [0x61] * 93
    # Page 2 starts with a whole septet at bit 0, not mid-octet as osmo-cbc 0.4.0 packs it.
    assert septets(g.paginas[1]) == [0x61] * 7 + [0x0D] * 86


@pytest.mark.parametrize("teken", list("^{}\\[~]|€"))
def test_an_extension_character_never_straddles_two_pages(teken: str) -> None:
    g = codeer("a" * 92 + teken, Tekenset.GSM, "en")
    assert septets(g.paginas[0]) == [0x61] * 92 + [0x0D]  # one septet left: too small for two
    assert septets(g.paginas[1])[0] == 0x1B
    assert decodeer(g.dcs, g.paginas).paginas == ("a" * 92, teken)


def test_ucs2_with_a_language_repeats_it_on_every_page_and_holds_40_characters() -> None:
    g = codeer("ы" * 41, Tekenset.UCS2, "uk")
    assert g.dcs == 0x11
    # "u" (0x75) and "k" (0x6B) packed LSB-first: 0x75 | 0x6B << 7 in two octets.
    assert [p[:2] for p in g.paginas] == [bytes([0xF5, 0x35])] * 2
    assert g.paginas[1][2:6] == "ы".encode("utf-16-be") + b"\x00\x0d"
    gedecodeerd = decodeer(g.dcs, g.paginas)
    assert (gedecodeerd.taal, gedecodeerd.paginas) == ("uk", ("ы" * 40, "ы"))


def test_ucs2_without_a_language_is_0x48_with_41_characters_per_page() -> None:
    g = codeer("ë" * 42, Tekenset.UCS2, None)
    assert g.dcs == 0x48
    assert decodeer(g.dcs, g.paginas).paginas == ("ë" * 41, "ë")


def test_a_surrogate_pair_never_straddles_two_pages() -> None:
    g = codeer("a" * 40 + "😀", Tekenset.UCS2, None)
    assert decodeer(g.dcs, g.paginas).paginas == ("a" * 40, "😀")


def test_line_breaks_are_normalised_because_cr_is_the_padding() -> None:
    g = codeer("a\r\nb\rc", Tekenset.GSM, None)
    assert g.dcs == 0x0F
    assert decodeer(g.dcs, g.paginas).tekst == "a\nb\nc"


def test_refusals_carry_what_and_where() -> None:
    with pytest.raises(NietInGsm7) as niet:
        codeer("Zoë", Tekenset.GSM, "nl")
    assert (niet.value.teken, niet.value.positie) == ("ë", 2)
    with pytest.raises(TeVeelPaginas) as lang:
        codeer("x" * (15 * 93 + 1), Tekenset.GSM, "nl")
    assert lang.value.paginas == 16
    assert len(codeer("x" * 15 * 93, Tekenset.GSM, "nl").paginas) == 15
    with pytest.raises(OngeldigTeken):
        codeer("\ufffe", Tekenset.UCS2, None)


GSM7 = (
    "@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)
TALEN = st.sampled_from(["nl", "en", "de", "fr", "tr", "pl", "ar"]) | st.none()


@given(st.text(alphabet=GSM7, max_size=1395), TALEN)
def test_any_gsm7_text_reads_back_page_by_page(tekst: str, taal: str | None) -> None:
    try:
        g = codeer(tekst, Tekenset.GSM, taal)
    except TeVeelPaginas:
        return
    assert decodeer(g.dcs, g.paginas).tekst == tekst


# U+0000 is left out: the decoder drops trailing zero octets (osmo-cbc's fill of short pages).
UCS2 = st.characters(codec="utf-16", exclude_categories=["Cs"], exclude_characters="\ufffe\x00\r")


@given(st.text(alphabet=UCS2, max_size=620), TALEN)
def test_any_ucs2_text_reads_back_page_by_page(tekst: str, taal: str | None) -> None:
    try:
        g = codeer(tekst, Tekenset.UCS2, taal)
    except TeVeelPaginas:
        return
    gedecodeerd = decodeer(g.dcs, g.paginas)
    assert (gedecodeerd.tekst, gedecodeerd.taal) == (tekst, taal)
