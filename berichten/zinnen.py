"""The sentences of one language's text: header, markers, what and where, actions, extra, link.

An update leads with the sentences whose facts changed; an all-clear says the danger is over and
repeats no line of the alert it ends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from berichten.model import Variant
from berichten.modus import BerichtSoort, Modus
from berichten.velden import EXTRA
from handelingsperspectieven import (
    Handelingsperspectief,
    Register,
    Tekst,
    placeholders,
    woordenlijsten,
)
from vertalingen import AMSTERDAM, BRONTAAL, Vertaler, kloktijd, kop_datum_tijd, render_zinnen

TIJDVELDEN = ("sinds", "tot")
# Reviewed additions to the vocabularies: (field, language, Dutch value casefolded) -> word.
Woordenschat = Mapping[tuple[str, str, str], str]
# Optional fields the template gives a sentence of their own.
LOSSE_VELDEN = ("plek", "stof", "wind", "weg", "sinds", "tot")


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    p: Handelingsperspectief
    velden: Mapping[str, str]
    register: Register
    modus: Modus
    soort: BerichtSoort
    variant: Variant
    moment: datetime
    update_nummer: int
    wijzigingen: tuple[str, ...]
    woordenschat: Woordenschat = dataclasses.field(default_factory=dict)
    tijdzone: ZoneInfo | None = None  # of the header: America/Kralendijk on the islands


def tijdstip(moment: datetime | None) -> datetime:
    """A timezone-aware moment in Europe/Amsterdam; naive input is taken as Amsterdam time."""
    if moment is None:
        return datetime.now(AMSTERDAM).replace(second=0, microsecond=0)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=AMSTERDAM)
    return moment.astimezone(AMSTERDAM)


def _waarden(
    velden_: Mapping[str, str], code: str, vertaler: Vertaler, extra: Woordenschat
) -> tuple[dict[str, str], tuple[str, ...]]:
    """Field values for a language, and the free values left untranslated in it.

    Place names stay as given, clock times take the locale's form, and a value from a field's
    vocabulary is put in the language's own word (the catalogue's, or a reviewed addition).
    """
    uit = dict(velden_)
    for naam in TIJDVELDEN:
        if naam in uit:
            uur, minuut = uit[naam].split(":")
            uit[naam] = kloktijd(time(int(uur), int(minuut)), code)
    vrij: list[str] = []
    for naam, lijst in woordenlijsten().items():
        if not uit.get(naam) or code == BRONTAAL:
            continue
        waarde = uit[naam]
        bekend = lijst.vind(waarde)
        vertaald = vertaler.pgettext(naam, bekend) if bekend else None
        if vertaald is None:
            vertaald = extra.get((naam, code, waarde.strip().casefold()))
        if vertaald is None:
            vrij.append(waarde)
        else:
            uit[naam] = vertaald
    return uit, tuple(vrij)


@dataclass(frozen=True, slots=True, kw_only=True)
class Zinnen:
    alle: list[str]
    wat: str
    acties: list[str]
    niet_vertaald: tuple[str, ...] = ()  # free vocabulary-field values left as typed


def _kort(c: Context, vertaler: Vertaler, wat: str) -> Zinnen:
    """The short variant: markers and one short text, no header (screens show their own time)."""
    alle = render_zinnen(
        "kort.j2",
        vertaler,
        modus=c.modus.value,
        soort=c.soort.value,
        update_nummer=c.update_nummer,
        wat=wat,
    )
    return Zinnen(alle=alle, wat=wat, acties=[])


def _volgorde(
    c: Context,
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


def zinnen(c: Context, code: str, vertaler: Vertaler, *, kop: bool) -> Zinnen:
    """The sentences of one language's text, header first when `kop`."""
    waarden, vrij = _waarden(c.velden, code, vertaler, c.woordenschat)
    delen = _zinnen(c, code, vertaler, kop=kop, waarden=waarden)
    tekst = " ".join(delen.alle)
    return dataclasses.replace(delen, niet_vertaald=tuple(w for w in vrij if w in tekst))


def _zinnen(
    c: Context, code: str, vertaler: Vertaler, *, kop: bool, waarden: dict[str, str]
) -> Zinnen:
    """The sentences of one language's text, its field values already in that language."""
    p = c.p
    datum, klok = kop_datum_tijd(c.moment, code, c.tijdzone)
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
        return Zinnen(alle=alle, wat=wat, acties=[])
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
    return Zinnen(alle=alle, wat=wat, acties=acties)
