"""Estimate how wide a line of text is, and wrap text to a width, for the visual card.

SVG has no line wrapping, so the card wraps its text itself. The widths are those of DejaVu Sans
Bold (the card's first font), rounded up, so a line set in a narrower fallback font still fits.
"""

from __future__ import annotations

import unicodedata

# Advance widths of DejaVu Sans Bold in em, per ASCII character, measured once and rounded up.
_ASCII: dict[str, float] = {
    c: w
    for w, tekens in (
        (0.30, "'"),
        (0.35, " /IJ\\ijl|"),
        (0.40, ",-.:;"),
        (0.45, "!()[]f"),
        (0.50, '"*_`rt'),
        (0.60, "?csz"),
        (0.65, "Lakvxy"),
        (0.70, "$0123456789EFSTYbdeghnopqu{}"),
        (0.75, "ABCKPRVXZ"),
        (0.80, "GU"),
        (0.85, "#&+<=>DHNOQ^~"),
        (0.90, "w"),
        (1.00, "%@M"),
        (1.05, "m"),
        (1.10, "W"),
    )
    for c in tekens
}
_ANDERS = 0.75  # Cyrillic, Greek and other letters: as wide as a wide Latin capital
_ARABISCH = 0.60  # joined Arabic letters are narrower than Latin ones


def _teken(c: str) -> float:
    if c in _ASCII:
        return _ASCII[c]
    if unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0.0  # combining marks and bidi controls take no room of their own
    basis = unicodedata.normalize("NFD", c)[0]
    if basis in _ASCII:
        return _ASCII[basis]  # é is as wide as e
    if "\u0600" <= c <= "\u06ff":
        return _ARABISCH
    return _ANDERS


def breedte(tekst: str, grootte: float) -> float:
    """The estimated width in pixels of one line of bold text at a font size in pixels."""
    return sum(_teken(c) for c in tekst) * grootte


def _knip(woord: str, grootte: float, max_breedte: float) -> list[str]:
    """Split a word too long for any line into pieces that fit; rare, but never cut text off."""
    stukken, stuk = [], ""
    for c in woord:
        if stuk and breedte(stuk + c, grootte) > max_breedte:
            stukken.append(stuk)
            stuk = ""
        stuk += c
    return [*stukken, stuk] if stuk else stukken


def regels(tekst: str, grootte: float, max_breedte: float) -> list[str]:
    """Wrap text into lines no wider than max_breedte, breaking at spaces."""
    uit: list[str] = []
    regel = ""
    for woord in tekst.split():
        proef = f"{regel} {woord}" if regel else woord
        if breedte(proef, grootte) <= max_breedte:
            regel = proef
            continue
        if regel:
            uit.append(regel)
        if breedte(woord, grootte) <= max_breedte:
            regel = woord
        else:
            *heel, regel = _knip(woord, grootte, max_breedte)
            uit.extend(heel)
    if regel:
        uit.append(regel)
    return uit
