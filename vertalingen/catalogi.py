"""Load the Babel catalogues (.po, compiled in memory at load time) and translate with fallback.

The Dutch text is the msgid, so a missing translation falls back to the reviewed Dutch text: the
safe failure. Callers learn about every fallback, so it is shown to the user, never silent.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from vertalingen.talen import BRONTAAL, taal

BROADCAST = "broadcast"  # everything a citizen reads
UI = "ui"  # the web application's own texts


def _po_pad(locale: str, domein: str) -> resources.abc.Traversable:
    return resources.files("vertalingen") / "locales" / locale / "LC_MESSAGES" / f"{domein}.po"


@cache
def _vertalingen(locale: str, domein: str) -> gettext.GNUTranslations | None:
    """Compile a .po file in memory; fuzzy entries are left out on purpose."""
    pad = _po_pad(locale, domein)
    if not pad.is_file():
        return None
    with pad.open("rb") as f:
        catalogus = read_po(f, locale=locale, domain=domein)
    buffer = BytesIO()
    write_mo(buffer, catalogus, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@dataclass(slots=True)
class Vertaler:
    """Translates msgids into one language and remembers which fell back to Dutch."""

    taal: str
    domein: str = BROADCAST
    teruggevallen: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        taal(self.taal)  # raises OnbekendeTaal early

    def gettext(self, msgid: str) -> str:
        """The translation of msgid, or msgid itself (Dutch) when there is none."""
        if self.taal == BRONTAAL or not msgid:
            return msgid
        vertalingen = _vertalingen(self.taal, self.domein)
        vertaald = vertalingen.gettext(msgid) if vertalingen else msgid
        if vertaald == msgid:
            self.teruggevallen.append(msgid)
        return vertaald

    def ngettext(self, enkelvoud: str, meervoud: str, n: int) -> str:
        """Plural form of a msgid pair, with the same Dutch fallback."""
        if self.taal == BRONTAAL:
            return enkelvoud if n == 1 else meervoud
        vertalingen = _vertalingen(self.taal, self.domein)
        if vertalingen is None:
            self.teruggevallen.append(enkelvoud)
            return enkelvoud if n == 1 else meervoud
        vertaald = vertalingen.ngettext(enkelvoud, meervoud, n)
        if vertaald in (enkelvoud, meervoud):
            self.teruggevallen.append(enkelvoud)
        return vertaald

    def vul_in(self, msgid: str, waarden: dict[str, str]) -> str:
        """Translate a whole sentence and fill its named %(...)s placeholders."""
        return self.gettext(msgid) % waarden
