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
  `berichten.coordinaten`), checked exactly like a drawn area (`berichten.cap_gebied`);
  `areaDesc` describes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from berichten.cap import (
    NAMESPACES,
    NS,
    VELD_PARAMETER,
    OngeldigeCap,
    parser,
    schema,
    schemafouten,
    tekst_op,
)
from berichten.cap_gebied import gebied_uit_cap
from berichten.errors import BerichtError, InvalidCombination
from berichten.gebied import Gebied
from berichten.model import Afzender, Variant, Waarschuwing
from berichten.modus import BerichtSoort, Modus
from berichten.velden import valideer
from handelingsperspectieven import (
    Handelingsperspectief,
    OnbekendeCategorie,
    Register,
    catalogus,
)
from handelingsperspectieven.meldingen import N_, Melding
from vertalingen import BRONTAAL, TALEN, Vertaler

MAX_BYTES = 1024 * 1024  # a CAP alert with a detailed area is far smaller
MAX_FOUTEN = 10  # schema errors reported; the rest are usually consequences of the first

STATUS = {"Actual": Modus.ECHT, "Exercise": Modus.OEFENING, "Test": Modus.TEST}
MSG_TYPE = {
    "Alert": BerichtSoort.ALERT,
    "Update": BerichtSoort.UPDATE,
    "Cancel": BerichtSoort.CANCEL,
}


class CapImportFout(BerichtError):
    """Base of the reasons a CAP document cannot become a compose request."""


class GeenXml(CapImportFout):
    """The body is not well-formed XML, or uses a DTD or entities, which CAP never needs.

    `reden` is ours (a Melding) or the XML parser's own words (a str).
    """

    def __init__(self, reden: Melding | str) -> None:
        self.reden = reden
        super().__init__(N_("geen bruikbare XML: %(reden)s"), reden=reden)


class CapTeGroot(CapImportFout):
    """The document is larger than any CAP alert needs to be."""

    def __init__(self, grootte: int, maximum: int = MAX_BYTES) -> None:
        self.grootte = grootte
        self.maximum = maximum
        super().__init__(
            N_("het CAP-document is %(grootte)s bytes; het maximum is %(maximum)s"),
            grootte=grootte,
            maximum=maximum,
        )


class CapNietBruikbaar(CapImportFout):
    """A valid CAP alert that falls outside the nlalert profile; `element` says where."""

    def __init__(self, element: str, reden: Melding) -> None:
        self.element = element
        self.reden = reden
        super().__init__(N_("CAP %(element)s: %(reden)s"), element=element, reden=reden)


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
        raise GeenXml(Melding(N_("een DOCTYPE (DTD) of entiteit is niet toegestaan")))
    if wortel.tag != f"{{{NS}}}alert":
        # The schema would say "no matching global declaration"; name the namespace instead.
        raise OngeldigeCap(
            [
                Melding(
                    N_("het hoofdelement is <%(element)s>; verwacht <alert> in namespace %(ns)s"),
                    element=wortel.tag,
                    ns=NS,
                )
            ]
        )
    s = schema()
    if not s.validate(wortel):
        raise OngeldigeCap(schemafouten(s.error_log)[:MAX_FOUTEN])
    return wortel


def _parameters(info: etree._Element) -> dict[str, str]:
    uit: dict[str, str] = {}
    for p in info.findall("cap:parameter", NAMESPACES):
        # The first of a repeated name wins, as a reader scanning top-down would take it.
        uit.setdefault(tekst_op(p, "cap:valueName"), tekst_op(p, "cap:value"))
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
        tag = tekst_op(info, "cap:language") or "en-US"  # the CAP 1.2 default
        code = _taalcode(tag)
        if code is None:
            overgeslagen = N_("Taal '%(taal)s' wordt niet ondersteund; die info is overgeslagen.")
            waarschuwingen.append(
                Waarschuwing(
                    code="cap-taal-onbekend",
                    melding=Melding(overgeslagen, taal=tag[:20]),
                    taal=tag[:20],
                )
            )
        elif code not in (c for c, _ in bekend):
            bekend.append((code, info))
    if not bekend:
        ondersteund = ", ".join(t.cap_tag for t in TALEN.values())
        raise CapNietBruikbaar(
            "info/language",
            Melding(N_("geen ondersteunde taal; kies uit %(talen)s"), talen=ondersteund),
        )
    return bekend, waarschuwingen


def _categorie(code: str, info: etree._Element, parameters: Mapping[str, str]) -> str:
    if gegeven := parameters.get("nlalert:categorie"):
        if gegeven not in catalogus():
            raise OnbekendeCategorie(gegeven, tuple(catalogus()))
        return gegeven
    event = tekst_op(info, "cap:event").casefold()
    vertaler = Vertaler(code)
    gevonden = [
        p.id for p in catalogus().values() if vertaler.gettext(p.cap_event).casefold() == event
    ]
    if len(gevonden) == 1:
        return gevonden[0]
    sjabloon = (
        N_(
            "'%(event)s' hoort bij meer dan één categorie;"
            " geef de parameter nlalert:categorie met een van: %(categorieen)s"
        )
        if gevonden
        else N_(
            "'%(event)s' hoort bij geen categorie;"
            " geef de parameter nlalert:categorie met een van: %(categorieen)s"
        )
    )
    raise CapNietBruikbaar(
        "info/event",
        Melding(
            sjabloon,
            event=tekst_op(info, "cap:event")[:80],
            categorieen=", ".join(gevonden or catalogus()),
        ),
    )


def _modus(wortel: etree._Element, parameters: Mapping[str, str]) -> Modus:
    status = tekst_op(wortel, "cap:status")
    if status not in STATUS:
        raise CapNietBruikbaar(
            "status",
            Melding(
                N_(
                    "'%(status)s' is niet voor het publiek bedoeld;"
                    " gebruik Actual, Exercise of Test"
                ),
                status=status,
            ),
        )
    modus = STATUS[status]
    # An exercise must never turn real because two fields disagree: refuse rather than guess.
    if (gegeven := parameters.get("nlalert:modus")) and gegeven != modus.value:
        raise CapNietBruikbaar(
            "status",
            Melding(
                N_("status '%(status)s' en nlalert:modus '%(modus)s' spreken elkaar tegen"),
                status=status,
                modus=gegeven[:20],
            ),
        )
    return modus


def _referenties(tekst: str) -> tuple[Referentie, ...]:
    uit = []
    for deel in tekst.split():
        stukken = deel.split(",")
        if len(stukken) != 3 or not all(stukken):
            raise CapNietBruikbaar(
                "references",
                Melding(
                    N_("'%(referentie)s' is geen 'sender,identifier,sent'"), referentie=deel[:80]
                ),
            )
        uit.append(Referentie(sender=stukken[0], identifier=stukken[1], sent=stukken[2]))
    return tuple(uit)


def _register(parameters: Mapping[str, str]) -> Register:
    waarde = parameters.get("nlalert:register", Register.JE.value)
    for r in Register:
        if r.value == waarde:
            return r
    keuzes = ", ".join(r.value for r in Register)
    raise CapNietBruikbaar(
        "nlalert:register",
        Melding(N_("'%(waarde)s'; kies uit %(keuzes)s"), waarde=waarde[:20], keuzes=keuzes),
    )


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
    web = tekst_op(info, "cap:web")
    if "link" in p.velden and "link" not in velden and web:
        velden["link"] = web.removeprefix("https://")
    return valideer(p, velden)  # MissingField / InvalidField name the field


def _tijd(tekst: str) -> datetime:
    try:
        return datetime.fromisoformat(tekst)
    except ValueError:
        raise CapNietBruikbaar(
            "sent", Melding(N_("'%(tijd)s' is geen datum en tijd"), tijd=tekst[:40])
        ) from None


def _is_all_clear(infos: list[etree._Element]) -> bool:
    types = {
        (el.text or "").strip() for i in infos for el in i.findall("cap:responseType", NAMESPACES)
    }
    return types == {"AllClear"}


def _nederlands(parameters: Mapping[str, str]) -> Variant:
    waarde = parameters.get("nlalert:nederlands", Variant.STANDAARD.value)
    if waarde not in (Variant.STANDAARD.value, Variant.B1.value):
        raise CapNietBruikbaar(
            "parameter",
            Melding(
                N_("nlalert:nederlands '%(waarde)s' is geen standaard of b1"), waarde=waarde[:20]
            ),
        )
    return Variant(waarde)


def uit_cap(xml: bytes) -> CapVerzoek:
    """A compose request from a CAP 1.2 alert; raises a BerichtError subclass saying why not."""
    wortel = _lees(xml)
    infos = wortel.findall("cap:info", NAMESPACES)
    if not infos:
        raise CapNietBruikbaar(
            "info", Melding(N_("een alert zonder info heeft geen tekst om op te stellen"))
        )
    talen, waarschuwingen = _talen(infos)
    code, hoofd = next(((c, i) for c, i in talen if c == BRONTAAL), talen[0])
    parameters = _parameters(hoofd)
    modus = _modus(wortel, parameters)
    msg_type = tekst_op(wortel, "cap:msgType")
    if msg_type not in MSG_TYPE:
        raise CapNietBruikbaar(
            "msgType",
            Melding(
                N_("'%(msg_type)s' kan niet; gebruik Alert, Update of Cancel"), msg_type=msg_type
            ),
        )
    soort = MSG_TYPE[msg_type]
    if soort is BerichtSoort.UPDATE and _is_all_clear(infos):
        soort = BerichtSoort.EINDE  # an Update whose responseType is AllClear ends the danger
    referenties = _referenties(tekst_op(wortel, "cap:references"))
    if soort is not BerichtSoort.ALERT and not referenties:
        raise CapNietBruikbaar(
            "references",
            Melding(
                N_("msgType %(msg_type)s moet naar het oorspronkelijke bericht verwijzen"),
                msg_type=msg_type,
            ),
        )
    p = catalogus()[_categorie(code, hoofd, parameters)]
    if p.vaste_modus and p.vaste_modus != modus.value:
        raise InvalidCombination(
            N_("categorie '%(categorie)s' bestaat alleen in modus '%(modus)s'"),
            categorie=p.id,
            modus=p.vaste_modus,
        )
    gebied = gebied_uit_cap(infos[0])
    eerste_area = infos[0].find("cap:area", NAMESPACES)
    plaats = "" if eerste_area is None else tekst_op(eerste_area, "cap:areaDesc")
    return CapVerzoek(
        categorie=p.id,
        velden=_velden(p, hoofd, parameters, plaats),
        talen=tuple(c for c, _ in talen),
        modus=modus,
        soort=soort,
        register=_register(parameters),
        nederlands=_nederlands(parameters),
        gebied=gebied,
        afzender=Afzender(
            id=tekst_op(wortel, "cap:sender"), naam=tekst_op(hoofd, "cap:senderName")
        ),
        identifier=tekst_op(wortel, "cap:identifier"),
        tijd=_tijd(tekst_op(wortel, "cap:sent")),
        referenties=referenties,
        waarschuwingen=tuple(waarschuwingen),
    )
