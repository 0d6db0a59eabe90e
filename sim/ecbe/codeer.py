"""The simulator's own encoder of a text into cell-broadcast pages (TS 23.038, TS 23.041 9.4.1).

Used for `payload_decoded`: osmo-cbc 0.4.0 packs GSM-7 across page boundaries, ignores extension
characters and writes UCS-2 without a language indication, so the simulator encodes as a phone
needs it and as `berichten.paginas` does, byte for byte (checked by
`tests/contract/test_sim_payload_decoded.py`; `sim` imports nothing of ours, so the tables are
those of `sim.ecbe.decodeer`):

- each page is packed on its own: 93 GSM-7 septets or 41 UTF-16 code units in 82 octets;
- a character never straddles two pages: an extension character (escape + code, 2 septets) or a
  surrogate pair moves whole to the next page;
- every page is padded with CR (septet 0x0D, or U+000D);
- line breaks are normalised first (CRLF and lone CR become LF): CR is the padding, and a phone
  strips it from the end of every page, so a CR in the text could vanish;
- DCS: GSM-7 with the language in the DCS (group 0000), 0x0F when the language has no such DCS
  or none is given; UCS-2 as 0x11 with the two-letter language packed before the text on every
  page (2 octets + 40 characters), or 0x48 without a language (41 characters).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sim.ecbe.decodeer import (
    CR,
    DCS_UCS2,
    DCS_UCS2_TAALINDICATIE,
    ESCAPE,
    PAGINA_OCTETS,
    SEPTETS_PER_PAGINA,
    STANDAARD_TABEL,
    TAAL_IN_DCS,
    UITBREIDING_TABEL,
)
from sim.fouten import NietInGsm7, OngeldigTeken, TeVeelPaginas

MAX_PAGINAS = 15
DCS_GSM7_ONGESPECIFICEERD = 0x0F
_CR_SEPTET = STANDAARD_TABEL.index(CR)
_CR_EENHEID = ord(CR)

_BASIS = {teken: code for code, teken in enumerate(STANDAARD_TABEL) if code != ESCAPE}
# ESC 0x0A (form feed, a page break) is decoded but never encoded, as `berichten` does: a control
# character in an alert is pasted junk, not something to send.
_UITBREIDING = {teken: code for code, teken in UITBREIDING_TABEL.items() if teken != "\f"}
_DCS_VAN_TAAL = {taal: dcs for dcs, taal in TAAL_IN_DCS.items() if taal is not None}


class Tekenset(StrEnum):
    """The `character_set` of an ECBE `payload_decoded`, named as osmo-cbc names it."""

    GSM = "gsm"
    UCS2 = "ucs2"


@dataclass(frozen=True, slots=True, kw_only=True)
class Gecodeerd:
    """A text as pages of 82 octets, with the DCS that says how to read them."""

    dcs: int
    paginas: tuple[bytes, ...]


def codeer(tekst: str, tekenset: Tekenset, taal: str | None) -> Gecodeerd:
    """Encode a text into 1-15 pages in the character set asked, with the DCS for its language."""
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n")
    for positie, teken in enumerate(tekst):
        if 0xD800 <= ord(teken) <= 0xDFFF or teken == "\ufffe":
            # U+FFFE: Java's UTF-16 decoder on Android would take it for a byte-order mark.
            raise OngeldigTeken(teken, positie)
    gsm = tekenset is Tekenset.GSM
    voorvoegsel = b""
    if gsm:
        atomen = [_septets(teken, positie) for positie, teken in enumerate(tekst)]
        dcs = _DCS_VAN_TAAL.get(taal or "", DCS_GSM7_ONGESPECIFICEERD)
        capaciteit = SEPTETS_PER_PAGINA
    else:
        atomen = [_utf16(teken) for teken in tekst]
        dcs = DCS_UCS2 if taal is None else DCS_UCS2_TAALINDICATIE
        if taal is not None:
            # The two-letter code as two GSM-7 septets in two octets starts *every* page: each
            # page is decoded on its own (TS 23.038 section 5; AOSP GsmSmsCbMessage.unpackBody).
            voorvoegsel = _pak([_septets(t, 0)[0] for t in taal])
        capaciteit = (PAGINA_OCTETS - len(voorvoegsel)) // 2
    aantallen = _verdeel(atomen, capaciteit)
    if len(aantallen) > MAX_PAGINAS:
        raise TeVeelPaginas(len(aantallen), MAX_PAGINAS)
    paginas: list[bytes] = []
    begin = 0
    for aantal in aantallen:
        eenheden = [e for atoom in atomen[begin : begin + aantal] for e in atoom]
        begin += aantal
        paginas.append(_gsm7_pagina(eenheden) if gsm else _ucs2_pagina(eenheden, voorvoegsel))
    return Gecodeerd(dcs=dcs, paginas=tuple(paginas))


def _septets(teken: str, positie: int) -> tuple[int, ...]:
    if (code := _BASIS.get(teken)) is not None:
        return (code,)
    if (code := _UITBREIDING.get(teken)) is not None:
        return (ESCAPE, code)
    raise NietInGsm7(teken, positie)


def _utf16(teken: str) -> tuple[int, ...]:
    code = ord(teken)
    if code <= 0xFFFF:
        return (code,)
    code -= 0x10000
    return (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def _verdeel(atomen: Sequence[tuple[int, ...]], capaciteit: int) -> list[int]:
    """Characters per page, each page filled greedily; an atom never straddles two pages."""
    aantallen: list[int] = []
    gebruikt = aantal = 0
    for atoom in atomen:
        if gebruikt + len(atoom) > capaciteit:
            aantallen.append(aantal)
            gebruikt = aantal = 0
        gebruikt += len(atoom)
        aantal += 1
    aantallen.append(aantal)
    return aantallen


def _pak(septets: Sequence[int]) -> bytes:
    """Septets packed LSB-first (TS 23.038 6.1.2.1.1); the spare high bits are zero."""
    waarde = sum(s << (7 * i) for i, s in enumerate(septets))
    return waarde.to_bytes((7 * len(septets) + 7) // 8, "little")


def _gsm7_pagina(septets: list[int]) -> bytes:
    return _pak(septets + [_CR_SEPTET] * (SEPTETS_PER_PAGINA - len(septets)))


def _ucs2_pagina(eenheden: list[int], voorvoegsel: bytes) -> bytes:
    capaciteit = (PAGINA_OCTETS - len(voorvoegsel)) // 2
    opgevuld = eenheden + [_CR_EENHEID] * (capaciteit - len(eenheden))
    return voorvoegsel + b"".join(e.to_bytes(2, "big") for e in opgevuld)
