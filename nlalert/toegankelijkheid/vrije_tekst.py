"""Free text per language for the review screen: the reviewers' translation memory (issue 14).

Every stored bericht (concepts as well as sent ones) whose vocabulary field holds a value not in
the list goes out untranslated in its other languages, unless a reviewer has added that value's
translation. This lists those values per language, most frequent first, with the berichten they
are in, so a reviewer can translate a recurring one once.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from nlalert.workflow import opslag, woordenschat
from vertalingen import BRONTAAL


@dataclass(frozen=True, slots=True, kw_only=True)
class VrijeWaarde:
    """A free value that one language still lacks, and the berichten it is in."""

    veld: str
    taal: str
    waarde: str
    berichten: tuple[tuple[int, str], ...]  # (id, status), newest change first

    @property
    def aantal(self) -> int:
        """How many berichten carry it: a recurring value is worth translating once."""
        return len(self.berichten)


def per_taal(db: sqlite3.Connection, *, limiet: int = 500) -> dict[str, list[VrijeWaarde]]:
    """Per language, the free values it lacks a translation of, most frequent first."""
    bekend = woordenschat.alle(db)
    gevonden: dict[tuple[str, str, str], tuple[str, list[tuple[int, str]]]] = {}
    for record in opslag.lijst(db, limiet=limiet):
        for veld, waarde in woordenschat.vrije_waarden(record.inhoud):
            for taal in record.inhoud.get("talen") or ():
                sleutel = (veld, taal, waarde.casefold())
                if taal == BRONTAAL or sleutel in bekend:
                    continue
                _eerste, berichten = gevonden.setdefault(sleutel, (waarde, []))
                berichten.append((record.id or 0, str(record.status)))
    uit: dict[str, list[VrijeWaarde]] = {}
    for (veld, taal, _sleutel), (waarde, berichten) in gevonden.items():
        uit.setdefault(taal, []).append(
            VrijeWaarde(veld=veld, taal=taal, waarde=waarde, berichten=tuple(berichten))
        )
    for lijst in uit.values():
        lijst.sort(key=lambda v: (-v.aantal, v.waarde.casefold()))
    return dict(sorted(uit.items()))
