"""Cell-broadcast data coding schemes (3GPP TS 23.038 section 5): which DCS names which language.

Android reads an alert aloud in the language its DCS names, so the code is an accessibility matter:

- GSM-7 text uses language group 0000 (one DCS per language) or 0x0F "unspecified".
- UCS-2 text uses 0x11, "UCS2; message preceded by language indication": every page starts with
  the ISO 639-1 code as two packed GSM-7 characters (see `berichten.paginas` for why every page).
- A language without an ISO 639-1 code (Papiamento is `pap`) cannot be indicated; its UCS-2 text
  uses 0x48 (general data coding, UCS-2, no message class). Sending "pa" would name Punjabi.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from berichten.errors import BerichtError, InvalidField
from handelingsperspectieven.meldingen import N_, Melding

Encoding = Literal["gsm7", "ucs2"]

# TS 23.038 section 5, coding group 0000: GSM-7 text in a named language.
GSM7_LANGUAGE_DCS = MappingProxyType(
    {
        "de": 0x00,
        "en": 0x01,
        "it": 0x02,
        "fr": 0x03,
        "es": 0x04,
        "nl": 0x05,
        "sv": 0x06,
        "da": 0x07,
        "pt": 0x08,
        "fi": 0x09,
        "no": 0x0A,
        "el": 0x0B,
        "tr": 0x0C,
        "hu": 0x0D,
        "pl": 0x0E,
    }
)
DCS_GSM7_UNSPECIFIED = 0x0F
DCS_GSM7_LANGUAGE_INDICATION = 0x10
DCS_UCS2_LANGUAGE_INDICATION = 0x11
DCS_UCS2 = 0x48

# A BCP 47 tag: primary language subtag, then optional subtags (nl, nl-NL, pap-CW, sr-Latn).
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


class UnsupportedDcs(BerichtError):
    """A data coding scheme this encoder cannot decode (8-bit, compressed, reserved)."""

    def __init__(self, dcs: int) -> None:
        self.dcs = dcs
        super().__init__(
            N_("coderingsschema (DCS) %(dcs)s wordt niet ondersteund"), dcs=f"0x{dcs:02X}"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class DcsInfo:
    """What a DCS means for the page body: its encoding and whether a language code precedes it."""

    encoding: Encoding
    language_indication: bool


def iso639_1(taal: str) -> str | None:
    """The two-letter ISO 639-1 code of a BCP 47 tag, or None when the language has none."""
    match = _TAG.match(taal)
    if match is None:
        raise InvalidField(
            "taal", Melding(N_("%(taal)s is geen taalcode (BCP 47)"), taal=repr(taal))
        )
    primary = match.group(1).lower()
    # BCP 47 requires the shortest code, so a three-letter primary subtag (pap, und) means the
    # language has no ISO 639-1 code. Never truncate it: "pa" is Punjabi, not Papiamento.
    return primary if len(primary) == 2 else None


def dcs_voor(taal: str, encoding: Encoding) -> int:
    """The DCS for a text in this language and encoding."""
    code = iso639_1(taal)
    if encoding == "gsm7":
        return GSM7_LANGUAGE_DCS.get(code or "", DCS_GSM7_UNSPECIFIED)
    return DCS_UCS2_LANGUAGE_INDICATION if code is not None else DCS_UCS2


def dcs_info(dcs: int) -> DcsInfo:
    """Decode a DCS octet into encoding and language indication, or raise UnsupportedDcs."""
    if not 0 <= dcs <= 0xFF:
        raise UnsupportedDcs(dcs)
    group = dcs >> 4
    if group == 0x0 or group in (0x2, 0x3):
        # 0000: named languages; 0010 and 0011: more languages, all in the GSM-7 alphabet.
        return DcsInfo(encoding="gsm7", language_indication=False)
    if dcs == DCS_GSM7_LANGUAGE_INDICATION:
        return DcsInfo(encoding="gsm7", language_indication=True)
    if dcs == DCS_UCS2_LANGUAGE_INDICATION:
        return DcsInfo(encoding="ucs2", language_indication=True)
    if group in (0x4, 0x5):
        # 010x: general data coding, uncompressed; bits 3-2 give the alphabet.
        alphabet = (dcs >> 2) & 0x3
        if alphabet == 0b00:
            return DcsInfo(encoding="gsm7", language_indication=False)
        if alphabet == 0b10:
            return DcsInfo(encoding="ucs2", language_indication=False)
    raise UnsupportedDcs(dcs)
