"""Load the catalogue from the TOML files inside this package."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from handelingsperspectieven.errors import OnbekendeCategorie, OngeldigBestand
from handelingsperspectieven.meldingen import N_, Melding
from handelingsperspectieven.model import (
    Actie,
    Bron,
    CapCategory,
    Certainty,
    Handelingsperspectief,
    ResponseType,
    Severity,
    Tekst,
    Urgency,
    Veld,
    VeldSoort,
    placeholders,
)

MODI = ("", "echt", "oefening", "test")
# How long a broadcast stays on air when a category does not say (`duur_minuten`): our own choice,
# since no public source gives the NL practice; the communicator can change it per bericht.
STANDAARD_DUUR_MINUTEN = 120
MAX_DUUR_MINUTEN = 7 * 24 * 60
_SOORTNAAM: dict[type, str] = {
    str: N_("tekst"),
    list: N_("lijst"),
    int: N_("geheel getal"),
    dict: N_("tabel"),
    bool: N_("ja/nee"),
    float: N_("getal"),
}


def _data() -> Any:
    return resources.files("handelingsperspectieven") / "data"


def _lees(naam: str, bestand: Any) -> dict[str, Any]:
    try:
        return tomllib.loads(bestand.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise OngeldigBestand(
            naam, Melding(N_("geen geldige TOML: %(fout)s"), fout=str(exc))
        ) from exc


def _proef(bestand: str, tekst: str) -> str:
    """Fail on load, not at composing time, when a text has a stray % or a non-string placeholder."""
    try:
        tekst % {naam: "x" for naam in placeholders(tekst)}
    except (ValueError, TypeError, KeyError):
        # The % forms go in as parameters, so the msgid itself has no literal % to escape.
        reden = Melding(
            N_("tekst met een ongeldig %(teken)s-teken: %(tekst)s (gebruik %(veld)s of %(los)s)"),
            teken="%",
            tekst=repr(tekst),
            veld="%(naam)s",
            los="%%",
        )
        raise OngeldigBestand(bestand, reden) from None
    return tekst


def _tekst(bestand: str, waarde: object) -> Tekst:
    if isinstance(waarde, str):
        _proef(bestand, waarde)
        return Tekst(je=waarde, u=waarde)
    if isinstance(waarde, Mapping) and set(waarde) == {"je", "u"}:
        je, u = waarde["je"], waarde["u"]
        if isinstance(je, str) and isinstance(u, str):
            if placeholders(je) != placeholders(u):
                raise OngeldigBestand(
                    bestand,
                    Melding(N_("je/u-tekst met verschillende velden: %(tekst)s"), tekst=repr(je)),
                )
            return Tekst(je=_proef(bestand, je), u=_proef(bestand, u))
    raise OngeldigBestand(
        bestand,
        Melding(N_("tekst moet een string of {je, u} zijn, niet %(waarde)s"), waarde=repr(waarde)),
    )


def _veld(data: object, sleutel: str, bestand: str, soort: type | None = None) -> Any:
    if not isinstance(data, Mapping):
        raise OngeldigBestand(
            bestand, Melding(N_("verwacht een tabel rond '%(sleutel)s'"), sleutel=sleutel)
        )
    try:
        waarde = data[sleutel]
    except KeyError:
        raise OngeldigBestand(
            bestand, Melding(N_("'%(sleutel)s' ontbreekt"), sleutel=sleutel)
        ) from None
    if soort is not None and not isinstance(waarde, soort):
        gegeven = type(waarde)
        raise OngeldigBestand(
            bestand,
            Melding(
                N_("'%(sleutel)s' moet een %(soort)s zijn, geen %(gegeven)s"),
                sleutel=sleutel,
                soort=Melding(_SOORTNAAM[soort]),
                gegeven=(
                    Melding(_SOORTNAAM[gegeven]) if gegeven in _SOORTNAAM else gegeven.__name__
                ),
            ),
        )
    return waarde


def _lijst_van_tekst(
    data: object, sleutel: str, bestand: str, standaard: list[str] | None = None
) -> list[str]:
    if standaard is not None and isinstance(data, Mapping) and sleutel not in data:
        return standaard
    waarde = _veld(data, sleutel, bestand, list)
    if not all(isinstance(w, str) for w in waarde):
        raise OngeldigBestand(
            bestand, Melding(N_("'%(sleutel)s' moet een lijst van teksten zijn"), sleutel=sleutel)
        )
    return waarde


@cache
def bronnen() -> dict[str, Bron]:
    """All named public sources."""
    data = _lees("bronnen.toml", _data() / "bronnen.toml")
    try:
        return {sleutel: Bron(**waarde) for sleutel, waarde in data.items()}
    except TypeError as exc:
        raise OngeldigBestand(
            "bronnen.toml",
            Melding(N_("een bron heeft uitgever, titel, url en datum: %(fout)s"), fout=str(exc)),
        ) from None


def _bronnen(bestand: str, sleutels: object, eigen: object) -> tuple[Bron, ...]:
    if not isinstance(sleutels, list) or not isinstance(eigen, bool):
        raise OngeldigBestand(
            bestand, Melding(N_("'bronnen' moet een lijst zijn en 'eigen_formulering' een bool"))
        )
    bekend = bronnen()
    onbekend = [s for s in sleutels if s not in bekend]
    if onbekend:
        raise OngeldigBestand(
            bestand, Melding(N_("onbekende bron(nen): %(bronnen)s"), bronnen=", ".join(onbekend))
        )
    if eigen == bool(sleutels):
        raise OngeldigBestand(
            bestand, Melding(N_("eigen_formulering = true precies dan als er geen bronnen zijn"))
        )
    return tuple(bekend[s] for s in sleutels)


@cache
def velden() -> dict[str, Veld]:
    """All incident fields by id."""
    data = _lees("velden.toml", _data() / "velden.toml")
    uitkomst = {}
    for sleutel, w in data.items():
        naam = f"velden.toml [{sleutel}]"
        try:
            soort = VeldSoort(_veld(w, "soort", naam, str))
        except ValueError:
            raise OngeldigBestand(
                naam,
                Melding(N_("onbekende soort; kies uit %(soorten)s"), soorten=", ".join(VeldSoort)),
            ) from None
        uitkomst[sleutel] = Veld(
            id=sleutel,
            label_nl=_veld(w, "label_nl", naam, str),
            label_en=_veld(w, "label_en", naam, str),
            soort=soort,
            uitleg=_veld(w, "uitleg", naam, str),
            voorbeeld=_veld(w, "voorbeeld", naam, str),
            max_lengte=_veld(w, "max_lengte", naam, int),
            uitleg_en=w["uitleg_en"] if isinstance(w.get("uitleg_en"), str) else "",
        )
    return uitkomst


def voorbeeldvelden(p: Handelingsperspectief, *, optioneel: bool = False) -> dict[str, str]:
    """The example values (velden.toml `voorbeeld`) of a category's required, or all, fields."""
    alle = velden()
    return {n: alle[n].voorbeeld for n in (p.velden if optioneel else p.verplichte_velden)}


@cache
def acties() -> dict[str, Actie]:
    """All actions by id."""
    data = _lees("acties.toml", _data() / "acties.toml")
    uitkomst = {}
    for sleutel, w in data.items():
        naam = f"acties.toml [{sleutel}]"
        uitkomst[sleutel] = Actie(
            id=sleutel,
            pictogram=_veld(w, "pictogram", naam, str),
            tekst=_tekst(naam, _veld(w, "tekst", naam)),
            bijschrift=_veld(w, "bijschrift", naam, str),
            eigen_formulering=bool(w.get("eigen_formulering", False)),
            bronnen=_bronnen(naam, w.get("bronnen", []), w.get("eigen_formulering", False)),
        )
    return uitkomst


def _perspectief(bestand: str, d: Mapping[str, Any]) -> Handelingsperspectief:
    cap = _veld(d, "cap", bestand)
    tekst = _veld(d, "tekst", bestand)
    veldspec = _veld(d, "velden", bestand)
    bekende_acties = acties()
    bekende_velden = velden()
    actie_ids = _lijst_van_tekst(tekst, "acties", bestand)
    missend = [a for a in actie_ids if a not in bekende_acties]
    if missend:
        raise OngeldigBestand(
            bestand, Melding(N_("onbekende actie(s): %(acties)s"), acties=", ".join(missend))
        )
    verplicht = tuple(_lijst_van_tekst(veldspec, "verplicht", bestand))
    optioneel = tuple(_lijst_van_tekst(veldspec, "optioneel", bestand, standaard=[]))
    for v in verplicht + optioneel:
        if v not in bekende_velden:
            raise OngeldigBestand(bestand, Melding(N_("onbekend veld '%(veld)s'"), veld=v))
    modus = d.get("vaste_modus", "")
    if modus not in MODI:
        raise OngeldigBestand(
            bestand, Melding(N_("vaste_modus '%(modus)s' is geen modus"), modus=modus)
        )
    duur = d.get("duur_minuten", STANDAARD_DUUR_MINUTEN)
    if type(duur) is not int or not 1 <= duur <= MAX_DUUR_MINUTEN:
        raise OngeldigBestand(
            bestand,
            Melding(
                N_("duur_minuten moet een geheel getal van 1 tot %(maximum)s zijn"),
                maximum=MAX_DUUR_MINUTEN,
            ),
        )
    try:
        p = Handelingsperspectief(
            id=_veld(d, "id", bestand, str),
            naam_nl=_veld(d, "naam_nl", bestand, str),
            naam_en=_veld(d, "naam_en", bestand, str),
            cap_category=CapCategory(_veld(cap, "category", bestand)),
            cap_event=_veld(cap, "event", bestand, str),
            response_types=tuple(
                ResponseType(r) for r in _lijst_van_tekst(cap, "response_types", bestand)
            ),
            severity=Severity(_veld(cap, "severity", bestand)),
            urgency=Urgency(_veld(cap, "urgency", bestand)),
            certainty=Certainty(_veld(cap, "certainty", bestand)),
            wat=_tekst(bestand, _veld(tekst, "wat", bestand)),
            acties=tuple(bekende_acties[a] for a in actie_ids),
            vervolg=_tekst(bestand, _veld(tekst, "vervolg", bestand)),
            einde=_tekst(bestand, _veld(tekst, "einde", bestand)),
            verplichte_velden=verplicht,
            optionele_velden=optioneel,
            b1=tuple(_tekst(bestand, t) for t in _veld(tekst, "b1", bestand, list)),
            kort=_tekst(bestand, _veld(tekst, "kort", bestand, str)).je,
            vaste_modus=modus,
            duur_minuten=duur,
            eigen_formulering=_veld(d, "eigen_formulering", bestand),
            bronnen=_bronnen(bestand, d.get("bronnen", []), d.get("eigen_formulering")),
        )
    except ValueError as exc:  # an unknown CAP enum value
        raise OngeldigBestand(
            bestand, Melding(N_("onbekende CAP-waarde: %(fout)s"), fout=str(exc))
        ) from exc
    gebruikt = set().union(
        *(placeholders(t) for t in (p.wat.je, p.wat.u, p.vervolg.je, p.einde.je, p.kort)),
        *(a.velden for a in p.acties),
        *(placeholders(t.je) for t in p.b1),
    )
    onbekend = gebruikt - set(p.velden)
    if onbekend:
        raise OngeldigBestand(
            bestand,
            Melding(
                N_("tekst gebruikt velden die niet bij de categorie horen: %(velden)s"),
                velden=", ".join(sorted(onbekend)),
            ),
        )
    return p


@cache
def catalogus() -> dict[str, Handelingsperspectief]:
    """Every action perspective by category id, in file-name order."""
    uitkomst = {}
    for bestand in sorted((_data() / "categorieen").iterdir(), key=lambda b: b.name):
        if not bestand.name.endswith(".toml"):
            continue
        p = _perspectief(bestand.name, _lees(bestand.name, bestand))
        if f"{p.id}.toml" != bestand.name:
            raise OngeldigBestand(
                bestand.name, Melding(N_("id '%(id)s' past niet bij de bestandsnaam"), id=p.id)
            )
        uitkomst[p.id] = p
    return uitkomst


def perspectief(categorie_id: str) -> Handelingsperspectief:
    """One action perspective by id, or OnbekendeCategorie."""
    alle = catalogus()
    try:
        return alle[categorie_id]
    except KeyError:
        raise OnbekendeCategorie(categorie_id, tuple(alle)) from None
