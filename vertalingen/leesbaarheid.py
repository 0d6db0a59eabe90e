"""Readability indicators for easy Dutch (B1): Flesch-Douma, sentence length and hard words.

Indicators for an editor, not verdicts (DOMAIN.md section 6); they are not LiNT, CLIB or CILT,
whose coefficients are not public. How text is cut into sentences, words and syllables, and why,
is in `vertalingen.taalregels`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from babel.numbers import format_decimal

from handelingsperspectieven.meldingen import N_, Melding
from vertalingen import taalregels as regels
from vertalingen.drempels import B1, Drempels
from vertalingen.errors import VertalingenError
from vertalingen.talen import BRONTAAL
from vertalingen.talen import taal as _bekende_taal


class LeesbaarheidFout(VertalingenError, ValueError):
    """A text that cannot be measured.

    Also a ValueError because nlalert's preview catches it as one (nlalert/opstellen/voorbeeld.py).
    """


class LegeTekst(LeesbaarheidFout):
    """The text has no word to measure."""

    def __init__(self) -> None:
        super().__init__(N_("de tekst is leeg: er is geen woord om te meten"))


class AlleenNederlands(LeesbaarheidFout):
    """A supported broadcast language other than Dutch."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            N_(
                "leesbaarheid meet alleen Nederlands (taal '%(code)s' gevraagd): "
                "Flesch-Douma is een formule voor Nederlandse tekst"
            ),
            code=code,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class LangWoord:
    """A word of at least 4 syllables or 13 letters."""

    woord: str
    lettergrepen: int
    letters: int
    waarom: str  # "4 lettergrepen", "13 letters" or both


@dataclass(frozen=True, slots=True, kw_only=True)
class ZeldzaamWoord:
    """A word below the Zipf threshold in wordfreq's Dutch list."""

    woord: str
    zipf: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Jargon:
    """Jargon or an abbreviation, and what to write instead."""

    woord: str
    alternatief: str
    afkorting: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Zin:
    """One sentence, its score and what makes it hard."""

    tekst: str
    woorden: int
    lettergrepen: int
    flesch_douma: float
    lange_woorden: tuple[LangWoord, ...]
    passief: tuple[str, ...]  # "wordt ... geadviseerd"
    modale_werkwoorden: tuple[str, ...]
    zeldzame_woorden: tuple[ZeldzaamWoord, ...]
    jargon: tuple[Jargon, ...]
    problemen: tuple[str, ...]  # Dutch, one line each
    # The same findings translatable: each a `Melding.als_json()`, so `to_dict` stays JSON.
    meldingen: tuple[dict[str, object], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Toets:
    """One threshold applied to one text."""

    naam: str
    waarde: float
    grens: float
    ok: bool
    reden: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Oordeel:
    """Every threshold of a Drempels applied to a text."""

    geslaagd: bool
    toetsen: tuple[Toets, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Leesbaarheid:
    """The indicators of a whole text, per sentence, and the verdict against thresholds."""

    taal: str
    kop: str  # the skipped header, "" when there was none
    zinnen: int
    woorden: int
    lettergrepen: int
    woorden_per_zin: float
    lettergrepen_per_woord: float
    flesch_douma: float
    lange_woorden: tuple[LangWoord, ...]
    passief: tuple[str, ...]
    modale_werkwoorden: tuple[str, ...]
    zeldzame_woorden: tuple[ZeldzaamWoord, ...]
    jargon: tuple[Jargon, ...]
    per_zin: tuple[Zin, ...]
    oordeel: Oordeel

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; scores rounded to two decimals."""
        return _afgerond(asdict(self))


def _afgerond(waarde: Any) -> Any:
    if isinstance(waarde, float):
        return round(waarde, 2)
    if isinstance(waarde, dict):
        return {k: _afgerond(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_afgerond(v) for v in waarde]
    return waarde


def flesch_douma(woorden: int, zinnen: int, lettergrepen: int) -> float:
    """206.835 - 0.93 x words per sentence - 77 x syllables per word."""
    return 206.835 - 0.93 * woorden / zinnen - 77 * lettergrepen / woorden


def _passief(woorden: list[str]) -> list[str]:
    laag = [w.lower() for w in woorden]
    uit = []
    for i, w in enumerate(laag):
        if w not in regels.WORDEN:
            continue
        deelwoorden = [
            j
            for j, d in enumerate(laag)
            if j != i and d not in regels.GEEN_DEELWOORD and regels.DEELWOORD.fullmatch(d)
        ]
        if deelwoorden:
            j = min(deelwoorden, key=lambda j: abs(j - i))
            a, b = sorted((i, j))
            uit.append(f"{woorden[a]} ... {woorden[b]}")
    return uit


def _jargon(zin: str) -> list[Jargon]:
    # URLs are masked first: www.evacuatie.nl is an address, not a word to rewrite.
    schoon = regels.URL.sub(" ", zin)
    uit = [
        Jargon(woord=m.group(), alternatief=r.alternatief, afkorting=r.afkorting)
        for r in regels.JARGON
        for m in r.patroon.finditer(schoon)
    ]
    for ruw in schoon.split():
        kaal = ruw.strip(regels.RAND)
        sleutel = kaal.lower().rstrip(".")
        # "min." and "nr." only with their dot; "o.a" and "t/m" cannot be ordinary words.
        if sleutel in regels.AFKORTINGEN and (ruw.endswith(".") or not sleutel.isalpha()):
            punt = "." if ruw.rstrip(regels.RAND.replace(".", "")).endswith(".") else ""
            voluit = f"'{regels.AFKORTINGEN[sleutel]}'"
            uit.append(Jargon(woord=kaal + punt, alternatief=voluit, afkorting=True))
        elif (
            kaal.isalpha()
            and kaal.isupper()
            and 2 <= len(kaal) <= 6
            and kaal not in regels.HOOFDLETTERWOORDEN_OK
            and not any(j.woord == kaal for j in uit)
            # TEST and UPDATE are words in capitals, not codes to decode.
            and regels.zipf(kaal) < regels.ZIPF_GRENS
        ):
            uit.append(Jargon(woord=kaal, alternatief="het woord voluit", afkorting=True))
    return uit


def _getal(x: float, patroon: str = "0.#") -> str:
    return format_decimal(x, format=patroon, locale="nl_NL")


def _zin(tekst: str, negeer: frozenset[str], drempels: Drempels) -> Zin:
    tokens = regels.woorden(tekst)
    woorden = [t for t, _ in tokens]
    grepen = {t: regels.lettergrepen(t) if echt else 1 for t, echt in tokens}
    totaal = sum(grepen[t] for t in woorden)
    jargon = _jargon(tekst)
    moeilijk = {w.lower() for j in jargon for w in j.woord.split()}
    lang: list[LangWoord] = []
    waaroms: dict[str, Melding] = {}
    zeldzaam: list[ZeldzaamWoord] = []
    for i, (w, echt) in enumerate(tokens):
        # Place names and other names are not the writer's choice: measured, never reported.
        # A capital inside a Dutch sentence marks a name, since Dutch nouns are lower case.
        naam = w.lower() in negeer or (i > 0 and w[:1].isupper() and not w.isupper())
        if not echt or naam or w.lower() in moeilijk:
            continue
        letters = sum(c.isalpha() for c in w)
        waarom = (
            [Melding(N_("%(aantal)s lettergrepen"), aantal=grepen[w])]
            if grepen[w] >= regels.LANG_LETTERGREPEN
            else []
        )
        waarom += (
            [Melding(N_("%(aantal)s letters"), aantal=letters)]
            if letters >= regels.LANG_LETTERS
            else []
        )
        if waarom:
            lang.append(
                LangWoord(
                    woord=w,
                    lettergrepen=grepen[w],
                    letters=letters,
                    waarom=str(Melding.opsomming(waarom, ", ")),
                )
            )
            waaroms[w] = Melding.opsomming(waarom, ", ")
        if w.lower() not in regels.BEKENDE_WOORDEN and (z := regels.zipf(w)) < regels.ZIPF_GRENS:
            zeldzaam.append(ZeldzaamWoord(woord=w, zipf=z))
    passief = _passief(woorden)
    modaal = [w for w in woorden if w.lower() in regels.MODALE_WERKWOORDEN]

    problemen: list[Melding] = []
    if len(woorden) > drempels.woorden_per_zin_max:
        problemen.append(
            Melding(
                N_("%(aantal)s woorden (meer dan %(max)s)"),
                aantal=len(woorden),
                max=_getal(drempels.woorden_per_zin_max),
            )
        )
    score = flesch_douma(len(woorden), 1, totaal)
    # A low score is reported only when no single word explains it: naming the word helps the
    # writer more, and one long word in a four-word sentence swings the score a lot.
    if score < drempels.flesch_douma_min and not (lang or zeldzaam or jargon):
        problemen.append(
            Melding(
                N_(
                    "Flesch-Douma %(score)s (onder %(min)s): gemiddeld %(gemiddeld)s"
                    " lettergrepen per woord"
                ),
                score=_getal(score, "0"),
                min=_getal(drempels.flesch_douma_min),
                gemiddeld=_getal(totaal / len(woorden), "0.0"),
            )
        )
    problemen += [Melding(N_("lijdende vorm: '%(woorden)s'"), woorden=p) for p in passief]
    problemen += [Melding(N_("modaal werkwoord: '%(woord)s'"), woord=m) for m in modaal]
    for j in jargon:
        soort = (
            N_("afkorting: '%(woord)s' (schrijf: %(alternatief)s)")
            if j.afkorting
            else N_("moeilijk woord: '%(woord)s' (schrijf: %(alternatief)s)")
        )
        problemen.append(Melding(soort, woord=j.woord, alternatief=j.alternatief))
    problemen += [
        Melding(
            N_("zeldzaam woord: '%(woord)s' (Zipf %(zipf)s)"),
            woord=z.woord,
            zipf=_getal(z.zipf, "0.0"),
        )
        for z in zeldzaam
    ]
    al_genoemd = {z.woord for z in zeldzaam}  # one line per word: rare says more than long
    problemen += [
        Melding(N_("lang woord: '%(woord)s' (%(waarom)s)"), woord=w.woord, waarom=waaroms[w.woord])
        for w in lang
        if w.woord not in al_genoemd
    ]
    return Zin(
        tekst=tekst,
        woorden=len(woorden),
        lettergrepen=totaal,
        flesch_douma=score,
        lange_woorden=tuple(lang),
        passief=tuple(passief),
        modale_werkwoorden=tuple(modaal),
        zeldzame_woorden=tuple(zeldzaam),
        jargon=tuple(jargon),
        problemen=tuple(str(m) for m in problemen),
        meldingen=tuple(m.als_json() for m in problemen),
    )


def beoordeel(meting: Leesbaarheid, drempels: Drempels = B1) -> Oordeel:
    """Apply every threshold of `drempels` to a measured text."""
    waarden = {
        "flesch_douma_min": meting.flesch_douma,
        "woorden_per_zin_max": meting.woorden_per_zin,
        "langste_zin_max": max(z.woorden for z in meting.per_zin),
        "passief_max": len(meting.passief),
        "jargon_max": len(meting.jargon),
        "zeldzame_woorden_max": len(meting.zeldzame_woorden),
        "modale_werkwoorden_per_zin_max": len(meting.modale_werkwoorden) / meting.zinnen,
    }
    toetsen = []
    for f in fields(drempels):
        grens, waarde = getattr(drempels, f.name), float(waarden[f.name])
        ok = waarde >= grens if f.name.endswith("_min") else waarde <= grens
        toetsen.append(
            Toets(naam=f.name, waarde=waarde, grens=grens, ok=ok, reden=drempels.reden(f.name))
        )
    return Oordeel(geslaagd=all(t.ok for t in toetsen), toetsen=tuple(toetsen))


def analyseer(
    tekst: str, *, taal: str = BRONTAAL, negeer: Iterable[str] = (), drempels: Drempels = B1
) -> Leesbaarheid:
    """Measure a Dutch text; `negeer` holds names (places, people) never reported as hard words."""
    _taal(taal)
    kop, teksten = regels.zinnen(tekst)
    if not teksten:
        raise LegeTekst()
    genegeerd = frozenset(w.strip(regels.RAND).lower() for n in negeer for w in n.split())
    per_zin = tuple(_zin(z, genegeerd, drempels) for z in teksten)
    woorden = sum(z.woorden for z in per_zin)
    grepen = sum(z.lettergrepen for z in per_zin)
    meting = Leesbaarheid(
        taal=taal,
        kop=kop,
        zinnen=len(per_zin),
        woorden=woorden,
        lettergrepen=grepen,
        woorden_per_zin=woorden / len(per_zin),
        lettergrepen_per_woord=grepen / woorden,
        flesch_douma=flesch_douma(woorden, len(per_zin), grepen),
        lange_woorden=tuple(w for z in per_zin for w in z.lange_woorden),
        passief=tuple(p for z in per_zin for p in z.passief),
        modale_werkwoorden=tuple(m for z in per_zin for m in z.modale_werkwoorden),
        zeldzame_woorden=tuple(w for z in per_zin for w in z.zeldzame_woorden),
        jargon=tuple(j for z in per_zin for j in z.jargon),
        per_zin=per_zin,
        oordeel=Oordeel(geslaagd=False, toetsen=()),  # filled in below, from the totals
    )
    return replace(meting, oordeel=beoordeel(meting, drempels))


def _taal(code: str) -> None:
    _bekende_taal(code)  # OnbekendeTaal for codes nlalert does not support at all
    if code != BRONTAAL:
        raise AlleenNederlands(code)
