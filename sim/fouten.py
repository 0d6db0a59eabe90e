"""Every error the simulator raises: one root, `SimError`, with a family per kind of refusal.

An error carries a Dutch message template with named placeholders (`sjabloon`), its parameters
(`parameters`) and the filled-in text (`reden`, also `str(error)`), never an HTTP status: the
service maps classes to statuses in one table (`sim.service.foutantwoord`). `sim` imports nothing
of the project's other packages (STYLE.md), so this is its own small base.

    SimError
    ├── GebiedError          the drawn area cannot be used (400; 422 for a stored one)
    ├── EcbeError            an ECBE request the simulator does not accept (400)
    │   ├── OngeldigeJSON        the body is not JSON
    │   ├── OngeldigeArea        the `area` extension is no object
    │   ├── CodeerError          a `payload_decoded` text cannot be encoded
    │   └── DecodeerError        pages cannot be decoded
    ├── VerzoekError         a query parameter of /api/v1 is not understood (400)
    ├── OpslagError          the store refuses: the broadcast is already active, or ambiguous (409)
    ├── NietGevonden         nothing matches: no active broadcast, no such id, alert or map (404)
    ├── InvoerError          an importer cannot read its network input
    └── KalibratieError      the device model cannot meet the survey figures
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


class SimError(Exception):
    """Base of every error the simulator raises: a Dutch template, its parameters, the text."""

    def __init__(self, sjabloon: str, /, **parameters: object) -> None:
        self.sjabloon = sjabloon
        self.parameters: Mapping[str, object] = MappingProxyType(parameters)
        self.reden = sjabloon.format(**parameters)
        super().__init__(self.reden)


# --- the area -----------------------------------------------------------------------------------


class GebiedError(SimError):
    """The drawn target area cannot be used; `reden` says why."""


class OngeldigeGeoJSON(GebiedError):
    """The input is not GeoJSON (or the circle form) that describes an area."""


class LeegGebied(GebiedError):
    """The area has no surface: no coordinates, zero area or zero radius."""


class ZelfdoorsnijdendGebied(GebiedError):
    """A polygon boundary crosses itself."""

    def __init__(self, lon: float, lat: float) -> None:
        super().__init__(
            "de rand van het gebied snijdt zichzelf bij lon {lon:.5f}, lat {lat:.5f}; "
            "teken het gebied opnieuw zonder kruisende lijnen",
            lon=lon,
            lat=lat,
        )
        self.lon = lon
        self.lat = lat


class OngeldigeGeometrie(GebiedError):
    """The polygon is invalid in another way than self-intersection (e.g. a hole outside it)."""


class GebiedBuitenNederland(GebiedError):
    """The area lies (partly far) outside the Netherlands."""


class LatLonVerwisseld(GebiedError):
    """The coordinates look like lat,lon given where GeoJSON expects lon,lat."""

    def __init__(self) -> None:
        super().__init__(
            "de coördinaten staan waarschijnlijk in de volgorde lat,lon; GeoJSON verwacht lon,lat "
            "(bijvoorbeeld [4.48, 51.92] voor Rotterdam)"
        )


class NegatieveStraal(GebiedError):
    """A circle was given a negative radius."""

    def __init__(self, straal_km: float) -> None:
        super().__init__(
            "de straal van de cirkel is negatief ({straal_km:g} km)", straal_km=straal_km
        )
        self.straal_km = straal_km


class GebiedNietMeerGeldig(GebiedError):
    """The area stored with a broadcast no longer passes the checks (after a model change)."""

    def __init__(self, oorzaak: GebiedError) -> None:
        super().__init__(oorzaak.sjabloon, **oorzaak.parameters)
        self.oorzaak = oorzaak


# --- ECBE requests ------------------------------------------------------------------------------


class EcbeError(SimError):
    """The request is not a valid ECBE message; `reden` is the Dutch reason sent back."""


class OngeldigeJSON(EcbeError):
    """The body is not JSON the simulator can store: not UTF-8, not JSON, too deep, NaN."""


class OngeldigeArea(EcbeError):
    """The `area` extension is no object at all; its geometry is judged by the reach model."""


class CodeerError(EcbeError):
    """A `payload_decoded` text that cannot be encoded as asked."""


class NietInGsm7(CodeerError):
    """A character outside the GSM-7 alphabet and its extension table."""

    def __init__(self, teken: str, positie: int) -> None:
        super().__init__(
            "teken {teken!r} (U+{code:04X}) op positie {positie} bestaat niet in GSM-7; "
            "stuur de tekst met 'character_set': 'ucs2'",
            teken=teken,
            code=ord(teken),
            positie=positie,
        )
        self.teken = teken
        self.positie = positie


class OngeldigTeken(CodeerError):
    """A character no phone can be sent: a lone surrogate or the noncharacter U+FFFE."""

    def __init__(self, teken: str, positie: int) -> None:
        super().__init__(
            "{soort} U+{code:04X} op positie {positie} kan niet worden verzonden",
            soort="los surrogaat" if 0xD800 <= ord(teken) <= 0xDFFF else "niet-teken",
            code=ord(teken),
            positie=positie,
        )
        self.teken = teken
        self.positie = positie


class TeVeelPaginas(CodeerError):
    """The text needs more pages than a broadcast can have."""

    def __init__(self, paginas: int, maximum: int) -> None:
        super().__init__(
            "de tekst past niet in {maximum} pagina's: er zijn er {paginas} nodig",
            paginas=paginas,
            maximum=maximum,
        )
        self.paginas = paginas


class DecodeerError(EcbeError):
    """Pages that cannot be decoded."""


class OnbekendeDCS(DecodeerError):
    """A data coding scheme the simulator does not decode."""

    def __init__(self, dcs: int) -> None:
        super().__init__("onbekende DCS 0x{dcs:02X}", dcs=dcs)
        self.dcs = dcs


class OngeldigePagina(DecodeerError):
    """A page that cannot hold text in the coding its DCS announces."""

    def __init__(self, index: int, sjabloon: str, /, **parameters: object) -> None:
        super().__init__("pagina {pagina}: " + sjabloon, pagina=index + 1, **parameters)
        self.index = index


# --- the service's own API ----------------------------------------------------------------------


class VerzoekError(SimError):
    """A query parameter of the /api/v1 routes is not understood."""


class OngeldigeSoort(VerzoekError):
    """`?soort=` is neither `echt` nor `oefening`."""

    def __init__(self) -> None:
        super().__init__("soort moet 'echt' of 'oefening' zijn")


class OngeldigFormaat(VerzoekError):
    """`?format=` is neither `json` nor `png`."""

    def __init__(self) -> None:
        super().__init__("format moet 'json' of 'png' zijn")


# --- the store ----------------------------------------------------------------------------------


class OpslagError(SimError):
    """The store refuses: a conflict with the broadcasts it holds."""


class AlActief(OpslagError):
    """A broadcast with this message id and message code is still active."""

    def __init__(self, message_id: int, msg_code: int) -> None:
        super().__init__(
            "bericht met message_id {message_id} en msg_code {msg_code} is al actief",
            message_id=message_id,
            msg_code=msg_code,
        )
        self.message_id = message_id
        self.msg_code = msg_code


class MeerdereActief(OpslagError):
    """Several broadcasts are active on the message id and no message code says which one."""

    def __init__(self, message_id: int) -> None:
        super().__init__(
            "meerdere berichten actief op {message_id}; geef msg_code", message_id=message_id
        )
        self.message_id = message_id


class NietGevonden(SimError):
    """Nothing matches what was asked for."""


class GeenActief(NietGevonden):
    """No active broadcast matches."""

    def __init__(self, message_id: int, msg_code: int | None) -> None:
        if msg_code is None:
            super().__init__(
                "geen actief bericht met message_id {message_id}", message_id=message_id
            )
        else:
            super().__init__(
                "geen actief bericht met message_id {message_id} en msg_code {msg_code}",
                message_id=message_id,
                msg_code=msg_code,
            )
        self.message_id = message_id
        self.msg_code = msg_code


class OnbekendeUitzending(NietGevonden):
    """No stored broadcast has this id."""

    def __init__(self, id: str) -> None:
        super().__init__("geen uitzending met id {id!r}", id=id)
        self.id = id


class OnbekendAlert(NietGevonden):
    """No stored broadcast belongs to this alert."""

    def __init__(self, alert: str) -> None:
        super().__init__("geen uitzending met alert {alert!r}", alert=alert)
        self.alert = alert


class GeenKaart(NietGevonden):
    """The broadcast was sent without an area, so it has no map."""

    def __init__(self, id: str) -> None:
        super().__init__("deze uitzending had geen gebied", id=id)
        self.id = id


# --- importers and the model --------------------------------------------------------------------


class InvoerError(SimError):
    """An importer could not read its network input."""


class KalibratieError(SimError):
    """The device model cannot be calibrated to the survey figures asked for."""
