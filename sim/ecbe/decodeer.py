"""The simulator's own decoder of cell-broadcast pages (3GPP TS 23.038 section 5 and 6).

This deliberately duplicates, in reverse, what `berichten` encodes: `sim` speaks only the wire
format and imports nothing of ours (STYLE.md), so it cannot borrow the project's GSM-7 table. The
contract test `tests/contract/test_paginas_contract.py` checks that the two agree. `sim.ecbe.codeer`
encodes a `payload_decoded` text with the tables defined here.

A page is 82 octets: 93 GSM-7 septets packed LSB-first, or 41 UCS-2 characters (big-endian). Each
page is packed on its own and padded with CR, which is stripped from every page as Android does
(AOSP `GsmSmsCbMessage.unpackBody`); a UCS-2 page also loses trailing U+0000, the zero fill osmo-cbc
adds to a short page. GSM-7 zero fill is kept: a phone shows it as '@', and so do we.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sim.fouten import OnbekendeDCS, OngeldigePagina

PAGINA_OCTETS = 82
SEPTETS_PER_PAGINA = 93
ESCAPE = 0x1B
CR = "\r"

# Index = septet value; 0x1B is the escape to the extension table and never printed itself.
STANDAARD_TABEL = (
    "@£$¥èéùìòÇ\nØø\rÅå"
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"
    " !\"#¤%&'()*+,-./"
    "0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNO"
    "PQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmno"
    "pqrstuvwxyzäöñüà"
)
assert len(STANDAARD_TABEL) == 128

UITBREIDING_TABEL = {
    0x0A: "\f",
    0x14: "^",
    0x28: "{",
    0x29: "}",
    0x2F: "\\",
    0x3C: "[",
    0x3D: "~",
    0x3E: "]",
    0x40: "|",
    0x65: "€",
}

# TS 23.038 section 5, coding group 0000: GSM-7 with the language in the DCS itself.
TAAL_IN_DCS = {
    0x00: "de",
    0x01: "en",
    0x02: "it",
    0x03: "fr",
    0x04: "es",
    0x05: "nl",
    0x06: "sv",
    0x07: "da",
    0x08: "pt",
    0x09: "fi",
    0x0A: "no",
    0x0B: "el",
    0x0C: "tr",
    0x0D: "hu",
    0x0E: "pl",
    0x0F: None,  # language unspecified
}
DCS_GSM7_TAALINDICATIE = 0x10
DCS_UCS2_TAALINDICATIE = 0x11
DCS_UCS2 = 0x48  # general data coding, uncompressed, no message class, UCS-2


class Tekenset(StrEnum):
    """The character set a DCS selects."""

    GSM7 = "gsm7"
    UCS2 = "ucs2"


@dataclass(frozen=True, slots=True, kw_only=True)
class Codering:
    """What a DCS says: character set, language, and whether the text starts with the language."""

    dcs: int
    tekenset: Tekenset
    taal: str | None
    taalindicatie: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Gedecodeerd:
    """The text of all pages, the language found, and the text of each page on its own."""

    tekst: str
    taal: str | None
    codering: Codering
    paginas: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """The JSON shape."""
        return {
            "tekst": self.tekst,
            "taal": self.taal,
            "tekenset": self.codering.tekenset.value,
            "dcs": self.codering.dcs,
            "paginas": list(self.paginas),
        }


def codering(dcs: int) -> Codering:
    """Interpret a CBS data coding scheme; anything outside the supported set is `OnbekendeDCS`."""
    if dcs in TAAL_IN_DCS:
        return Codering(dcs=dcs, tekenset=Tekenset.GSM7, taal=TAAL_IN_DCS[dcs], taalindicatie=False)
    if dcs == DCS_GSM7_TAALINDICATIE:
        return Codering(dcs=dcs, tekenset=Tekenset.GSM7, taal=None, taalindicatie=True)
    if dcs == DCS_UCS2_TAALINDICATIE:
        return Codering(dcs=dcs, tekenset=Tekenset.UCS2, taal=None, taalindicatie=True)
    if dcs == DCS_UCS2:
        return Codering(dcs=dcs, tekenset=Tekenset.UCS2, taal=None, taalindicatie=False)
    raise OnbekendeDCS(dcs)


def decodeer(dcs: int, paginas: Sequence[bytes]) -> Gedecodeerd:
    """Decode the pages of one message into text, page by page, as an Android phone does."""
    cod = codering(dcs)
    taal = cod.taal
    teksten: list[str] = []
    for index, pagina in enumerate(paginas):
        if len(pagina) > PAGINA_OCTETS:
            raise OngeldigePagina(
                index,
                "{octets} octets; het maximum is {maximum}",
                octets=len(pagina),
                maximum=PAGINA_OCTETS,
            )
        # Each page is its own PDU on the air, so a language indication starts *every* page
        # (AOSP GsmSmsCbMessage.unpackBody skips it per page).
        if cod.tekenset is Tekenset.GSM7:
            tekst = gsm7_tekst(gsm7_uitpakken(pagina))
            if cod.taalindicatie:
                # Two GSM-7 characters and a CR; the phone skips three characters.
                taal = _taalcode(index, tekst[:2])
                tekst = tekst[3:]
        else:
            rest = pagina
            if cod.taalindicatie:
                # Two GSM-7 characters packed into two octets, then UCS-2 (TS 23.038 section 5).
                if len(pagina) < 2:
                    raise OngeldigePagina(index, "de taalindicatie ontbreekt")
                taal = _taalcode(index, gsm7_tekst(gsm7_uitpakken(pagina[:2])[:2]))
                rest = pagina[2:]
            tekst = _ucs2_tekst(index, rest)
        teksten.append(tekst)
    return Gedecodeerd(tekst="".join(teksten), taal=taal, codering=cod, paginas=tuple(teksten))


def gsm7_uitpakken(data: bytes) -> list[int]:
    """Every whole septet packed LSB-first in `data` (93 for a full page)."""
    waarde = int.from_bytes(data, "little")
    return [(waarde >> (7 * i)) & 0x7F for i in range(len(data) * 8 // 7)]


def gsm7_tekst(septets: Sequence[int]) -> str:
    """Septets to text via the default alphabet and extension table, trailing CR padding removed."""
    uit: list[str] = []
    escape = False
    for septet in septets:
        if escape:
            # TS 23.038 6.2.1.1: a code missing from the extension table shows its default
            # character.
            uit.append(UITBREIDING_TABEL.get(septet, STANDAARD_TABEL[septet]))
            escape = False
        elif septet == ESCAPE:
            escape = True
        else:
            uit.append(STANDAARD_TABEL[septet])
    if escape:
        uit.append(" ")  # phones show a dangling escape as a space
    return "".join(uit).rstrip(CR)


def _ucs2_tekst(index: int, data: bytes) -> str:
    if len(data) % 2:
        raise OngeldigePagina(index, "een oneven aantal octets kan geen UCS-2 zijn")
    # UTF-16 decoding is lenient with surrogate pairs that phones show anyway; a lone surrogate
    # becomes U+FFFD instead of text that cannot be stored as JSON.
    tekst = data.decode("utf-16-be", errors="replace")
    # Pages are padded with CR; osmo-cbc pads short pages with zero octets.
    return tekst.rstrip("\r\x00")


def _taalcode(index: int, tekens: str) -> str:
    code = tekens.lower()
    if len(code) == 2 and code.isascii() and code.isalpha():
        return code
    raise OngeldigePagina(
        index, "taalindicatie {tekens!r} is geen ISO 639-1-taalcode", tekens=tekens
    )
