"""Compose a Bericht from an action perspective and the incident, in every chosen language."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from berichten import controles, grens, spelling, vrije_waarden
from berichten.errors import InvalidCombination
from berichten.gebied import Gebied
from berichten.gsm7 import gsm7_spelling
from berichten.identificatie import (
    MESSAGE_CODE_MAX,
    GeoScope,
    SerialNumber,
    cap_identifier,
    message_code_voor,
    message_identifier,
    next_update_number,
)
from berichten.model import (
    Afzender,
    Bericht,
    Herkomst,
    Taaltekst,
    Uitzending,
    Variant,
    Waarschuwing,
)
from berichten.modus import BerichtSoort, Modus
from berichten.paginas import encode, pagina_telling
from berichten.velden import valideer
from berichten.zinnen import Context, Woordenschat, tijdstip, zinnen
from handelingsperspectieven import (
    Handelingsperspectief,
    Register,
    perspectief,
)
from handelingsperspectieven.meldingen import N_, Melding
from vertalingen import (
    BRONTAAL,
    TALEN,
    Vertaler,
    taal,
)

SCHEIDING = " *** "  # English follows the Dutch after ' *** ' (test messages 2022, 2025)
ENGELS = "en"
# How long an all-clear stays on air when nobody says otherwise: long enough for phones that were
# off to wake up and read it, short enough not to keep the channel busy (our own choice).
EINDE_DUUR = timedelta(minutes=60)


@dataclass(frozen=True, slots=True, kw_only=True)
class Instellingen:
    """Regional choices that DOMAIN.md leaves open; every one has a documented default."""

    engels_in_zelfde_bericht: bool = True  # nl + ' *** ' + en in one broadcast
    # Other languages on the additional-language channel (4383.., 4394 for exercises) or on the
    # local one; each has its own message code either way, so phones never drop one as a duplicate.
    extra_taal_kanaal: bool = True
    niveau1_bij_extreem: bool = True  # Extreme/Immediate goes on 4370, as NL-Alert does
    geo_scope: GeoScope = GeoScope.PLMN
    # The languages whose broadcasts are spelled in GSM-7 when that saves pages; None is the
    # default of `berichten.spelling` (French and Papiamento). Never Arabic or Ukrainian.
    gsm7_spelling: frozenset[str] | None = None
    # The land border the border flag measures against (data from the caller); None: no flag.
    landgrens: grens.Landgrens | None = dataclasses.field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.gsm7_spelling is not None:
            spelling.controleer(self.gsm7_spelling)

    @property
    def spelling_talen(self) -> frozenset[str]:
        """The languages spelled in GSM-7, the default when none are set."""
        if self.gsm7_spelling is None:
            return spelling.standaard_talen()
        return self.gsm7_spelling


def _modus(p: Handelingsperspectief, modus: Modus | None) -> Modus:
    if not p.vaste_modus:
        return modus or Modus.ECHT
    vast = Modus(p.vaste_modus)
    if modus is not None and modus is not vast:
        raise InvalidCombination(
            N_("categorie '%(categorie)s' bestaat alleen in modus '%(modus)s'"),
            categorie=p.id,
            modus=vast.value,
        )
    return vast


def _talen(talen: Sequence[str], variant: Variant) -> tuple[list[str], list[Waarschuwing]]:
    codes = list(dict.fromkeys(talen)) or [BRONTAAL]
    for code in codes:
        taal(code)  # raises OnbekendeTaal with the supported list
    if variant is Variant.B1 and codes != [BRONTAAL]:
        weg = ", ".join(c for c in codes if c != BRONTAAL)
        return [BRONTAAL], [
            Waarschuwing(
                code="b1-alleen-nl",
                melding=Melding(
                    N_(
                        "Eenvoudig Nederlands (B1) bestaat alleen in het Nederlands; weggelaten:"
                        " %(talen)s."
                    ),
                    talen=weg,
                ),
            )
        ]
    return codes, []


def _wijzigingen(velden_: Mapping[str, str], herkomst: Herkomst) -> tuple[str, ...]:
    namen = dict.fromkeys([*herkomst.velden, *velden_])
    return tuple(n for n in namen if velden_.get(n) != herkomst.velden.get(n))


def _extra_code(code_: int, taal_: str, taalcodes: Mapping[str, int] | None) -> int:
    """The message code of an extra language: the one reserved for it, else one derived from the
    primary code and the language (not its place in the list), the same in an update."""
    if taalcodes and taal_ in taalcodes:
        return taalcodes[taal_]
    return (code_ + 1 + list(TALEN).index(taal_)) % (MESSAGE_CODE_MAX + 1)


def _samen(nederlands: str, engels: Sequence[str], inst: Instellingen) -> str:
    """Dutch, ' *** ' and English in one broadcast, each part spelled when its language is and
    the whole then has fewer pages."""
    geschreven = nederlands + SCHEIDING + " ".join(engels)
    delen = [(nederlands, BRONTAAL), (" ".join(engels), ENGELS)]
    gespeld = SCHEIDING.join(
        gsm7_spelling(deel) if taal_ in inst.spelling_talen else deel for deel, taal_ in delen
    )
    if pagina_telling(gespeld, BRONTAAL)[1] < pagina_telling(geschreven, BRONTAAL)[1]:
        return gespeld
    return geschreven


def compose(
    categorie: str | Handelingsperspectief,
    velden_: Mapping[str, str],
    *,
    talen: Sequence[str] = (BRONTAAL, ENGELS),
    modus: Modus | None = None,
    soort: BerichtSoort = BerichtSoort.ALERT,
    tijd: datetime | None = None,
    register: Register = Register.JE,
    variant: Variant = Variant.STANDAARD,
    nederlands: Variant = Variant.STANDAARD,
    gebied: Gebied | None = None,
    herkomst: Herkomst | None = None,
    afzender: Afzender | None = None,
    berichtcode: int | None = None,
    taalcodes: Mapping[str, int] | None = None,
    duur: timedelta | None = None,
    kenmerk: int | None = None,
    instellingen: Instellingen | None = None,
    woordenschat: Woordenschat | None = None,
) -> Bericht:
    """Compose an NL-Alert; raises a BerichtError subclass for anything the user must fix.

    `nederlands` chooses the Dutch broadcast text: standard or easy Dutch (B1); the other
    languages stay standard. `berichtcode` and `taalcodes` are the message codes reserved for the
    primary broadcast and for each further language; `duur` is how long it stays on air (the
    category's default otherwise); `kenmerk` (the stored bericht's number) makes the CAP
    identifier unique per sender; `woordenschat` holds reviewed additions to the field
    vocabularies (field, language, Dutch value casefolded -> word).
    """
    p = perspectief(categorie) if isinstance(categorie, str) else categorie
    inst = instellingen or Instellingen()
    afz = afzender or Afzender()
    modus_ = _modus(p, modus)
    moment = tijdstip(tijd)
    codes, waarschuwingen = _talen(talen, variant)
    schone_velden = valideer(p, velden_)
    if soort.volgt_op and herkomst is None:
        raise InvalidCombination(
            N_(
                "een bericht van soort '%(soort)s' verwijst naar het oorspronkelijke bericht;"
                " geef dat op"
            ),
            soort=soort.value,
        )
    if nederlands not in (Variant.STANDAARD, Variant.B1):
        raise InvalidCombination(N_("de Nederlandse uitzendtekst is standaard of eenvoudig (B1)"))
    if duur is not None and not timedelta(minutes=1) <= duur <= timedelta(days=7):
        raise InvalidCombination(N_("een uitzending duurt tussen 1 minuut en 7 dagen"))

    mid = message_identifier(
        modus_, p.severity, p.urgency, p.certainty, niveau1_bij_extreem=inst.niveau1_bij_extreem
    )
    if herkomst is not None:
        if herkomst.message_identifier != mid:
            raise InvalidCombination(
                N_(
                    "het oorspronkelijke bericht ging op kanaal %(origineel)s; "
                    "deze modus/categorie hoort bij %(kanaal)s"
                ),
                origineel=herkomst.message_identifier,
                kanaal=mid,
            )
        mid = herkomst.message_identifier  # an update or all-clear reaches the same phones
        code_ = herkomst.message_code
        update_nummer = next_update_number(herkomst.update_nummer)
        wijzigingen = _wijzigingen(schone_velden, herkomst) if soort is BerichtSoort.UPDATE else ()
    else:
        code_ = (
            berichtcode
            if berichtcode is not None
            else message_code_voor(f"{p.id}|{moment.isoformat()}|{schone_velden.get('plaats', '')}")
        )
        update_nummer, wijzigingen = 0, ()
    serial = SerialNumber(geo_scope=inst.geo_scope, message_code=code_, update_number=update_nummer)
    # The additional-language channel of `mid` (4370 -> 4383, 4381 -> 4394, 4396 -> 4397, ...);
    # an update's original was checked above to be on `mid`, so this holds for follow-ups too.
    extra_mid = message_identifier(
        modus_,
        p.severity,
        p.urgency,
        p.certainty,
        extra_taal=True,
        niveau1_bij_extreem=inst.niveau1_bij_extreem,
    )

    c = Context(
        p=p,
        velden=schone_velden,
        register=register,
        modus=modus_,
        soort=soort,
        variant=variant,
        moment=moment,
        update_nummer=update_nummer,
        wijzigingen=wijzigingen,
        woordenschat=woordenschat or {},
        tijdzone=grens.tijdzone(gebied),
    )
    # Easy Dutch for the Dutch part only: B1 is written by hand and exists only in Dutch.
    c_nl = (
        dataclasses.replace(c, variant=Variant.B1)
        if nederlands is Variant.B1 and variant is Variant.STANDAARD
        else c
    )
    primair = [BRONTAAL] if BRONTAAL in codes else codes[:1]
    if inst.engels_in_zelfde_bericht and BRONTAAL in codes and ENGELS in codes:
        primair.append(ENGELS)

    teksten: dict[str, str] = {}
    talen_uit: list[Taaltekst] = []
    for code in codes:
        vertaler = Vertaler(code)
        delen = zinnen(c_nl if code == BRONTAAL else c, code, vertaler, kop=True)
        teksten[code] = " ".join(delen.alle)
        gespeld = spelling.spel(teksten[code], code, aan=code in inst.spelling_talen)
        taal_mid, taal_serial = mid, serial
        if code not in primair:
            # Its own broadcast with its own message code, so phones never drop it as a
            # duplicate of another language (they dedupe on message identifier + serial number).
            taal_mid = extra_mid if inst.extra_taal_kanaal else mid
            taal_serial = SerialNumber(
                geo_scope=serial.geo_scope,
                message_code=_extra_code(code_, code, taalcodes),
                update_number=update_nummer,
            )
        talen_uit.append(
            Taaltekst(
                taal=code,
                tekst=teksten[code],
                richting=taal(code).richting.value,
                cb=encode(gespeld.tekst if gespeld else teksten[code], code),
                message_identifier=taal_mid,
                serial=taal_serial,
                wat=delen.wat,
                acties=tuple(delen.acties),
                teruggevallen=tuple(dict.fromkeys(vertaler.teruggevallen)),
                spelling=gespeld,
                niet_vertaald=delen.niet_vertaald,
            )
        )
    tekst = talen_uit[codes.index(primair[0])].uitzendtekst
    if len(primair) == 2:
        tekst = _samen(
            teksten[primair[0]], zinnen(c, ENGELS, Vertaler(ENGELS), kop=False).alle, inst
        )
    # One language: its own pages are the broadcast (no second encoding, no doubled warnings).
    cb = encode(tekst, primair[0]) if len(primair) == 2 else talen_uit[codes.index(primair[0])].cb
    uitzendingen: tuple[Uitzending, ...] = ()
    if soort.zendt_uit:
        uitzendingen = (
            Uitzending(
                talen=tuple(primair), message_identifier=mid, serial=serial, tekst=tekst, cb=cb
            ),
            *(
                Uitzending(
                    talen=(t.taal,),
                    message_identifier=t.message_identifier,
                    serial=t.serial,
                    tekst=t.uitzendtekst,
                    cb=t.cb,
                )
                for t in talen_uit
                if t.taal not in primair
            ),
        )

    waarschuwingen += controles.waarschuwingen(
        tekst=tekst, cb=cb, talen=talen_uit, velden=schone_velden, afzender=afz, variant=variant
    )
    waarschuwingen += vrije_waarden.waarschuwingen(talen_uit)
    waarschuwingen += grens.waarschuwingen(gebied, inst.landgrens, codes)
    volledigheid = controles.volledigheid(
        p=p,
        primair=talen_uit[codes.index(primair[0])],
        velden=schone_velden,
        afzender=afz,
        soort=soort,
        variant=variant,
    )
    identifier = cap_identifier(moment, modus_, code_, update_nummer, kenmerk)
    if duur is None:
        duur = EINDE_DUUR if soort is BerichtSoort.EINDE else timedelta(minutes=p.duur_minuten)
    return Bericht(
        categorie=p.id,
        modus=modus_,
        soort=soort,
        variant=variant,
        nederlands=c_nl.variant if BRONTAAL in codes else Variant.STANDAARD,
        register=register,
        tijd=moment,
        verloopt=moment + duur,
        velden=schone_velden,
        tekst=tekst,
        cb=cb,
        message_identifier=mid,
        serial=serial,
        talen=tuple(talen_uit),
        uitzendingen=uitzendingen,
        waarschuwingen=tuple(waarschuwingen),
        volledigheid=volledigheid,
        identifier=identifier,
        afzender=afz,
        herkomst=herkomst,
        gebied=gebied,
        wijzigingen=wijzigingen,
    )
