"""Parse and validate the osmo-cbc ECBE JSON (`cbc.schema.json`, `smscb.schema.json`).

What osmo-cbc accepts, from its `src/rest_api.c` (json2cbc_message, json2smscb_message,
json2serial_nr, json2payload) and libosmocore's `osmo_hexparse`, and where we differ:

- integers must be JSON integers (jansson `json_is_integer`): no floats, no booleans;
- `cbe_name` mandatory string; `category` optional (default normal), compared case-insensitively;
- `repetition_period` mandatory: osmo-cbc allows 0-4095, we require 1-4095 as CBSP does (a
  period of 0 means nothing);
- `num_of_bcast` optional 0-65535 (0 = unlimited); `warning_period_sec` optional 0-65535;
- `scope` must contain `scope_plmn`;
- `serial_nr`: `serial_nr_encoded` 0-65535, or `serial_nr_decoded` with `geo_scope` a *string*
  (cell_wide_immediate | plmn_wide | lac_sac_tac_wide | cell_wide), `msg_code` and `update_nr`.
  osmo-cbc allows msg_code up to 1024 and masks it to 10 bits (1024 silently becomes 0); we stop
  at 1023 as the schema says;
- `payload_encoded`: `dcs` 0-255 and 1-15 `pages`, each a hex string of at most 164 hex digits
  (82 octets). `osmo_hexparse` wants an even number of digits, skips whitespace, and zero-fills a
  short page to 82 octets. We accept short pages and zero-fill them the same way (phones then show
  the 0x00 octets as '@'), but reject whitespace and empty pages: our encoder never sends them;
- the body is read only with `Content-Type: application/json` (ulfius_get_json_body_request);
- `payload_decoded` (`character_set` gsm | ucs2, default gsm; `language` ISO 639-1, optional;
  `data_utf8`; `dcs_class` ignored): osmo-cbc packs GSM-7 across page boundaries and writes UCS-2
  without a language, so here `sim.ecbe.codeer` encodes the pages as a phone needs them. osmo-cbc reads
  its string keys with `json_get_string`, which takes JSON null as absent: so do we, but any other
  non-string is refused where osmo-cbc would silently ignore it. `payload_encoded` wins when both
  are sent, as at osmo-cbc. `8bit` and `payload_etws` are refused;
- unknown keys are ignored by osmo-cbc, which is why the `area`, `alert` and `oefening_id`
  extensions are safe to send to it. `alert` (1-200 characters) groups the broadcasts of one alert
  (a CAP identifier); `oefening_id` (1-200 characters, only on a test or exercise channel) names
  the sender's exercise, so that exercise's broadcasts can be cleared without touching others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from sim.ecbe.codeer import MAX_PAGINAS, Tekenset, codeer
from sim.ecbe.decodeer import PAGINA_OCTETS
from sim.ecbe.uitzending import OEFEN_IDS, Categorie, GeoScope, Serienummer, Uitzending
from sim.fouten import EcbeError, OngeldigeArea, OngeldigeJSON

MAX_ALERT = 200

_HEX = re.compile(r"(?:[0-9A-Fa-f]{2})+")
_GEO_NAMEN = frozenset(g.value for g in GeoScope)
_CATEGORIEEN = frozenset(c.value for c in Categorie)


def parse_uitzending(data: object) -> Uitzending:
    """Validate a decoded ECBE JSON document; raise `EcbeError` with a Dutch reason."""
    obj = _object(data, "het bericht")
    cbe_name = obj.get("cbe_name")
    if not isinstance(cbe_name, str):
        raise EcbeError("'cbe_name' is verplicht en moet tekst zijn")

    categorie = Categorie.NORMAL
    if (cat := obj.get("category")) is not None:
        if not isinstance(cat, str) or cat.lower() not in _CATEGORIEEN:
            raise EcbeError("'category' moet normal, high_priority of background zijn")
        categorie = Categorie(cat.lower())

    repetition_period = _integer(obj, "repetition_period", 1, 4095, verplicht=True)
    num_of_bcast = _integer(obj, "num_of_bcast", 0, 65535) or 0
    warning_period_sec = _integer(obj, "warning_period_sec", 0, 65535)

    if "scope" not in obj:
        raise EcbeError("'scope' is verplicht")
    scope = obj["scope"]
    if not isinstance(scope, dict) or "scope_plmn" not in scope:
        raise EcbeError("alleen 'scope': {{'scope_plmn': {{}}}} wordt ondersteund")

    smscb = _object(obj.get("smscb_message"), "'smscb_message'")
    serial = _serienummer(smscb.get("serial_nr"))
    message_id = _integer(smscb, "message_id", 0, 65535, verplicht=True)
    assert message_id is not None
    dcs, paginas, kort = _payload(smscb.get("payload"))

    area = obj.get("area")
    if area is not None:
        controleer_area(area)
    alert = _alert(obj.get("alert"))
    oefening_id = _oefening_id(obj.get("oefening_id"), message_id)

    assert repetition_period is not None
    return Uitzending(
        cbe_name=cbe_name,
        categorie=categorie,
        repetition_period=repetition_period,
        num_of_bcast=num_of_bcast,
        warning_period_sec=warning_period_sec,
        message_id=message_id,
        serial=serial,
        dcs=dcs,
        paginas=paginas,
        korte_paginas=kort,
        area=area,
        alert=alert,
        oefening_id=oefening_id,
    )


def parse_message_id(tekst: str) -> int:
    """The message id in a path: decimal 0-65535 (osmo-cbc's atoi would turn 'x' into 0)."""
    if not (tekst.isascii() and tekst.isdigit()) or len(tekst) > 5 or int(tekst) > 65535:
        raise EcbeError("message_id moet een geheel getal van 0 tot en met 65535 zijn")
    return int(tekst)


def parse_msg_code(waarden: list[str]) -> int | None:
    """The `?msg_code=N` query (0-1023, given at most once); None when it is absent."""
    if not waarden:
        return None
    tekst = waarden[0]
    if (
        len(waarden) > 1
        or not (tekst.isascii() and tekst.isdigit())
        or len(tekst) > 4
        or int(tekst) > 1023
    ):
        raise EcbeError(
            "msg_code moet één keer gegeven zijn, als geheel getal van 0 tot en met 1023"
        )
    return int(tekst)


def _object(data: object, naam: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise EcbeError("{naam} moet een JSON-object zijn", naam=naam)
    return data


def _integer(
    obj: Mapping[str, Any], sleutel: str, laag: int, hoog: int, *, verplicht: bool = False
) -> int | None:
    if sleutel not in obj:
        if verplicht:
            raise EcbeError("'{sleutel}' is verplicht", sleutel=sleutel)
        return None
    waarde = obj[sleutel]
    # bool is a subclass of int in Python but a separate type in JSON (and in jansson).
    if type(waarde) is not int:
        raise EcbeError("'{sleutel}' moet een geheel getal zijn", sleutel=sleutel)
    if not laag <= waarde <= hoog:
        raise EcbeError(
            "'{sleutel}' moet tussen {laag} en {hoog} liggen", sleutel=sleutel, laag=laag, hoog=hoog
        )
    return waarde


def _serienummer(data: object) -> Serienummer:
    ser = _object(data, "'serial_nr'")
    if "serial_nr_encoded" in ser:
        waarde = _integer(ser, "serial_nr_encoded", 0, 65535, verplicht=True)
        assert waarde is not None
        return Serienummer.uit_encoded(waarde)
    if "serial_nr_decoded" not in ser:
        raise EcbeError("'serial_nr_encoded' of 'serial_nr_decoded' is verplicht")
    dec = _object(ser["serial_nr_decoded"], "'serial_nr_decoded'")
    geo = dec.get("geo_scope")
    if not isinstance(geo, str) or geo.lower() not in _GEO_NAMEN:
        raise EcbeError(
            "'geo_scope' moet cell_wide_immediate, plmn_wide, lac_sac_tac_wide of cell_wide zijn"
        )
    msg_code = _integer(dec, "msg_code", 0, 1023, verplicht=True)
    update_nr = _integer(dec, "update_nr", 0, 15, verplicht=True)
    assert msg_code is not None and update_nr is not None
    return Serienummer(geo_scope=GeoScope(geo.lower()), msg_code=msg_code, update_nr=update_nr)


def _payload(data: object) -> tuple[int, tuple[bytes, ...], tuple[int, ...]]:
    payload = _object(data, "'payload'")
    if "payload_encoded" in payload:  # osmo-cbc looks at payload_encoded first
        return _payload_encoded(payload["payload_encoded"])
    if "payload_decoded" in payload:
        dcs, paginas = _payload_decoded(payload["payload_decoded"])
        return dcs, paginas, ()
    raise EcbeError(
        "'payload_encoded' of 'payload_decoded' is verplicht ('payload_etws' wordt niet ondersteund)"
    )


def _payload_decoded(data: object) -> tuple[int, tuple[bytes, ...]]:
    dec = _object(data, "'payload_decoded'")
    tekenset_tekst = _tekst_of_niets(dec, "character_set")
    if tekenset_tekst is None:
        tekenset = Tekenset.GSM
    elif tekenset_tekst in {t.value for t in Tekenset}:
        tekenset = Tekenset(tekenset_tekst)
    else:
        raise EcbeError("'character_set' moet gsm of ucs2 zijn (8bit wordt niet ondersteund)")
    taal = _tekst_of_niets(dec, "language")
    if taal is not None:
        if not (len(taal) == 2 and taal.isascii() and taal.isalpha()):
            raise EcbeError(
                "'language' moet een ISO 639-1-taalcode van twee letters zijn; laat 'language'"
                " weg voor een taal zonder zo'n code (zoals pap)"
            )
        taal = taal.lower()
    tekst = dec.get("data_utf8")
    if not isinstance(tekst, str) or not tekst:
        raise EcbeError("'data_utf8' is verplicht en moet niet-lege tekst zijn")
    gecodeerd = codeer(tekst, tekenset, taal)
    return gecodeerd.dcs, gecodeerd.paginas


def _tekst_of_niets(obj: Mapping[str, Any], sleutel: str) -> str | None:
    """An optional string key; JSON null counts as absent, as in osmo-cbc's json_get_string."""
    waarde = obj.get(sleutel)
    if waarde is None:
        return None
    if not isinstance(waarde, str):
        raise EcbeError("'{sleutel}' moet tekst zijn", sleutel=sleutel)
    return waarde


def _alert(waarde: object) -> str | None:
    if waarde is None:
        return None
    if not isinstance(waarde, str) or not 1 <= len(waarde) <= MAX_ALERT:
        raise EcbeError(
            "'alert' moet tekst van 1 tot en met {maximum} tekens zijn", maximum=MAX_ALERT
        )
    return waarde


def _oefening_id(waarde: object, message_id: int) -> str | None:
    if waarde is None:
        return None
    if not isinstance(waarde, str) or not 1 <= len(waarde) <= MAX_ALERT:
        raise EcbeError(
            "'oefening_id' moet tekst van 1 tot en met {maximum} tekens zijn", maximum=MAX_ALERT
        )
    if message_id not in OEFEN_IDS:
        raise EcbeError(
            "'oefening_id' hoort alleen bij een test- of oefenkanaal, niet bij {message_id}",
            message_id=message_id,
        )
    return waarde


def _payload_encoded(data: object) -> tuple[int, tuple[bytes, ...], tuple[int, ...]]:
    enc = _object(data, "'payload_encoded'")
    dcs = _integer(enc, "dcs", 0, 255, verplicht=True)
    assert dcs is not None
    pages = enc.get("pages")
    if not isinstance(pages, list):
        raise EcbeError("'pages' is verplicht en moet een lijst zijn")
    if not 1 <= len(pages) <= MAX_PAGINAS:
        raise EcbeError(
            "een bericht heeft 1 tot en met {maximum} pagina's, niet {paginas}",
            maximum=MAX_PAGINAS,
            paginas=len(pages),
        )
    paginas: list[bytes] = []
    kort: list[int] = []
    for index, page in enumerate(pages):
        nr = index + 1
        if not isinstance(page, str):
            raise EcbeError("pagina {nr} moet een hexadecimale tekst zijn", nr=nr)
        if len(page) > 2 * PAGINA_OCTETS:
            raise EcbeError(
                "pagina {nr} is langer dan {maximum} octets", nr=nr, maximum=PAGINA_OCTETS
            )
        if not _HEX.fullmatch(page):
            raise EcbeError(
                "pagina {nr} is geen hexadecimale tekst met een even aantal cijfers", nr=nr
            )
        octets = bytes.fromhex(page)
        if len(octets) < PAGINA_OCTETS:
            kort.append(index)
        paginas.append(octets.ljust(PAGINA_OCTETS, b"\x00"))
    return dcs, tuple(paginas), tuple(kort)


def controleer_area(area: object) -> None:
    """Check that the `area` extension is an object; its geometry is judged by the reach model."""
    if not isinstance(area, dict) or not area:
        raise OngeldigeArea("'area' moet een GeoJSON-geometrie of {{'circle': {{...}}}} zijn")


def parse_json(ruw: bytes) -> Any:
    """A request body as JSON; `OngeldigeJSON` with a Dutch reason when it is not."""
    try:
        data = json.loads(ruw.decode("utf-8"), parse_constant=_geen_constante)
    except UnicodeDecodeError as exc:
        raise OngeldigeJSON("de body is geen UTF-8") from exc
    except RecursionError as exc:
        raise OngeldigeJSON("de JSON is te diep genest") from exc
    except ValueError as exc:  # JSONDecodeError, and our NaN/Infinity refusal
        raise OngeldigeJSON("de body is geen geldige JSON: {oorzaak}", oorzaak=exc) from exc
    try:
        # JSON may escape a lone surrogate ("\ud800"); such a string cannot be stored as UTF-8,
        # nor shown by a phone. Refuse it here, once, for every field.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OngeldigeJSON(
            "de JSON bevat een los surrogaat (\\ud800-\\udfff) in een tekst"
        ) from exc
    except (RecursionError, ValueError) as exc:
        raise OngeldigeJSON("de JSON is te diep genest") from exc
    return data


def _geen_constante(naam: str) -> Any:
    raise ValueError(f"{naam} is geen JSON-getal")
