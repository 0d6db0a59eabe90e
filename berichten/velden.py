"""Validate the incident fields a communicator fills in, per field kind."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from berichten.errors import InvalidField, MissingField
from handelingsperspectieven import Handelingsperspectief, Veld, VeldSoort, velden
from handelingsperspectieven.meldingen import N_, Melding

_LINK = re.compile(
    r"^(https?://)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(:\d{1,5})?(/[^\s<>\"']*)?$",
    re.IGNORECASE,
)
_TELEFOON = re.compile(r"^\+?[0-9][0-9 \-]{1,18}[0-9]$")
_TIJD = re.compile(r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$")
# Dutch road numbers: motorways (A), provincial roads (N), European routes (E), city ring roads (S).
_WEGNUMMER = re.compile(r"^([ANES]) ?([1-9][0-9]{0,2})$", re.IGNORECASE)

# Extra sentences may come per language: extra (Dutch), extra_en, extra_de, ...
EXTRA = "extra"


def is_link(waarde: str) -> bool:
    """Whether a value is a web address the `link` field accepts (crisis.nl, https://x.nl/a/)."""
    return bool(_LINK.match(waarde))


def _schoon(naam: str, waarde: str, veld: Veld) -> str:
    waarde = unicodedata.normalize("NFC", waarde).strip()
    if any(unicodedata.category(t) in ("Cc", "Cf") and t not in "\u200f\u200e" for t in waarde):
        raise InvalidField(
            naam, Melding(N_("bevat stuurtekens of regeleinden; gebruik één regel tekst"))
        )
    if len(waarde) > veld.max_lengte:
        raise InvalidField(
            naam,
            Melding(
                N_("is %(lengte)s tekens; het maximum is %(maximum)s"),
                lengte=len(waarde),
                maximum=veld.max_lengte,
            ),
        )
    if veld.soort is VeldSoort.LINK and not _LINK.match(waarde):
        raise InvalidField(
            naam,
            Melding(N_("'%(waarde)s' is geen webadres (bijvoorbeeld crisis.nl)"), waarde=waarde),
        )
    if veld.soort is VeldSoort.TELEFOON and not _TELEFOON.match(waarde):
        raise InvalidField(naam, Melding(N_("'%(waarde)s' is geen telefoonnummer"), waarde=waarde))
    if veld.soort is VeldSoort.TIJD:
        if not _TIJD.match(waarde):
            raise InvalidField(
                naam, Melding(N_("'%(waarde)s' is geen tijd als UU:MM"), waarde=waarde)
            )
        uur, minuut = waarde.split(":")
        waarde = f"{int(uur):02d}:{minuut}"
    if veld.soort is VeldSoort.WEGNUMMER:
        if not (weg := _WEGNUMMER.match(waarde)):
            raise InvalidField(
                naam,
                Melding(
                    N_("'%(waarde)s' is geen wegnummer (bijvoorbeeld A16 of N3)"), waarde=waarde
                ),
            )
        waarde = weg.group(1).upper() + weg.group(2)  # "a 16" reads "A16" in every language
    if veld.soort is VeldSoort.TEKST and re.search(r"https?://", waarde):
        raise InvalidField(naam, Melding(N_("een webadres hoort in het veld 'link'")))
    return waarde


def valideer(perspectief: Handelingsperspectief, waarden: Mapping[str, str]) -> dict[str, str]:
    """Clean and check the fields for a category; unknown or missing required fields are errors."""
    bekend = velden()
    toegestaan = set(perspectief.velden)
    uit: dict[str, str] = {}
    for naam, waarde in waarden.items():
        basis = EXTRA if naam.startswith(f"{EXTRA}_") else naam
        if basis not in toegestaan:
            raise InvalidField(
                naam,
                Melding(
                    N_("hoort niet bij categorie '%(categorie)s'; velden: %(velden)s"),
                    categorie=perspectief.id,
                    velden=", ".join(perspectief.velden),
                ),
            )
        if not isinstance(waarde, str):
            raise InvalidField(naam, Melding(N_("moet tekst zijn")))
        schoon = _schoon(naam, waarde, bekend[basis])
        if schoon:
            uit[naam] = schoon
    for naam in perspectief.verplichte_velden:
        if not uit.get(naam):
            raise MissingField(naam, perspectief.id)
    return uit
