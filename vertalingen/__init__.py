"""Language: Babel catalogues per locale, locale formatting, easy-language checks and pictograms."""

from vertalingen.catalogi import BROADCAST, UI, Vertaler
from vertalingen.errors import VertalingenError
from vertalingen.opmaak import AMSTERDAM, kloktijd, kop_datum_tijd
from vertalingen.sjablonen import render_zinnen
from vertalingen.talen import BRONTAAL, TALEN, OnbekendeTaal, Richting, Taal, taal

__all__ = [
    "AMSTERDAM",
    "BROADCAST",
    "BRONTAAL",
    "TALEN",
    "UI",
    "OnbekendeTaal",
    "Richting",
    "Taal",
    "Vertaler",
    "VertalingenError",
    "kloktijd",
    "kop_datum_tijd",
    "render_zinnen",
    "taal",
]
