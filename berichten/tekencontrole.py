"""Catalogue texts checked by what readers see: no character that forces UCS-2 for nothing.

A typographic apostrophe (’), a no-break space before French punctuation or a guillemet looks
right in a word processor, but on a phone it turns a whole Latin-script broadcast into UCS-2:
less than half the text per page. Letters are the language's own business (GSM-7 spelling deals
with them, `berichten.spelling`); punctuation, spaces and symbols outside GSM-7 are never
needed by a language we broadcast in with the Latin script. Arabic and Ukrainian are UCS-2 by
nature, so there such a character costs nothing and is not checked.

A character that is meant has to be marked on its catalogue entry, with the reason, in a
translator comment (`# ...` in the .po) or a `TRANSLATORS:` source comment (`#.`):

    # ucs2-bewust U+00AB U+00BB: the region's style guide asks for guillemets

`ucs2-bewust`, then every such character as U+XXXX (they are often invisible), a colon and the
reason. Babel keeps translator comments when a catalogue is updated. tests/vertalingen checks
every catalogue with `controleer`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from berichten.gsm7 import is_gsm7
from berichten.spelling import Beleid, beleid

MARKERING = "ucs2-bewust"
_MARKERING = re.compile(rf"^\s*{MARKERING}((?:\s+U\+[0-9A-Fa-f]{{4,6}})+)\s*:\s*(.*)$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Vondst:
    """A character in a catalogue text that forces UCS-2 without being marked as meant."""

    taal: str
    msgid: str
    teken: str
    uitleg: str

    def __str__(self) -> str:
        code = f"U+{ord(self.teken):04X} {unicodedata.name(self.teken, '?')}"
        return f"{self.taal}: {code} in {self.msgid!r}: {self.uitleg}"


def onnodig(tekst: str) -> list[str]:
    """The characters of a text outside GSM-7 that are not letters (punctuation, spaces,
    symbols), in order of first appearance."""
    return list(
        dict.fromkeys(
            ch
            for ch in tekst
            if not is_gsm7(ch) and not unicodedata.category(ch).startswith(("L", "M"))
        )
    )


def markeringen(commentaren: Iterable[str]) -> dict[str, str]:
    """The characters marked as meant in an entry's comments, each with its reason."""
    uit: dict[str, str] = {}
    for regel in commentaren:
        if (m := _MARKERING.match(regel)) is None:
            continue
        for code in m.group(1).split():
            uit[chr(int(code[2:], 16))] = m.group(2).strip()
    return uit


def controleer(taal: str, msgid: str, tekst: str, commentaren: Iterable[str] = ()) -> list[Vondst]:
    """What is wrong with one catalogue text: unmarked characters, marks without a reason, and
    marks for characters the text no longer has."""
    if beleid(taal) is Beleid.NOOIT:
        return []
    gemarkeerd = markeringen(commentaren)
    gevonden = onnodig(tekst)
    uit = [
        Vondst(taal=taal, msgid=msgid, teken=ch, uitleg="forces UCS-2; not marked ucs2-bewust")
        for ch in gevonden
        if ch not in gemarkeerd
    ]
    uit += [
        Vondst(taal=taal, msgid=msgid, teken=ch, uitleg="marked ucs2-bewust without a reason")
        for ch in gevonden
        if ch in gemarkeerd and not gemarkeerd[ch]
    ]
    uit += [
        Vondst(taal=taal, msgid=msgid, teken=ch, uitleg="marked ucs2-bewust but not in the text")
        for ch in gemarkeerd
        if ch not in gevonden
    ]
    return uit
