"""Example incident values that satisfy any category's required fields."""

from __future__ import annotations

from handelingsperspectieven import Handelingsperspectief, VeldSoort, velden

VOORBEELD = {
    VeldSoort.LINK: "crisis.nl",
    VeldSoort.TELEFOON: "0800-1351",
    VeldSoort.TIJD: "14:05",
}


def velden_voor(p: Handelingsperspectief, *, optioneel: bool = False) -> dict[str, str]:
    """Realistic values for the required (and optionally the optional) fields of a category."""
    namen = p.velden if optioneel else p.verplichte_velden
    return {n: VOORBEELD.get(velden()[n].soort, velden()[n].voorbeeld) for n in namen}
