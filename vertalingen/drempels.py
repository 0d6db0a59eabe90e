"""The thresholds a readable (B1) text must meet, each with the reason for its value.

The reasons are Dutch msgids (N_): the web screens show them in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from handelingsperspectieven.meldingen import N_

__all__ = ["B1", "Drempels"]


def _drempel(standaard: float, reden: str) -> Any:
    # The reason travels with the field, so a changed value cannot lose its justification.
    return field(default=standaard, metadata={"reden": reden})


@dataclass(frozen=True, slots=True, kw_only=True)
class Drempels:
    """Thresholds a text must meet; a name ending in _min is a floor, in _max a ceiling."""

    flesch_douma_min: float = _drempel(
        70.0,
        N_(
            "DOMAIN.md 6: Flesch-Douma 60-70 = normaal, 70-80 = vrij makkelijk, 80+ = makkelijk; "
            "B1 vraagt minstens vrij makkelijk"
        ),
    )
    woorden_per_zin_max: float = _drempel(
        10.0,
        N_("DOMAIN.md 6: B1-richtlijn ongeveer 10 woorden per zin of minder"),
    )
    langste_zin_max: float = _drempel(
        15.0,
        N_(
            "een gemiddelde verbergt één lange zin; nlalert staat hoogstens anderhalf keer de "
            "richtlijn van 10 woorden toe"
        ),
    )
    passief_max: float = _drempel(
        0.0,
        N_("DOMAIN.md 6: actieve zinnen, vermijd 'worden'"),
    )
    jargon_max: float = _drempel(
        0.0,
        N_("DOMAIN.md 6 en WEA-onderzoek: geen jargon en geen afkortingen"),
    )
    zeldzame_woorden_max: float = _drempel(
        2.0,
        N_(
            "DOMAIN.md 6: veelgebruikte, concrete woorden; leg hoogstens twee moeilijke woorden uit"
        ),
    )
    modale_werkwoorden_per_zin_max: float = _drempel(
        0.5,
        N_(
            "DOMAIN.md 6: weinig modale werkwoorden; een opdracht ('Ga naar binnen') is duidelijker "
            "dan 'u moet', dus hoogstens één per twee zinnen"
        ),
    )

    def reden(self, naam: str) -> str:
        """Why the threshold `naam` has its value."""
        return str(next(f.metadata["reden"] for f in fields(self) if f.name == naam))


B1 = Drempels()
