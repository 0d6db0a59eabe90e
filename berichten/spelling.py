"""GSM-7 spelling per language: write characters outside GSM-7 the GSM-7 way when it saves pages.

One ê puts a whole French text into UCS-2 (40 characters a page instead of 93). Readers of
French and Papiamento read "fenetres" without trouble on a phone, so their broadcasts are
spelled by default; Turkish and Polish readers commonly accept text without diacritics, but it
is a regional choice, so it is offered with the pages it would save; Arabic and Ukrainian are
UCS-2 by nature and are never spelled. The spelling itself is the project's table
(`berichten/spelling.toml`, read by `berichten.gsm7`).

A spelled text is used only when it has fewer pages than the text as written; otherwise the
written text goes out. Only the cell-broadcast pages carry the spelling: CAP, the visual card and
the checks read the language as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from berichten.errors import InvalidCombination
from berichten.gsm7 import gsm7_spelling
from berichten.paginas import pagina_telling
from handelingsperspectieven.meldingen import N_


class Beleid(StrEnum):
    """What a language's broadcasts do with GSM-7 spelling when the region says nothing."""

    AAN = "aan"  # spelled by default when it saves pages
    AANBOD = "aanbod"  # written as is; the saving is shown, a region can switch it on
    NOOIT = "nooit"  # never spelled: the script itself needs UCS-2


# Our choice per broadcast language (issue 14). Dutch, English and German rarely need it (their
# letters are in GSM-7); a pasted ë or typographic quote is then offered, not silently changed.
BELEID: dict[str, Beleid] = {
    "nl": Beleid.AANBOD,
    "en": Beleid.AANBOD,
    "de": Beleid.AANBOD,
    "fr": Beleid.AAN,
    "pap": Beleid.AAN,
    "tr": Beleid.AANBOD,
    "pl": Beleid.AANBOD,
    "ar": Beleid.NOOIT,
    "uk": Beleid.NOOIT,
}


def beleid(taal: str) -> Beleid:
    """The spelling policy of a language; a language we do not know is never spelled."""
    return BELEID.get(taal, Beleid.NOOIT)


def standaard_talen() -> frozenset[str]:
    """The languages whose broadcasts are spelled when the region sets nothing."""
    return frozenset(t for t, b in BELEID.items() if b is Beleid.AAN)


class SpellingNietToegestaan(InvalidCombination):
    """GSM-7 spelling was asked for a language that is never spelled (or unknown)."""

    def __init__(self, taal: str) -> None:
        self.taal = taal
        super().__init__(
            N_("GSM-7-spelling kan niet voor taal '%(taal)s'; wel voor: %(talen)s"),
            taal=taal,
            talen=", ".join(t for t, b in BELEID.items() if b is not Beleid.NOOIT),
        )


def controleer(talen: Iterable[str]) -> frozenset[str]:
    """The languages to spell, or SpellingNietToegestaan for Arabic, Ukrainian or unknown ones."""
    gekozen = frozenset(talen)
    for taal in sorted(gekozen):
        if beleid(taal) is Beleid.NOOIT:
            raise SpellingNietToegestaan(taal)
    return gekozen


@dataclass(frozen=True, slots=True, kw_only=True)
class Spelling:
    """A text as written and as spelled in GSM-7, with the pages of each and whether it is used."""

    taal: str
    origineel: str
    gespeld: str
    paginas_voor: int
    paginas_na: int
    aan: bool  # spelling is switched on for this language

    @property
    def bespaart(self) -> int:
        """Pages the spelled text saves (0 when it saves none)."""
        return max(0, self.paginas_voor - self.paginas_na)

    @property
    def toegepast(self) -> bool:
        """Whether the spelled text goes out: switched on and fewer pages."""
        return self.aan and self.bespaart > 0

    @property
    def aanbod(self) -> bool:
        """Switched off but it would save pages: worth showing the communicator."""
        return not self.aan and self.bespaart > 0

    @property
    def tekst(self) -> str:
        """The text that goes out."""
        return self.gespeld if self.toegepast else self.origineel

    @property
    def paginas(self) -> int:
        """The pages of the text that goes out."""
        return self.paginas_na if self.toegepast else self.paginas_voor

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "taal": self.taal,
            "beleid": beleid(self.taal).value,
            "aan": self.aan,
            "toegepast": self.toegepast,
            "origineel": self.origineel,
            "gespeld": self.gespeld,
            "paginas_voor": self.paginas_voor,
            "paginas_na": self.paginas_na,
            "bespaart": self.bespaart,
        }


def spel(tekst: str, taal: str, *, aan: bool) -> Spelling | None:
    """The GSM-7 spelling of a text in a language; None when there is nothing to spell."""
    if beleid(taal) is Beleid.NOOIT:
        return None
    gespeld = gsm7_spelling(tekst)
    if gespeld == tekst:
        return None
    return Spelling(
        taal=taal,
        origineel=tekst,
        gespeld=gespeld,
        paginas_voor=pagina_telling(tekst, taal)[1],
        paginas_na=pagina_telling(gespeld, taal)[1],
        aan=aan,
    )
