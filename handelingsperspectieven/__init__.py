"""The catalogue of uniform action perspectives (handelingsperspectieven) per risk category."""

from handelingsperspectieven.errors import CatalogusError, OnbekendeCategorie, OngeldigBestand
from handelingsperspectieven.laden import (
    acties,
    bronnen,
    catalogus,
    perspectief,
    velden,
    voorbeeldvelden,
)
from handelingsperspectieven.model import (
    Actie,
    Bron,
    CapCategory,
    Certainty,
    Handelingsperspectief,
    Register,
    ResponseType,
    Severity,
    Tekst,
    Urgency,
    Veld,
    VeldSoort,
    placeholders,
)
from handelingsperspectieven.woordenlijsten import Woordenlijst, woordenlijsten

__all__ = [
    "Actie",
    "Bron",
    "CapCategory",
    "CatalogusError",
    "Certainty",
    "Handelingsperspectief",
    "OnbekendeCategorie",
    "OngeldigBestand",
    "Register",
    "ResponseType",
    "Severity",
    "Tekst",
    "Urgency",
    "Veld",
    "VeldSoort",
    "Woordenlijst",
    "acties",
    "bronnen",
    "catalogus",
    "perspectief",
    "placeholders",
    "velden",
    "voorbeeldvelden",
    "woordenlijsten",
]
