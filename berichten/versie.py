"""The version of a category's texts: a hash over everything a citizen reads for that category.

An accessibility sign-off is bound to this version, so it lapses as soon as a Dutch text, a
translation, a field label, a sentence of the message template, a pictogram or the GSM-7 spelling
of a text (`berichten.spelling`) changes.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from berichten.gsm7 import gsm7_spelling
from berichten.spelling import Beleid, beleid
from handelingsperspectieven import Handelingsperspectief, perspectief, velden
from vertalingen import BRONTAAL, TALEN, Vertaler
from vertalingen.pictogrammen import OnbekendPictogram, gevaar_pictogram, pictogram_svg
from vertalingen.sjablonen import sjabloon_msgids

SJABLOON = "bericht.j2"  # the template `berichten.compose` renders every language with
LENGTE = 16  # hex digits: 64 bits, plenty to tell a category's versions apart


def msgids(p: Handelingsperspectief) -> tuple[str, ...]:
    """Every msgid a citizen may read for a category, in a stable order (first use wins)."""
    teksten = [p.cap_event, *p.wat.msgids, *p.vervolg.msgids, *p.einde.msgids, p.kort]
    for actie in p.acties:
        teksten += [*actie.tekst.msgids, actie.bijschrift]
    # Field labels appear in updates ("Gewijzigd: ..."), template sentences in every message.
    teksten += [velden()[naam].label_nl for naam in p.velden]
    teksten += sjabloon_msgids(SJABLOON)
    return tuple(dict.fromkeys(t for t in teksten if t))


def _pictogram_hash(pictogram_id: str) -> str:
    try:
        return hashlib.sha256(pictogram_svg(pictogram_id).encode("utf-8")).hexdigest()
    except OnbekendPictogram:
        return ""  # the card cannot be drawn then; the catalogue tests report it


def _vertalingen(ids: tuple[str, ...]) -> dict[str, list[list[str | None]]]:
    uit: dict[str, list[list[str | None]]] = {}
    for code in TALEN:
        if code == BRONTAAL:
            continue
        vertaler = Vertaler(code)
        teksten = [vertaler.gettext(m) for m in ids]
        # None, not the Dutch fallback: adding a translation equal to its msgid still changes
        # what the reviewer saw (a missing-translation marker goes away).
        terug = set(vertaler.teruggevallen)
        uit[code] = [[m, None if m in terug else t] for m, t in zip(ids, teksten, strict=True)]
    return uit


def _spellingen(
    nl: dict[str, Any], vertalingen: dict[str, list[list[str | None]]]
) -> dict[str, list[list[str]]]:
    """The GSM-7 spelling of every text a language may broadcast spelled, where it differs.

    Part of the version so that the reviewer signs off the spelled text too: a change to the
    spelling table or to a language's policy lapses the sign-offs of the texts it changes.
    """
    b1 = [t for paar in nl["b1"] for t in paar]
    teksten: dict[str, list[str]] = {BRONTAAL: [t for t in [*nl["msgids"], *b1] if t]}
    for code, paren in vertalingen.items():
        teksten[code] = [t for _m, t in paren if t]
    uit: dict[str, list[list[str]]] = {}
    for code, lijst in teksten.items():
        if beleid(code) is Beleid.NOOIT:
            continue
        gespeld = [[t, gsm7_spelling(t)] for t in lijst if gsm7_spelling(t) != t]
        if gespeld:
            uit[code] = [[beleid(code).value], *gespeld]
    return uit


def teksten_inhoud(categorie: str) -> dict[str, Any]:
    """What the version is computed over: the Dutch texts, the pictograms, every translation."""
    p = perspectief(categorie)
    ids = msgids(p)
    pictogrammen = [gevaar_pictogram(p.id), *(a.pictogram for a in p.acties)]
    nl: dict[str, Any] = {
        "wat": [p.wat.je, p.wat.u],
        "vervolg": [p.vervolg.je, p.vervolg.u],
        "einde": [p.einde.je, p.einde.u],
        "kort": p.kort,
        "b1": [[t.je, t.u] for t in p.b1],  # Dutch only, never translated
        "acties": [[a.id, a.tekst.je, a.tekst.u, a.bijschrift] for a in p.acties],
        "msgids": list(ids),
    }
    vertalingen = _vertalingen(ids)
    return {
        "categorie": p.id,
        "nl": nl,
        "pictogrammen": [[naam, _pictogram_hash(naam)] for naam in pictogrammen],
        "vertalingen": vertalingen,
        "spelling": _spellingen(nl, vertalingen),
    }


def teksten_versie(categorie: str) -> str:
    """A short SHA-256 of a category's citizen-facing texts in every language and variant."""
    tekst = json.dumps(
        teksten_inhoud(categorie), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()[:LENGTE]
