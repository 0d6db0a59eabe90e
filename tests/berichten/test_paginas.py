"""Cell-broadcast page packing: round trips, exact page boundaries, DCS and language indication."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from berichten.dcs import UnsupportedDcs, dcs_info, dcs_voor, iso639_1
from berichten.errors import BerichtTooLong, InvalidField
from berichten.gsm7 import (
    encode_septets,
    is_gsm7,
    pack_septets,
    septet_count,
    unpack_septets,
)
from berichten.paginas import CBPaginas, decode, encode, pagina_telling
from tests.berichten.test_gsm7 import BASIC_CHARS, EXTENSION_CHARS

TEST_MESSAGE_2022 = (
    "NL-Alert 13-06-2022 12:00: TESTBERICHT. De overheid waarschuwt je tijdens noodsituaties via "
    "NL-Alert. Je leest dan wat je moet doen en waar je meer informatie kan vinden. Kijk op "
    "www.nl-alert.nl *** TEST MESSAGE Netherlands Government Public Warning System. No action "
    "required. More information: www.nl-alert.nl/english"
)
CR = 0x0D
LANGUAGE_NL = bytes.fromhex("6e36")  # "nl" as two packed GSM-7 characters

# CR is excluded: encode turns it into LF (see test_line_breaks_are_normalised_to_lf).
gsm7_texts = st.text(alphabet=st.sampled_from(BASIC_CHARS.replace("\r", "") + EXTENSION_CHARS))
unicode_texts = st.text(
    # codec="utf-8" leaves out lone surrogates, which no phone can decode (encode rejects them).
    alphabet=st.characters(codec="utf-8", exclude_characters="\r\ufffe"),
    max_size=700,
)
talen = st.sampled_from(["nl", "en", "ar", "uk", "pap", "en-GB", "tr"])


def units(text: str, encoding: str) -> int:
    if encoding == "gsm7":
        return septet_count(text)
    return len(text.encode("utf-16-be")) // 2


def capacity(paginas: CBPaginas) -> int:
    return {0x11: 40, 0x48: 41}.get(paginas.dcs, 93) if paginas.encoding == "ucs2" else 93


def check_pages(text: str, taal: str, paginas: CBPaginas) -> None:
    """Every invariant a phone relies on, for a text `encode` accepted."""
    assert all(len(page) == 82 for page in paginas.pages)
    assert decode(paginas.pages, paginas.dcs) == text
    # A phone decodes each page on its own: no page may start mid-character.
    per_page = [decode([page], paginas.dcs) for page in paginas.pages]
    assert "".join(per_page) == text
    # Minimal: every page but the last is full up to the first character of the next page.
    for page_text, next_text in itertools.pairwise(per_page):
        assert next_text
        used = units(page_text, paginas.encoding) + units(next_text[0], paginas.encoding)
        assert used > capacity(paginas)
    assert paginas.tekens == len(text)
    assert paginas.eenheden == units(text, paginas.encoding)
    assert pagina_telling(text, taal) == (paginas.encoding, len(paginas.pages))


@given(gsm7_texts)
def test_gsm7_round_trip(text: str) -> None:
    assume(septet_count(text) <= 15 * 93)
    paginas = encode(text, "nl")
    assert (paginas.encoding, paginas.dcs, paginas.culprits) == ("gsm7", 0x05, ())
    check_pages(text, "nl", paginas)


@given(gsm7_texts.filter(lambda t: "€" not in t and "^" not in t))
def test_gsm7_without_extension_uses_ceil_of_93(text: str) -> None:
    assume(septet_count(text) <= 15 * 93)
    assert len(encode(text, "nl").pages) == max(1, math.ceil(septet_count(text) / 93))


@given(unicode_texts, talen)
def test_unicode_round_trip(text: str, taal: str) -> None:
    encoding, pages = pagina_telling(text, taal)
    assume(pages <= 15)
    paginas = encode(text, taal)
    assert (paginas.encoding, len(paginas.pages)) == (encoding, pages)
    assert paginas.encoding == ("gsm7" if is_gsm7(text) else "ucs2")
    check_pages(text, taal, paginas)


@given(unicode_texts)
def test_ucs2_language_indication_on_every_page(text: str) -> None:
    assume(not is_gsm7(text) and pagina_telling(text, "nl")[1] <= 15)
    paginas = encode(text, "nl")
    assert paginas.dcs == 0x11
    assert all(page[:2] == LANGUAGE_NL for page in paginas.pages)


def test_test_message_2022_is_319_characters_on_4_gsm7_pages() -> None:
    paginas = encode(TEST_MESSAGE_2022, "nl")
    assert (paginas.tekens, paginas.eenheden) == (319, 319)
    assert (paginas.encoding, paginas.dcs, len(paginas.pages)) == ("gsm7", 0x05, 4)
    assert decode(paginas.pages, paginas.dcs) == TEST_MESSAGE_2022
    assert pagina_telling(TEST_MESSAGE_2022, "nl") == ("gsm7", 4)


@given(gsm7_texts, st.integers(min_value=0))
def test_one_trema_e_anywhere_turns_the_text_into_ucs2(text: str, where: int) -> None:
    assume(len(text) < 500)
    position = where % (len(text) + 1)
    paginas = encode(text[:position] + "ë" + text[position:], "nl")
    assert paginas.encoding == "ucs2"
    assert [(c.teken, c.positie, c.voorstel) for c in paginas.culprits] == [("ë", position, "e")]


def test_euro_costs_two_septets() -> None:
    assert encode("€", "nl").eenheden == 2
    assert len(encode("a" * 91 + "€", "nl").pages) == 1
    assert len(encode("a" * 92 + "€", "nl").pages) == 2


@pytest.mark.parametrize(("length", "pages"), [(0, 1), (1, 1), (93, 1), (94, 2), (1395, 15)])
def test_gsm7_page_boundaries(length: int, pages: int) -> None:
    assert len(encode("a" * length, "nl").pages) == pages


def test_1396_gsm7_characters_are_too_long() -> None:
    with pytest.raises(BerichtTooLong) as info:
        encode("a" * 1396, "nl")
    assert (info.value.pages, info.value.max_pages) == (16, 15)
    assert pagina_telling("a" * 1396, "nl") == ("gsm7", 16)


def test_escape_pair_straddling_septet_93_moves_whole_to_page_2() -> None:
    paginas = encode("a" * 92 + "€b", "nl")
    first = unpack_septets(paginas.pages[0], 93)
    second = unpack_septets(paginas.pages[1], 93)
    assert first == [0x61] * 92 + [CR]
    assert second[:3] == [0x1B, 0x65, 0x62]
    assert second[3:] == [CR] * 90
    assert decode(paginas.pages, paginas.dcs) == "a" * 92 + "€b"


def test_gsm7_page_is_packed_on_its_own_and_padded_with_cr() -> None:
    page = encode("hellohello", "en").pages[0]
    # The SMS vector e8329bfd4697d9ec37 has two zero bits at the end; here bit 0 of the first CR
    # septet fills bit 6 of octet 9 (0x37 | 0x40).
    assert page[:9].hex() == "e8329bfd4697d9ec77"
    assert page == pack_septets(encode_septets("hellohello") + [CR] * 83)


@pytest.mark.parametrize(
    ("taal", "dcs", "per_page"), [("nl", 0x11, 40), ("ar", 0x11, 40), ("pap", 0x48, 41)]
)
def test_ucs2_page_boundaries(taal: str, dcs: int, per_page: int) -> None:
    assert encode("ë" * per_page, taal).dcs == dcs
    assert len(encode("ë" * per_page, taal).pages) == 1
    assert len(encode("ë" * (per_page + 1), taal).pages) == 2
    assert len(encode("ë" * (per_page * 15), taal).pages) == 15
    with pytest.raises(BerichtTooLong):
        encode("ë" * (per_page * 15 + 1), taal)


def test_emoji_is_not_split_across_pages() -> None:
    paginas = encode("ë" * 39 + "😀", "nl")
    assert len(paginas.pages) == 2
    assert paginas.pages[0] == LANGUAGE_NL + "ë".encode("utf-16-be") * 39 + b"\x00\x0d"
    assert paginas.pages[1][:6] == LANGUAGE_NL + bytes.fromhex("d83dde00")
    assert paginas.eenheden == 41 and paginas.tekens == 40


@pytest.mark.parametrize(("taal", "octets"), [("nl", "6e36"), ("ar", "6139"), ("uk", "f535")])
def test_language_indication_is_two_packed_gsm7_characters(taal: str, octets: str) -> None:
    paginas = encode("ë" * 100, taal)
    assert {page[:2].hex() for page in paginas.pages} == {octets}


def test_papiamento_is_never_sent_as_punjabi() -> None:
    paginas = encode("Keda paden. Sera bentana i porta. Ëxtra", "pap")
    assert paginas.dcs == 0x48
    assert paginas.pages[0][:2] == "K".encode("utf-16-be")
    assert iso639_1("pap") is None and iso639_1("pap-CW") is None


@pytest.mark.parametrize(
    ("taal", "encoding", "dcs"),
    [
        ("de", "gsm7", 0x00),
        ("en", "gsm7", 0x01),
        ("en-GB", "gsm7", 0x01),
        ("fr", "gsm7", 0x03),
        ("NL", "gsm7", 0x05),
        ("tr", "gsm7", 0x0C),
        ("pl", "gsm7", 0x0E),
        ("so", "gsm7", 0x0F),
        ("pap", "gsm7", 0x0F),
        ("ar", "ucs2", 0x11),
        ("uk", "ucs2", 0x11),
        ("nl_NL", "ucs2", 0x11),
        ("pap", "ucs2", 0x48),
        ("und", "ucs2", 0x48),
    ],
)
def test_dcs_per_language(taal: str, encoding: str, dcs: int) -> None:
    assert dcs_voor(taal, encoding) == dcs  # type: ignore[arg-type]


@pytest.mark.parametrize("taal", ["", "n", "nederlands", "nl NL", "1l"])
def test_invalid_language_tag(taal: str) -> None:
    with pytest.raises(InvalidField):
        encode("tekst", taal)


@pytest.mark.parametrize(
    ("dcs", "encoding", "indication"),
    [(0x05, "gsm7", False), (0x10, "gsm7", True), (0x11, "ucs2", True), (0x48, "ucs2", False)],
)
def test_dcs_info(dcs: int, encoding: str, indication: bool) -> None:
    info = dcs_info(dcs)
    assert (info.encoding, info.language_indication) == (encoding, indication)


@pytest.mark.parametrize("dcs", [0x44, 0x60, 0x12, 0xF0, 0x100, -1])
def test_unsupported_dcs(dcs: int) -> None:
    with pytest.raises(UnsupportedDcs):
        decode([b"\x0d" * 82], dcs)


def test_decode_gsm7_with_language_indication_prefix() -> None:
    septets = encode_septets("en\rTake shelter")
    page = pack_septets(septets + [CR] * (93 - len(septets)))
    assert decode([page], 0x10) == "Take shelter"


def test_line_breaks_are_normalised_to_lf() -> None:
    paginas = encode("Blijf binnen.\r\nSluit ramen.\rZet ventilatie uit.\r", "nl")
    assert (
        decode(paginas.pages, paginas.dcs) == "Blijf binnen.\nSluit ramen.\nZet ventilatie uit.\n"
    )


def test_line_break_at_the_end_of_a_page_survives() -> None:
    # A CR there would be stripped by the phone as padding; the LF it becomes is kept.
    paginas = encode("a" * 92 + "\r\nb", "nl")
    assert decode(paginas.pages[:1], paginas.dcs) == "a" * 92 + "\n"


@pytest.mark.parametrize("text", ["a\ud83d", "\ufffeb"])
def test_characters_a_phone_cannot_decode_are_rejected(text: str) -> None:
    with pytest.raises(InvalidField):
        encode(text, "nl")


def test_to_dict_shape() -> None:
    paginas = encode("Blijf weg van het Drieëndaagse terrein.", "nl")
    data = paginas.to_dict()
    assert list(data) == ["encoding", "pages", "dcs", "page_hex", "tekens", "culprits"]
    assert data["encoding"] == "ucs2" and data["pages"] == 1 and data["dcs"] == 0x11
    assert data["page_hex"] == [paginas.pages[0].hex()]
    assert len(paginas.page_hex[0]) == 164 and paginas.page_hex[0] == paginas.page_hex[0].lower()
    assert data["tekens"] == 39
    assert data["culprits"] == [{"teken": "ë", "positie": 22, "voorstel": "e"}]


def test_pages_must_be_82_octets() -> None:
    with pytest.raises(ValueError):
        CBPaginas(encoding="gsm7", dcs=5, pages=(b"\x00",), tekens=0, eenheden=0, culprits=())
    with pytest.raises(ValueError):
        decode([b"\x00" * 81], 0x05)
