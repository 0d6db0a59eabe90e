"""The ground truth of a scenario: area, categories, languages and the alerts expected when."""

from __future__ import annotations

from datetime import timedelta

from handelingsperspectieven import catalogus
from nlalert.fouten import N_
from nlalert.oefenen import gebied as gebieden
from nlalert.oefenen.lezer import Lezer, hhmm
from nlalert.oefenen.model import Grondwaarheid, Inject, Vervolgsoort, VerwachteTaal, Verwachting
from nlalert.oefenen.regels import Sleutelpad
from nlalert.oefenen.schema import EersteAlertSchema, ScenarioSchema, VervolgSchema
from vertalingen import BRONTAAL, TALEN


def _verwachting(
    lezer: Lezer,
    pad: Sleutelpad,
    v: EersteAlertSchema | VervolgSchema,
    injects: tuple[Inject, ...],
    duur: timedelta | None,
) -> Verwachting | None:
    uiterlijk = lezer.tijd((*pad, "uiterlijk"), v.uiterlijk, duur)
    if uiterlijk is None:
        return None
    if v.aanleiding is not None:
        gevonden = [i for i in injects if i.id == v.aanleiding]
        if not gevonden:
            lezer.fout(
                (*pad, "aanleiding"),
                N_("er is geen inject met id '%(id)s'"),
                id=v.aanleiding,
            )
            return None
        aanleiding = gevonden[0]
    else:
        eerdere = [i for i in injects if i.tijd <= uiterlijk]
        # The first alert answers the first inject; a follow-up the latest one before it is due.
        eerste = isinstance(v, EersteAlertSchema)
        aanleiding = injects[0] if eerste or not eerdere else eerdere[-1]
    if aanleiding.tijd > uiterlijk:
        lezer.fout(
            (*pad, "uiterlijk"),
            N_("%(uiterlijk)s ligt voor inject %(inject)s (%(tijd)s), waar het op antwoordt"),
            uiterlijk=hhmm(uiterlijk),
            inject=aanleiding.id,
            tijd=hhmm(aanleiding.tijd),
        )
        return None
    if isinstance(v, EersteAlertSchema):
        return Verwachting(soort=None, uiterlijk=uiterlijk, aanleiding=aanleiding.nummer)
    return Verwachting(
        soort=Vervolgsoort(v.soort),
        uiterlijk=uiterlijk,
        aanleiding=aanleiding.nummer,
        reden=v.reden,
    )


def grondwaarheid(
    lezer: Lezer, s: ScenarioSchema, injects: tuple[Inject, ...], duur: timedelta | None
) -> Grondwaarheid | None:
    g = s.grondwaarheid
    pad: Sleutelpad = ("grondwaarheid",)
    regio = gebieden.regio(s.regio)
    gevaar = None
    if regio is not None:
        try:
            gevaar = gebieden.bouw(g.gebied, regio, lezer.lees_json)
        except gebieden.GebiedProbleem as exc:
            plek = (*pad, "gebied") if exc.sleutel is None else (*pad, "gebied", exc.sleutel)
            lezer.fout_melding(plek, exc.reden)
    bekend = catalogus()
    for i, categorie in enumerate(g.categorieen):
        if categorie not in bekend:
            lezer.fout(
                (*pad, "categorieen", i),
                N_("onbekende categorie '%(categorie)s'; kies uit: %(bekend)s"),
                categorie=categorie,
                bekend=", ".join(bekend),
            )
        elif categorie in g.categorieen[:i]:
            lezer.fout((*pad, "categorieen", i), N_("'%(w)s' staat er al"), w=categorie)
    talen: list[VerwachteTaal] = []
    for i, t in enumerate(g.taal):
        if t.code == BRONTAAL:
            lezer.fout(
                (*pad, "taal", i, "code"),
                N_("Nederlands wordt altijd verwacht; noem alleen de andere talen"),
            )
        elif t.code not in TALEN:
            lezer.fout(
                (*pad, "taal", i, "code"),
                N_("onbekende taal '%(code)s'; kies uit: %(talen)s"),
                code=t.code,
                talen=", ".join(c for c in TALEN if c != BRONTAAL),
            )
        elif any(eerder.code == t.code for eerder in talen):
            lezer.fout((*pad, "taal", i, "code"), N_("'%(w)s' staat er al"), w=t.code)
        else:
            talen.append(VerwachteTaal(code=t.code, reden=t.reden.strip()))
    eerste = _verwachting(lezer, (*pad, "eerste_alert"), g.eerste_alert, injects, duur)
    vervolgen = []
    for i, v in enumerate(g.vervolg):
        verwachting = _verwachting(lezer, (*pad, "vervolg", i), v, injects, duur)
        if verwachting and eerste and verwachting.uiterlijk < eerste.uiterlijk:
            lezer.fout(
                (*pad, "vervolg", i, "uiterlijk"),
                N_("een vervolg kan niet voor de eerste alert (%(eerste)s) verwacht worden"),
                eerste=hhmm(eerste.uiterlijk),
            )
        elif verwachting:
            vervolgen.append(verwachting)
    if gevaar is None or eerste is None:
        return None
    return Grondwaarheid(
        gebied=gevaar.gebied,
        rookpluim=gevaar.rookpluim,
        oppervlakte_km2=gevaar.oppervlakte_km2,
        categorieen=tuple(g.categorieen),
        talen=tuple(talen),
        eerste_alert=eerste,
        vervolgen=tuple(vervolgen),
    )
