"""Cell-broadcast pages (3GPP TS 23.041 9.4.1): a text packed into 1 to 15 pages of 82 octets.

GSM-7 holds 93 septets per page and UCS-2 41 code units, each page packed on its own: a phone
decodes every page separately, so a page never starts mid-septet, and an escape + extension pair or
a UTF-16 surrogate pair (emoji) never straddles two pages. The last page is padded with CR.

Language indication on every page, so 40 UCS-2 characters per page. DCS 0x11 is "UCS2; message
preceded by language indication": the page body starts with the ISO 639-1 code as two GSM-7
characters packed into two octets (two zero padding bits) "and then followed by 40 characters of
UCS2-encoded message" (TS 23.038 section 5, coding group 0001). 2 + 40 x 2 = 82 octets: the budget
of one page, so the indication is repeated on each page. Android confirms it:
`GsmSmsCbMessage.createSmsCbMessage` (AOSP frameworks/base,
telephony/java/com/android/internal/telephony/gsm/GsmSmsCbMessage.java) parses each GSM page, and
`parseUmtsBody` each UMTS page, through `unpackBody`, which for 16-bit encoding with a language
indicator reads the two-octet language and skips it on every page before decoding the rest as
UTF-16. With the code on page 1 only, Android would take the first character of every later page
for a language code and drop it. Hence 40 characters per page (600 per message) with 0x11, and
41 (615) with 0x48.

Padding and CR. The same `unpackBody` strips trailing CRs from *every* page, and a non-final page
can carry padding too (when an escape pair or surrogate pair did not fit), so `decode` strips
trailing CR from every page as phones do. A CR in the text itself would vanish the same way when it
ended a page, so `encode` normalises line breaks: CRLF and a lone CR become LF, the line break
phones display. `decode(encode(t).pages, dcs)` is therefore `t` with its line breaks normalised.

Android decodes a UCS-2 page with Java's "UTF-16" charset, which takes a page starting with U+FEFF
or U+FFFE for a byte-order mark; `encode` rejects U+FFFE (a noncharacter) and lone surrogates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from berichten.dcs import DCS_UCS2_LANGUAGE_INDICATION, Encoding, dcs_info, dcs_voor, iso639_1
from berichten.errors import BerichtTooLong, InvalidField
from berichten.gsm7 import (
    CR_SEPTET,
    Culprit,
    char_septets,
    decode_septets,
    encode_septets,
    is_gsm7,
    pack_septets,
    ucs2_culprits,
    unpack_septets,
)
from handelingsperspectieven.meldingen import N_, Melding

PAGE_OCTETS = 82
MAX_PAGES = 15
GSM7_PAGE_SEPTETS = 93
UCS2_PAGE_UNITS = 41
UCS2_PAGE_UNITS_WITH_LANGUAGE = 40
_LANGUAGE_OCTETS = 2
_CR_UNIT = 0x000D
# Septets of DCS 0x10's per-page prefix: two language characters and a CR. We only decode it.
_GSM7_LANGUAGE_SEPTETS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class CBPaginas:
    """A text encoded as cell-broadcast pages, with what it cost and what forced UCS-2."""

    encoding: Encoding
    dcs: int
    pages: tuple[bytes, ...]
    tekens: int  # characters (code points) of the encoded text
    eenheden: int  # septets (gsm7) or UTF-16 code units (ucs2), padding excluded
    culprits: tuple[Culprit, ...]

    def __post_init__(self) -> None:
        if not 1 <= len(self.pages) <= MAX_PAGES:
            raise ValueError(f"a message has 1 to {MAX_PAGES} pages, not {len(self.pages)}")
        if any(len(page) != PAGE_OCTETS for page in self.pages):
            raise ValueError(f"every page is exactly {PAGE_OCTETS} octets")

    @property
    def per_pagina(self) -> int:
        """Septets or UCS-2 units one page holds with this encoding and DCS."""
        return _capacity(self.encoding, self.dcs)

    @property
    def page_hex(self) -> tuple[str, ...]:
        """Each page as lower-case hex, 164 digits."""
        return tuple(page.hex() for page in self.pages)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape: encoding, page count, DCS, pages as hex, characters and culprits."""
        return {
            "encoding": self.encoding,
            "pages": len(self.pages),
            "dcs": self.dcs,
            "page_hex": list(self.page_hex),
            "tekens": self.tekens,
            "culprits": [culprit.to_dict() for culprit in self.culprits],
        }


def normalise_line_breaks(text: str) -> str:
    """CRLF and lone CR become LF: CR is the padding character and would vanish at a page end."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def encode(text: str, taal: str) -> CBPaginas:
    """Pack the text into pages: GSM-7 when every character allows it, else UCS-2."""
    text = normalise_line_breaks(text)
    _check_characters(text)
    encoding: Encoding = "gsm7" if is_gsm7(text) else "ucs2"
    dcs = dcs_voor(taal, encoding)
    atoms = [_atom(ch, encoding) for ch in text]
    counts = _paginate([len(atom) for atom in atoms], _capacity(encoding, dcs))
    if len(counts) > MAX_PAGES:
        raise BerichtTooLong(len(counts), MAX_PAGES)

    prefix = b""
    if dcs == DCS_UCS2_LANGUAGE_INDICATION:
        code = iso639_1(taal)
        assert code is not None  # dcs_voor only chooses 0x11 for a two-letter code
        prefix = pack_septets(encode_septets(code))

    pages: list[bytes] = []
    start = 0
    for count in counts:
        units = [unit for atom in atoms[start : start + count] for unit in atom]
        start += count
        pages.append(_gsm7_page(units) if encoding == "gsm7" else _ucs2_page(units, prefix))
    return CBPaginas(
        encoding=encoding,
        dcs=dcs,
        pages=tuple(pages),
        tekens=len(text),
        eenheden=sum(len(atom) for atom in atoms),
        culprits=ucs2_culprits(text) if encoding == "ucs2" else (),
    )


def pagina_telling(text: str, taal: str) -> tuple[Encoding, int]:
    """The encoding and page count `encode` would give, without building pages or a limit."""
    text = normalise_line_breaks(text)
    encoding: Encoding = "gsm7" if is_gsm7(text) else "ucs2"
    sizes = [len(_atom(ch, encoding)) for ch in text]
    return encoding, len(_paginate(sizes, _capacity(encoding, dcs_voor(taal, encoding))))


def decode(pages: Sequence[bytes], dcs: int) -> str:
    """The text carried by the pages, with the trailing CR padding of every page removed."""
    info = dcs_info(dcs)
    if any(len(page) != PAGE_OCTETS for page in pages):
        raise ValueError(f"every page is exactly {PAGE_OCTETS} octets")
    if info.encoding == "gsm7":
        septets: list[int] = []
        for page in pages:
            page_septets = unpack_septets(page, GSM7_PAGE_SEPTETS)
            if info.language_indication:
                page_septets = page_septets[_GSM7_LANGUAGE_SEPTETS:]
            septets.extend(_rstrip(page_septets, CR_SEPTET))
        return decode_septets(septets)
    units: list[int] = []
    for page in pages:
        body = page[_LANGUAGE_OCTETS:] if info.language_indication else page
        page_units = [int.from_bytes(body[i : i + 2], "big") for i in range(0, len(body), 2)]
        units.extend(_rstrip(page_units, _CR_UNIT))
    # Decoding all pages at once keeps a surrogate pair that another encoder split intact.
    return b"".join(unit.to_bytes(2, "big") for unit in units).decode("utf-16-be")


def _check_characters(text: str) -> None:
    for i, ch in enumerate(text):
        if 0xD800 <= ord(ch) <= 0xDFFF:
            reden = Melding(
                N_("los surrogaat %(teken)s op positie %(positie)s"),
                teken=f"U+{ord(ch):04X}",
                positie=i,
            )
            raise InvalidField("tekst", reden)
        if ch == "\ufffe":
            # Java's UTF-16 decoder would take it for a little-endian byte-order mark.
            reden = Melding(
                N_("niet-teken %(teken)s op positie %(positie)s"), teken="U+FFFE", positie=i
            )
            raise InvalidField("tekst", reden)


def _capacity(encoding: Encoding, dcs: int) -> int:
    if encoding == "gsm7":
        return GSM7_PAGE_SEPTETS
    if dcs == DCS_UCS2_LANGUAGE_INDICATION:
        return UCS2_PAGE_UNITS_WITH_LANGUAGE
    return UCS2_PAGE_UNITS


def _atom(ch: str, encoding: Encoding) -> tuple[int, ...]:
    """The code units of one character, which must stay on one page."""
    if encoding == "gsm7":
        return char_septets(ch)
    code = ord(ch)
    if code <= 0xFFFF:
        return (code,)
    code -= 0x10000
    return (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def _paginate(sizes: Sequence[int], capacity: int) -> list[int]:
    """Characters per page, filling each page greedily; greedy is minimal for in-order packing."""
    counts: list[int] = []
    used = count = 0
    for size in sizes:
        if used + size > capacity:
            counts.append(count)
            used = count = 0
        used += size
        count += 1
    counts.append(count)
    return counts


def _gsm7_page(septets: list[int]) -> bytes:
    padded = septets + [CR_SEPTET] * (GSM7_PAGE_SEPTETS - len(septets))
    return pack_septets(padded)


def _ucs2_page(units: list[int], prefix: bytes) -> bytes:
    capacity = (PAGE_OCTETS - len(prefix)) // 2
    padded = units + [_CR_UNIT] * (capacity - len(units))
    return prefix + b"".join(unit.to_bytes(2, "big") for unit in padded)


def _rstrip(units: list[int], pad: int) -> list[int]:
    end = len(units)
    while end and units[end - 1] == pad:
        end -= 1
    return units[:end]
