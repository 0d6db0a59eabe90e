"""The page census: cell-broadcast pages per language over every category, as written and spelled.

Every category of the catalogue is composed with its example values in the standard variant, one
language at a time (each language is its own broadcast), as the accessibility review composes
it. For every language the census counts the pages as written and with GSM-7 spelling
(`berichten.spelling`), and how many categories still need UCS-2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from berichten.compose import Instellingen, compose
from berichten.model import Afzender
from berichten.modus import Modus
from berichten.spelling import BELEID, Beleid, beleid
from handelingsperspectieven import catalogus, voorbeeldvelden
from vertalingen import TALEN

AFZENDER = Afzender(naam="Veiligheidsregio (voorbeeld)")  # the sender the review shows


@dataclass(frozen=True, slots=True, kw_only=True)
class Taaltelling:
    """One language over every category: pages and UCS-2 categories before and after spelling."""

    taal: str
    beleid: Beleid
    voor: int  # pages as written
    na: int  # pages with GSM-7 spelling switched on (the same when never spelled)
    ucs2_voor: int  # categories in UCS-2 as written
    ucs2_na: int  # categories still in UCS-2 when spelled

    @property
    def standaard(self) -> int:
        """Pages with the default setting: spelled only where the policy is on."""
        return self.na if self.beleid is Beleid.AAN else self.voor

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "taal": self.taal,
            "beleid": self.beleid.value,
            "voor": self.voor,
            "na": self.na,
            "standaard": self.standaard,
            "bespaart": self.voor - self.na,
            "ucs2_voor": self.ucs2_voor,
            "ucs2_na": self.ucs2_na,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Telling:
    """The census of every language over every category."""

    categorieen: int
    talen: tuple[Taaltelling, ...]

    @property
    def voor(self) -> int:
        """All pages as written."""
        return sum(t.voor for t in self.talen)

    @property
    def standaard(self) -> int:
        """All pages with the default spelling setting."""
        return sum(t.standaard for t in self.talen)

    @property
    def na(self) -> int:
        """All pages with spelling on wherever it is allowed."""
        return sum(t.na for t in self.talen)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "categorieen": self.categorieen,
            "variant": "standaard",
            "talen": [t.to_dict() for t in self.talen],
            "totaal": {"voor": self.voor, "standaard": self.standaard, "na": self.na},
        }


def paginatelling(*, tijd: datetime | None = None) -> Telling:
    """Count the pages of every category x language, as written and spelled in GSM-7."""
    toegestaan = frozenset(t for t, b in BELEID.items() if b is not Beleid.NOOIT)
    inst = Instellingen(gsm7_spelling=toegestaan)
    tellers = {code: [0, 0, 0, 0] for code in TALEN}
    categorieen = catalogus()
    for p in categorieen.values():
        waarden = voorbeeldvelden(p)
        modus = Modus(p.vaste_modus) if p.vaste_modus else Modus.ECHT
        for code in TALEN:
            b = compose(
                p,
                waarden,
                talen=[code],
                modus=modus,
                tijd=tijd,
                afzender=AFZENDER,
                instellingen=inst,
            )
            t = b.talen[0]
            s = t.spelling
            teller = tellers[code]
            teller[0] += s.paginas_voor if s is not None else len(t.cb.pages)
            teller[1] += len(t.cb.pages)
            # A text with a spelling had a character outside GSM-7: it was UCS-2 as written.
            teller[2] += s is not None or t.cb.encoding == "ucs2"
            teller[3] += t.cb.encoding == "ucs2"
    return Telling(
        categorieen=len(categorieen),
        talen=tuple(
            Taaltelling(taal=code, beleid=beleid(code), voor=v, na=n, ucs2_voor=uv, ucs2_na=un)
            for code, (v, n, uv, un) in tellers.items()
        ),
    )
