"""Every screen in English: no Dutch UI word left, numbers and dates in the English locale.

The broadcast text itself is legitimately Dutch (or Arabic): every screen marks it with a `lang`
attribute, and the check skips any element that carries one.
"""

from __future__ import annotations

import re
from contextlib import closing
from typing import Any

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from lxml import html

from berichten.modus import BerichtSoort
from nlalert import koppelingen
from nlalert.accounts.gebruikers import Rol
from nlalert.db import verbind
from nlalert.verzending import uitvoering
from nlalert.workflow import opslag, opsteller
from tests.nlalert.conftest import csrf, inhoud, login, maak_gebruiker
from vertalingen import UI
from vertalingen.beheer import Project, extract

# Common words of the Dutch interface that an English screen must not show. Not 'informatie':
# a readability finding rightly quotes a Dutch word of the text it measures.
_WOORDEN = """
    bericht berichten opslaan verzonden verzenden goedkeuren goedgekeurd ingediend
    teruggestuurd gebied taal talen waarschuwing waarschuwingen oefening echt opsteller
    goedkeurder beheer kanaal pagina tekens uitzending uitzendingen gebruiker gebruikers
    inloggen uitloggen wachtwoord toegankelijkheid afzender geen niet het een van voor naar
    wordt kies nee versie tijd actie acties inhoud kaart bereik plaats zegt gebeurt meer
    kop datum arabisch engels nederlands aanspreekvorm eenvoudig gemeenten
    kenmerken controle
"""
NEDERLANDS = frozenset(_WOORDEN.split())
# Not counted: a word in capitals is NL-Alert's own marking (OEFENING, TEST), shown so in every
# language as phones show it; a word joined by hyphens is an identifier (brand-rook).
# Attributes a user reads or hears as well as the text.
ZICHTBARE_ATTRIBUTEN = ("alt", "title", "aria-label", "placeholder")


def zichtbare_tekst(pagina: str) -> str:
    """The text and labelling attributes of a page, without scripts and broadcast content."""
    boom = html.fromstring(pagina)
    # Code (identifiers, hashes, commands) is no prose either.
    weg = "//script | //style | //code | //*[@lang][not(self::html)] | //*[@hidden]"
    for el in boom.xpath(weg):
        el.drop_tree()
    delen = [boom.text_content()]
    for attribuut in ZICHTBARE_ATTRIBUTEN:
        delen += boom.xpath(f"//@{attribuut}")
    return " ".join(str(d) for d in delen)


def nederlandse_woorden(pagina: str) -> list[str]:
    """The Dutch UI words left in a page's visible text, each with where it stands."""
    tekst = " ".join(zichtbare_tekst(pagina).split())
    return sorted(
        {
            f"{m.group()}: ...{tekst[max(0, m.start() - 30) : m.end() + 30]}..."
            for m in re.finditer(r"[\w-]+", tekst)
            if m.group().casefold() in NEDERLANDS and not m.group().isupper()
        }
    )


@pytest.fixture
def schermen(app: Flask) -> dict[str, Any]:
    """A drafter, a reviewer and a beheer user; a concept, a submitted, an approved and a sent
    bericht in Dutch, English and Arabic, and an update of the sent one."""
    anna = maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    maak_gebruiker(app, "bea", Rol.BEHEER)
    data = inhoud(talen=["nl", "en", "ar"], modus="oefening")
    with closing(verbind(app.config["DATABASE"])) as db, app.app_context():
        from nlalert.accounts import gebruikers

        gert = gebruikers.zoek(db, "gert")
        assert gert is not None

        def ingediend() -> int:
            r = opslag.maak(db, data, anna)
            assert r.id is not None
            opslag.dien_in(db, r.id, anna, versie=r.versie)
            return r.id

        def goedgekeurd() -> int:
            bericht_id = ingediend()
            gezien = opslag.lees(db, bericht_id).inhoud_hash
            opslag.keur_goed(db, bericht_id, gert, gezien_hash=gezien)
            return bericht_id

        concept = opslag.maak(db, data, anna).id
        ter_goedkeuring = ingediend()
        klaar = goedgekeurd()
        verzonden = goedgekeurd()
        uit = uitvoering.verzend(db, verzonden, gert, koppelingen.koppelingen(), opsteller.bericht)
        assert uit.status.value == "verzonden"
        update = opslag.maak_vervolg(db, verzonden, BerichtSoort.UPDATE, anna).id
    # No app context is kept: requests would share its `g`, and with it the first one's language.
    return {
        "concept": concept,
        "ingediend": ter_goedkeuring,
        "goedgekeurd": klaar,
        "verzonden": verzonden,
        "update": update,
    }


def _engels_ingelogd(client: FlaskClient, naam: str) -> None:
    client.post("/taal", data={"taal": "en", "next": "/login", "csrf_token": csrf(client)})
    assert login(client, naam).status_code == 302


def test_every_screen_in_english_shows_no_dutch_ui_word(
    app: Flask, client: FlaskClient, schermen: dict[str, Any]
) -> None:
    client.post("/taal", data={"taal": "en", "next": "/login", "csrf_token": csrf(client)})
    pagina = client.get("/login").get_data(as_text=True)
    assert nederlandse_woorden(pagina) == [], "login"
    _engels_ingelogd(client, "bea")
    urls = {
        "message list": "/berichten",
        "compose": "/opstellen",
        "edit": f"/berichten/{schermen['concept']}/bewerken",
        "approval": f"/berichten/{schermen['ingediend']}",
        "message page": f"/berichten/{schermen['verzonden']}",
        "update": f"/berichten/{schermen['update']}",
        "confirm": f"/berichten/{schermen['goedgekeurd']}/verzenden",
        "audit": "/audit",
        "review list": "/toegankelijkheid",
        "review screen": "/toegankelijkheid/brand-rook",
        "beheer": "/beheer/gebruikers",
        "public page": f"/publiek/oefening/{schermen['verzonden']}/",
        "public list": "/publiek/oefening/",
    }
    gevonden = {}
    for scherm, url in urls.items():
        r = client.get(url)
        assert r.status_code == 200, (scherm, r.status_code)
        pagina = r.get_data(as_text=True)
        assert '<html lang="en">' in pagina, scherm
        if woorden := nederlandse_woorden(pagina):
            gevonden[scherm] = woorden
    assert not gevonden, "\n".join(f"{s}: {w}" for s, ws in gevonden.items() for w in ws)


def test_the_dutch_word_check_sees_a_dutch_screen(
    app: Flask, client: FlaskClient, schermen: dict[str, Any]
) -> None:
    # The same screens in Dutch are full of the listed words; broadcast text is not counted.
    login(client, "bea")
    woorden = nederlandse_woorden(client.get(f"/berichten/{schermen['verzonden']}").get_data(True))
    assert {"bericht", "gebied", "taal", "verzonden"} <= {
        w.split(":")[0].casefold() for w in woorden
    }
    broadcast = '<p lang="nl">Blijf uit de rook van het gebied.</p><p>Message</p>'
    assert nederlandse_woorden(f"<html><body>{broadcast}</body></html>") == []


def test_the_compose_preview_checklist_and_warnings_are_english(
    app: Flask, client: FlaskClient
) -> None:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    _engels_ingelogd(client, "anna")
    data = inhoud(
        talen=["nl", "en", "ar"],
        velden={"plaats": "Utrecht", "link": "crisis.nl", "extra": "Let op de buren."},
    )
    with client.session_transaction() as sessie:
        token = sessie.get("_csrf")
    r = client.post("/api/voorbeeld", json=data, headers={"X-CSRF-Token": token or csrf(client)})
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    uitleg = [p["uitleg"] for k, p in body["volledigheid"].items() if k != "compleet"]
    assert "says what happens and where" in uitleg
    teksten = [w["tekst"] for w in body["waarschuwingen"]]
    assert any(t.startswith("The extra sentence is not in the text in 'ar'") for t in teksten)
    for tekst in uitleg + teksten:
        assert not set(re.findall(r"[^\W\d_]+", tekst.casefold())) & NEDERLANDS, tekst
    assert {t["taal"]: t["naam_ui"] for t in body["talen"]}["ar"] == "Arabic"


def test_the_cli_and_the_api_keep_the_dutch_warnings(app: Flask) -> None:
    from berichten import compose

    b = compose(
        "brand-rook",
        {"plaats": "Utrecht", "link": "crisis.nl", "extra": "Let op."},
        talen=["nl", "ar"],
    )
    teksten = [w.to_dict()["tekst"] for w in b.waarschuwingen]
    assert (
        "De extra zin staat niet in de tekst in 'ar'; geef veld extra_ar om hem te vertalen."
        in teksten
    )
    assert b.volledigheid.to_dict()["wat_waar"]["uitleg"] == "zegt wat er gebeurt en waar"


def test_numbers_and_dates_follow_the_ui_locale(app: Flask, client: FlaskClient) -> None:
    from datetime import UTC, datetime

    from nlalert import taal

    moment = datetime(2026, 12, 3, 13, 5, tzinfo=UTC)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert taal.getal(12345.5, 1) == "12,345.5" and taal.aantal(2634) == "2,634"
        assert taal.tijd(moment) == "3 Dec 2026, 14:05:00"
        assert taal.label("verzonden", "status") == "sent"
        assert taal.taalnaam("ar") == "Arabic"
    with app.test_request_context(headers={"Accept-Language": "nl"}):
        assert taal.getal(12345.5, 1) == "12.345,5" and taal.aantal(2634) == "2.634"
        assert taal.tijd(moment) == "3 dec 2026, 14:05:00"
        assert taal.label("verzonden", "status") == "verzonden"
        assert taal.taalnaam("ar") == "Arabisch"


def test_every_ui_msgid_in_the_code_has_an_english_translation(tmp_path: Any) -> None:
    # Extracted fresh from the code and templates, so a new string fails here even before the
    # committed ui.pot is brought up to date.
    with extract(Project.zoek(), domein=UI, uitvoer=tmp_path / "ui.pot").open("rb") as f:
        msgids = {m.id for m in read_po(f) if m.id}
    po = Project.zoek().root / "nlalert" / "locales" / "en" / "LC_MESSAGES" / "ui.po"
    with po.open("rb") as f:
        engels = {m.id: m.string for m in read_po(f, locale="en") if m.id and not m.fuzzy}
    onvertaald = sorted(str(i) for i in msgids if not engels.get(i))
    assert onvertaald == [], f"{len(onvertaald)} without English, e.g. {onvertaald[:5]}"


def test_every_status_mode_kind_role_and_audit_action_has_a_label() -> None:
    from berichten.modus import Modus
    from nlalert.audit.log import Actie
    from nlalert.taal import LABELS
    from nlalert.workflow.model import Status

    for soort, waarden in {
        "status": Status,
        "modus": Modus,
        "soort": BerichtSoort,
        "rol": Rol,
        "actie": Actie,
    }.items():
        ontbreekt = {str(w) for w in waarden} - set(LABELS[soort])
        assert not ontbreekt, (soort, ontbreekt)
