"""CAP 1.2 XML as the API's second input: the same draft as JSON, follow-ups by reference, and every
bad document a 4xx problem+json in Dutch with nothing stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree

from berichten import Modus, compose, naar_cap, uit_geojson
from nlalert.accounts.gebruikers import Rol
from tests.nlalert.api.test_api import probleem
from tests.nlalert.conftest import inhoud, login, maak_gebruiker, rijen, token

NS = "urn:oasis:names:tc:emergency:cap:1.2"
C = {"cap": NS}
CAP = "application/cap+xml"
UTRECHT = {
    "type": "Polygon",
    "coordinates": [[[5.10, 52.07], [5.14, 52.07], [5.14, 52.10], [5.10, 52.10], [5.10, 52.07]]],
}


@pytest.fixture
def koppen(app: Flask) -> dict[str, dict[str, str]]:
    maak_gebruiker(app, "anna", Rol.OPSTELLER)
    maak_gebruiker(app, "gert", Rol.GOEDKEURDER)
    return {naam: token(app, naam) for naam in ("anna", "gert")}


def cap(**opties: Any) -> bytes:
    """The CAP export of the conftest's compose request (an exercise in Utrecht)."""
    velden = opties.pop("velden", {"plaats": "Utrecht", "link": "crisis.nl"})
    standaard: dict[str, Any] = {"modus": Modus.OEFENING, "gebied": uit_geojson(UTRECHT)}
    return naar_cap(compose("brand-rook", velden, **{**standaard, **opties}))


def wijzig(xml: bytes, pad: str, tekst: str | None) -> bytes:
    """Set (or with None remove) every element at `pad`."""
    doc = etree.fromstring(xml)
    for el in doc.findall(pad, C):
        if tekst is None:
            el.getparent().remove(el)
        else:
            el.text = tekst
    return etree.tostring(doc)


def parameter(xml: bytes, naam: str, waarde: str | None) -> bytes:
    """Set (or with None remove) the info parameters called `naam`."""
    doc = etree.fromstring(xml)
    for p in doc.findall("cap:info/cap:parameter", C):
        if p.findtext("cap:valueName", namespaces=C) == naam:
            if waarde is None:
                p.getparent().remove(p)
            else:
                p.find("cap:value", C).text = waarde
    return etree.tostring(doc)


def vervolg(xml: bytes, msg_type: str, referenties: str) -> bytes:
    """The alert turned into an Update or Cancel naming `referenties`."""
    doc = etree.fromstring(wijzig(xml, "cap:msgType", msg_type))
    el = etree.Element(f"{{{NS}}}references")
    el.text = referenties
    doc.find("cap:info", C).addprevious(el)
    return etree.tostring(doc)


def stuur(client: FlaskClient, kop: dict[str, str], xml: bytes, url: str = "/api/berichten") -> Any:
    return client.post(url, data=xml, headers={**kop, "Content-Type": CAP})


def aantal(app: Flask) -> int:
    return int(rijen(app, "SELECT count(*) FROM berichten")[0][0])


def verzonden(client: FlaskClient, koppen: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A bericht created from CAP and taken through four eyes to 'verzonden'."""
    b = stuur(client, koppen["anna"], cap()).get_json()
    b = client.post(
        f"/api/berichten/{b['id']}/indienen", json={"versie": 1}, headers=koppen["anna"]
    ).get_json()
    client.post(
        f"/api/berichten/{b['id']}/goedkeuren",
        json={"inhoud_hash": b["inhoud_hash"]},
        headers=koppen["gert"],
    )
    b = client.post(f"/api/berichten/{b['id']}/verzenden", headers=koppen["gert"]).get_json()
    assert b["status"] == "verzonden", b["cbc_resultaat"]
    return dict(b)


@pytest.mark.parametrize("soort", ["application/cap+xml", "application/xml", "text/xml"])
def test_cap_creates_the_same_draft_as_json(
    client: FlaskClient, koppen: dict[str, dict[str, str]], soort: str
) -> None:
    r = client.post("/api/berichten", data=cap(), headers={**koppen["anna"], "Content-Type": soort})
    assert r.status_code == 201
    b = r.get_json()
    als_json = client.post("/api/berichten", json=inhoud(), headers=koppen["anna"]).get_json()
    assert {k: v for k, v in b["inhoud"].items() if k != "gebied"} == {
        k: v for k, v in als_json["inhoud"].items() if k != "gebied"
    }
    assert b["inhoud"]["gebied"]["geometry"]["coordinates"] == UTRECHT["coordinates"]
    assert (b["status"], b["opsteller"], b["waarschuwingen"]) == ("concept", "anna", [])


def test_circle_is_stored_in_the_screens_circle_form(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    from berichten import cirkel

    b = stuur(client, koppen["anna"], cap(gebied=cirkel(52.09, 5.12, 1.5))).get_json()
    assert b["inhoud"]["gebied"]["properties"]["cirkel"] == {
        "lat": 52.09,
        "lon": 5.12,
        "radius_km": 1.5,
    }
    # The stored draft composes: the preview the approver sees works.
    r = client.post("/api/voorbeeld", json=b["inhoud"], headers=koppen["anna"])
    assert r.status_code == 200 and "Utrecht" in r.get_json()["uitzending"]["tekst"]


def test_unknown_language_is_reported_not_silent(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    doc = etree.fromstring(cap())
    doc.findall("cap:info/cap:language", C)[1].text = "xx-XX"
    b = stuur(client, koppen["anna"], etree.tostring(doc)).get_json()
    assert b["inhoud"]["talen"] == ["nl"]
    assert [w["code"] for w in b["waarschuwingen"]] == ["cap-taal-onbekend"]


def test_update_and_cancel_follow_the_referenced_bericht(
    app: Flask, client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    b = verzonden(client, koppen)
    assert b["cap_referentie"].split(",")[1].startswith("NLALERT-")
    r = stuur(client, koppen["anna"], vervolg(cap(), "Update", b["cap_referentie"]))
    assert r.status_code == 201
    u = r.get_json()
    assert (u["soort"], u["origineel_id"], u["message_code"], u["update_nummer"]) == (
        "update",
        b["id"],
        b["message_code"],
        1,
    )
    r = stuur(client, koppen["anna"], vervolg(cap(), "Cancel", b["cap_referentie"]))
    assert r.status_code == 201 and r.get_json()["soort"] == "cancel"
    # The explicit routes take CAP too; msgType must fit the route.
    url = f"/api/berichten/{b['id']}/update"
    r = stuur(client, koppen["anna"], vervolg(cap(), "Update", b["cap_referentie"]), url)
    assert r.status_code == 201 and r.get_json()["origineel_id"] == b["id"]
    voor = aantal(app)
    r = stuur(client, koppen["anna"], vervolg(cap(), "Cancel", b["cap_referentie"]), url)
    assert r.status_code == 422 and probleem(r)["code"] == "VerkeerdMsgType"
    assert aantal(app) == voor


def test_reference_to_an_unknown_or_unsent_bericht_is_422(
    app: Flask, client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    concept = stuur(client, koppen["anna"], cap()).get_json()
    voor = aantal(app)
    for referentie in [
        "nlalert@nl-alert.local,NLALERT-20260101T120000-OEFENING-0999-00,2026-01-01T12:00:00+01:00",
        f"x,NLALERT-20260101T120000-OEFENING-{concept['message_code']:04d}-00,2026-01-01T12:00:00Z",
        "ander@example.org,IPAWS-123,2026-01-01T12:00:00-05:00",
    ]:
        r = stuur(client, koppen["anna"], vervolg(cap(), "Update", referentie))
        assert r.status_code == 422, referentie
        assert probleem(r)["code"] == "OnbekendeReferentie"
        assert "cap_referentie" in probleem(r)["detail"]  # type: ignore[operator]
    assert aantal(app) == voor


def _xxe(tmp_path: Path) -> bytes:
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM-123")
    xml = cap().replace(
        b"<alert ", f'<!DOCTYPE alert [<!ENTITY x SYSTEM "{geheim.as_uri()}">]>\n<alert '.encode()
    )
    return xml.replace(b"<identifier>", b"<identifier>&x;", 1)


def _omgedraaid() -> bytes:
    doc = etree.fromstring(cap())
    for el in doc.findall(".//cap:polygon", C):
        el.text = " ".join(",".join(reversed(p.split(","))) for p in (el.text or "").split())
    return etree.tostring(doc)


@pytest.mark.parametrize(
    ("maak", "status", "code", "in_detail"),
    [
        (lambda _: b"geen xml", 400, "GeenXml", "geen bruikbare XML"),
        (lambda _: b"", 400, "GeenXml", "geen bruikbare XML"),
        (lambda _: b"\xff\xfe<", 400, "GeenXml", "geen bruikbare XML"),
        (_xxe, 400, "GeenXml", "DOCTYPE"),
        (
            lambda _: cap().replace(NS.encode(), b"urn:example:cap"),
            422,
            "OngeldigeCap",
            "namespace",
        ),
        (lambda _: wijzig(cap(), "cap:sender", None), 422, "OngeldigeCap", "CAP 1.2 ongeldig"),
        (lambda _: wijzig(cap(), "cap:status", "Bogus"), 422, "OngeldigeCap", "CAP 1.2 ongeldig"),
        (lambda _: wijzig(cap(), "cap:status", "System"), 422, "CapNietBruikbaar", "Exercise"),
        (lambda _: wijzig(cap(), "cap:status", "Draft"), 422, "CapNietBruikbaar", "Exercise"),
        (
            lambda _: parameter(cap(), "nlalert:categorie", "bestaat-niet"),
            422,
            "OnbekendeCategorie",
            "kies uit",
        ),
        (
            lambda _: parameter(wijzig(cap(), "cap:info/cap:web", None), "nlalert:veld:link", None),
            422,
            "MissingField",
            "verplicht",
        ),
        (lambda _: _omgedraaid(), 422, "OngeldigGebied", "CAP gebruikt lat,lon"),
        (lambda _: vervolg(cap(), "Update", "zonder-komma"), 422, "CapNietBruikbaar", "sender"),
    ],
)
def test_bad_cap_is_4xx_in_dutch_and_stores_nothing(
    app: Flask,
    client: FlaskClient,
    koppen: dict[str, dict[str, str]],
    tmp_path: Path,
    maak: Any,
    status: int,
    code: str,
    in_detail: str,
) -> None:
    r = stuur(client, koppen["anna"], maak(tmp_path))
    body = probleem(r)
    assert (r.status_code, body["code"]) == (status, code), body
    assert in_detail in str(body["detail"]) and "GEHEIM" not in r.get_data(as_text=True)
    assert aantal(app) == 0


def test_schema_errors_come_as_a_list(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    body = probleem(stuur(client, koppen["anna"], wijzig(cap(), "cap:sender", None)))
    assert isinstance(body["fouten"], list) and any("sender" in f for f in body["fouten"])


def test_unsupported_content_type_is_415(
    app: Flask, client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    for soort in ["text/plain", "application/x-www-form-urlencoded", "application/pdf"]:
        r = client.post(
            "/api/berichten", data=cap(), headers={**koppen["anna"], "Content-Type": soort}
        )
        assert r.status_code == 415
        detail = str(probleem(r)["detail"])
        assert "wordt niet ondersteund" in detail and "application/cap+xml" in detail
    assert aantal(app) == 0


def test_too_large_cap_is_413(
    app: Flask, client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    groot = cap().replace(b"<identifier>", b"<identifier>" + b"x" * (1024 * 1024), 1)
    r = stuur(client, koppen["anna"], groot)
    assert r.status_code == 413 and probleem(r)["status"] == 413
    assert aantal(app) == 0


def test_cap_needs_a_token_like_json(
    client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    r = client.post("/api/berichten", data=cap(), headers={"Content-Type": CAP})
    assert r.status_code == 401


def test_training_user_cannot_import_a_real_alert(app: Flask, client: FlaskClient) -> None:
    maak_gebruiker(app, "tim", Rol.OPSTELLER, training=True)
    r = stuur(client, token(app, "tim"), cap(modus=Modus.ECHT))
    assert r.status_code == 400 and "oefening" in str(probleem(r)["detail"])
    assert aantal(app) == 0


def test_markup_in_area_desc_stays_text(
    app: Flask, client: FlaskClient, koppen: dict[str, dict[str, str]]
) -> None:
    script = "<script>alert(1)</script>"
    xml = parameter(wijzig(cap(), ".//cap:areaDesc", script), "nlalert:veld:plaats", None)
    b = stuur(client, koppen["anna"], xml).get_json()
    assert b["inhoud"]["velden"]["plaats"] == script
    login(client, "anna")
    pagina = client.get(f"/berichten/{b['id']}").get_data(as_text=True)
    assert script not in pagina and "&lt;script&gt;" in pagina
