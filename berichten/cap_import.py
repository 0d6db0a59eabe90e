"""CAP 1.2 import: a compose request from a CAP alert, parsed safely and schema-checked first.

The nlalert CAP profile: what `berichten.cap.naar_cap` writes and what `uit_cap` reads.

- `alert/status`: Actual -> echt, Exercise -> oefening, Test -> test. System and Draft are refused:
  they are not meant for the public.
- `alert/msgType`: Alert -> alert, Update -> update, Cancel -> cancel (Ack and Error are refused).
  An Update or Cancel needs `alert/references` ("sender,identifier,sent" entries).
- `info/language`: every supported language (nl-NL -> nl, en-GB -> en, ...; a bare primary tag
  such as `nl` or `en-US` is matched on its first part). Unsupported ones are skipped with a
  warning. The Dutch info (else the first) is read for the category and the fields.
- parameter `nlalert:categorie`: the category id. Without it, `info/event` is matched against the
  catalogue's CAP events, in that info's language.
- parameter `nlalert:modus`: optional; when present it must agree with `alert/status`.
- parameter `nlalert:register`: `je` or `u` (default `je`).
- parameter `nlalert:veld:<naam>`: one incident field, verbatim (`nlalert:veld:plaats`,
  `nlalert:veld:sinds`, ...). Without it, `plaats` is taken from the first `area/areaDesc` and
  `link` from `info/web` (with `https://` stripped).
- `area`: every `polygon` and `circle` of the first info's areas (CAP lat,lon, converted only in
  `berichten.coordinaten`), checked exactly like a drawn area; `areaDesc` describes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from berichten.cap import GEOCODE_GEMEENTE, NS, VELD_PARAMETER, OngeldigeCap, parser, schema
from berichten.coordinaten import LonLat, uit_cap_cirkel, uit_cap_polygoon
from berichten.errors import BerichtError, InvalidCombination
from berichten.gebied import GEMEENTECODE, Cirkel, Gebied, OngeldigGebied, cirkel, uit_geojson
from berichten.model import Afzender, Variant, Waarschuwing
from berichten.modus import BerichtSoort, Modus
from berichten.velden import valideer
from handelingsperspectieven import (
    Handelingsperspectief,
    OnbekendeCategorie,
    Register,
    catalogus,
)
from vertalingen import BRONTAAL, TALEN, Vertaler

MAX_BYTES = 1024 * 1024  # a CAP alert with a detailed area is far smaller
MAX_FOUTEN = 10  # schema errors reported; the rest are usually consequences of the first
_NS = {"cap": NS}

STATUS = {"Actual": Modus.ECHT, "Exercise": Modus.OEFENING, "Test": Modus.TEST}
OMGEDRAAID = (
    "de coördinaten lijken als lon,lat gegeven; CAP gebruikt lat,lon (eerst de breedtegraad)"
)
MSG_TYPE = {
    "Alert": BerichtSoort.ALERT,
    "Update": BerichtSoort.UPDATE,
    "Cancel": BerichtSoort.CANCEL,
}


class CapImportFout(BerichtError):
    """Base of the reasons a CAP document cannot become a compose request."""


class GeenXml(CapImportFout):
    """The body is not well-formed XML, or uses a DTD or entities, which CAP never needs."""

    def __init__(self, reden: str) -> None:
        self.reden = reden
        super().__init__(f"geen bruikbare XML: {reden}")


class CapTeGroot(CapImportFout):
    """The document is larger than any CAP alert needs to be."""

    def __init__(self, grootte: int, maximum: int = MAX_BYTES) -> None:
        self.grootte = grootte
        self.maximum = maximum
        super().__init__(f"het CAP-document is {grootte} bytes; het maximum is {maximum}")


class CapNietBruikbaar(CapImportFout):
    """A valid CAP alert that falls outside the nlalert profile; `element` says where."""

    def __init__(self, element: str, reden: str) -> None:
        self.element = element
        self.reden = reden
        super().__init__(f"CAP {element}: {reden}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Referentie:
    """One entry of CAP `references`: the earlier alert an Update or Cancel refers to."""

    sender: str
    identifier: str
    sent: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CapVerzoek:
    """What a CAP alert asks for, in the terms of a compose request."""

    categorie: str
    velden: Mapping[str, str]
    talen: tuple[str, ...]
    modus: Modus
    soort: BerichtSoort
    register: Register
    nederlands: Variant = Variant.STANDAARD  # the Dutch broadcast text: standard or easy (B1)
    gebied: Gebied | None
    afzender: Afzender
    identifier: str
    tijd: datetime
    referenties: tuple[Referentie, ...] = ()
    waarschuwingen: tuple[Waarschuwing, ...] = ()


def _lees(xml: bytes) -> etree._Element:
    """Parse without expanding anything, refuse DTDs, then check the schema."""
    if len(xml) > MAX_BYTES:
        raise CapTeGroot(len(xml))
    try:
        wortel = etree.fromstring(xml, parser())
    except etree.XMLSyntaxError as exc:
        raise GeenXml(str(exc.msg or exc)[:300]) from None
    except ValueError as exc:  # e.g. an empty body
        raise GeenXml(str(exc)[:300]) from None
    info = wortel.getroottree().docinfo
    # Entities were left unexpanded by the parser; refusing the DTD outright keeps them out of
    # every later step (a billion-laughs or XXE document never reaches the schema).
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise GeenXml("een DOCTYPE (DTD) of entiteit is niet toegestaan")
    if wortel.tag != f"{{{NS}}}alert":
        # The schema would say "no matching global declaration"; name the namespace instead.
        raise OngeldigeCap(
            [f"het hoofdelement is <{wortel.tag}>; verwacht <alert> in namespace {NS}"]
        )
    s = schema()
    if not s.validate(wortel):
        raise OngeldigeCap([f"regel {e.line}: {e.message}" for e in s.error_log][:MAX_FOUTEN])
    return wortel


def _tekst(el: etree._Element, pad: str) -> str:
    return (el.findtext(pad, default="", namespaces=_NS) or "").strip()


def _parameters(info: etree._Element) -> dict[str, str]:
    uit: dict[str, str] = {}
    for p in info.findall("cap:parameter", _NS):
        # The first of a repeated name wins, as a reader scanning top-down would take it.
        uit.setdefault(_tekst(p, "cap:valueName"), _tekst(p, "cap:value"))
    return uit


def _taalcode(tag: str) -> str | None:
    gezocht = tag.casefold()
    for code, t in TALEN.items():
        if t.cap_tag.casefold() == gezocht:
            return code
    primair = gezocht.split("-")[0]
    return primair if primair in TALEN else None


def _talen(
    infos: list[etree._Element],
) -> tuple[list[tuple[str, etree._Element]], list[Waarschuwing]]:
    bekend: list[tuple[str, etree._Element]] = []
    waarschuwingen: list[Waarschuwing] = []
    for info in infos:
        tag = _tekst(info, "cap:language") or "en-US"  # the CAP 1.2 default
        code = _taalcode(tag)
        if code is None:
            waarschuwingen.append(
                Waarschuwing(
                    code="cap-taal-onbekend",
                    tekst=f"Taal '{tag[:20]}' wordt niet ondersteund; die info is overgeslagen.",
                    taal=tag[:20],
                )
            )
        elif code not in (c for c, _ in bekend):
            bekend.append((code, info))
    if not bekend:
        ondersteund = ", ".join(t.cap_tag for t in TALEN.values())
        raise CapNietBruikbaar("info/language", f"geen ondersteunde taal; kies uit {ondersteund}")
    return bekend, waarschuwingen


def _categorie(code: str, info: etree._Element, parameters: Mapping[str, str]) -> str:
    if gegeven := parameters.get("nlalert:categorie"):
        if gegeven not in catalogus():
            raise OnbekendeCategorie(gegeven, tuple(catalogus()))
        return gegeven
    event = _tekst(info, "cap:event").casefold()
    vertaler = Vertaler(code)
    gevonden = [
        p.id for p in catalogus().values() if vertaler.gettext(p.cap_event).casefold() == event
    ]
    if len(gevonden) == 1:
        return gevonden[0]
    uitleg = "bij meer dan één categorie" if gevonden else "bij geen categorie"
    raise CapNietBruikbaar(
        "info/event",
        f"'{_tekst(info, 'cap:event')[:80]}' hoort {uitleg};"
        f" geef de parameter nlalert:categorie met een van: {', '.join(gevonden or catalogus())}",
    )


def _modus(wortel: etree._Element, parameters: Mapping[str, str]) -> Modus:
    status = _tekst(wortel, "cap:status")
    if status not in STATUS:
        raise CapNietBruikbaar(
            "status",
            f"'{status}' is niet voor het publiek bedoeld; gebruik Actual, Exercise of Test",
        )
    modus = STATUS[status]
    # An exercise must never turn real because two fields disagree: refuse rather than guess.
    if (gegeven := parameters.get("nlalert:modus")) and gegeven != modus.value:
        raise CapNietBruikbaar(
            "status", f"status '{status}' en nlalert:modus '{gegeven[:20]}' spreken elkaar tegen"
        )
    return modus


def _referenties(tekst: str) -> tuple[Referentie, ...]:
    uit = []
    for deel in tekst.split():
        stukken = deel.split(",")
        if len(stukken) != 3 or not all(stukken):
            raise CapNietBruikbaar("references", f"'{deel[:80]}' is geen 'sender,identifier,sent'")
        uit.append(Referentie(sender=stukken[0], identifier=stukken[1], sent=stukken[2]))
    return tuple(uit)


def _register(parameters: Mapping[str, str]) -> Register:
    waarde = parameters.get("nlalert:register", Register.JE.value)
    for r in Register:
        if r.value == waarde:
            return r
    keuzes = ", ".join(r.value for r in Register)
    raise CapNietBruikbaar("nlalert:register", f"'{waarde[:20]}'; kies uit {keuzes}")


def _velden(
    p: Handelingsperspectief, info: etree._Element, parameters: Mapping[str, str], plaats: str
) -> dict[str, str]:
    velden = {
        naam.removeprefix(VELD_PARAMETER): waarde
        for naam, waarde in parameters.items()
        if naam.startswith(VELD_PARAMETER)
    }
    if "plaats" in p.velden and "plaats" not in velden and plaats:
        velden["plaats"] = plaats
    web = _tekst(info, "cap:web")
    if "link" in p.velden and "link" not in velden and web:
        velden["link"] = web.removeprefix("https://")
    return valideer(p, velden)  # MissingField / InvalidField name the field


def _omgedraaid(ring: list[LonLat]) -> bool:
    """Whether the ring would be a valid area with lat and lon exchanged: the classic CAP slip."""
    try:
        uit_geojson({"type": "Polygon", "coordinates": [[(lat, lon) for lon, lat in ring]]})
    except OngeldigGebied:
        return False
    return True


def _gebied(info: etree._Element) -> Gebied | None:
    ringen: list[tuple[LonLat, ...]] = []
    cirkels: list[Cirkel] = []
    beschrijvingen: list[str] = []
    for a, area in enumerate(info.findall("cap:area", _NS), start=1):
        beschrijvingen.append(_tekst(area, "cap:areaDesc"))
        for n, el in enumerate(area.findall("cap:polygon", _NS), start=1):
            waar = f"polygoon {n} van area {a}"
            try:
                ring = uit_cap_polygoon(el.text or "")
            except ValueError:
                raise OngeldigGebied(f"{waar}: verwacht 'lat,lon lat,lon ...'") from None
            if len(ring) < 4:
                raise OngeldigGebied(f"{waar}: minstens 4 punten, het eerste herhaald aan het eind")
            try:
                ringen.extend(uit_geojson({"type": "Polygon", "coordinates": [ring]}).polygonen)
            except OngeldigGebied as exc:
                # berichten.gebied words a swap for GeoJSON (lon,lat); CAP is the other way round.
                reden = OMGEDRAAID if _omgedraaid(ring) else exc.bericht
                raise OngeldigGebied(f"{waar}: {reden}") from None
        for n, el in enumerate(area.findall("cap:circle", _NS), start=1):
            waar = f"cirkel {n} van area {a}"
            try:
                lon, lat, straal = uit_cap_cirkel(el.text or "")
            except ValueError:
                raise OngeldigGebied(f"{waar}: verwacht 'lat,lon straal_km'") from None
            try:
                cirkels.extend(cirkel(lat, lon, straal).cirkels)
            except OngeldigGebied as exc:
                reden = OMGEDRAAID if _cirkel_omgedraaid(lon, lat, straal) else exc.bericht
                raise OngeldigGebied(f"{waar}: {reden}") from None
    if not ringen and not cirkels:
        return None
    beschrijving = ", ".join(b for b in beschrijvingen if b)[:200]
    return Gebied(
        beschrijving=beschrijving or "Gebied uit CAP",
        polygonen=tuple(ringen),
        cirkels=tuple(cirkels),
        gemeentecodes=_gemeentecodes(info),
    )


def _gemeentecodes(info: etree._Element) -> tuple[str, ...]:
    codes: list[str] = []
    for geocode in info.findall("cap:area/cap:geocode", _NS):
        if _tekst(geocode, "cap:valueName") == GEOCODE_GEMEENTE:
            waarde = _tekst(geocode, "cap:value")
            if GEMEENTECODE.fullmatch(waarde):
                codes.append(waarde)
    return tuple(dict.fromkeys(codes))


def _cirkel_omgedraaid(lon: float, lat: float, straal_km: float) -> bool:
    try:
        cirkel(lon, lat, straal_km)  # lat and lon exchanged on purpose
    except OngeldigGebied:
        return False
    return True


def _tijd(tekst: str) -> datetime:
    try:
        return datetime.fromisoformat(tekst)
    except ValueError:
        raise CapNietBruikbaar("sent", f"'{tekst[:40]}' is geen datum en tijd") from None


def _is_all_clear(infos: list[etree._Element]) -> bool:
    types = {(el.text or "").strip() for i in infos for el in i.findall("cap:responseType", _NS)}
    return types == {"AllClear"}


def _nederlands(parameters: Mapping[str, str]) -> Variant:
    waarde = parameters.get("nlalert:nederlands", Variant.STANDAARD.value)
    if waarde not in (Variant.STANDAARD.value, Variant.B1.value):
        raise CapNietBruikbaar(
            "parameter", f"nlalert:nederlands '{waarde[:20]}' is geen standaard of b1"
        )
    return Variant(waarde)


def uit_cap(xml: bytes) -> CapVerzoek:
    """A compose request from a CAP 1.2 alert; raises a BerichtError subclass saying why not."""
    wortel = _lees(xml)
    infos = wortel.findall("cap:info", _NS)
    if not infos:
        raise CapNietBruikbaar("info", "een alert zonder info heeft geen tekst om op te stellen")
    talen, waarschuwingen = _talen(infos)
    code, hoofd = next(((c, i) for c, i in talen if c == BRONTAAL), talen[0])
    parameters = _parameters(hoofd)
    modus = _modus(wortel, parameters)
    msg_type = _tekst(wortel, "cap:msgType")
    if msg_type not in MSG_TYPE:
        raise CapNietBruikbaar("msgType", f"'{msg_type}' kan niet; gebruik Alert, Update of Cancel")
    soort = MSG_TYPE[msg_type]
    if soort is BerichtSoort.UPDATE and _is_all_clear(infos):
        soort = BerichtSoort.EINDE  # an Update whose responseType is AllClear ends the danger
    referenties = _referenties(_tekst(wortel, "cap:references"))
    if soort is not BerichtSoort.ALERT and not referenties:
        raise CapNietBruikbaar(
            "references", f"een {msg_type} moet naar het oorspronkelijke bericht verwijzen"
        )
    p = catalogus()[_categorie(code, hoofd, parameters)]
    if p.vaste_modus and p.vaste_modus != modus.value:
        raise InvalidCombination(f"categorie '{p.id}' bestaat alleen als {p.vaste_modus}bericht")
    gebied = _gebied(infos[0])
    eerste_area = infos[0].find("cap:area", _NS)
    plaats = "" if eerste_area is None else _tekst(eerste_area, "cap:areaDesc")
    return CapVerzoek(
        categorie=p.id,
        velden=_velden(p, hoofd, parameters, plaats),
        talen=tuple(c for c, _ in talen),
        modus=modus,
        soort=soort,
        register=_register(parameters),
        nederlands=_nederlands(parameters),
        gebied=gebied,
        afzender=Afzender(id=_tekst(wortel, "cap:sender"), naam=_tekst(hoofd, "cap:senderName")),
        identifier=_tekst(wortel, "cap:identifier"),
        tijd=_tijd(_tekst(wortel, "cap:sent")),
        referenties=referenties,
        waarschuwingen=tuple(waarschuwingen),
    )
