"""The component schemas and error answers of the OpenAPI description (`nlalert.openapi`)."""

from __future__ import annotations

from typing import Any

from berichten.grens import EILANDTALEN
from berichten.modus import BerichtSoort, Modus
from handelingsperspectieven import Register, catalogus
from nlalert.verzending.uitzendingen import Toestand
from nlalert.workflow import inhoud
from nlalert.workflow.model import Status
from vertalingen import TALEN

PROBLEM = "application/problem+json"


def ref(naam: str) -> dict[str, str]:
    """A reference to one of the component schemas."""
    return {"$ref": f"#/components/schemas/{naam}"}


def schemas() -> dict[str, Any]:
    """The request and response schemas: compose request, bericht, problem+json, ..."""
    tekst: dict[str, Any] = {"type": "string"}
    tijd: dict[str, Any] = {"type": "string", "format": "date-time"}
    return {
        "Probleem": {
            "type": "object",
            "description": "RFC 9457 problem+json; `detail` in de taal van de gebruiker.",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": tekst,
                "title": tekst,
                "status": {"type": "integer"},
                "detail": tekst,
                "code": {"type": "string", "description": "de foutklasse, bv. MissingField"},
                "veld": {
                    "type": ["string", "null"],
                    "description": "het veld of CAP-element dat de fout veroorzaakte",
                },
                "fouten": {
                    "type": "array",
                    "items": tekst,
                    "description": "schemafouten van een ongeldig CAP-document",
                },
            },
        },
        "Opstelverzoek": {
            "type": "object",
            "description": "Wat er opgesteld moet worden (de `inhoud` van een bericht).",
            "required": ["categorie", "modus"],
            "additionalProperties": False,
            "properties": {
                "categorie": {"type": "string", "enum": sorted(catalogus())},
                "velden": {
                    "type": "object",
                    "maxProperties": inhoud.MAX_VELDEN,
                    "additionalProperties": {"type": "string", "maxLength": inhoud.MAX_VELDLENGTE},
                    "description": "incidentvelden van de categorie, bv. plaats en link",
                },
                "talen": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": inhoud.MAX_TALEN,
                    "items": {"type": "string", "enum": list(TALEN)},
                    "default": list(inhoud.STANDAARD_TALEN),
                    "description": (
                        f"zonder talen: {', '.join(inhoud.STANDAARD_TALEN)}; ligt het gebied op"
                        " één eiland, dan de talen van dat eiland ("
                        + "; ".join(f"{e}: {', '.join(t)}" for e, t in EILANDTALEN.items())
                        + "). Opgegeven talen blijven zoals ze zijn."
                    ),
                },
                "modus": {"type": "string", "enum": [m.value for m in Modus]},
                "register": {
                    "type": "string",
                    "enum": [r.value for r in Register],
                    "default": "je",
                },
                "soort": {
                    "type": "string",
                    "enum": [s.value for s in BerichtSoort],
                    "default": "alert",
                },
                "gebied": {
                    "type": ["object", "null"],
                    "description": (
                        "GeoJSON (lon,lat): Polygon, MultiPolygon, Feature of FeatureCollection;"
                        " een cirkel als Feature met properties.cirkel {lat, lon, radius_km};"
                        ' een rookpluim als {"sector": Sector}, bewaard en verzonden als één'
                        " polygoon (CAP polygon, ECBE area) met de parameters in"
                        " properties.sector"
                    ),
                    "properties": {"sector": ref("Sector")},
                },
                "origineel_id": {"type": ["integer", "null"], "minimum": 1},
                "variant": {"type": "string", "maxLength": 20},
                "nederlands": {
                    "type": "string",
                    "enum": ["standaard", "b1"],
                    "default": "standaard",
                    "description": "de Nederlandse uitzendtekst: standaard of eenvoudig (B1)",
                },
                "afzender": {
                    "type": "string",
                    "maxLength": inhoud.MAX_AFZENDER,
                    "description": "wie waarschuwt (CAP senderName); standaard die van de regio",
                },
                "duur_minuten": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": inhoud.MAX_DUUR_MINUTEN,
                    "description": "hoe lang de uitzendingen lopen; standaard die van de categorie",
                },
                "gsm7_spelling": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": (
                        "talen van dit bericht die in GSM-7-spelling uitgaan (het aanbod voor tr"
                        " en pl), naast de instelling van de regio; nooit ar of uk"
                    ),
                },
            },
        },
        "Sector": {
            "type": "object",
            "description": (
                "Een rookpluim: de sector benedenwinds van de bron, plus een cirkel van 0,5 km om"
                " de bron. De bron moet in Nederland of op de BES-eilanden liggen; anders, en bij"
                " een lengte, hoek of windrichting buiten het bereik, 422 met de reden."
            ),
            "required": ["lat", "lon", "wind_uit", "lengte_km"],
            "additionalProperties": False,
            "properties": {
                "lat": {"type": "number", "description": "bron (WGS84)"},
                "lon": {"type": "number", "description": "bron (WGS84)"},
                "wind_uit": {
                    "oneOf": [
                        {"type": "number", "minimum": 0, "maximum": 360},
                        {"type": "string", "examples": ["ZW", "NNO", "SW"]},
                    ],
                    "description": "waar de wind vandaan komt: graden (0 = noord) of windstreek",
                },
                "lengte_km": {"type": "number", "exclusiveMinimum": 0, "maximum": 50},
                "hoek": {
                    "type": "number",
                    "minimum": 1,
                    "maximum": 180,
                    "description": "openingshoek; standaard 60, of 90 bij windsnelheid < 3,4 m/s",
                },
                "windsnelheid_ms": {"type": "number", "minimum": 0, "maximum": 100},
            },
        },
        "Waarschuwing": {
            "type": "object",
            "required": ["code", "tekst"],
            "properties": {"code": tekst, "tekst": tekst, "taal": tekst},
        },
        "Bericht": {
            "type": "object",
            "description": "Een opgeslagen bericht en waar het in de goedkeuring staat.",
            "required": ["id", "versie", "status", "soort", "categorie", "inhoud", "inhoud_hash"],
            "properties": {
                "id": {"type": "integer"},
                "versie": {"type": "integer", "description": "stuur mee bij elke wijziging"},
                "status": {"type": "string", "enum": [s.value for s in Status]},
                "soort": {"type": "string", "enum": [s.value for s in BerichtSoort]},
                "categorie": tekst,
                "inhoud": ref("Opstelverzoek"),
                "inhoud_hash": {
                    "type": "string",
                    "description": "SHA-256 van de inhoud; goedkeuren vraagt deze waarde",
                },
                "opsteller": tekst,
                "auteurs": {"type": "array", "items": tekst},
                "goedkeurder": {"type": ["string", "null"]},
                "teruggestuurd_reden": {"type": ["string", "null"]},
                "origineel_id": {"type": ["integer", "null"]},
                "message_code": {"type": "integer", "minimum": 0, "maximum": 1023},
                "taalcodes": {
                    "type": "object",
                    "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 1023},
                    "description": "de berichtcode van de uitzending van elke verdere taal",
                },
                "update_nummer": {"type": "integer", "minimum": 0, "maximum": 15},
                "verzendpogingen": {"type": "integer"},
                "verzonden_op": {"type": ["string", "null"], "format": "date-time"},
                "eindigt": {"type": ["string", "null"], "format": "date-time"},
                "in_de_lucht": {
                    "type": "boolean",
                    "description": "een uitzending is in de lucht, volgens de CBC zelf",
                },
                "misschien_in_de_lucht": {
                    "type": "boolean",
                    "description": "de CBC kon niet zeggen of een uitzending loopt",
                },
                "uitzendingen": {
                    "type": "array",
                    "items": ref("Uitzending"),
                    "description": (
                        "voor verzenden: wat zou uitgaan en of deze CBC het kan dragen; daarna:"
                        " wat uitging en de toestand bij de CBC"
                    ),
                },
                "cbc_operaties": {"type": "array", "items": {"type": "object"}},
                "cbc_resultaat": {"type": ["object", "null"]},
                "training": {"type": "boolean"},
                "cap_referentie": {
                    "type": ["string", "null"],
                    "description": "na verzenden: 'sender,identifier,sent' voor CAP references",
                },
                "aangemaakt_op": tijd,
                "gewijzigd_op": tijd,
                "waarschuwingen": {
                    "type": "array",
                    "items": ref("Waarschuwing"),
                    "description": "alleen bij aanmaken uit CAP: wat is overgeslagen",
                },
            },
        },
        "Uitzending": {
            "type": "object",
            "description": "Eén cell-broadcastbericht: taal, kanaal, serienummer, DCS, pagina's.",
            "required": ["talen", "message_identifier", "serial_number", "dcs", "pages", "tekst"],
            "properties": {
                "talen": {"type": "array", "items": tekst},
                "message_identifier": {"type": "integer"},
                "serial_number": {"type": "object"},
                "dcs": {"type": "integer"},
                "pages": {"type": "integer"},
                "tekst": tekst,
                "toestand": {
                    "type": "string",
                    "enum": ["gepland", "niet_mee", *(t.value for t in Toestand)],
                },
                "reden": {"type": ["string", "null"]},
                "eindigt": {"type": ["string", "null"]},
            },
        },
        "Berichten": {
            "type": "object",
            "required": ["berichten"],
            "properties": {"berichten": {"type": "array", "items": ref("Bericht")}},
        },
        "Gebruiker": {
            "type": "object",
            "required": ["naam", "rol", "training"],
            "properties": {"naam": tekst, "rol": tekst, "training": {"type": "boolean"}},
        },
        "Versie": {
            "type": "object",
            "required": ["versie"],
            "properties": {"versie": {"type": "integer"}},
        },
        "Bewerking": {
            "type": "object",
            "required": ["versie", "inhoud"],
            "properties": {"versie": {"type": "integer"}, "inhoud": ref("Opstelverzoek")},
        },
        "Goedkeuring": {
            "type": "object",
            "required": ["inhoud_hash"],
            "properties": {"inhoud_hash": {"type": "string", "maxLength": 64}},
        },
        "Terugsturen": {
            "type": "object",
            "required": ["versie", "reden"],
            "properties": {
                "versie": {"type": "integer"},
                "reden": {"type": "string", "maxLength": 2000},
            },
        },
        "AuditControle": {
            "type": "object",
            "required": ["ok", "aantal"],
            "properties": {
                "ok": {"type": "boolean"},
                "aantal": {"type": "integer"},
                "eerste_fout": {"type": ["integer", "null"]},
                "reden": {"type": ["string", "null"]},
            },
        },
        "Voorbeeld": {
            "type": "object",
            "description": "Elke gekozen taal in elke variant, met tellers en controles.",
            "properties": {
                "categorie": tekst,
                "modus": tekst,
                "soort": tekst,
                "register": tekst,
                "tijd": tijd,
                "identifier": tekst,
                "message_identifier": {"type": "integer"},
                "serial_number": {"type": "object"},
                "uitzending": {"type": "object"},
                "talen": {"type": "array", "items": {"type": "object"}},
                "volledigheid": {"type": "object"},
                "waarschuwingen": {"type": "array", "items": ref("Waarschuwing")},
                "leesbaarheid": {"type": "object"},
                "gebied": {"type": ["object", "null"]},
            },
        },
        "BereikVerzoek": {
            "type": "object",
            "required": ["gebied"],
            "properties": {"gebied": {"type": "object", "description": "zoals in Opstelverzoek"}},
        },
        "Bereik": {
            "type": "object",
            "description": (
                "De schatting van de simulator (een model, geen meting); met format=png ook"
                " `kaart` als data:-URL."
            ),
            "additionalProperties": True,
            "properties": {"kaart": {"type": "string"}},
        },
    }


# The shared problem+json answers by status; each operation lists the ones it can give.
FOUTEN = {
    400: "Onvolledig of onleesbaar verzoek; `veld` noemt het veld",
    401: "Geen of ongeldig Bearer-token",
    403: "Uw rol mag dit niet, of u keurt uw eigen bericht goed",
    404: "Bericht bestaat niet",
    409: "Niet mogelijk in deze status, of het bericht is intussen gewijzigd",
    413: "Verzoek te groot",
    415: "Verkeerd inhoudstype",
    422: "Inhoud niet bruikbaar: ontbrekend veld, onbekende categorie, ongeldig gebied of CAP",
    502: "Verzenden mislukt; het goedgekeurde bericht is bewaard en kan opnieuw",
    503: "Geen CBC, simulator of schatting beschikbaar",
}
