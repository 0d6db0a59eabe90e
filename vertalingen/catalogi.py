"""Load the Babel catalogues (.po, compiled in memory at load time) and translate with fallback.

The Dutch text is the msgid, so a missing translation falls back to the reviewed Dutch text: the
safe failure. Callers learn about every fallback, so it is shown to the user, never silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import IO

from babel.messages.pofile import read_po

from vertalingen.talen import BRONTAAL, taal

CONTEXT = "\x04"  # gettext's separator of msgctxt and msgid in one key
BROADCAST = "broadcast"  # everything a citizen reads
UI = "ui"  # the web application's own texts


def _po_pad(locale: str, domein: str) -> resources.abc.Traversable:
    return resources.files("vertalingen") / "locales" / locale / "LC_MESSAGES" / f"{domein}.po"


@cache
def _vertalingen(locale: str, domein: str) -> dict[str, str]:
    """The reviewed translations of a .po file; fuzzy and empty entries are left out on purpose.

    Compiled at load time from the committed .po, so a wheel needs no .mo files.
    """
    pad = _po_pad(locale, domein)
    if not pad.is_file():
        return {}
    with pad.open("rb") as f:
        return lees_po(f, locale, domein)


def lees_po(f: IO[bytes], locale: str, domein: str = BROADCAST) -> dict[str, str]:
    """The reviewed translations of one .po file, keyed by msgid (context + \\x04 + msgid)."""
    catalogus = read_po(f, locale=locale, domain=domein)
    return {
        (f"{m.context}{CONTEXT}{m.id}" if m.context else str(m.id)): str(m.string)
        for m in catalogus
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
    }


@dataclass(slots=True)
class Vertaler:
    """Translates broadcast msgids into one language and remembers which fell back to Dutch."""

    taal: str
    teruggevallen: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        taal(self.taal)  # raises OnbekendeTaal early

    def gettext(self, msgid: str) -> str:
        """The translation of msgid, or msgid itself (Dutch) when there is none."""
        if self.taal == BRONTAAL or not msgid:
            return msgid
        # Membership, not equality: a translation may rightly equal its msgid ("NL-Alert %(datum)s ...").
        vertaald = _vertalingen(self.taal, BROADCAST).get(msgid)
        if vertaald is None:
            self.teruggevallen.append(msgid)
            return msgid
        return vertaald

    def pgettext(self, context: str, msgid: str) -> str | None:
        """The translation of msgid in a context (a field's vocabulary), or None when there is none.

        Unlike `gettext` this does not fall back silently: a value without a translation is the
        caller's to flag, with the value and the language named.
        """
        if self.taal == BRONTAAL:
            return msgid
        return _vertalingen(self.taal, BROADCAST).get(f"{context}{CONTEXT}{msgid}")

    def ngettext(self, enkelvoud: str, meervoud: str, n: int) -> str:
        """Plural pair: the broadcast texts have no plurals, so this only keeps Jinja's i18n whole."""
        return self.gettext(enkelvoud if n == 1 else meervoud)

    def vul_in(self, msgid: str, waarden: dict[str, str]) -> str:
        """Translate a whole sentence and fill its named %(...)s placeholders."""
        return self.gettext(msgid) % waarden
