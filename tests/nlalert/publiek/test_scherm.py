"""The feed for screens: the short text in every language, with expiry, never an ended alert."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from lxml import html

from berichten.modus import BerichtSoort
from nlalert.publiek import views
from tests.nlalert.conftest import inhoud
from tests.nlalert.publiek.conftest import Zender, echt
from vertalingen import TALEN


def _lijst(client: FlaskClient, url: str) -> dict:  # type: ignore[type-arg]
    r = client.get(url)
    assert r.status_code == 200 and r.mimetype == "application/json"
    data: dict = json.loads(r.data)  # type: ignore[type-arg]
    return data


def test_every_language_gets_its_short_text_with_its_expiry(
    zender: Zender, client: FlaskClient
) -> None:
    alert = zender.verzonden(echt(talen=list(TALEN), duur_minuten=90))
    for code, t in TALEN.items():
        data = _lijst(client, f"/publiek/scherm.json?taal={code}")
        [b] = data["berichten"]
        assert (b["taal"], b["richting"], b["incident"]) == (code, t.richting.value, alert)
        assert 0 < len(b["tekst"]) <= 100 and not b["tekst"].startswith("NL-Alert")
        verloopt = datetime.fromisoformat(b["verloopt"]) - datetime.fromisoformat(b["verzonden"])
        assert verloopt == timedelta(minutes=90)
        assert b["url"].endswith(f"/publiek/{alert}/")
        assert 1 <= data["verversen_seconden"] <= 30
        pagina = html.fromstring(client.get(f"/publiek/scherm?taal={code}").data)
        assert pagina.get("lang") == code and pagina.get("dir") == t.richting.value
        [blok] = pagina.xpath("//section[@class='schermbericht']")
        assert blok.get("lang") == code and blok.xpath("string(p[@class='kort'])") == b["tekst"]
        ververs = pagina.xpath("//meta[@http-equiv='refresh']/@content")
        assert ververs and 1 <= int(ververs[0]) <= 30
        assert not pagina.xpath("//script")


def test_an_unapproved_language_falls_back_to_dutch_marked_as_such(
    zender: Zender, client: FlaskClient
) -> None:
    zender.verzonden(echt(talen=["nl", "en"]))
    [b] = _lijst(client, "/publiek/scherm.json?taal=ar")["berichten"]
    assert (b["taal"], b["richting"]) == ("nl", "ltr")


def test_an_ended_alert_is_never_on_a_screen(
    zender: Zender, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingetrokken = zender.verzonden(echt(talen=["nl"]))
    zender.vervolg(ingetrokken, BerichtSoort.CANCEL)
    veilig = zender.verzonden(echt(talen=["nl"], velden={"plaats": "Zeist", "link": "crisis.nl"}))
    zender.vervolg(veilig, BerichtSoort.EINDE)
    loopt = zender.verzonden(
        echt(talen=["nl"], duur_minuten=10, velden={"plaats": "Ede", "link": "crisis.nl"})
    )
    zender.verzonden(inhoud())  # an exercise: only on the exercise screen
    [b] = _lijst(client, "/publiek/scherm.json")["berichten"]
    assert b["incident"] == loopt and "Ede" in b["tekst"]
    assert len(_lijst(client, "/publiek/oefening/scherm.json")["berichten"]) == 1
    pagina = client.get("/publiek/scherm").get_data(as_text=True)
    assert "Ede" in pagina and "Zeist" not in pagina and "Utrecht" not in pagina

    # Just before it expires the screen is told to ask again at its expiry; after, it is gone.
    verloopt = datetime.fromisoformat(b["verloopt"])
    monkeypatch.setattr(views, "_nu", lambda: verloopt.astimezone(UTC) - timedelta(seconds=5))
    assert _lijst(client, "/publiek/scherm.json")["verversen_seconden"] <= 6
    monkeypatch.setattr(views, "_nu", lambda: verloopt.astimezone(UTC) + timedelta(seconds=1))
    assert _lijst(client, "/publiek/scherm.json")["berichten"] == []
    leeg = client.get("/publiek/scherm").get_data(as_text=True)
    assert "Ede" not in leeg and re.search(r'http-equiv="refresh" content="30"', leeg)


@pytest.mark.parametrize("taal", ["xx", "", "<script>", "nl&x=1"])
def test_an_unknown_language_is_a_400_in_one_line(client: FlaskClient, taal: str) -> None:
    r = client.get("/publiek/scherm.json", query_string={"taal": taal})
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert "taal" in r.get_json()["detail"] and "<script>" not in r.get_data(as_text=True)
    r = client.get("/publiek/scherm", query_string={"taal": taal})
    assert r.status_code == 400 and "<script>" not in r.get_data(as_text=True)
