"""Compose a Bericht from an action perspective and the incident, in every chosen language."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from berichten import controles
from berichten.errors import InvalidCombination
from berichten.gebied import Gebied
from berichten.identificatie import (
    MESSAGE_CODE_MAX,
    GeoScope,
    SerialNumber,
    message_code_voor,
    message_identifier,
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
from berichten.paginas import encode
from berichten.velden import EXTRA, valideer
from handelingsperspectieven import (
    Handelingsperspectief,
    Register,
    Tekst,
    perspectief,
    placeholders,
)
from vertalingen import (
    AMSTERDAM,
    BRONTAAL,
    TALEN,
    Vertaler,
    kloktijd,
    kop_datum_tijd,
    render_zinnen,
    taal,
)

SCHEIDING = " *** "  # English follows the Dutch after ' *** ' (test messages 2022, 2025)
ENGELS = "en"
TIJDVELDEN = ("sinds", "tot")
LOSSE_VELDEN = (
    "stof",
    "sinds",
    "tot",
)  # optional fields the template gives a sentence of their own
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


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    p: Handelingsperspectief
    velden: Mapping[str, str]
    register: Register
    modus: Modus
    soort: BerichtSoort
    variant: Variant
    moment: datetime
    update_nummer: int
    wijzigingen: tuple[str, ...]


def tijdstip(moment: datetime | None) -> datetime:
    """A timezone-aware moment in Europe/Amsterdam; naive input is taken as Amsterdam time."""
    if moment is None:
        return datetime.now(AMSTERDAM).replace(second=0, microsecond=0)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=AMSTERDAM)
    return moment.astimezone(AMSTERDAM)


def _waarden(velden_: Mapping[str, str], code: str) -> dict[str, str]:
    """Field values for a language: place names stay as given, clock times in the locale's form."""
    uit = dict(velden_)
    for naam in TIJDVELDEN:
        if naam in uit:
            uur, minuut = uit[naam].split(":")
            uit[naam] = kloktijd(time(int(uur), int(minuut)), code)
    return uit


@dataclass(frozen=True, slots=True, kw_only=True)
class _Zinnen:
    alle: list[str]
    wat: str
    acties: list[str]


def _kort(c: _Context, vertaler: Vertaler, wat: str) -> _Zinnen:
    """The short variant: markers and one short text, no header (screens show their own time)."""
    alle = render_zinnen(
        "kort.j2",
        vertaler,
        modus=c.modus.value,
        soort=c.soort.value,
        update_nummer=c.update_nummer,
        wat=wat,
    )
    return _Zinnen(alle=alle, wat=wat, acties=[])


def _volgorde(
    c: _Context,
    wat_velden: frozenset[str],
    actie_velden: Sequence[frozenset[str]],
    los: Mapping[str, str],
    extra: str,
    link: str,
) -> list[str | int]:
    """The body's parts in reading order; an update puts the parts whose facts changed first."""
    delen: list[tuple[str | int, frozenset[str]]] = [("wat", wat_velden)]
    delen += [(n, frozenset({n})) for n in LOSSE_VELDEN if los.get(n)]
    delen += list(enumerate(actie_velden))
    if extra:
        delen.append(("extra", frozenset({EXTRA})))
    if link:
        delen.append(("link", frozenset({"link"})))
    veranderd = {EXTRA if w.startswith(f"{EXTRA}_") else w for w in c.wijzigingen}
    eerst = [d for d, velden_ in delen if velden_ & veranderd]
    return eerst + [d for d, _velden in delen if d not in eerst]


def _velden_van(tekst: Tekst) -> frozenset[str]:
    return placeholders(tekst.je) | placeholders(tekst.u)


def _zinnen(c: _Context, code: str, vertaler: Vertaler, *, kop: bool) -> _Zinnen:
    """The sentences of one language's text, header first when `kop`."""
    p = c.p
    waarden = _waarden(c.velden, code)
    datum, klok = kop_datum_tijd(c.moment, code)
    acties: list[str] = []
    if c.soort.beeindigt:
        # The all-clear, in every variant: it says the danger is over and never repeats a line
        # of the alert it ends (no actions, no times, no extra sentence).
        wat = vertaler.vul_in(p.einde.voor(c.register), waarden)
        if c.variant is Variant.KORT:
            return _kort(c, vertaler, wat)
        alle = render_zinnen(
            "bericht.j2",
            vertaler,
            kop=kop,
            datum=datum,
            tijd=klok,
            modus=c.modus.value,
            soort=c.soort.value,
            update_nummer=c.update_nummer,
            volgorde=["wat"],
            wat=wat,
            acties=[],
        )
        return _Zinnen(alle=alle, wat=wat, acties=[])
    if c.variant is Variant.KORT:
        return _kort(c, vertaler, vertaler.vul_in(p.kort, waarden))
    if c.variant is Variant.B1:  # easy Dutch is written by hand and exists only in Dutch
        zinnen = [t.voor(c.register) % waarden for t in p.b1]
        wat, acties = zinnen[0], zinnen[1:]
        wat_velden = _velden_van(p.b1[0])
        actie_velden = [_velden_van(t) for t in p.b1[1:]]
    else:
        zin = p.vervolg if c.soort is BerichtSoort.UPDATE else p.wat
        wat = vertaler.vul_in(zin.voor(c.register), waarden)
        acties = [vertaler.vul_in(a.tekst.voor(c.register), waarden) for a in p.acties]
        wat_velden = _velden_van(zin)
        actie_velden = [a.velden for a in p.acties]
    al_gebruikt = set().union(
        *(placeholders(t) for t in (p.wat.je, p.vervolg.je, p.einde.je)),
        *(a.velden for a in p.acties),
    )
    los = {n: waarden.get(n, "") if n not in al_gebruikt else "" for n in LOSSE_VELDEN}
    extra = c.velden.get(EXTRA if code == BRONTAAL else f"{EXTRA}_{code}", "")
    link = waarden.get("link", "")
    volgorde = _volgorde(c, wat_velden, actie_velden, los, extra, link)
    alle = render_zinnen(
        "bericht.j2",
        vertaler,
        kop=kop,
        datum=datum,
        tijd=klok,
        modus=c.modus.value,
        soort=c.soort.value,
        update_nummer=c.update_nummer,
        volgorde=volgorde,
        wat=wat,
        acties=acties,
        extra=extra,
        link=link,
        **los,
    )
    return _Zinnen(alle=alle, wat=wat, acties=acties)


def _modus(p: Handelingsperspectief, modus: Modus | None) -> Modus:
    if not p.vaste_modus:
        return modus or Modus.ECHT
    vast = Modus(p.vaste_modus)
    if modus is not None and modus is not vast:
        raise InvalidCombination(f"categorie '{p.id}' bestaat alleen als {vast.value}bericht")
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
                tekst=f"Eenvoudig Nederlands (B1) bestaat alleen in het Nederlands; weggelaten: {weg}.",
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
) -> Bericht:
    """Compose an NL-Alert; raises a BerichtError subclass for anything the user must fix.

    `nederlands` chooses the Dutch broadcast text: standard or easy Dutch (B1); the other
    languages stay standard. `berichtcode` and `taalcodes` are the message codes reserved for the
    primary broadcast and for each further language; `duur` is how long it stays on air (the
    category's default otherwise); `kenmerk` (the stored bericht's number) makes the CAP
    identifier unique per sender.
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
            f"een {soort.value} verwijst naar het oorspronkelijke bericht; geef dat op"
        )
    if nederlands not in (Variant.STANDAARD, Variant.B1):
        raise InvalidCombination("de Nederlandse uitzendtekst is standaard of eenvoudig (B1)")
    if duur is not None and not timedelta(minutes=1) <= duur <= timedelta(days=7):
        raise InvalidCombination("een uitzending duurt tussen 1 minuut en 7 dagen")

    mid = message_identifier(
        modus_, p.severity, p.urgency, p.certainty, niveau1_bij_extreem=inst.niveau1_bij_extreem
    )
    if herkomst is not None:
        if herkomst.message_identifier != mid:
            raise InvalidCombination(
                f"het oorspronkelijke bericht ging op kanaal {herkomst.message_identifier}; "
                f"deze modus/categorie hoort bij {mid}"
            )
        mid = herkomst.message_identifier  # an update or all-clear reaches the same phones
        code_ = herkomst.message_code
        update_nummer = (herkomst.update_nummer + 1) % 16
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

    c = _Context(
        p=p,
        velden=schone_velden,
        register=register,
        modus=modus_,
        soort=soort,
        variant=variant,
        moment=moment,
        update_nummer=update_nummer,
        wijzigingen=wijzigingen,
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
        zinnen = _zinnen(c_nl if code == BRONTAAL else c, code, vertaler, kop=True)
        teksten[code] = " ".join(zinnen.alle)
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
                cb=encode(teksten[code], code),
                message_identifier=taal_mid,
                serial=taal_serial,
                wat=zinnen.wat,
                acties=tuple(zinnen.acties),
                teruggevallen=tuple(dict.fromkeys(vertaler.teruggevallen)),
            )
        )
    tekst = teksten[primair[0]]
    if len(primair) == 2:
        tekst += SCHEIDING + " ".join(_zinnen(c, ENGELS, Vertaler(ENGELS), kop=False).alle)
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
                    tekst=t.tekst,
                    cb=t.cb,
                )
                for t in talen_uit
                if t.taal not in primair
            ),
        )

    waarschuwingen += controles.waarschuwingen(
        tekst=tekst, cb=cb, talen=talen_uit, velden=schone_velden, afzender=afz, variant=variant
    )
    volledigheid = controles.volledigheid(
        p=p,
        primair=talen_uit[codes.index(primair[0])],
        velden=schone_velden,
        afzender=afz,
        soort=soort,
        variant=variant,
    )
    identifier = (
        f"NLALERT-{moment:%Y%m%dT%H%M%S}-{modus_.value.upper()}-{code_:04d}-{update_nummer:02d}"
        + (f"-{kenmerk}" if kenmerk is not None else "")
    )
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
