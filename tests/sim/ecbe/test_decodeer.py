"""The simulator decodes pages as a phone would: GSM-7 and UCS-2, languages, padding, bad DCS."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.ecbe.decodeer import (
    PAGINA_OCTETS,
    SEPTETS_PER_PAGINA,
    Tekenset,
    codering,
    decodeer,
    gsm7_tekst,
    gsm7_uitpakken,
)
from sim.fouten import DecodeerError, OnbekendeDCS, OngeldigePagina

# A test-only GSM-7 table, written out independently of sim.decodeer.
_TABEL = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXT = {"^": 0x14, "{": 0x28, "}": 0x29, "\\": 0x2F, "[": 0x3C, "~": 0x3D, "]": 0x3E, "|": 0x40}
_EXT["€"] = 0x65
GSM7_TEKENS = "".join(c for c in _TABEL if c not in "\x1b\r") + "".join(_EXT)


def septets(tekst: str) -> list[int]:
    uit: list[int] = []
    for ch in tekst:
        uit.extend([0x1B, _EXT[ch]] if ch in _EXT else [_TABEL.index(ch)])
    return uit


def pak(waarden: list[int]) -> bytes:
    totaal = sum(s << (7 * i) for i, s in enumerate(waarden))
    return totaal.to_bytes((7 * len(waarden) + 7) // 8, "little")


def gsm7_pagina(tekst: str) -> bytes:
    waarden = septets(tekst)
    assert len(waarden) <= SEPTETS_PER_PAGINA
    pagina = pak(waarden + [0x0D] * (SEPTETS_PER_PAGINA - len(waarden)))
    assert len(pagina) == PAGINA_OCTETS
    return pagina


def ucs2_pagina(tekst: str, taal: str | None = None) -> bytes:
    kop = pak(septets(taal)) if taal else b""
    body = tekst.encode("utf-16-be")
    ruimte = PAGINA_OCTETS - len(kop)
    return kop + body + "\r".encode("utf-16-be") * ((ruimte - len(body)) // 2)


def test_unpacks_the_classic_septet_example() -> None:
    # "hellohello" from the GSM 03.38 packing examples.
    assert gsm7_tekst(gsm7_uitpakken(bytes.fromhex("E8329BFD4697D9EC37"))) == "hellohello"


def test_a_full_page_holds_93_septets() -> None:
    assert len(gsm7_uitpakken(bytes(PAGINA_OCTETS))) == SEPTETS_PER_PAGINA


def test_strips_cr_padding_and_follows_the_escape_to_the_extension_table() -> None:
    tekst = "NL-Alert: kosten €5 [test] {a|b} ~^\\ Café à Ö"
    uit = decodeer(0x05, [gsm7_pagina(tekst)])
    assert uit.tekst == tekst
    assert uit.taal == "nl"
    assert uit.codering.tekenset is Tekenset.GSM7


def test_pages_are_decoded_one_by_one_and_joined() -> None:
    delen = ["a" * 93, "b" * 93, "einde"]
    uit = decodeer(0x0F, [gsm7_pagina(d) for d in delen])
    assert uit.paginas == tuple(delen)
    assert uit.tekst == "".join(delen)
    assert uit.taal is None


def test_a_dangling_escape_shows_as_a_space() -> None:
    assert gsm7_tekst([0x41, 0x1B]) == "A "


def test_unknown_extension_code_shows_the_default_character() -> None:
    assert gsm7_tekst([0x1B, 0x41]) == "A"


@pytest.mark.parametrize(
    ("dcs", "taal"),
    [
        *[(0x00, "de"), (0x01, "en"), (0x02, "it"), (0x03, "fr"), (0x04, "es"), (0x05, "nl")],
        *[(0x06, "sv"), (0x07, "da"), (0x08, "pt"), (0x09, "fi"), (0x0A, "no"), (0x0B, "el")],
        *[(0x0C, "tr"), (0x0D, "hu"), (0x0E, "pl"), (0x0F, None)],
    ],
)
def test_language_group_0000(dcs: int, taal: str | None) -> None:
    assert codering(dcs).taal == taal
    assert codering(dcs).tekenset is Tekenset.GSM7


def test_gsm7_with_language_indication_on_every_page() -> None:
    paginas = [gsm7_pagina("nl\r" + "x" * 90), gsm7_pagina("nl\rslot")]
    uit = decodeer(0x10, paginas)
    assert uit.taal == "nl"
    assert uit.tekst == "x" * 90 + "slot"


def test_ucs2_without_language() -> None:
    tekst = "تحذير: ابق في الداخل"
    uit = decodeer(0x48, [ucs2_pagina(tekst)])
    assert uit.tekst == tekst
    assert uit.taal is None
    assert uit.codering.tekenset is Tekenset.UCS2


def test_ucs2_with_language_indication_on_every_page() -> None:
    delen = ["Увага! Залишайтеся вдома.", "Більше на crisis.nl"]
    uit = decodeer(0x11, [ucs2_pagina(d, "uk") for d in delen])
    assert uit.taal == "uk"
    assert uit.tekst == "".join(delen)


def test_ucs2_zero_fill_from_a_short_page_is_dropped() -> None:
    pagina = "Dië".encode("utf-16-be").ljust(PAGINA_OCTETS, b"\x00")
    assert decodeer(0x48, [pagina]).tekst == "Dië"


@pytest.mark.parametrize("dcs", [0x12, 0x1F, 0x20, 0x44, 0x4C, 0x96, 0xF4, 0xFF])
def test_unknown_dcs_is_a_typed_error(dcs: int) -> None:
    with pytest.raises(OnbekendeDCS) as info:
        decodeer(dcs, [gsm7_pagina("x")])
    assert info.value.reden == f"onbekende DCS 0x{dcs:02X}"


def test_odd_ucs2_page_is_refused() -> None:
    with pytest.raises(OngeldigePagina, match="oneven"):
        decodeer(0x48, [b"\x00A\x00"])


def test_page_longer_than_82_octets_is_refused() -> None:
    with pytest.raises(OngeldigePagina, match="83 octets"):
        decodeer(0x05, [bytes(83)])


def test_language_indication_must_be_letters() -> None:
    with pytest.raises(OngeldigePagina, match="taalindicatie"):
        decodeer(0x10, [gsm7_pagina("12\rtekst")])


@given(st.text(alphabet=GSM7_TEKENS, max_size=93 * 3))
def test_gsm7_roundtrip(tekst: str) -> None:
    # Fill pages greedily, never splitting an escape pair, as an encoder must.
    paginas: list[str] = []
    huidig = ""
    for ch in tekst:
        if len(septets(huidig + ch)) > SEPTETS_PER_PAGINA:
            paginas.append(huidig)
            huidig = ""
        huidig += ch
    paginas.append(huidig)
    verwacht = "".join(p.rstrip("\r") for p in paginas)
    assert decodeer(0x05, [gsm7_pagina(p) for p in paginas]).tekst == verwacht


@given(st.integers(0, 255), st.lists(st.binary(max_size=90), min_size=1, max_size=15))
def test_garbage_only_raises_typed_errors(dcs: int, paginas: list[bytes]) -> None:
    try:
        uit = decodeer(dcs, paginas)
    except DecodeerError as exc:
        assert exc.reden
    else:
        assert isinstance(uit.tekst, str)
