"""The compose screen: pick a category, fill its fields, see every broadcast and language live,
save as you go. The area panel is its own blueprint (`nlalert.opstellen.gebied`)."""

from __future__ import annotations

from typing import Any, cast

from flask import (
    Blueprint,
    Response,
    flash,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from berichten.controles import WAARSCHUW_BOVEN_PAGINAS
from handelingsperspectieven import catalogus, velden, woordenlijsten
from nlalert.accounts.gebruikers import Gebruiker, GeenRecht, Recht
from nlalert.accounts.toegang import huidige_gebruiker, login_required, scherm_api
from nlalert.db import get_db
from nlalert.fouten import N_, NietGevonden, OngeldigeInvoer
from nlalert.http.invoer import is_id
from nlalert.http.json import lees_json
from nlalert.oefenen import opslag as oefeningen
from nlalert.opstellen import kaart, rookpluim
from nlalert.opstellen.voorbeeld import voorbeeld
from nlalert.problemen import json_fouten, probleem
from nlalert.publiek import adressen, incidenten
from nlalert.taal import gettext as _
from nlalert.taal import huidige_taal
from nlalert.workflow import opslag
from nlalert.workflow.inhoud import STANDAARD_TALEN
from nlalert.workflow.model import BEWERKBAAR, BerichtRecord
from nlalert.workflow.opsteller import afzender, instellingen
from nlalert.workflow.samenstelling import herkomst_van
from vertalingen import BRONTAAL, TALEN

bp = Blueprint("opstellen", __name__)


def _gebruiker() -> Gebruiker:
    # Only called behind login_required or scherm_api, which guarantee a user.
    return cast(Gebruiker, huidige_gebruiker())


def _mag_opstellen() -> Gebruiker:
    gebruiker = _gebruiker()
    if not gebruiker.mag(Recht.OPSTELLEN):
        raise GeenRecht(N_("uw rol '%(rol)s' mag geen berichten opstellen"), rol=str(gebruiker.rol))
    return gebruiker


def _catalogus() -> list[dict[str, Any]]:
    """The categories and their fields for the screen, labels in the user's language."""
    engels = huidige_taal() == "en"
    alle = velden()
    uit = [
        {
            "id": p.id,
            "naam": p.naam_en if engels else p.naam_nl,
            "zoek": f"{p.naam_nl} {p.naam_en} {p.id}",
            "vaste_modus": p.vaste_modus,
            "duur_minuten": p.duur_minuten,
            "velden": [
                {
                    "id": naam,
                    "label": alle[naam].label_en if engels else alle[naam].label_nl,
                    "uitleg": (alle[naam].uitleg_en if engels else "") or alle[naam].uitleg,
                    "voorbeeld": alle[naam].voorbeeld,
                    "soort": str(alle[naam].soort),
                    "max_lengte": alle[naam].max_lengte,
                    "verplicht": naam in p.verplichte_velden,
                    # A field with a vocabulary: values to pick from, each translated in every
                    # broadcast language; free text stays possible (and is flagged).
                    "keuzes": _keuzes(naam, engels),
                }
                for naam in p.velden
            ],
        }
        for p in catalogus().values()
    ]
    return sorted(uit, key=lambda c: str(c["naam"]).casefold())


def _keuzes(naam: str, engels: bool) -> list[dict[str, str]]:
    lijst = woordenlijsten().get(naam)
    if lijst is None:
        return []
    return [
        {"waarde": w, "label": uitleg if engels else w}
        for w, uitleg in zip(lijst.waarden, lijst.uitleg, strict=True)
    ]


def _teksten() -> dict[str, str]:
    """The screen's own words for opstellen.js, in the user's language (placeholders kept)."""
    return {
        "verplicht": _("verplicht"),
        "voorbeeld": _("Bijvoorbeeld"),
        "veld_verplicht": _("Dit veld is verplicht."),
        "te_lang": _("Dit is te lang: hoogstens %(max)s tekens."),
        "geen_link": _("Dit is geen webadres (bijvoorbeeld crisis.nl)."),
        "geen_telefoon": _("Dit is geen telefoonnummer."),
        "geen_tijd": _("Schrijf de tijd als UU:MM, bijvoorbeeld 14:05."),
        "geen_wegnummer": _("Schrijf alleen het wegnummer, bijvoorbeeld A16 of N3."),
        "link_in_tekst": _("Een webadres hoort in het veld 'link'."),
        "extra_taal": _("Extra zin in het %(taal)s"),
        "niet_vertaald": _("%(waarden)s staat onvertaald in de tekst in '%(taal)s'."),
        "lijst": _("Kies uit de lijst of typ zelf"),
        "uitzending": _("Uitzending"),
        "uitzendingen": _("Uitzendingen naar telefoons (%(aantal)s)"),
        "telefoon_per_taal": _("Telefoon per taal"),
        "uitzending_uitleg": _(
            "Alleen deze berichten gaan naar telefoons: één per uitzending, elk met een eigen"
            " serienummer. De varianten hieronder laten zien hoe elke taal eruitziet; de korte"
            " tekst en de beeldkaart zijn voor schermen en de website, niet voor telefoons."
        ),
        "kanaal": _("kanaal"),
        "serienummer": _("serienummer"),
        "standaard": _("Standaard"),
        "b1": _("Eenvoudig (B1)"),
        "kort": _("Kort"),
        "beeld": _("Beeldkaart"),
        "tekens": _("tekens"),
        "paginas": _("pagina's"),
        "per_pagina": _("tekens per pagina"),
        "schrijf": _("schrijf"),
        "geen_voorstel": _("geen GSM-7-teken; dit maakt het bericht UCS-2"),
        "ucs2_uitleg": _("Gemarkeerde tekens maken het bericht UCS-2: minder tekens per pagina."),
        "spelling_toegepast": _("GSM-7-spelling: %(besparing)s"),
        "spelling_aanbod": _(
            "GSM-7-spelling zou schelen: %(besparing)s. De regio kan die aanzetten."
        ),
        "spelling_kies": _("GSM-7-spelling gebruiken voor dit bericht"),
        "spelling_terug": _("Toch zoals geschreven versturen"),
        "spelling_origineel": _("Zoals geschreven:"),
        "spelling_gespeld": _("In GSM-7-spelling:"),
        "te_veel_paginas": _(
            "Meer dan %(max)s pagina's: mensen lezen dit slecht.", max=WAARSCHUW_BOVEN_PAGINAS
        ),
        "controle": _("Controle"),
        "waarschuwingen": _("Waarschuwingen"),
        "leesbaarheid": _("Leesbaarheid"),
        "flesch": _("Flesch-Douma"),
        "woorden_per_zin": _("woorden per zin"),
        "b1_gehaald": _("voldoet aan B1"),
        "b1_niet": _("voldoet niet aan B1"),
        "geen_kaart": _("De beeldkaart is nog niet beschikbaar."),
        "kaart_alt": _("Beeldkaart van het bericht in het %(taal)s"),
        "opgeslagen": _("Opgeslagen om %(tijd)s"),
        "lokaal": _("Bewaard in deze browser; nog niet op de server"),
        "opslaan_mislukt": _(
            "Opslaan op de server mislukt; uw tekst staat veilig in deze browser."
            " Nieuwe poging over een paar seconden."
        ),
        "verouderd": _(
            "Iemand anders heeft dit bericht intussen opgeslagen. Uw versie staat nog in deze"
            " browser; laad de pagina opnieuw om de nieuwste te zien en kies dan of u uw versie"
            " herstelt."
        ),
        "herstel": _("Deze browser heeft een nieuwere, niet opgeslagen versie van %(tijd)s."),
        "oefening": _("OEFENING"),
        "vaste_modus": _("Deze categorie bestaat alleen als %(modus)s."),
        "kies_gemeenten": _("Klik gemeenten aan om ze te kiezen of weer weg te halen."),
        "kies_polygoon": _("Klik de hoekpunten; dubbelklik om de polygoon te sluiten."),
        "kies_cirkel": _("Klik het middelpunt en kies de straal."),
        "kies_sector": _(
            "Klik de bron van de rook aan, of typ lat,lon; vul de wind en de lengte in."
        ),
        "sector_bron_fout": _("Schrijf de bron als lat,lon, bijvoorbeeld 51.685,4.62."),
        "sector_hoek": _("openingshoek %(hoek)s°"),
        "nog_geen": _("nog geen"),
        "bereik_laden": _("Bereik wordt geschat…"),
        "inwoners": _("Inwoners in het gebied"),
        "bereikt": _("Bereikt (binnen het gebied)"),
        "overshoot": _("Overshoot (buiten het gebied)"),
        "gemist": _("Gemist"),
        "per_gemeente": _("Per gemeente"),
        "overshoot_plaatsen": _("Buiten het gebied bereikt in:"),
        "gemeente": _("Gemeente"),
        "reden_geen_dekking": _("geen dekking"),
        "reden_geen_geschikte_telefoon": _("geen geschikte telefoon"),
        "reden_kanaal_uit": _("kanaal uitgezet"),
        "reden_uitgeschakeld": _("telefoon uit"),
        "reden_buitenlandse_cel": _("op een Belgische of Duitse cel (model)"),
        "model": _("Verwachting van een model, geen meting."),
        "kaart_bereik_alt": _("Kaart van het bereik"),
        "geen_json": _("Dit bestand is geen JSON."),
        "netwerkfout": _("Geen verbinding met de server."),
        "publieke_link": _("Gebruik de publieke pagina van dit incident"),
        "publieke_link_uitleg": _(
            "De link staat in elke taal in het bericht: %(tekens)s tekens op elke telefoon."
        ),
    }


def _scherm(record: BerichtRecord | None) -> str:
    gebruiker = _gebruiker()
    # The sender is part of what is approved: the user's own default, else the region's.
    standaard_afzender = gebruiker.afzender or afzender().naam
    inhoud: dict[str, Any] = (
        dict(record.inhoud)
        if record is not None
        else {"talen": list(STANDAARD_TALEN), "register": "je", "modus": "oefening"}
    )
    inhoud.setdefault("afzender", standaard_afzender)
    inhoud.setdefault("nederlands", "standaard")
    staat = {
        "id": None if record is None else record.id,
        "versie": None if record is None else record.versie,
        "gewijzigd_op": None if record is None else record.gewijzigd_op.isoformat(),
        "inhoud": dict(inhoud),
        "publiek": _publieke_link(record),
        # Per island gemeente its default languages, applied when the area becomes that island.
        "eilandtalen": kaart.eilandtalen(),
        # Per island its box: a circle, polygon or plume drawn inside one takes its languages.
        "eilandkaders": kaart.eilandkaders(),
        # A member of an exercise's team composes for the exercise: locked to exercise mode.
        "training": gebruiker.training
        or (record is not None and record.training)
        or oefeningen.actief_voor(get_db(), gebruiker.naam) is not None,
    }
    talen = [
        {"code": t.code, "naam": t.naam_eigen, "naam_nl": t.naam_nl, "richting": str(t.richting)}
        for t in TALEN.values()
    ]
    return render_template(
        "opstellen.html",
        bericht=record,
        staat=staat,
        catalogus=_catalogus(),
        talen=talen,
        teksten=_teksten(),
        brontaal=BRONTAAL,
        bron=kaart.BRON,
        sector_categorieen=rookpluim.CATEGORIEEN,
    )


def _publieke_link(record: BerichtRecord | None) -> dict[str, str] | None:
    """The public page of the record's incident, to offer as its link: an update or all-clear
    keeps its original's; None before it is stored and for training, which is never public."""
    if record is None or record.training:
        return None
    return adressen.als_link(incidenten.incident_van(get_db(), record))


def _opgeslagen(record: BerichtRecord) -> dict[str, Any]:
    bericht_id = cast(int, record.id)
    return {
        "publiek": _publieke_link(record),
        "id": bericht_id,
        "versie": record.versie,
        "status": str(record.status),
        "gewijzigd_op": record.gewijzigd_op.isoformat(),
        "url": url_for("opstellen.bewerken", bericht_id=bericht_id),
        "detail_url": url_for("berichten.detail", bericht_id=bericht_id),
        "concept_url": url_for("opstellen.concept", bericht_id=bericht_id),
    }


@bp.get("/opstellen")
@login_required
def nieuw() -> str:
    """The compose screen for a new bericht; it is stored once a category is chosen."""
    _mag_opstellen()
    return _scherm(None)


@bp.post("/opstellen")
@login_required
@json_fouten
def maak() -> tuple[Response, int]:
    """Store a new concept: the screen's first autosave."""
    record = opslag.maak(get_db(), lees_json(), _mag_opstellen())
    return jsonify(_opgeslagen(record)), 201


@bp.get("/berichten/<int:bericht_id>/bewerken")
@login_required
def bewerken(bericht_id: int) -> str | BaseResponse:
    """The compose screen for a stored concept or returned bericht."""
    _mag_opstellen()
    record = opslag.lees(get_db(), bericht_id)
    if record.status not in BEWERKBAAR:
        melding = _(
            "Dit bericht kan niet meer worden bewerkt (status: %(status)s).",
            status=str(record.status),
        )
        flash(melding, "fout")
        return redirect(url_for("berichten.detail", bericht_id=bericht_id))
    return _scherm(record)


@bp.post("/berichten/<int:bericht_id>/concept")
@login_required
@json_fouten
def concept(bericht_id: int) -> Response:
    """Autosave: `{"versie": n, "inhoud": {...}}`; 409 when someone saved in between."""
    data = lees_json()
    versie = data.get("versie")
    if isinstance(versie, bool) or not isinstance(versie, int):
        raise OngeldigeInvoer("versie", N_("verwacht een geheel getal"))
    record = opslag.bewerk(
        get_db(), bericht_id, data.get("inhoud"), _mag_opstellen(), versie=versie
    )
    return jsonify(_opgeslagen(record))


@bp.post("/api/voorbeeld")
@scherm_api
def api_voorbeeld() -> tuple[Response, int] | Response:
    """The live preview: every chosen language in every variant, with counters and checks."""
    data = lees_json()
    herkomst = None
    origineel_id = data.get("origineel_id")
    if isinstance(origineel_id, int) and not isinstance(origineel_id, bool):
        if not is_id(origineel_id):  # beyond what storage can hold: no such bericht
            raise NietGevonden(N_("bericht"), origineel_id)
        origineel = opslag.lees(get_db(), origineel_id)
        herkomst = herkomst_van(origineel, afzender(), opslag.keten(get_db(), origineel))
    uit = voorbeeld(
        data,
        afzender=afzender(),
        herkomst=herkomst,
        training=_gebruiker().training
        or oefeningen.actief_voor(get_db(), _gebruiker().naam) is not None,
        instellingen=instellingen(),
    )
    if "fout" in uit:
        # A preview reports what is wrong with the draft: a bad request, whatever the error.
        return probleem(400, uit["fout"], {"veld": uit["veld"], "code": uit["code"]})
    return jsonify(uit)
