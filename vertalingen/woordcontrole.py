"""Check the field vocabularies against the broadcast catalogues: every value in every language.

A value added to `woordenlijsten.toml` without its translations, or a translation whose
placeholders differ from the Dutch, is a finding that names the value and the language; the
catalogue test fails on any finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from handelingsperspectieven import Woordenlijst, placeholders
from vertalingen.catalogi import BROADCAST, CONTEXT, _vertalingen
from vertalingen.talen import BRONTAAL, TALEN


@dataclass(frozen=True, slots=True, kw_only=True)
class Bevinding:
    """One vocabulary value (or the field's sentence) that a language lacks or gets wrong."""

    veld: str
    waarde: str
    taal: str
    reden: str

    def __str__(self) -> str:
        return f"{self.veld} '{self.waarde}' in '{self.taal}': {self.reden}"


def _catalogus(code: str) -> Mapping[str, str]:
    return _vertalingen(code, BROADCAST)


def controleer(
    lijsten: Mapping[str, Woordenlijst],
    talen: Iterable[str] | None = None,
    catalogus: Callable[[str], Mapping[str, str]] = _catalogus,
) -> list[Bevinding]:
    """Every missing or mismatched translation of the vocabularies, per value and language.

    `catalogus` gives a language's reviewed translations (the committed .po by default).
    """
    codes = [c for c in (talen if talen is not None else TALEN) if c != BRONTAAL]
    uit: list[Bevinding] = []
    for lijst in lijsten.values():
        for code in codes:
            vertalingen = catalogus(code)
            zin = vertalingen.get(lijst.zin)
            if zin is None:
                uit.append(_b(lijst, lijst.zin, code, "the sentence has no translation"))
            elif placeholders(zin) != placeholders(lijst.zin):
                uit.append(_b(lijst, lijst.zin, code, f"placeholders differ: {zin!r}"))
            for waarde in lijst.waarden:
                woord = vertalingen.get(f"{lijst.veld}{CONTEXT}{waarde}")
                if woord is None:
                    uit.append(_b(lijst, waarde, code, "no translation"))
                elif placeholders(woord) != placeholders(waarde) or "%" in woord:
                    uit.append(_b(lijst, waarde, code, f"placeholder mismatch: {woord!r}"))
    return uit


def _b(lijst: Woordenlijst, waarde: str, taal: str, reden: str) -> Bevinding:
    return Bevinding(veld=lijst.veld, waarde=waarde, taal=taal, reden=reden)
