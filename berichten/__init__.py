"""Composing a Bericht from an action perspective and incident details; checks and exports."""

from berichten.cap import OngeldigeCap, naar_cap, valideer
from berichten.compose import Instellingen, compose
from berichten.errors import (
    BerichtError,
    BerichtTooLong,
    InvalidCombination,
    InvalidField,
    MissingField,
)
from berichten.gebied import Cirkel, Gebied, OngeldigGebied, cirkel, uit_geojson
from berichten.identificatie import (
    CapIdentifier,
    GeoScope,
    SerialNumber,
    cap_identifier,
    parse_cap_identifier,
)
from berichten.model import (
    Afzender,
    Bericht,
    Controlepunt,
    Herkomst,
    Taaltekst,
    Uitzending,
    Variant,
    Volledigheid,
    Waarschuwing,
)
from berichten.modus import BerichtSoort, Modus
from berichten.paginas import CBPaginas, decode, encode

__all__ = [
    "Afzender",
    "Bericht",
    "BerichtError",
    "BerichtSoort",
    "BerichtTooLong",
    "CBPaginas",
    "CapIdentifier",
    "Cirkel",
    "Controlepunt",
    "Gebied",
    "GeoScope",
    "Herkomst",
    "Instellingen",
    "InvalidCombination",
    "InvalidField",
    "MissingField",
    "Modus",
    "OngeldigGebied",
    "OngeldigeCap",
    "SerialNumber",
    "Taaltekst",
    "Uitzending",
    "Variant",
    "Volledigheid",
    "Waarschuwing",
    "cap_identifier",
    "cirkel",
    "compose",
    "decode",
    "encode",
    "naar_cap",
    "parse_cap_identifier",
    "uit_geojson",
    "valideer",
]
