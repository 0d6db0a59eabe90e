"""Field vocabularies: the values of a field a communicator picks from a list (woordenlijsten.toml).

Each value is a Dutch msgid in the broadcast catalogue with the field's id as its context, so
"chloor" reads "Chlor", "chlore" and "klor" in the sentence that field fills in. A value not in
the list stays possible; it is inserted as typed, and flagged per language by `berichten`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from handelingsperspectieven.errors import OngeldigBestand
from handelingsperspectieven.laden import _lees, velden
from handelingsperspectieven.meldingen import N_, Melding
from handelingsperspectieven.model import placeholders

BESTAND = "woordenlijsten.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class Woordenlijst:
    """The known values of one field, each with an English gloss for translators."""

    veld: str
    zin: str  # the Dutch sentence the value is inserted into (a msgid)
    waarden: tuple[str, ...]
    uitleg: tuple[str, ...]  # the English gloss of each value, same order

    def bevat(self, waarde: str) -> bool:
        """Whether a typed value is one of the list's (case and outer spaces ignored)."""
        return self.vind(waarde) is not None

    def vind(self, waarde: str) -> str | None:
        """The list's own spelling of a typed value, or None for a free value."""
        sleutel = waarde.strip().casefold()
        return next((w for w in self.waarden if w.casefold() == sleutel), None)


def lees(data: object, naam: str = BESTAND) -> dict[str, Woordenlijst]:
    """The vocabularies of a parsed woordenlijsten.toml; anything malformed is OngeldigBestand."""
    if not isinstance(data, dict):
        raise OngeldigBestand(naam, Melding(N_("verwacht een tabel per veld")))
    bekend = velden()
    uit: dict[str, Woordenlijst] = {}
    for veld, lijst in data.items():
        plek = f"{naam} [{veld}]"
        if veld not in bekend:
            raise OngeldigBestand(
                plek,
                Melding(N_("onbekend veld; velden: %(velden)s"), velden=", ".join(bekend)),
            )
        zin = lijst.get("zin") if isinstance(lijst, dict) else None
        waarden = lijst.get("waarden") if isinstance(lijst, dict) else None
        if not isinstance(zin, str) or placeholders(zin) != {veld}:
            raise OngeldigBestand(
                plek,
                Melding(N_("'zin' moet één plek %(plek)s hebben"), plek=f"%({veld})s"),
            )
        if not isinstance(waarden, dict) or not waarden:
            raise OngeldigBestand(plek, Melding(N_("'waarden' moet Nederlands = Engels zijn")))
        for nl, en in waarden.items():
            if not isinstance(en, str) or not nl.strip() or "%" in nl or nl != nl.strip():
                raise OngeldigBestand(plek, Melding(N_("ongeldige waarde '%(waarde)s'"), waarde=nl))
        uit[veld] = Woordenlijst(
            veld=veld, zin=zin, waarden=tuple(waarden), uitleg=tuple(waarden.values())
        )
    return uit


@cache
def woordenlijsten() -> dict[str, Woordenlijst]:
    """Every field vocabulary, by field id."""
    bestand = resources.files("handelingsperspectieven") / "data" / BESTAND
    return lees(_lees(BESTAND, bestand))
