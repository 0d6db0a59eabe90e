"""The GSM 7-bit default alphabet (3GPP TS 23.038 section 6.2.1) and its extension table.

A cell-broadcast text is sent in GSM-7 only when every character is in the default alphabet or the
extension table; one other character (such as ë or ï) turns the whole message into UCS-2, which
holds less than half as much text per page. `ucs2_culprits` names those characters and proposes
a GSM-7 spelling from the project's own table (`spelling.toml`), so an editor can choose to keep
them or save pages; `berichten.spelling` applies it per language.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from berichten.errors import BerichtError
from handelingsperspectieven.meldingen import N_

ESCAPE = 0x1B
CR_SEPTET = 0x0D

# Index = septet value. Position 0x1B is the escape to the extension table, not a character.
_DEFAULT_TABLE = (
    "@£$¥èéùìòÇ\nØø\rÅå"
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"
    " !\"#¤%&'()*+,-./"
    "0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNO"
    "PQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmno"
    "pqrstuvwxyzäöñüà"
)
assert len(_DEFAULT_TABLE) == 128

_BASIC: dict[str, int] = {ch: i for i, ch in enumerate(_DEFAULT_TABLE) if i != ESCAPE}

# The printable extension characters; each costs the escape plus one septet.
_EXTENSION: dict[str, int] = {
    "^": 0x14,
    "{": 0x28,
    "}": 0x29,
    "\\": 0x2F,
    "[": 0x3C,
    "~": 0x3D,
    "]": 0x3E,
    "|": 0x40,
    "€": 0x65,
}
# ESC 0x0A is a page break (form feed). We decode it but never encode it: a control character in
# an alert is pasted junk, so it is reported as a culprit instead of silently kept.
_EXTENSION_DECODE: dict[int, str] = {v: k for k, v in _EXTENSION.items()} | {0x0A: "\f"}

SPELLINGTABEL = "spelling.toml"  # the project's own GSM-7 spelling table, documented inside


@cache
def spellingtabel() -> dict[str, str]:
    """Our GSM-7 spelling of each listed character: punctuation, spaces and letters in one map."""
    with (resources.files("berichten") / SPELLINGTABEL).open("rb") as f:
        groepen = tomllib.load(f)
    return {teken: spelling for groep in groepen.values() for teken, spelling in groep.items()}


class NotGsm7(BerichtError):
    """A character that the GSM 7-bit alphabet cannot represent was asked to be encoded."""

    def __init__(self, teken: str, positie: int) -> None:
        self.teken = teken
        self.positie = positie
        super().__init__(
            N_("teken %(teken)s op positie %(positie)s bestaat niet in GSM-7"),
            teken=repr(teken),
            positie=positie,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Culprit:
    """A character that forces UCS-2, where it is (code point index) and a GSM-7 spelling."""

    teken: str
    positie: int
    voorstel: str  # "" when there is no GSM-7 spelling

    def to_dict(self) -> dict[str, str | int]:
        """The JSON shape of one culprit."""
        return {"teken": self.teken, "positie": self.positie, "voorstel": self.voorstel}


def is_gsm7(text: str) -> bool:
    """Whether every character is in the GSM-7 default alphabet or its extension table."""
    return all(ch in _BASIC or ch in _EXTENSION for ch in text)


def septet_count(text: str) -> int:
    """Septets the text needs in GSM-7 (extension characters cost two)."""
    return sum(len(_septets_of(ch, i)) for i, ch in enumerate(text))


def encode_septets(text: str) -> list[int]:
    """The text as septet values, extension characters as escape plus code."""
    septets: list[int] = []
    for i, ch in enumerate(text):
        septets.extend(_septets_of(ch, i))
    return septets


def char_septets(ch: str) -> tuple[int, ...]:
    """The septets of one character: one value, or the escape and its extension code."""
    return _septets_of(ch, 0)


def _septets_of(ch: str, positie: int) -> tuple[int, ...]:
    if (code := _BASIC.get(ch)) is not None:
        return (code,)
    if (code := _EXTENSION.get(ch)) is not None:
        return (ESCAPE, code)
    raise NotGsm7(ch, positie)


def decode_septets(septets: Iterable[int]) -> str:
    """Septet values back to text, following the escape to the extension table."""
    out: list[str] = []
    escaped = False
    for septet in septets:
        if not 0 <= septet < 0x80:
            raise ValueError(f"septet out of range: {septet}")
        if escaped:
            # TS 23.038 6.2.1.1: a code missing from the extension table shows its default
            # character.
            out.append(_EXTENSION_DECODE.get(septet, _DEFAULT_TABLE[septet]))
            escaped = False
        elif septet == ESCAPE:
            escaped = True
        else:
            out.append(_DEFAULT_TABLE[septet])
    if escaped:
        # A dangling escape is shown as a space by phones that cannot interpret it (TS 23.038).
        out.append(" ")
    return "".join(out)


def pack_septets(septets: Sequence[int]) -> bytes:
    """Pack septets LSB-first into octets (TS 23.038 6.1.2.1.1); spare high bits are zero."""
    value = 0
    for i, septet in enumerate(septets):
        if not 0 <= septet < 0x80:
            raise ValueError(f"septet out of range: {septet}")
        value |= septet << (7 * i)
    return value.to_bytes((7 * len(septets) + 7) // 8, "little")


def unpack_septets(data: bytes, count: int) -> list[int]:
    """The first `count` septets packed LSB-first in `data`."""
    if count < 0 or 7 * count > 8 * len(data):
        raise ValueError(f"{len(data)} octets do not hold {count} septets")
    value = int.from_bytes(data, "little")
    return [(value >> (7 * i)) & 0x7F for i in range(count)]


def ucs2_culprits(text: str) -> tuple[Culprit, ...]:
    """Every character that keeps the text out of GSM-7, with a proposed GSM-7 spelling."""
    return tuple(
        Culprit(teken=ch, positie=i, voorstel=_proposal(ch))
        for i, ch in enumerate(text)
        if not is_gsm7(ch)
    )


def gsm7_spelling(text: str) -> str:
    """The text with every culprit replaced by its proposal; culprits without one are kept."""
    return "".join(ch if is_gsm7(ch) else (_proposal(ch) or ch) for ch in text)


def _proposal(ch: str) -> str:
    if (proposal := spellingtabel().get(ch)) is not None:
        return proposal
    # Not in our table: compatibility decomposition turns ř into r + caron and ｆ into f; dropping
    # the combining marks leaves the letter a reader still recognises.
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    if base and base != ch and is_gsm7(base):
        return base
    return ""
