"""Flag free text in a field with a vocabulary: inserted as typed, so Dutch in other languages.

A communicator may type a substance that is not in the list; it goes out as typed. Every language
it lands in untranslated is named in one warning per value, so the preview, the review screen and
the approval page can say "'chloor' is not translated into de, fr, tr".
"""

from __future__ import annotations

from collections.abc import Sequence

from berichten.model import Taaltekst, Waarschuwing
from handelingsperspectieven.meldingen import N_, Melding

CODE = "niet-vertaald"


def waarschuwingen(talen: Sequence[Taaltekst]) -> list[Waarschuwing]:
    """One warning per free value, naming every language it stays untranslated in."""
    per_waarde: dict[str, list[str]] = {}
    for t in talen:
        for waarde in t.niet_vertaald:
            per_waarde.setdefault(waarde, []).append(t.taal)
    return [
        Waarschuwing(
            code=CODE,
            melding=Melding(
                N_("'%(waarde)s' is niet vertaald in: %(talen)s"),
                waarde=waarde,
                talen=", ".join(codes),
            ),
        )
        for waarde, codes in per_waarde.items()
    ]
